// The Python wrapper's conversion rules (01-payload §4) as pure functions: what a user method
// receives for a request, how its result becomes the response SeldonMessage, and how the
// executor reads a router's answer.
import { PayloadError } from './errors.js';
import type { DecodeOptions } from './options.js';
import type {
  AnyMessage,
  DefaultData,
  DefaultDataKind,
  Feedback,
  JsonObject,
  JsonValue,
  Meta,
  Metric,
  SeldonMessage,
} from './types.js';
import { type NdValue, dataToNd, isNumericNd, ndToData } from './arrays.js';
import { nestedToNd } from './internal/arrays.js';
import { base64Decode, base64Encode } from './internal/base64.js';
import { decodeMessage } from './json-codec.js';
import { setKey } from './internal/util.js';

/** Route value: send the request to every child (concurrently). */
export const ROUTE_ALL_CHILDREN = -1;
/** Route value: call no child; the router's input is the node's output. */
export const ROUTE_NO_CHILDREN = -2;

interface PartsBase {
  /** `data.names`, or `[]`. */
  names: string[];
  /** The request's `meta` (undefined when absent). */
  meta: Meta | undefined;
}

/** What a high-level user method receives for a request (01-payload §4.1). */
export type RequestParts =
  | (PartsBase & { kind: DefaultDataKind | 'data'; features: NdValue })
  | (PartsBase & { kind: 'jsonData'; features: JsonValue })
  | (PartsBase & { kind: 'strData'; features: string })
  | (PartsBase & { kind: 'binData'; features: Uint8Array })
  | (PartsBase & { kind: 'customData'; features: AnyMessage });

/**
 * Request -> the value for the user's method, checked in the reference's order: tensor,
 * ndarray, tftensor, `data` with no kind (an empty array, kind `'data'`), jsonData, strData,
 * binData (decoded bytes), customData (gRPC only).
 * @param opts.transport `'rest'` (default) rejects customData as the reference's REST path does.
 * @throws PayloadError `SC_ERR_PAYLOAD_NO_DATA` when the message carries no data,
 *   `SC_ERR_PAYLOAD_UNSUPPORTED` for customData over REST, and array conversion errors.
 */
export function extractRequestParts(
  msg: SeldonMessage,
  opts?: DecodeOptions & { transport?: 'rest' | 'grpc' },
): RequestParts {
  const names = msg.data?.names ?? [];
  const meta = msg.meta;
  const d = msg.data;
  if (d !== undefined) {
    const kind: DefaultDataKind | 'data' = d.tensor
      ? 'tensor'
      : d.ndarray
        ? 'ndarray'
        : d.tftensor
          ? 'tftensor'
          : 'data';
    return { kind, features: dataToNd(d, opts), names, meta };
  }
  if (msg.jsonData !== undefined) return { kind: 'jsonData', features: msg.jsonData, names, meta };
  if (msg.strData !== undefined) return { kind: 'strData', features: msg.strData, names, meta };
  if (msg.binData !== undefined)
    return { kind: 'binData', features: base64Decode(msg.binData, '$.binData'), names, meta };
  if (msg.customData !== undefined) {
    if ((opts?.transport ?? 'rest') === 'rest') {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_UNSUPPORTED',
        '$.customData',
        'customData is only supported over gRPC',
      );
    }
    return { kind: 'customData', features: msg.customData, names, meta };
  }
  throw new PayloadError(
    'SC_ERR_PAYLOAD_NO_DATA',
    '$',
    'Invalid request data type: the message has none of data, jsonData, strData, binData',
  );
}

/**
 * A user method's result, classified by the caller (exactly one member):
 * `array` -> `data` (kind chosen by {@link responseDataKind}); `jsonData`; `strData`;
 * `binData` (raw bytes, base64-encoded here); `customData`.
 */
export type ResponsePayload =
  | { array: NdValue | readonly JsonValue[] | ArrayLike<number> }
  | { jsonData: JsonValue }
  | { strData: string }
  | { binData: Uint8Array }
  | { customData: AnyMessage };

/** Inputs of the response meta besides the request (01-payload §4.2). */
export interface ResponseOptions {
  /** The user's `class_names()`: names for results of 2 or more dimensions. Default `t:0..t:n-1`. */
  classNames?: string[];
  /** The user's static `tags()`. */
  tags?: JsonObject;
  /** The user's `metrics()`. */
  metrics?: Metric[];
  /** Tags returned with the result (the reference's `SeldonResponse.tags`); win over `tags`. */
  runtimeTags?: JsonObject;
  /** Metrics returned with the result (`SeldonResponse.metrics`). */
  runtimeMetrics?: Metric[];
  /** `PREDICTIVE_UNIT_ID`: adds `{unitId: unitImage}` to `meta.requestPath`. */
  unitId?: string;
  /** `PREDICTIVE_UNIT_IMAGE`. Default `''`. */
  unitImage?: string;
  /**
   * `INCLUDE_METRICS_IN_CLIENT_RESPONSE`: when false, user and runtime metrics stay out of
   * `meta.metrics` (request metrics are still carried). Default `true`.
   */
  includeMetricsInResponse?: boolean;
}

/**
 * The `data` kind of a response: the request's kind when the result is numeric (ndarray for a
 * request `data` with no kind); ndarray when not numeric; tensor for a numeric result to a
 * request without `data`.
 */
export function responseDataKind(request: SeldonMessage | undefined, numeric: boolean): DefaultDataKind {
  const d = request?.data;
  if (d === undefined) return numeric ? 'tensor' : 'ndarray';
  if (!numeric) return 'ndarray';
  if (d.tensor !== undefined) return 'tensor';
  if (d.tftensor !== undefined) return 'tftensor';
  return 'ndarray';
}

/**
 * Response meta from the requests' metas (in order) and the node's own contributions:
 * tags = requests' tags ∪ `tags` ∪ `runtimeTags` (later wins); metrics = requests' metrics +
 * (if included) `metrics` + `runtimeMetrics`; puid of the first request; requestPath =
 * `{unitId: unitImage}` overlaid by the requests' requestPaths. `routing` is dropped.
 * Empty members are omitted; the result is `{}` at least.
 */
export function mergeMeta(requestMetas: readonly (Meta | undefined)[], opts: ResponseOptions = {}): Meta {
  const meta: Meta = {};
  const puid = requestMetas[0]?.puid;
  if (puid !== undefined && puid !== '') meta.puid = puid;

  const tags: JsonObject = {};
  for (const m of requestMetas) if (m?.tags) for (const k of Object.keys(m.tags)) setKey(tags, k, m.tags[k]);
  for (const src of [opts.tags, opts.runtimeTags])
    if (src) for (const k of Object.keys(src)) setKey(tags, k, src[k]);
  if (Object.keys(tags).length > 0) meta.tags = tags;

  const metrics: Metric[] = [];
  for (const m of requestMetas) if (m?.metrics) metrics.push(...m.metrics);
  if (opts.includeMetricsInResponse ?? true) {
    if (opts.metrics) metrics.push(...opts.metrics);
    if (opts.runtimeMetrics) metrics.push(...opts.runtimeMetrics);
  }
  if (metrics.length > 0) meta.metrics = metrics;

  const requestPath: Record<string, string> = {};
  if (opts.unitId) setKey(requestPath, opts.unitId, opts.unitImage ?? '');
  for (const m of requestMetas)
    if (m?.requestPath) for (const k of Object.keys(m.requestPath)) setKey(requestPath, k, m.requestPath[k]);
  if (Object.keys(requestPath).length > 0) meta.requestPath = requestPath;
  return meta;
}

function toNd(array: NdValue | readonly JsonValue[] | ArrayLike<number>): NdValue {
  // A JS list keeps its numbers as they are, as the Python wrapper answers a list of ints with
  // ints; typed arrays and NdValues of a Float64Array are doubles (see ndToData).
  if (Array.isArray(array)) return nestedToNd(array as JsonValue[], undefined, 'plain');
  if (ArrayBuffer.isView(array)) {
    const a = array as unknown as ArrayLike<number>;
    return { shape: [a.length], values: a instanceof Float64Array ? a : Float64Array.from(a) };
  }
  const nd = array as NdValue;
  if (nd && Array.isArray(nd.shape) && (Array.isArray(nd.values) || nd.values instanceof Float64Array))
    return nd;
  throw new PayloadError(
    'SC_ERR_PAYLOAD_BAD_RESULT',
    '$',
    'array result must be an NdValue, a nested array or a numeric typed array',
  );
}

/** The `data` member of a response for an array result. */
function arrayData(
  array: NdValue | readonly JsonValue[] | ArrayLike<number>,
  request: SeldonMessage | undefined,
  opts: ResponseOptions,
): DefaultData {
  const nd = toNd(array);
  const kind = responseDataKind(request, isNumericNd(nd));
  let names: string[] = [];
  if (nd.shape.length >= 2) {
    names = opts.classNames ?? Array.from({ length: nd.shape[1] }, (_, i) => `t:${i}`);
  }
  return ndToData(nd, kind, names);
}

function payloadMessage(
  payload: ResponsePayload,
  request: SeldonMessage | undefined,
  opts: ResponseOptions,
  meta: Meta,
): SeldonMessage {
  const p = payload as Partial<Record<'array' | 'jsonData' | 'strData' | 'binData' | 'customData', unknown>>;
  if (p === null || typeof p !== 'object') {
    throw new PayloadError('SC_ERR_PAYLOAD_BAD_RESULT', '$', 'Unknown data type returned as payload');
  }
  if ('array' in p) return { data: arrayData(p.array as NdValue, request, opts), meta };
  if ('jsonData' in p) return { jsonData: p.jsonData as JsonValue, meta };
  if ('strData' in p && typeof p.strData === 'string') return { strData: p.strData, meta };
  if ('binData' in p && p.binData instanceof Uint8Array) return { binData: base64Encode(p.binData), meta };
  if ('customData' in p) return { customData: p.customData as AnyMessage, meta };
  throw new PayloadError(
    'SC_ERR_PAYLOAD_BAD_RESULT',
    '$',
    'Unknown data type returned as payload (must be an array, JSON, string or bytes)',
  );
}

/**
 * predict / transform-input / transform-output: the response for `payload` to `request`
 * (request meta merged). Pass `request` undefined for calls without one (health checks).
 */
export function buildResponse(
  payload: ResponsePayload,
  request: SeldonMessage | undefined,
  opts: ResponseOptions = {},
): SeldonMessage {
  return payloadMessage(payload, request, opts, mergeMeta([request?.meta], opts));
}

/**
 * aggregate: metas of all `requests` merged in order, the first request decides puid and data kind.
 */
export function buildAggregateResponse(
  payload: ResponsePayload,
  requests: readonly SeldonMessage[],
  opts: ResponseOptions = {},
): SeldonMessage {
  return payloadMessage(
    payload,
    requests[0],
    opts,
    mergeMeta(
      requests.map((r) => r.meta),
      opts,
    ),
  );
}

/**
 * route: the router's answer `[[route]]` shaped for `request` (no request meta carried).
 * @throws PayloadError `SC_ERR_PAYLOAD_BAD_RESULT` when `route` is not an integer.
 */
export function buildRouteResponse(
  route: unknown,
  request: SeldonMessage | undefined,
  opts: ResponseOptions = {},
): SeldonMessage {
  if (typeof route !== 'number' || !Number.isInteger(route)) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_BAD_RESULT',
      '$',
      `Routing response must be int but got ${String(route)}`,
    );
  }
  // An int, as the Python wrapper writes it: [[1]], not [[1.0]].
  const nd: NdValue = { shape: [1, 1], values: [route] };
  return payloadMessage({ array: nd }, request, opts, mergeMeta([], opts));
}

/**
 * send-feedback: shaped relative to `feedback.request` (no request meta carried); a missing
 * result (`null`/`undefined`) answers an empty array.
 */
export function buildFeedbackResponse(
  payload: ResponsePayload | null | undefined,
  feedback: Feedback,
  opts: ResponseOptions = {},
): SeldonMessage {
  const p = payload ?? { array: { shape: [0], values: new Float64Array(0) } };
  return payloadMessage(p, feedback.request, opts, mergeMeta([], opts));
}

function routeFromMessage(msg: SeldonMessage): number {
  const d = msg.data;
  let first: unknown;
  let path: string;
  if (d?.ndarray !== undefined) {
    first = d.ndarray[0];
    path = '$.data.ndarray[0]';
    if (Array.isArray(first)) {
      first = first[0];
      path += '[0]';
    }
  } else if (d?.tensor !== undefined) {
    first = d.tensor.values?.[0];
    path = '$.data.tensor.values[0]';
  } else if (d?.tftensor !== undefined) {
    // The reference inspects only intVal.
    first = d.tftensor.intVal?.[0];
    path = '$.data.tftensor.intVal[0]';
  } else {
    return ROUTE_ALL_CHILDREN;
  }
  if (typeof first !== 'number' || !Number.isFinite(first)) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_BAD_ROUTE',
      path,
      `router returned no numeric route (got ${first === undefined ? 'nothing' : JSON.stringify(first)})`,
    );
  }
  return Math.trunc(first);
}

/**
 * The route a router answered (02-engine §7): a SeldonMessage (strictly parsed) whose first
 * `data.ndarray` element (or its first element), `tensor.values[0]` or `tftensor.intVal[0]` is
 * the route (other data: -1), or else a bare JSON array of integers. Only the first route counts.
 * Accepts JSON text, UTF-8 bytes or a parsed value / decoded message.
 * @throws PayloadError `SC_ERR_PAYLOAD_BAD_ROUTE`
 */
export function parseRoute(
  response: SeldonMessage | string | Uint8Array | unknown,
  opts?: DecodeOptions,
): number {
  let value: unknown = response;
  if (typeof response === 'string' || response instanceof Uint8Array) {
    try {
      value = JSON.parse(
        typeof response === 'string' ? response : new TextDecoder('utf-8', { fatal: true }).decode(response),
      );
    } catch (err) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_BAD_ROUTE',
        '$',
        `router response is not JSON: ${(err as Error).message}`,
      );
    }
  }
  if (Array.isArray(value)) {
    if (value.length === 0)
      throw new PayloadError('SC_ERR_PAYLOAD_BAD_ROUTE', '$', 'router returned an empty route list');
    const r = value[0];
    if (typeof r !== 'number' || !Number.isInteger(r)) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_BAD_ROUTE',
        '$[0]',
        `route must be an integer, got ${JSON.stringify(r)}`,
      );
    }
    return r;
  }
  let msg: SeldonMessage;
  try {
    msg = decodeMessage(value, { ...opts, rejectUnknownFields: true });
  } catch (err) {
    const e = err as PayloadError;
    throw new PayloadError(
      'SC_ERR_PAYLOAD_BAD_ROUTE',
      e.path ?? '$',
      `router response is neither a SeldonMessage nor an integer list: ${e.detail ?? e.message}`,
    );
  }
  return routeFromMessage(msg);
}

/** The route recorded for `nodeName` in `feedback.response.meta.routing`, or -1 (send to all). */
export function feedbackRoute(feedback: Feedback, nodeName: string): number {
  const routing = feedback.response?.meta?.routing;
  if (routing && Object.prototype.hasOwnProperty.call(routing, nodeName)) return routing[nodeName];
  return ROUTE_ALL_CHILDREN;
}
