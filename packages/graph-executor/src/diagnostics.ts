import type { GraphExecutor } from './graph-executor.js';
import type { GraphError } from './errors.js';
import type { GraphNodeSpec, NodeMethod } from './graph.js';
import type { GraphPayload } from './payload.js';

/**
 * `node:diagnostics_channel` names. Subscribe with `diagnostics_channel.subscribe(name, fn)`;
 * messages are published synchronously, and the same message object is published on `start` and
 * then on `end` or `error`, so subscribers can correlate (e.g. keep a span in a WeakMap keyed by it).
 * Nothing is built when a channel has no subscribers.
 */
export const diagnosticsChannels = {
  /** {@link GraphStartMessage}: a graph operation begins. */
  graphStart: 'seldon-ts:graph-executor:graph:start',
  /** {@link GraphEndMessage}: a graph operation succeeded. */
  graphEnd: 'seldon-ts:graph-executor:graph:end',
  /** {@link GraphErrorMessage}: a graph operation failed. */
  graphError: 'seldon-ts:graph-executor:graph:error',
  /** {@link NodeStartMessage}: a node call is about to be sent; subscribers may add `headers`. */
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

/** Published on {@link diagnosticsChannels.nodeStart}. */
export interface NodeStartMessage {
  /** The executor that published it: tells apart several executors in one process. */
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
  /**
   * Extra headers/metadata for this call only; subscribers may add entries synchronously (trace
   * propagation). Lower-case names.
   */
  readonly headers: Record<string, string>;
  /** `performance.now()` at start. */
  readonly startTime: number;
}

/** Published on {@link diagnosticsChannels.nodeEnd} (same object as the start message). */
export interface NodeEndMessage extends NodeStartMessage {
  readonly response: GraphPayload;
  readonly durationMs: number;
}

/** Published on {@link diagnosticsChannels.nodeError} (same object as the start message). */
export interface NodeErrorMessage extends NodeStartMessage {
  readonly error: GraphError;
  readonly durationMs: number;
}

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
