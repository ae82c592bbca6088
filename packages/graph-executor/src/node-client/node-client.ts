import type { GraphNodeSpec, GraphProtocol, NodeMethod } from '../graph.js';
import type { GraphPayload, PayloadFormat } from '../payload.js';
import { GraphError } from '../errors.js';
import type { Cancellation } from '../cancellation.js';

/** Header map as forwarded to nodes: lower-case names. */
export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * One call to one node. Built by the executor, consumed by a {@link NodeClient}. The payload is
 * already in the client's {@link NodeClient.payloadFormat} (the executor converts when needed).
 */
export interface NodeCall {
  /** The node spec (name, endpoint, parameters). */
  readonly node: GraphNodeSpec;
  readonly method: NodeMethod;
  /** Name used in protocol paths: the node name, or the request's model-name override. */
  readonly modelName: string;
  readonly protocol: GraphProtocol;
  /** The payload for every method except `aggregate`, `status` and `metadata`. */
  readonly payload?: GraphPayload;
  /** Children outputs for `aggregate`, in child order. */
  readonly payloads?: readonly GraphPayload[];
  /** The request's puid; clients send it as `Seldon-Puid` / `seldon-puid`. */
  readonly puid: string;
  /** Headers/metadata to forward (incoming request headers minus hop-by-hop ones, plus tracing). */
  readonly headers: HeaderMap;
  /**
   * Aborted when the call's deadline passes or the caller cancels; its `reason` is a GraphError.
   * Created on first access: clients that can should listen through `cancellation` instead.
   */
  readonly signal: AbortSignal | undefined;
  /** The same cancellation without an AbortSignal (`onAbort` callbacks); undefined = never cancelled. */
  readonly cancellation?: Cancellation;
  /** Absolute deadline of this call (epoch ms), for the `grpc-timeout` header; undefined = none. */
  readonly deadline: number | undefined;
}

/**
 * The narrow interface between the graph core and a transport: send a payload to a node's method,
 * get a payload back. Implementations throw {@link GraphError} (node non-success answers as
 * `SC_ERR_GRAPH_NODE_ERROR_RESPONSE` carrying the node's status and body).
 */
export interface NodeClient {
  /** Name used in events and metrics, e.g. `rest`, `grpc`, `in-process`. */
  readonly transport: string;
  /** The payload format this client sends and returns. */
  readonly payloadFormat: Exclude<PayloadFormat, 'other'>;
  /**
   * The client's own deadline of a call in milliseconds (0 or absent = none): the executor uses it
   * for a node whose binding and options set no `timeoutMs`, so the call's `deadline` and
   * cancellation cover it.
   */
  readonly timeoutMs?: number;
  call(call: NodeCall): Promise<GraphPayload>;
  /** Readiness of one node; when absent the node counts as ready. */
  ready?(node: GraphNodeSpec, options: ReadyCheckOptions): Promise<boolean>;
  /** Releases connections. */
  close?(): Promise<void>;
}

/** Options of {@link NodeClient.ready}. */
export interface ReadyCheckOptions {
  /** `true`: ask the node's health endpoint; `false`: a TCP connect is enough (the reference default). */
  readonly full: boolean;
  readonly protocol: GraphProtocol;
  /** Give up after this many milliseconds. */
  readonly timeoutMs: number;
}

/**
 * The body a JSON transport sends to a combiner's `aggregate`: the children's outputs as the bare
 * JSON list `[child0,child1,...]` the reference sends. An output that is not JSON fails with
 * `SC_ERR_GRAPH_NOT_JSON` ("Data is not JSON", as the reference). For node clients.
 */
export function combinerJsonBody(call: NodeCall): string {
  const parts: string[] = [];
  for (const p of call.payloads ?? []) {
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
