import {
  isNumericNd,
  ndToNested,
  nestedToNd,
  type JsonValue,
  type NdValue,
  type TfDataType,
} from '@seldon-ts/payload';

/** A nested JS array (what `toArray()` returns and what a component may return). */
export type NestedArray = readonly (JsonValue | NestedArray)[];

/** Where an {@link NdArray} came from (the request's `data` kind). */
export type NdArrayKind = 'tensor' | 'ndarray' | 'tftensor';

/**
 * An n-dimensional array in row-major (C) order: the value a component receives for a request
 * carrying `data` (the counterpart of the numpy array the Python wrapper passes).
 *
 * Numeric arrays hold a `Float64Array` (no per-element objects); others (strings, booleans,
 * nested objects, ragged lists) hold a flat list of JSON values.
 *
 * It is payload's {@link NdValue} with a class around it: the conversions (shape inference,
 * nesting, numeric test) are payload's, so a component sees exactly what the codec decoded.
 */
export class NdArray implements NdValue {
  /** Dimensions; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** Elements, flattened in row-major order. */
  readonly values: Float64Array | JsonValue[];
  /** The request's data kind, when the array came from a request. */
  readonly kind: NdArrayKind | undefined;
  /** Element type of a tftensor (kept so that a tftensor answer uses the same dtype). */
  readonly dtype: TfDataType | undefined;

  constructor(
    values: Float64Array | JsonValue[] | readonly number[],
    shape?: readonly number[],
    kind?: NdArrayKind,
    dtype?: TfDataType,
  ) {
    const vals = values instanceof Float64Array ? values : (values as JsonValue[]);
    const dims = shape ?? [vals.length];
    let size = 1;
    for (const d of dims) size *= d;
    if (size !== vals.length) {
      throw new RangeError(`NdArray: shape [${dims.join(',')}] needs ${size} values, got ${vals.length}`);
    }
    this.values = vals;
    this.shape = dims;
    this.kind = kind;
    this.dtype = dtype;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return this.values.length;
  }

  /** True when every element is a number (booleans and strings are not numeric, as in numpy). */
  get numeric(): boolean {
    return isNumericNd(this);
  }

  /** The element at a multi-dimensional index. */
  get(...index: number[]): JsonValue {
    let offset = 0;
    for (let d = 0; d < this.shape.length; d++) offset = offset * this.shape[d] + (index[d] ?? 0);
    return this.values[offset] as JsonValue;
  }

  /** The array as nested JS arrays (a scalar for shape `[]`). */
  toArray(): JsonValue {
    return ndToNested(this);
  }

  /** The values as a Float64Array (copied unless already one). Non-numbers become NaN. */
  toFloat64Array(): Float64Array {
    const v = this.values;
    return v instanceof Float64Array
      ? v
      : Float64Array.from(v as unknown[], (x) => (typeof x === 'number' ? x : Number.NaN));
  }

  /**
   * Builds an array from nested JS arrays, inferring the shape the way numpy does for regular
   * input (all numbers → a `Float64Array`); a ragged list becomes a 1-D array of its top-level
   * elements.
   */
  static fromNested(nested: JsonValue, kind?: NdArrayKind): NdArray {
    // No depth bound: the caller's own value, not untrusted input (decoders bound that).
    const nd = nestedToNd(nested, { maxDepth: Number.MAX_SAFE_INTEGER });
    return new NdArray(nd.values, nd.shape, kind);
  }
}

/** True for values a component may return as array data. */
export function isArrayLike(value: unknown): value is NdArray | unknown[] | ArrayBufferView {
  return (
    value instanceof NdArray ||
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof Uint8Array))
  );
}
