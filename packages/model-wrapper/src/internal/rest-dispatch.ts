// The REST API of a wrapper (05 §4): one route table and one dispatch function, shared by the
// bare node:http listener (`rest.ts`, the hot path) and by the express router.
import {
  decodeFeedback,
  decodeMessage,
  decodeMessageList,
  encodeMessage,
  isPayloadError,
  type DecodeOptions,
  type JsonInput,
  type SeldonMessage,
} from '@seldon-ts/payload';
import { WrapperError, toWrapperError } from '../errors.js';
import type { ComponentRuntime } from '../runtime.js';
import type { Gate } from './gate.js';
import type { WrapperMetrics } from './metrics.js';
import { requestJson } from './forms.js';
import { openApiDocument } from './openapi.js';

export type RestEndpoint =
  | 'predict'
  | 'transformInput'
  | 'transformOutput'
  | 'route'
  | 'aggregate'
  | 'sendFeedback'
  | 'health'
  | 'metadata'
  | 'ping'
  | 'openapi';

export interface RouteEntry {
  endpoint: RestEndpoint;
  methods: readonly string[];
}

export const GP = ['GET', 'POST'] as const;

/** Every REST path of the reference wrapper (05 §4). */
export const REST_ROUTES: ReadonlyMap<string, RouteEntry> = new Map<string, RouteEntry>([
  ['/predict', { endpoint: 'predict', methods: GP }],
  ['/api/v1.0/predictions', { endpoint: 'predict', methods: ['POST'] }],
  ['/api/v0.1/predictions', { endpoint: 'predict', methods: ['POST'] }],
  ['/send-feedback', { endpoint: 'sendFeedback', methods: GP }],
  ['/api/v1.0/feedback', { endpoint: 'sendFeedback', methods: ['POST'] }],
  ['/api/v0.1/feedback', { endpoint: 'sendFeedback', methods: ['POST'] }],
  ['/transform-input', { endpoint: 'transformInput', methods: GP }],
  ['/transform-output', { endpoint: 'transformOutput', methods: GP }],
  ['/route', { endpoint: 'route', methods: GP }],
  ['/aggregate', { endpoint: 'aggregate', methods: GP }],
  ['/health/ping', { endpoint: 'ping', methods: ['GET'] }],
  ['/health/status', { endpoint: 'health', methods: ['GET'] }],
  ['/api/v1.0/health/status', { endpoint: 'health', methods: ['GET'] }],
  ['/metadata', { endpoint: 'metadata', methods: ['GET'] }],
  ['/api/v1.0/metadata', { endpoint: 'metadata', methods: ['GET'] }],
  ['/seldon.json', { endpoint: 'openapi', methods: ['GET'] }],
]);

/** Everything the REST layer needs. */
export interface RestContext {
  runtime: ComponentRuntime;
  gate: Gate;
  metrics: WrapperMetrics | undefined;
  decodeOptions: DecodeOptions;
  /** Largest accepted body in bytes. */
  maxMessageBytes: number;
  /** PAYLOAD_PASSTHROUGH: predict gets the raw body and its answer is sent verbatim. */
  passthrough: ((body: string) => Promise<unknown>) | undefined;
  /**
   * Longest a request may wait for the component before it is answered `SC_ERR_WRAPPER_TIMEOUT`,
   * in ms; 0 or absent = no limit.
   */
  restTimeoutMs?: number;
}

/** What a dispatch produces. */
export interface RestResult {
  status: number;
  contentType: string;
  body: string | Buffer;
}

export const JSON_TYPE = 'application/json';

export function errorResult(err: WrapperError): RestResult {
  return { status: err.httpStatus, contentType: JSON_TYPE, body: JSON.stringify(err.toSeldonStatus()) };
}

/** Maps a codec failure to the reference's message for that endpoint. */
function decodeError(err: unknown, endpoint: RestEndpoint): WrapperError {
  if (isPayloadError(err)) {
    if (err.code === 'SC_ERR_PAYLOAD_TOO_LARGE')
      return new WrapperError('SC_ERR_WRAPPER_BODY_TOO_LARGE', err.message, { cause: err });
    if (err.code === 'SC_ERR_PAYLOAD_INVALID_JSON' && endpoint !== 'sendFeedback') {
      return new WrapperError('SC_ERR_WRAPPER_NO_JSON', `Can't find JSON in data: ${err.message}`, {
        cause: err,
      });
    }
    if (endpoint === 'sendFeedback')
      return new WrapperError('SC_ERR_WRAPPER_BAD_DATA', `Invalid JSON: ${err.message}`, { cause: err });
    return new WrapperError('SC_ERR_WRAPPER_BAD_DATA', `Invalid request data type: ${err.message}`, {
      cause: err,
    });
  }
  return toWrapperError(err);
}

async function callEndpoint(
  ctx: RestContext,
  endpoint: RestEndpoint,
  json: JsonInput,
): Promise<SeldonMessage> {
  const rt = ctx.runtime;
  const opts = ctx.decodeOptions;
  let decoded: unknown;
  try {
    if (endpoint === 'sendFeedback') decoded = decodeFeedback(json, { ...opts, rejectUnknownFields: true });
    else if (endpoint === 'aggregate') decoded = decodeMessageList(json, opts);
    else decoded = decodeMessage(json, opts);
  } catch (err) {
    throw decodeError(err, endpoint);
  }
  switch (endpoint) {
    case 'predict':
      return rt.predict(decoded as SeldonMessage);
    case 'transformInput':
      return rt.transformInput(decoded as SeldonMessage);
    case 'transformOutput':
      return rt.transformOutput(decoded as SeldonMessage);
    case 'route':
      return rt.route(decoded as SeldonMessage);
    case 'aggregate':
      return rt.aggregate(decoded as never);
    default:
      return rt.sendFeedback(decoded as never);
  }
}

/** A raw response's `status.code` becomes the HTTP status (05 §4.2). */
function statusOf(message: SeldonMessage): number {
  const code = message.status?.code;
  return typeof code === 'number' && Number.isInteger(code) && code >= 200 && code <= 599 ? code : 200;
}

/** Endpoints that call the component count against `maxInFlight` (probes and metadata do not). */
export function isGated(endpoint: RestEndpoint): boolean {
  return endpoint !== 'ping' && endpoint !== 'openapi' && endpoint !== 'metadata';
}

/**
 * Serves one REST request whose body is already read. Never throws: errors become the
 * reference's error bodies. Admission ({@link isGated}) is the caller's job, so that a drain
 * only completes once responses are written.
 */
export async function dispatchRest(
  ctx: RestContext,
  endpoint: RestEndpoint,
  contentType: string,
  body: Buffer,
  query: string | undefined,
): Promise<RestResult> {
  try {
    switch (endpoint) {
      case 'ping':
        return { status: 200, contentType: 'text/html; charset=utf-8', body: 'pong' };
      case 'openapi':
        return { status: 200, contentType: JSON_TYPE, body: openApiDocument() };
      case 'metadata':
        return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(await ctx.runtime.metadata()) };
      case 'health': {
        const msg = await ctx.runtime.health();
        return { status: 200, contentType: JSON_TYPE, body: encodeMessage(msg) };
      }
      default: {
        {
          if (ctx.passthrough !== undefined && endpoint === 'predict') {
            const raw = requestJson(contentType, body, query);
            const text =
              typeof raw === 'string'
                ? raw
                : Buffer.isBuffer(raw)
                  ? raw.toString('utf8')
                  : JSON.stringify(raw);
            const out = await ctx.passthrough(text);
            const outBody = typeof out === 'string' || Buffer.isBuffer(out) ? out : JSON.stringify(out);
            return { status: 200, contentType: JSON_TYPE, body: outBody };
          }
          const json = requestJson(contentType, body, query);
          const msg = await callEndpoint(ctx, endpoint, json);
          return { status: statusOf(msg), contentType: JSON_TYPE, body: encodeMessage(msg) };
        }
      }
    }
  } catch (err) {
    return errorResult(toWrapperError(err));
  }
}

/** The metric label for an endpoint. */
export const SERVICE_LABEL: Record<RestEndpoint, string> = {
  predict: 'predict',
  transformInput: 'transform-input',
  transformOutput: 'transform-output',
  route: 'route',
  aggregate: 'aggregate',
  sendFeedback: 'send-feedback',
  health: 'health',
  metadata: 'metadata',
  ping: 'ping',
  openapi: 'openapi',
};
