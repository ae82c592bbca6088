import { PayloadError } from '../errors.js';
import { resolveDecodeOptions, type DecodeOptions } from '../options.js';
import type { NdValue } from '../arrays.js';
import type { DefaultData, DefaultDataKind, JsonValue, TfDataType, TfTensor } from '../types.js';
import { base64Decode, base64Encode } from './base64.js';
import { childPath } from './util.js';
import { DoubleData, JsonIntegers, holdsDoubles } from './doubles.js';

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function isNumericNd(nd: NdValue): boolean {
  const v = nd.values;
  if (v instanceof Float64Array) return true;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}

/**
 * `numbers`: `float64` puts an all-number array in a Float64Array (doubles); `json` too, but a
 * JsonIntegers when every number is an integer (numpy's int64 for a JSON request); `plain` keeps
 * the numbers as they are in a list (a component's own result).
 */
export function nestedToNd(
  value: JsonValue,
  opts?: DecodeOptions,
  numbers: 'float64' | 'json' | 'plain' = 'float64',
): NdValue {
  const maxDepth = resolveDecodeOptions(opts).maxDepth;
  if (!Array.isArray(value)) {
    return typeof value === 'number' && numbers === 'float64'
      ? { shape: [], values: Float64Array.of(value) }
      : { shape: [], values: [value] };
  }
  const shape: number[] = [];
  let probe: JsonValue = value;
  while (Array.isArray(probe)) {
    if (shape.length >= maxDepth)
      throw new PayloadError(
        'SC_ERR_PAYLOAD_TOO_DEEP',
        '$',
        `array nests deeper than maxDepth (${maxDepth})`,
      );
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const size = product(shape);
  // First pass: regular (rectangular) and all-number? Then fill a Float64Array directly.
  let regular = true;
  let numeric = true;
  let integers = numbers === 'json';
  const check = (node: JsonValue, dim: number): void => {
    if (!regular) return;
    if (dim === shape.length) {
      if (Array.isArray(node)) regular = false;
      else if (typeof node !== 'number') numeric = false;
      else if (integers && !Number.isInteger(node)) integers = false;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[dim]) {
      regular = false;
      return;
    }
    for (let i = 0; i < node.length; i++) check(node[i], dim + 1);
  };
  check(value, 0);
  if (!regular) {
    // numpy would build an object array of the top-level elements.
    return { shape: [value.length], values: value.slice() };
  }
  const out: Float64Array | JsonValue[] =
    !numeric || numbers === 'plain'
      ? new Array<JsonValue>(size)
      : integers
        ? new JsonIntegers(size)
        : new Float64Array(size);
  let pos = 0;
  const fill = (node: JsonValue, dim: number): void => {
    const arr = node as JsonValue[];
    if (dim === shape.length - 1) {
      for (let i = 0; i < arr.length; i++) out[pos++] = arr[i] as number;
    } else {
      for (let i = 0; i < arr.length; i++) fill(arr[i], dim + 1);
    }
  };
  if (size > 0) fill(value, 0);
  return { shape, values: out };
}

export function ndToNested(nd: NdValue): JsonValue {
  const { shape, values } = nd;
  if (shape.length === 0) return values[0] as JsonValue;
  let pos = 0;
  const build = (dim: number): JsonValue[] => {
    const n = shape[dim];
    const out = new Array<JsonValue>(n);
    if (dim === shape.length - 1) for (let i = 0; i < n; i++) out[i] = values[pos++] as JsonValue;
    else for (let i = 0; i < n; i++) out[i] = build(dim + 1);
    return out;
  };
  return build(0);
}

// ---- TensorFlow TensorProto <-> NdValue (tf.make_ndarray / tf.make_tensor_proto semantics) ----

interface TfKind {
  bytes: number;
  field?: keyof TfTensor;
  read?: (dv: DataView, off: number) => number;
  write?: (dv: DataView, off: number, v: number) => void;
}

const TF_KINDS: Partial<Record<TfDataType, TfKind>> = {
  DT_FLOAT: {
    bytes: 4,
    field: 'floatVal',
    read: (d, o) => d.getFloat32(o, true),
    write: (d, o, v) => d.setFloat32(o, v, true),
  },
  DT_DOUBLE: {
    bytes: 8,
    field: 'doubleVal',
    read: (d, o) => d.getFloat64(o, true),
    write: (d, o, v) => d.setFloat64(o, v, true),
  },
  DT_INT32: {
    bytes: 4,
    field: 'intVal',
    read: (d, o) => d.getInt32(o, true),
    write: (d, o, v) => d.setInt32(o, v, true),
  },
  DT_INT16: {
    bytes: 2,
    field: 'intVal',
    read: (d, o) => d.getInt16(o, true),
    write: (d, o, v) => d.setInt16(o, v, true),
  },
  DT_INT8: { bytes: 1, field: 'intVal', read: (d, o) => d.getInt8(o), write: (d, o, v) => d.setInt8(o, v) },
  DT_UINT8: {
    bytes: 1,
    field: 'intVal',
    read: (d, o) => d.getUint8(o),
    write: (d, o, v) => d.setUint8(o, v),
  },
  DT_UINT16: {
    bytes: 2,
    field: 'intVal',
    read: (d, o) => d.getUint16(o, true),
    write: (d, o, v) => d.setUint16(o, v, true),
  },
  DT_UINT32: {
    bytes: 4,
    field: 'uint32Val',
    read: (d, o) => d.getUint32(o, true),
    write: (d, o, v) => d.setUint32(o, v, true),
  },
  DT_INT64: {
    bytes: 8,
    field: 'int64Val',
    read: (d, o) => Number(d.getBigInt64(o, true)),
    write: (d, o, v) => d.setBigInt64(o, BigInt(Math.trunc(v)), true),
  },
  DT_UINT64: {
    bytes: 8,
    field: 'uint64Val',
    read: (d, o) => Number(d.getBigUint64(o, true)),
    write: (d, o, v) => d.setBigUint64(o, BigInt(Math.trunc(v)), true),
  },
  DT_HALF: {
    bytes: 2,
    field: 'halfVal',
    read: (d, o) => halfToFloat(d.getUint16(o, true)),
    write: (d, o, v) => d.setUint16(o, floatToHalf(v), true),
  },
  DT_BOOL: { bytes: 1, field: 'boolVal' },
  DT_STRING: { bytes: 0, field: 'stringVal' },
};

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function floatToHalf(v: number): number {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  f32[0] = v;
  const x = u32[0];
  const sign = (x >> 16) & 0x8000;
  const exp = ((x >> 23) & 0xff) - 127 + 15;
  const mant = x & 0x7fffff;
  if (((x >> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  if (exp >= 31) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    const m = (mant | 0x800000) >> (1 - exp);
    return sign | ((m + 0x1000) >> 13);
  }
  return sign | (exp << 10) | ((mant + 0x1000) >> 13);
}

function tfShape(t: TfTensor, path: string): number[] {
  const dims = t.tensorShape?.dim ?? [];
  return dims.map((d, i) => {
    const n = Number(d.size ?? 0);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_UNSUPPORTED',
        childPath(`${path}.tensorShape.dim`, i),
        `dimension ${String(d.size)} cannot be materialised`,
      );
    }
    return n;
  });
}

function tfToNd(t: TfTensor, opts: Required<DecodeOptions>, path: string): NdValue {
  const dtype = t.dtype ?? 'DT_INVALID';
  const kind = TF_KINDS[dtype];
  if (!kind)
    throw new PayloadError(
      'SC_ERR_PAYLOAD_UNSUPPORTED',
      `${path}.dtype`,
      `tftensor dtype ${dtype} has no array conversion`,
    );
  const shape = tfShape(t, path);
  const size = product(shape);
  if (size > opts.maxElements) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_TOO_LARGE',
      `${path}.tensorShape`,
      `shape [${shape.join(',')}] has more than maxElements (${opts.maxElements}) elements`,
    );
  }
  if (t.tensorContent !== undefined && t.tensorContent !== '' && kind.read) {
    const bytes = base64Decode(t.tensorContent, `${path}.tensorContent`);
    if (bytes.byteLength !== size * kind.bytes) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
        `${path}.tensorContent`,
        `tensorContent has ${bytes.byteLength} bytes but shape [${shape.join(',')}] of ${dtype} needs ${size * kind.bytes}`,
      );
    }
    const out = new Float64Array(size);
    if (dtype === 'DT_DOUBLE' && LITTLE_ENDIAN) {
      new Uint8Array(out.buffer).set(bytes);
    } else {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < size; i++) out[i] = kind.read(dv, i * kind.bytes);
    }
    return { shape, values: out, dtype };
  }
  const raw = (t[kind.field!] ?? []) as unknown[];
  if (raw.length > size) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      `${path}.${kind.field!}`,
      `${raw.length} values for shape [${shape.join(',')}] of ${size}`,
    );
  }
  const conv = (x: unknown): JsonValue => {
    if (dtype === 'DT_HALF') return halfToFloat(x as number);
    if (dtype === 'DT_STRING')
      return Buffer.from(base64Decode(x as string, `${path}.stringVal`)).toString('utf8');
    if (dtype === 'DT_INT64' || dtype === 'DT_UINT64') return Number(x);
    return x as JsonValue;
  };
  const numeric = dtype !== 'DT_BOOL' && dtype !== 'DT_STRING';
  const out: Float64Array | JsonValue[] = numeric ? new Float64Array(size) : new Array<JsonValue>(size);
  // make_ndarray: no values -> zeros (empty / false), fewer values -> padded with the last one.
  const fillDefault: JsonValue = dtype === 'DT_BOOL' ? false : dtype === 'DT_STRING' ? '' : 0;
  const last = raw.length > 0 ? conv(raw[raw.length - 1]) : fillDefault;
  for (let i = 0; i < size; i++) out[i] = (i < raw.length ? conv(raw[i]) : last) as number;
  return { shape, values: out, dtype };
}

/** Numbers from JSON text: a JsonIntegers when all are integers (numpy's int64), else doubles. */
function jsonNumbers(v: readonly number[]): Float64Array {
  let integers = v.length > 0;
  for (let i = 0; integers && i < v.length; i++) integers = Number.isInteger(v[i]);
  const out = integers ? new JsonIntegers(v.length) : new Float64Array(v.length);
  out.set(v);
  return out;
}

export function dataToNd(data: DefaultData, opts: DecodeOptions | undefined, path: string): NdValue {
  const o = resolveDecodeOptions(opts);
  if (data.tensor !== undefined) {
    const shape = data.tensor.shape ?? [];
    const v = data.tensor.values ?? [];
    const values = v instanceof Float64Array ? v : jsonNumbers(v);
    if (shape.length === 0 && values.length === 0) return { shape: [0], values };
    if (product(shape) !== values.length) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
        `${path}.tensor.values`,
        `tensor has ${values.length} values but shape [${shape.join(',')}] needs ${product(shape)}`,
      );
    }
    return { shape: Array.from(shape), values };
  }
  // Numbers from protobuf (a DoubleData) are doubles; from JSON text, int64 when all integers.
  if (data.ndarray !== undefined)
    return nestedToNd(data.ndarray, opts, holdsDoubles(data) ? 'float64' : 'json');
  if (data.tftensor !== undefined) return tfToNd(data.tftensor, o, `${path}.tftensor`);
  return { shape: [0], values: new Float64Array(0) };
}

function numbersOf(nd: NdValue): Float64Array {
  const v = nd.values;
  return v instanceof Float64Array ? v : Float64Array.from(plainNumbers(v));
}

/** The values as numbers. @throws PayloadError `SC_ERR_PAYLOAD_BAD_RESULT` for a non-number. */
function plainNumbers(v: readonly JsonValue[]): number[] {
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number')
      throw new PayloadError('SC_ERR_PAYLOAD_BAD_RESULT', `$[${i}]`, 'tensor data must be numeric');
  }
  return v as number[];
}

function ndToTf(nd: NdValue): TfTensor {
  const dim = nd.shape.map((s) => ({ size: String(s) }));
  const tensorShape = dim.length > 0 ? { dim } : {};
  const v = nd.values;
  if (!(v instanceof Float64Array) && !isNumericNd(nd)) {
    if (v.every((x) => typeof x === 'boolean'))
      return { dtype: 'DT_BOOL', tensorShape, boolVal: v as boolean[] };
    return {
      dtype: 'DT_STRING',
      tensorShape,
      stringVal: v.map((x) =>
        base64Encode(Buffer.from(typeof x === 'string' ? x : JSON.stringify(x), 'utf8')),
      ),
    };
  }
  let dtype: TfDataType = nd.dtype && TF_KINDS[nd.dtype]?.write ? nd.dtype : 'DT_DOUBLE';
  const nums = numbersOf(nd);
  const kind = TF_KINDS[dtype]!;
  const bytes = new Uint8Array(nums.length * kind.bytes);
  if (dtype === 'DT_DOUBLE' && LITTLE_ENDIAN) {
    bytes.set(new Uint8Array(nums.buffer, nums.byteOffset, nums.byteLength));
  } else {
    const dv = new DataView(bytes.buffer);
    for (let i = 0; i < nums.length; i++) kind.write!(dv, i * kind.bytes, nums[i]);
  }
  dtype = dtype ?? 'DT_DOUBLE';
  return { dtype, tensorShape, tensorContent: base64Encode(bytes) };
}

/**
 * An n-d value as DefaultData. A Float64Array holds doubles (numpy's float64): the tensor keeps
 * it and the DefaultData of an ndarray built from it is a DoubleData, so JSON writes `2.0` (not
 * for a JsonIntegers, a JSON request's integers, written as integers). Plain numbers (a router's
 * route, a component's own JS list) stay plain and JSON writes them as given, as the Python
 * wrapper writes a list of ints.
 */
export function ndToData(nd: NdValue, kind: DefaultDataKind, names?: string[]): DefaultData {
  const doubles = nd.values instanceof Float64Array && !(nd.values instanceof JsonIntegers);
  const out: DefaultData = doubles ? (new DoubleData() as DefaultData) : {};
  if (names !== undefined) out.names = names;
  if (kind === 'tensor') {
    const v = nd.values;
    out.tensor = { shape: Array.from(nd.shape), values: v instanceof Float64Array ? v : plainNumbers(v) };
  } else if (kind === 'tftensor') {
    out.tftensor = ndToTf(nd);
  } else {
    const nested = ndToNested(nd);
    out.ndarray = Array.isArray(nested) ? nested : [nested];
  }
  return out;
}
