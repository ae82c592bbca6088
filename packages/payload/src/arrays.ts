import type { DefaultData, DefaultDataKind, JsonValue, TfDataType } from './types.js';
import { type DecodeOptions } from './options.js';
import * as impl from './internal/arrays.js';

/**
 * An n-dimensional array in row-major (C) order: what `data` (tensor / ndarray / tftensor) holds.
 * Numeric arrays hold a `Float64Array`; others (strings, booleans, null, objects, ragged lists)
 * a flat list of JSON values. A plain structural type, so any class with these members fits.
 */
export interface NdValue {
  /** Dimensions; `[]` for a scalar. The product equals `values.length`. */
  readonly shape: readonly number[];
  /** Elements, flattened row-major. */
  readonly values: Float64Array | JsonValue[];
  /**
   * Element type when known from a tftensor (kept so a tftensor answer can use the same dtype).
   * Absent for tensor (always doubles) and ndarray data.
   */
  readonly dtype?: TfDataType;
}

/**
 * The n-d value of a DefaultData: `tensor` → its values (a `Float64Array`, not copied when the
 * message came from protobuf) reshaped to `shape`; `ndarray` → shape inferred as numpy does
 * (a ragged list becomes a 1-D array of its top-level elements); `tftensor` → decoded like
 * `tf.make_ndarray` (tensorContent or the typed `*Val` field, a single value broadcast, a short
 * list padded with its last value); no kind → an empty 1-D array.
 * @throws PayloadError (`SC_ERR_PAYLOAD_SHAPE_MISMATCH`, `SC_ERR_PAYLOAD_UNSUPPORTED`,
 *   `SC_ERR_PAYLOAD_TOO_LARGE`, `SC_ERR_PAYLOAD_BAD_BASE64`)
 */
export function dataToNd(data: DefaultData, opts?: DecodeOptions, path = '$.data'): NdValue {
  return impl.dataToNd(data, opts, path);
}

/**
 * A DefaultData of the given kind holding `nd`. `tensor` needs numeric values; `tftensor`
 * encodes numbers as `tensorContent` (dtype from `nd.dtype`, default `DT_DOUBLE`) and strings /
 * booleans as `stringVal` / `boolVal`.
 */
export function ndToData(nd: NdValue, kind: DefaultDataKind, names?: string[]): DefaultData {
  return impl.ndToData(nd, kind, names);
}

/** Nested JS arrays -> NdValue, inferring the shape as numpy does (all-number lists -> Float64Array). */
export function nestedToNd(value: JsonValue, opts?: DecodeOptions): NdValue {
  return impl.nestedToNd(value, opts);
}

/** NdValue -> nested JS arrays (a scalar for shape `[]`). */
export function ndToNested(nd: NdValue): JsonValue {
  return impl.ndToNested(nd);
}

/** True when every element is a number (booleans and strings are not numeric, as in numpy). */
export function isNumericNd(nd: NdValue): boolean {
  return impl.isNumericNd(nd);
}
