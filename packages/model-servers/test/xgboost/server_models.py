"""Models for the XGBoostServer tests, with xgboost's predictions (same cases.json format as
make_models.py): the shipped iris example under the reference's file name model.bst, and a
4-feature binary:logistic model with NaNs in its rows.

Usage: python3 server_models.py OUTDIR EXAMPLE_MODEL_JSON
"""
import json
import os
import shutil
import sys

import numpy as np
import xgboost as xgb
from sklearn.datasets import load_breast_cancer, load_iris

out, example = sys.argv[1], sys.argv[2]
cases = []


def record(name, d, booster, rows):
    pred = booster.predict(xgb.DMatrix(rows))
    cases.append({
        "name": name, "dir": d, "missing": None,
        "rows": [[None if np.isnan(v) else float(v) for v in r] for r in rows],
        "shape": list(pred.shape), "expected": [float(v) for v in pred.reshape(-1)],
        "margin": [], "objective": json.loads(booster.save_config())["learner"]["objective"]["name"],
    })


iris_dir = os.path.join(out, "iris")
os.makedirs(iris_dir)
shutil.copy(example, os.path.join(iris_dir, "model.bst"))
Xi, _ = load_iris(return_X_y=True)
record("iris", iris_dir, xgb.Booster(model_file=os.path.join(iris_dir, "model.bst")), Xi[::10])

Xb, yb = load_breast_cancer(return_X_y=True)
Xb = Xb[:, :4].copy()
Xb[np.random.default_rng(3).random(Xb.shape) < 0.2] = np.nan
bin_dir = os.path.join(out, "binary")
os.makedirs(bin_dir)
b = xgb.train({"objective": "binary:logistic", "max_depth": 3, "nthread": 1}, xgb.DMatrix(Xb, label=yb), 5)
b.save_model(os.path.join(bin_dir, "model.json"))
record("binary", bin_dir, b, Xb[::40])

with open(os.path.join(out, "cases.json"), "w") as f:
    json.dump({"xgboost": xgb.__version__, "cases": cases}, f)
