// Validating proto3-JSON readers. Each reader takes an untrusted value and a JSON path and
// returns a fresh object of the message shape, or throws PayloadError naming the path.
// Containers of JSON values (ndarray, jsonData, tags...) are validated in place and shared,
// not copied: they came from JSON.parse or the caller, and copying them would cost as much as
// parsing while creating the `__proto__` hazard that sharing avoids.
import { PayloadError, isPayloadError } from '../errors.js';
import { resolveDecodeOptions, type DecodeOptions } from '../options.js';
import type {
  AnyMessage,
  DefaultData,
  Feedback,
  JsonObject,
  JsonValue,
  Meta,
  Metric,
  MetricType,
  SeldonGraphMetadata,
  SeldonMessage,
  SeldonMessageList,
  SeldonMessageMetadata,
  SeldonModelMetadata,
  SeldonModelMetadataRequest,
  Status,
  StatusFlag,
  Tensor,
  TfDataType,
  TfDim,
  TfTensor,
  TfTensorShape,
} from '../types.js';
import { base64Normalize } from './base64.js';
import { FLOAT32_MAX, INT32_MAX, INT32_MIN, childPath, isPlainObject, setKey, typeName } from './util.js';
import { DoubleData, holdsDoubles } from './doubles.js';
import { TF_DATA_TYPES } from './tf.js';
import { checkTfTensor } from './tf-check.js';

export class Ctx {
  elements = 0;
  constructor(readonly opts: Required<DecodeOptions>) {}

  count(n: number, path: string): void {
    this.elements += n;
    if (this.elements > this.opts.maxElements) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_TOO_LARGE',
        path,
        `more than maxElements (${this.opts.maxElements}) array elements`,
      );
    }
  }

  unknown(path: string, key: string, what: string): void {
    if (this.opts.rejectUnknownFields) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_UNKNOWN_FIELD',
        childPath(path, key),
        `unknown field "${key}" in ${what}`,
      );
    }
  }
}

export type Reader<T> = (ctx: Ctx, v: unknown, path: string) => T;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses (if needed) and reads one top-level value, converting stack exhaustion into a PayloadError. */
export function decodeTop<T>(input: unknown, opts: DecodeOptions | undefined, read: Reader<T>): T {
  const o = resolveDecodeOptions(opts);
  let value: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const size = typeof input === 'string' ? input.length : input.byteLength;
    if (size > o.maxMessageBytes) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_TOO_LARGE',
        '$',
        `body of ${size} bytes exceeds maxMessageBytes (${o.maxMessageBytes})`,
      );
    }
    let text: string;
    if (typeof input === 'string') {
      text = input;
    } else {
      try {
        text = utf8.decode(input);
      } catch {
        throw new PayloadError('SC_ERR_PAYLOAD_INVALID_JSON', '$', 'body is not valid UTF-8');
      }
    }
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new PayloadError('SC_ERR_PAYLOAD_INVALID_JSON', '$', `invalid JSON: ${(err as Error).message}`);
    }
  }
  try {
    return read(new Ctx(o), value, '$');
  } catch (err) {
    if (isPayloadError(err)) throw err;
    if (err instanceof RangeError) {
      throw new PayloadError('SC_ERR_PAYLOAD_TOO_DEEP', '$', 'input nests too deeply to process', {
        cause: err,
      });
    }
    throw err;
  }
}

// ---- primitive field readers ----

function wrongType(path: string, expected: string, v: unknown): never {
  throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', path, `expected ${expected}, got ${typeName(v)}`);
}

export function expectObject(v: unknown, path: string, what: string): Record<string, unknown> {
  if (!isPlainObject(v)) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_NOT_OBJECT',
      path,
      `${what} must be a JSON object, got ${typeName(v)}`,
    );
  }
  return v;
}

function readString(v: unknown, path: string): string {
  if (typeof v !== 'string') wrongType(path, 'a string', v);
  return v;
}

function readBool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') wrongType(path, 'a boolean', v);
  return v;
}

function readArray(ctx: Ctx, v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) wrongType(path, 'an array', v);
  ctx.count(v.length, path);
  return v;
}

const INT_STRING = /^-?(0|[1-9][0-9]*)$/;

function readInt32(v: unknown, path: string): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && INT_STRING.test(v)) n = Number(v);
  else wrongType(path, 'an integer', v);
  if (!Number.isInteger(n) || n < INT32_MIN || n > INT32_MAX) {
    throw new PayloadError('SC_ERR_PAYLOAD_OUT_OF_RANGE', path, `${String(v)} is not an int32`);
  }
  return n;
}

function readUint32(v: unknown, path: string): number {
  const n = typeof v === 'string' && INT_STRING.test(v) ? Number(v) : v;
  if (typeof n !== 'number') wrongType(path, 'an integer', v);
  if (!Number.isInteger(n) || n < 0 || n > 4294967295) {
    throw new PayloadError('SC_ERR_PAYLOAD_OUT_OF_RANGE', path, `${String(v)} is not a uint32`);
  }
  return n;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** int64/uint64: a JSON number (safe integer) or a decimal string; kept in the form given. */
function readInt64(v: unknown, path: string, unsigned: boolean): string | number {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || (unsigned && v < 0)) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_OUT_OF_RANGE',
        path,
        `${v} is not an exact ${unsigned ? 'uint64' : 'int64'} (use a string beyond 2^53)`,
      );
    }
    return v;
  }
  if (typeof v !== 'string' || !INT_STRING.test(v)) wrongType(path, 'an integer or decimal string', v);
  const b = BigInt(v);
  if (unsigned ? b < 0n || b > UINT64_MAX : b < INT64_MIN || b > INT64_MAX) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_OUT_OF_RANGE',
      path,
      `${v} is out of ${unsigned ? 'uint64' : 'int64'} range`,
    );
  }
  return v;
}

const NUMERIC_STRING = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** A double: a JSON number, or one of the proto3-JSON strings "NaN", "Infinity", "-Infinity", or a numeric string. */
function readDouble(v: unknown, path: string): number {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    throw new PayloadError(
      'SC_ERR_PAYLOAD_OUT_OF_RANGE',
      path,
      'non-finite numbers must be written as "NaN", "Infinity" or "-Infinity"',
    );
  }
  if (typeof v === 'string') {
    if (v === 'NaN') return Number.NaN;
    if (v === 'Infinity') return Number.POSITIVE_INFINITY;
    if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
    if (NUMERIC_STRING.test(v)) {
      const n = Number(v);
      if (Number.isFinite(n)) return n;
    }
  }
  return wrongType(path, 'a number', v);
}

function readFloat(v: unknown, path: string): number {
  const n = readDouble(v, path);
  if (Number.isFinite(n) && Math.abs(n) > FLOAT32_MAX) {
    throw new PayloadError('SC_ERR_PAYLOAD_OUT_OF_RANGE', path, `${n} is outside the float32 range`);
  }
  return n;
}

function readEnum<T extends string>(v: unknown, path: string, names: readonly T[], what: string): T {
  if (typeof v === 'string') {
    if ((names as readonly string[]).includes(v)) return v as T;
  } else if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && v < names.length) return names[v];
  } else {
    wrongType(path, `a ${what} name or number`, v);
  }
  throw new PayloadError(
    'SC_ERR_PAYLOAD_BAD_ENUM',
    path,
    `unknown ${what} ${JSON.stringify(v)} (expected one of ${names.join(', ')})`,
  );
}

function readStringArray(ctx: Ctx, v: unknown, path: string): string[] {
  const arr = readArray(ctx, v, path);
  for (let i = 0; i < arr.length; i++)
    if (typeof arr[i] !== 'string') wrongType(childPath(path, i), 'a string', arr[i]);
  return arr as string[];
}

function readNumberArray(
  ctx: Ctx,
  v: unknown,
  path: string,
  read: (x: unknown, p: string) => number,
): number[] {
  const arr = readArray(ctx, v, path);
  // Fast path for doubles (tensor values): an all-finite-number array is shared, not copied.
  if (read === readDouble) {
    let finite = true;
    for (let i = 0; i < arr.length && finite; i++) {
      const x = arr[i];
      finite = typeof x === 'number' && Number.isFinite(x);
    }
    if (finite) return arr as number[];
  }
  const out = new Array<number>(arr.length);
  for (let j = 0; j < arr.length; j++) out[j] = read(arr[j], childPath(path, j));
  return out;
}

function readStringMap(ctx: Ctx, v: unknown, path: string): Record<string, string> {
  const o = expectObject(v, path, 'a map of strings');
  const keys = Object.keys(o);
  ctx.count(keys.length, path);
  for (const k of keys) if (typeof o[k] !== 'string') wrongType(childPath(path, k), 'a string', o[k]);
  return o as Record<string, string>;
}

// ---- google.protobuf.Value / ListValue / Struct ----

/** Validates any JSON value in place (depth and element bounds, JSON types only). */
export function readValue(ctx: Ctx, v: unknown, path: string, depth = 0): JsonValue {
  checkValue(ctx, v, depth, path, []);
  return v as JsonValue;
}

function valuePath(path: string, parts: (string | number)[]): string {
  let p = path;
  for (const part of parts) p = childPath(p, part);
  return p;
}

function checkValue(ctx: Ctx, v: unknown, depth: number, path: string, parts: (string | number)[]): void {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(v)) {
        throw new PayloadError(
          'SC_ERR_PAYLOAD_OUT_OF_RANGE',
          valuePath(path, parts),
          'JSON values cannot hold NaN or Infinity',
        );
      }
      return;
    case 'object':
      if (v === null) return;
      if (depth >= ctx.opts.maxDepth) {
        throw new PayloadError(
          'SC_ERR_PAYLOAD_TOO_DEEP',
          valuePath(path, parts),
          `nesting deeper than maxDepth (${ctx.opts.maxDepth})`,
        );
      }
      if (Array.isArray(v)) {
        ctx.count(v.length, path);
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          // Numbers dominate ndarrays; check them inline without growing the path.
          if (typeof x === 'number' && Number.isFinite(x)) continue;
          parts.push(i);
          checkValue(ctx, x, depth + 1, path, parts);
          parts.pop();
        }
        return;
      }
      if (isPlainObject(v)) {
        const keys = Object.keys(v);
        ctx.count(keys.length, path);
        for (const k of keys) {
          parts.push(k);
          checkValue(ctx, v[k], depth + 1, path, parts);
          parts.pop();
        }
        return;
      }
      break;
    default:
      break;
  }
  wrongType(valuePath(path, parts), 'a JSON value', v);
}

function readListValue(ctx: Ctx, v: unknown, path: string): JsonValue[] {
  if (!Array.isArray(v)) wrongType(path, 'an array', v);
  checkValue(ctx, v, 0, path, []);
  return v as JsonValue[];
}

function readStruct(ctx: Ctx, v: unknown, path: string): JsonObject {
  expectObject(v, path, 'a map of JSON values');
  checkValue(ctx, v, 0, path, []);
  return v as JsonObject;
}

function readAny(ctx: Ctx, v: unknown, path: string): AnyMessage {
  const o = expectObject(v, path, 'customData (google.protobuf.Any)');
  if (typeof o['@type'] !== 'string' || o['@type'] === '') {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_WRONG_TYPE',
      childPath(path, '@type'),
      'google.protobuf.Any needs a non-empty "@type" string',
    );
  }
  checkValue(ctx, o, 0, path, []);
  return o as AnyMessage;
}

// ---- seldon.protos messages ----

const STATUS_FLAGS: readonly StatusFlag[] = ['SUCCESS', 'FAILURE'];
const METRIC_TYPES: readonly MetricType[] = ['COUNTER', 'GAUGE', 'TIMER'];

export const readStatus: Reader<Status> = (ctx, v, path) => {
  const o = expectObject(v, path, 'status');
  const out: Status = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'code':
        out.code = readInt32(x, p);
        break;
      case 'info':
        out.info = readString(x, p);
        break;
      case 'reason':
        out.reason = readString(x, p);
        break;
      case 'status':
        out.status = readEnum(x, p, STATUS_FLAGS, 'Status.StatusFlag');
        break;
      default:
        ctx.unknown(path, k, 'Status');
    }
  }
  return out;
};

const readMetric: Reader<Metric> = (ctx, v, path) => {
  const o = expectObject(v, path, 'a metric');
  const out: Metric = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'key':
        out.key = readString(x, p);
        break;
      case 'type':
        out.type = readEnum(x, p, METRIC_TYPES, 'Metric.MetricType');
        break;
      case 'value':
        out.value = readFloat(x, p);
        break;
      case 'tags':
        out.tags = readStringMap(ctx, x, p);
        break;
      default:
        ctx.unknown(path, k, 'Metric');
    }
  }
  return out;
};

export const readMeta: Reader<Meta> = (ctx, v, path) => {
  const o = expectObject(v, path, 'meta');
  const out: Meta = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'puid':
        out.puid = readString(x, p);
        break;
      case 'tags':
        out.tags = readStruct(ctx, x, p);
        break;
      case 'routing': {
        const r = expectObject(x, p, 'meta.routing');
        const keys = Object.keys(r);
        ctx.count(keys.length, p);
        for (const rk of keys) {
          const rv = r[rk];
          const n = readInt32(rv, childPath(p, rk));
          if (n !== rv) {
            // A numeric string: store the number (proto3-JSON int32 form) without touching the input.
            const copy: Record<string, number> = {};
            for (const ck of keys) setKey(copy, ck, readInt32(r[ck], childPath(p, ck)));
            out.routing = copy;
            break;
          }
        }
        out.routing ??= r as Record<string, number>;
        break;
      }
      case 'requestPath':
        out.requestPath = readStringMap(ctx, x, p);
        break;
      case 'metrics': {
        const arr = readArray(ctx, x, p);
        out.metrics = arr.map((m, i) => readMetric(ctx, m, childPath(p, i)));
        break;
      }
      default:
        ctx.unknown(path, k, 'Meta');
    }
  }
  return out;
};

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

const readTensor: Reader<Tensor> = (ctx, v, path) => {
  const o = expectObject(v, path, 'data.tensor');
  const out: Tensor = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'shape': {
        const shape = readNumberArray(ctx, x, p, readInt32);
        for (let i = 0; i < shape.length; i++) {
          if (shape[i] < 0)
            throw new PayloadError(
              'SC_ERR_PAYLOAD_OUT_OF_RANGE',
              childPath(p, i),
              `negative dimension ${shape[i]}`,
            );
        }
        out.shape = shape;
        break;
      }
      case 'values':
        // An already decoded message (e.g. from protobuf) may hold a Float64Array.
        if (x instanceof Float64Array) {
          ctx.count(x.length, p);
          out.values = x;
        } else out.values = readNumberArray(ctx, x, p, readDouble);
        break;
      default:
        ctx.unknown(path, k, 'Tensor');
    }
  }
  const shape = out.shape ?? [];
  const n = out.values?.length ?? 0;
  // An empty tensor ({} or {"shape":[],"values":[]}) is accepted as an empty array.
  if (!(shape.length === 0 && n === 0) && product(shape) !== n) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      childPath(path, 'values'),
      `tensor has ${n} values but shape [${shape.join(',')}] needs ${product(shape)}`,
    );
  }
  return out;
};

const TF_ALIASES: Record<string, string> = {
  tensor_shape: 'tensorShape',
  version_number: 'versionNumber',
  tensor_content: 'tensorContent',
  half_val: 'halfVal',
  float_val: 'floatVal',
  double_val: 'doubleVal',
  int_val: 'intVal',
  string_val: 'stringVal',
  scomplex_val: 'scomplexVal',
  int64_val: 'int64Val',
  bool_val: 'boolVal',
  dcomplex_val: 'dcomplexVal',
  uint32_val: 'uint32Val',
  uint64_val: 'uint64Val',
  float8_val: 'float8Val',
  unknown_rank: 'unknownRank',
};

function readTfShape(ctx: Ctx, v: unknown, path: string): TfTensorShape {
  const o = expectObject(v, path, 'tensorShape');
  const out: TfTensorShape = {};
  for (const key of Object.keys(o)) {
    const x = o[key];
    if (x === undefined || x === null) continue;
    const k = TF_ALIASES[key] ?? key;
    const p = childPath(path, key);
    if (k === 'unknownRank') out.unknownRank = readBool(x, p);
    else if (k === 'dim') {
      out.dim = readArray(ctx, x, p).map((d, i): TfDim => {
        const dp = childPath(p, i);
        const dobj = expectObject(d, dp, 'a dimension');
        const dim: TfDim = {};
        for (const dk of Object.keys(dobj)) {
          const dv = dobj[dk];
          if (dv === undefined || dv === null) continue;
          if (dk === 'size') {
            dim.size = readInt64(dv, childPath(dp, dk), false);
            if (Number(dim.size) < -1)
              throw new PayloadError(
                'SC_ERR_PAYLOAD_OUT_OF_RANGE',
                childPath(dp, dk),
                `invalid dimension ${dim.size}`,
              );
          } else if (dk === 'name') dim.name = readString(dv, childPath(dp, dk));
          else ctx.unknown(dp, dk, 'TensorShapeProto.Dim');
        }
        return dim;
      });
    } else ctx.unknown(path, key, 'TensorShapeProto');
  }
  return out;
}

const readTfTensor: Reader<TfTensor> = (ctx, v, path) => {
  const o = expectObject(v, path, 'data.tftensor');
  const out: TfTensor = {};
  for (const key of Object.keys(o)) {
    const x = o[key];
    if (x === undefined || x === null) continue;
    const k = TF_ALIASES[key] ?? key;
    const p = childPath(path, key);
    switch (k) {
      case 'dtype':
        out.dtype = readEnum<TfDataType>(x, p, TF_DATA_TYPES, 'tensorflow.DataType');
        break;
      case 'tensorShape':
        out.tensorShape = readTfShape(ctx, x, p);
        break;
      case 'versionNumber':
        out.versionNumber = readInt32(x, p);
        break;
      case 'tensorContent':
        out.tensorContent = base64Normalize(readString(x, p), p);
        break;
      case 'float8Val':
        out.float8Val = base64Normalize(readString(x, p), p);
        break;
      case 'halfVal':
        out.halfVal = readNumberArray(ctx, x, p, readInt32);
        break;
      case 'intVal':
        out.intVal = readNumberArray(ctx, x, p, readInt32);
        break;
      case 'floatVal':
        out.floatVal = readNumberArray(ctx, x, p, readFloat);
        break;
      case 'scomplexVal':
        out.scomplexVal = readNumberArray(ctx, x, p, readFloat);
        break;
      case 'doubleVal':
        out.doubleVal = readNumberArray(ctx, x, p, readDouble);
        break;
      case 'dcomplexVal':
        out.dcomplexVal = readNumberArray(ctx, x, p, readDouble);
        break;
      case 'uint32Val':
        out.uint32Val = readNumberArray(ctx, x, p, readUint32);
        break;
      case 'int64Val':
        out.int64Val = readArray(ctx, x, p).map((e, i) => readInt64(e, childPath(p, i), false));
        break;
      case 'uint64Val':
        out.uint64Val = readArray(ctx, x, p).map((e, i) => readInt64(e, childPath(p, i), true));
        break;
      case 'boolVal': {
        const arr = readArray(ctx, x, p);
        for (let i = 0; i < arr.length; i++) readBool(arr[i], childPath(p, i));
        out.boolVal = arr as boolean[];
        break;
      }
      case 'stringVal': {
        const arr = readStringArray(ctx, x, p);
        out.stringVal = arr.map((s, i) => base64Normalize(s, childPath(p, i)));
        break;
      }
      default:
        ctx.unknown(path, key, 'TensorProto');
    }
  }
  checkTfTensor(out, path);
  return out;
};

export const readDefaultData: Reader<DefaultData> = (ctx, v, path) => {
  const o = expectObject(v, path, 'data');
  // An already decoded DoubleData (from protobuf, or a numeric n-d result) stays one.
  const out: DefaultData = holdsDoubles(o) ? (new DoubleData() as DefaultData) : {};
  const kinds: string[] = [];
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'names':
        out.names = readStringArray(ctx, x, p);
        break;
      case 'tensor':
        kinds.push(k);
        out.tensor = readTensor(ctx, x, p);
        break;
      case 'ndarray':
        kinds.push(k);
        out.ndarray = readListValue(ctx, x, p);
        break;
      case 'tftensor':
        kinds.push(k);
        out.tftensor = readTfTensor(ctx, x, p);
        break;
      default:
        if (ctx.opts.rejectUnknownFields) {
          throw new PayloadError(
            'SC_ERR_PAYLOAD_UNKNOWN_FIELD',
            p,
            `unknown data kind "${k}" (expected tensor, ndarray or tftensor)`,
          );
        }
    }
  }
  if (kinds.length > 1) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_MULTIPLE_DATA',
      path,
      `data holds ${kinds.join(' and ')}; only one of tensor, ndarray, tftensor may be set`,
    );
  }
  return out;
};

export const readMessage: Reader<SeldonMessage> = (ctx, v, path) => {
  const o = expectObject(v, path, 'a SeldonMessage');
  const out: SeldonMessage = {};
  const kinds: string[] = [];
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined) continue;
    // null is "absent" for every field except jsonData, where it is the JSON null value.
    if (x === null && k !== 'jsonData') continue;
    const p = childPath(path, k);
    switch (k) {
      case 'status':
        out.status = readStatus(ctx, x, p);
        break;
      case 'meta':
        out.meta = readMeta(ctx, x, p);
        break;
      case 'data':
        kinds.push(k);
        out.data = readDefaultData(ctx, x, p);
        break;
      case 'binData':
        kinds.push(k);
        out.binData = base64Normalize(readString(x, p), p);
        break;
      case 'strData':
        kinds.push(k);
        out.strData = readString(x, p);
        break;
      case 'jsonData':
        kinds.push(k);
        out.jsonData = readValue(ctx, x, p);
        break;
      case 'customData':
        kinds.push(k);
        out.customData = readAny(ctx, x, p);
        break;
      default:
        ctx.unknown(path, k, 'SeldonMessage');
    }
  }
  if (kinds.length > 1) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_MULTIPLE_DATA',
      path,
      `message holds ${kinds.join(' and ')}; only one of data, binData, strData, jsonData, customData may be set`,
    );
  }
  return out;
};

export const readFeedback: Reader<Feedback> = (ctx, v, path) => {
  const o = expectObject(v, path, 'a Feedback');
  const out: Feedback = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'request':
        out.request = readMessage(ctx, x, p);
        break;
      case 'response':
        out.response = readMessage(ctx, x, p);
        break;
      case 'truth':
        out.truth = readMessage(ctx, x, p);
        break;
      case 'reward':
        out.reward = readFloat(x, p);
        break;
      default:
        ctx.unknown(path, k, 'Feedback');
    }
  }
  return out;
};

function readMessages(ctx: Ctx, v: unknown, path: string): SeldonMessage[] {
  const arr = readArray(ctx, v, path);
  return arr.map((m, i) => readMessage(ctx, m, childPath(path, i)));
}

export const readMessageListOrArray: Reader<SeldonMessageList> = (ctx, v, path) => {
  if (Array.isArray(v)) return { seldonMessages: readMessages(ctx, v, path) };
  const o = expectObject(v, path, 'a SeldonMessageList');
  const out: SeldonMessageList = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    if (k === 'seldonMessages') out.seldonMessages = readMessages(ctx, x, childPath(path, k));
    else ctx.unknown(path, k, 'SeldonMessageList');
  }
  return out;
};

const readMessageMetadata: Reader<SeldonMessageMetadata> = (ctx, v, path) => {
  const o = expectObject(v, path, 'an input/output description');
  const out: SeldonMessageMetadata = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined) continue;
    if (x === null && k !== 'schema') continue;
    const p = childPath(path, k);
    switch (k) {
      case 'messagetype':
        out.messagetype = readString(x, p);
        break;
      case 'schema':
        out.schema = readValue(ctx, x, p);
        break;
      case 'name':
        out.name = readString(x, p);
        break;
      case 'datatype':
        out.datatype = readString(x, p);
        break;
      case 'shape':
        out.shape = readArray(ctx, x, p).map((d, i) => readInt64(d, childPath(p, i), false));
        break;
      default:
        ctx.unknown(path, k, 'SeldonMessageMetadata');
    }
  }
  return out;
};

function readMetadataList(ctx: Ctx, v: unknown, path: string): SeldonMessageMetadata[] {
  return readArray(ctx, v, path).map((m, i) => readMessageMetadata(ctx, m, childPath(path, i)));
}

export const readModelMetadata: Reader<SeldonModelMetadata> = (ctx, v, path) => {
  const o = expectObject(v, path, 'model metadata');
  const out: SeldonModelMetadata = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'name':
        out.name = readString(x, p);
        break;
      case 'versions':
        out.versions = readStringArray(ctx, x, p);
        break;
      case 'platform':
        out.platform = readString(x, p);
        break;
      case 'inputs':
        out.inputs = readMetadataList(ctx, x, p);
        break;
      case 'outputs':
        out.outputs = readMetadataList(ctx, x, p);
        break;
      case 'custom':
        out.custom = readStringMap(ctx, x, p);
        break;
      default:
        ctx.unknown(path, k, 'SeldonModelMetadata');
    }
  }
  return out;
};

export const readGraphMetadata: Reader<SeldonGraphMetadata> = (ctx, v, path) => {
  const o = expectObject(v, path, 'graph metadata');
  const out: SeldonGraphMetadata = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    const p = childPath(path, k);
    switch (k) {
      case 'name':
        out.name = readString(x, p);
        break;
      case 'models': {
        const m = expectObject(x, p, 'graph metadata models');
        const models: Record<string, SeldonModelMetadata> = {};
        const keys = Object.keys(m);
        ctx.count(keys.length, p);
        for (const mk of keys) setKey(models, mk, readModelMetadata(ctx, m[mk], childPath(p, mk)));
        out.models = models;
        break;
      }
      case 'inputs':
      case 'graphinputs':
        out.inputs = readMetadataList(ctx, x, p);
        break;
      case 'outputs':
      case 'graphoutputs':
        out.outputs = readMetadataList(ctx, x, p);
        break;
      default:
        ctx.unknown(path, k, 'SeldonGraphMetadata');
    }
  }
  return out;
};

export const readModelMetadataRequest: Reader<SeldonModelMetadataRequest> = (ctx, v, path) => {
  const o = expectObject(v, path, 'a SeldonModelMetadataRequest');
  const out: SeldonModelMetadataRequest = {};
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (x === undefined || x === null) continue;
    if (k === 'name') out.name = readString(x, childPath(path, k));
    else ctx.unknown(path, k, 'SeldonModelMetadataRequest');
  }
  return out;
};
