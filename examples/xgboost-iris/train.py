"""Trains the example's iris classifier and writes model/model.json.

Run with a Python that has xgboost and scikit-learn (Debian: python3-xgboost python3-sklearn):
    python3 examples/xgboost-iris/train.py
Small on purpose (4 rounds x 3 classes, depth 2: 12 trees, a few KB). No feature names are
saved: the reference server predicts on an unnamed DMatrix, which xgboost refuses for a model
that has names.
"""
import os

import xgboost as xgb
from sklearn.datasets import load_iris

X, y = load_iris(return_X_y=True)
params = {"objective": "multi:softprob", "num_class": 3, "max_depth": 2, "eta": 0.5, "nthread": 1, "seed": 1}
booster = xgb.train(params, xgb.DMatrix(X, label=y), 4)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "model", "model.json")
booster.save_model(out)
print(out, booster.predict(xgb.DMatrix(X[:1])).tolist())
