import { channel } from 'node:diagnostics_channel';
import { randomUUID } from 'node:crypto';
import type { GraphMetadata, GraphNodeSpec, GraphProtocol, ModelMetadata, NodeMethod } from './graph.js';
import { GraphPayload } from './payload.js';
import { GraphError, isGraphError } from './errors.js';
import type { HeaderMap, NodeCall, NodeClient } from './node-client/node-client.js';
import { InProcessNodeClient } from './node-client/in-process.js';
import type { InProcessComponent } from './node-client/in-process.js';
import { diagnosticsChannels } from './diagnostics.js';
import type {
  GraphObserver,
  GraphOperation,
  GraphStartMessage,
  NodeStartMessage,
  PayloadLogMessage,
} from './diagnostics.js';
import { compileGraph } from './internal/compile.js';
import type { CompiledNode } from './internal/compile.js';
import { restPath, grpcMethodFor, inProcessMethod } from './internal/paths.js';
import {
  convertPayload,
  feedbackRouting,
  injectRouting,
  readRoute,
  averagePayloads,
  chainPayload,
  chainTfProtobuf,
  chainV2Protobuf,
  modelMetadataOf,
} from './internal/semantics.js';
import { edgeMetadata } from './internal/metadata.js';
import { linkAbort } from './internal/abort-link.js';
import { Cancellation } from './cancellation.js';

/** How a node is reached. `request` follows the transport of the incoming request (the reference's rule). */
export type NodeTransport = 'rest' | 'grpc' | 'in-process' | 'request';

/** Per-node configuration of how it is called. */
export interface NodeBinding {
  /** Transport for this node. Default `request` (REST for REST requests, gRPC for gRPC requests). */
  readonly transport?: NodeTransport;
  /** A custom client for this node; wins over `transport`. */
  readonly client?: NodeClient;
  /** The component for `transport: 'in-process'` (a model-wrapper `ComponentRuntime` fits). */
  readonly component?: InProcessComponent;
  /** Deadline of each call to this node in milliseconds; overrides `nodeTimeoutMs`. Unset or 0 = `nodeTimeoutMs`. */
  readonly timeoutMs?: number;
}

/** Options of {@link GraphExecutor}; every field has a documented default. */
export interface GraphExecutorOptions {
  /** API protocol, deciding node paths and chaining. Default `seldon`. */
  readonly protocol?: GraphProtocol;
  /** Transport of requests whose context names none. Default `rest`. */
  readonly defaultTransport?: 'rest' | 'grpc';
  /**
   * Write the request's routing map into the final response's `meta.routing`
   * (env `SELDON_ENABLE_ROUTING_INJECTION` in the reference). Default false.
   */
  readonly routingInjection?: boolean;
  /** Deadline of a whole graph operation in milliseconds; 0 = none (the reference has none). Default 0. */
  readonly timeoutMs?: number;
  /**
   * Deadline of each node call in milliseconds; 0 = use the client's own `timeoutMs`
   * (annotations `seldon.io/rest-timeout` / `seldon.io/grpc-timeout`), else none. Default 0.
   */
  readonly nodeTimeoutMs?: number;
  /**
   * Largest decoded size of a content-encoded (gzip, deflate, br) payload the executor reads itself
   * (v2/tensorflow chaining), in bytes; past it SC_ERR_GRAPH_DECODED_TOO_LARGE. Default 67108864 (64 MiB).
   */
  readonly maxDecodedBytes?: number;
  /** Readiness uses node health endpoints instead of a TCP connect. Default false. */
  readonly fullHealthChecks?: boolean;
  /** Give-up time of one node readiness check in milliseconds. Default 1000. */
  readonly readyTimeoutMs?: number;
  /** Random source in [0,1) for RANDOM_ABTEST. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * The node clients the app hands the executor, by transport. The core knows only the
 * {@link NodeClient} interface: the REST and gRPC clients live in the subpath exports
 * `@seldon-ts/graph-executor/rest` and `@seldon-ts/graph-executor/grpc` (or are the app's own).
 */
export interface NodeClients {
  /** Calls nodes whose transport is `rest` (bound, or a REST request's for `request`). */
  readonly rest?: NodeClient;
  /** Calls nodes whose transport is `grpc` (bound, or a gRPC request's for `request`). */
  readonly grpc?: NodeClient;
}

/** Options that configured the clients the executor used to create itself (before issue 15). */
const REMOVED_OPTIONS = ['maxMessageBytes', 'connectRetries', 'rest', 'grpc'] as const;

/** What {@link GraphExecutor} is built from. */
export interface GraphExecutorInit {
  /** The root of the predictor's graph (a `PredictiveUnit` tree). */
  readonly graph: GraphNodeSpec;
  /** Predictor name, used in graph metadata and events. Default `predictor`. */
  readonly predictorName?: string;
  /** Per-node bindings by node name. Nodes without one follow the request's transport. */
  readonly nodes?: Readonly<Record<string, NodeBinding>>;
  /**
   * The clients that reach REST and gRPC nodes; the executor makes none itself. A node whose
   * transport needs a client that is missing fails with SC_ERR_GRAPH_NO_NODE_CLIENT: at
   * construction when its binding names the transport, at call time when it follows the request's
   * transport. The app owns the clients: they may be shared by several executors (one pool for all
   * predictors, kept across graph reloads), and {@link GraphExecutor.close} does not close them.
   */
  readonly clients?: NodeClients;
  /**
   * Observes this executor's node calls and payload-log points, called directly by the executor
   * (trace propagation through the headers `nodeStart` returns, metrics, payload logging).
   */
  readonly observer?: GraphObserver;
  readonly options?: GraphExecutorOptions;
}

/** Per-request context. */
export interface RequestContext {
  /** The request's puid (`Seldon-Puid`); a UUIDv4 is generated when absent. */
  readonly puid?: string;
  /** Incoming headers / gRPC metadata (lower-case names), forwarded to nodes. */
  readonly headers?: HeaderMap;
  /** How the request came in; decides the transport of nodes bound to `request`. Default `defaultTransport`. */
  readonly transport?: 'rest' | 'grpc';
  /** Deadline of this operation in milliseconds from now; overrides `timeoutMs`. */
  readonly timeoutMs?: number;
  /** Absolute deadline (epoch ms); the earlier of this and `timeoutMs` wins. */
  readonly deadline?: number;
  /**
   * Aborts the operation and its in-flight node calls. The signal may be shared by many
   * operations (e.g. a server-wide shutdown signal): it carries at most one executor listener,
   * removed when the last operation linked to it ends.
   */
  readonly signal?: AbortSignal;
  /**
   * The operation's own controller, used by callers that cancel one request (its client went
   * away): aborting it cancels the in-flight node calls. Its signal is used for the node calls
   * directly (no second controller per request), and the executor aborts it itself when the
   * deadline passes, so it must not be shared between operations.
   */
  readonly abortController?: AbortController;
  /**
   * The operation's own {@link Cancellation}: like `abortController`, without an AbortSignal per
   * request (the cheapest way to make a request cancellable). Must not be shared between operations.
   */
  readonly cancellation?: Cancellation;
  /** Model-name override (tensorflow/v2 path model names): every node is called with this name. */
  readonly modelName?: string;
  /**
   * Request-scoped data for the executor's {@link GraphObserver} (e.g. the request's server span
   * or trace context), handed back as `request` in each of its calls for this operation.
   */
  readonly observerData?: unknown;
}

/** Result of predict/feedback and of node status/metadata proxying. */
export interface GraphResponse {
  readonly payload: GraphPayload;
  readonly puid: string;
  /** Node name → route taken in this request (see the reference's routing map). */
  readonly routing: Readonly<Record<string, number>>;
}

/** Readiness of the graph. */
export interface GraphStatus {
  readonly ready: boolean;
  readonly nodes: readonly { readonly name: string; readonly ready: boolean }[];
}

const graphStartChannel = channel(diagnosticsChannels.graphStart);
const graphEndChannel = channel(diagnosticsChannels.graphEnd);
const graphErrorChannel = channel(diagnosticsChannels.graphError);
const nodeStartChannel = channel(diagnosticsChannels.nodeStart);
const nodeEndChannel = channel(diagnosticsChannels.nodeEnd);
const nodeErrorChannel = channel(diagnosticsChannels.nodeError);
const payloadChannel = channel(diagnosticsChannels.payload);

const EMPTY_HEADERS: HeaderMap = Object.freeze({});
const NO_ROUTING: Readonly<Record<string, number>> = Object.freeze({});

/** Payloads that came back from a node (v2 chaining turns those, and only those, into requests). */
const nodeAnswers = new WeakSet<GraphPayload>();

/** State of one graph operation (the reference's "predictor process"). */
interface Run {
  readonly puid: string;
  readonly headers: HeaderMap;
  readonly transport: 'rest' | 'grpc';
  readonly modelName: string | undefined;
  readonly routing: Map<string, number>;
  readonly cancellation: Cancellation | undefined;
  readonly deadline: number | undefined;
  /** `RequestContext.observerData`. */
  readonly observerData: unknown;
}

/** Start/end/error event of one node call, filled in as the call progresses. */
type NodeEvent = {
  -readonly [K in keyof NodeStartMessage]: NodeStartMessage[K];
} & { response?: GraphPayload; error?: GraphError; durationMs?: number };

const NO_EXTRA_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** A node call; its AbortSignal is made only if the node client asks for it. */
class Call implements NodeCall {
  constructor(
    readonly node: GraphNodeSpec,
    readonly method: NodeMethod,
    readonly modelName: string,
    readonly protocol: GraphProtocol,
    readonly payload: GraphPayload | undefined,
    readonly payloads: readonly GraphPayload[] | undefined,
    readonly puid: string,
    readonly headers: HeaderMap,
    readonly cancellation: Cancellation | undefined,
    readonly deadline: number | undefined,
  ) {}

  get signal(): AbortSignal | undefined {
    return this.cancellation?.signal;
  }
}

/**
 * Runs requests through a predictor's inference graph the way Seldon Core v1's executor does:
 * transformers, routers, combiners and models reached over REST, gRPC or in-process, one transport
 * per node. Create one per predictor and reuse it; it is safe for concurrent requests.
 */
export class GraphExecutor {
  /** Predictor name. */
  readonly predictorName: string;
  readonly #root: CompiledNode;
  readonly #byName: Map<string, CompiledNode>;
  readonly #protocol: GraphProtocol;
  readonly #defaultTransport: 'rest' | 'grpc';
  readonly #routingInjection: boolean;
  readonly #timeoutMs: number;
  readonly #nodeTimeoutMs: number;
  readonly #options: GraphExecutorOptions;
  /** Largest decoded size of a content-encoded payload chained between v2/tensorflow nodes. */
  readonly #maxDecodedBytes: number;
  readonly #random: () => number;
  readonly #clients: NodeClients;
  readonly #observer: GraphObserver | undefined;
  #inProcess: InProcessNodeClient | undefined;
  #closed = false;

  constructor(init: GraphExecutorInit) {
    const options = init.options ?? {};
    this.#options = options;
    validateOptions(options);
    this.#maxDecodedBytes = options.maxDecodedBytes ?? 64 * 1024 * 1024;
    this.predictorName = init.predictorName ?? 'predictor';
    this.#protocol = options.protocol ?? 'seldon';
    this.#defaultTransport = options.defaultTransport ?? 'rest';
    this.#routingInjection = options.routingInjection ?? false;
    this.#timeoutMs = options.timeoutMs ?? 0;
    this.#nodeTimeoutMs = options.nodeTimeoutMs ?? 0;
    this.#random = options.random ?? Math.random;
    this.#clients = { rest: init.clients?.rest, grpc: init.clients?.grpc };
    for (const key of ['rest', 'grpc'] as const) {
      const client = this.#clients[key];
      if (client !== undefined && typeof client.call !== 'function')
        throw new GraphError(
          'SC_ERR_GRAPH_INVALID_OPTIONS',
          `clients.${key} must be a NodeClient (an object with a call() method), got ${typeof client}`,
        );
    }
    this.#observer = init.observer;
    const components: Record<string, InProcessComponent> = {};
    const bindings = init.nodes ?? {};
    const compiled = compileGraph(init.graph, bindings);
    this.#root = compiled.root;
    this.#byName = compiled.byName;
    for (const [name, binding] of Object.entries(bindings)) {
      const transport = binding.transport;
      if ((transport === 'rest' || transport === 'grpc') && binding.client === undefined)
        if (this.#clients[transport] === undefined) throw missingClient(name, transport, 'bound');
      if (binding.transport === 'in-process' && binding.client === undefined) {
        if (binding.component === undefined) {
          throw new GraphError(
            'SC_ERR_GRAPH_INVALID_GRAPH',
            `node ${name} is bound to in-process but has no component`,
            { nodeName: name },
          );
        }
        components[name] = binding.component;
      }
    }
    if (Object.keys(components).length > 0) this.#inProcess = new InProcessNodeClient({ components });
  }

  /** The graph's node names, pre-order. */
  get nodeNames(): readonly string[] {
    return [...this.#byName.keys()];
  }

  /** Runs a prediction through the graph. Throws {@link GraphError}. */
  predict(payload: GraphPayload, ctx: RequestContext = {}): Promise<GraphResponse> {
    return this.#operation('predict', payload, ctx, async (run) => {
      let response = await this.#predictNode(run, this.#root, payload);
      if (this.#routingInjection && this.#protocol === 'seldon')
        response = injectRouting(response, run.routing);
      return this.#answerFormat(run, response, 'message');
    });
  }

  /**
   * Sends feedback (a Feedback message) down the graph, routed by `response.meta.routing`
   * (all children when absent). Answers the root's own feedback result, or the feedback itself
   * when the root makes no feedback call.
   */
  feedback(payload: GraphPayload, ctx: RequestContext = {}): Promise<GraphResponse> {
    return this.#operation('feedback', payload, ctx, async (run) => {
      const routing = feedbackRouting(payload);
      const response = await this.#feedbackNode(run, this.#root, payload, routing);
      return response === payload ? response : this.#answerFormat(run, response, 'message');
    });
  }

  /** Proxies the status (health) call of the node named `modelName`. */
  async nodeStatus(modelName: string, ctx: RequestContext = {}): Promise<GraphResponse> {
    return this.#operation('node-status', undefined, ctx, async (run) =>
      this.#answerFormat(
        run,
        await this.#callNode(run, this.#find(modelName), 'status', undefined),
        'message',
      ),
    );
  }

  /** Proxies the metadata call of the node named `modelName` (response verbatim). */
  async nodeMetadata(modelName: string, ctx: RequestContext = {}): Promise<GraphResponse> {
    return this.#operation('node-metadata', undefined, ctx, async (run) =>
      this.#answerFormat(
        run,
        await this.#callNode(run, this.#find(modelName), 'metadata', undefined),
        'metadata',
      ),
    );
  }

  /**
   * Graph metadata (01 §5.2): every node's metadata, and the graph's inputs and outputs derived
   * from the edge nodes. Any node failing fails the whole call.
   */
  async metadata(ctx: RequestContext = {}): Promise<GraphMetadata> {
    let result: GraphMetadata | undefined;
    await this.#operation('metadata', undefined, ctx, async (run) => {
      // Built-in nodes have no process to ask; they contribute empty metadata.
      const nodes = [...this.#byName.values()];
      const answers = await Promise.all(
        nodes.map((node) =>
          node.builtIn && node.binding === undefined
            ? undefined
            : this.#callNode(run, node, 'metadata', undefined).catch((err: unknown) => {
                // As the reference: the node's status, but the executor's own error body.
                if (isGraphError(err) && err.body !== undefined) {
                  throw new GraphError(err.code, err.message, {
                    nodeName: err.nodeName,
                    httpStatus: err.httpStatus,
                    grpcStatus: err.grpcStatus,
                    cause: err,
                  });
                }
                throw err;
              }),
        ),
      );
      const models: Record<string, ModelMetadata> = {};
      nodes.forEach((node, i) => {
        const answer = answers[i];
        models[node.spec.name] = answer === undefined ? {} : modelMetadataOf(answer, node.spec.name);
      });
      const { inputs, outputs } = edgeMetadata(this.#root, models);
      result = { name: this.predictorName, models, graphinputs: inputs, graphoutputs: outputs };
      return GraphPayload.fromObject(result);
    });
    return result!;
  }

  /**
   * Readiness of every node, children first: a TCP connect to each remote node's endpoint, or its
   * health endpoint with `fullHealthChecks`. In-process nodes are ready when bound.
   */
  async status(ctx: RequestContext = {}): Promise<GraphStatus> {
    const transport = ctx.transport ?? this.#defaultTransport;
    const checks: { name: string; ready: Promise<boolean> }[] = [];
    const visit = (node: CompiledNode): void => {
      for (const child of node.children) visit(child);
      const endpoint = node.spec.endpoint;
      const checkable = Boolean(endpoint?.service_host && (endpoint.service_port ?? 0) > 0);
      // A built-in node, or one without an address, needs no client to be ready.
      if (!this.#hasClient(node, transport) && (!checkable || (node.builtIn && node.binding === undefined)))
        return;
      const client = this.#clientFor(node, transport);
      const remote = client.transport === 'rest' || client.transport === 'grpc';
      // The reference only checks nodes that declare both a host and a port.
      if (remote && !checkable) return;
      const ready =
        client.ready?.(node.spec, {
          full: this.#options.fullHealthChecks ?? false,
          protocol: this.#protocol,
          timeoutMs: this.#options.readyTimeoutMs ?? 1000,
        }) ?? Promise.resolve(true);
      checks.push({ name: node.spec.name, ready: ready.catch(() => false) });
    };
    visit(this.#root);
    const nodes = await Promise.all(checks.map(async (c) => ({ name: c.name, ready: await c.ready })));
    return { ready: nodes.every((n) => n.ready), nodes };
  }

  /**
   * Stops the executor: later calls fail with `SC_ERR_GRAPH_CLOSED`. The node clients it was given
   * are left open (the app that made them closes them, once no executor uses them).
   */
  async close(): Promise<void> {
    this.#closed = true;
  }

  // ---- the graph algorithm (02 §7) ----

  #predictNode(run: Run, node: CompiledNode, input: GraphPayload): Promise<GraphPayload> {
    // A leaf that only calls its node (a model, a transformer without output transform or payload
    // logging): the node call's promise is the node's result, without an async frame of its own.
    if (
      node.children.length === 0 &&
      node.transformInputMethod !== undefined &&
      !node.transformOutput &&
      node.logKinds === 0
    ) {
      let payload: GraphPayload | Promise<GraphPayload>;
      try {
        payload = this.#chain(run, node, input);
      } catch (err) {
        return Promise.reject(err as Error);
      }
      run.routing.set(node.spec.name, -1);
      const method = node.transformInputMethod;
      // Only a content-encoded v2/tensorflow payload is chained asynchronously.
      if (payload instanceof Promise) return payload.then((p) => this.#callNode(run, node, method, p));
      return this.#callNode(run, node, method, payload);
    }
    return this.#predictTree(run, node, input);
  }

  async #predictTree(run: Run, node: CompiledNode, input: GraphPayload): Promise<GraphPayload> {
    let payload = input;
    if (node.transformInputMethod !== undefined) {
      payload = await this.#chain(run, node, payload);
      this.#log(run, node, 'request', payload);
      run.routing.set(node.spec.name, -1);
      payload = await this.#callNode(run, node, node.transformInputMethod, payload);
      this.#log(run, node, 'response', payload);
    }
    if (node.children.length > 0) {
      this.#log(run, node, 'request', payload);
      const route = await this.#route(run, node, payload);
      let outputs: GraphPayload[];
      if (route === -2) {
        run.routing.set(node.spec.name, -2);
        return this.#transformOutput(run, node, payload);
      } else if (route === -1) {
        outputs = await allChildren(node.children.map((child) => this.#predictNode(run, child, payload)));
        run.routing.set(node.spec.name, -1);
      } else {
        const child = node.children[route]!;
        outputs = [await this.#predictNode(run, child, payload)];
        run.routing.set(node.spec.name, route);
      }
      let result: GraphPayload;
      if (node.aggregate) {
        this.#log(run, node, 'request', payload);
        run.routing.set(node.spec.name, -1);
        result = await this.#callNode(run, node, 'aggregate', undefined, outputs);
        this.#log(run, node, 'response', result);
      } else if (node.averageCombiner) {
        result = averagePayloads(outputs, node.spec.name);
      } else {
        result = outputs[0]!;
      }
      this.#log(run, node, 'response', result);
      payload = result;
    }
    return this.#transformOutput(run, node, payload);
  }

  #transformOutput(
    run: Run,
    node: CompiledNode,
    payload: GraphPayload,
  ): GraphPayload | Promise<GraphPayload> {
    // Most nodes have no output transform: no promise for them.
    if (!node.transformOutput) return payload;
    return this.#callTransformOutput(run, node, payload);
  }

  async #callTransformOutput(run: Run, node: CompiledNode, payload: GraphPayload): Promise<GraphPayload> {
    const chained = await this.#chain(run, node, payload);
    this.#log(run, node, 'request', chained);
    const result = await this.#callNode(run, node, 'transform-output', chained);
    this.#log(run, node, 'response', result);
    return result;
  }

  async #route(run: Run, node: CompiledNode, payload: GraphPayload): Promise<number> {
    let route: number;
    if (node.route) {
      const answer = await this.#callNode(run, node, 'route', payload);
      route = readRoute(answer, node.spec.name);
    } else if (node.abTest) {
      route = this.#random() < node.abTestRatio() ? 0 : 1;
    } else {
      return -1;
    }
    if (route < -2 || route >= node.children.length) {
      throw new GraphError(
        'SC_ERR_GRAPH_ROUTE_OUT_OF_RANGE',
        `router ${node.spec.name} chose route ${route} but has ${node.children.length} children`,
        {
          nodeName: node.spec.name,
        },
      );
    }
    return route;
  }

  async #feedbackNode(
    run: Run,
    node: CompiledNode,
    feedback: GraphPayload,
    routing: ReadonlyMap<string, number> | undefined,
  ): Promise<GraphPayload> {
    this.#log(run, node, 'feedback', feedback);
    if (node.children.length > 0) {
      const route = routing?.get(node.spec.name) ?? -1;
      if (route === -1) {
        await allChildren(node.children.map((child) => this.#feedbackNode(run, child, feedback, routing)));
      } else if (route >= 0 && route < node.children.length) {
        await this.#feedbackNode(run, node.children[route]!, feedback, routing);
      }
      // -2 (no child was called) and out-of-range routes send feedback to no child.
    }
    // The reference never forwards feedback for the tensorflow and v2 protocols.
    if (!node.feedback || this.#protocol !== 'seldon') return feedback;
    return this.#callNode(run, node, 'send-feedback', feedback);
  }

  /** Answers in the format of the request's transport (a mixed graph may end on another transport). */
  #answerFormat(run: Run, response: GraphPayload, kind: 'message' | 'metadata'): GraphPayload {
    return convertPayload(
      response,
      run.transport === 'grpc' ? 'protobuf' : 'json',
      kind,
      this.#root.spec.name,
      this.#protocol,
    );
  }

  #chain(run: Run, node: CompiledNode, payload: GraphPayload): GraphPayload | Promise<GraphPayload> {
    if (this.#protocol === 'seldon') return payload;
    if (this.#protocol === 'v2' && payload.isProtobuf)
      return chainV2Protobuf(
        payload,
        run.modelName ?? node.spec.name,
        nodeAnswers.has(payload),
        node.spec.name,
      );
    if (this.#protocol === 'tensorflow' && payload.isProtobuf)
      return chainTfProtobuf(
        payload,
        run.modelName ?? node.spec.name,
        nodeAnswers.has(payload),
        node.spec.name,
      );
    return chainPayload(this.#protocol, payload, node.spec.name, this.#maxDecodedBytes);
  }

  #log(run: Run, node: CompiledNode, kind: PayloadLogMessage['kind'], payload: GraphPayload): void {
    if (node.logKinds === 0) return;
    const observer = this.#observer?.payload !== undefined ? this.#observer : undefined;
    if (observer === undefined && !payloadChannel.hasSubscribers) return;
    const bit = kind === 'request' ? 1 : 2;
    if ((node.logKinds & bit) === 0) return;
    const message: PayloadLogMessage = {
      executor: this,
      puid: run.puid,
      nodeName: node.spec.name,
      node: node.spec,
      kind,
      payload,
      headers: run.headers,
    };
    observer?.payload!(message, run.observerData);
    if (payloadChannel.hasSubscribers) payloadChannel.publish(message);
  }

  // ---- node calls ----

  /** The client of a node for a request that came in over `transport`; throws when it was not given. */
  #clientFor(node: CompiledNode, transport: 'rest' | 'grpc'): NodeClient {
    const binding = node.binding;
    if (binding?.client !== undefined) return binding.client;
    const wanted =
      binding?.transport === undefined || binding.transport === 'request' ? transport : binding.transport;
    if (wanted === 'in-process') return this.#inProcess!;
    const client = this.#clients[wanted];
    if (client === undefined) throw missingClient(node.spec.name, wanted, 'request');
    return client;
  }

  #hasClient(node: CompiledNode, transport: 'rest' | 'grpc'): boolean {
    const binding = node.binding;
    if (binding?.client !== undefined || binding?.transport === 'in-process') return true;
    const wanted =
      binding?.transport === undefined || binding.transport === 'request' ? transport : binding.transport;
    return this.#clients[wanted] !== undefined;
  }

  #callNode(
    run: Run,
    node: CompiledNode,
    method: NodeMethod,
    payload: GraphPayload | undefined,
    payloads?: GraphPayload[],
  ): Promise<GraphPayload> {
    // Not an async function: a node call is one promise from the client and one `then`, and a
    // failure before the call is still a rejection, never a synchronous throw.
    try {
      return this.#startCall(run, node, method, payload, payloads);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  #startCall(
    run: Run,
    node: CompiledNode,
    method: NodeMethod,
    payload: GraphPayload | undefined,
    payloads: GraphPayload[] | undefined,
  ): Promise<GraphPayload> {
    const nodeName = node.spec.name;
    const client = this.#clientFor(node, run.transport);
    const kind = method === 'send-feedback' ? 'feedback' : 'message';
    const input =
      payload === undefined
        ? undefined
        : convertPayload(payload, client.payloadFormat, kind, nodeName, this.#protocol);
    const inputs = payloads?.map((p) =>
      convertPayload(p, client.payloadFormat, 'message', nodeName, this.#protocol),
    );

    const timeoutMs = node.binding?.timeoutMs || this.#nodeTimeoutMs || client.timeoutMs || 0;
    let deadline = run.deadline;
    let cancellation = run.cancellation;
    let timer: NodeJS.Timeout | undefined;
    let unlink: (() => void) | undefined;
    if (timeoutMs > 0) {
      const nodeDeadline = Date.now() + timeoutMs;
      if (deadline === undefined || nodeDeadline < deadline) {
        deadline = nodeDeadline;
        // The call's own cancellation, aborted by its timer or with the operation's.
        const link = run.cancellation?.child();
        unlink = link?.unlink;
        const c = (cancellation = link?.cancellation ?? new Cancellation());
        timer = setTimeout(
          () =>
            c.abort(
              new GraphError(
                'SC_ERR_GRAPH_NODE_TIMEOUT',
                `node ${nodeName} did not answer ${method} within its timeout of ${timeoutMs} ms`,
                { nodeName },
              ),
            ),
          timeoutMs,
        );
      }
    }

    // One event object per call, built only when someone observes node calls.
    const observer = this.#observer;
    let message: NodeEvent | undefined;
    let state: unknown;
    let headers = run.headers;
    if (
      observer !== undefined ||
      nodeStartChannel.hasSubscribers ||
      nodeEndChannel.hasSubscribers ||
      nodeErrorChannel.hasSubscribers
    ) {
      const modelName = run.modelName ?? nodeName;
      message = {
        executor: this,
        puid: run.puid,
        nodeName,
        node: node.spec,
        method,
        transport: client.transport,
        service: serviceName(client.transport, this.#protocol, method, modelName, input?.contentType),
        modelName,
        payload: input,
        payloads: inputs,
        headers: NO_EXTRA_HEADERS,
        startTime: performance.now(),
      };
      const started = observer?.nodeStart?.(message, run.observerData);
      if (started) {
        state = started.state;
        const extra = started.headers;
        if (extra !== undefined && hasKeys(extra)) {
          message.headers = extra;
          headers = { ...run.headers, ...extra };
        }
      }
      if (nodeStartChannel.hasSubscribers) {
        // Not frozen: a subscriber still writing into it (the old contract) must not throw; what
        // it writes is not sent.
        if (message.headers === NO_EXTRA_HEADERS) message.headers = {};
        nodeStartChannel.publish(message);
      }
    }
    const call = new Call(
      node.spec,
      method,
      run.modelName ?? nodeName,
      this.#protocol,
      input,
      inputs,
      run.puid,
      headers,
      cancellation,
      deadline,
    );
    const done = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      unlink?.();
    };
    let pending: Promise<GraphPayload>;
    try {
      if (cancellation?.aborted) throw cancellation.reason;
      pending = client.call(call);
    } catch (err) {
      pending = Promise.reject(err as Error);
    }
    return pending.then(
      (response) => {
        done();
        // Only v2 and tensorflow chaining asks (a WeakSet entry is not free for the GC).
        if (this.#protocol !== 'seldon') nodeAnswers.add(response);
        if (message !== undefined) {
          message.response = response;
          message.durationMs = performance.now() - message.startTime;
          observer?.nodeEnd?.(
            message as NodeEvent & { response: GraphPayload; durationMs: number },
            run.observerData,
            state,
          );
          if (nodeEndChannel.hasSubscribers) nodeEndChannel.publish(message);
        }
        return response;
      },
      (err: unknown) => {
        done();
        const error = toNodeError(err, nodeName, cancellation);
        if (message !== undefined) {
          message.error = error;
          message.durationMs = performance.now() - message.startTime;
          observer?.nodeError?.(
            message as NodeEvent & { error: GraphError; durationMs: number },
            run.observerData,
            state,
          );
          if (nodeErrorChannel.hasSubscribers) nodeErrorChannel.publish(message);
        }
        throw error;
      },
    );
  }

  #find(modelName: string): CompiledNode {
    const node = this.#byName.get(modelName);
    if (node === undefined)
      throw new GraphError('SC_ERR_GRAPH_MODEL_NOT_FOUND', `Failed to find model ${modelName}`);
    return node;
  }

  // ---- one operation: context, deadline, events ----

  async #operation(
    operation: GraphOperation,
    payload: GraphPayload | undefined,
    ctx: RequestContext,
    body: (run: Run) => Promise<GraphPayload>,
  ): Promise<GraphResponse> {
    const puid = ctx.puid || randomUUID();
    const headers = ctx.headers ?? EMPTY_HEADERS;
    let message:
      | (GraphStartMessage & {
          response?: GraphPayload;
          error?: GraphError;
          durationMs?: number;
          routing?: Record<string, number>;
        })
      | undefined;
    if (
      graphStartChannel.hasSubscribers ||
      graphEndChannel.hasSubscribers ||
      graphErrorChannel.hasSubscribers
    ) {
      message = {
        executor: this,
        operation,
        predictorName: this.predictorName,
        puid,
        headers,
        payload,
        startTime: performance.now(),
      };
      graphStartChannel.publish(message);
    }
    const routing = new Map<string, number>();
    let timer: NodeJS.Timeout | undefined;
    let unlink: (() => void) | undefined;
    try {
      if (this.#closed) throw new GraphError('SC_ERR_GRAPH_CLOSED', 'the graph executor is closed');
      const timeoutMs = ctx.timeoutMs ?? this.#timeoutMs;
      let deadline = timeoutMs > 0 ? Date.now() + timeoutMs : undefined;
      if (ctx.deadline !== undefined && (deadline === undefined || ctx.deadline < deadline))
        deadline = ctx.deadline;
      // One cancellation per operation, shared by all its node calls; the caller's signal or
      // controller is linked to it.
      let cancellation = ctx.cancellation;
      if (
        cancellation === undefined &&
        (deadline !== undefined || ctx.signal !== undefined || ctx.abortController !== undefined)
      )
        cancellation = new Cancellation();
      if (cancellation !== undefined) {
        const c = cancellation;
        if (deadline !== undefined) {
          const ms = Math.max(0, deadline - Date.now());
          timer = setTimeout(
            () =>
              c.abort(
                new GraphError(
                  'SC_ERR_GRAPH_NODE_TIMEOUT',
                  `the ${operation} deadline of ${ms} ms passed while waiting for node {node}`,
                ),
              ),
            ms,
          );
        }
        // A caller's signal may be shared by many requests: linkAbort keeps one listener on it.
        const unlinks: (() => void)[] = [];
        if (ctx.signal !== undefined) unlinks.push(linkAbort(ctx.signal, (reason) => c.abort(reason)));
        const controller = ctx.abortController;
        if (controller !== undefined) {
          // The controller is the caller's handle on this one request; the deadline aborts it too.
          unlinks.push(linkAbort(controller.signal, (reason) => c.abort(reason)));
          unlinks.push(c.onAbort((reason) => controller.abort(reason)));
        }
        if (unlinks.length > 0) unlink = () => unlinks.forEach((fn) => fn());
      }
      const run: Run = {
        puid,
        headers,
        transport: ctx.transport ?? this.#defaultTransport,
        modelName: ctx.modelName || undefined,
        routing,
        cancellation,
        deadline,
        observerData: ctx.observerData,
      };
      const response = await body(run);
      const result: GraphResponse = {
        payload: response,
        puid,
        routing: routing.size === 0 ? NO_ROUTING : Object.fromEntries(routing),
      };
      if (message !== undefined) {
        message.response = response;
        message.routing = result.routing as Record<string, number>;
        message.durationMs = performance.now() - message.startTime;
        graphEndChannel.publish(message);
      }
      return result;
    } catch (err) {
      const error = isGraphError(err)
        ? err
        : new GraphError('SC_ERR_GRAPH_NODE_BAD_RESPONSE', String((err as Error)?.message ?? err), {
            cause: err,
          });
      if (message !== undefined) {
        message.error = error;
        message.durationMs = performance.now() - message.startTime;
        graphErrorChannel.publish(message);
      }
      throw error;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      unlink?.();
    }
  }
}

/** Waits for all children; like the reference, reports the failure of the lowest-index failed child. */
async function allChildren(calls: Promise<GraphPayload>[]): Promise<GraphPayload[]> {
  const settled = await Promise.allSettled(calls);
  const outputs: GraphPayload[] = [];
  for (const s of settled) {
    if (s.status === 'rejected') throw s.reason;
    outputs.push(s.value);
  }
  return outputs;
}

function toNodeError(err: unknown, nodeName: string, cancellation: Cancellation | undefined): GraphError {
  if (cancellation?.aborted) {
    const reason = cancellation.reason;
    if (isGraphError(reason)) {
      if (reason.nodeName !== undefined) return reason;
      return new GraphError(reason.code, reason.message.replace('{node}', nodeName), { nodeName });
    }
    return new GraphError('SC_ERR_GRAPH_CANCELLED', `call to node ${nodeName} was cancelled`, {
      nodeName,
      cause: reason,
    });
  }
  if (isGraphError(err)) {
    if (err.nodeName !== undefined) return err;
    return new GraphError(err.code, err.message, {
      nodeName,
      httpStatus: err.httpStatus,
      grpcStatus: err.grpcStatus,
      body: err.body,
      cause: err.cause,
    });
  }
  return new GraphError(
    'SC_ERR_GRAPH_NODE_UNREACHABLE',
    `calling node ${nodeName} failed: ${String((err as Error)?.message ?? err)}`,
    { nodeName, cause: err },
  );
}

function serviceName(
  transport: string,
  protocol: GraphProtocol,
  method: NodeMethod,
  modelName: string,
  contentType: string | undefined,
): string {
  if (transport === 'rest') return restPath(protocol, method, modelName);
  if (transport === 'grpc') return grpcMethodFor(protocol, method, contentType) ?? method;
  return inProcessMethod(method);
}

/**
 * The error of a node whose transport has no client. `bound`: its binding names the transport
 * (found at construction); `request`: it follows the request's transport (found at call time).
 */
function missingClient(nodeName: string, transport: 'rest' | 'grpc', how: 'bound' | 'request'): GraphError {
  const label = transport === 'rest' ? 'REST' : 'gRPC';
  const made = transport === 'rest' ? 'RestNodeClient' : 'GrpcNodeClient';
  const reason =
    how === 'bound'
      ? `node ${nodeName} is bound to transport ${transport}`
      : `node ${nodeName} follows the request's transport, ${transport}`;
  return new GraphError(
    'SC_ERR_GRAPH_NO_NODE_CLIENT',
    `${reason}, but the GraphExecutor was given no ${label} node client: pass one as ` +
      `clients.${transport} (e.g. new ${made}() from @seldon-ts/graph-executor/${transport}) ` +
      `or as the node's binding client`,
    { nodeName },
  );
}

function validateOptions(options: GraphExecutorOptions): void {
  for (const key of REMOVED_OPTIONS) {
    if ((options as Record<string, unknown>)[key] !== undefined)
      throw new GraphError(
        'SC_ERR_GRAPH_INVALID_OPTIONS',
        `option ${key} is gone: the executor no longer makes node clients; configure the ` +
          `RestNodeClient / GrpcNodeClient you pass in GraphExecutorInit.clients instead`,
      );
  }
  for (const key of ['timeoutMs', 'nodeTimeoutMs', 'maxDecodedBytes', 'readyTimeoutMs'] as const) {
    const value = options[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
      throw new GraphError(
        'SC_ERR_GRAPH_INVALID_OPTIONS',
        `option ${key} must be a number >= 0, got ${String(value)}`,
      );
    }
  }
  if (options.protocol !== undefined && !['seldon', 'tensorflow', 'v2'].includes(options.protocol)) {
    throw new GraphError(
      'SC_ERR_GRAPH_INVALID_OPTIONS',
      `option protocol must be seldon, tensorflow or v2, got ${String(options.protocol)}`,
    );
  }
  if (options.defaultTransport !== undefined && !['rest', 'grpc'].includes(options.defaultTransport)) {
    throw new GraphError(
      'SC_ERR_GRAPH_INVALID_OPTIONS',
      `option defaultTransport must be rest or grpc, got ${String(options.defaultTransport)}`,
    );
  }
}

/** True when `o` has an own enumerable key (without building the key list). */
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
