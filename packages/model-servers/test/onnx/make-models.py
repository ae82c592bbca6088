#!/usr/bin/env python3
"""Test models of the ONNX server, written with onnx.helper (Debian's python3-onnx), and the
answers numpy computes for the test inputs (the tests compare ONNX Runtime's answers, through the
server, with these to 1e-5).

    python3 make-models.py OUT_DIR      writes OUT_DIR/<name>.onnx and OUT_DIR/expect.json
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

OPSET = 13


def save(model_graph, path, extra_opsets=()):
    model = helper.make_model(
        model_graph,
        producer_name='seldon-ts model-servers tests',
        opset_imports=[helper.make_opsetid('', OPSET), *extra_opsets],
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def two_inputs(out):
    """features FLOAT [2,3] and scale INT64 [2,1] (fixed shapes): scaled = features * scale, doubled = scale * 2."""
    g = helper.make_graph(
        [
            helper.make_node('Cast', ['scale'], ['scale_f'], to=TensorProto.FLOAT),
            helper.make_node('Mul', ['features', 'scale_f'], ['scaled']),
            helper.make_node('Add', ['scale', 'scale'], ['doubled']),
        ],
        'two_inputs',
        [
            helper.make_tensor_value_info('features', TensorProto.FLOAT, [2, 3]),
            helper.make_tensor_value_info('scale', TensorProto.INT64, [2, 1]),
        ],
        [
            helper.make_tensor_value_info('scaled', TensorProto.FLOAT, [2, 3]),
            helper.make_tensor_value_info('doubled', TensorProto.INT64, [2, 1]),
        ],
    )
    save(g, os.path.join(out, 'two-inputs.onnx'))
    features = np.array([[0.5, 1.5, -2.25], [3.0, 0.1, 7.0]], dtype=np.float32)
    scale = np.array([[2], [-3]], dtype=np.int64)
    return {
        'features': features.tolist(),
        'scale': scale.tolist(),
        'scaled': (features * scale.astype(np.float32)).astype(np.float64).tolist(),
        'doubled': (scale * 2).tolist(),
    }


def dynamic(out):
    """x DOUBLE [?, 2] (an unnamed dynamic batch dimension): y = x * 2 + 1."""
    g = helper.make_graph(
        [
            helper.make_node('Add', ['x', 'x'], ['x2']),
            helper.make_node('Add', ['x2', 'one'], ['y']),
        ],
        'dynamic_batch',
        [helper.make_tensor_value_info('x', TensorProto.DOUBLE, [None, 2])],
        [helper.make_tensor_value_info('y', TensorProto.DOUBLE, [None, 2])],
        [helper.make_tensor('one', TensorProto.DOUBLE, [], [1.0])],
    )
    save(g, os.path.join(out, 'dynamic.onnx'))
    batches = {}
    for n in (1, 3, 5):
        x = np.arange(n * 2, dtype=np.float64).reshape(n, 2) / 3.0
        batches[str(n)] = {'x': x.tolist(), 'y': (x * 2 + 1).tolist()}
    return batches


def types(out):
    """text STRING [N], mask BOOL [N], count INT32 [N]: text_out = text, mask_out = not mask, count_out = count + 1."""
    g = helper.make_graph(
        [
            helper.make_node('Identity', ['text'], ['text_out']),
            helper.make_node('Not', ['mask'], ['mask_out']),
            helper.make_node('Add', ['count', 'one'], ['count_out']),
        ],
        'types',
        [
            helper.make_tensor_value_info('text', TensorProto.STRING, ['N']),
            helper.make_tensor_value_info('mask', TensorProto.BOOL, ['N']),
            helper.make_tensor_value_info('count', TensorProto.INT32, ['N']),
        ],
        [
            helper.make_tensor_value_info('text_out', TensorProto.STRING, ['N']),
            helper.make_tensor_value_info('mask_out', TensorProto.BOOL, ['N']),
            helper.make_tensor_value_info('count_out', TensorProto.INT32, ['N']),
        ],
        [helper.make_tensor('one', TensorProto.INT32, [], [1])],
    )
    save(g, os.path.join(out, 'types.onnx'))
    count = np.array([1, -7, 2147483646], dtype=np.int32)
    mask = np.array([True, False, True])
    return {
        'text': ['a', 'héllo', ''],
        'mask': mask.tolist(),
        'count': count.tolist(),
        'mask_out': np.logical_not(mask).tolist(),
        'count_out': (count + 1).tolist(),
    }


def seq_of_maps(name):
    """A value info of type seq(map(int64, float)) (onnx 1.12's helper has no make_map_type_proto)."""
    info = onnx.ValueInfoProto()
    info.name = name
    entry = info.type.sequence_type.elem_type.map_type
    entry.key_type = TensorProto.INT64
    entry.value_type.tensor_type.elem_type = TensorProto.FLOAT
    return info


def zipmap(out):
    """x FLOAT [N,3]: probabilities = Softmax(x), and output_probability = ZipMap(probabilities), a sequence of maps."""
    g = helper.make_graph(
        [
            helper.make_node('Softmax', ['x'], ['probabilities'], axis=1),
            helper.make_node(
                'ZipMap', ['probabilities'], ['output_probability'], domain='ai.onnx.ml', classlabels_int64s=[0, 1, 2]
            ),
        ],
        'zipmap',
        [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['N', 3])],
        [
            helper.make_tensor_value_info('probabilities', TensorProto.FLOAT, ['N', 3]),
            seq_of_maps('output_probability'),
        ],
    )
    save(g, os.path.join(out, 'zipmap.onnx'), [helper.make_opsetid('ai.onnx.ml', 1)])
    x = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return {'x': x.tolist(), 'probabilities': (e / e.sum(axis=1, keepdims=True)).astype(np.float64).tolist()}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    expect = {'two-inputs': two_inputs(out), 'dynamic': dynamic(out), 'types': types(out), 'zipmap': zipmap(out)}
    with open(os.path.join(out, 'expect.json'), 'w') as f:
        json.dump(expect, f)


if __name__ == '__main__':
    main()
