// Request → component value (01-payload §4.1) and component value → response (§4.2, §4.3).
import type { DefaultData, JsonObject, JsonValue, Meta, Metric, SeldonMessage, TfTensor } from '@seldon-ts/payload';
import { WrapperError } from '../errors.js';
import { NdArray, type NdArrayKind } from '../ndarray.js';
import { SeldonResponse, type ComponentInput, type CustomMetric } from '../types.js';

const EMPTY: NdArray = new NdArray([], [0]);

function shapeOfTf(tf: TfTensor): number[] {
  return (tf.tensorShape?.dim ?? []).map((d) => Number(d.size ?? 0));
}

function tfToNdArray(tf: TfTensor): NdArray {
  const shape = shapeOfTf(tf);
  const size = shape.reduce((a, b) => a * b, 1);
  let values: Float64Array | JsonValue[] | undefined;
  if (tf.tensorContent !== undefined && tf.tensorContent !== '') {
    const bytes = Buffer.from(tf.tensorContent, 'base64');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Float64Array(size);
    const width = { DT_FLOAT: 4, DT_DOUBLE: 8, DT_INT32: 4, DT_INT64: 8, DT_INT16: 2, DT_INT8: 1, DT_UINT8: 1 }[
      tf.dtype as string
    ];
    if (width === undefined) throw new WrapperError('SC_ERR_WRAPPER_BAD_DATA', `tftensor: unsupported dtype ${tf.dtype} for tensorContent`);
    if (bytes.byteLength !== size * width) {
      throw new WrapperError('SC_ERR_WRAPPER_BAD_DATA', `tftensor: tensorContent has ${bytes.byteLength} bytes, shape needs ${size * width}`);
    }
    for (let i = 0; i < size; i++) {
      const o = i * width;
      switch (tf.dtype) {
        case 'DT_FLOAT': out[i] = view.getFloat32(o, true); break;
        case 'DT_DOUBLE': out[i] = view.getFloat64(o, true); break;
        case 'DT_INT32': out[i] = view.getInt32(o, true); break;
        case 'DT_INT64': out[i] = Number(view.getBigInt64(o, true)); break;
        case 'DT_INT16': out[i] = view.getInt16(o, true); break;
        case 'DT_INT8': out[i] = view.getInt8(o); break;
        default: out[i] = view.getUint8(o);
      }
    }
    values = out;
  } else {
    const list =
      tf.floatVal ?? tf.doubleVal ?? tf.intVal ?? tf.int64Val ?? tf.halfVal ?? tf.uint32Val ?? tf.uint64Val ?? tf.boolVal ?? tf.stringVal;
    const raw = (list ?? []) as JsonValue[];
    const conv: JsonValue[] =
      tf.stringVal !== undefined && list === tf.stringVal
        ? raw.map((s) => Buffer.from(String(s), 'base64').toString('utf8'))
        : tf.boolVal !== undefined && list === tf.boolVal
          ? raw
          : raw.map((v) => Number(v));
    // TensorFlow broadcasts a single value over the whole shape.
    if (conv.length === 1 && size > 1) values = new Array(size).fill(conv[0]);
    else values = conv;
    if (values.length !== size) {
      throw new WrapperError('SC_ERR_WRAPPER_BAD_DATA', `tftensor: ${values.length} values do not fill shape [${shape.join(',')}]`);
    }
  }
  return new NdArray(values, shape, 'tftensor');
}

/** The request's DefaultData kind, `'none'` when the data has no kind, undefined when no `data`. */
export function dataKindOf(message: SeldonMessage | undefined): NdArrayKind | 'none' | undefined {
  const data = message?.data;
  if (data === undefined) return undefined;
  if (data.tensor !== undefined) return 'tensor';
  if (data.ndarray !== undefined) return 'ndarray';
  if (data.tftensor !== undefined) return 'tftensor';
  return 'none';
}

/** Converts `data` to an array, as `X` for a high-level method. */
export function dataToNdArray(data: DefaultData): NdArray {
  if (data.tensor !== undefined) {
    const values = data.tensor.values ?? [];
    const shape = data.tensor.shape ?? [values.length];
    try {
      return new NdArray(values instanceof Float64Array ? values : Float64Array.from(values), shape, 'tensor');
    } catch (err) {
      throw new WrapperError('SC_ERR_WRAPPER_BAD_DATA', `data.tensor: ${(err as Error).message}`);
    }
  }
  if (data.ndarray !== undefined) return NdArray.fromNested(data.ndarray, 'ndarray');
  if (data.tftensor !== undefined) return tfToNdArray(data.tftensor);
  return EMPTY;
}

/**
 * The value a high-level method receives for a message.
 * @throws WrapperError `SC_ERR_WRAPPER_BAD_DATA` for a message with no data
 */
export function extractInput(message: SeldonMessage): ComponentInput {
  if (message.data !== undefined) return dataToNdArray(message.data);
  if (message.jsonData !== undefined) return message.jsonData;
  if (message.strData !== undefined) return message.strData;
  if (message.binData !== undefined) return new Uint8Array(Buffer.from(message.binData, 'base64'));
  if (message.customData !== undefined) return message.customData as unknown as JsonValue;
  throw new WrapperError('SC_ERR_WRAPPER_BAD_DATA', `Invalid request data type: ${safeJson(message)}`);
}

export function namesOf(message: SeldonMessage | undefined): string[] {
  return message?.data?.names ?? [];
}

export function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v));
    return text.length > 300 ? `${text.slice(0, 300)}...` : text;
  } catch {
    return String(value);
  }
}

/** What the runtime needs from a component to shape a response. */
export interface ShapingContext {
  classNames: (() => readonly string[] | undefined) | undefined;
  staticTags: (() => JsonObject | undefined) | undefined;
  unitId: string | undefined;
  unitImage: string | undefined;
  includeMetrics: boolean;
}

function toNdArray(value: unknown): NdArray | undefined {
  if (value instanceof NdArray) return value;
  if (Array.isArray(value)) return NdArray.fromNested(value as JsonValue[]);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof Uint8Array)) {
    const typed = value as unknown as ArrayLike<number | bigint>;
    return new NdArray(Float64Array.from(typed as ArrayLike<number>, (x) => Number(x)), [typed.length]);
  }
  return undefined;
}

function tfTensorOf(arr: NdArray): TfTensor {
  return {
    dtype: 'DT_DOUBLE',
    tensorShape: { dim: arr.shape.map((d) => ({ size: String(d) })) },
    doubleVal: Array.from(arr.values as ArrayLike<number>),
  };
}

function arrayData(arr: NdArray, requestKind: NdArrayKind | 'none' | undefined, ctx: ShapingContext): DefaultData {
  let names: string[] = [];
  if (arr.shape.length >= 2) {
    const custom = ctx.classNames?.();
    if (custom !== undefined) names = [...custom];
    else {
      const n = arr.shape[1];
      names = new Array(n);
      for (let i = 0; i < n; i++) names[i] = `t:${i}`;
    }
  }
  const numeric = arr.numeric;
  if (numeric && (requestKind === 'tensor' || requestKind === undefined)) {
    return { names, tensor: { shape: [...arr.shape], values: arr.values as Float64Array | number[] } };
  }
  if (numeric && requestKind === 'tftensor') return { names, tftensor: tfTensorOf(arr) };
  const nested = arr.toArray();
  return { names, ndarray: Array.isArray(nested) ? nested : [nested] };
}

function validateMetrics(metrics: unknown): CustomMetric[] {
  const bad = (): WrapperError =>
    new WrapperError('SC_ERR_WRAPPER_BAD_METRIC', `Bad metric created during request: ${safeJson(metrics)}`);
  if (!Array.isArray(metrics)) throw bad();
  for (const m of metrics) {
    if (typeof m !== 'object' || m === null) throw bad();
    const { key, type, value, tags } = m as Record<string, unknown>;
    if (typeof key !== 'string' || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(key)) throw bad();
    if (type !== 'COUNTER' && type !== 'GAUGE' && type !== 'TIMER') throw bad();
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad();
    if (tags !== undefined) {
      if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw bad();
      for (const [k, v] of Object.entries(tags)) {
        if (typeof v !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) throw bad();
      }
    }
  }
  return metrics as CustomMetric[];
}

/** Validates metrics from `metrics()`, a SeldonResponse or a raw response's `meta.metrics`. */
export function checkMetrics(metrics: unknown): CustomMetric[] {
  return validateMetrics(metrics);
}

/** Request parts that flow into the response meta. */
export interface MetaSource {
  puid?: string;
  tags?: JsonObject;
  metrics?: Metric[];
  requestPath?: Record<string, string>;
}

/** Collects the meta of one request (predict / transform) or many (aggregate). */
export function metaSourceOf(messages: readonly SeldonMessage[]): MetaSource {
  if (messages.length === 1) {
    const m = messages[0].meta;
    return m === undefined ? {} : { puid: m.puid, tags: m.tags, metrics: m.metrics, requestPath: m.requestPath };
  }
  const out: MetaSource = { puid: messages[0]?.meta?.puid };
  for (const msg of messages) {
    const m = msg.meta;
    if (m === undefined) continue;
    if (m.tags !== undefined) out.tags = { ...out.tags, ...m.tags };
    if (m.requestPath !== undefined) out.requestPath = { ...out.requestPath, ...m.requestPath };
    if (m.metrics !== undefined) out.metrics = [...(out.metrics ?? []), ...m.metrics];
  }
  return out;
}

/** The user's value unwrapped from a possible SeldonResponse. */
export interface Unwrapped {
  value: unknown;
  runtimeTags: JsonObject | undefined;
  runtimeMetrics: CustomMetric[] | undefined;
}

export function unwrap(output: unknown): Unwrapped {
  if (output instanceof SeldonResponse) {
    return {
      value: output.data,
      runtimeTags: output.tags,
      runtimeMetrics: output.metrics === undefined ? undefined : checkMetrics(output.metrics),
    };
  }
  return { value: output, runtimeTags: undefined, runtimeMetrics: undefined };
}

/**
 * Builds the response message for a user value (01-payload §4.2): data kind follows the
 * reference request's kind, meta merges request, static and runtime tags/metrics.
 */
export function buildResponse(
  reference: SeldonMessage | undefined,
  out: Unwrapped,
  userMetrics: CustomMetric[] | undefined,
  source: MetaSource,
  ctx: ShapingContext,
): SeldonMessage {
  const response: SeldonMessage = {};
  const value = out.value;
  if (typeof value === 'string') response.strData = value;
  else if (value instanceof Uint8Array) response.binData = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  else {
    const arr = toNdArray(value);
    if (arr !== undefined) response.data = arrayData(arr, dataKindOf(reference), ctx);
    else if (typeof value === 'object' && value !== null) response.jsonData = value as JsonObject;
    else if (typeof value === 'number' || typeof value === 'boolean') {
      response.data = arrayData(new NdArray([value], []), dataKindOf(reference), ctx);
    } else {
      throw new WrapperError(
        'SC_ERR_WRAPPER_BAD_RETURN',
        `Unknown data type returned as payload (must be list or np array):${String(value)}`,
      );
    }
  }
  response.meta = buildMeta(source, out, userMetrics, ctx);
  return response;
}

export function buildMeta(source: MetaSource, out: Unwrapped | undefined, userMetrics: CustomMetric[] | undefined, ctx: ShapingContext): Meta {
  const meta: Meta = {};
  if (source.puid !== undefined && source.puid !== '') meta.puid = source.puid;
  const staticTags = ctx.staticTags?.();
  if (source.tags !== undefined || staticTags !== undefined || out?.runtimeTags !== undefined) {
    const tags = { ...source.tags, ...staticTags, ...out?.runtimeTags };
    if (Object.keys(tags).length > 0) meta.tags = tags;
  }
  let metrics: Metric[] | undefined = source.metrics;
  if (ctx.includeMetrics) {
    if (userMetrics !== undefined && userMetrics.length > 0) metrics = [...(metrics ?? []), ...userMetrics];
    if (out?.runtimeMetrics !== undefined && out.runtimeMetrics.length > 0) metrics = [...(metrics ?? []), ...out.runtimeMetrics];
  }
  if (metrics !== undefined && metrics.length > 0) meta.metrics = metrics;
  if (ctx.unitId !== undefined && ctx.unitId !== '') {
    meta.requestPath = { [ctx.unitId]: ctx.unitImage ?? '', ...source.requestPath };
  } else if (source.requestPath !== undefined && Object.keys(source.requestPath).length > 0) {
    meta.requestPath = { ...source.requestPath };
  }
  return meta;
}
