import http2 from 'node:http2';
import type { NodeCall, NodeClient, ReadyCheckOptions } from './node-client.js';
import { GraphPayload, PROTOBUF_CONTENT_TYPE } from '../payload.js';
import { GraphError, GrpcStatus } from '../errors.js';
import type { GraphNodeSpec, GraphProtocol } from '../graph.js';
import { grpcMethodFor, NOT_FORWARDED, protobufMessageType, TF_RPC_BY_REQUEST } from '../internal/paths.js';
import { grpcToHttp } from '../internal/status-map.js';
import { abortError, cancelSource, isConnectFailure, sleep, withDefaults } from '../internal/net.js';
import { modelSpec, nameRequest, seldonMessageList, tfMetadataRequest } from '../internal/protowire.js';
import { tcpReady } from './rest.js';

/** Options of {@link GrpcNodeClient}. */
export interface GrpcNodeClientOptions {
  /** Default per-call deadline in milliseconds (the `seldon.io/grpc-timeout` annotation); 0 = none. Default 0. */
  readonly timeoutMs?: number;
  /** Largest node response message accepted, in bytes. Default 67108864 (64 MiB). */
  readonly maxMessageBytes?: number;
  /** Retries of a call whose connection failed before the request was sent. Default 2. */
  readonly connectRetries?: number;
  /** Delay before the first retry in milliseconds, doubled each retry. Default 25. */
  readonly connectRetryDelayMs?: number;
  /** HTTP/2 connections per node `host:port`; calls are spread round-robin. Default 1 (HTTP/2 multiplexes). */
  readonly connectionsPerTarget?: number;
  /** HTTP/2 connect timeout in milliseconds. Default 10000. */
  readonly connectTimeoutMs?: number;
}

const DEFAULTS = {
  timeoutMs: 0,
  maxMessageBytes: 64 * 1024 * 1024,
  connectRetries: 2,
  connectRetryDelayMs: 25,
  connectionsPerTarget: 1,
  connectTimeoutMs: 10_000,
} as const;

/** Metadata keys a gRPC client must not forward (reserved by gRPC / HTTP/2). */
const RESERVED = new Set([
  'grpc-timeout',
  'grpc-encoding',
  'grpc-accept-encoding',
  'grpc-status',
  'grpc-message',
  'user-agent',
]);

/** In-flight streams per session, to ref the session only while it has work. */
const active = new WeakMap<http2.ClientHttp2Session, number>();

interface Target {
  sessions: (http2.ClientHttp2Session | undefined)[];
  next: number;
}

/**
 * A thin unary gRPC client on `node:http2` for the Seldon protocol: the payload is already protobuf
 * bytes, so a call is one frame out and one frame in, with no (de)serialisation. Chosen over
 * @grpc/grpc-js by measurement (see the package README).
 */
export class GrpcNodeClient implements NodeClient {
  readonly transport = 'grpc';
  readonly payloadFormat = 'protobuf' as const;
  readonly #options: Required<GrpcNodeClientOptions>;
  readonly #targets = new Map<string, Target>();
  #closed = false;

  constructor(options: GrpcNodeClientOptions = {}) {
    this.#options = withDefaults<GrpcNodeClientOptions>(DEFAULTS, options);
  }

  /** Default per-call deadline in milliseconds (0 = none). */
  get timeoutMs(): number {
    return this.#options.timeoutMs;
  }

  async call(call: NodeCall): Promise<GraphPayload> {
    const nodeName = call.node.name;
    if (this.#closed) throw new GraphError('SC_ERR_GRAPH_CLOSED', 'gRPC node client is closed', { nodeName });
    const path = grpcMethodFor(call.protocol, call.method, call.payload?.contentType);
    if (path === undefined) {
      const messageType = protobufMessageType(call.payload?.contentType);
      throw new GraphError(
        'SC_ERR_GRAPH_UNSUPPORTED',
        call.protocol === 'tensorflow' && messageType !== undefined && call.payload !== undefined
          ? `no tensorflow.serving.PredictionService RPC takes a ${messageType} (node ${nodeName}); supported: ${Object.keys(TF_RPC_BY_REQUEST).join(', ')}`
          : `${call.method} is not implemented over gRPC for the ${call.protocol} protocol (node ${nodeName})`,
        { nodeName },
      );
    }
    const authority = grpcAuthority(call.node);
    let message: Uint8Array;
    if (call.method === 'aggregate') message = seldonMessageList(call.payloads!.map((p) => p.bytes()));
    else if (call.method === 'metadata') message = metadataRequest(call.protocol, call.modelName);
    else if (call.method === 'status')
      message = call.protocol === 'tensorflow' ? modelSpec(call.modelName) : nameRequest(call.modelName);
    else message = call.payload!.bytes();

    const headers: http2.OutgoingHttpHeaders = {};
    for (const name in call.headers) {
      const value = call.headers[name];
      if (value === undefined || NOT_FORWARDED.has(name) || RESERVED.has(name) || name.charCodeAt(0) === 58)
        continue;
      headers[name] = value as string | string[];
    }
    headers[':method'] = 'POST';
    headers[':path'] = path;
    headers['content-type'] = 'application/grpc';
    headers.te = 'trailers';
    headers['seldon-puid'] = call.puid;
    if (call.deadline !== undefined)
      headers['grpc-timeout'] = `${Math.max(1, Math.ceil(call.deadline - Date.now()))}m`;

    const frame = Buffer.allocUnsafe(5 + message.length);
    frame[0] = 0;
    frame.writeUInt32BE(message.length, 1);
    frame.set(message, 5);

    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#unary(authority, headers, frame, call, path);
      } catch (err) {
        const cancellation = cancelSource(call);
        if (cancellation?.aborted) throw abortError(cancellation, nodeName);
        if (err instanceof GraphError) throw err;
        if (isConnectFailure(err) && attempt < this.#options.connectRetries && !this.#closed) {
          await sleep(this.#options.connectRetryDelayMs * 2 ** attempt, cancellation);
          if (cancellation?.aborted) throw abortError(cancellation, nodeName);
          continue;
        }
        throw new GraphError(
          'SC_ERR_GRAPH_NODE_UNREACHABLE',
          `calling node ${nodeName} at ${authority}${path} failed: ${describe(err)}`,
          { nodeName, cause: err },
        );
      }
    }
  }

  #unary(
    authority: string,
    headers: http2.OutgoingHttpHeaders,
    frame: Buffer,
    call: NodeCall,
    path: string,
  ): Promise<GraphPayload> {
    const nodeName = call.node.name;
    const max = this.#options.maxMessageBytes;
    return new Promise<GraphPayload>((resolve, reject) => {
      let session: http2.ClientHttp2Session;
      try {
        session = this.#session(authority);
      } catch (err) {
        reject(err);
        return;
      }
      let settled = false;
      let status: number | undefined;
      let grpcStatus: number | undefined;
      let grpcMessage = '';
      const chunks: Buffer[] = [];
      let size = 0;
      let responded = false;
      const cancellation = cancelSource(call);
      let unlisten: (() => void) | undefined;
      const onAbort = (): void => {
        finish(abortError(cancellation!, nodeName));
      };
      if ((active.get(session) ?? 0) === 0) session.ref();
      active.set(session, (active.get(session) ?? 0) + 1);
      function finish(err?: unknown, value?: GraphPayload): void {
        if (settled) return;
        settled = true;
        const left = (active.get(session) ?? 1) - 1;
        active.set(session, left);
        if (left === 0 && !session.destroyed) session.unref();
        // Never leave a stream open after answering the caller (aborted, failed or oversized).
        if (err !== undefined && stream !== undefined) cancel(stream);
        unlisten?.();
        if (err !== undefined) reject(err);
        else resolve(value!);
      }
      // A failing session destroys its streams, so stream events alone settle the call.
      let stream: http2.ClientHttp2Stream | undefined;
      try {
        stream = session.request(headers, { endStream: false });
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        // A session that went away between picking it and using it: nothing was sent, retry.
        if (code === 'ERR_HTTP2_INVALID_SESSION' || code === 'ERR_HTTP2_GOAWAY_SESSION') finish(err);
        // Invalid metadata (e.g. a header name that is not a token) is refused before sending.
        else
          finish(
            new GraphError(
              'SC_ERR_GRAPH_BAD_PAYLOAD',
              `cannot call node ${nodeName}: ${(err as Error).message}`,
              { nodeName, cause: err },
            ),
          );
        return;
      }
      // Listened through the Cancellation: no AbortSignal is created for the call.
      if (cancellation !== undefined) {
        if (cancellation.aborted) {
          onAbort();
          return;
        }
        unlisten = cancellation.onAbort(onAbort);
      }
      const readStatus = (h: http2.IncomingHttpHeaders): void => {
        const s = h['grpc-status'];
        if (s !== undefined) {
          grpcStatus = Number(s);
          grpcMessage = decodeGrpcMessage(String(h['grpc-message'] ?? ''));
        }
      };
      stream.on('response', (h) => {
        responded = true;
        status = Number(h[':status']);
        readStatus(h);
      });
      stream.on('trailers', readStatus);
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > max + 5) {
          finish(
            new GraphError(
              'SC_ERR_GRAPH_MESSAGE_TOO_LARGE',
              `response of node ${nodeName} (${path}) exceeds maxMessageBytes (${max} bytes)`,
              { nodeName },
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (err) => finish(unprocessed(session, stream) ? goneBeforeProcessing(err) : err));
      stream.on('close', () => {
        if (settled) return;
        if (grpcStatus === undefined) {
          if (!responded) {
            const err = Object.assign(
              new Error(`stream closed before a response (http2 code ${stream.rstCode})`),
              { code: 'ESTREAMCLOSED' },
            );
            finish(unprocessed(session, stream) ? goneBeforeProcessing(err) : err);
            return;
          }
          finish(
            new GraphError(
              'SC_ERR_GRAPH_NODE_BAD_RESPONSE',
              `node ${nodeName} (${path}) answered HTTP ${status} without a grpc-status`,
              { nodeName },
            ),
          );
          return;
        }
        if (grpcStatus !== GrpcStatus.OK) {
          finish(
            new GraphError(
              'SC_ERR_GRAPH_NODE_ERROR_RESPONSE',
              `node ${nodeName} (${path}) failed: ${grpcMessage || `gRPC status ${grpcStatus}`}`,
              {
                nodeName,
                grpcCode: grpcStatus,
                httpStatus: grpcToHttp(grpcStatus),
              },
            ),
          );
          return;
        }
        const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
        if (data.length < 5 || data[0] !== 0 || data.readUInt32BE(1) !== data.length - 5) {
          finish(
            new GraphError(
              'SC_ERR_GRAPH_NODE_BAD_RESPONSE',
              data.length >= 1 && data[0] !== 0
                ? `node ${nodeName} (${path}) sent a compressed message, which is not supported`
                : `node ${nodeName} (${path}) sent a malformed gRPC message`,
              { nodeName },
            ),
          );
          return;
        }
        finish(undefined, answerPayload(data.subarray(5), path));
      });
      stream.end(frame);
    });
  }

  #session(authority: string): http2.ClientHttp2Session {
    let target = this.#targets.get(authority);
    if (target === undefined) {
      target = { sessions: new Array(this.#options.connectionsPerTarget).fill(undefined), next: 0 };
      this.#targets.set(authority, target);
    }
    const index = target.next;
    target.next = (index + 1) % target.sessions.length;
    const existing = target.sessions[index];
    if (existing !== undefined && !existing.closed && !existing.destroyed) return existing;
    const session = http2.connect(`http://${authority}`, { maxSessionMemory: 64 });
    // An idle session must not keep the process alive; in-flight streams do (see #unary).
    session.unref();
    session.on('error', () => undefined);
    const drop = (): void => {
      if (target!.sessions[index] === session) target!.sessions[index] = undefined;
    };
    session.on('close', drop);
    session.on('goaway', (_code: number, lastStreamId: number) => {
      goawayLastStream.set(session, lastStreamId);
      drop();
    });
    session.setTimeout(this.#options.connectTimeoutMs, () => {
      if (!session.connecting) return;
      session.destroy(Object.assign(new Error('connect timeout'), { code: 'UND_ERR_CONNECT_TIMEOUT' }));
    });
    target.sessions[index] = session;
    return session;
  }

  /** TCP connect to the node's `service_port` (or gRPC port); full checks are not available over gRPC (the reference's "Not implemented"), so TCP is used. */
  async ready(node: GraphNodeSpec, options: ReadyCheckOptions): Promise<boolean> {
    const endpoint = node.endpoint;
    const port = endpoint?.service_port || endpoint?.grpcPort;
    if (!port) return false;
    return tcpReady(endpoint?.service_host || 'localhost', port, options.timeoutMs);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const sessions = [...this.#targets.values()]
      .flatMap((t) => t.sessions)
      .filter((s): s is http2.ClientHttp2Session => s !== undefined);
    this.#targets.clear();
    await Promise.all(
      sessions.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.closed || s.destroyed) return resolve();
            s.close(() => resolve());
          }),
      ),
    );
  }
}

/**
 * The answer as a payload. Answers of the tensorflow RPCs other than Predict name their message in
 * the content type (as requests do, see TF_RPC_BY_REQUEST), so whoever reads them on knows they
 * are not a PredictResponse.
 */
function answerPayload(message: Uint8Array, path: string): GraphPayload {
  const rpc = TF_ANSWER_BY_PATH.get(path);
  return rpc === undefined
    ? GraphPayload.fromProtobuf(message)
    : GraphPayload.fromBytes(message, `${PROTOBUF_CONTENT_TYPE}; messageType=${rpc}`);
}

const TF_ANSWER_BY_PATH = new Map([
  ['/tensorflow.serving.PredictionService/Classify', 'tensorflow.serving.ClassificationResponse'],
  ['/tensorflow.serving.PredictionService/Regress', 'tensorflow.serving.RegressionResponse'],
  ['/tensorflow.serving.PredictionService/MultiInference', 'tensorflow.serving.MultiInferenceResponse'],
]);

function metadataRequest(protocol: GraphProtocol, modelName: string): Uint8Array {
  if (protocol === 'v2') return nameRequest(modelName);
  if (protocol === 'tensorflow') return tfMetadataRequest(modelName);
  return new Uint8Array(0);
}

/** Last stream id a peer's GOAWAY said it processed, per session. */
const goawayLastStream = new WeakMap<http2.ClientHttp2Session, number>();

/** True when the peer's GOAWAY says it never processed this stream (HTTP/2 §6.8: safe to retry). */
function unprocessed(session: http2.ClientHttp2Session, stream: http2.ClientHttp2Stream): boolean {
  const last = goawayLastStream.get(session);
  return last !== undefined && (stream.id === undefined || stream.id > last);
}

function goneBeforeProcessing(cause: unknown): Error {
  return Object.assign(new Error('the node closed the connection before processing the call'), {
    code: 'ERR_HTTP2_GOAWAY_SESSION',
    cause,
  });
}

/** Ends a stream now: RST_STREAM(CANCEL) once it has an id, destroy while still pending. */
function cancel(stream: http2.ClientHttp2Stream): void {
  if (stream.destroyed) return;
  if (stream.pending) stream.destroy();
  else if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
}

function grpcAuthority(node: GraphNodeSpec): string {
  const endpoint = node.endpoint;
  const host = endpoint?.service_host || 'localhost';
  const port = endpoint?.grpcPort || endpoint?.service_port;
  if (!port)
    throw new GraphError(
      'SC_ERR_GRAPH_INVALID_GRAPH',
      `node ${node.name} has no endpoint.grpcPort for a gRPC call`,
      { nodeName: node.name },
    );
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function decodeGrpcMessage(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return e?.code ? `${e.code} ${e.message ?? ''}`.trim() : String(e?.message ?? err);
}
