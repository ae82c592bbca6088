import type { Dispatcher } from 'undici';
import { Pool } from './rest-pool.js';
import { httpToGrpcStatus } from '@seldon-ts/payload/json';
import { Cancellation } from '../cancellation.js';
import { combinerJsonBody, type NodeCall, type NodeClient, type ReadyCheckOptions } from './node-client.js';
import { GraphPayload, JSON_CONTENT_TYPE } from '../payload.js';
import { GraphError } from '../errors.js';
import type { GraphNodeSpec } from '../graph.js';
import { NOT_FORWARDED, restPath } from '../internal/paths.js';
import {
  abortError,
  cancelSource,
  checkClientOptions,
  sleep,
  withDefaults,
  type CancelSource,
} from '../internal/net.js';
import { tcpReady } from '../internal/tcp-ready.js';
import { AnswerDeadlines } from './answer-deadlines.js';
import { exchange, ExchangeFailure, type RestAnswer } from './rest-exchange.js';
import { restFailure, type RestFailureContext } from './rest-errors.js';

/** Options of {@link RestNodeClient}. */
export interface RestNodeClientOptions {
  /** Connections per node origin at most; further calls wait for a free one. Default 64. */
  readonly connections?: number;
  /**
   * How long an idle keep-alive connection is kept, in milliseconds; a shorter `Keep-Alive:
   * timeout=N` announced by the node wins (less one second). 0 = no keep-alive. Default 60000.
   */
  readonly keepAliveTimeoutMs?: number;
  /** TCP connect timeout in milliseconds; 0 = none. Default 10000. */
  readonly connectTimeoutMs?: number;
  /** Default per-call timeout in milliseconds (the `seldon.io/rest-timeout` annotation); 0 = none. Default 0. */
  readonly timeoutMs?: number;
  /** Largest node response body accepted, in bytes (as received: bodies are not decompressed). Default 67108864 (64 MiB). */
  readonly maxMessageBytes?: number;
  /** Largest node response header block accepted, in bytes (at least 1). Default 65536. */
  readonly maxHeaderBytes?: number;
  /**
   * A call fails (`SC_ERR_GRAPH_NODE_TIMEOUT`) when its node has sent nothing for this long, in
   * milliseconds (no answer head since the request was sent, or no body bytes since the last
   * ones); 0 = never. A safety net under `timeoutMs` and the graph's deadlines, which are off by
   * default as in the reference. Default 300000 (5 minutes).
   */
  readonly answerTimeoutMs?: number;
  /**
   * The longest a node may take for a whole answer, from the request sent to the answer's last
   * byte, however it paces its bytes (interim `1xx` answers, a byte at a time), in milliseconds;
   * 0 = no bound. Default 300000 (5 minutes).
   */
  readonly maxAnswerMs?: number;
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
  maxAnswerMs: 300_000,
  connectRetries: 2,
  connectRetryDelayMs: 25,
} as const;

/** Kept-alive connections are retired this long before the keep-alive timeout a node announces. */
const KEEP_ALIVE_MARGIN_MS = 1000;
/** Largest answer of a readiness check. */
const HEALTH_MAX_BYTES = 1024 * 1024;

/** One node call on its way: what is dispatched, where, and how failures are described. */
interface RestRequest extends RestFailureContext {
  readonly pool: Pool;
  readonly dispatch: Dispatcher.DispatchOptions;
  readonly cancel: CancelSource | undefined;
}

/** A node origin's pool, remembered per endpoint object. */
interface Target {
  readonly origin: string;
  readonly pool: Pool;
}

/**
 * Calls nodes over HTTP/1.1 with undici: one keep-alive {@link Pool} per node origin
 * (`http://<service_host>:<httpPort>`), requests sent with `dispatch()`. Payload bytes are sent
 * and returned untouched with their `Content-Type` and `Content-Encoding`.
 */
export class RestNodeClient implements NodeClient {
  readonly transport = 'rest';
  readonly payloadFormat = 'json' as const;
  readonly #options: Required<RestNodeClientOptions>;
  readonly #pools = new Map<string, Pool>();
  readonly #targets = new WeakMap<object, Target>();
  readonly #deadlines: AnswerDeadlines;
  #closed = false;

  constructor(options: RestNodeClientOptions = {}) {
    this.#options = withDefaults<RestNodeClientOptions>(DEFAULTS, options);
    checkClientOptions('RestNodeClient', this.#options, ['connections', 'maxHeaderBytes']);
    this.#deadlines = new AnswerDeadlines(this.#options.maxAnswerMs);
  }

  /** Default per-call timeout in milliseconds (0 = none). */
  get timeoutMs(): number {
    return this.#options.timeoutMs;
  }

  call(call: NodeCall): Promise<GraphPayload> {
    let request: RestRequest;
    try {
      if (this.#closed)
        throw new GraphError('SC_ERR_GRAPH_CLOSED', 'REST node client is closed', {
          nodeName: call.node.name,
        });
      request = this.#request(call);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.#send(request, 0, false);
  }

  /** One attempt; a failure may send the request again (see {@link #failed}). */
  #send(request: RestRequest, attempt: number, retriedClosed: boolean): Promise<GraphPayload> {
    return exchange(
      request.pool,
      request.dispatch,
      request.maxMessageBytes,
      request.cancel,
      this.#deadlines,
    ).then(
      (answer) => toPayload(answer, request),
      (err: unknown) => this.#failed(err, request, attempt, retriedClosed),
    );
  }

  async #failed(
    err: unknown,
    request: RestRequest,
    attempt: number,
    retriedClosed: boolean,
  ): Promise<GraphPayload> {
    const cancel = request.cancel;
    if (cancel?.aborted) throw abortError(cancel, request.nodeName);
    if (!(err instanceof ExchangeFailure)) throw err;
    const { error, retry } = restFailure(err, request);
    if (this.#closed) throw error;
    if (retry === 'connect' && attempt < this.#options.connectRetries) {
      await sleep(this.#options.connectRetryDelayMs * 2 ** attempt, cancel);
      if (cancel?.aborted) throw abortError(cancel, request.nodeName);
      return this.#send(request, attempt + 1, retriedClosed);
    }
    // A reused connection closed by the node before answering (its keep-alive timeout racing the
    // call): the node never read the request, so it is sent once more, on another connection.
    if (retry === 'closed' && !retriedClosed) return this.#send(request, attempt, true);
    throw error;
  }

  #request(call: NodeCall): RestRequest {
    const target = this.#target(call.node);
    const path = restPath(call.protocol, call.method, call.modelName);
    const headers = forwardedHeaders(call);
    let body: Uint8Array | string | null = null;
    const isGet = call.method === 'status' || call.method === 'metadata';
    if (!isGet) {
      if (call.method === 'aggregate') {
        body = combinerJsonBody(call);
        headers.push('content-type', safeValue(call.payloads![0]?.contentType ?? JSON_CONTENT_TYPE));
      } else {
        const payload = call.payload!;
        body = payload.bytes();
        headers.push('content-type', safeValue(payload.contentType));
        if (payload.contentEncoding !== undefined)
          headers.push('content-encoding', safeValue(payload.contentEncoding));
      }
    }
    const options = this.#options;
    return {
      nodeName: call.node.name,
      url: `http://${target.origin}${path}`,
      maxMessageBytes: options.maxMessageBytes,
      maxHeaderBytes: options.maxHeaderBytes,
      answerTimeoutMs: options.answerTimeoutMs,
      maxAnswerMs: options.maxAnswerMs,
      headers,
      pool: target.pool,
      dispatch: { method: isGet ? 'GET' : 'POST', path, headers, body },
      cancel: cancelSource(call),
    };
  }

  /** The node's pool, remembered per endpoint object (a graph's endpoints are stable objects; a replaced endpoint is a new key). */
  #target(node: GraphNodeSpec): Target {
    const endpoint = node.endpoint;
    let target = endpoint == null ? undefined : this.#targets.get(endpoint);
    if (target === undefined) {
      const { host, port } = restTarget(node);
      const origin = authority(host, port);
      target = { origin, pool: this.#pool(origin) };
      if (endpoint != null) this.#targets.set(endpoint, target);
    }
    return target;
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (pool === undefined) {
      const o = this.#options;
      pool = new Pool(`http://${origin}`, {
        connections: o.connections,
        // Without keep-alive every connection serves one call.
        pipelining: o.keepAliveTimeoutMs > 0 ? 1 : 0,
        keepAliveTimeout: o.keepAliveTimeoutMs || undefined,
        keepAliveMaxTimeout: o.keepAliveTimeoutMs || undefined,
        keepAliveTimeoutThreshold: KEEP_ALIVE_MARGIN_MS,
        connectTimeout: o.connectTimeoutMs,
        headersTimeout: o.answerTimeoutMs,
        bodyTimeout: o.answerTimeoutMs,
        maxHeaderSize: o.maxHeaderBytes,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  /** TCP connect to the node's `service_port` (or HTTP port); with `full`, `GET /health/status` must answer 200. */
  async ready(node: GraphNodeSpec, options: ReadyCheckOptions): Promise<boolean> {
    const { host, port } = restTarget(node, true);
    if (!options.full || options.protocol === 'tensorflow') return tcpReady(host, port, options.timeoutMs);
    const path = options.protocol === 'v2' ? '/v2/health/ready' : '/api/v1.0/health/status';
    const timeout = new Cancellation();
    const timer = setTimeout(() => timeout.abort(new Error('health check timed out')), options.timeoutMs);
    try {
      const answer = await exchange(
        this.#pool(authority(host, port)),
        { method: 'GET', path },
        HEALTH_MAX_BYTES,
        timeout,
      );
      return answer.statusCode === 200;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops taking calls (they fail with `SC_ERR_GRAPH_CLOSED`). Connections close once the calls
   * already sent or queued have their answers; the returned promise does not wait for them.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    for (const pool of pools) pool.close().catch(() => undefined);
  }
}

/** The answer as the call's result: its bytes as they came, or the node's error. */
function toPayload(answer: RestAnswer, request: RestRequest): GraphPayload {
  const bytes = answer.body;
  const payload = GraphPayload.fromBytes(
    bytes,
    answer.contentType ?? JSON_CONTENT_TYPE,
    answer.contentEncoding,
  );
  if (answer.statusCode !== 200) {
    throw new GraphError(
      'SC_ERR_GRAPH_NODE_ERROR_RESPONSE',
      `Internal service call from executor failed calling ${request.url} status code ${answer.statusCode}`,
      {
        nodeName: request.nodeName,
        httpStatus: answer.statusCode,
        grpcStatus: httpToGrpcStatus(answer.statusCode),
        body: bytes.length > 0 ? payload : undefined,
      },
    );
  }
  return payload;
}

/**
 * The call's headers as undici's flat `[name, value, ...]` list: the forwarded ones (minus
 * hop-by-hop, framing and pseudo-headers) and the puid. undici validates names and values (a CR,
 * LF or NUL is refused before anything is sent).
 */
function forwardedHeaders(call: NodeCall): string[] {
  const out: string[] = [];
  const headers = call.headers;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || NOT_FORWARDED.has(name) || name.charCodeAt(0) === 58 /* ':' */) continue;
    if (typeof value === 'string') out.push(name, value);
    else for (const v of value) out.push(name, v);
  }
  out.push('seldon-puid', call.puid);
  return out;
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

function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const UNSAFE_VALUE = /[\0\r\n]/;

/** Content types and encodings come from payloads the engine built or validated; CR/LF is stripped defensively. */
function safeValue(value: string): string {
  return UNSAFE_VALUE.test(value) ? value.replace(/[\0\r\n]/g, ' ') : value;
}
