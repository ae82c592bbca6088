// The REST front door on node:http (node:https with TLS; no framework on the hot path). Routes of
// 02 §4.2 for the seldon protocol, 01 §8 for v2 and 01 §9 for tensorflow; probes, metrics and the
// OpenAPI page. node:http parses the requests; what it refuses (malformed heads, ambiguous framing,
// heads too large or too slow) is answered with the engine's status JSON and counted, like every
// other error.
import { Server as NetServer } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  createServer as createHttpServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Span } from '@opentelemetry/api';
import { Cancellation, GraphPayload } from '@seldon-ts/graph-executor';
import { EngineError } from '../errors.js';
import type { EngineConfig } from '../config.js';
import type { EngineRuntime, RequestContext } from './runtime.js';
import { errorResponse, statusBody } from './error-body.js';
import { openApiDocument, swaggerAsset, swaggerPage } from './openapi.js';
import { listenOn } from './listen.js';
import { graphPageAnswer, isGraphPagePath } from '../graph-page/page-routes.js';

type Operation =
  | 'predict'
  | 'feedback'
  | 'graph-status'
  | 'node-status'
  | 'graph-metadata'
  | 'node-metadata'
  | 'ready'
  | 'live'
  | 'metrics'
  | 'doc'
  | 'graph-page';

interface Match {
  op: Operation;
  methods: string;
  model?: string;
  /** Metric `service` label; undefined = not instrumented. */
  service?: string;
  doc?: string;
}

const JSON_TYPE = 'application/json';

// The hot routes answer the same match every time: no object per request.
const PREDICT: Match = { op: 'predict', methods: 'POST', service: 'predictions' };
const FEEDBACK: Match = { op: 'feedback', methods: 'POST', service: 'feedback' };
const GRAPH_PAGE: Match = { op: 'graph-page', methods: 'GET' };

function matchRoute(path: string, protocol: string, prometheusPath: string): Match | undefined {
  if (path === '/ready') return { op: 'ready', methods: '*' };
  if (path === '/live') return { op: 'live', methods: '*' };
  if (path === prometheusPath) return { op: 'metrics', methods: 'GET' };
  if (
    path.startsWith('/api/v1.0/doc/') ||
    path.startsWith('/api/v0.1/doc/') ||
    path === '/api/v1.0/doc' ||
    path.startsWith('/v2/docs')
  ) {
    return { op: 'doc', methods: '*', doc: path.replace(/^\/(api\/v[01]\.[01]\/doc|v2\/docs)\/?/, '') };
  }
  if (protocol === 'seldon') {
    switch (path) {
      case '/api/v1.0/predictions':
      case '/api/v0.1/predictions':
        return PREDICT;
      case '/api/v1.0/feedback':
      case '/api/v0.1/feedback':
        return FEEDBACK;
      case '/api/v1.0/status':
      case '/api/v1.0/health/status':
        return { op: 'graph-status', methods: 'GET', service: 'status' };
      case '/api/v1.0/metadata':
        return { op: 'graph-metadata', methods: 'GET', service: 'metadata' };
    }
    const m = /^\/api\/v(?:1\.0|0\.1)\/(status|metadata)\/([^/]+)$/.exec(path);
    if (m) {
      const model = decodeURIComponent(m[2]);
      return m[1] === 'status'
        ? { op: 'node-status', methods: 'GET', service: 'status', model }
        : { op: 'node-metadata', methods: 'GET', service: 'metadata', model };
    }
    return undefined;
  }
  if (protocol === 'v2' || protocol === 'kfserving') {
    if (path === '/v2/models/infer') return PREDICT;
    if (path === '/v2/health/ready') return { op: 'graph-status', methods: 'GET', service: 'status' };
    if (path === '/v2/health/live') return { op: 'live', methods: 'GET' };
    let m = /^\/v2\/models\/([^/]+)\/infer$/.exec(path);
    if (m) return { op: 'predict', methods: 'POST', service: 'predictions', model: decodeURIComponent(m[1]) };
    m = /^\/v2\/models\/([^/]+)\/ready$/.exec(path);
    if (m) return { op: 'node-status', methods: 'GET', service: 'status', model: decodeURIComponent(m[1]) };
    m = /^\/v2\/models\/([^/]+)$/.exec(path);
    if (m)
      return { op: 'node-metadata', methods: 'GET', service: 'metadata', model: decodeURIComponent(m[1]) };
    return undefined;
  }
  // tensorflow
  if (path === '/api/v1.0/feedback') return { op: 'feedback', methods: 'POST', service: 'feedback' };
  if (path === '/v1/models/:predict' || path === '/v1/models:predict')
    return { op: 'predict', methods: 'POST', service: 'predictions' };
  let m = /^\/v1\/models\/([^/:]+)\/?:predict$/.exec(path);
  if (m) return { op: 'predict', methods: 'POST', service: 'predictions', model: decodeURIComponent(m[1]) };
  m = /^\/v1\/models\/([^/:]+)\/metadata$/.exec(path);
  if (m) return { op: 'node-metadata', methods: 'GET', service: 'metadata', model: decodeURIComponent(m[1]) };
  m = /^\/v1\/models\/([^/:]+)$/.exec(path);
  if (m) return { op: 'node-status', methods: 'GET', service: 'status', model: decodeURIComponent(m[1]) };
  return undefined;
}

/** How often node:http checks heads and requests against their timeouts; its default (30 s) lets a head take 90 s. */
const CONNECTIONS_CHECK_INTERVAL_MS = 1_000;

/**
 * Bytes of request bodies held while they arrive, over all connections of one engine. Slow clients
 * each holding a large body would otherwise add up to any amount of memory.
 */
export class BodyBudget {
  #held = 0;
  constructor(readonly limit: number) {}

  get held(): number {
    return this.#held;
  }

  /** Takes `n` bytes; false (nothing taken) when that would pass the limit. */
  take(n: number): boolean {
    if (this.#held + n > this.limit) return false;
    this.#held += n;
    return true;
  }

  give(n: number): void {
    this.#held -= n;
  }
}

/**
 * Reads the body up to `limit` bytes; larger bodies fail with SC_ERR_ENGINE_BODY_TOO_LARGE. While it
 * arrives its bytes count against `budget`; past it the request fails with SC_ERR_ENGINE_BUSY.
 */
function readBody(req: IncomingMessage, limit: number, budget: BodyBudget): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    // node:http reads and drops the body after the answer, so the connection serves on.
    return Promise.reject(
      new EngineError(
        'SC_ERR_ENGINE_BODY_TOO_LARGE',
        `request body of ${declared} bytes exceeds the limit of ${limit} bytes (maxBodyBytes)`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: EngineError): void => {
      req.removeAllListeners('data');
      req.resume();
      budget.give(size);
      size = 0;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (size + chunk.length > limit) {
        stop(
          new EngineError(
            'SC_ERR_ENGINE_BODY_TOO_LARGE',
            `request body exceeds the limit of ${limit} bytes (maxBodyBytes)`,
          ),
        );
        return;
      }
      if (!budget.take(chunk.length)) {
        stop(
          new EngineError(
            'SC_ERR_ENGINE_BUSY',
            `request bodies being received hold ${budget.held} bytes, the limit of maxBufferedBodyBytes (${budget.limit}); retry later`,
          ),
        );
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    req.on('end', () => {
      budget.give(size);
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    // A client that goes away mid-body destroys the request with ECONNRESET ('aborted').
    req.on('error', (err: NodeJS.ErrnoException) => {
      budget.give(size);
      size = 0;
      reject(
        new EngineError(
          'SC_ERR_ENGINE_BODY_READ_FAILED',
          err.code === 'ECONNRESET'
            ? 'the client aborted while sending the request body'
            : `failed reading the request body: ${err.message}`,
          { cause: err },
        ),
      );
    });
  });
}

export interface HttpFrontDoor {
  /** Listens on host:port (0: a free port) and resolves with the port. */
  listen(port: number, host: string): Promise<number>;
  /**
   * Stops accepting connections; resolves once all are closed. Kept-alive connections stay open
   * (see closeIdleConnections); answers given while the runtime drains carry `Connection: close`.
   */
  close(): Promise<void>;
  closeIdleConnections(): void;
  closeAllConnections(): void;
  /** Requests currently being handled. */
  inFlight(): number;
}

/** One request being handled: node:http's request and response, and the cancellation of its graph call once started. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The engine's budget of bytes held for bodies being received. */
  readonly budget: BodyBudget;
  abort?: Cancellation;
}

export function createHttpFrontDoor(runtime: EngineRuntime): HttpFrontDoor {
  let inFlight = 0;
  const gauge = runtime.metrics.inFlightCounter('http');
  /** Connections whose request node:http refused: the status JSON was sent by refuseClientError. */
  const refused = new WeakSet<Duplex>();
  const count = (code: string): void => runtime.metrics.errors.inc({ code, server: 'http' });
  const budget = new BodyBudget(runtime.config.maxBufferedBodyBytes);

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight++;
    gauge.inc();
    const ex: Exchange = { req, res, budget };
    res.once('close', () => {
      inFlight--;
      gauge.dec();
      // Closed before the answer: the client went away (or a non-graceful stop closed the
      // connection), so the node calls made for it are cancelled.
      if (!res.writableFinished && ex.abort !== undefined)
        ex.abort.abort(new Error('the client closed the connection before the response was sent'));
      if (inFlight === 0) runtime.notifyIdle();
    });
    handle(runtime, ex, (code) => {
      if (!refused.has(req.socket)) count(code);
    }).catch(() => {
      // handle() renders its own errors; reaching here means rendering itself failed.
      if (res.headersSent) res.destroy();
      else respond(ex, 500, []);
    });
  };

  const server = createNodeServer(runtime.config, onRequest);
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    // No `100 Continue` for a body that is over the limit: the 413 comes at once, and the
    // connection closes because the client may not send the body it announced.
    if (Number(req.headers['content-length']) > runtime.config.maxBodyBytes) res.shouldKeepAlive = false;
    else res.writeContinue();
    onRequest(req, res);
  });
  // Any other expectation reaches the handler, which answers 417.
  server.on('checkExpectation', onRequest);
  server.on('clientError', (err: ClientError, socket: Duplex) => {
    refuseClientError(err, socket, runtime.config, (code) => {
      refused.add(socket);
      count(code);
    });
  });

  let closed: Promise<void> | undefined;
  return {
    listen: (port, host) => listenOn(server, port, host),
    close: () => (closed ??= stopListening(server)),
    closeIdleConnections: () => server.closeIdleConnections(),
    closeAllConnections: () => server.closeAllConnections(),
    inFlight: () => inFlight,
  };
}

/** node:http or, with TLS, node:https, with the engine's limits and timeouts. */
function createNodeServer(
  config: EngineConfig,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const options: ServerOptions = {
    maxHeaderSize: config.maxHeaderBytes,
    // A missing Host is refused by the front door, with the status JSON (node:http: a bare 400).
    requireHostHeader: false,
    connectionsCheckingInterval: CONNECTIONS_CHECK_INTERVAL_MS,
    // Given at creation: node:http's connection checker reads requestTimeout only then.
    // The reference: no read/write timeouts, 65 s idle (keep-alive) timeout. Here a request must also
    // arrive within httpReceiveTimeoutMs, so slow senders cannot hold a body's memory for ever.
    keepAliveTimeout: config.httpKeepAliveTimeoutMs,
    // A head cannot take longer than the whole request (node:http refuses headersTimeout > requestTimeout).
    headersTimeout:
      config.httpReceiveTimeoutMs > 0
        ? Math.min(config.httpHeadersTimeoutMs, config.httpReceiveTimeoutMs)
        : config.httpHeadersTimeoutMs,
    requestTimeout: config.httpReceiveTimeoutMs,
  };
  // node:https's Server has node:http's API (it is a tls.Server running the same connection code).
  // node:https (and with it node:tls) loads only when TLS is on: most engines serve plain HTTP
  // behind their pod's network.
  const server: Server = config.tls
    ? (process
        .getBuiltinModule('node:https')
        .createServer(
          { ...options, cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
          onRequest,
        ) as unknown as Server)
    : createHttpServer(options, onRequest);
  return server;
}

/**
 * Stops listening and resolves once every connection is closed. Kept-alive connections are left to
 * the drain: node:http's own close() would also cut the idle ones at once, racing with a request a
 * client is just sending on one. Its close() is called at the end only to stop its connection-check
 * timer.
 */
function stopListening(server: Server): Promise<void> {
  return new Promise<void>((resolve) =>
    NetServer.prototype.close.call(server, () => {
      server.close();
      resolve();
    }),
  );
}

/** What node:http passes to 'clientError': its parser's code and reason. */
type ClientError = NodeJS.ErrnoException & { reason?: string };

/**
 * A request node:http refused before the handler saw it: answered with the status JSON naming the
 * problem (unless an answer on the connection has begun, as node:http's own default), counted,
 * and the connection closed once the answer is written.
 */
function refuseClientError(
  err: ClientError,
  socket: Duplex,
  config: EngineConfig,
  counted: (code: string) => void,
): void {
  // A connection reset or closed mid-head has no one to answer.
  if (err.code === 'ECONNRESET' || err.code === 'HPE_INVALID_EOF_STATE' || !socket.writable) {
    socket.destroy();
    return;
  }
  const problem = clientErrorProblem(err, config);
  counted(problem.code);
  const pending = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (pending && pending.headersSent) {
    socket.destroy();
    return;
  }
  const body = statusBody(problem.httpStatus, problem.message, problem.code);
  socket.end(
    `HTTP/1.1 ${problem.httpStatus} ${STATUS_CODES[problem.httpStatus]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** The engine error for what node:http's parser refused. */
function clientErrorProblem(err: ClientError, config: EngineConfig): EngineError {
  const reason = err.reason ?? err.message;
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new EngineError(
        'SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE',
        `the request head exceeds ${config.maxHeaderBytes} bytes (maxHeaderBytes)`,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new EngineError(
        'SC_ERR_ENGINE_HTTP_HEADERS_TIMEOUT',
        `the request did not arrive in time: its head within ${config.httpHeadersTimeoutMs} ms (httpHeadersTimeoutMs) ` +
          `or all of it within ${config.httpReceiveTimeoutMs} ms (httpReceiveTimeoutMs)`,
      );
    case 'HPE_INVALID_TRANSFER_ENCODING':
      // Also the code of Content-Length beside Transfer-Encoding, which is malformed framing.
      if (!/content-length/i.test(reason))
        return new EngineError(
          'SC_ERR_ENGINE_HTTP_NOT_IMPLEMENTED',
          `${reason}: only the chunked transfer coding is supported; send Content-Length or chunked`,
        );
  }
  return new EngineError('SC_ERR_ENGINE_HTTP_MALFORMED', `malformed HTTP request: ${reason} (${err.code})`);
}

/** `http://host:port/path?q` -> `/path?q` (an absolute-form target, RFC 9112 §3.2.2); origin form unchanged. */
function originForm(url: string): string {
  if (url.charCodeAt(0) === 0x2f) return url;
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  if (m === null) return url;
  const rest = url.slice(m[0].length);
  return rest === '' || rest[0] === '?' ? `/${rest}` : rest;
}

/** A request node:http parsed but the engine refuses: an HTTP version other than 1.x, no Host, an unknown expectation. */
function requestProblem(req: IncomingMessage): EngineError | undefined {
  if (req.httpVersionMajor !== 1)
    return new EngineError(
      'SC_ERR_ENGINE_HTTP_VERSION',
      `HTTP/${req.httpVersion} is not supported; use HTTP/1.1 (or gRPC on the gRPC port)`,
    );
  if (req.httpVersionMinor === 1 && req.headers.host === undefined)
    return new EngineError('SC_ERR_ENGINE_HTTP_MALFORMED', 'an HTTP/1.1 request needs a Host header');
  const expect = req.headers.expect;
  if (expect !== undefined && expect.toLowerCase() !== '100-continue')
    return new EngineError(
      'SC_ERR_ENGINE_HTTP_EXPECTATION',
      `Expect: ${expect} is not supported (only 100-continue)`,
    );
  return undefined;
}

/** Answers one request; errors are rendered into the answer and passed to `count`. */
async function handle(runtime: EngineRuntime, ex: Exchange, count: (code: string) => void): Promise<void> {
  const config = runtime.config;
  const { req, res } = ex;
  const rawUrl = originForm(req.url ?? '/');
  const q = rawUrl.indexOf('?');
  const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const method = req.method ?? 'GET';
  const reqHeaders = req.headers as Record<string, string | string[] | undefined>;
  // While draining, every answer closes its connection: kept-alive clients leave by themselves.
  if (runtime.draining) res.shouldKeepAlive = false;

  const problem = requestProblem(req);
  if (problem !== undefined) {
    req.resume();
    res.shouldKeepAlive = false;
    count(problem.code);
    send(ex, [], errorResponse(problem));
    return;
  }

  let puid = reqHeaders['seldon-puid'];
  if (typeof puid !== 'string' || puid === '') {
    puid = randomUUID();
    reqHeaders['seldon-puid'] = puid;
  }
  // Response headers are gathered in one flat list and written with a single writeHead: each
  // setHeader call validates and stores its header separately, which showed in the profile.
  const headers: string[] = ['Seldon-Puid', puid];
  if (reqHeaders['ce-specversion'] !== undefined) {
    headers.push(
      'Ce-Id',
      puid,
      'Ce-Specversion',
      '0.3',
      'Ce-Path',
      path,
      'Ce-Type',
      `seldon.${config.deploymentName}.${config.namespace}.response`,
      'Ce-Source',
      `seldon.${config.deploymentName}`,
    );
  }
  headers.push('X-Content-Type-Options', 'nosniff');

  const route =
    matchRoute(path, config.protocol, config.prometheusPath) ??
    (runtime.graphStats !== undefined && isGraphPagePath(path) ? GRAPH_PAGE : undefined);
  if (!route) {
    req.resume();
    respond(ex, 404, headers, 'text/plain; charset=utf-8', '404 page not found\n');
    return;
  }
  if (route.methods !== '*') headers.push('Access-Control-Allow-Methods', `OPTIONS,${route.methods}`);
  headers.push(
    'Access-Control-Allow-Origin',
    config.cors.allowedOrigins,
    'Access-Control-Allow-Headers',
    config.cors.allowedHeaders,
  );
  if (method === 'OPTIONS') {
    req.resume();
    respond(ex, 200, headers);
    return;
  }
  if (route.methods !== '*' && method !== route.methods && !(route.methods === 'GET' && method === 'HEAD')) {
    req.resume();
    const err = new EngineError(
      'SC_ERR_ENGINE_METHOD_NOT_ALLOWED',
      `${method} is not allowed on ${path} (allowed: ${route.methods})`,
    );
    send(ex, headers, errorResponse(err));
    return;
  }
  if (route.service === undefined) await serveLocal(runtime, ex, route, headers, path);
  else await serveGraph(runtime, ex, route, route.service, headers, { path, method, puid }, count);
}

/** The routes answered by the engine itself: probes, metrics and the OpenAPI document. */
async function serveLocal(
  runtime: EngineRuntime,
  ex: Exchange,
  route: Match,
  headers: string[],
  path: string,
): Promise<void> {
  ex.req.resume();
  switch (route.op) {
    case 'live':
      respond(ex, 200, headers);
      return;
    case 'ready': {
      const state = await runtime.readiness();
      const status = state.ready ? 200 : 503;
      if ((ex.req.url ?? '').includes('verbose'))
        respond(ex, status, headers, JSON_TYPE, JSON.stringify(state));
      else respond(ex, status, headers);
      return;
    }
    case 'metrics': {
      const text = await runtime.metrics.registry.metrics();
      respond(ex, 200, headers, runtime.metrics.registry.contentType, text);
      return;
    }
    case 'doc':
      if (route.doc === 'seldon.json' || route.doc === 'openapi.json') {
        respond(ex, 200, headers, JSON_TYPE, JSON.stringify(openApiDocument(runtime.config)));
      } else if (route.doc === '' || route.doc === 'index.html') {
        const base = path.startsWith('/v2') ? '/v2/docs/' : `/api/${path.split('/')[2]}/doc/`;
        respond(ex, 200, headers, 'text/html; charset=utf-8', swaggerPage(`${base}seldon.json`, base));
      } else {
        const asset = swaggerAsset(route.doc ?? '');
        if (asset) respond(ex, 200, headers, asset.contentType, asset.body);
        else respond(ex, 404, headers, 'text/plain; charset=utf-8', '404 page not found\n');
      }
      return;
    case 'graph-page': {
      const stats = runtime.graphStats;
      if (stats === undefined) return;
      const answer = graphPageAnswer(
        { config: runtime.config, stats, exampleRequest: runtime.graphPageExample },
        path,
      );
      headers.push(...answer.headers);
      respond(ex, answer.status, headers, answer.contentType, answer.body);
      return;
    }
  }
}

/** The graph operations: traced, measured, bounded by maxInFlight, cancelled when the client leaves. */
async function serveGraph(
  runtime: EngineRuntime,
  ex: Exchange,
  route: Match,
  service: string,
  headers: string[],
  request: { path: string; method: string; puid: string },
  count: (code: string) => void,
): Promise<void> {
  const { path, method, puid } = request;
  const start = performance.now();
  let span: Span | undefined;
  if (runtime.tracer) {
    span = runtime.tracer.startServerSpan(spanName(route.op), ex.req.headers, {
      'http.request.method': method,
      'url.path': path,
      'seldon.puid': puid,
    });
  }
  let status = 200;
  let errorCode: string | undefined;
  try {
    status = await runGraph(runtime, ex, route, headers, {
      puid,
      headers: ex.req.headers as RequestContext['headers'],
      modelName: route.model,
      span,
    });
  } catch (err) {
    const rendered = errorResponse(err);
    status = rendered.status;
    errorCode = rendered.code;
    count(rendered.code);
    if (rendered.status >= 500 && rendered.code !== 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE')
      runtime.log('debug', `${method} ${path} puid=${puid}: ${rendered.code}: ${(err as Error).message}`);
    // Load that passes in a moment: tell the client when to come back.
    if (rendered.code === 'SC_ERR_ENGINE_BUSY' || rendered.code === 'SC_ERR_ENGINE_OVERLOADED')
      headers.push('Retry-After', '1');
    send(ex, headers, rendered);
  } finally {
    runtime.metrics.observeServer(
      service,
      method === 'POST' ? 'post' : method.toLowerCase(),
      status,
      (performance.now() - start) / 1000,
    );
    if (span && runtime.tracer) {
      span.setAttribute('http.response.status_code', status);
      runtime.tracer.endSpan(span, errorCode ? { message: errorCode, code: errorCode } : undefined);
    }
  }
}

function spanName(op: Operation): string {
  if (op === 'predict') return 'predictions';
  if (op === 'feedback') return 'feedback';
  return op.endsWith('metadata') ? 'metadata' : 'status';
}

/** Runs the route's graph operation within maxInFlight and answers it; resolves with the status sent. */
async function runGraph(
  runtime: EngineRuntime,
  ex: Exchange,
  route: Match,
  headers: string[],
  ctx: Omit<RequestContext, 'abort'>,
): Promise<number> {
  const max = runtime.config.maxInFlight;
  if (runtime.inFlightGraph >= max) {
    ex.req.resume();
    throw new EngineError(
      'SC_ERR_ENGINE_OVERLOADED',
      `more than ${max} requests in flight (maxInFlight); retry later`,
    );
  }
  runtime.inFlightGraph++;
  try {
    const context: RequestContext = { ...ctx, abort: (ex.abort = new Cancellation()) };
    let out: GraphPayload | undefined;
    let jsonOut: unknown;
    switch (route.op) {
      case 'predict':
      case 'feedback': {
        const body = await readBody(ex.req, runtime.config.maxBodyBytes, ex.budget);
        const payload = GraphPayload.fromBytes(
          body,
          (ex.req.headers['content-type'] as string | undefined) || JSON_TYPE,
          (ex.req.headers['content-encoding'] as string | undefined) || undefined,
        );
        out =
          route.op === 'predict'
            ? await runtime.predict(payload, context)
            : await runtime.feedback(payload, context);
        break;
      }
      case 'graph-status': {
        ex.req.resume();
        const status = (await runtime.readiness()).ready ? 200 : 503;
        respond(ex, status, headers);
        return status;
      }
      case 'node-status':
        ex.req.resume();
        out = await runtime.nodeStatus(route.model as string, context);
        break;
      case 'node-metadata':
        ex.req.resume();
        out = await runtime.nodeMetadata(route.model as string, context);
        break;
      case 'graph-metadata':
        ex.req.resume();
        jsonOut = await runtime.graphMetadata(context);
        break;
    }
    if (out) {
      if (out.contentEncoding) headers.push('Content-Encoding', out.contentEncoding);
      respond(ex, 200, headers, out.contentType || JSON_TYPE, out.bytes());
    } else {
      respond(ex, 200, headers, JSON_TYPE, JSON.stringify(jsonOut));
    }
    return 200;
  } finally {
    runtime.inFlightGraph--;
  }
}

/** Sends the answer with one writeHead: status, a flat [name, value, ...] header list, content type and body. */
function respond(
  ex: Exchange,
  status: number,
  headers: string[],
  contentType?: string,
  body?: Uint8Array | string,
): void {
  if (contentType !== undefined) headers.push('Content-Type', contentType);
  // With the header block written up front, Node would otherwise fall back to chunked encoding.
  headers.push(
    'Content-Length',
    body === undefined ? '0' : String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength),
  );
  ex.res.writeHead(status, headers);
  ex.res.end(body);
}

/** Sends a rendered error; an answer already under way cannot be replaced, so its connection is closed. */
function send(
  ex: Exchange,
  headers: string[],
  r: { status: number; contentType: string; body: Uint8Array | string },
): void {
  if (ex.res.headersSent) {
    ex.res.destroy();
    return;
  }
  respond(ex, r.status, headers, r.contentType, r.body);
}
