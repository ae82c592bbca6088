"""Models of benchmarks/model-servers.bench.mjs, written to OUT (first argument):

- sklearn/model.joblib: the iris LogisticRegression of examples/onnx-iris/make-model.py (same data,
  same settings), checked to have the coefficients of examples/onnx-iris/model/model.onnx (second
  argument), so SKLEARN_SERVER and ONNX_SERVER serve the same model;
- big-xgb/model.bst: an XGBoost model of about BYTES bytes (third argument) in XGBoost's JSON form,
  4 features like iris (a few hundred depth-12 regression trees on synthetic data);
- big-onnx/model.onnx: an ONNX model of about BYTES bytes taking iris rows (MatMul layers).

Prints one JSON line: versions and file sizes. Needs Debian's python3-xgboost, python3-sklearn,
python3-onnx (numpy, joblib come with them).
"""
import json
import os
import sys

import joblib
import numpy as np
import onnx
import sklearn
import xgboost as xgb
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression


def iris_sklearn(out, iris_onnx):
    X, y = load_iris(return_X_y=True)
    clf = LogisticRegression(max_iter=1000).fit(X, y)
    weights = {t.name: numpy_helper.to_array(t) for t in onnx.load(iris_onnx).graph.initializer}
    same = np.allclose(weights['coef'], clf.coef_.T.astype(np.float32), atol=1e-6) and np.allclose(
        weights['intercept'], clf.intercept_.astype(np.float32), atol=1e-6
    )
    if not same:
        sys.exit('the LogisticRegression trained here differs from examples/onnx-iris/model/model.onnx')
    os.makedirs(os.path.join(out, 'sklearn'))
    path = os.path.join(out, 'sklearn', 'model.joblib')
    joblib.dump(clf, path)
    return path


def big_xgboost(out, target):
    # Noise as the label and row subsampling keep the trees large; later trees are larger than the
    # first ones, so the model is trained from a first estimate and then cut to the target size.
    rng = np.random.default_rng(1)
    X = rng.normal(size=(8000, 4))
    y = rng.normal(size=8000)
    params = {'objective': 'reg:squarederror', 'max_depth': 12, 'eta': 0.3, 'subsample': 0.5}
    params.update({'tree_method': 'hist', 'seed': 1})
    dtrain = xgb.DMatrix(X, label=y)
    probe = xgb.train(params, dtrain, 10)
    per_tree = len(probe.save_raw('json')) / 10
    booster = xgb.train(params, dtrain, max(1, round(target / per_tree)))
    raw = booster.save_raw('json')
    while len(raw) > target * 1.02 and booster.num_boosted_rounds() > 1:
        keep = max(1, int(booster.num_boosted_rounds() * target / len(raw)))
        booster = booster[0:keep]
        raw = booster.save_raw('json')
    os.makedirs(os.path.join(out, 'big-xgb'))
    path = os.path.join(out, 'big-xgb', 'model.bst')
    # JSON under the reference's file name: xgboost reads the format from the content.
    with open(path, 'wb') as f:
        f.write(raw)
    return path, booster.num_boosted_rounds()


def big_onnx(out, target):
    rng = np.random.default_rng(1)
    hidden = 512
    wide = int((target / 4 - 4 * hidden) / (hidden + 3))
    shapes = {'w1': (4, hidden), 'w2': (hidden, wide), 'w3': (wide, 3)}
    inits = [numpy_helper.from_array((rng.normal(size=s) * 0.01).astype(np.float32), n) for n, s in shapes.items()]
    nodes = [
        helper.make_node('MatMul', ['float_input', 'w1'], ['h1']),
        helper.make_node('Relu', ['h1'], ['a1']),
        helper.make_node('MatMul', ['a1', 'w2'], ['h2']),
        helper.make_node('Relu', ['h2'], ['a2']),
        helper.make_node('MatMul', ['a2', 'w3'], ['scores']),
        helper.make_node('Softmax', ['scores'], ['probabilities'], axis=1),
    ]
    graph = helper.make_graph(
        nodes,
        'big_mlp',
        [helper.make_tensor_value_info('float_input', TensorProto.FLOAT, ['N', 4])],
        [helper.make_tensor_value_info('probabilities', TensorProto.FLOAT, ['N', 3])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    os.makedirs(os.path.join(out, 'big-onnx'))
    path = os.path.join(out, 'big-onnx', 'model.onnx')
    onnx.save(model, path)
    return path


def main():
    out, iris_onnx, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
    joblib_path = iris_sklearn(out, iris_onnx)
    xgb_path, trees = big_xgboost(out, target)
    onnx_path = big_onnx(out, target)
    print(
        json.dumps(
            {
                'python': sys.version.split()[0],
                'xgboost': xgb.__version__,
                'sklearn': sklearn.__version__,
                'numpy': np.__version__,
                'onnx': onnx.__version__,
                'joblib_bytes': os.path.getsize(joblib_path),
                'big_xgb_bytes': os.path.getsize(xgb_path),
                'big_xgb_trees': trees,
                'big_onnx_bytes': os.path.getsize(onnx_path),
            }
        )
    )


if __name__ == '__main__':
    main()
