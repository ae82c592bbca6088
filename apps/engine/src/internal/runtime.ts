// What the front doors (HTTP, gRPC, Kafka) share: the current graph executor (swapped on reload),
// metrics, payload logger and tracer, and the engine's observer of its executors' node calls and
// payload-log points, which turns them into metrics, client spans (trace headers go out through
// the headers the observer returns) and payload-log events. The request's server span travels in
// the request context (`observerData`), so nothing is keyed by puid.
import type { Span } from '@opentelemetry/api';
import {
  Cancellation,
  GraphExecutor,
  type GraphObserver,
  type GraphPayload,
  type GraphResponse,
  type NodeBinding,
  type NodeCallEvent,
  type NodeClients,
} from '@seldon-ts/graph-executor';
import type { PredictorSpec } from '@seldon-ts/crd-types';
import type { EngineConfig } from '../config.js';
import { EngineMetrics } from './metrics.js';
import { PayloadLogger, type KafkaFactory } from './payload-logger.js';
import type { RequestTracer } from './tracing.js';
import { validateEndpoints } from './graph-check.js';
import { GraphStats } from '../graph-page/stats.js';
import { engineNodeClients, type EngineNodeClients } from './node-clients.js';

/** Per-request values the front doors pass to the runtime. */
export interface RequestContext {
  puid: string;
  /** Incoming headers / metadata, lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  modelName?: string;
  span?: Span;
  signal?: AbortSignal;
  /**
   * The request's own controller: the front door aborts it when the client goes away, and the
   * runtime when the engine stops without draining. Preferred over `signal` (nothing shared, so no
   * listener piles up on a long-lived signal).
   */
  abort?: AbortController | Cancellation;
  transport?: 'rest' | 'grpc';
}

export interface Readiness {
  ready: boolean;
  nodes: Record<string, boolean>;
  /** Set when the engine is not serving for a reason other than a node (Kafka outage, draining). */
  reason?: string;
}

export type EngineLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type EngineLogger = (level: EngineLogLevel, message: string) => void;

/** How startEngine lets embedders choose node transports (e.g. in-process components for the local runner). */
export interface GraphBindings {
  nodes?: Record<string, NodeBinding>;
  /** Clients used instead of the engine's own REST / gRPC clients; their owner closes them. */
  clients?: NodeClients;
}

/** gRPC status names by code, as the reference's metrics and logs spell them. */
export const GRPC_CODE_NAMES = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
];

function payloadOf(response: GraphResponse): GraphPayload {
  return response.payload;
}

function skipLogging(headers: Readonly<Record<string, string | readonly string[] | undefined>>): boolean {
  const v = headers['seldon-skip-logging'];
  if (v === undefined) return false;
  const values = Array.isArray(v) ? v : [v as string];
  return values.some((x) => ['true', 'on', '1'].includes(String(x).toLowerCase()));
}

export class EngineRuntime {
  config: EngineConfig;
  readonly metrics: EngineMetrics;
  readonly payloadLogger: PayloadLogger;
  readonly tracer: RequestTracer | undefined;
  readonly log: EngineLogger;
  executor: GraphExecutor;
  /** True once shutdown began: new work is refused or answered with `Connection: close`. */
  draining = false;
  /** Graph operations in progress across all front doors. */
  inFlightGraph = 0;
  /** Extra readiness condition (e.g. Kafka connected); undefined = none. */
  externalNotReady: string | undefined;
  /** The graph page's figures; undefined (nothing collected) unless `graphPage` is on. */
  readonly graphStats: GraphStats | undefined;
  /** The graph page's try-it prefill (the local runner's example request); default: the protocol's. */
  graphPageExample: string | undefined;
  readonly #bindings: GraphBindings;
  /** The node clients every executor of this engine uses; they live as long as the runtime. */
  readonly #nodeClients: EngineNodeClients;
  /** Given to every executor this engine builds; `observerData` is the request's server span. */
  readonly #observer: GraphObserver<Span, Span>;
  readonly #nodeInFlight = new Map<string, { inc(): void; dec(): void }>();
  readonly #idleWaiters: Array<() => void> = [];
  readonly #retired = new Set<GraphExecutor>();
  /** Controllers of the graph operations in progress that can be cancelled. */
  readonly #abortable = new Set<AbortController | Cancellation>();

  constructor(
    config: EngineConfig,
    options: {
      tracer?: RequestTracer;
      log: EngineLogger;
      bindings?: GraphBindings;
      kafkaFactory?: KafkaFactory;
    },
  ) {
    this.config = config;
    this.tracer = options.tracer;
    this.log = options.log;
    this.#bindings = options.bindings ?? {};
    this.metrics = new EngineMetrics(config);
    const m = this.metrics;
    this.payloadLogger = new PayloadLogger(
      config.payloadLogger,
      this.#loggerIdentity(config),
      {
        dropped: (sink) => m.payloadLogDropped.inc({ sink }),
        sent: (sink) => m.payloadLogSent.inc({ sink }),
        failed: (sink) => m.payloadLogFailed.inc({ sink }),
        queueLength: (n) => m.payloadLogQueue.set(n),
      },
      { kafkaFactory: options.kafkaFactory, onError: (msg) => this.log('warn', msg) },
    );
    this.graphStats = config.graphPage ? new GraphStats(config.predictor.graph) : undefined;
    this.#observer = this.#makeObserver();
    this.#nodeClients = engineNodeClients(config, this.#bindings.clients);
    this.executor = this.#buildExecutor(config);
  }

  #loggerIdentity(config: EngineConfig) {
    return {
      deploymentName: config.deploymentName,
      namespace: config.namespace,
      predictorName: config.predictorName,
      protocol: config.protocol,
      serverUrl: config.serverUrl,
    };
  }

  #buildExecutor(config: EngineConfig): GraphExecutor {
    if (!this.#bindings.nodes && !this.#bindings.clients)
      validateEndpoints(config.predictor, config.transport);
    return new GraphExecutor({
      graph: config.predictor.graph,
      predictorName: config.predictorName,
      nodes: this.#bindings.nodes,
      clients: this.#nodeClients.clients,
      observer: this.#observer,
      options: {
        protocol: config.protocol === 'kfserving' ? 'v2' : config.protocol,
        defaultTransport: config.transport,
        routingInjection: config.routingInjection,
        timeoutMs: config.requestTimeoutMs,
        fullHealthChecks: config.fullHealthChecks,
        // A gzip request inflates at most to what the engine accepts as a body.
        maxDecodedBytes: config.maxBodyBytes,
      },
    });
  }

  /**
   * Replaces the graph (file watch). The old executor is closed once its requests had time to
   * finish; the node clients (and their connection pools) are kept for the new one.
   */
  reload(predictor: PredictorSpec): void {
    const next: EngineConfig = {
      ...this.config,
      predictor: { ...predictor, name: this.config.predictorName },
    };
    const executor = this.#buildExecutor(next);
    const old = this.executor;
    this.executor = executor;
    this.config = next;
    this.metrics.setIdentity(next);
    this.graphStats?.setGraph(next.predictor.graph);
    this.#retired.add(old);
    const timer = setTimeout(
      () => {
        this.#retired.delete(old);
        void old.close();
      },
      Math.max(this.config.gracefulTimeoutMs, 1000),
    );
    timer.unref();
  }

  #makeObserver(): GraphObserver<Span, Span> {
    const clientMethod = (call: NodeCallEvent) =>
      call.transport === 'grpc'
        ? 'unary'
        : call.method === 'status' || call.method === 'metadata'
          ? 'get'
          : 'post';
    return {
      nodeStart: (call, serverSpan) => {
        this.#nodeGauge(call.nodeName).inc();
        const tracer = this.tracer;
        if (tracer === undefined) return;
        // The client span is a child of the request's server span; its propagation headers
        // (W3C, B3, Jaeger as configured) go out with this node call only.
        const headers: Record<string, string> = {};
        const span = tracer.startClientSpan(call.service, serverSpan, headers, {
          'seldon.node': call.nodeName,
          'seldon.transport': call.transport,
        });
        return { headers, state: span };
      },
      nodeEnd: (call, _serverSpan, span) => {
        this.#nodeGauge(call.nodeName).dec();
        this.graphStats?.nodeCall(call.nodeName, call.method, call.durationMs, call.transport);
        this.metrics.observeClient(
          call.service,
          call.modelName,
          call.nodeName,
          clientMethod(call),
          call.transport === 'grpc' ? 'OK' : '200',
          call.durationMs / 1000,
        );
        if (span) this.tracer?.endSpan(span);
      },
      nodeError: (call, _serverSpan, span) => {
        this.#nodeGauge(call.nodeName).dec();
        this.graphStats?.nodeError(call.nodeName, call.method, call.durationMs, call.transport);
        // Like the reference, only calls that got an answer are observed.
        if (call.error.code === 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE') {
          const code =
            call.transport === 'grpc'
              ? (GRPC_CODE_NAMES[call.error.grpcStatus] ?? String(call.error.grpcStatus))
              : String(call.error.httpStatus);
          this.metrics.observeClient(
            call.service,
            call.modelName,
            call.nodeName,
            clientMethod(call),
            code,
            call.durationMs / 1000,
          );
        }
        if (span) this.tracer?.endSpan(span, { message: call.error.message, code: call.error.code });
      },
      payload: (event) => {
        const url = event.node.logger?.url ?? undefined;
        if (!this.payloadLogger.hasSink(url) || skipLogging(event.headers)) return;
        this.payloadLogger.log({
          kind: event.kind,
          puid: event.puid,
          modelId: event.nodeName,
          url,
          body: event.payload.bytes(),
          contentType: event.payload.contentType,
          contentEncoding: event.payload.contentEncoding,
        });
      },
    };
  }

  #nodeGauge(name: string) {
    let g = this.#nodeInFlight.get(name);
    if (!g) {
      g = this.metrics.nodeInFlightCounter(name);
      this.#nodeInFlight.set(name, g);
    }
    return g;
  }

  #run<T, R>(
    ctx: RequestContext,
    fn: (executor: GraphExecutor) => Promise<T>,
    pick: (result: T) => R,
    failed?: (err: unknown) => void,
  ): Promise<R> {
    const abort = ctx.abort;
    if (abort !== undefined) this.#abortable.add(abort);
    const done = (): void => {
      if (abort !== undefined) this.#abortable.delete(abort);
    };
    // Not async: one `then` on the executor's promise.
    let pending: Promise<T>;
    try {
      pending = fn(this.executor);
    } catch (err) {
      pending = Promise.reject(err as Error);
    }
    return pending.then(
      (result) => {
        done();
        return pick(result);
      },
      (err: unknown) => {
        done();
        failed?.(err);
        throw err;
      },
    );
  }

  #ctx(ctx: RequestContext) {
    const abort = ctx.abort;
    const cancellation = abort instanceof Cancellation ? abort : undefined;
    return {
      puid: ctx.puid,
      headers: ctx.headers,
      modelName: ctx.modelName,
      signal: ctx.signal,
      cancellation,
      abortController: cancellation === undefined ? (abort as AbortController | undefined) : undefined,
      transport: ctx.transport ?? 'rest',
      // The observer parents node calls' client spans on it.
      observerData: ctx.span,
    };
  }

  /** Aborts every graph operation in progress (their node calls are cancelled); for a non-graceful stop. */
  abortInFlight(reason: string): void {
    for (const controller of this.#abortable) controller.abort(new Error(reason));
    this.#abortable.clear();
  }

  predict(payload: GraphPayload, ctx: RequestContext): Promise<GraphPayload> {
    const stats = this.graphStats;
    if (stats === undefined) return this.#run(ctx, (e) => e.predict(payload, this.#ctx(ctx)), payloadOf);
    return this.#run(
      ctx,
      (e) => e.predict(payload, this.#ctx(ctx)),
      (response) => {
        stats.request(response.routing);
        return response.payload;
      },
      (err) => stats.requestError(err),
    );
  }

  feedback(payload: GraphPayload, ctx: RequestContext): Promise<GraphPayload> {
    return this.#run(ctx, (e) => e.feedback(payload, this.#ctx(ctx)), payloadOf);
  }

  nodeStatus(model: string, ctx: RequestContext): Promise<GraphPayload> {
    return this.#run(ctx, (e) => e.nodeStatus(model, this.#ctx(ctx)), payloadOf);
  }

  nodeMetadata(model: string, ctx: RequestContext): Promise<GraphPayload> {
    return this.#run(ctx, (e) => e.nodeMetadata(model, this.#ctx(ctx)), payloadOf);
  }

  graphMetadata(ctx: RequestContext): Promise<unknown> {
    return this.#run(
      ctx,
      (e) => e.metadata(this.#ctx(ctx)),
      (m) => m,
    );
  }

  /** Every node answers (TCP connect, or health endpoint with fullHealthChecks) and nothing else blocks serving. */
  async readiness(): Promise<Readiness> {
    const status = await this.executor.status({ transport: this.config.transport });
    const nodes: Record<string, boolean> = {};
    for (const n of status.nodes) {
      nodes[n.name] = n.ready;
      this.metrics.nodeReady.set({ model_name: n.name }, n.ready ? 1 : 0);
    }
    const reason = this.draining ? 'shutting down' : this.externalNotReady;
    return { ready: status.ready && !reason, nodes, ...(reason ? { reason } : {}) };
  }

  /** Called by front doors when their in-flight count reaches zero. */
  notifyIdle(): void {
    for (const w of this.#idleWaiters.splice(0)) w();
  }

  /** Resolves when no graph operation is running. */
  async idle(isIdle: () => boolean): Promise<void> {
    while (!isIdle())
      await new Promise<void>((resolve) => {
        this.#idleWaiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
  }

  /**
   * Releases node connections. Graph operations still running (a non-graceful stop: the drain
   * timed out) are aborted first, so their node calls are cancelled rather than abandoned;
   * `waitMs` bounds the wait for the node clients to close. Clients the embedder gave stay open.
   */
  async close(waitMs = 2000): Promise<void> {
    this.abortInFlight('the engine is shutting down');
    const closing = Promise.all([this.executor.close(), ...[...this.#retired].map((e) => e.close())]).then(
      () => this.#nodeClients.close(),
    );
    await Promise.race([
      closing.catch(() => undefined),
      new Promise<void>((r) => setTimeout(r, waitMs).unref()),
    ]);
    this.#retired.clear();
  }
}
