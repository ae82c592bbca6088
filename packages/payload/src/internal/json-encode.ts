// proto3-JSON writers: build a plain object in proto field order, normalising representations
// (enum numbers -> names, non-finite doubles -> strings), then one JSON.stringify. Containers of
// JSON values are passed through as they are. A message holding doubles (a Float64Array of tensor
// values, an ndarray marked in doubles.ts) is written by writeJson instead, which keeps their
// ".0" as the Python wrapper does.
import type {
  DefaultData,
  Feedback,
  Meta,
  Metric,
  RestGraphMetadata,
  SeldonGraphMetadata,
  SeldonMessage,
  SeldonMessageList,
  SeldonMessageMetadata,
  SeldonModelMetadata,
  SeldonModelMetadataRequest,
  Status,
  Tensor,
  TfTensor,
} from '../types.js';
import { setKey } from './util.js';
import { TF_DATA_TYPES } from './tf.js';
import { DoubleData, JsonIntegers, doubleListText, doublesText, holdsDoubles } from './doubles.js';

type Obj = Record<string, unknown>;

const STATUS_FLAGS = ['SUCCESS', 'FAILURE'];
const METRIC_TYPES = ['COUNTER', 'GAUGE', 'TIMER'];

function enumName(v: unknown, names: readonly string[]): unknown {
  return typeof v === 'number' && names[v] !== undefined ? names[v] : v;
}

/** Doubles as proto3-JSON: numbers, or "NaN"/"Infinity"/"-Infinity". Shares finite number arrays. */
export function doublesJson(values: ArrayLike<number>): unknown[] {
  if (Array.isArray(values)) {
    let finite = true;
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        finite = false;
        break;
      }
    }
    if (finite) return values;
  }
  const out = new Array<unknown>(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    out[i] = Number.isFinite(x) ? x : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
  }
  return out;
}

function put(o: Obj, key: string, v: unknown): void {
  if (v !== undefined) o[key] = v;
}

export function statusJson(s: Status): Obj {
  const o: Obj = {};
  put(o, 'code', s.code);
  put(o, 'info', s.info);
  put(o, 'reason', s.reason);
  put(o, 'status', enumName(s.status, STATUS_FLAGS));
  return o;
}

function metricJson(m: Metric): Obj {
  const o: Obj = {};
  put(o, 'key', m.key);
  put(o, 'type', enumName(m.type, METRIC_TYPES));
  put(o, 'value', m.value === undefined ? undefined : doublesJson([m.value])[0]);
  put(o, 'tags', m.tags);
  return o;
}

export function metaJson(m: Meta): Obj {
  const o: Obj = {};
  put(o, 'puid', m.puid);
  put(o, 'tags', m.tags);
  put(o, 'routing', m.routing);
  put(o, 'requestPath', m.requestPath);
  put(o, 'metrics', m.metrics?.map(metricJson));
  return o;
}

function tensorJson(t: Tensor): Obj {
  const o: Obj = {};
  put(o, 'shape', t.shape === undefined ? undefined : Array.from(t.shape));
  // A Float64Array of doubles is kept for writeJson, which writes them with their ".0".
  put(o, 'values', t.values === undefined || holdsDoubleValues(t.values) ? t.values : doublesJson(t.values));
  return o;
}

function tfJson(t: TfTensor): Obj {
  const o: Obj = {};
  put(o, 'dtype', enumName(t.dtype, TF_DATA_TYPES));
  if (t.tensorShape !== undefined) {
    const s: Obj = {};
    put(
      s,
      'dim',
      t.tensorShape.dim?.map((d) => {
        const dj: Obj = {};
        put(dj, 'size', d.size);
        put(dj, 'name', d.name);
        return dj;
      }),
    );
    put(s, 'unknownRank', t.tensorShape.unknownRank);
    o.tensorShape = s;
  }
  put(o, 'versionNumber', t.versionNumber);
  put(o, 'tensorContent', t.tensorContent);
  put(o, 'halfVal', t.halfVal);
  put(o, 'floatVal', t.floatVal && doublesJson(t.floatVal));
  put(o, 'doubleVal', t.doubleVal && doublesJson(t.doubleVal));
  put(o, 'intVal', t.intVal);
  put(o, 'stringVal', t.stringVal);
  put(o, 'scomplexVal', t.scomplexVal && doublesJson(t.scomplexVal));
  put(o, 'int64Val', t.int64Val);
  put(o, 'boolVal', t.boolVal);
  put(o, 'dcomplexVal', t.dcomplexVal && doublesJson(t.dcomplexVal));
  put(o, 'uint32Val', t.uint32Val);
  put(o, 'uint64Val', t.uint64Val);
  put(o, 'float8Val', t.float8Val);
  return o;
}

export function dataJson(d: DefaultData): Obj {
  // Built as a DoubleData when `d` is one: writeJson then writes its ndarray as doubles.
  const o: Obj = holdsDoubles(d) ? (new DoubleData() as Obj) : {};
  put(o, 'names', d.names);
  if (d.tensor !== undefined) o.tensor = tensorJson(d.tensor);
  put(o, 'ndarray', d.ndarray);
  if (d.tftensor !== undefined) o.tftensor = tfJson(d.tftensor);
  return o;
}

export function messageJson(m: SeldonMessage): Obj {
  const o: Obj = {};
  if (m.status !== undefined) o.status = statusJson(m.status);
  if (m.meta !== undefined) o.meta = metaJson(m.meta);
  if (m.data !== undefined) o.data = dataJson(m.data);
  put(o, 'binData', m.binData);
  put(o, 'strData', m.strData);
  put(o, 'jsonData', m.jsonData);
  put(o, 'customData', m.customData);
  return o;
}

export interface EncodeOptions {
  sortKeys?: boolean;
}

/** Object keys sorted at every level (what Flask's jsonify writes); arrays keep their order. */
export function sortKeysDeep(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'object' && x !== null) {
        out ??= v.slice();
        out[i] = sortKeysDeep(x);
      }
    }
    return out ?? v;
  }
  if (ArrayBuffer.isView(v)) return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) setKey(out, k, sortKeysDeep(o[k]));
  return out;
}

/** JSON text of a built tree; `doubles`: the tree holds values known to be doubles. */
export function stringify(obj: unknown, opts?: EncodeOptions, doubles = false): string {
  if (doubles) return writeJson(obj, opts?.sortKeys === true);
  return JSON.stringify(opts?.sortKeys ? sortKeysDeep(obj) : obj);
}

/** Tensor values held as doubles: a Float64Array, unless it holds a JSON request's integers. */
function holdsDoubleValues(values: unknown): values is Float64Array {
  return values instanceof Float64Array && !(values instanceof JsonIntegers);
}

/** True when the message's data holds doubles: a Float64Array of tensor values or a DoubleData's ndarray. */
function holdsDoubleData(m: SeldonMessage | undefined): boolean {
  const d = m?.data;
  return (
    d !== undefined && (holdsDoubleValues(d.tensor?.values) || (d.ndarray !== undefined && holdsDoubles(d)))
  );
}

/**
 * JSON.stringify's text (keys sorted at every level when `sortKeys`), except that a Float64Array
 * and the ndarray numbers of a DoubleData are written as doubles. Only messages holding doubles
 * come here; their trees are small apart from the doubles, which doubles.ts writes.
 */
function writeJson(v: unknown, sortKeys: boolean): string {
  // undefined, functions and symbols: JSON.stringify writes them as null inside a list.
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? 'null';
  if (holdsDoubleValues(v)) return doublesText(v);
  if (Array.isArray(v)) {
    if (!v.some((x) => typeof x === 'object' && x !== null)) return JSON.stringify(v);
    let text = '';
    for (let i = 0; i < v.length; i++) text += `${i > 0 ? ',' : ''}${writeJson(v[i], sortKeys)}`;
    return `[${text}]`;
  }
  if (ArrayBuffer.isView(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function')
    return JSON.stringify(v, typedArraysAsLists);
  const o = v as Record<string, unknown>;
  const keys = sortKeys ? Object.keys(o).sort() : Object.keys(o);
  const doubles = holdsDoubles(o);
  // `+` rather than join(): join would copy the (megabytes of) doubles text at every level.
  let text = '{';
  for (const k of keys) {
    const x = o[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    const value =
      doubles && k === 'ndarray' && Array.isArray(x)
        ? doubleListText(x, (y) => writeJson(y, sortKeys))
        : writeJson(x, sortKeys);
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(k)}:${value}`;
  }
  return `${text}}`;
}

export function encodeMessage(m: SeldonMessage, opts?: EncodeOptions): string {
  return stringify(messageJson(m), opts, holdsDoubleData(m));
}

/** A JSON value as JSON.stringify writes it (typed arrays as lists), with the doubles of a message in it kept. */
export function encodeJsonValue(v: unknown): string {
  const m = v as (SeldonMessage & Feedback & SeldonMessageList) | null;
  const doubles =
    typeof m === 'object' &&
    m !== null &&
    (holdsDoubleData(m) ||
      holdsDoubleData(m.request) ||
      holdsDoubleData(m.response) ||
      holdsDoubleData(m.truth) ||
      (Array.isArray(m.seldonMessages) && m.seldonMessages.some(holdsDoubleData)) ||
      (Array.isArray(m) && (m as SeldonMessage[]).some(holdsDoubleData)));
  return doubles ? writeJson(v, false) : JSON.stringify(v, typedArraysAsLists);
}

function typedArraysAsLists(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
    ? Array.from(value as unknown as ArrayLike<number>)
    : value;
}

export function feedbackJson(f: Feedback): Obj {
  const o: Obj = {};
  if (f.request !== undefined) o.request = messageJson(f.request);
  if (f.response !== undefined) o.response = messageJson(f.response);
  put(o, 'reward', f.reward === undefined ? undefined : doublesJson([f.reward])[0]);
  if (f.truth !== undefined) o.truth = messageJson(f.truth);
  return o;
}

export function encodeFeedback(f: Feedback, opts?: EncodeOptions): string {
  const doubles = holdsDoubleData(f.request) || holdsDoubleData(f.response) || holdsDoubleData(f.truth);
  return stringify(feedbackJson(f), opts, doubles);
}

export function encodeMessageList(l: SeldonMessageList, form: 'object' | 'array'): string {
  const msgs = (l.seldonMessages ?? []).map(messageJson);
  const doubles = l.seldonMessages?.some(holdsDoubleData) ?? false;
  const tree = form === 'array' ? msgs : l.seldonMessages === undefined ? {} : { seldonMessages: msgs };
  return stringify(tree, undefined, doubles);
}

function messageMetadataJson(m: SeldonMessageMetadata): Obj {
  const o: Obj = {};
  put(o, 'messagetype', m.messagetype);
  put(o, 'schema', m.schema);
  put(o, 'name', m.name);
  put(o, 'datatype', m.datatype);
  put(o, 'shape', m.shape);
  return o;
}

export function modelMetadataJson(m: SeldonModelMetadata): Obj {
  const o: Obj = {};
  put(o, 'name', m.name);
  put(o, 'versions', m.versions);
  put(o, 'platform', m.platform);
  put(o, 'inputs', m.inputs?.map(messageMetadataJson));
  put(o, 'outputs', m.outputs?.map(messageMetadataJson));
  put(o, 'custom', m.custom);
  return o;
}

export function encodeModelMetadata(m: SeldonModelMetadata, opts?: EncodeOptions): string {
  return stringify(modelMetadataJson(m), opts);
}

/**
 * The executor's Go struct form of one model: fields in Go order, `name`, `platform`,
 * `versions` and `custom` omitted when empty, `inputs`/`outputs` omitted only when absent.
 */
function restModelJson(m: SeldonModelMetadata): Obj {
  const o: Obj = {};
  if (m.name) o.name = m.name;
  if (m.platform) o.platform = m.platform;
  if (m.versions && m.versions.length > 0) o.versions = m.versions;
  put(o, 'inputs', m.inputs?.map(messageMetadataJson));
  put(o, 'outputs', m.outputs?.map(messageMetadataJson));
  if (m.custom && Object.keys(m.custom).length > 0) o.custom = m.custom;
  return o;
}

export function encodeGraphMetadata(
  m: SeldonGraphMetadata | RestGraphMetadata,
  form: 'proto' | 'rest',
): string {
  const g = m as SeldonGraphMetadata & RestGraphMetadata;
  const o: Obj = {};
  const inputs = g.inputs ?? g.graphinputs ?? undefined;
  const outputs = g.outputs ?? g.graphoutputs ?? undefined;
  if (form === 'rest') {
    o.name = g.name ?? '';
    const models: Obj = {};
    for (const k of Object.keys(g.models ?? {})) setKey(models, k, restModelJson(g.models![k]));
    o.models = models;
    // Go writes nil edge lists as null.
    o.graphinputs = inputs?.map(messageMetadataJson) ?? null;
    o.graphoutputs = outputs?.map(messageMetadataJson) ?? null;
    return JSON.stringify(o);
  }
  put(o, 'name', g.name);
  if (g.models !== undefined) {
    const models: Obj = {};
    for (const k of Object.keys(g.models)) setKey(models, k, modelMetadataJson(g.models[k]));
    o.models = models;
  }
  put(o, 'inputs', inputs?.map(messageMetadataJson));
  put(o, 'outputs', outputs?.map(messageMetadataJson));
  return JSON.stringify(o);
}

export function encodeModelMetadataRequest(r: SeldonModelMetadataRequest): string {
  const o: Obj = {};
  put(o, 'name', r.name);
  return JSON.stringify(o);
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const HAS_HTML_UNSAFE = /[<>&\u2028\u2029]/;
const HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Go's json.HTMLEscape over JSON text. */
export function htmlEscape(text: string): string {
  return HAS_HTML_UNSAFE.test(text) ? text.replace(HTML_UNSAFE, (c) => HTML_ESCAPES[c]) : text;
}
