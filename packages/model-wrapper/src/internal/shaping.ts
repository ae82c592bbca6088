// The bridge between payload messages and component values. The rules themselves (01-payload
// §4.1-§4.3: data kinds, names, meta merging) live in @seldon-ts/payload; this file turns its
// n-d values into NdArray for components and classifies what components return.
import {
  extractRequestParts,
  type JsonObject,
  type JsonValue,
  type Metric,
  type NdValue,
  type ResponseOptions,
  type ResponsePayload,
  type SeldonMessage,
} from '@seldon-ts/payload';
import { WrapperError } from '../errors.js';
import { NdArray, type NdArrayKind } from '../ndarray.js';
import { SeldonResponse, type ComponentInput, type CustomMetric } from '../types.js';

function toNdArray(nd: NdValue, kind: NdArrayKind | undefined): NdArray {
  return nd instanceof NdArray ? nd : new NdArray(nd.values, nd.shape, kind, nd.dtype);
}

/** The value a high-level method receives for a message (01-payload §4.1). */
export function extractInput(message: SeldonMessage): ComponentInput {
  const parts = extractRequestParts(message, { transport: 'grpc' });
  switch (parts.kind) {
    case 'tensor':
    case 'ndarray':
    case 'tftensor':
      return toNdArray(parts.features, parts.kind);
    case 'data':
      return toNdArray(parts.features, undefined);
    case 'customData':
      return parts.features as unknown as JsonValue;
    default:
      return parts.features;
  }
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

/** Validates metrics from `metrics()`, a SeldonResponse or a raw response's `meta.metrics` (03 §4.1). */
export function checkMetrics(metrics: unknown): CustomMetric[] {
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
 * Classifies a component's return value (01-payload §4.2): strings → strData, bytes →
 * binData, arrays / NdArray / numeric typed arrays / scalars → data, other objects → jsonData.
 */
export function toResponsePayload(value: unknown): ResponsePayload {
  if (typeof value === 'string') return { strData: value };
  if (value instanceof Uint8Array) return { binData: value };
  if (value instanceof NdArray || Array.isArray(value)) return { array: value as NdValue };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const typed = value as unknown as ArrayLike<number | bigint>;
    return { array: Float64Array.from(typed as ArrayLike<number>, (x) => Number(x)) };
  }
  if (typeof value === 'number' || typeof value === 'boolean')
    return { array: { shape: [], values: [value] } };
  if (typeof value === 'object' && value !== null) return { jsonData: value as JsonObject };
  throw new WrapperError(
    'SC_ERR_WRAPPER_BAD_RETURN',
    `Unknown data type returned as payload (must be list or np array):${String(value)}`,
  );
}

/** What the runtime knows about a component and its node, for response meta. */
export interface ShapingContext {
  classNames: (() => readonly string[] | undefined) | undefined;
  staticTags: (() => JsonObject | undefined) | undefined;
  unitId: string | undefined;
  unitImage: string | undefined;
  includeMetrics: boolean;
}

/** The payload package's response options for one call. */
export function responseOptions(
  ctx: ShapingContext,
  out: Unwrapped | undefined,
  userMetrics: CustomMetric[] | undefined,
): ResponseOptions {
  const classNames = ctx.classNames?.();
  return {
    classNames: classNames === undefined ? undefined : [...classNames],
    tags: ctx.staticTags?.(),
    metrics: userMetrics as Metric[] | undefined,
    runtimeTags: out?.runtimeTags,
    runtimeMetrics: out?.runtimeMetrics as Metric[] | undefined,
    unitId: ctx.unitId,
    unitImage: ctx.unitImage,
    includeMetricsInResponse: ctx.includeMetrics,
  };
}
