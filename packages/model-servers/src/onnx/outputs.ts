// ONNX Runtime output tensors -> n-d arrays (for `data` answers), nested lists (jsonData maps)
// and v2 output tensors.
import { ndToNested, type JsonValue, type NdValue, type V2ResponseOutput } from '@seldon-ts/payload';
import { ELEMENT_TYPES } from './dtypes.js';
import type { TensorSpec } from './signature.js';

/** The part of an ONNX Runtime tensor read here. */
export interface OutputTensor {
  readonly dims: readonly number[];
  readonly data: unknown;
}

/**
 * The elements of an output: numbers as a Float64Array (int64 beyond 2^53 loses precision, as
 * any JSON number would), booleans and strings as lists.
 */
function elements(spec: TensorSpec, tensor: OutputTensor): Float64Array | JsonValue[] {
  const kind = ELEMENT_TYPES[spec.type].kind;
  const data = tensor.data as ArrayLike<number | bigint | string>;
  if (kind === 'string') return Array.from(data as ArrayLike<string>);
  if (kind === 'bool') return Array.from(data as ArrayLike<number>, (x) => x !== 0);
  // Tag checks, not instanceof: the native binding's typed arrays may come from another realm
  // (a vm context, as under Jest).
  const tag = Object.prototype.toString.call(data);
  if (tag === '[object BigInt64Array]' || tag === '[object BigUint64Array]')
    return Float64Array.from(data as ArrayLike<bigint>, (x) => Number(x));
  return Float64Array.from(data as ArrayLike<number>);
}

/** An output as an n-d array carrying its tftensor dtype (so tftensor answers keep the type). */
export function outputToNd(spec: TensorSpec, tensor: OutputTensor): NdValue {
  return { shape: [...tensor.dims], values: elements(spec, tensor), dtype: ELEMENT_TYPES[spec.type].tf };
}

/** An output as nested JSON lists (a scalar for a 0-d output). */
export function outputToNested(spec: TensorSpec, tensor: OutputTensor): JsonValue {
  return ndToNested(outputToNd(spec, tensor));
}

/** An output as a v2 response tensor (flat `data`). */
export function outputToV2(spec: TensorSpec, tensor: OutputTensor): V2ResponseOutput {
  const values = elements(spec, tensor);
  return {
    name: spec.name,
    datatype: ELEMENT_TYPES[spec.type].v2,
    shape: [...tensor.dims],
    data: values instanceof Float64Array ? Array.from(values) : values,
  };
}
