"""Trains real XGBoost models and writes them with the predictions xgboost itself makes.

Usage: python3 make_models.py OUTDIR
Writes OUTDIR/<case>/model.json (and model.ubj / model.bst for some) and OUTDIR/cases.json:
a list of {name, dir, missing, rows (null = NaN), shape, expected (flat), objective}.
"""
import json
import os
import sys

import numpy as np
import xgboost as xgb
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris

out = sys.argv[1]
rng = np.random.default_rng(7)
cases = []


def with_nans(X, frac):
    X = X.astype(np.float64).copy()
    X[rng.random(X.shape) < frac] = np.nan
    return X


def save(name, booster, rows, missing=np.nan, formats=("json",), extra=None, **dm):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    for fmt in formats:
        booster.save_model(os.path.join(d, "model." + fmt))
    pred = booster.predict(xgb.DMatrix(rows, missing=missing, **dm))
    margin = booster.predict(xgb.DMatrix(rows, missing=missing, **dm), output_margin=True)
    cfg = json.loads(booster.save_config())
    case = {
        "name": name,
        "dir": d,
        "missing": None if np.isnan(missing) else float(missing),
        "rows": [[None if np.isnan(v) else float(v) for v in r] for r in rows],
        "shape": list(pred.shape),
        "expected": [float(v) for v in pred.reshape(-1)],
        "margin": [float(v) for v in margin.reshape(-1)],
        "objective": cfg["learner"]["objective"]["name"],
    }
    case.update(extra or {})
    cases.append(case)


def train(params, X, y, rounds, missing=np.nan, **dm):
    p = {"max_depth": 3, "eta": 0.3, "nthread": 1, "seed": 1}
    p.update(params)
    return xgb.train(p, xgb.DMatrix(X, label=y, missing=missing, **dm), rounds)


# iris: multi-class
Xi, yi = load_iris(return_X_y=True)
save("iris-softprob", train({"objective": "multi:softprob", "num_class": 3}, Xi, yi, 10),
     Xi[::7], formats=("json", "ubj"))
save("iris-softmax", train({"objective": "multi:softmax", "num_class": 3}, Xi, yi, 10), Xi[::7])
save("iris-forest", train({"objective": "multi:softprob", "num_class": 3, "num_parallel_tree": 3,
                           "subsample": 0.8, "colsample_bynode": 0.8}, Xi, yi, 4), Xi[::5])
Xin = with_nans(Xi, 0.2)
save("iris-nan-softprob", train({"objective": "multi:softprob", "num_class": 3}, Xin, yi, 8),
     with_nans(Xi, 0.3)[::4])

# breast cancer: binary, with NaNs in training and test rows
Xb, yb = load_breast_cancer(return_X_y=True)
Xbn = with_nans(Xb, 0.15)
test_b = with_nans(Xb, 0.25)[::9]
for obj in ["binary:logistic", "binary:logitraw", "binary:hinge", "reg:logistic"]:
    save("cancer-" + obj.replace(":", "-"), train({"objective": obj}, Xbn, yb, 12), test_b,
         formats=("json", "ubj") if obj == "binary:logistic" else ("json",))
save("cancer-base-score", train({"objective": "binary:logistic", "base_score": 0.3}, Xbn, yb, 6), test_b)
save("cancer-dart", train({"objective": "binary:logistic", "booster": "dart", "rate_drop": 0.3,
                           "skip_drop": 0.0}, Xbn, yb, 10), test_b, formats=("json", "ubj"))
save("cancer-deep", train({"objective": "binary:logistic", "max_depth": 8}, Xbn, yb, 40), test_b)

# diabetes: regression objectives
Xd, yd = load_diabetes(return_X_y=True)
Xdn = with_nans(Xd, 0.1)
test_d = with_nans(Xd, 0.2)[::11]
for obj, y in [("reg:squarederror", yd), ("reg:squaredlogerror", yd), ("reg:pseudohubererror", yd / 100),
               ("reg:absoluteerror", yd), ("reg:gamma", yd), ("reg:tweedie", yd),
               ("count:poisson", np.round(yd / 10)), ("survival:cox", yd)]:
    save("diabetes-" + obj.replace(":", "-"), train({"objective": obj}, Xdn, y, 10), test_d)
save("diabetes-poisson-base", train({"objective": "count:poisson", "base_score": 2.0}, Xdn,
                                    np.round(yd / 10), 5), test_d)
save("diabetes-linear", train({"objective": "reg:squarederror", "booster": "gblinear"}, Xdn, yd, 10), test_d)

# the missing value: -999 marks missing in training and prediction
Xm = np.where(np.isnan(Xdn), -999.0, Xdn)
tm = np.where(np.isnan(test_d), -999.0, test_d)
save("diabetes-missing", train({"objective": "reg:squarederror"}, Xm, yd, 8, missing=-999.0), tm,
     missing=-999.0)

# ranking: raw margins
Xr = rng.random((120, 5))
yr = rng.integers(0, 4, 120)
for obj in ["rank:pairwise", "rank:ndcg"]:
    p = {"max_depth": 3, "eta": 0.3, "nthread": 1, "seed": 1, "objective": obj}
    dm = xgb.DMatrix(Xr, label=yr)
    dm.set_group([20] * 6)
    save(obj.replace(":", "-"), xgb.train(p, dm, 8), Xr[::6])

# multi-output regression (one tree per target)
Y2 = np.stack([yd, yd / 2 + Xd[:, 0]], axis=1)
save("diabetes-multi-target", train({"objective": "reg:squarederror", "tree_method": "hist"}, Xdn, Y2, 6),
     test_d)

# categorical splits: feature 0 is a category 0..11 (partition and one-hot splits)
n = 400
cat = rng.integers(0, 12, n).astype(np.float64)
num = rng.random((n, 2))
yc = ((np.isin(cat, [1, 4, 7, 10]) ^ (num[:, 0] > 0.6)) | (num[:, 1] > 0.9)).astype(np.float64)
Xc = np.column_stack([cat, num])
Xc[rng.random(Xc.shape) < 0.05] = np.nan
test_c = Xc[::13].copy()
test_c[0, 0] = 30.0  # a category never seen in training
test_c[1, 0] = -1.0  # an invalid category
types = ["c", "q", "q"]
for name, onehot in [("categorical-partition", 1), ("categorical-onehot", 64)]:
    save(name, train({"objective": "binary:logistic", "tree_method": "hist", "max_cat_to_onehot": onehot},
                     Xc, yc, 8, feature_types=types, enable_categorical=True), test_c,
         feature_types=types, enable_categorical=True)

# feature names kept in the model
bn = train({"objective": "binary:logistic"}, Xb[:, :4], yb, 3,
           feature_names=["radius", "texture", "perimeter", "area"])
save("cancer-named", bn, Xb[::50, :4], feature_names=["radius", "texture", "perimeter", "area"])

# the legacy binary format, to check that it is refused
legacy = os.path.join(out, "legacy")
os.makedirs(legacy, exist_ok=True)
train({"objective": "binary:logistic"}, Xb, yb, 2).save_model(os.path.join(legacy, "model.bst"))

with open(os.path.join(out, "cases.json"), "w") as f:
    json.dump({"xgboost": xgb.__version__, "cases": cases}, f)
print(len(cases))
