#!/usr/bin/env python3
"""Builds examples/onnx-iris/model/model.onnx: scikit-learn's logistic regression on the iris data
set, written as an ONNX graph by hand (no skl2onnx): MatMul + Add, then Softmax for the
`probabilities` output and ArgMax for the `label` output, the two outputs skl2onnx gives a
classifier (without its ZipMap). The graph's answers are checked against scikit-learn and numpy.

Needs Debian's python3-onnx and python3-sklearn (or `pip install onnx scikit-learn`):

    /usr/bin/python3 examples/onnx-iris/make-model.py [--out model/model.onnx] [--expect answers.json]

--expect writes the numpy answers for a few rows of the data set, which the tests compare with
ONNX Runtime's answers through the server.
"""
import argparse
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

OPSET = 13
TOLERANCE = 1e-5
# Rows of the data set used as the check (one of each class and two borderline ones).
SAMPLE_ROWS = [0, 50, 100, 70, 133]


def train():
    X, y = load_iris(return_X_y=True)
    clf = LogisticRegression(max_iter=1000).fit(X, y)
    return X, clf


def build_graph(clf):
    weights = clf.coef_.T.astype(np.float32)  # [4, 3]
    bias = clf.intercept_.astype(np.float32)  # [3]
    nodes = [
        helper.make_node('MatMul', ['float_input', 'coef'], ['scores_mm']),
        helper.make_node('Add', ['scores_mm', 'intercept'], ['scores']),
        helper.make_node('Softmax', ['scores'], ['probabilities'], axis=1),
        helper.make_node('ArgMax', ['scores'], ['label'], axis=1, keepdims=0),
    ]
    n_classes = weights.shape[1]
    graph = helper.make_graph(
        nodes,
        'iris_logistic_regression',
        [helper.make_tensor_value_info('float_input', TensorProto.FLOAT, ['N', weights.shape[0]])],
        [
            helper.make_tensor_value_info('label', TensorProto.INT64, ['N']),
            helper.make_tensor_value_info('probabilities', TensorProto.FLOAT, ['N', n_classes]),
        ],
        [numpy_helper.from_array(weights, 'coef'), numpy_helper.from_array(bias, 'intercept')],
    )
    model = helper.make_model(
        graph,
        producer_name='seldon-ts examples/onnx-iris/make-model.py',
        opset_imports=[helper.make_opsetid('', OPSET)],
    )
    # ONNX Runtime reads IR version 8 (onnx 1.12) and later; pin it so the file does not change
    # with the onnx package that writes it.
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model, weights, bias


def numpy_answers(x, weights, bias):
    """What the graph computes, in numpy (float32 like ONNX Runtime)."""
    scores = x.astype(np.float32) @ weights + bias
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e.argmax(axis=1).astype(np.int64), e / e.sum(axis=1, keepdims=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', default=os.path.join(here, 'model', 'model.onnx'))
    parser.add_argument('--expect', help='write the numpy answers of the sample rows to this JSON file')
    args = parser.parse_args()

    X, clf = train()
    model, weights, bias = build_graph(clf)
    label, proba = numpy_answers(X, weights, bias)
    # The float32 graph agrees with scikit-learn's float64 model.
    assert np.allclose(proba, clf.predict_proba(X), atol=TOLERANCE), 'probabilities differ from sklearn'
    assert (label == clf.predict(X)).all(), 'labels differ from sklearn'

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    onnx.save(model, args.out)
    if args.expect:
        rows = X[SAMPLE_ROWS].astype(np.float32)
        label, proba = numpy_answers(rows, weights, bias)
        with open(args.expect, 'w') as f:
            json.dump(
                {
                    'float_input': rows.tolist(),
                    'label': label.tolist(),
                    'probabilities': proba.astype(np.float64).tolist(),
                },
                f,
            )
    print(f'wrote {args.out} ({os.path.getsize(args.out)} bytes)')


if __name__ == '__main__':
    main()
