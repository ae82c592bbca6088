// The REST front door on node:http (no framework on the hot path). Routes of 02 §4.2 for the
// seldon protocol, 01 §8 for v2 and 01 §9 for tensorflow; probes, metrics and the OpenAPI page.
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
  server: Server;
  /** Requests currently being handled. */
  inFlight(): number;
}

export function createHttpFrontDoor(runtime: EngineRuntime): HttpFrontDoor {
  const config = runtime.config;
  let inFlight = 0;
  const inFlightGauge = runtime.metrics.inFlightCounter('http');
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    inFlightGauge.inc();
    const state: RequestState = { abort: undefined };
    res.on('close', () => {
      inFlight--;
      inFlightGauge.dec();
      // 'close' before the response finished: the client went away (or a non-graceful stop
      // closed the connection), so the node calls made for it are cancelled.
      if (state.abort !== undefined && !res.writableFinished)
        state.abort.abort(new Error('the client closed the connection before the response was sent'));
      if (inFlight === 0) runtime.notifyIdle();
    });
    handle(req, res, state).catch((err) => {
      // handle() renders its own errors; reaching here means rendering itself failed.
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy(err as Error);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<void> => {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
    const method = req.method ?? 'GET';

    let puid = req.headers['seldon-puid'];
    if (typeof puid !== 'string' || puid === '') {
      puid = randomUUID();
      req.headers['seldon-puid'] = puid;
    }
    // Response headers are gathered in one flat list and written with a single writeHead: each
    // setHeader call validates and stores its header separately, which showed in the profile.
    const headers: string[] = ['Seldon-Puid', puid];
    if (req.headers['ce-specversion'] !== undefined) {
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
      req.resume();
      reply(res, 404, headers, 'text/plain; charset=utf-8', '404 page not found\n');
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
      reply(res, 200, headers);
      return;
    }
    if (
      route.methods !== '*' &&
      method !== route.methods &&
      !(route.methods === 'GET' && method === 'HEAD')
    ) {
      req.resume();
      const err = new EngineError(
        'SC_ERR_ENGINE_METHOD_NOT_ALLOWED',
        `${method} is not allowed on ${path} (allowed: ${route.methods})`,
      );
      send(res, headers, errorResponse(err));
      return;
    }

    switch (route.op) {
      case 'live':
        req.resume();
        reply(res, 200, headers);
        return;
      case 'ready': {
        req.resume();
        const state = await runtime.readiness();
        const status = state.ready ? 200 : 503;
        if (rawUrl.includes('verbose')) reply(res, status, headers, JSON_TYPE, JSON.stringify(state));
        else reply(res, status, headers);
        return;
      }
      case 'metrics': {
        req.resume();
        const text = await runtime.metrics.registry.metrics();
        reply(res, 200, headers, runtime.metrics.registry.contentType, text);
        return;
      }
      case 'doc': {
        req.resume();
        if (route.doc === 'seldon.json' || route.doc === 'openapi.json') {
          reply(res, 200, headers, JSON_TYPE, JSON.stringify(openApiDocument(config)));
        } else if (route.doc === '' || route.doc === 'index.html') {
          reply(
            res,
            200,
            headers,
            'text/html; charset=utf-8',
            swaggerPage(
              path.startsWith('/v2') ? '/v2/docs/seldon.json' : `/api/${path.split('/')[2]}/doc/seldon.json`,
            ),
          );
        } else {
          reply(res, 404, headers, 'text/plain; charset=utf-8', '404 page not found\n');
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
        req.headers,
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
      if (runtime.draining) headers.push('Connection', 'close');
      if (runtime.inFlightGraph >= config.maxInFlight) {
        req.resume();
        throw new EngineError(
          'SC_ERR_ENGINE_OVERLOADED',
          `more than ${config.maxInFlight} requests in flight (maxInFlight); retry later`,
        );
      }
      runtime.inFlightGraph++;
      try {
        const abort = (state.abort = new Cancellation());
        const ctx: RequestContext = { puid, headers: req.headers, modelName: route.model, span, abort };
        let out: GraphPayload | undefined;
        let jsonOut: unknown;
        switch (route.op) {
          case 'predict':
          case 'feedback': {
            const body = await readBody(req, config.maxBodyBytes);
            const payload = GraphPayload.fromBytes(
              body,
              req.headers['content-type'] || JSON_TYPE,
              (req.headers['content-encoding'] as string | undefined) || undefined,
            );
            out =
              route.op === 'predict'
                ? await runtime.predict(payload, ctx)
                : await runtime.feedback(payload, ctx);
            break;
          }
          case 'graph-status': {
            req.resume();
            const state = await runtime.readiness();
            status = state.ready ? 200 : 503;
            reply(res, status, headers);
            return;
          }
          case 'node-status':
            req.resume();
            out = await runtime.nodeStatus(route.model as string, ctx);
            break;
          case 'node-metadata':
            req.resume();
            out = await runtime.nodeMetadata(route.model as string, ctx);
            break;
          case 'graph-metadata':
            req.resume();
            jsonOut = await runtime.graphMetadata(ctx);
            break;
        }
        if (out) {
          if (out.contentEncoding) headers.push('Content-Encoding', out.contentEncoding);
          reply(res, 200, headers, out.contentType || JSON_TYPE, out.bytes());
        } else {
          reply(res, 200, headers, JSON_TYPE, JSON.stringify(jsonOut));
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
      send(res, headers, rendered);
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

  let server: Server;
  if (config.tls) {
    server = createHttpsServer(
      { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
      handler,
    ) as unknown as Server;
  } else {
    server = createHttpServer(handler);
  }
  // The reference: no read/write timeouts, 65 s idle (keep-alive) timeout.
  server.keepAliveTimeout = 65000;
  server.requestTimeout = 0;
  server.headersTimeout = 60000;
  return { server, inFlight: () => inFlight };
}

interface RequestState {
  /** Set once a graph operation starts; aborted when the client goes away first. */
  abort: Cancellation | undefined;
}

/** Writes the whole response: status, the gathered headers and the body in one writeHead + end. */
function reply(
  res: ServerResponse,
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
  res.writeHead(status, headers);
  res.end(body);
}

function send(
  res: ServerResponse,
  headers: string[],
  r: { status: number; contentType: string; body: Uint8Array | string },
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  reply(res, r.status, headers, r.contentType, r.body);
}
