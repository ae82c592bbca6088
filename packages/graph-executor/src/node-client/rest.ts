import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { connect } from 'node:net';
import type { NodeCall, NodeClient, ReadyCheckOptions } from './node-client.js';
import { GraphPayload, JSON_CONTENT_TYPE } from '../payload.js';
import { GraphError, GrpcStatus } from '../errors.js';
import type { GraphNodeSpec } from '../graph.js';
import { NOT_FORWARDED, restPath } from '../internal/paths.js';
import { httpToGrpc } from '../internal/status-map.js';
import { abortError, isConnectFailure, sleep, withDefaults } from '../internal/net.js';

/** Options of {@link RestNodeClient}. */
export interface RestNodeClientOptions {
  /** Keep-alive connections per node origin. Default 8. */
  readonly connections?: number;
  /** How long an idle keep-alive connection is kept, in milliseconds. Default 60000. */
  readonly keepAliveTimeoutMs?: number;
  /** TCP connect timeout in milliseconds. Default 10000. */
  readonly connectTimeoutMs?: number;
  /** Default per-call timeout in milliseconds (the `seldon.io/rest-timeout` annotation); 0 = none. Default 0. */
  readonly timeoutMs?: number;
  /** Largest node response body accepted, in bytes. Default 67108864 (64 MiB). */
  readonly maxMessageBytes?: number;
  /**
   * Retries of a call whose connection failed before the request was sent (refused, DNS, connect
   * timeout). Never retried once bytes were written. Default 2.
   */
  readonly connectRetries?: number;
  /** Delay before the first retry in milliseconds, doubled each retry. Default 25. */
  readonly connectRetryDelayMs?: number;
}

const DEFAULTS = {
  connections: 8,
  keepAliveTimeoutMs: 60_000,
  connectTimeoutMs: 10_000,
  timeoutMs: 0,
  maxMessageBytes: 64 * 1024 * 1024,
  connectRetries: 2,
  connectRetryDelayMs: 25,
} as const;

/**
 * Calls nodes over HTTP/1.1 with one undici keep-alive Pool per node origin
 * (`http://<service_host>:<httpPort>`). Payload bytes are sent and returned untouched.
 */
export class RestNodeClient implements NodeClient {
  readonly transport = 'rest';
  readonly payloadFormat = 'json' as const;
  readonly #options: Required<RestNodeClientOptions>;
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(options: RestNodeClientOptions = {}) {
    this.#options = withDefaults<RestNodeClientOptions>(DEFAULTS, options);
  }

  /** Default per-call timeout in milliseconds (0 = none). */
  get timeoutMs(): number {
    return this.#options.timeoutMs;
  }

  async call(call: NodeCall): Promise<GraphPayload> {
    if (this.#closed)
      throw new GraphError('SC_ERR_GRAPH_CLOSED', 'REST node client is closed', { nodeName: call.node.name });
    const { host, port } = restTarget(call.node);
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const path = restPath(call.protocol, call.method, call.modelName);
    const isGet = call.method === 'status' || call.method === 'metadata';
    const headers: Record<string, string | string[]> = {};
    for (const name in call.headers) {
      const value = call.headers[name];
      if (
        value === undefined ||
        NOT_FORWARDED.has(name) ||
        name.charCodeAt(0) === 58 /* ':' pseudo-headers */
      )
        continue;
      headers[name] = value as string | string[];
    }
    headers['seldon-puid'] = call.puid;
    let body: Uint8Array | string | undefined;
    if (!isGet) {
      if (call.method === 'aggregate') {
        body = aggregateBody(call);
        headers['content-type'] = call.payloads![0]?.contentType ?? JSON_CONTENT_TYPE;
      } else {
        const payload = call.payload!;
        body = payload.bytes();
        headers['content-type'] = payload.contentType;
        if (payload.contentEncoding !== undefined) headers['content-encoding'] = payload.contentEncoding;
      }
    }
    const pool = this.#pool(origin);
    const retries = this.#options.connectRetries;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await exchange(
          pool,
          { origin, path, method: isGet ? 'GET' : 'POST', headers, body },
          call.signal,
          this.#options.maxMessageBytes,
          call.node.name,
        );
        return this.#toPayload(response, call, origin + path);
      } catch (err) {
        if (call.signal?.aborted) throw abortError(call.signal, call.node.name);
        if (err instanceof GraphError) throw err;
        if ((err as { code?: unknown })?.code === 'UND_ERR_INVALID_ARG') {
          // e.g. a forwarded header with a control character: refused before anything was sent
          throw new GraphError(
            'SC_ERR_GRAPH_BAD_PAYLOAD',
            `cannot call node ${call.node.name}: ${(err as Error).message}`,
            { nodeName: call.node.name, cause: err },
          );
        }
        if (isConnectFailure(err) && attempt < retries && !this.#closed) {
          await sleep(this.#options.connectRetryDelayMs * 2 ** attempt, call.signal);
          if (call.signal?.aborted) throw abortError(call.signal, call.node.name);
          continue;
        }
        throw new GraphError(
          'SC_ERR_GRAPH_NODE_UNREACHABLE',
          `calling node ${call.node.name} at ${origin}${path} failed: ${describe(err)}`,
          {
            nodeName: call.node.name,
            cause: err,
          },
        );
      }
    }
  }

  #toPayload(response: RawResponse, call: NodeCall, url: string): GraphPayload {
    const bytes = response.body;
    const contentType = headerValue(response.headers['content-type']) ?? JSON_CONTENT_TYPE;
    const contentEncoding = headerValue(response.headers['content-encoding']);
    const payload = GraphPayload.fromBytes(bytes, contentType, contentEncoding);
    if (response.statusCode !== 200) {
      throw new GraphError(
        'SC_ERR_GRAPH_NODE_ERROR_RESPONSE',
        `Internal service call from executor failed calling ${url} status code ${response.statusCode}`,
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

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.#options.connections,
        keepAliveTimeout: this.#options.keepAliveTimeoutMs,
        connectTimeout: this.#options.connectTimeoutMs,
        pipelining: 1,
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
    try {
      const response = await this.#pool(`http://${host}:${port}`).request({
        path,
        method: 'GET',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body.dump();
      return response.statusCode === 200;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
  }
}

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One request/response on the pool through undici's handler interface. `pool.request()` wraps
 * every response body in a Readable and the caller then reads it through an async iterator; on a
 * per-node-call path those objects cost more than the rest of the call, so the body chunks are
 * collected here directly. The size limit and the caller's signal are enforced the same way.
 */
function exchange(
  pool: Pool,
  options: Dispatcher.DispatchOptions,
  signal: AbortSignal | undefined,
  maxBytes: number,
  nodeName: string,
): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let statusCode = 0;
    let headers: RawResponse['headers'] = {};
    let chunks: Buffer[] = [];
    let size = 0;
    const onAbort = (): void => {
      const reason = new Error('aborted');
      controller?.abort(reason);
      fail(reason);
    };
    function fail(err: Error): void {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(err);
    }
    if (signal !== undefined) {
      if (signal.aborted) {
        reject(new Error('aborted'));
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
    }
    pool.dispatch(options, {
      onRequestStart(c) {
        controller = c;
        if (settled) c.abort(new Error('aborted'));
      },
      onResponseStart(c, code, responseHeaders) {
        statusCode = code;
        headers = responseHeaders as RawResponse['headers'];
        chunks = [];
        size = 0;
        const declared = Number(headers['content-length']);
        if (declared > maxBytes) {
          const err = tooLarge(nodeName, `${options.origin}${options.path}`, maxBytes);
          c.abort(err);
          fail(err);
        }
      },
      onResponseData(c, chunk) {
        size += chunk.length;
        if (size > maxBytes) {
          const err = tooLarge(nodeName, `${options.origin}${options.path}`, maxBytes);
          c.abort(err);
          fail(err);
          return;
        }
        chunks.push(chunk);
      },
      onResponseEnd() {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve({
          statusCode,
          headers,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
        });
      },
      onResponseError(_c, err) {
        fail(err);
      },
    });
  });
}

function aggregateBody(call: NodeCall): string {
  const parts: string[] = [];
  for (const p of call.payloads!) {
    const text = p.text();
    if (!p.hasObject) {
      try {
        JSON.parse(text);
      } catch {
        throw new GraphError('SC_ERR_GRAPH_NOT_JSON', 'Data is not JSON', { nodeName: call.node.name });
      }
    }
    parts.push(text);
  }
  return `[${parts.join(',')}]`;
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

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code} ${e.message ?? ''}`.trim() : String(e?.message ?? err);
}
