import { connect } from 'node:net';
import { Http1Error, Http1Pool, type Http1Request, type Http1Response } from '../internal/http1.js';
import { Cancellation } from '../cancellation.js';
import { combinerJsonBody, type NodeCall, type NodeClient, type ReadyCheckOptions } from './node-client.js';
import { GraphPayload, JSON_CONTENT_TYPE } from '../payload.js';
import { GraphError, GrpcStatus } from '../errors.js';
import type { GraphNodeSpec } from '../graph.js';
import { NOT_FORWARDED, restPath } from '../internal/paths.js';
import { httpToGrpc } from '../internal/status-map.js';
import { abortError, cancelSource, isConnectFailure, sleep, withDefaults } from '../internal/net.js';

/** Options of {@link RestNodeClient}. */
export interface RestNodeClientOptions {
  /** Connections per node origin at most; further calls wait for a free one. Default 64. */
  readonly connections?: number;
  /** How long an idle keep-alive connection is kept, in milliseconds. Default 60000. */
  readonly keepAliveTimeoutMs?: number;
  /** TCP connect timeout in milliseconds. Default 10000. */
  readonly connectTimeoutMs?: number;
  /** Default per-call timeout in milliseconds (the `seldon.io/rest-timeout` annotation); 0 = none. Default 0. */
  readonly timeoutMs?: number;
  /** Largest node response body accepted, in bytes. Default 67108864 (64 MiB). */
  readonly maxMessageBytes?: number;
  /** Largest node response header block accepted, in bytes. Default 65536. */
  readonly maxHeaderBytes?: number;
  /**
   * A call fails (`SC_ERR_GRAPH_NODE_TIMEOUT`) when its node has sent nothing for this long, in
   * milliseconds; 0 = never. A safety net under `timeoutMs` and the graph's deadlines, which are off
   * by default as in the reference. Default 300000 (5 minutes).
   */
  readonly answerTimeoutMs?: number;
  /**
   * Retries of a call whose connection failed before the request was sent (refused, DNS, connect
   * timeout). Never retried once bytes were written. Default 2.
   */
  readonly connectRetries?: number;
  /** Delay before the first retry in milliseconds, doubled each retry. Default 25. */
  readonly connectRetryDelayMs?: number;
}

const DEFAULTS = {
  connections: 64,
  keepAliveTimeoutMs: 60_000,
  connectTimeoutMs: 10_000,
  timeoutMs: 0,
  maxMessageBytes: 64 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  answerTimeoutMs: 300_000,
  connectRetries: 2,
  connectRetryDelayMs: 25,
} as const;

/**
 * Calls nodes over HTTP/1.1 with one keep-alive connection pool per node origin
 * (`http://<service_host>:<httpPort>`). Payload bytes are sent and returned untouched.
 */
export class RestNodeClient implements NodeClient {
  readonly transport = 'rest';
  readonly payloadFormat = 'json' as const;
  readonly #options: Required<RestNodeClientOptions>;
  readonly #pools = new Map<string, Http1Pool>();
  readonly #targets = new WeakMap<object, { origin: string; pool: Http1Pool }>();
  #closed = false;

  constructor(options: RestNodeClientOptions = {}) {
    this.#options = withDefaults<RestNodeClientOptions>(DEFAULTS, options);
  }

  /** Default per-call timeout in milliseconds (0 = none). */
  get timeoutMs(): number {
    return this.#options.timeoutMs;
  }

  call(call: NodeCall): Promise<GraphPayload> {
    let request: Http1Request;
    let pool: Http1Pool;
    let origin: string;
    try {
      if (this.#closed)
        throw new GraphError('SC_ERR_GRAPH_CLOSED', 'REST node client is closed', {
          nodeName: call.node.name,
        });
      // The node's pool, remembered per endpoint object (a graph's endpoints are stable objects;
      // a replaced endpoint is a new key).
      const endpoint = call.node.endpoint;
      let target = endpoint == null ? undefined : this.#targets.get(endpoint);
      if (target === undefined) {
        const { host, port } = restTarget(call.node);
        const key = `${host}:${port}`;
        target = { origin: key, pool: this.#pool(host, port, key) };
        if (endpoint != null) this.#targets.set(endpoint, target);
      }
      origin = target.origin;
      pool = target.pool;
      request = this.#request(call);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    // No async frame on the way of a successful call: one promise from the pool, one `then`.
    return pool.request(request).then(
      (response) => this.#toPayload(response, call, origin, request.path),
      (err: unknown) => this.#failed(err, call, pool, request, origin, 0),
    );
  }

  #request(call: NodeCall): Http1Request {
    const isGet = call.method === 'status' || call.method === 'metadata';
    let headerLines = '';
    for (const name in call.headers) {
      const value = call.headers[name];
      if (
        value === undefined ||
        NOT_FORWARDED.has(name) ||
        name.charCodeAt(0) === 58 /* ':' pseudo-headers */ ||
        name === 'seldon-puid'
      )
        continue;
      if (typeof value === 'string') headerLines += headerLine(name, value, call.node.name);
      else for (const v of value) headerLines += headerLine(name, v, call.node.name);
    }
    headerLines += headerLine('seldon-puid', call.puid, call.node.name);
    let body: Uint8Array | string | undefined;
    if (!isGet) {
      if (call.method === 'aggregate') {
        body = combinerJsonBody(call);
        headerLines += `content-type: ${safeValue(call.payloads![0]?.contentType ?? JSON_CONTENT_TYPE)}\r\n`;
      } else {
        const payload = call.payload!;
        body = payload.bytes();
        headerLines += `content-type: ${safeValue(payload.contentType)}\r\n`;
        if (payload.contentEncoding !== undefined)
          headerLines += `content-encoding: ${safeValue(payload.contentEncoding)}\r\n`;
      }
    }
    return {
      method: isGet ? 'GET' : 'POST',
      path: restPath(call.protocol, call.method, call.modelName),
      headerLines,
      body,
      maxBodyBytes: this.#options.maxMessageBytes,
      cancel: cancelSource(call),
    };
  }

  /** A failed exchange: retried when the connection failed before sending, else a GraphError. */
  async #failed(
    err: unknown,
    call: NodeCall,
    pool: Http1Pool,
    request: Http1Request,
    origin: string,
    attempt: number,
  ): Promise<GraphPayload> {
    const nodeName = call.node.name;
    const url = `http://${origin}${request.path}`;
    const cancellation = request.cancel;
    if (cancellation?.aborted) throw abortError(cancellation, nodeName);
    if (err instanceof GraphError) throw err;
    if (err instanceof Http1Error && err.code === 'ETOOLARGE')
      throw tooLarge(nodeName, url, this.#options.maxMessageBytes);
    if (err instanceof Http1Error && err.code === 'ETIMEDOUT')
      throw new GraphError('SC_ERR_GRAPH_NODE_TIMEOUT', `node ${nodeName} at ${url}: ${err.message}`, {
        nodeName,
        cause: err,
      });
    if (err instanceof Http1Error && (err.code === 'EPROTO' || err.code === 'EHEADERTOOLARGE'))
      throw new GraphError(
        'SC_ERR_GRAPH_NODE_BAD_RESPONSE',
        `node ${nodeName} at ${url} sent ${err.message}`,
        {
          nodeName,
          cause: err,
        },
      );
    if (isConnectFailure(err) && attempt < this.#options.connectRetries && !this.#closed) {
      await sleep(this.#options.connectRetryDelayMs * 2 ** attempt, cancellation);
      if (cancellation?.aborted) throw abortError(cancellation, nodeName);
      let response: Http1Response;
      try {
        response = await pool.request(request);
      } catch (next) {
        return this.#failed(next, call, pool, request, origin, attempt + 1);
      }
      return this.#toPayload(response, call, origin, request.path);
    }
    throw new GraphError(
      'SC_ERR_GRAPH_NODE_UNREACHABLE',
      `calling node ${nodeName} at ${url} failed: ${describe(err)}`,
      {
        nodeName,
        cause: err,
      },
    );
  }

  #toPayload(response: Http1Response, call: NodeCall, origin: string, path: string): GraphPayload {
    const bytes = response.body;
    const contentType = response.contentType ?? JSON_CONTENT_TYPE;
    const contentEncoding = response.contentEncoding;
    const payload = GraphPayload.fromBytes(bytes, contentType, contentEncoding);
    if (response.statusCode !== 200) {
      throw new GraphError(
        'SC_ERR_GRAPH_NODE_ERROR_RESPONSE',
        `Internal service call from executor failed calling http://${origin}${path} status code ${response.statusCode}`,
        {
          nodeName: call.node.name,
          httpStatus: response.statusCode,
          grpcCode: httpToGrpc(response.statusCode),
          body: bytes.length > 0 ? payload : undefined,
        },
      );
    }
    return payload;
  }

  #pool(host: string, port: number, origin: string): Http1Pool {
    let pool = this.#pools.get(origin);
    if (pool === undefined) {
      pool = new Http1Pool(host, port, {
        connections: this.#options.connections,
        keepAliveTimeoutMs: this.#options.keepAliveTimeoutMs,
        connectTimeoutMs: this.#options.connectTimeoutMs,
        maxHeaderBytes: this.#options.maxHeaderBytes,
        answerTimeoutMs: this.#options.answerTimeoutMs,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  /** TCP connect to the node's `service_port` (or HTTP port); with `full`, `GET /health/status` must answer 200. */
  async ready(node: GraphNodeSpec, options: ReadyCheckOptions): Promise<boolean> {
    const { host, port } = restTarget(node, true);
    if (!options.full) return tcpReady(host, port, options.timeoutMs);
    const path =
      options.protocol === 'v2'
        ? '/v2/health/ready'
        : options.protocol === 'seldon'
          ? '/api/v1.0/health/status'
          : '/';
    if (options.protocol === 'tensorflow') return tcpReady(host, port, options.timeoutMs);
    const timeout = new Cancellation();
    const timer = setTimeout(() => timeout.abort(new Error('health check timed out')), options.timeoutMs);
    try {
      const response = await this.#pool(host, port, `${host}:${port}`).request({
        method: 'GET',
        path,
        headerLines: '',
        body: undefined,
        maxBodyBytes: 1024 * 1024,
        cancel: timeout,
      });
      return response.statusCode === 200;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
  }
}

function restTarget(node: GraphNodeSpec, forReadiness = false): { host: string; port: number } {
  const endpoint = node.endpoint;
  const host = endpoint?.service_host || 'localhost';
  const port = forReadiness
    ? endpoint?.service_port || endpoint?.httpPort
    : endpoint?.httpPort || endpoint?.service_port;
  if (!port) {
    throw new GraphError(
      'SC_ERR_GRAPH_INVALID_GRAPH',
      `node ${node.name} has no endpoint.httpPort for a REST call`,
      { nodeName: node.name },
    );
  }
  return { host, port };
}

/** Opens and closes a TCP connection (the reference's default readiness check). */
export function tcpReady(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

function tooLarge(nodeName: string, url: string, max: number): GraphError {
  return new GraphError(
    'SC_ERR_GRAPH_MESSAGE_TOO_LARGE',
    `response of node ${nodeName} from ${url} exceeds maxMessageBytes (${max} bytes)`,
    {
      nodeName,
      grpcCode: GrpcStatus.RESOURCE_EXHAUSTED,
    },
  );
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const UNSAFE_VALUE = /[\0\r\n]/;

/** One `name: value` request header line; names and values that could break the request are refused. */
function headerLine(name: string, value: string, nodeName: string): string {
  if (!TOKEN.test(name))
    throw new GraphError(
      'SC_ERR_GRAPH_BAD_PAYLOAD',
      `cannot call node ${nodeName}: invalid header name ${JSON.stringify(name)}`,
      {
        nodeName,
      },
    );
  if (UNSAFE_VALUE.test(value))
    throw new GraphError(
      'SC_ERR_GRAPH_BAD_PAYLOAD',
      `cannot call node ${nodeName}: header ${name} has a CR, LF or NUL character in its value`,
      { nodeName },
    );
  return `${name}: ${value}\r\n`;
}

/** Content types and encodings come from payloads the engine built or validated; CR/LF is stripped defensively. */
function safeValue(value: string): string {
  return UNSAFE_VALUE.test(value) ? value.replace(/[\0\r\n]/g, ' ') : value;
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code} ${e.message ?? ''}`.trim() : String(e?.message ?? err);
}
