// startEngine: builds the runtime and starts the HTTP and gRPC servers (and the Kafka loop in
// Kafka server mode). Usable in-process by the CLI, the local runner, tests and benchmarks.
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeBinding, NodeClients } from '@seldon-ts/graph-executor';
import {
  normalizeConfig,
  loadPredictorFile,
  type EngineConfig,
  type EngineOptions,
  type LogLevel,
} from './config.js';
import { EngineError } from './errors.js';
import { EngineRuntime, type EngineLogger, type EngineLogLevel, type Readiness } from './internal/runtime.js';
import { createHttpFrontDoor } from './internal/http-server.js';
import { createGrpcFrontDoor } from './internal/grpc-door.js';
import type { KafkaServerHandle } from './internal/kafka-server.js';
import { createKafkaClient } from './internal/kafka/client.js';
import { validateGraph } from './internal/graph-check.js';
import { watchMountedFile, type MountedFileWatch } from '@seldon-ts/model-wrapper/mounted-file';

/** startEngine input: a resolved EngineConfig or any subset of its fields, plus embedding hooks. */
export type StartEngineOptions = (EngineConfig | EngineOptions) & {
  /** Per-node bindings (e.g. `{ transport: 'in-process', component }`), passed to GraphExecutor. */
  nodes?: Record<string, NodeBinding>;
  /**
   * Node clients used instead of the engine's own REST / gRPC clients (which it makes from its
   * configuration otherwise); passed to every GraphExecutor, and left open when the engine closes.
   */
  clients?: NodeClients;
  /** Log sink. Default: lines on stderr at or above `logLevel`. */
  log?: EngineLogger;
  /** The graph page's try-it prefill (JSON text) when `graphPage` is on. Default: an example for the protocol. */
  graphPageExample?: string;
  /** Called when the engine cannot go on (Kafka outage past kafka.outageExitMs). Default: log it and close the engine. */
  onFatal?: (error: EngineError) => void;
};

/** A running engine. */
export interface EngineHandle {
  /** Bound HTTP port (the real one when 0 was asked). */
  readonly httpPort: number;
  /** Bound gRPC port. */
  readonly grpcPort: number;
  /** The effective configuration. */
  readonly config: EngineConfig;
  /** Resolves when every node answers; rejects after `timeoutMs` (default 30000) naming the nodes that do not. */
  ready(timeoutMs?: number): Promise<void>;
  /** Current readiness with per-node state. */
  readiness(): Promise<Readiness>;
  /** Prometheus text exposition of the engine's metrics. */
  metrics(): Promise<string>;
  /** Replaces the graph without a restart (the file watcher uses this). */
  reload(predictor: EngineConfig['predictor']): void;
  /** Stops accepting work, drains in-flight requests and Kafka work (up to gracefulTimeoutMs), then releases everything. */
  close(): Promise<{ graceful: boolean }>;
}

const LEVEL_ORDER: Record<EngineLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const CONFIG_LEVEL: Record<LogLevel, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3, FATAL: 4 };

export function stderrLogger(level: LogLevel): EngineLogger {
  const min = CONFIG_LEVEL[level] ?? 1;
  return (lvl, message) => {
    if (LEVEL_ORDER[lvl] < min) return;
    process.stderr.write(`${new Date().toISOString()} ${lvl.toUpperCase()} seldon-engine: ${message}\n`);
  };
}

/** Starts an engine. Ports 0 pick free ports; see {@link EngineHandle}. */
export async function startEngine(options: StartEngineOptions): Promise<EngineHandle> {
  const config = normalizeConfig(options);
  const log = options.log ?? stderrLogger(config.logLevel);
  // OpenTelemetry (API and SDK) is loaded only when tracing is on: most pods never trace.
  const tracer = config.tracing.enabled
    ? await (await import('./internal/tracing.js')).createRequestTracer(config.tracing)
    : undefined;
  // Full-graph Kafka mode: every node, whatever front door the request came through, is reached
  // through its Kafka topics. (The Kafka modules load only in the modes that use them.)
  const kafkaNodes = config.kafka?.fullGraph
    ? (await import('./internal/kafka-node-client.js')).kafkaNodeClientFor(config, log)
    : undefined;
  const runtime = new EngineRuntime(config, {
    log,
    tracer,
    bindings: kafkaNodes
      ? { nodes: options.nodes, clients: { rest: kafkaNodes, grpc: kafkaNodes } }
      : options.nodes || options.clients
        ? { nodes: options.nodes, clients: options.clients }
        : undefined,
    kafkaFactory: (brokers) =>
      createKafkaClient(brokers, config.kafkaSecurity, `seldon-engine-logger-${config.deploymentName}`, log),
  });

  runtime.graphPageExample = options.graphPageExample;
  const http = createHttpFrontDoor(runtime);
  const grpcDoor = createGrpcFrontDoor(runtime);
  let httpPort: number;
  let grpcPort: number;
  try {
    httpPort = await http.listen(config.httpPort, config.host);
    grpcPort = await grpcDoor.listen(config.host, config.grpcPort);
  } catch (err) {
    void http.close();
    grpcDoor.forceClose();
    await runtime.close();
    await runtime.payloadLogger.close(0);
    await tracer?.shutdown();
    throw new EngineError(
      'SC_ERR_ENGINE_CONFIG_INVALID',
      `cannot listen on ${config.host} (http ${config.httpPort}, grpc ${config.grpcPort}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  const effective: EngineConfig = {
    ...runtime.config,
    httpPort,
    grpcPort,
    serverUrl: options.serverUrl ?? `http://${config.hostname}:${httpPort}/`,
  };
  runtime.config = effective;
  runtime.payloadLogger.setIdentity({
    deploymentName: effective.deploymentName,
    namespace: effective.namespace,
    predictorName: effective.predictorName,
    protocol: effective.protocol,
    serverUrl: effective.serverUrl,
  });

  let closing: Promise<{ graceful: boolean }> | undefined;
  let kafka: KafkaServerHandle | undefined;
  let watcher: MountedFileWatch | undefined;

  const handle: EngineHandle = {
    httpPort,
    grpcPort,
    get config() {
      return runtime.config;
    },
    async ready(timeoutMs = 30000) {
      const deadline = Date.now() + timeoutMs;
      let last: Readiness | undefined;
      while (Date.now() < deadline) {
        last = await runtime.readiness();
        if (last.ready) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      const down = Object.entries(last?.nodes ?? {})
        .filter(([, ok]) => !ok)
        .map(([n]) => n);
      throw new EngineError(
        'SC_ERR_ENGINE_INTERNAL',
        `engine not ready after ${timeoutMs} ms: ${down.length ? `nodes not answering: ${down.join(', ')}` : (last?.reason ?? 'unknown reason')}`,
      );
    },
    readiness: () => runtime.readiness(),
    metrics: () => runtime.metrics.registry.metrics(),
    reload(predictor) {
      validateGraph(predictor, runtime.config.transport);
      runtime.reload(predictor);
    },
    close() {
      closing ??= (async () => {
        runtime.draining = true;
        watcher?.close();
        const deadline = Date.now() + runtime.config.gracefulTimeoutMs;
        const remaining = () => Math.max(0, deadline - Date.now());
        const httpClosed = http.close();
        const grpcClosed = grpcDoor.close();
        // Kept-alive clients get `Connection: close` on their next answer and leave by themselves;
        // closing an idle connection races with a request the client is just sending on it.
        await Promise.race([
          httpClosed,
          sleep(Math.min(runtime.config.idleDrainMs, remaining()), undefined, { ref: false }),
        ]);
        http.closeIdleConnections();
        await kafka?.close(remaining());
        let graceful = true;
        const timer = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), remaining()).unref(),
        );
        const drained = (async () => {
          await runtime.idle(() => http.inFlight() === 0 && grpcDoor.inFlight() === 0);
          http.closeIdleConnections();
          await Promise.all([httpClosed, grpcClosed]);
        })();
        if ((await Promise.race([drained, timer])) === 'timeout') {
          graceful = false;
          log(
            'warn',
            `graceful shutdown timed out after ${runtime.config.gracefulTimeoutMs} ms with ${http.inFlight()} HTTP and ${grpcDoor.inFlight()} gRPC requests in flight`,
          );
          http.closeAllConnections();
          grpcDoor.forceClose();
        }
        await runtime.payloadLogger.close(Math.max(remaining(), 100));
        await runtime.close(graceful ? 5000 : 200);
        await kafkaNodes?.close();
        await tracer?.shutdown().catch(() => undefined);
        return { graceful };
      })();
      return closing;
    },
  };

  if (kafkaNodes) {
    try {
      await kafkaNodes.start();
    } catch (err) {
      await handle.close();
      throw new EngineError(
        'SC_ERR_ENGINE_KAFKA_UNAVAILABLE',
        `cannot start full-graph Kafka node calls on ${config.kafka?.broker}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  if (config.serverType === 'kafka' && config.kafka) {
    const onFatal =
      options.onFatal ??
      ((err: EngineError) => {
        log('error', err.message);
        void handle.close();
      });
    try {
      kafka = await (await import('./internal/kafka-server.js')).startKafkaServer(runtime, onFatal);
    } catch (err) {
      await handle.close();
      throw new EngineError(
        'SC_ERR_ENGINE_KAFKA_UNAVAILABLE',
        `cannot start the Kafka server on ${config.kafka.broker}: ${(err as Error).message}`,
        { cause: err },
      );
    }
  }

  if (config.graphFile && config.watchGraphFile) {
    const file = config.graphFile;
    const sameAsServed = (text: string) => {
      try {
        const loaded = loadPredictorFile(file, runtime.config.predictorName, () => text);
        const served = runtime.config.predictor;
        return JSON.stringify({ ...loaded.predictor, name: served.name }) === JSON.stringify(served);
      } catch {
        return false;
      }
    };
    watcher = watchMountedFile(file, {
      log: (level, message) => log(level, message),
      isCurrent: sameAsServed,
      onChange: (text) => {
        try {
          const loaded = loadPredictorFile(file, runtime.config.predictorName, () => text);
          handle.reload(loaded.predictor);
          log('info', `graph reloaded from ${file}`);
        } catch (err) {
          log(
            'error',
            `graph file ${file} changed but was not applied (the previous graph keeps serving): ${(err as Error).message}`,
          );
        }
      },
    });
  }

  log(
    'info',
    `serving predictor ${effective.predictorName} of ${effective.deploymentName} (${effective.namespace}): http ${effective.host}:${httpPort}, grpc ${effective.host}:${grpcPort}, protocol ${effective.protocol}${config.graphPage ? ', graph page /graph/' : ''}${config.serverType === 'kafka' ? `, kafka ${config.kafka?.inputTopic} -> ${config.kafka?.outputTopic}` : ''}, ${describeTracing(effective)}`,
  );
  return handle;
}

/** The tracing part of the start-up line: which propagators read and write trace context, or off. */
function describeTracing(config: EngineConfig): string {
  const t = config.tracing;
  if (!t.enabled) return 'tracing off (trace headers forwarded untouched)';
  const propagators = t.propagators.length > 0 ? t.propagators.join(',') : 'none';
  return `tracing ${t.exporter}${t.otlpEndpoint ? ` ${t.otlpEndpoint}` : ''} as ${t.serviceName}, propagators ${propagators}`;
}
