// The REST front door on node:http (no framework on the hot path). Routes of 02 §4.2 for the
// seldon protocol, 01 §8 for v2 and 01 §9 for tensorflow; probes, metrics and the OpenAPI page.
import { Server as NetServer } from 'node:net';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Span } from '@opentelemetry/api';
import { Cancellation, GraphPayload } from '@seldon-ts/graph-executor';
import { EngineError } from '../errors.js';
import type { EngineRuntime, RequestContext } from './runtime.js';
import { errorResponse } from './error-body.js';
import { openApiDocument, swaggerPage } from './openapi.js';
import { Http1Server, type HttpExchange, type HttpExchangeHandler } from './http1-server.js';
import { listenOn } from './listen.js';

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
  | 'doc';

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

/** Reads the body up to `limit` bytes; larger bodies fail with SC_ERR_ENGINE_BODY_TOO_LARGE. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
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
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(
          new EngineError(
            'SC_ERR_ENGINE_BODY_TOO_LARGE',
            `request body exceeds the limit of ${limit} bytes (maxBodyBytes)`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    // A client that goes away mid-body destroys the request with ECONNRESET ('aborted').
    req.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new EngineError(
          'SC_ERR_ENGINE_BODY_READ_FAILED',
          err.code === 'ECONNRESET'
            ? 'the client aborted while sending the request body'
            : `failed reading the request body: ${err.message}`,
          { cause: err },
        ),
      ),
    );
  });
}

export interface HttpFrontDoor {
  /** Listens on host:port (0: a free port) and resolves with the port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting connections; resolves once all are closed. Later answers carry `Connection: close`. */
  close(): Promise<void>;
  closeIdleConnections(): void;
  closeAllConnections(): void;
  /** Requests currently being handled. */
  inFlight(): number;
}

/** What the front door keeps per exchange: the cancellation of its graph call, once started. */
type Exchange = HttpExchange & { abort?: Cancellation };

export function createHttpFrontDoor(runtime: EngineRuntime): HttpFrontDoor {
  const config = runtime.config;
  let inFlight = 0;
  const inFlightGauge = runtime.metrics.inFlightCounter('http');
  const handler: HttpExchangeHandler<Exchange> = {
    request(ex) {
      inFlight++;
      inFlightGauge.inc();
      handle(ex).catch(() => {
        // handle() renders its own errors; reaching here means rendering itself failed.
        if (!ex.responded) {
          try {
            ex.respond(500, []);
          } catch {
            ex.destroy();
          }
        } else ex.destroy();
      });
    },
    end(ex, answered) {
      inFlight--;
      inFlightGauge.dec();
      // Closed before the answer: the client went away (or a non-graceful stop closed the
      // connection), so the node calls made for it are cancelled.
      if (!answered && ex.abort !== undefined)
        ex.abort.abort(new Error('the client closed the connection before the response was sent'));
      if (inFlight === 0) runtime.notifyIdle();
    },
    refused(code) {
      runtime.metrics.errors.inc({ code, server: 'http' });
    },
  };

  const handle = async (ex: Exchange): Promise<void> => {
    const rawUrl = ex.url;
    const q = rawUrl.indexOf('?');
    const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const method = ex.method;
    const reqHeaders = ex.headers;

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

    const route = matchRoute(path, config.protocol, config.prometheusPath);
    if (!route) {
      ex.skipBody();
      ex.respond(404, headers, 'text/plain; charset=utf-8', '404 page not found\n');
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
      ex.skipBody();
      ex.respond(200, headers);
      return;
    }
    if (
      route.methods !== '*' &&
      method !== route.methods &&
      !(route.methods === 'GET' && method === 'HEAD')
    ) {
      ex.skipBody();
      const err = new EngineError(
        'SC_ERR_ENGINE_METHOD_NOT_ALLOWED',
        `${method} is not allowed on ${path} (allowed: ${route.methods})`,
      );
      send(ex, headers, errorResponse(err));
      return;
    }

    switch (route.op) {
      case 'live':
        ex.skipBody();
        ex.respond(200, headers);
        return;
      case 'ready': {
        ex.skipBody();
        const state = await runtime.readiness();
        const status = state.ready ? 200 : 503;
        if (rawUrl.includes('verbose')) ex.respond(status, headers, JSON_TYPE, JSON.stringify(state));
        else ex.respond(status, headers);
        return;
      }
      case 'metrics': {
        ex.skipBody();
        const text = await runtime.metrics.registry.metrics();
        ex.respond(200, headers, runtime.metrics.registry.contentType, text);
        return;
      }
      case 'doc': {
        ex.skipBody();
        if (route.doc === 'seldon.json' || route.doc === 'openapi.json') {
          ex.respond(200, headers, JSON_TYPE, JSON.stringify(openApiDocument(config)));
        } else if (route.doc === '' || route.doc === 'index.html') {
          ex.respond(
            200,
            headers,
            'text/html; charset=utf-8',
            swaggerPage(
              path.startsWith('/v2') ? '/v2/docs/seldon.json' : `/api/${path.split('/')[2]}/doc/seldon.json`,
            ),
          );
        } else {
          ex.respond(404, headers, 'text/plain; charset=utf-8', '404 page not found\n');
        }
        return;
      }
    }

    // Instrumented graph operations.
    const start = performance.now();
    const service = route.service as string;
    let span: Span | undefined;
    if (runtime.tracer) {
      span = runtime.tracer.startServerSpan(
        route.op === 'predict'
          ? 'predictions'
          : route.op.endsWith('metadata')
            ? 'metadata'
            : route.op === 'feedback'
              ? 'feedback'
              : 'status',
        reqHeaders,
        {
          'http.request.method': method,
          'url.path': path,
          'seldon.puid': puid,
        },
      );
    }
    let status = 200;
    let errorCode: string | undefined;
    try {
      if (runtime.draining) ex.closeAfterResponse();
      if (runtime.inFlightGraph >= config.maxInFlight) {
        ex.skipBody();
        throw new EngineError(
          'SC_ERR_ENGINE_OVERLOADED',
          `more than ${config.maxInFlight} requests in flight (maxInFlight); retry later`,
        );
      }
      runtime.inFlightGraph++;
      try {
        const abort = (ex.abort = new Cancellation());
        const ctx: RequestContext = { puid, headers: reqHeaders, modelName: route.model, span, abort };
        let out: GraphPayload | undefined;
        let jsonOut: unknown;
        switch (route.op) {
          case 'predict':
          case 'feedback': {
            const body = await ex.body();
            const payload = GraphPayload.fromBytes(
              body,
              (reqHeaders['content-type'] as string | undefined) || JSON_TYPE,
              (reqHeaders['content-encoding'] as string | undefined) || undefined,
            );
            out =
              route.op === 'predict'
                ? await runtime.predict(payload, ctx)
                : await runtime.feedback(payload, ctx);
            break;
          }
          case 'graph-status': {
            ex.skipBody();
            const state = await runtime.readiness();
            status = state.ready ? 200 : 503;
            ex.respond(status, headers);
            return;
          }
          case 'node-status':
            ex.skipBody();
            out = await runtime.nodeStatus(route.model as string, ctx);
            break;
          case 'node-metadata':
            ex.skipBody();
            out = await runtime.nodeMetadata(route.model as string, ctx);
            break;
          case 'graph-metadata':
            ex.skipBody();
            jsonOut = await runtime.graphMetadata(ctx);
            break;
        }
        if (out) {
          if (out.contentEncoding) headers.push('Content-Encoding', out.contentEncoding);
          ex.respond(200, headers, out.contentType || JSON_TYPE, out.bytes());
        } else {
          ex.respond(200, headers, JSON_TYPE, JSON.stringify(jsonOut));
        }
      } finally {
        runtime.inFlightGraph--;
      }
    } catch (err) {
      const rendered = errorResponse(err);
      status = rendered.status;
      errorCode = rendered.code;
      runtime.metrics.errors.inc({ code: rendered.code, server: 'http' });
      if (rendered.status >= 500 && rendered.code !== 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE')
        runtime.log('debug', `${method} ${path} puid=${puid}: ${rendered.code}: ${(err as Error).message}`);
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
  };

  const tls = config.tls
    ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }
    : undefined;
  if (config.httpServer === 'http') return nodeFrontDoor(runtime, handler, tls, () => inFlight);
  const server = new Http1Server(handler, {
    maxBodyBytes: config.maxBodyBytes,
    maxHeaderBytes: config.maxHeaderBytes,
    tls,
  });
  return {
    listen: (port, host) => server.listen(port, host),
    close: () => server.close(),
    closeIdleConnections: () => server.closeIdleConnections(),
    closeAllConnections: () => server.closeAllConnections(),
    inFlight: () => inFlight,
  };
}

/** The same front door on node:http (`--http_server http`). */
function nodeFrontDoor(
  runtime: EngineRuntime,
  handler: HttpExchangeHandler<Exchange>,
  tls: { cert: Buffer; key: Buffer } | undefined,
  inFlight: () => number,
): HttpFrontDoor {
  const config = runtime.config;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const ex = new NodeExchange(req, res, config.maxBodyBytes);
    res.on('close', () => handler.end(ex, res.writableFinished));
    handler.request(ex);
  };
  const server: Server = tls
    ? (createHttpsServer({ ...tls, maxHeaderSize: config.maxHeaderBytes }, onRequest) as unknown as Server)
    : createHttpServer({ maxHeaderSize: config.maxHeaderBytes }, onRequest);
  // The reference: no read/write timeouts, 65 s idle (keep-alive) timeout.
  server.keepAliveTimeout = 65000;
  server.requestTimeout = 0;
  server.headersTimeout = 60000;
  let closed: Promise<void> | undefined;
  return {
    listen: (port, host) => listenOn(server, port, host),
    // net.Server's close: stop listening, but leave kept-alive connections to the drain (node:http's
    // own close() also cuts idle ones at once; see HttpFrontDoor.close).
    close: () =>
      (closed ??= new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()))),
    closeIdleConnections: () => server.closeIdleConnections(),
    closeAllConnections: () => server.closeAllConnections(),
    inFlight,
  };
}

/** An exchange over node:http's request and response. */
class NodeExchange implements HttpExchange {
  abort: Cancellation | undefined;
  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly maxBodyBytes: number,
  ) {}
  get method(): string {
    return this.req.method ?? 'GET';
  }
  get url(): string {
    return this.req.url ?? '/';
  }
  get headers(): Record<string, string | string[] | undefined> {
    return this.req.headers;
  }
  get responded(): boolean {
    return this.res.headersSent;
  }
  body(): Promise<Buffer> {
    return readBody(this.req, this.maxBodyBytes);
  }
  skipBody(): void {
    this.req.resume();
  }
  respond(status: number, headers: string[], contentType?: string, body?: Uint8Array | string): void {
    if (contentType !== undefined) headers.push('Content-Type', contentType);
    // With the header block written up front, Node would otherwise fall back to chunked encoding.
    headers.push(
      'Content-Length',
      body === undefined ? '0' : String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength),
    );
    this.res.writeHead(status, headers);
    this.res.end(body);
  }
  closeAfterResponse(): void {
    this.res.shouldKeepAlive = false;
  }
  destroy(): void {
    this.res.destroy();
  }
}

function send(
  ex: HttpExchange,
  headers: string[],
  r: { status: number; contentType: string; body: Uint8Array | string },
): void {
  if (ex.responded) {
    ex.destroy();
    return;
  }
  ex.respond(r.status, headers, r.contentType, r.body);
}
