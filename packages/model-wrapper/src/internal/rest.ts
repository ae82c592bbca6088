// The node:http request listener of a wrapper (the hot path): routing, CORS preflight, the
// in-flight gate, the body limit, the REST timeout and the request metric around `dispatchRest`
// (`rest-dispatch.ts`). Per request it allocates only the closures the listener needs to share
// its state (body chunks, the component's work, the first answer); the steps below are plain
// functions taking that state as arguments.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeContentEncoding } from '@seldon-ts/payload';
import { WrapperError, toWrapperError } from '../errors.js';
import {
  GP,
  REST_ROUTES,
  SERVICE_LABEL,
  dispatchRest,
  errorResult,
  isGated,
  type RestContext,
  type RestEndpoint,
  type RestResult,
  type RouteEntry,
} from './rest-dispatch.js';

/** The node:http request listener of a wrapper. */
export function createRestListener(ctx: RestContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? undefined : url.slice(q + 1);
    const entry = findRoute(pathname);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      preflight(req, res, entry);
      return;
    }
    if (entry === undefined || !entry.methods.includes(method)) {
      req.resume();
      finish(ctx, res, started, routeError(res, entry, method, pathname), undefined);
      return;
    }
    const endpoint = entry.endpoint;
    if (ctx.gate.isDraining) res.setHeader('Connection', 'close');
    // The component's work, once started: a request keeps its in-flight slot until that work has
    // settled, even when it was answered earlier (timeout, client gone), so maxInFlight bounds
    // the work really running.
    let work: Promise<unknown> | undefined;
    let workDone = false;
    if (isGated(endpoint)) {
      if (!enterGate(ctx, req, res, started, endpoint)) return;
      // 'close' fires once the response is written (or the client went away).
      res.once('close', () => {
        if (work === undefined || workDone) ctx.gate.leave();
        else void work.finally(() => ctx.gate.leave());
      });
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > ctx.maxMessageBytes) {
      tooLarge(ctx, req, res, started, endpoint, declared);
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
        tooLarge(ctx, req, res, started, endpoint, size);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      const dispatched = dispatchBody(ctx, req, endpoint, chunks, size, query);
      work = dispatched;
      // First answer wins: the component's, or the timeout's (no Promise.race: this is the hot path).
      let answered = false;
      let timer: NodeJS.Timeout | undefined;
      const answer = (result: RestResult): void => {
        if (answered) return;
        answered = true;
        if (timer !== undefined) clearTimeout(timer);
        finish(ctx, res, started, result, endpoint);
      };
      const timeoutMs = ctx.restTimeoutMs ?? 0;
      if (timeoutMs > 0 && isGated(endpoint)) {
        timer = setTimeout(() => answer(timeoutResult(endpoint, timeoutMs)), timeoutMs);
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

/** The route of a path; a trailing slash is ignored. */
function findRoute(pathname: string): RouteEntry | undefined {
  return REST_ROUTES.get(pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname);
}

/** The answer to a path that has no route, or a method the route does not take (with `Allow`). */
function routeError(
  res: ServerResponse,
  entry: RouteEntry | undefined,
  method: string,
  pathname: string,
): RestResult {
  if (entry === undefined)
    return errorResult(new WrapperError('SC_ERR_WRAPPER_NOT_FOUND', `No such path: ${method} ${pathname}`));
  res.setHeader('Allow', entry.methods.join(', '));
  return errorResult(
    new WrapperError('SC_ERR_WRAPPER_METHOD_NOT_ALLOWED', `Method ${method} not allowed on ${pathname}`),
  );
}

/** Takes an in-flight slot; when none is free, answers 429 and returns false. */
function enterGate(
  ctx: RestContext,
  req: IncomingMessage,
  res: ServerResponse,
  started: bigint,
  endpoint: RestEndpoint,
): boolean {
  try {
    ctx.gate.enter();
    return true;
  } catch (err) {
    req.resume();
    finish(ctx, res, started, errorResult(toWrapperError(err)), endpoint);
    return false;
  }
}

/** Dispatches the read body, inflated first when it came with a `Content-Encoding`. */
function dispatchBody(
  ctx: RestContext,
  req: IncomingMessage,
  endpoint: RestEndpoint,
  chunks: Buffer[],
  size: number,
  query: string | undefined,
): Promise<RestResult> {
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
  const contentType = req.headers['content-type'] ?? '';
  const encoding = req.headers['content-encoding'];
  return encoding === undefined
    ? dispatchRest(ctx, endpoint, contentType, body, query)
    : decodedBody(body, encoding, ctx.maxMessageBytes).then(
        (decoded) => dispatchRest(ctx, endpoint, contentType, decoded, query),
        (err: unknown) => errorResult(toWrapperError(err)),
      );
}

/** Sends the answer and records the request metric (probes are not counted). */
function finish(
  ctx: RestContext,
  res: ServerResponse,
  started: bigint,
  result: RestResult,
  endpoint: RestEndpoint | undefined,
): void {
  send(res, result);
  if (ctx.metrics !== undefined && endpoint !== undefined && endpoint !== 'ping') {
    ctx.metrics.observeRequest(
      SERVICE_LABEL[endpoint],
      'rest',
      String(result.status),
      Number(process.hrtime.bigint() - started) / 1e9,
    );
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

/** Answers 413 and closes the connection after: the rest of an oversized body is not worth reading. */
function tooLarge(
  ctx: RestContext,
  req: IncomingMessage,
  res: ServerResponse,
  started: bigint,
  endpoint: RestEndpoint,
  size: number,
): void {
  const err = new WrapperError(
    'SC_ERR_WRAPPER_BODY_TOO_LARGE',
    `Request body of ${size} bytes exceeds maxMessageBytes ${ctx.maxMessageBytes}`,
  );
  res.setHeader('Connection', 'close');
  finish(ctx, res, started, errorResult(err), endpoint);
  req.resume();
}
