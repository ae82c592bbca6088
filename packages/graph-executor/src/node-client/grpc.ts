import {
  Client,
  Metadata,
  connectivityState,
  credentials,
  type ChannelOptions,
  type ServiceError,
} from '@grpc/grpc-js';
import type { NodeCall, NodeClient, ReadyCheckOptions } from './node-client.js';
import type { GraphPayload } from '../payload.js';
import { GraphError } from '../errors.js';
import type { GraphNodeSpec } from '../graph.js';
import { grpcMethodFor, NOT_FORWARDED, protobufMessageType, TF_RPC_BY_REQUEST } from '../internal/paths.js';
import {
  abortError,
  cancelSource,
  checkClientOptions,
  sleep,
  withDefaults,
  type CancelSource,
} from '../internal/net.js';
import { tcpReady } from '../internal/tcp-ready.js';
import { answerPayload, requestMessage } from './grpc-messages.js';
import { grpcFailure } from './grpc-errors.js';

/** Options of {@link GrpcNodeClient}. */
export interface GrpcNodeClientOptions {
  /** Default per-call deadline in milliseconds (the `seldon.io/grpc-timeout` annotation); 0 = none. Default 0. */
  readonly timeoutMs?: number;
  /** Largest node response message accepted, in bytes (after decompression). Default 67108864 (64 MiB). */
  readonly maxMessageBytes?: number;
  /** Retries of a call that found no connection to its node (nothing was sent). Default 2. */
  readonly connectRetries?: number;
  /**
   * Delay before the first retry in milliseconds, doubled each retry; also the channel's first
   * reconnect backoff (`grpc.initial_reconnect_backoff_ms`). Default 25.
   */
  readonly connectRetryDelayMs?: number;
  /** Channels (HTTP/2 connections) per node `host:port`; calls are spread round-robin. Default 1 (HTTP/2 multiplexes). */
  readonly connectionsPerTarget?: number;
  /** A call waiting this long for a connection, in milliseconds, is withdrawn unsent (and may be retried); 0 = no limit. Default 10000. */
  readonly connectTimeoutMs?: number;
  /**
   * HTTP/2 keepalive ping interval while calls are in flight, in milliseconds (`grpc.keepalive_time_ms`);
   * a connection whose ping is not answered within `keepaliveTimeoutMs` is dropped and its calls fail
   * as unreachable. 0 = no pings (gRPC's default: servers built on gRPC C-core, such as Python
   * model servers, close connections that ping more often than every 5 minutes). Default 0.
   */
  readonly keepaliveTimeMs?: number;
  /** How long a keepalive ping may go unanswered, in milliseconds (`grpc.keepalive_timeout_ms`). Default 20000. */
  readonly keepaliveTimeoutMs?: number;
  /**
   * Further @grpc/grpc-js channel options, applied last (for example
   * `grpc.max_reconnect_backoff_ms`, default here 10000, `grpc.enable_channelz`, default here 0, or
   * `grpc.keepalive_permit_without_calls`). Default none.
   */
  readonly channelOptions?: ChannelOptions;
}

type NumericOptions = Required<Omit<GrpcNodeClientOptions, 'channelOptions'>>;

const DEFAULTS: NumericOptions = {
  timeoutMs: 0,
  maxMessageBytes: 64 * 1024 * 1024,
  connectRetries: 2,
  connectRetryDelayMs: 25,
  connectionsPerTarget: 1,
  connectTimeoutMs: 10_000,
  keepaliveTimeMs: 0,
  keepaliveTimeoutMs: 20_000,
};

/** Longest wait between two reconnection attempts of a channel whose node is down. */
const MAX_RECONNECT_BACKOFF_MS = 10_000;

/** Metadata keys a gRPC client must not forward (reserved by gRPC / HTTP/2). */
const RESERVED = new Set([
  'grpc-timeout',
  'grpc-encoding',
  'grpc-accept-encoding',
  'grpc-status',
  'grpc-message',
  'user-agent',
]);

/** The channels of one node `host:port`. */
interface Target {
  readonly authority: string;
  readonly clients: Client[];
  next: number;
}

/** One node call on its way. */
interface GrpcRequest {
  readonly call: NodeCall;
  readonly nodeName: string;
  readonly path: string;
  readonly target: Target;
  readonly message: Buffer;
  readonly cancel: CancelSource | undefined;
}

/** A failed unary call, with what the failure needs to be understood. */
class UnaryFailure {
  constructor(
    readonly error: ServiceError,
    readonly answered: boolean,
    readonly connectTimedOut: number | undefined,
  ) {}
}

const identity = (message: Buffer): Buffer => message;

/**
 * Calls nodes with @grpc/grpc-js: one channel ({@link Client}) per node `host:port`, unary calls with
 * identity serialisers (payloads are already protobuf bytes, sent and returned untouched), metadata
 * forwarded, deadlines sent as `grpc-timeout`, non-OK statuses passed through with their code.
 */
export class GrpcNodeClient implements NodeClient {
  readonly transport = 'grpc';
  readonly payloadFormat = 'protobuf' as const;
  readonly #options: NumericOptions;
  readonly #channelOptions: ChannelOptions;
  readonly #targets = new Map<string, Target>();
  readonly #byEndpoint = new WeakMap<object, Target>();
  #closed = false;

  constructor(options: GrpcNodeClientOptions = {}) {
    const { channelOptions, ...numeric } = options;
    this.#options = withDefaults<Omit<GrpcNodeClientOptions, 'channelOptions'>>(DEFAULTS, numeric);
    checkClientOptions('GrpcNodeClient', this.#options, ['connectionsPerTarget']);
    const o = this.#options;
    this.#channelOptions = {
      'grpc.max_receive_message_length': o.maxMessageBytes,
      'grpc.max_send_message_length': -1,
      'grpc.initial_reconnect_backoff_ms': Math.max(1, o.connectRetryDelayMs),
      'grpc.max_reconnect_backoff_ms': MAX_RECONNECT_BACKOFF_MS,
      ...(o.keepaliveTimeMs > 0 ? { 'grpc.keepalive_time_ms': o.keepaliveTimeMs } : {}),
      'grpc.keepalive_timeout_ms': o.keepaliveTimeoutMs,
      // Channelz bookkeeping costs CPU on every call and nothing here serves it.
      'grpc.enable_channelz': 0,
      // Several channels to one target need their own connections.
      ...(o.connectionsPerTarget > 1 ? { 'grpc.use_local_subchannel_pool': 1 } : {}),
      ...channelOptions,
    };
  }

  /** Default per-call deadline in milliseconds (0 = none). */
  get timeoutMs(): number {
    return this.#options.timeoutMs;
  }

  call(call: NodeCall): Promise<GraphPayload> {
    let request: GrpcRequest;
    try {
      if (this.#closed)
        throw new GraphError('SC_ERR_GRAPH_CLOSED', 'gRPC node client is closed', {
          nodeName: call.node.name,
        });
      request = this.#request(call);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    return this.#send(request, 0);
  }

  #send(request: GrpcRequest, attempt: number, retriedClosed = false): Promise<GraphPayload> {
    let metadata: Metadata;
    try {
      metadata = callMetadata(request.call);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const target = request.target;
    const client = target.clients[target.next]!;
    target.next = (target.next + 1) % target.clients.length;
    return unary(client, request, metadata, this.#options.connectTimeoutMs).then(
      (message) => answerPayload(message, request.path),
      (failure: unknown) => this.#failed(failure, request, attempt, retriedClosed),
    );
  }

  async #failed(
    failure: unknown,
    request: GrpcRequest,
    attempt: number,
    retriedClosed: boolean,
  ): Promise<GraphPayload> {
    const { cancel, nodeName } = request;
    if (cancel?.aborted) throw abortError(cancel, nodeName);
    if (!(failure instanceof UnaryFailure)) throw failure;
    const { error, retry } = grpcFailure(failure.error, {
      nodeName,
      target: `${request.target.authority}${request.path}`,
      maxMessageBytes: this.#options.maxMessageBytes,
      deadline: request.call.deadline,
      answered: failure.answered,
      connectTimedOut: failure.connectTimedOut,
    });
    if (this.#closed) throw error;
    if (retry === 'connect' && attempt < this.#options.connectRetries) {
      await sleep(this.#options.connectRetryDelayMs * 2 ** attempt, cancel);
      if (cancel?.aborted) throw abortError(cancel, nodeName);
      return this.#send(request, attempt + 1, retriedClosed);
    }
    if (retry === 'closed' && !retriedClosed) return this.#send(request, attempt, true);
    throw error;
  }

  #request(call: NodeCall): GrpcRequest {
    const nodeName = call.node.name;
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
    const message = requestMessage(call);
    return {
      call,
      nodeName,
      path,
      target: this.#target(call.node),
      message: Buffer.isBuffer(message)
        ? message
        : Buffer.from(message.buffer, message.byteOffset, message.byteLength),
      cancel: cancelSource(call),
    };
  }

  /** The node's channels, remembered per endpoint object. */
  #target(node: GraphNodeSpec): Target {
    const endpoint = node.endpoint;
    let target = endpoint == null ? undefined : this.#byEndpoint.get(endpoint);
    if (target === undefined) {
      const authority = grpcAuthority(node);
      target = this.#targets.get(authority);
      if (target === undefined) {
        const clients = Array.from(
          { length: this.#options.connectionsPerTarget },
          () => new Client(authority, credentials.createInsecure(), this.#channelOptions),
        );
        target = { authority, clients, next: 0 };
        this.#targets.set(authority, target);
      }
      if (endpoint != null) this.#byEndpoint.set(endpoint, target);
    }
    return target;
  }

  /** TCP connect to the node's `service_port` (or gRPC port); full checks are not available over gRPC (the reference's "Not implemented"), so TCP is used. */
  async ready(node: GraphNodeSpec, options: ReadyCheckOptions): Promise<boolean> {
    const endpoint = node.endpoint;
    const port = endpoint?.service_port || endpoint?.grpcPort;
    if (!port) return false;
    return tcpReady(endpoint?.service_host || 'localhost', port, options.timeoutMs);
  }

  /** Stops taking calls (they fail with `SC_ERR_GRAPH_CLOSED`) and closes the channels; calls in flight finish. */
  async close(): Promise<void> {
    this.#closed = true;
    const targets = [...this.#targets.values()];
    this.#targets.clear();
    for (const target of targets) for (const client of target.clients) client.close();
  }
}

/** One unary call; resolves with the answer's bytes, rejects with a {@link UnaryFailure}. */
function unary(
  client: Client,
  request: GrpcRequest,
  metadata: Metadata,
  connectTimeoutMs: number,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const deadline = request.call.deadline;
    let answered = false;
    let connectTimedOut: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let unlisten: (() => void) | undefined;
    const pending = client.makeUnaryRequest(
      request.path,
      identity,
      identity,
      request.message,
      metadata,
      deadline === undefined ? {} : { deadline },
      (err, answer) => {
        if (timer !== undefined) clearTimeout(timer);
        unlisten?.();
        if (err) reject(new UnaryFailure(err, answered, connectTimedOut));
        else resolve(answer!);
      },
    );
    pending.on('metadata', () => {
      answered = true;
    });
    // grpc-js waits for a connection as long as the call's deadline allows: without a connection
    // after connectTimeoutMs, the call (still unsent) is withdrawn.
    const channel = client.getChannel();
    if (connectTimeoutMs > 0 && channel.getConnectivityState(false) !== connectivityState.READY) {
      timer = setTimeout(() => {
        if (channel.getConnectivityState(false) === connectivityState.READY) return;
        connectTimedOut = connectTimeoutMs;
        pending.cancel();
      }, connectTimeoutMs);
    }
    const cancel = request.cancel;
    if (cancel !== undefined) unlisten = cancel.onAbort(() => pending.cancel());
  });
}

/**
 * The call's metadata: the forwarded headers (minus hop-by-hop, gRPC-reserved and pseudo-headers;
 * `-bin` values are base64 text, as on the wire) and the puid. A name or value gRPC does not allow
 * fails the call before anything is sent.
 */
function callMetadata(call: NodeCall): Metadata {
  const metadata = new Metadata();
  const headers = call.headers;
  let name = 'seldon-puid';
  try {
    for (name in headers) {
      const value = headers[name];
      if (value === undefined || NOT_FORWARDED.has(name) || RESERVED.has(name) || name.charCodeAt(0) === 58)
        continue;
      const binary = name.endsWith('-bin');
      if (typeof value === 'string') metadata.add(name, binary ? Buffer.from(value, 'base64') : value);
      else for (const v of value) metadata.add(name, binary ? Buffer.from(v, 'base64') : v);
    }
    name = 'seldon-puid';
    metadata.set(name, call.puid);
  } catch (err) {
    throw new GraphError(
      'SC_ERR_GRAPH_BAD_PAYLOAD',
      `cannot call node ${call.node.name}: metadata ${JSON.stringify(name)}: ${(err as Error).message}`,
      { nodeName: call.node.name, cause: err },
    );
  }
  return metadata;
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
