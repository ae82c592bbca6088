import type { JsonValue, TfDataType } from '@seldon-ts/payload';

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
 */
export class NdArray {
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
    const v = this.values;
    if (v instanceof Float64Array) return true;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
    return true;
  }

  /** The element at a multi-dimensional index. */
  get(...index: number[]): JsonValue {
    let offset = 0;
    for (let d = 0; d < this.shape.length; d++) offset = offset * this.shape[d] + (index[d] ?? 0);
    return this.values[offset] as JsonValue;
  }

  /** The array as nested JS arrays (a scalar for shape `[]`). */
  toArray(): JsonValue {
    const { shape, values } = this;
    if (shape.length === 0) return values[0] as JsonValue;
    let pos = 0;
    const build = (dim: number): JsonValue[] => {
      const n = shape[dim];
      const out: JsonValue[] = new Array(n);
      if (dim === shape.length - 1) {
        for (let i = 0; i < n; i++) out[i] = values[pos++] as JsonValue;
      } else {
        for (let i = 0; i < n; i++) out[i] = build(dim + 1);
      }
      return out;
    };
    return build(0);
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
   * input; a ragged list becomes a 1-D array of its top-level elements.
   */
  static fromNested(nested: JsonValue, kind?: NdArrayKind): NdArray {
    if (!Array.isArray(nested)) return new NdArray([nested], [], kind);
    const shape: number[] = [];
    let probe: JsonValue = nested;
    while (Array.isArray(probe)) {
      shape.push(probe.length);
      if (probe.length === 0) break;
      probe = probe[0];
    }
    const flat: JsonValue[] = [];
    let regular = true;
    const walk = (node: JsonValue, dim: number): void => {
      if (!regular) return;
      if (dim === shape.length) {
        if (Array.isArray(node)) regular = false;
        else flat.push(node);
        return;
      }
      if (!Array.isArray(node) || node.length !== shape[dim]) {
        regular = false;
        return;
      }
      for (let i = 0; i < node.length; i++) walk(node[i], dim + 1);
    };
    walk(nested, 0);
    if (!regular) return new NdArray(nested.slice(), [nested.length], kind);
    return new NdArray(flat, shape, kind);
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
