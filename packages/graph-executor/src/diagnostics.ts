import type { GraphExecutor } from './graph-executor.js';
import type { GraphError } from './errors.js';
import type { GraphNodeSpec, NodeMethod } from './graph.js';
import type { GraphPayload } from './payload.js';

/**
 * `node:diagnostics_channel` names, for read-only observers anywhere in the process. Subscribe with
 * `diagnostics_channel.subscribe(name, fn)`; messages are published synchronously, and the same
 * message object is published on `start` and then on `end` or `error`, so subscribers can
 * correlate (e.g. keep a value in a WeakMap keyed by it). Subscribers must not modify messages:
 * nothing they change is read back (in particular, headers added to a `nodeStart` message are not
 * sent). An embedder that needs to act on its own executor's calls (trace propagation, metrics,
 * payload logging) gives the executor a {@link GraphObserver} instead. Nothing is built when a
 * channel has no subscribers and the executor has no observer.
 */
export const diagnosticsChannels = {
  /** {@link GraphStartMessage}: a graph operation begins. */
  graphStart: 'seldon-ts:graph-executor:graph:start',
  /** {@link GraphEndMessage}: a graph operation succeeded. */
  graphEnd: 'seldon-ts:graph-executor:graph:end',
  /** {@link GraphErrorMessage}: a graph operation failed. */
  graphError: 'seldon-ts:graph-executor:graph:error',
  /** {@link NodeStartMessage}: a node call is about to be sent. */
  nodeStart: 'seldon-ts:graph-executor:node:start',
  /** {@link NodeEndMessage}: a node call succeeded. */
  nodeEnd: 'seldon-ts:graph-executor:node:end',
  /** {@link NodeErrorMessage}: a node call failed. */
  nodeError: 'seldon-ts:graph-executor:node:error',
  /**
   * {@link PayloadLogMessage}: published at exactly the points where the reference executor logs
   * payloads (02 §7, 03 §1.2), for nodes whose `logger.mode` asks for that kind of event.
   */
  payload: 'seldon-ts:graph-executor:payload',
} as const;

/** A graph-level operation. */
export type GraphOperation = 'predict' | 'feedback' | 'status' | 'metadata' | 'node-status' | 'node-metadata';

/** Published on {@link diagnosticsChannels.graphStart}. */
export interface GraphStartMessage {
  /** The executor that published it: tells apart several executors in one process. */
  readonly executor: GraphExecutor;
  readonly operation: GraphOperation;
  readonly predictorName: string;
  readonly puid: string;
  /** Incoming headers of the request. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Request payload (predict/feedback). */
  readonly payload: GraphPayload | undefined;
  /** `performance.now()` at start. */
  readonly startTime: number;
}

/** Published on {@link diagnosticsChannels.graphEnd} (same object as the start message). */
export interface GraphEndMessage extends GraphStartMessage {
  readonly response: GraphPayload | undefined;
  /** Duration in milliseconds. */
  readonly durationMs: number;
  /** The request's routing map (node name → route). */
  readonly routing: Readonly<Record<string, number>>;
}

/** Published on {@link diagnosticsChannels.graphError} (same object as the start message). */
export interface GraphErrorMessage extends GraphStartMessage {
  readonly error: GraphError;
  /** Duration in milliseconds. */
  readonly durationMs: number;
}

/**
 * A node call as {@link GraphObserver} and the node channels see it. The same object is given to
 * `nodeStart` and then to `nodeEnd` or `nodeError`.
 */
export interface NodeCallEvent {
  /** The executor making the call: tells apart several executors in one process. */
  readonly executor: GraphExecutor;
  readonly puid: string;
  readonly nodeName: string;
  readonly node: GraphNodeSpec;
  readonly method: NodeMethod;
  /** `rest`, `grpc`, `in-process` or a custom client's transport name. */
  readonly transport: string;
  /**
   * The node-side service: the REST path (`/predict`), the gRPC method
   * (`/seldon.protos.Model/Predict`) or the in-process method name. The reference's client metric
   * `service` label.
   */
  readonly service: string;
  /** Name used in protocol paths (node name or the request's model override). */
  readonly modelName: string;
  /** Payload sent (undefined for aggregate, status and metadata). */
  readonly payload: GraphPayload | undefined;
  /** Children outputs sent to an aggregate call. */
  readonly payloads: readonly GraphPayload[] | undefined;
  /** `performance.now()` at start. */
  readonly startTime: number;
}

/** A node call that succeeded. */
export interface NodeCallEndEvent extends NodeCallEvent {
  readonly response: GraphPayload;
  /** Duration in milliseconds. */
  readonly durationMs: number;
}

/** A node call that failed. */
export interface NodeCallErrorEvent extends NodeCallEvent {
  readonly error: GraphError;
  /** Duration in milliseconds. */
  readonly durationMs: number;
}

/** Published on {@link diagnosticsChannels.nodeStart}. */
export interface NodeStartMessage extends NodeCallEvent {
  /**
   * The extra headers/metadata this call carries beyond the request's (those the executor's
   * {@link GraphObserver} returned from `nodeStart`), lower-case names. Read-only: changing it does
   * not change what is sent.
   */
  readonly headers: Readonly<Record<string, string>>;
}

/** Published on {@link diagnosticsChannels.nodeEnd} (same object as the start message). */
export interface NodeEndMessage extends NodeStartMessage, NodeCallEndEvent {}

/** Published on {@link diagnosticsChannels.nodeError} (same object as the start message). */
export interface NodeErrorMessage extends NodeStartMessage, NodeCallErrorEvent {}

/** Published on {@link diagnosticsChannels.payload}. */
export interface PayloadLogMessage {
  /** The executor that published it: tells apart several executors in one process. */
  readonly executor: GraphExecutor;
  readonly puid: string;
  readonly nodeName: string;
  /** The node spec; `node.logger` holds the logger url and mode. */
  readonly node: GraphNodeSpec;
  /** CloudEvent kind: `request` → `io.seldon.serving.inference.request`, etc. */
  readonly kind: 'request' | 'response' | 'feedback';
  readonly payload: GraphPayload;
  /** Incoming request headers (for `Seldon-Skip-Logging`). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** What {@link GraphObserver.nodeStart} may return. */
export interface NodeStartResult<S = unknown> {
  /**
   * Extra headers/metadata for this node call only (e.g. trace propagation), lower-case names;
   * they are added to (and win over) the request's forwarded headers.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** A value handed back to `nodeEnd` / `nodeError` of the same call (e.g. the call's span). */
  readonly state?: S;
}

/**
 * Observes one executor's work, called directly (synchronously) by the executor at the points
 * where it publishes the diagnostics channels: the way an embedder traces node calls, counts them
 * and feeds a payload logger. Given as `GraphExecutorInit.observer`; it sees that executor's
 * calls only. Request-scoped data (a server span, a trace context) travels in
 * `RequestContext.observerData` and comes back as `request` in every call of that operation.
 *
 * `R` is the type of `observerData`, `S` the per-call state `nodeStart` returns. Every method is
 * optional. Methods must not throw: an exception thrown by `nodeStart` fails the node call, one
 * thrown by the others fails the graph operation.
 */
export interface GraphObserver<R = unknown, S = unknown> {
  /**
   * A node call is about to be sent. May return extra headers for this call and a state value
   * for its `nodeEnd` / `nodeError`; the event object is not to be modified.
   */
  nodeStart?(call: NodeCallEvent, request: R | undefined): NodeStartResult<S> | void;
  /** The node call succeeded (`call` is the object given to `nodeStart`). */
  nodeEnd?(call: NodeCallEndEvent, request: R | undefined, state: S | undefined): void;
  /**
   * The node call failed (`call` is the object given to `nodeStart`). Every `nodeStart` is
   * followed by exactly one `nodeEnd` or `nodeError`.
   */
  nodeError?(call: NodeCallErrorEvent, request: R | undefined, state: S | undefined): void;
  /**
   * A payload-log point of the reference executor (02 §7, 03 §1.2), for nodes whose
   * `logger.mode` asks for that kind of event: the same event {@link diagnosticsChannels.payload}
   * publishes.
   */
  payload?(event: PayloadLogMessage, request: R | undefined): void;
}
