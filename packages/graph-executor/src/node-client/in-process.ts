import { httpToGrpcStatus } from '@seldon-ts/payload/json';
import type { Feedback, SeldonMessage } from '@seldon-ts/payload/json';
import type { NodeCall, NodeClient } from './node-client.js';
import { GraphPayload } from '../payload.js';
import { GraphError } from '../errors.js';
import type { GraphNodeSpec } from '../graph.js';

/**
 * The structural shape of a component that runs in this process (what
 * `createComponentRuntime()` of @seldon-ts/model-wrapper returns). Messages are decoded objects in the
 * proto3-JSON shape (SeldonMessage, Feedback). Every method is optional: a missing method answers
 * `SC_ERR_GRAPH_UNSUPPORTED`. A thrown error with a numeric `httpStatus`/`statusCode`/`status` is
 * passed through like a node's non-200 answer (its `body`, `toSeldonStatus()` or `toJSON()` becomes
 * the body). Components must not mutate the message they are given: with route -1 every child
 * receives the same object.
 */
export interface InProcessComponent {
  /** When present and false, the node is reported not ready (a ComponentRuntime before `load()`). */
  readonly ready?: boolean;
  // Parameters are the decoded payload types so that model-wrapper's `ComponentRuntime` (typed with
  // them) fits structurally; method syntax keeps components typed with `unknown` parameters valid.
  predict?(message: SeldonMessage): Promise<unknown> | unknown;
  transformInput?(message: SeldonMessage): Promise<unknown> | unknown;
  transformOutput?(message: SeldonMessage): Promise<unknown> | unknown;
  route?(message: SeldonMessage): Promise<unknown> | unknown;
  /** Receives the children's outputs as a bare list (a ComponentRuntime also accepts a SeldonMessageList). */
  aggregate?(messages: SeldonMessage[]): Promise<unknown> | unknown;
  sendFeedback?(feedback: Feedback): Promise<unknown> | unknown;
  health?(): Promise<unknown> | unknown;
  metadata?(): Promise<unknown> | unknown;
}

/** Options of {@link InProcessNodeClient}. */
export interface InProcessNodeClientOptions {
  /** Components by node name. */
  readonly components: Readonly<Record<string, InProcessComponent>>;
}

/**
 * Calls components in this process: no sockets, and no re-encoding when the payload is already a
 * decoded object (a chain of in-process nodes never serialises).
 */
export class InProcessNodeClient implements NodeClient {
  readonly transport = 'in-process';
  readonly payloadFormat = 'object' as const;
  readonly #components: Map<string, InProcessComponent>;

  constructor(options: InProcessNodeClientOptions) {
    this.#components = new Map(Object.entries(options.components));
  }

  /** Adds or replaces the component for a node. */
  setComponent(nodeName: string, component: InProcessComponent): void {
    this.#components.set(nodeName, component);
  }

  async call(call: NodeCall): Promise<GraphPayload> {
    const component = this.#components.get(call.node.name);
    if (component === undefined) {
      throw new GraphError('SC_ERR_GRAPH_UNSUPPORTED', `no in-process component for node ${call.node.name}`, {
        nodeName: call.node.name,
      });
    }
    const result = await invoke(component, call);
    return GraphPayload.fromObject(result);
  }

  async ready(node: GraphNodeSpec): Promise<boolean> {
    const component = this.#components.get(node.name);
    return component !== undefined && component.ready !== false;
  }
}

async function invoke(component: InProcessComponent, call: NodeCall): Promise<unknown> {
  const name = call.node.name;
  const unsupported = (method: string): never => {
    throw new GraphError(
      'SC_ERR_GRAPH_UNSUPPORTED',
      `in-process component of node ${name} has no ${method} method`,
      { nodeName: name },
    );
  };
  // The executor hands over decoded SeldonMessage / Feedback objects; it does not re-validate them.
  const input = (): SeldonMessage => call.payload!.object() as SeldonMessage;
  try {
    switch (call.method) {
      case 'predict':
        return component.predict ? await component.predict(input()) : unsupported('predict');
      case 'transform-input':
        return component.transformInput
          ? await component.transformInput(input())
          : unsupported('transformInput');
      case 'transform-output':
        return component.transformOutput
          ? await component.transformOutput(input())
          : unsupported('transformOutput');
      case 'route':
        return component.route ? await component.route(input()) : unsupported('route');
      case 'aggregate':
        return component.aggregate
          ? await component.aggregate(call.payloads!.map((p) => p.object() as SeldonMessage))
          : unsupported('aggregate');
      case 'send-feedback':
        return component.sendFeedback
          ? await component.sendFeedback(call.payload!.object() as Feedback)
          : unsupported('sendFeedback');
      case 'status':
        return component.health ? await component.health() : unsupported('health');
      case 'metadata':
        return component.metadata ? await component.metadata() : unsupported('metadata');
    }
  } catch (err) {
    throw toGraphError(err, name);
  }
}

function toGraphError(err: unknown, nodeName: string): GraphError {
  if (err instanceof GraphError) return err;
  const e = (err ?? {}) as {
    httpStatus?: unknown;
    statusCode?: unknown;
    status?: unknown;
    grpcStatus?: unknown;
    reason?: unknown;
    body?: unknown;
    toSeldonStatus?: () => unknown;
    toJSON?: () => unknown;
    message?: unknown;
  };
  const status =
    [e.httpStatus, e.statusCode, e.status].find(
      (s): s is number => typeof s === 'number' && s >= 400 && s < 600,
    ) ?? 500;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const reason =
    typeof e.reason === 'string'
      ? e.reason
      : status < 500
        ? 'MICROSERVICE_BAD_DATA'
        : 'MICROSERVICE_INTERNAL_ERROR';
  // Same body the component would have answered over REST (the wrapper's error shape).
  const body =
    e.body !== undefined
      ? e.body
      : typeof e.toSeldonStatus === 'function'
        ? e.toSeldonStatus()
        : typeof e.toJSON === 'function'
          ? e.toJSON()
          : { status: { status: 1, info: message, code: -1, reason } };
  return new GraphError('SC_ERR_GRAPH_NODE_ERROR_RESPONSE', `node ${nodeName} failed: ${message}`, {
    nodeName,
    httpStatus: status,
    grpcStatus: typeof e.grpcStatus === 'number' ? e.grpcStatus : httpToGrpcStatus(status),
    body: body instanceof Uint8Array ? GraphPayload.fromBytes(body) : GraphPayload.fromObject(body),
    cause: err,
  });
}
