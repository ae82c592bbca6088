import { BatchError } from '../errors.js';
import type { Json, JsonObject } from './json.js';

/** A rectangular numeric array flattened row-major (C order), as `data.tensor` carries it. */
export interface Dense {
  readonly shape: number[];
  readonly values: number[];
}

/**
 * Flattens a nested JSON array into shape + values, as `numpy.array(x)` would for numeric input.
 * Ragged or non-numeric input is a line error (numpy would make an object array the Seldon
 * tensor encodings cannot carry).
 */
export function toDense(value: Json, where: string): Dense {
  const shape: number[] = [];
  let probe: Json = value;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const values: number[] = [];
  const walk = (node: Json, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node !== 'number') {
        throw new BatchError(
          'SC_ERR_BATCH_LINE_INVALID',
          `${where}: tensor data must be numeric, found ${JSON.stringify(node)}`,
        );
      }
      values.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth]) {
      throw new BatchError(
        'SC_ERR_BATCH_LINE_INVALID',
        `${where}: array is ragged (expected length ${shape[depth]} at depth ${depth})`,
      );
    }
    for (const child of node) walk(child, depth + 1);
  };
  walk(value, 0);
  return { shape, values };
}

/** `data.tensor` for a dense array. */
export function tensorOf(dense: Dense): JsonObject {
  return { shape: dense.shape, values: dense.values };
}

/**
 * `data.tftensor` for a dense array. Without TensorFlow the values go as `DT_DOUBLE` in
 * `doubleVal` (the reference's `tf.make_tensor_proto` picks the numpy dtype and packs
 * `tensorContent` bytes); both decode to the same numbers.
 */
export function tftensorOf(dense: Dense): JsonObject {
  return {
    dtype: 'DT_DOUBLE',
    tensorShape: { dim: dense.shape.map((size) => ({ size: String(size) })) },
    doubleVal: dense.values,
  };
}

/** Encodes a decoded `data` line as `DefaultData` of the chosen payload type. */
export function encodeData(
  value: Json,
  payloadType: 'ndarray' | 'tensor' | 'tftensor',
  where: string,
): JsonObject {
  if (!Array.isArray(value)) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_INVALID',
      `${where}: data type 'data' needs a JSON array, got ${typeof value === 'object' ? (value === null ? 'null' : 'an object') : `a ${typeof value}`}`,
    );
  }
  switch (payloadType) {
    case 'ndarray':
      return { ndarray: value };
    case 'tensor':
      return { tensor: tensorOf(toDense(value, where)) };
    case 'tftensor':
      return { tftensor: tftensorOf(toDense(value, where)) };
  }
}
