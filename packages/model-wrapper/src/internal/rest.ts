// The REST API of a wrapper (05 §4): one route table, one dispatch function, used by the bare
// node:http server (hot path) and by the express router.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  decodeContentEncoding,
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

interface RouteEntry {
  endpoint: RestEndpoint;
  methods: readonly string[];
}

const GP = ['GET', 'POST'] as const;

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

const JSON_TYPE = 'application/json';

function errorResult(err: WrapperError): RestResult {
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

const CORS_HEADERS = 'Access-Control-Allow-Origin';

function send(res: ServerResponse, result: RestResult): void {
  res.statusCode = result.status;
  res.setHeader('Content-Type', result.contentType);
  res.setHeader(CORS_HEADERS, '*');
  res.setHeader('Content-Length', Buffer.byteLength(result.body));
  res.end(result.body);
}

function preflight(req: IncomingMessage, res: ServerResponse, entry: RouteEntry | undefined): void {
  res.statusCode = 200;
  res.setHeader(CORS_HEADERS, '*');
  res.setHeader('Access-Control-Allow-Methods', (entry?.methods ?? GP).concat('OPTIONS').join(', '));
  const asked = req.headers['access-control-request-headers'];
  if (asked !== undefined) res.setHeader('Access-Control-Allow-Headers', asked);
  res.setHeader('Content-Length', 0);
  res.end();
}

/** The metric label for an endpoint. */
const SERVICE_LABEL: Record<RestEndpoint, string> = {
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

/** The node:http request listener of a wrapper. */
export function createRestListener(ctx: RestContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? undefined : url.slice(q + 1);
    const entry = REST_ROUTES.get(
      pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname,
    );
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      preflight(req, res, entry);
      return;
    }
    const finish = (result: RestResult, endpoint: RestEndpoint | undefined): void => {
      send(res, result);
      if (ctx.metrics !== undefined && endpoint !== undefined && endpoint !== 'ping') {
        ctx.metrics.observeRequest(
          SERVICE_LABEL[endpoint],
          'rest',
          String(result.status),
          Number(process.hrtime.bigint() - started) / 1e9,
        );
      }
    };
    if (entry === undefined) {
      req.resume();
      finish(
        errorResult(new WrapperError('SC_ERR_WRAPPER_NOT_FOUND', `No such path: ${method} ${pathname}`)),
        undefined,
      );
      return;
    }
    if (!entry.methods.includes(method)) {
      req.resume();
      res.setHeader('Allow', entry.methods.join(', '));
      finish(
        errorResult(
          new WrapperError(
            'SC_ERR_WRAPPER_METHOD_NOT_ALLOWED',
            `Method ${method} not allowed on ${pathname}`,
          ),
        ),
        undefined,
      );
      return;
    }
    if (ctx.gate.isDraining) res.setHeader('Connection', 'close');
    // The component's work, once started: a request keeps its in-flight slot until that work has
    // settled, even when it was answered earlier (timeout, client gone), so maxInFlight bounds
    // the work really running.
    let work: Promise<unknown> | undefined;
    let workDone = false;
    if (isGated(entry.endpoint)) {
      try {
        ctx.gate.enter();
      } catch (err) {
        req.resume();
        finish(errorResult(toWrapperError(err)), entry.endpoint);
        return;
      }
      // 'close' fires once the response is written (or the client went away).
      res.once('close', () => {
        if (work === undefined || workDone) ctx.gate.leave();
        else void work.finally(() => ctx.gate.leave());
      });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > ctx.maxMessageBytes) {
      tooLarge(req, res, ctx, declared, (r) => finish(r, entry.endpoint));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      if (aborted) return;
      size += chunk.length;
      if (size > ctx.maxMessageBytes) {
        aborted = true;
        tooLarge(req, res, ctx, size, (r) => finish(r, entry.endpoint));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      const contentType = req.headers['content-type'] ?? '';
      const encoding = req.headers['content-encoding'];
      const dispatched =
        encoding === undefined
          ? dispatchRest(ctx, entry.endpoint, contentType, body, query)
          : decodedBody(body, encoding, ctx.maxMessageBytes).then(
              (decoded) => dispatchRest(ctx, entry.endpoint, contentType, decoded, query),
              (err: unknown) => errorResult(toWrapperError(err)),
            );
      work = dispatched;
      // First answer wins: the component's, or the timeout's (no Promise.race: this is the hot path).
      let answered = false;
      let timer: NodeJS.Timeout | undefined;
      const answer = (result: RestResult): void => {
        if (answered) return;
        answered = true;
        if (timer !== undefined) clearTimeout(timer);
        finish(result, entry.endpoint);
      };
      const timeoutMs = ctx.restTimeoutMs ?? 0;
      if (timeoutMs > 0 && isGated(entry.endpoint)) {
        timer = setTimeout(() => answer(timeoutResult(entry.endpoint, timeoutMs)), timeoutMs);
      }
      dispatched.then(
        (result) => {
          workDone = true;
          answer(result);
        },
        (err: unknown) => {
          workDone = true;
          answer(errorResult(toWrapperError(err)));
        },
      );
    });
    req.on('error', () => {
      aborted = true;
    });
  };
}

/**
 * A body sent with `Content-Encoding` (gzip, deflate, br; the engine forwards a client's encoded
 * body as it came), inflated off the event loop and bounded by the same limit as a plain body.
 */
async function decodedBody(body: Buffer, encoding: string, maxBytes: number): Promise<Buffer> {
  const decoded = await decodeContentEncoding(body, encoding, maxBytes, 'the request body');
  return Buffer.isBuffer(decoded)
    ? decoded
    : Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength);
}

/**
 * The reference's Gunicorn kills a worker silent for longer than its timeout; a Node component
 * cannot be killed mid-call, so the request is answered instead and the work runs to its end.
 */
function timeoutResult(endpoint: RestEndpoint, timeoutMs: number): RestResult {
  return errorResult(
    new WrapperError(
      'SC_ERR_WRAPPER_TIMEOUT',
      `${SERVICE_LABEL[endpoint]} took longer than the REST timeout of ${timeoutMs} ms`,
    ),
  );
}

function tooLarge(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RestContext,
  size: number,
  finish: (r: RestResult) => void,
): void {
  const err = new WrapperError(
    'SC_ERR_WRAPPER_BODY_TOO_LARGE',
    `Request body of ${size} bytes exceeds maxMessageBytes ${ctx.maxMessageBytes}`,
  );
  // Close after answering: the rest of an oversized body is not worth reading.
  res.setHeader('Connection', 'close');
  finish(errorResult(err));
  req.resume();
}
