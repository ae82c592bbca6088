// Hand-written protobuf codec between wire bytes and the proto3-JSON shapes, on protobufjs's
// Reader/Writer. Going straight to the JSON shapes avoids an intermediate object layer, lets the
// packed tensor doubles land in a Float64Array with one copy, and builds maps with own
// properties only (the generated decoders assign map keys, so a `__proto__` key would reach a
// prototype). test/proto.test.ts checks it against the generated code; unlike those decoders it
// merges a repeated non-repeated message field, as the protobuf spec says (test/proto-regressions.test.ts).
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
import { DoubleData } from './doubles.js';
import { checkTfTensor } from './tf-check.js';
import { childPath, float32Shortest, isPlainObject, setKey, typeName } from './util.js';

type R = protobuf.Reader;
type W = protobuf.Writer;
const { Reader, Writer } = protobuf;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export class Ctx {
  elements = 0;
  depth = 0;
  /**
   * Where the reader is, as JSON-path segments (field names, list indexes, map keys). Segments are
   * pushed on entering a sub-message and popped on leaving it; a throw leaves them in place, so the
   * error can name the field that failed. Turned into text only when an error is reported.
   */
  readonly path: (string | number)[] = [];
  /**
   * DefaultData holding a tensor or tftensor, with their paths. Their content is checked against
   * the shape only once the whole input is read: a later occurrence of the same field may still
   * merge into them.
   */
  dataToCheck: Map<DefaultData, string> | undefined;
  constructor(readonly opts: Required<DecodeOptions>) {}
  /** Runs the checks that had to wait for the end of the input. */
  finish(): void {
    if (this.dataToCheck === undefined) return;
    for (const [data, path] of this.dataToCheck) {
      if (data.tensor !== undefined) checkTensor(data.tensor, childPath(path, 'tensor'));
      else if (data.tftensor !== undefined) checkTfTensor(data.tftensor, childPath(path, 'tftensor'));
    }
  }
  count(n: number): void {
    this.elements += n;
    if (this.elements > this.opts.maxElements) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_TOO_LARGE',
        this.where(),
        `more than maxElements (${this.opts.maxElements}) array elements`,
      );
    }
  }
  /** The current JSON path, e.g. `$.meta.metrics[1].tags`. */
  where(extra?: string | number): string {
    let p = '$';
    for (const seg of this.path) p = childPath(p, seg);
    return extra === undefined ? p : childPath(p, extra);
  }
}

/**
 * Reads one message of `end - r.pos` bytes. `into`, when given, is the value already decoded for
 * the same non-repeated field: the protobuf spec says a message field that occurs more than once
 * is the merge of all occurrences (scalars: last wins; repeated: concatenated; messages: merged
 * recursively), which is what a proxy appending e.g. a second `meta` relies on.
 */
export type Reader<T> = (r: R, end: number, ctx: Ctx, into?: T) => T;
export type Writer<T> = (w: W, v: T) => void;

export function badProto(err: unknown, path = '$'): PayloadError {
  if (isPayloadError(err)) return err;
  const why = err instanceof Error ? err.message : String(err);
  return new PayloadError('SC_ERR_PAYLOAD_BAD_PROTO', path, `malformed protobuf: ${why}`, { cause: err });
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
  const ctx = new Ctx(o);
  try {
    const r = Reader.create(bytes);
    const value = read(r, r.len, ctx);
    ctx.finish();
    return value;
  } catch (err) {
    // protobufjs's own errors (truncated varint, string past the end) carry no position.
    throw badProto(err, ctx.where());
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

/**
 * Sets a proto3 scalar field, or clears it for the zero value: on the wire a later occurrence of
 * the field wins, and a zero value is what proto3 omits (so it must not leave the key set).
 */
function setScalar<T extends object, K extends keyof T>(out: T, key: K, value: T[K] | 0 | '' | false): void {
  if (value === 0 || value === '' || value === false || value === undefined) delete out[key];
  else out[key] = value as T[K];
}

/** Writes `v` as the length-delimited message field with key `tag`. */
function writeField<T>(w: W, tag: number, write: (w: W, v: T) => void, v: T): void {
  w.uint32(tag).fork();
  write(w, v);
  w.ldelim();
}

// ---- reading helpers ----

function fail(ctx: Ctx, why: string, field?: string): never {
  throw new PayloadError('SC_ERR_PAYLOAD_BAD_PROTO', ctx.where(field), `malformed protobuf: ${why}`);
}

/** A path segment: a field name, a list index or map key, or a repeated field's name and index. */
type Segment = string | number | readonly [string, number];

/**
 * Reads a length-delimited sub-message as field `seg` (a field name, list index or map key) of
 * the current path, merging into `into` when the field already occurred.
 */
function sub<T>(r: R, ctx: Ctx, read: Reader<T>, seg?: Segment, into?: T): T {
  const depth = ctx.path.length;
  if (typeof seg === 'object') ctx.path.push(seg[0], seg[1]);
  else if (seg !== undefined) ctx.path.push(seg);
  const len = r.uint32();
  const end = r.pos + len;
  if (end > r.len) fail(ctx, 'length-delimited field runs past the end');
  const v = read(r, end, ctx, into);
  if (r.pos !== end) fail(ctx, 'sub-message length mismatch');
  ctx.path.length = depth;
  return v;
}

/** Runs `read` one JSON nesting level deeper (lists, structs, Any), bounded by maxDepth. */
function nested<T>(ctx: Ctx, read: () => T): T {
  if (++ctx.depth > ctx.opts.maxDepth) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_TOO_DEEP',
      ctx.where(),
      `nesting deeper than maxDepth (${ctx.opts.maxDepth})`,
    );
  }
  const v = read();
  ctx.depth--;
  return v;
}

function skip(r: R, tag: number, ctx: Ctx): void {
  if (tag >>> 3 === 0) fail(ctx, 'field number 0');
  r.skipType(tag & 7);
}

/**
 * A string field. protobufjs's Buffer reader silently cuts a string that claims more bytes than
 * remain (it clamps to the buffer's end), so the length is checked here first.
 */
function str(r: R, ctx: Ctx): string {
  const start = r.pos;
  const len = r.uint32();
  if (r.pos + len > r.len) fail(ctx, `string of ${len} bytes runs past the end`);
  r.pos = start;
  return r.string();
}

function bytesOf(r: R): Uint8Array {
  return r.bytes();
}

/** Repeated scalar field `field`, packed (wire type 2) or not. */
function repeated<T>(r: R, tag: number, wire: number, one: () => T, out: T[], ctx: Ctx, field: string): void {
  const before = out.length;
  if ((tag & 7) === 2) {
    const len = r.uint32();
    const end = r.pos + len;
    if (end > r.len) fail(ctx, 'packed field runs past the end', field);
    while (r.pos < end) out.push(one());
    if (r.pos !== end) fail(ctx, 'packed field length mismatch', field);
  } else if ((tag & 7) === wire) {
    out.push(one());
  } else {
    skip(r, tag, ctx);
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
function readDoubles(
  r: R,
  tag: number,
  prev: Float64Array | undefined,
  ctx: Ctx,
  field: string,
): Float64Array {
  let chunk: Float64Array;
  if ((tag & 7) === 2) {
    const len = r.uint32();
    const start = r.pos;
    const end = start + len;
    if (end > r.len) fail(ctx, 'packed doubles run past the end', field);
    if (len % 8 !== 0) fail(ctx, 'packed doubles length is not a multiple of 8', field);
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
    skip(r, tag, ctx);
    return prev ?? new Float64Array(0);
  }
  if (!prev || prev.length === 0) return chunk;
  const all = new Float64Array(prev.length + chunk.length);
  all.set(prev);
  all.set(chunk, prev.length);
  return all;
}

// ---- google.protobuf.Value / Struct / ListValue / Any ----

const readValue: Reader<JsonValue> = (r, end, ctx, into) => {
  // A Value is a oneof: a repeated struct/list kind merges with the same kind, anything else replaces.
  let v: JsonValue = into === undefined ? null : into;
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
        v = str(r, ctx);
        break;
      case 32:
        v = r.bool();
        break;
      case 42:
        v = sub(r, ctx, readStruct, undefined, isPlainObject(v) ? (v as JsonObject) : undefined);
        break;
      case 50:
        v = sub(r, ctx, readListValue, undefined, Array.isArray(v) ? v : undefined);
        break;
      default:
        skip(r, tag, ctx);
    }
  }
  return v;
};

/** Reads one element of repeated message field `field` onto `list` (counted against maxElements). */
function readListEntry<T>(r: R, ctx: Ctx, list: T[], read: Reader<T>, field: string): void {
  ctx.count(1);
  list.push(sub(r, ctx, read, [field, list.length]));
}

/** How a map entry's value (field 2) is read: undefined for a value of the wrong wire type. */
type MapValueReader<V> = (r: R, tag: number, ctx: Ctx) => V | undefined;

const stringValue: MapValueReader<string> = (r, t, ctx) =>
  t === 18 ? str(r, ctx) : (skip(r, t, ctx), undefined);
const int32Value: MapValueReader<number> = (r, t, ctx) =>
  t === 16 ? r.int32() : (skip(r, t, ctx), undefined);
/** A map value that is a message. */
function messageValue<V>(read: Reader<V>): MapValueReader<V> {
  return (r, t, ctx) => (t === 18 ? sub(r, ctx, read) : (skip(r, t, ctx), undefined));
}
const jsonValue = messageValue(readValue);

/**
 * Reads one entry of map field `field` into `map` (counted against maxElements). A key that
 * occurs again replaces the earlier entry (the spec's rule for maps); `__proto__` stays an own
 * key. The value is read with the key as the current path segment.
 */
function readMapEntry<V>(
  r: R,
  ctx: Ctx,
  map: Record<string, V>,
  readVal: MapValueReader<V>,
  dflt: V,
  field?: string,
): void {
  ctx.count(1);
  const [k, v] = sub(
    r,
    ctx,
    (r2, end) => {
      let k = '';
      let v = dflt;
      while (r2.pos < end) {
        const tag = r2.uint32();
        if (tag === 10) k = str(r2, ctx);
        else if (tag >>> 3 === 2) {
          ctx.path.push(k);
          const got = readVal(r2, tag, ctx);
          ctx.path.pop();
          if (got !== undefined) v = got;
        } else skip(r2, tag, ctx);
      }
      return [k, v] as const;
    },
    field,
  );
  setKey(map, k, v);
}

const readStruct: Reader<JsonObject> = (r, end, ctx, into) =>
  nested(ctx, () => readStructFields(r, end, ctx, into));

function readStructFields(r: R, end: number, ctx: Ctx, into?: JsonObject): JsonObject {
  const out: JsonObject = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) readMapEntry(r, ctx, out, jsonValue, null);
    else skip(r, tag, ctx);
  }
  return out;
}

const readListValue: Reader<JsonValue[]> = (r, end, ctx, into) =>
  nested(ctx, () => readListItems(r, end, ctx, into));

function readListItems(r: R, end: number, ctx: Ctx, into?: JsonValue[]): JsonValue[] {
  const out: JsonValue[] = into ?? [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      ctx.count(1);
      out.push(sub(r, ctx, readValue, out.length));
    } else skip(r, tag, ctx);
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
    if (tag === 10) url = str(r, ctx);
    else if (tag === 18) value = bytesOf(r);
    else skip(r, tag, ctx);
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

const readStatus: Reader<Status> = (r, end, ctx, into) => {
  const out: Status = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 8:
        setScalar(out, 'code', r.int32());
        break;
      case 18:
        setScalar(out, 'info', str(r, ctx));
        break;
      case 26:
        setScalar(out, 'reason', str(r, ctx));
        break;
      case 32: {
        const n = r.int32();
        setScalar(out, 'status', n && enumName(n, STATUS_FLAGS));
        break;
      }
      default:
        skip(r, tag, ctx);
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
      case 10:
        setScalar(out, 'key', str(r, ctx));
        break;
      case 16: {
        const n = r.int32();
        setScalar(out, 'type', n && enumName(n, METRIC_TYPES));
        break;
      }
      case 29: {
        const f = r.float();
        if (f !== 0 || Object.is(f, -0)) out.value = float32Shortest(f);
        else delete out.value;
        break;
      }
      case 34:
        readMapEntry(r, ctx, (out.tags ??= {}), stringValue, '', 'tags');
        break;
      default:
        skip(r, tag, ctx);
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

const readMeta: Reader<Meta> = (r, end, ctx, into) => {
  const out: Meta = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        setScalar(out, 'puid', str(r, ctx));
        break;
      case 18:
        readMapEntry(r, ctx, (out.tags ??= {}), jsonValue, null, 'tags');
        break;
      case 26:
        readMapEntry(r, ctx, (out.routing ??= {}), int32Value, 0, 'routing');
        break;
      case 34:
        readMapEntry(r, ctx, (out.requestPath ??= {}), stringValue, '', 'requestPath');
        break;
      case 42:
        readListEntry(r, ctx, (out.metrics ??= []), readMetric, 'metrics');
        break;
      default:
        skip(r, tag, ctx);
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
  if (m.metrics) for (const x of m.metrics) writeField(w, 42, writeMetric, x);
}

// Tensor fields are only merged here; whether values fill the shape is checked once the enclosing
// message is complete (a tensor split over two occurrences is valid only as a whole).
const readTensorFields: Reader<Tensor> = (r, end, ctx, into) => {
  const shape: number[] = into?.shape ? Array.from(into.shape) : [];
  const prev = into?.values;
  let values: Float64Array | undefined =
    prev === undefined || prev instanceof Float64Array ? prev : Float64Array.from(prev);
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        repeated(r, tag, 0, () => r.int32(), shape, ctx, 'shape');
        break;
      case 2:
        values = readDoubles(r, tag, values, ctx, 'values');
        break;
      default:
        skip(r, tag, ctx);
    }
  }
  const out: Tensor = {};
  if (shape.length > 0) out.shape = shape;
  if (values && values.length > 0) out.values = values;
  return out;
};

/** Same rule as the JSON decoder: values must fill the shape (both empty is an empty tensor). */
function checkTensor(t: Tensor, path: string): void {
  const shape = t.shape ?? [];
  const n = t.values?.length ?? 0;
  let size = 1;
  for (const d of shape) size *= d;
  if (!(shape.length === 0 && n === 0) && size !== n) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      childPath(path, 'values'),
      `tensor has ${n} values but shape [${shape.join(',')}] needs ${size}`,
    );
  }
}

/** A Tensor as a message of its own (inside an Any). */
const readTensor: Reader<Tensor> = (r, end, ctx, into) => {
  const t = readTensorFields(r, end, ctx, into);
  checkTensor(t, ctx.where());
  return t;
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
const readTfShape: Reader<TfTensorShape> = (r, end, ctx, into) => {
  const out: TfTensorShape = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 18) {
      ctx.count(1);
      const dim = sub(
        r,
        ctx,
        (r2, e2) => {
          const d: { size?: string; name?: string } = {};
          while (r2.pos < e2) {
            const t2 = r2.uint32();
            if (t2 === 8) {
              const s = int64String(r2.int64());
              if (s !== '0') d.size = s;
              else delete d.size;
            } else if (t2 === 18) {
              setScalar(d, 'name', str(r2, ctx));
            } else skip(r2, t2, ctx);
          }
          return d;
        },
        ['dim', out.dim?.length ?? 0],
      );
      (out.dim ??= []).push(dim);
    } else if (tag === 24) {
      if (r.bool()) out.unknownRank = true;
      else delete out.unknownRank;
    } else skip(r, tag, ctx);
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

const readTfTensorFields: Reader<TfTensor> = (r, end, ctx, into) => {
  const out: TfTensor = into ?? {};
  const arr = <K extends keyof TfTensor>(k: K): NonNullable<TfTensor[K]> =>
    (out[k] ??= [] as never) as NonNullable<TfTensor[K]>;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        if ((tag & 7) === 0) {
          const n = r.int32();
          setScalar(out, 'dtype', n && enumName<TfDataType>(n, TF_DATA_TYPES));
        } else skip(r, tag, ctx);
        break;
      case 2:
        if ((tag & 7) === 2) out.tensorShape = sub(r, ctx, readTfShape, 'tensorShape', out.tensorShape);
        else skip(r, tag, ctx);
        break;
      case 3:
        if ((tag & 7) === 0) {
          setScalar(out, 'versionNumber', r.int32());
        } else skip(r, tag, ctx);
        break;
      case 4:
        if ((tag & 7) === 2) {
          const b = bytesOf(r);
          if (b.length) out.tensorContent = base64Encode(b);
          else delete out.tensorContent;
        } else skip(r, tag, ctx);
        break;
      case 5:
        repeated(r, tag, 5, () => float32Shortest(r.float()), arr('floatVal'), ctx, 'floatVal');
        break;
      case 6:
        repeated(r, tag, 1, () => r.double(), arr('doubleVal'), ctx, 'doubleVal');
        break;
      case 7:
        repeated(r, tag, 0, () => r.int32(), arr('intVal'), ctx, 'intVal');
        break;
      case 8:
        if ((tag & 7) === 2) {
          ctx.count(1);
          arr('stringVal').push(base64Encode(bytesOf(r)));
        } else skip(r, tag, ctx);
        break;
      case 9:
        repeated(r, tag, 5, () => float32Shortest(r.float()), arr('scomplexVal'), ctx, 'scomplexVal');
        break;
      case 10:
        repeated(r, tag, 0, () => int64String(r.int64()), arr('int64Val'), ctx, 'int64Val');
        break;
      case 11:
        repeated(r, tag, 0, () => r.bool(), arr('boolVal'), ctx, 'boolVal');
        break;
      case 12:
        repeated(r, tag, 1, () => r.double(), arr('dcomplexVal'), ctx, 'dcomplexVal');
        break;
      case 13:
        repeated(r, tag, 0, () => r.int32(), arr('halfVal'), ctx, 'halfVal');
        break;
      case 16:
        repeated(r, tag, 0, () => r.uint32(), arr('uint32Val'), ctx, 'uint32Val');
        break;
      case 17:
        repeated(r, tag, 0, () => int64String(r.uint64()), arr('uint64Val'), ctx, 'uint64Val');
        break;
      case 18:
        if ((tag & 7) === 2) {
          const b = bytesOf(r);
          if (b.length) out.float8Val = base64Encode(b);
          else delete out.float8Val;
        } else skip(r, tag, ctx);
        break;
      default:
        skip(r, tag, ctx);
    }
  }
  for (const k of Object.keys(out) as (keyof TfTensor)[]) {
    const v = out[k];
    if (Array.isArray(v) && v.length === 0) delete out[k];
  }
  return out;
};

/** A TensorProto as a message of its own (inside an Any). */
const readTfTensor: Reader<TfTensor> = (r, end, ctx, into) => {
  const t = readTfTensorFields(r, end, ctx, into);
  checkTfTensor(t, ctx.where());
  return t;
};

function writeTfTensor(w: W, t: TfTensor): void {
  const dt = t.dtype === undefined ? 0 : enumNumber(t.dtype, TF_DATA_TYPES);
  if (dt) w.uint32(8).int32(dt);
  if (t.tensorShape) writeField(w, 18, writeTfShape, t.tensorShape);
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

const readDefaultData: Reader<DefaultData> = (r, end, ctx, into) => {
  // ListValue numbers are doubles: the JSON encoder keeps the ".0" of a DoubleData's ndarray.
  const out: DefaultData = into ?? (new DoubleData() as DefaultData);
  // tensor / ndarray / tftensor are a oneof: the same member again merges, another one replaces.
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        ctx.count(1);
        (out.names ??= []).push(str(r, ctx));
        break;
      case 18:
        delete out.ndarray;
        delete out.tftensor;
        out.tensor = sub(r, ctx, readTensorFields, 'tensor', out.tensor);
        break;
      case 26:
        delete out.tensor;
        delete out.tftensor;
        out.ndarray = sub(r, ctx, readListValue, 'ndarray', out.ndarray);
        break;
      case 34:
        delete out.tensor;
        delete out.ndarray;
        out.tftensor = sub(r, ctx, readTfTensorFields, 'tftensor', out.tftensor);
        break;
      default:
        skip(r, tag, ctx);
    }
  }
  if ((out.tensor !== undefined || out.tftensor !== undefined) && !ctx.dataToCheck?.has(out)) {
    (ctx.dataToCheck ??= new Map()).set(out, ctx.where());
  }
  return out;
};

function writeDefaultData(w: W, d: DefaultData): void {
  for (const n of d.names ?? []) w.uint32(10).string(n);
  if (d.tensor) writeField(w, 18, writeTensor, d.tensor);
  else if (d.ndarray) w.uint32(26).bytes(listValueBytes(d.ndarray));
  else if (d.tftensor) writeField(w, 34, writeTfTensor, d.tftensor);
}

function clearData(m: SeldonMessage, ctx: Ctx): void {
  // Replaced data is no longer part of the message, so its content is not checked.
  if (m.data !== undefined) ctx.dataToCheck?.delete(m.data);
  delete m.data;
  delete m.binData;
  delete m.strData;
  delete m.jsonData;
  delete m.customData;
}

export const readMessage: Reader<SeldonMessage> = (r, end, ctx, into) => {
  const out: SeldonMessage = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        out.status = sub(r, ctx, readStatus, 'status', out.status);
        break;
      case 18:
        out.meta = sub(r, ctx, readMeta, 'meta', out.meta);
        break;
      case 26: {
        // data_oneof: the same member again merges into it; a different one replaces it.
        const prev = out.data;
        if (prev === undefined) clearData(out, ctx);
        out.data = sub(r, ctx, readDefaultData, 'data', prev);
        break;
      }
      case 34:
        clearData(out, ctx);
        out.binData = base64Encode(bytesOf(r));
        break;
      case 42:
        clearData(out, ctx);
        out.strData = str(r, ctx);
        break;
      case 50: {
        const prev = out.jsonData;
        if (prev === undefined) clearData(out, ctx);
        out.jsonData = sub(r, ctx, readValue, 'jsonData', prev);
        break;
      }
      case 58:
        // Any holds only scalars (type URL, bytes): a later occurrence replaces the earlier one.
        clearData(out, ctx);
        out.customData = sub(r, ctx, readAny, 'customData');
        break;
      default:
        skip(r, tag, ctx);
    }
  }
  return out;
};

export const writeMessage: Writer<SeldonMessage> = (w, m) => {
  if (m.status) writeField(w, 10, writeStatus, m.status);
  if (m.meta) writeField(w, 18, writeMeta, m.meta);
  if (m.data) writeField(w, 26, writeDefaultData, m.data);
  else if (m.binData !== undefined) w.uint32(34).bytes(base64Decode(m.binData, '$.binData'));
  else if (m.strData !== undefined) w.uint32(42).string(m.strData);
  else if (m.jsonData !== undefined) w.uint32(50).bytes(valueBytes(m.jsonData));
  else if (m.customData !== undefined) writeField(w, 58, writeAny, m.customData);
};

function readFloatField(r: R): number | undefined {
  const f = r.float();
  return f === 0 && !Object.is(f, -0) ? undefined : float32Shortest(f);
}

export const readFeedback: Reader<Feedback> = (r, end, ctx, into) => {
  const out: Feedback = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        out.request = sub(r, ctx, readMessage, 'request', out.request);
        break;
      case 18:
        out.response = sub(r, ctx, readMessage, 'response', out.response);
        break;
      case 29: {
        const f = readFloatField(r);
        if (f === undefined) delete out.reward;
        else out.reward = f;
        break;
      }
      case 34:
        out.truth = sub(r, ctx, readMessage, 'truth', out.truth);
        break;
      default:
        skip(r, tag, ctx);
    }
  }
  return out;
};

export const writeFeedback: Writer<Feedback> = (w, f) => {
  if (f.request) writeField(w, 10, writeMessage, f.request);
  if (f.response) writeField(w, 18, writeMessage, f.response);
  if (f.reward) w.uint32(29).float(f.reward);
  if (f.truth) writeField(w, 34, writeMessage, f.truth);
};

export const readMessageList: Reader<SeldonMessageList> = (r, end, ctx, into) => {
  const out: SeldonMessageList = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      readListEntry(r, ctx, (out.seldonMessages ??= []), readMessage, 'seldonMessages');
    } else skip(r, tag, ctx);
  }
  return out;
};

export const writeMessageList: Writer<SeldonMessageList> = (w, l) => {
  for (const m of l.seldonMessages ?? []) writeField(w, 10, writeMessage, m);
};

export const readModelMetadataRequest: Reader<SeldonModelMetadataRequest> = (r, end, ctx, into) => {
  const out: SeldonModelMetadataRequest = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 10) {
      setScalar(out, 'name', str(r, ctx));
    } else skip(r, tag, ctx);
  }
  return out;
};

export const writeModelMetadataRequest: Writer<SeldonModelMetadataRequest> = (w, m) => {
  if (m.name) w.uint32(10).string(m.name);
};

const readMessageMetadata: Reader<SeldonMessageMetadata> = (r, end, ctx, into) => {
  const out: SeldonMessageMetadata = into ?? {};
  const text = (k: 'messagetype' | 'name' | 'datatype'): void => setScalar(out, k, str(r, ctx));
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        if ((tag & 7) === 2) text('messagetype');
        else skip(r, tag, ctx);
        break;
      case 2:
        if ((tag & 7) === 2) out.schema = sub(r, ctx, readValue, 'schema', out.schema);
        else skip(r, tag, ctx);
        break;
      case 3:
        if ((tag & 7) === 2) text('name');
        else skip(r, tag, ctx);
        break;
      case 4:
        if ((tag & 7) === 2) text('datatype');
        else skip(r, tag, ctx);
        break;
      case 5:
        repeated(r, tag, 0, () => int64String(r.int64()), (out.shape ??= []), ctx, 'shape');
        break;
      default:
        skip(r, tag, ctx);
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

export const readModelMetadata: Reader<SeldonModelMetadata> = (r, end, ctx, into) => {
  const out: SeldonModelMetadata = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        setScalar(out, 'name', str(r, ctx));
        break;
      case 18:
        ctx.count(1);
        (out.versions ??= []).push(str(r, ctx));
        break;
      case 26:
        setScalar(out, 'platform', str(r, ctx));
        break;
      case 34:
        readListEntry(r, ctx, (out.inputs ??= []), readMessageMetadata, 'inputs');
        break;
      case 42:
        readListEntry(r, ctx, (out.outputs ??= []), readMessageMetadata, 'outputs');
        break;
      case 50:
        readMapEntry(r, ctx, (out.custom ??= {}), stringValue, '', 'custom');
        break;
      default:
        skip(r, tag, ctx);
    }
  }
  return out;
};

export const writeModelMetadata: Writer<SeldonModelMetadata> = (w, m) => {
  if (m.name) w.uint32(10).string(m.name);
  for (const v of m.versions ?? []) w.uint32(18).string(v);
  if (m.platform) w.uint32(26).string(m.platform);
  for (const x of m.inputs ?? []) writeField(w, 34, writeMessageMetadata, x);
  for (const x of m.outputs ?? []) writeField(w, 42, writeMessageMetadata, x);
  if (m.custom) writeStringMap(w, 6, m.custom);
};

export const readGraphMetadata: Reader<SeldonGraphMetadata> = (r, end, ctx, into) => {
  const out: SeldonGraphMetadata = into ?? {};
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 10:
        setScalar(out, 'name', str(r, ctx));
        break;
      case 18:
        readMapEntry(r, ctx, (out.models ??= {}), messageValue(readModelMetadata), {}, 'models');
        break;
      case 26:
        readListEntry(r, ctx, (out.inputs ??= []), readMessageMetadata, 'inputs');
        break;
      case 34:
        readListEntry(r, ctx, (out.outputs ??= []), readMessageMetadata, 'outputs');
        break;
      default:
        skip(r, tag, ctx);
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
  for (const x of g.inputs ?? []) writeField(w, 26, writeMessageMetadata, x);
  for (const x of g.outputs ?? []) writeField(w, 34, writeMessageMetadata, x);
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
