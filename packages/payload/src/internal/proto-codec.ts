// Hand-written protobuf codec between wire bytes and the proto3-JSON shapes, on protobufjs's
// Reader/Writer. Going straight to the JSON shapes avoids an intermediate object layer, lets the
// packed tensor doubles land in a Float64Array with one copy, and builds maps with own
// properties only (the generated decoders assign map keys, so a `__proto__` key would reach a
// prototype). test/proto-codec.test.ts checks it against the generated code.
import protobuf from 'protobufjs/minimal.js';
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
  TfTensor,
  TfTensorShape,
} from '../types.js';
import { base64Decode, base64Encode } from './base64.js';
import { TF_DATA_TYPES } from './tf.js';
import { doublesJson } from './json-encode.js';
import { listValueBytes, valueBytes } from './value-writer.js';
import { float32Shortest, isPlainObject, setKey, typeName } from './util.js';

type R = protobuf.Reader;
type W = protobuf.Writer;
const { Reader, Writer } = protobuf;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export class Ctx {
  elements = 0;
  depth = 0;
  constructor(readonly opts: Required<DecodeOptions>) {}
  count(n: number): void {
    this.elements += n;
    if (this.elements > this.opts.maxElements) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_TOO_LARGE',
        '$',
        `more than maxElements (${this.opts.maxElements}) array elements`,
      );
    }
  }
}

export type Reader<T> = (r: R, end: number, ctx: Ctx) => T;
export type Writer<T> = (w: W, v: T) => void;

export function badProto(err: unknown): PayloadError {
  if (isPayloadError(err)) return err;
  const why = err instanceof Error ? err.message : String(err);
  return new PayloadError('SC_ERR_PAYLOAD_BAD_PROTO', '$', `malformed protobuf: ${why}`, { cause: err });
}

export function decodeTop<T>(read: Reader<T>, bytes: Uint8Array, opts?: DecodeOptions): T {
  const o = resolveDecodeOptions(opts);
  if (!(bytes instanceof Uint8Array)) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_WRONG_TYPE',
      '$',
      `protobuf input must be a Uint8Array, got ${typeName(bytes)}`,
    );
  }
  if (bytes.byteLength > o.maxMessageBytes) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_TOO_LARGE',
      '$',
      `message of ${bytes.byteLength} bytes exceeds maxMessageBytes (${o.maxMessageBytes})`,
    );
  }
  try {
    const r = Reader.create(bytes);
    return read(r, r.len, new Ctx(o));
  } catch (err) {
    throw badProto(err);
  }
}

export function encodeTop<T>(write: Writer<T>, v: T): Uint8Array {
  const w = Writer.create();
  try {
    write(w, v);
  } catch (err) {
    if (isPayloadError(err)) throw err;
    throw new PayloadError(
      'SC_ERR_PAYLOAD_WRONG_TYPE',
      '$',
      `cannot encode as protobuf: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return w.finish();
}

// ---- reading helpers ----

function fail(why: string): never {
  throw new PayloadError('SC_ERR_PAYLOAD_BAD_PROTO', '$', `malformed protobuf: ${why}`);
}

function sub<T>(r: R, ctx: Ctx, read: Reader<T>): T {
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) fail('length-delimited field runs past the end');
  const v = read(r, end, ctx);
  if (r.pos !== end) fail('sub-message length mismatch');
  return v;
}

/** Runs `read` one JSON nesting level deeper (lists, structs, Any), bounded by maxDepth. */
function nested<T>(ctx: Ctx, read: () => T): T {
  if (++ctx.depth > ctx.opts.maxDepth) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_TOO_DEEP',
      '$',
      `nesting deeper than maxDepth (${ctx.opts.maxDepth})`,
    );
  }
  const v = read();
  ctx.depth--;
  return v;
}

function skip(r: R, tag: number): void {
  if (tag >>> 3 === 0) fail('field number 0');
  r.skipType(tag & 7);
}

function bytesOf(r: R): Uint8Array {
  return r.bytes();
}

/** Repeated scalar field, packed (wire type 2) or not. */
function repeated<T>(r: R, tag: number, wire: number, one: () => T, out: T[], ctx: Ctx): void {
  const before = out.length;
  if ((tag & 7) === 2) {
    const len = r.uint32();
    const end = r.pos + len;
    if (end > r.len) fail('packed field runs past the end');
    while (r.pos < end) out.push(one());
    if (r.pos !== end) fail('packed field length mismatch');
  } else if ((tag & 7) === wire) {
    out.push(one());
  } else {
    skip(r, tag);
    return;
  }
  ctx.count(out.length - before);
}

function int64String(v: unknown): string {
  return typeof v === 'number' ? String(v) : (v as { toString(): string }).toString();
}

function enumName<T extends string>(n: number, names: readonly T[]): T {
  return (names[n] ?? n) as T;
}

/** Packed doubles straight into a Float64Array (one copy, no per-element work). */
function readDoubles(r: R, tag: number, prev: Float64Array | undefined, ctx: Ctx): Float64Array {
  let chunk: Float64Array;
  if ((tag & 7) === 2) {
    const len = r.uint32();
    const start = r.pos;
    const end = start + len;
    if (end > r.len) fail('packed doubles run past the end');
    if (len % 8 !== 0) fail('packed doubles length is not a multiple of 8');
    ctx.count(len / 8);
    chunk = new Float64Array(len / 8);
    const src = r.buf.subarray(start, end);
    if (LITTLE_ENDIAN) new Uint8Array(chunk.buffer).set(src);
    else {
      const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
      for (let i = 0; i < chunk.length; i++) chunk[i] = dv.getFloat64(i * 8, true);
    }
    r.pos = end;
  } else if ((tag & 7) === 1) {
    ctx.count(1);
    chunk = Float64Array.of(r.double());
  } else {
    skip(r, tag);
    return prev ?? new Float64Array(0);
  }
  if (!prev || prev.length === 0) return chunk;
  const all = new Float64Array(prev.length + chunk.length);
  all.set(prev);
  all.set(chunk, prev.length);
  return all;
}

// ---- google.protobuf.Value / Struct / ListValue / Any ----

const readValue: Reader<JsonValue> = (r, end, ctx) => {
  let v: JsonValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 8:
        r.int32();
        v = null;
        break;
      case 17:
        v = r.double();
        break;
      case 26:
        v = r.string();
        break;
      case 32:
        v = r.bool();
        break;
      case 42:
        v = sub(r, ctx, readStruct);
        break;
      case 50:
        v = sub(r, ctx, readListValue);
        break;
      default:
        skip(r, tag);
    }
  }
  return v;
};

function readMapEntry<V>(
  r: R,
  ctx: Ctx,
  readVal: (r: R, tag: number) => V | undefined,
  dflt: V,
): [string, V] {
  return sub(r, ctx, (r2, end) => {
    let k = '';
    let v = dflt;
    while (r2.pos < end) {
      const tag = r2.uint32();
      if (tag === 10) k = r2.string();
      else if (tag >>> 3 === 2) {
        const got = readVal(r2, tag);
        if (got !== undefined) v = got;
      } else skip(r2, tag);
    }
    return [k, v];
  });
}

const readStruct: Reader<JsonObject> = (r, end, ctx) => nested(ctx, () => readStructFields(r, end, ctx));

function readStructFields(r: R, end: number, ctx: Ctx): JsonObject {
  const out: JsonObject = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      ctx.count(1);
      const [k, v] = readMapEntry<JsonValue>(
        r,
        ctx,
        (r2, t) => (t === 18 ? sub(r2, ctx, readValue) : (skip(r2, t), undefined)),
        null,
      );
      setKey(out, k, v);
    } else skip(r, tag);
  }
  return out;
}

const readListValue: Reader<JsonValue[]> = (r, end, ctx) => nested(ctx, () => readListItems(r, end, ctx));

function readListItems(r: R, end: number, ctx: Ctx): JsonValue[] {
  const out: JsonValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      ctx.count(1);
      out.push(sub(r, ctx, readValue));
    } else skip(r, tag);
  }
  return out;
}

function writeValue(w: W, v: unknown, depth: number): void {
  if (depth > 10_000)
    throw new PayloadError('SC_ERR_PAYLOAD_TOO_DEEP', '$', 'value nests too deeply to encode');
  switch (typeof v) {
    case 'number':
      w.uint32(17).double(v);
      return;
    case 'string':
      w.uint32(26).string(v);
      return;
    case 'boolean':
      w.uint32(32).bool(v);
      return;
    case 'object':
      if (v === null) {
        w.uint32(8).int32(0);
        return;
      }
      if (Array.isArray(v)) {
        w.uint32(50).fork();
        writeListValue(w, v, depth + 1);
        w.ldelim();
        return;
      }
      if (isPlainObject(v)) {
        w.uint32(42).fork();
        writeStruct(w, v, depth + 1);
        w.ldelim();
        return;
      }
      break;
    default:
      break;
  }
  throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', '$', `a ${typeName(v)} is not a JSON value`);
}

function writeListValue(w: W, list: readonly unknown[], depth = 0): void {
  for (const item of list) {
    w.uint32(10).fork();
    writeValue(w, item, depth);
    w.ldelim();
  }
}

function writeStruct(w: W, o: Record<string, unknown>, depth = 0, field = 1): void {
  for (const k of Object.keys(o)) {
    w.uint32((field << 3) | 2)
      .fork()
      .uint32(10)
      .string(k)
      .uint32(18)
      .fork();
    writeValue(w, o[k], depth);
    w.ldelim().ldelim();
  }
}

// Any: types this codec knows are rendered in their JSON form; well-known JSON types under
// "value"; anything else keeps its bytes as base64 in "value" (lossless, re-encodable).
interface Known {
  read: Reader<unknown>;
  write: Writer<unknown>;
  wkt?: boolean;
}
const known: Record<string, Known> = {};
function register<T>(name: string, read: Reader<T>, write: Writer<T>, wkt = false): void {
  known[name] = { read: read as Reader<unknown>, write: write as Writer<unknown>, wkt };
}

const readAny: Reader<AnyMessage> = (r, end, ctx) => nested(ctx, () => readAnyFields(r, end, ctx));

function readAnyFields(r: R, end: number, ctx: Ctx): AnyMessage {
  let url = '';
  let value: Uint8Array = new Uint8Array(0);
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) url = r.string();
    else if (tag === 18) value = bytesOf(r);
    else skip(r, tag);
  }
  const k = known[url.slice(url.lastIndexOf('/') + 1)];
  if (k) {
    const inner = Reader.create(value);
    const decoded = k.read(inner, inner.len, ctx);
    if (k.wkt) return { '@type': url, value: decoded as JsonValue };
    // customData is a JSON value: typed arrays of the inner message become plain arrays.
    const json = JSON.parse(
      JSON.stringify(decoded, (_k, x) => (x instanceof Float64Array ? doublesJson(x) : x)),
    ) as JsonObject;
    return { '@type': url, ...json } as AnyMessage;
  }
  return { '@type': url, value: base64Encode(value) };
}

function writeAny(w: W, a: AnyMessage): void {
  const url = a['@type'];
  if (typeof url !== 'string')
    throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', '$.customData', 'google.protobuf.Any needs "@type"');
  w.uint32(10).string(url);
  const k = known[url.slice(url.lastIndexOf('/') + 1)];
  let bytes: Uint8Array;
  if (k) {
    const inner = Writer.create();
    if (k.wkt) k.write(inner, a.value);
    else {
      const rest: Record<string, unknown> = {};
      for (const key of Object.keys(a)) if (key !== '@type') setKey(rest, key, a[key]);
      k.write(inner, rest);
    }
    bytes = inner.finish();
  } else if (typeof a.value === 'string') {
    bytes = base64Decode(a.value, '$.customData.value');
  } else {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_UNSUPPORTED',
      '$.customData',
      `cannot encode an Any of unknown type ${url} unless "value" holds its bytes as base64`,
    );
  }
  if (bytes.length > 0) w.uint32(18).bytes(bytes);
}

// ---- seldon.protos ----

const STATUS_FLAGS: readonly StatusFlag[] = ['SUCCESS', 'FAILURE'];
const METRIC_TYPES: readonly MetricType[] = ['COUNTER', 'GAUGE', 'TIMER'];

function enumNumber(v: unknown, names: readonly string[]): number {
  if (typeof v === 'number') return v;
  const i = names.indexOf(v as string);
  if (i < 0)
    throw new PayloadError('SC_ERR_PAYLOAD_BAD_ENUM', '$', `unknown enum value ${JSON.stringify(v)}`);
  return i;
}

const readStatus: Reader<Status> = (r, end) => {
  const out: Status = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 8: {
        const n = r.int32();
        if (n !== 0) out.code = n;
        else delete out.code;
        break;
      }
      case 18: {
        const s = r.string();
        if (s) out.info = s;
        else delete out.info;
        break;
      }
      case 26: {
        const s = r.string();
        if (s) out.reason = s;
        else delete out.reason;
        break;
      }
      case 32: {
        const n = r.int32();
        if (n !== 0) out.status = enumName(n, STATUS_FLAGS);
        else delete out.status;
        break;
      }
      default:
        skip(r, tag);
    }
  }
  return out;
};

function writeStatus(w: W, s: Status): void {
  if (s.code) w.uint32(8).int32(s.code);
  if (s.info) w.uint32(18).string(s.info);
  if (s.reason) w.uint32(26).string(s.reason);
  const st = s.status === undefined ? 0 : enumNumber(s.status, STATUS_FLAGS);
  if (st) w.uint32(32).int32(st);
}

function readStringMapEntry(r: R, ctx: Ctx): [string, string] {
  return readMapEntry<string>(r, ctx, (r2, t) => (t === 18 ? r2.string() : (skip(r2, t), undefined)), '');
}

function writeStringMap(w: W, field: number, m: Record<string, string>): void {
  for (const k of Object.keys(m))
    w.uint32((field << 3) | 2)
      .fork()
      .uint32(10)
      .string(k)
      .uint32(18)
      .string(m[k])
      .ldelim();
}

const readMetric: Reader<Metric> = (r, end, ctx) => {
  const out: Metric = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: {
        const s = r.string();
        if (s) out.key = s;
        else delete out.key;
        break;
      }
      case 16: {
        const n = r.int32();
        if (n !== 0) out.type = enumName(n, METRIC_TYPES);
        else delete out.type;
        break;
      }
      case 29: {
        const f = r.float();
        if (f !== 0 || Object.is(f, -0)) out.value = float32Shortest(f);
        else delete out.value;
        break;
      }
      case 34: {
        ctx.count(1);
        const [k, v] = readStringMapEntry(r, ctx);
        out.tags ??= {};
        setKey(out.tags, k, v);
        break;
      }
      default:
        skip(r, tag);
    }
  }
  return out;
};

function writeMetric(w: W, m: Metric): void {
  if (m.key) w.uint32(10).string(m.key);
  const t = m.type === undefined ? 0 : enumNumber(m.type, METRIC_TYPES);
  if (t) w.uint32(16).int32(t);
  if (m.value !== undefined && m.value !== 0) w.uint32(29).float(m.value);
  if (m.tags) writeStringMap(w, 4, m.tags);
}

const readMeta: Reader<Meta> = (r, end, ctx) => {
  const out: Meta = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: {
        const s = r.string();
        if (s) out.puid = s;
        else delete out.puid;
        break;
      }
      case 18: {
        ctx.count(1);
        const [k, v] = readMapEntry<JsonValue>(
          r,
          ctx,
          (r2, t) => (t === 18 ? sub(r2, ctx, readValue) : (skip(r2, t), undefined)),
          null,
        );
        out.tags ??= {};
        setKey(out.tags, k, v);
        break;
      }
      case 26: {
        ctx.count(1);
        const [k, v] = readMapEntry<number>(
          r,
          ctx,
          (r2, t) => (t === 16 ? r2.int32() : (skip(r2, t), undefined)),
          0,
        );
        out.routing ??= {};
        setKey(out.routing, k, v);
        break;
      }
      case 34: {
        ctx.count(1);
        const [k, v] = readStringMapEntry(r, ctx);
        out.requestPath ??= {};
        setKey(out.requestPath, k, v);
        break;
      }
      case 42:
        ctx.count(1);
        (out.metrics ??= []).push(sub(r, ctx, readMetric));
        break;
      default:
        skip(r, tag);
    }
  }
  return out;
};

function writeMeta(w: W, m: Meta): void {
  if (m.puid) w.uint32(10).string(m.puid);
  if (m.tags) writeStruct(w, m.tags, 0, 2); // map<string,Value>: same entry layout as Struct.fields
  if (m.routing)
    for (const k of Object.keys(m.routing))
      w.uint32(26).fork().uint32(10).string(k).uint32(16).int32(m.routing[k]).ldelim();
  if (m.requestPath) writeStringMap(w, 4, m.requestPath);
  if (m.metrics)
    for (const x of m.metrics) {
      w.uint32(42).fork();
      writeMetric(w, x);
      w.ldelim();
    }
}

const readTensor: Reader<Tensor> = (r, end, ctx) => {
  const shape: number[] = [];
  let values: Float64Array | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        repeated(r, tag, 0, () => r.int32(), shape, ctx);
        break;
      case 2:
        values = readDoubles(r, tag, values, ctx);
        break;
      default:
        skip(r, tag);
    }
  }
  const n = values?.length ?? 0;
  let size = 1;
  for (const d of shape) size *= d;
  // Same rule as the JSON decoder: values must fill the shape (both empty is an empty tensor).
  if (!(shape.length === 0 && n === 0) && size !== n) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      '$.data.tensor.values',
      `tensor has ${n} values but shape [${shape.join(',')}] needs ${size}`,
    );
  }
  const out: Tensor = {};
  if (shape.length > 0) out.shape = shape;
  if (values && values.length > 0) out.values = values;
  return out;
};

function writeDoubles(w: W, field: number, values: ArrayLike<number>): void {
  if (values.length === 0) return;
  const f = values instanceof Float64Array ? values : Float64Array.from(values);
  let bytes: Uint8Array;
  if (LITTLE_ENDIAN) bytes = new Uint8Array(f.buffer, f.byteOffset, f.byteLength);
  else {
    bytes = new Uint8Array(f.length * 8);
    const dv = new DataView(bytes.buffer);
    for (let i = 0; i < f.length; i++) dv.setFloat64(i * 8, f[i], true);
  }
  w.uint32((field << 3) | 2).bytes(bytes);
}

function writePacked(
  w: W,
  field: number,
  values: readonly unknown[] | undefined,
  one: (w: W, v: never) => void,
): void {
  if (!values || values.length === 0) return;
  w.uint32((field << 3) | 2).fork();
  for (const v of values) one(w, v as never);
  w.ldelim();
}

function writeTensor(w: W, t: Tensor): void {
  writePacked(w, 1, t.shape, (w2, v: number) => w2.int32(v));
  if (t.values) writeDoubles(w, 2, t.values);
}

// tensorflow.TensorProto
const readTfShape: Reader<TfTensorShape> = (r, end, ctx) => {
  const out: TfTensorShape = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) {
      ctx.count(1);
      const dim = sub(r, ctx, (r2, e2) => {
        const d: { size?: string; name?: string } = {};
        while (r2.pos < e2) {
          const t2 = r2.uint32();
          if (t2 === 8) {
            const s = int64String(r2.int64());
            if (s !== '0') d.size = s;
            else delete d.size;
          } else if (t2 === 18) {
            const s = r2.string();
            if (s) d.name = s;
            else delete d.name;
          } else skip(r2, t2);
        }
        return d;
      });
      (out.dim ??= []).push(dim);
    } else if (tag === 24) {
      if (r.bool()) out.unknownRank = true;
      else delete out.unknownRank;
    } else skip(r, tag);
  }
  return out;
};

function writeInt64(w: W, v: string | number): void {
  const b = BigInt.asUintN(64, BigInt(v));
  (w as unknown as { uint64(v: { low: number; high: number }): W }).uint64({
    low: Number(b & 0xffffffffn) | 0,
    high: Number(b >> 32n) | 0,
  });
}

function writeTfShape(w: W, s: TfTensorShape): void {
  for (const d of s.dim ?? []) {
    w.uint32(18).fork();
    if (d.size !== undefined && Number(d.size) !== 0) {
      w.uint32(8);
      writeInt64(w, d.size);
    }
    if (d.name) w.uint32(18).string(d.name);
    w.ldelim();
  }
  if (s.unknownRank) w.uint32(24).bool(true);
}

const readTfTensor: Reader<TfTensor> = (r, end, ctx) => {
  const out: TfTensor = {};
  const arr = <K extends keyof TfTensor>(k: K): NonNullable<TfTensor[K]> =>
    (out[k] ??= [] as never) as NonNullable<TfTensor[K]>;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        if ((tag & 7) === 0) {
          const n = r.int32();
          if (n) out.dtype = enumName<TfDataType>(n, TF_DATA_TYPES);
          else delete out.dtype;
        } else skip(r, tag);
        break;
      case 2:
        if ((tag & 7) === 2) out.tensorShape = sub(r, ctx, readTfShape);
        else skip(r, tag);
        break;
      case 3:
        if ((tag & 7) === 0) {
          const n = r.int32();
          if (n) out.versionNumber = n;
          else delete out.versionNumber;
        } else skip(r, tag);
        break;
      case 4:
        if ((tag & 7) === 2) {
          const b = bytesOf(r);
          if (b.length) out.tensorContent = base64Encode(b);
          else delete out.tensorContent;
        } else skip(r, tag);
        break;
      case 5:
        repeated(r, tag, 5, () => float32Shortest(r.float()), arr('floatVal'), ctx);
        break;
      case 6:
        repeated(r, tag, 1, () => r.double(), arr('doubleVal'), ctx);
        break;
      case 7:
        repeated(r, tag, 0, () => r.int32(), arr('intVal'), ctx);
        break;
      case 8:
        if ((tag & 7) === 2) {
          ctx.count(1);
          arr('stringVal').push(base64Encode(bytesOf(r)));
        } else skip(r, tag);
        break;
      case 9:
        repeated(r, tag, 5, () => float32Shortest(r.float()), arr('scomplexVal'), ctx);
        break;
      case 10:
        repeated(r, tag, 0, () => int64String(r.int64()), arr('int64Val'), ctx);
        break;
      case 11:
        repeated(r, tag, 0, () => r.bool(), arr('boolVal'), ctx);
        break;
      case 12:
        repeated(r, tag, 1, () => r.double(), arr('dcomplexVal'), ctx);
        break;
      case 13:
        repeated(r, tag, 0, () => r.int32(), arr('halfVal'), ctx);
        break;
      case 16:
        repeated(r, tag, 0, () => r.uint32(), arr('uint32Val'), ctx);
        break;
      case 17:
        repeated(r, tag, 0, () => int64String(r.uint64()), arr('uint64Val'), ctx);
        break;
      case 18:
        if ((tag & 7) === 2) {
          const b = bytesOf(r);
          if (b.length) out.float8Val = base64Encode(b);
          else delete out.float8Val;
        } else skip(r, tag);
        break;
      default:
        skip(r, tag);
    }
  }
  for (const k of Object.keys(out) as (keyof TfTensor)[]) {
    const v = out[k];
    if (Array.isArray(v) && v.length === 0) delete out[k];
  }
  return out;
};

function writeTfTensor(w: W, t: TfTensor): void {
  const dt = t.dtype === undefined ? 0 : enumNumber(t.dtype, TF_DATA_TYPES);
  if (dt) w.uint32(8).int32(dt);
  if (t.tensorShape) {
    w.uint32(18).fork();
    writeTfShape(w, t.tensorShape);
    w.ldelim();
  }
  if (t.versionNumber) w.uint32(24).int32(t.versionNumber);
  if (t.tensorContent) w.uint32(34).bytes(base64Decode(t.tensorContent, '$.tensorContent'));
  writePacked(w, 5, t.floatVal, (w2, v: number) => w2.float(v));
  if (t.doubleVal) writeDoubles(w, 6, t.doubleVal);
  writePacked(w, 7, t.intVal, (w2, v: number) => w2.int32(v));
  for (const s of t.stringVal ?? []) w.uint32(66).bytes(base64Decode(s, '$.stringVal'));
  writePacked(w, 9, t.scomplexVal, (w2, v: number) => w2.float(v));
  writePacked(w, 10, t.int64Val, (w2, v: string | number) => writeInt64(w2, v));
  writePacked(w, 11, t.boolVal, (w2, v: boolean) => w2.bool(v));
  if (t.dcomplexVal) writeDoubles(w, 12, t.dcomplexVal);
  writePacked(w, 13, t.halfVal, (w2, v: number) => w2.int32(v));
  writePacked(w, 16, t.uint32Val, (w2, v: number) => w2.uint32(v));
  writePacked(w, 17, t.uint64Val, (w2, v: string | number) => writeInt64(w2, v));
  if (t.float8Val) w.uint32(146).bytes(base64Decode(t.float8Val, '$.float8Val'));
}

const readDefaultData: Reader<DefaultData> = (r, end, ctx) => {
  const out: DefaultData = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        ctx.count(1);
        (out.names ??= []).push(r.string());
        break;
      case 18:
        delete out.ndarray;
        delete out.tftensor;
        out.tensor = sub(r, ctx, readTensor);
        break;
      case 26:
        delete out.tensor;
        delete out.tftensor;
        out.ndarray = sub(r, ctx, readListValue);
        break;
      case 34:
        delete out.tensor;
        delete out.ndarray;
        out.tftensor = sub(r, ctx, readTfTensor);
        break;
      default:
        skip(r, tag);
    }
  }
  return out;
};

function writeDefaultData(w: W, d: DefaultData): void {
  for (const n of d.names ?? []) w.uint32(10).string(n);
  if (d.tensor) {
    w.uint32(18).fork();
    writeTensor(w, d.tensor);
    w.ldelim();
  } else if (d.ndarray) w.uint32(26).bytes(listValueBytes(d.ndarray));
  else if (d.tftensor) {
    w.uint32(34).fork();
    writeTfTensor(w, d.tftensor);
    w.ldelim();
  }
}

function clearData(m: SeldonMessage): void {
  delete m.data;
  delete m.binData;
  delete m.strData;
  delete m.jsonData;
  delete m.customData;
}

export const readMessage: Reader<SeldonMessage> = (r, end, ctx) => {
  const out: SeldonMessage = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        out.status = sub(r, ctx, readStatus);
        break;
      case 18:
        out.meta = sub(r, ctx, readMeta);
        break;
      case 26:
        clearData(out);
        out.data = sub(r, ctx, readDefaultData);
        break;
      case 34:
        clearData(out);
        out.binData = base64Encode(bytesOf(r));
        break;
      case 42:
        clearData(out);
        out.strData = r.string();
        break;
      case 50:
        clearData(out);
        out.jsonData = sub(r, ctx, readValue);
        break;
      case 58:
        clearData(out);
        out.customData = sub(r, ctx, readAny);
        break;
      default:
        skip(r, tag);
    }
  }
  return out;
};

export const writeMessage: Writer<SeldonMessage> = (w, m) => {
  if (m.status) {
    w.uint32(10).fork();
    writeStatus(w, m.status);
    w.ldelim();
  }
  if (m.meta) {
    w.uint32(18).fork();
    writeMeta(w, m.meta);
    w.ldelim();
  }
  if (m.data) {
    w.uint32(26).fork();
    writeDefaultData(w, m.data);
    w.ldelim();
  } else if (m.binData !== undefined) w.uint32(34).bytes(base64Decode(m.binData, '$.binData'));
  else if (m.strData !== undefined) w.uint32(42).string(m.strData);
  else if (m.jsonData !== undefined) w.uint32(50).bytes(valueBytes(m.jsonData));
  else if (m.customData !== undefined) {
    w.uint32(58).fork();
    writeAny(w, m.customData);
    w.ldelim();
  }
};

function readFloatField(r: R): number | undefined {
  const f = r.float();
  return f === 0 && !Object.is(f, -0) ? undefined : float32Shortest(f);
}

export const readFeedback: Reader<Feedback> = (r, end, ctx) => {
  const out: Feedback = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        out.request = sub(r, ctx, readMessage);
        break;
      case 18:
        out.response = sub(r, ctx, readMessage);
        break;
      case 29: {
        const f = readFloatField(r);
        if (f === undefined) delete out.reward;
        else out.reward = f;
        break;
      }
      case 34:
        out.truth = sub(r, ctx, readMessage);
        break;
      default:
        skip(r, tag);
    }
  }
  return out;
};

export const writeFeedback: Writer<Feedback> = (w, f) => {
  if (f.request) {
    w.uint32(10).fork();
    writeMessage(w, f.request);
    w.ldelim();
  }
  if (f.response) {
    w.uint32(18).fork();
    writeMessage(w, f.response);
    w.ldelim();
  }
  if (f.reward) w.uint32(29).float(f.reward);
  if (f.truth) {
    w.uint32(34).fork();
    writeMessage(w, f.truth);
    w.ldelim();
  }
};

export const readMessageList: Reader<SeldonMessageList> = (r, end, ctx) => {
  const out: SeldonMessageList = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      ctx.count(1);
      (out.seldonMessages ??= []).push(sub(r, ctx, readMessage));
    } else skip(r, tag);
  }
  return out;
};

export const writeMessageList: Writer<SeldonMessageList> = (w, l) => {
  for (const m of l.seldonMessages ?? []) {
    w.uint32(10).fork();
    writeMessage(w, m);
    w.ldelim();
  }
};

export const readModelMetadataRequest: Reader<SeldonModelMetadataRequest> = (r, end) => {
  const out: SeldonModelMetadataRequest = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      const s = r.string();
      if (s) out.name = s;
      else delete out.name;
    } else skip(r, tag);
  }
  return out;
};

export const writeModelMetadataRequest: Writer<SeldonModelMetadataRequest> = (w, m) => {
  if (m.name) w.uint32(10).string(m.name);
};

const readMessageMetadata: Reader<SeldonMessageMetadata> = (r, end, ctx) => {
  const out: SeldonMessageMetadata = {};
  const str = (k: 'messagetype' | 'name' | 'datatype'): void => {
    const s = r.string();
    if (s) out[k] = s;
    else delete out[k];
  };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        if ((tag & 7) === 2) str('messagetype');
        else skip(r, tag);
        break;
      case 2:
        if ((tag & 7) === 2) out.schema = sub(r, ctx, readValue);
        else skip(r, tag);
        break;
      case 3:
        if ((tag & 7) === 2) str('name');
        else skip(r, tag);
        break;
      case 4:
        if ((tag & 7) === 2) str('datatype');
        else skip(r, tag);
        break;
      case 5:
        repeated(r, tag, 0, () => int64String(r.int64()), (out.shape ??= []), ctx);
        break;
      default:
        skip(r, tag);
    }
  }
  if (out.shape && out.shape.length === 0) delete out.shape;
  return out;
};

function writeMessageMetadata(w: W, m: SeldonMessageMetadata): void {
  if (m.messagetype) w.uint32(10).string(m.messagetype);
  if (m.schema !== undefined) {
    w.uint32(18).fork();
    writeValue(w, m.schema, 0);
    w.ldelim();
  }
  if (m.name) w.uint32(26).string(m.name);
  if (m.datatype) w.uint32(34).string(m.datatype);
  writePacked(w, 5, m.shape, (w2, v: string | number) => writeInt64(w2, v));
}

export const readModelMetadata: Reader<SeldonModelMetadata> = (r, end, ctx) => {
  const out: SeldonModelMetadata = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: {
        const s = r.string();
        if (s) out.name = s;
        else delete out.name;
        break;
      }
      case 18:
        ctx.count(1);
        (out.versions ??= []).push(r.string());
        break;
      case 26: {
        const s = r.string();
        if (s) out.platform = s;
        else delete out.platform;
        break;
      }
      case 34:
        ctx.count(1);
        (out.inputs ??= []).push(sub(r, ctx, readMessageMetadata));
        break;
      case 42:
        ctx.count(1);
        (out.outputs ??= []).push(sub(r, ctx, readMessageMetadata));
        break;
      case 50: {
        ctx.count(1);
        const [k, v] = readStringMapEntry(r, ctx);
        out.custom ??= {};
        setKey(out.custom, k, v);
        break;
      }
      default:
        skip(r, tag);
    }
  }
  return out;
};

export const writeModelMetadata: Writer<SeldonModelMetadata> = (w, m) => {
  if (m.name) w.uint32(10).string(m.name);
  for (const v of m.versions ?? []) w.uint32(18).string(v);
  if (m.platform) w.uint32(26).string(m.platform);
  for (const x of m.inputs ?? []) {
    w.uint32(34).fork();
    writeMessageMetadata(w, x);
    w.ldelim();
  }
  for (const x of m.outputs ?? []) {
    w.uint32(42).fork();
    writeMessageMetadata(w, x);
    w.ldelim();
  }
  if (m.custom) writeStringMap(w, 6, m.custom);
};

export const readGraphMetadata: Reader<SeldonGraphMetadata> = (r, end, ctx) => {
  const out: SeldonGraphMetadata = {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10: {
        const s = r.string();
        if (s) out.name = s;
        else delete out.name;
        break;
      }
      case 18: {
        ctx.count(1);
        const [k, v] = readMapEntry<SeldonModelMetadata>(
          r,
          ctx,
          (r2, t) => (t === 18 ? sub(r2, ctx, readModelMetadata) : (skip(r2, t), undefined)),
          {},
        );
        out.models ??= {};
        setKey(out.models, k, v);
        break;
      }
      case 26:
        ctx.count(1);
        (out.inputs ??= []).push(sub(r, ctx, readMessageMetadata));
        break;
      case 34:
        ctx.count(1);
        (out.outputs ??= []).push(sub(r, ctx, readMessageMetadata));
        break;
      default:
        skip(r, tag);
    }
  }
  return out;
};

export const writeGraphMetadata: Writer<SeldonGraphMetadata> = (w, g) => {
  if (g.name) w.uint32(10).string(g.name);
  if (g.models) {
    for (const k of Object.keys(g.models)) {
      w.uint32(18).fork().uint32(10).string(k).uint32(18).fork();
      writeModelMetadata(w, g.models[k]);
      w.ldelim().ldelim();
    }
  }
  for (const x of g.inputs ?? []) {
    w.uint32(26).fork();
    writeMessageMetadata(w, x);
    w.ldelim();
  }
  for (const x of g.outputs ?? []) {
    w.uint32(34).fork();
    writeMessageMetadata(w, x);
    w.ldelim();
  }
};

register('seldon.protos.SeldonMessage', readMessage, writeMessage);
register('seldon.protos.Feedback', readFeedback, writeFeedback);
register('seldon.protos.SeldonMessageList', readMessageList, writeMessageList);
register('seldon.protos.DefaultData', readDefaultData, writeDefaultData);
register('seldon.protos.Tensor', readTensor, writeTensor);
register('seldon.protos.Meta', readMeta, writeMeta);
register('seldon.protos.Status', readStatus, writeStatus);
register('seldon.protos.SeldonModelMetadata', readModelMetadata, writeModelMetadata);
register('seldon.protos.SeldonGraphMetadata', readGraphMetadata, writeGraphMetadata);
register('tensorflow.TensorProto', readTfTensor, writeTfTensor);
register('google.protobuf.Value', readValue, (w, v) => writeValueFields(w, v), true);
register('google.protobuf.Struct', readStruct, (w, v) => writeStruct(w, expectObj(v)), true);
register('google.protobuf.ListValue', readListValue, (w, v) => writeListValue(w, expectArr(v)), true);

/** The fields of a Value message itself (not wrapped in a field tag). */
function writeValueFields(w: W, v: unknown): void {
  writeValue(w, v, 0);
}

function expectObj(v: unknown): Record<string, unknown> {
  if (!isPlainObject(v))
    throw new PayloadError(
      'SC_ERR_PAYLOAD_WRONG_TYPE',
      '$.customData.value',
      'a Struct value must be an object',
    );
  return v;
}

function expectArr(v: unknown): unknown[] {
  if (!Array.isArray(v))
    throw new PayloadError(
      'SC_ERR_PAYLOAD_WRONG_TYPE',
      '$.customData.value',
      'a ListValue value must be an array',
    );
  return v;
}
