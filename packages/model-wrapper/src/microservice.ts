import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import { WrapperError, toWrapperError } from './errors.js';
import { readTextIfPresent } from './mounted-file.js';
import { parseParameters, type ComponentParameters } from './parameters.js';
import type { ComponentRuntimeOptions } from './runtime.js';
import type { ComponentModuleSpec, SeldonComponent, SeldonComponentClass } from './types.js';
import { Gate } from './internal/gate.js';
import { WrapperMetrics } from './internal/metrics.js';
import { createRestListener, type RestContext } from './internal/rest.js';
import { bindGrpc, createGrpcServer, loadReflection } from './internal/grpc.js';
import { componentFactory, isModuleSpec } from './internal/component-factory.js';
import { ReloadableRuntime } from './internal/reloadable.js';
import { watchParameters, type ParametersEvent } from './internal/parameters-watch.js';

/** Options of {@link startMicroservice}. Unset values come from the environment (05 §1), then these defaults. */
export interface MicroserviceOptions extends Omit<ComponentRuntimeOptions, 'metrics'> {
  /** REST port; 0 picks a free port. Default: env `PREDICTIVE_UNIT_HTTP_SERVICE_PORT`, else 9000. */
  httpPort?: number;
  /** gRPC port; 0 picks a free port; `null` disables gRPC. Default: env `PREDICTIVE_UNIT_GRPC_SERVICE_PORT`, else 5000. */
  grpcPort?: number | null;
  /** Metrics port; 0 picks a free port; `null` disables it. Default: env `PREDICTIVE_UNIT_METRICS_SERVICE_PORT`, else 6000. */
  metricsPort?: number | null;
  /** Metrics path. Default: env `PREDICTIVE_UNIT_METRICS_ENDPOINT`, else `/metrics`. */
  metricsPath?: string;
  /** Interface to listen on. Default `0.0.0.0` (as the reference). */
  host?: string;
  /**
   * Largest REST body and gRPC message, both directions, in bytes. Default: the pod annotation
   * `seldon.io/grpc-max-message-size` if present, else 104 857 600 (100 MiB).
   */
  maxMessageBytes?: number;
  /** Requests served at once before answering 429 / RESOURCE_EXHAUSTED; 0 = unlimited. Default 1024. */
  maxInFlight?: number;
  /** Worker threads for a CPU-bound component (needs a module spec); 0 = serve on the main thread. Default 0. */
  workers?: number;
  /** How long `close()` waits for in-flight requests, in ms. Default 30 000. */
  drainTimeoutMs?: number;
  /** TIMER histogram upper bounds in seconds. Default: 50 log-spaced bounds from 0.001 to 30 (the reference's). */
  timerBucketsSeconds?: number[];
  /** Request-latency histogram bounds in seconds. Default: the executor's 0.005 ... 10. */
  requestBucketsSeconds?: number[];
  /** Record `seldon_api_wrapper_requests_seconds`. Default true. */
  requestMetrics?: boolean;
  /** Expose Node process metrics. Default true. */
  processMetrics?: boolean;
  /** PAYLOAD_PASSTHROUGH: `predictRaw` receives the raw body text, its answer is sent verbatim. Default: env, else false. */
  payloadPassthrough?: boolean;
  /** Pod annotations file. Default `/etc/podinfo/annotations`. */
  annotationsPath?: string;
  /**
   * Longest a REST request may wait for the component, in ms, before it is answered 504
   * `SC_ERR_WRAPPER_TIMEOUT` (the work itself runs on); 0 = no limit. Default: the pod annotation
   * `seldon.io/rest-timeout` (ms) if present, else 5 000 000 (the reference's Gunicorn timeout,
   * 5000 s). gRPC calls are bounded by the caller's deadline instead.
   */
  restTimeoutMs?: number;
  /**
   * Serve gRPC server reflection (`grpc.reflection.v1` and `v1alpha`) for the Seldon services, so
   * that tools such as grpcurl can list and call them without the proto files. Default true (the
   * reference registers reflection too).
   */
  grpcReflection?: boolean;
  /**
   * A JSON file of parameters (`[{"name","value","type"}...]`), read at start when present (it
   * wins over `PREDICTIVE_UNIT_PARAMETERS`, not over `parameters` or a module spec's) and watched:
   * when its content changes the component gets the new parameters while it serves (its
   * `updateParameters()`, else a new instance). The operator mounts each node's file from the
   * graph ConfigMap. Default: env `PREDICTIVE_UNIT_PARAMETERS_FILE`, else none.
   */
  parametersFile?: string;
  /** Reports what became of each change of `parametersFile`. Default: none (nothing is logged). */
  onParameters?: (event: ParametersEvent) => void;
}

/** A running microservice. */
export interface Microservice {
  readonly httpPort: number;
  /** -1 when gRPC is disabled. */
  readonly grpcPort: number;
  /** -1 when the metrics server is disabled. */
  readonly metricsPort: number;
  /** Serves the component; a parameter change swaps what it delegates to. */
  readonly runtime: ReloadableRuntime;
  /** The parameters the component serves with now. */
  readonly parameters: ComponentParameters;
  /** Stops accepting requests, waits for in-flight ones (up to `drainTimeoutMs`), then closes everything. */
  close(): Promise<void>;
}

/** The defaults of {@link MicroserviceOptions}. */
export const MICROSERVICE_DEFAULTS = {
  httpPort: 9000,
  grpcPort: 5000,
  metricsPort: 6000,
  metricsPath: '/metrics',
  host: '0.0.0.0',
  maxMessageBytes: 104_857_600,
  maxInFlight: 1024,
  workers: 0,
  drainTimeoutMs: 30_000,
  restTimeoutMs: 5_000_000,
  grpcReflection: true,
} as const;

/** Reads `/etc/podinfo/annotations` (05 §7): `key="value"` lines, split at the first `=`. */
export function readAnnotations(path: string): Record<string, string> {
  const text = readTextIfPresent(path);
  if (text === undefined) return {};
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const value = line.slice(eq + 1).trim();
    if (value.length < 2) continue;
    out[line.slice(0, eq).trim()] = value.slice(1, -1);
  }
  return out;
}

function envPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new WrapperError('SC_ERR_WRAPPER_BAD_OPTION', `${name}=${raw} is not a port number`);
  return n;
}

function checkPort(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new WrapperError('SC_ERR_WRAPPER_BAD_OPTION', `${name} ${value} is not a port number`);
  return value;
}

function listen(server: Server, host: string, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void =>
      reject(
        new WrapperError(
          'SC_ERR_WRAPPER_BAD_OPTION',
          `${what} cannot listen on ${host}:${port}: ${err.message}`,
        ),
      );
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * Serves a component over REST, gRPC and metrics, each on its own port (0 = a free port).
 * Resolves once the component's `load()` finished and every port listens: the ports opening
 * is the readiness signal (the operator's probes are TCP).
 *
 * `component` is a class (instantiated once with the parameters), an object, or a module spec
 * (required for `workers > 0`).
 */
export async function startMicroservice(
  component: SeldonComponent | SeldonComponentClass | ComponentModuleSpec,
  options: MicroserviceOptions = {},
): Promise<Microservice> {
  const env = options.env ?? process.env;
  const annotations = readAnnotations(options.annotationsPath ?? '/etc/podinfo/annotations');
  const host = options.host ?? MICROSERVICE_DEFAULTS.host;
  const httpPort = checkPort(
    'httpPort',
    options.httpPort ?? envPort(env, 'PREDICTIVE_UNIT_HTTP_SERVICE_PORT', MICROSERVICE_DEFAULTS.httpPort),
  );
  const grpcPort =
    options.grpcPort === null
      ? null
      : checkPort(
          'grpcPort',
          options.grpcPort ??
            envPort(env, 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', MICROSERVICE_DEFAULTS.grpcPort),
        );
  const metricsPort =
    options.metricsPort === null
      ? null
      : checkPort(
          'metricsPort',
          options.metricsPort ??
            envPort(env, 'PREDICTIVE_UNIT_METRICS_SERVICE_PORT', MICROSERVICE_DEFAULTS.metricsPort),
        );
  const metricsPath =
    options.metricsPath ?? (env.PREDICTIVE_UNIT_METRICS_ENDPOINT || MICROSERVICE_DEFAULTS.metricsPath);
  const annotatedMax = Number(annotations['seldon.io/grpc-max-message-size']);
  const maxMessageBytes =
    options.maxMessageBytes ??
    (Number.isInteger(annotatedMax) && annotatedMax > 0
      ? annotatedMax
      : MICROSERVICE_DEFAULTS.maxMessageBytes);
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes <= 0) {
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_OPTION',
      `maxMessageBytes ${maxMessageBytes} must be a positive integer`,
    );
  }
  const annotatedTimeout = Number(annotations['seldon.io/rest-timeout']);
  const restTimeoutMs =
    options.restTimeoutMs ??
    (Number.isInteger(annotatedTimeout) && annotatedTimeout > 0
      ? annotatedTimeout
      : MICROSERVICE_DEFAULTS.restTimeoutMs);
  if (!Number.isInteger(restTimeoutMs) || restTimeoutMs < 0) {
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_OPTION',
      `restTimeoutMs ${restTimeoutMs} must be an integer >= 0`,
    );
  }
  const maxInFlight = options.maxInFlight ?? MICROSERVICE_DEFAULTS.maxInFlight;
  const workers = options.workers ?? MICROSERVICE_DEFAULTS.workers;
  if (!Number.isInteger(workers) || workers < 0)
    throw new WrapperError('SC_ERR_WRAPPER_BAD_OPTION', `workers ${workers} must be an integer >= 0`);
  const passthroughEnv = (env.PAYLOAD_PASSTHROUGH ?? '').toLowerCase();
  const passthrough = options.payloadPassthrough ?? ['1', 'true', 't'].includes(passthroughEnv);

  const metrics = new WrapperMetrics({
    env,
    workerId: String(process.pid),
    timerBucketsSeconds: options.timerBucketsSeconds,
    requestBucketsSeconds: options.requestBucketsSeconds,
    requestMetrics: options.requestMetrics,
    processMetrics: options.processMetrics,
  });
  const runtimeOptions: ComponentRuntimeOptions = {
    unitId: options.unitId,
    unitImage: options.unitImage,
    includeMetricsInResponse: options.includeMetricsInResponse,
    executorEnabled: options.executorEnabled,
    modelMetadata: options.modelMetadata,
    env,
    metrics,
    onError: options.onError,
  };

  const parametersFile = options.parametersFile ?? (env.PREDICTIVE_UNIT_PARAMETERS_FILE || undefined);
  const fileText = parametersFile === undefined ? undefined : readTextIfPresent(parametersFile);
  const factory = await componentFactory(component, {
    workers,
    passthrough,
    env,
    parameters:
      options.parameters ??
      (isModuleSpec(component) ? component.parameters : undefined) ??
      (fileText === undefined ? undefined : parseParameters(fileText)),
    runtimeOptions,
    metrics,
  });
  let parameters = factory.parameters;
  const runtime = new ReloadableRuntime(factory.initial, factory.build);
  await runtime.load();

  const gate = new Gate(maxInFlight);
  const decodeOptions = { maxMessageBytes, rejectUnknownFields: false };
  const restCtx: RestContext = {
    runtime,
    gate,
    metrics,
    decodeOptions,
    maxMessageBytes,
    restTimeoutMs,
    passthrough:
      passthrough && typeof runtime.instance?.predictRaw === 'function'
        ? (body: string) =>
            runtime.withInstance(async (instance) => {
              try {
                return await (instance?.predictRaw as unknown as (b: string) => unknown).call(instance, body);
              } catch (err) {
                const error = toWrapperError(err);
                options.onError?.({
                  unitId: options.unitId ?? env.PREDICTIVE_UNIT_ID,
                  method: 'predict',
                  error,
                  serverError: error.httpStatus >= 500,
                  stack: err instanceof Error ? err.stack : error.stack,
                });
                throw error;
              }
            })
        : undefined,
  };

  const opened: (() => Promise<void>)[] = [];
  const closeOpened = async (): Promise<void> => {
    await Promise.all(opened.map((fn) => fn().catch(() => undefined)));
  };
  try {
    const http = createServer({ keepAliveTimeout: 65_000 }, createRestListener(restCtx));
    const boundHttp = await listen(http, host, httpPort, 'REST server');
    opened.push(() => closeHttp(http).then(() => http.closeAllConnections()));

    let grpcServer: GrpcServer | undefined;
    let boundGrpc = -1;
    if (grpcPort !== null) {
      grpcServer = createGrpcServer(
        { runtime, gate, metrics, decodeOptions },
        {
          maxMessageBytes,
          addReflection:
            (options.grpcReflection ?? MICROSERVICE_DEFAULTS.grpcReflection)
              ? await loadReflection()
              : undefined,
        },
      );
      boundGrpc = await bindGrpc(grpcServer, host, grpcPort);
      const g = grpcServer;
      opened.push(() => new Promise<void>((resolve) => g.tryShutdown(() => resolve())));
    }

    let boundMetrics = -1;
    let metricsServer: Server | undefined;
    if (metricsPort !== null) {
      metricsServer = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (req.method === 'GET' && path === metricsPath) {
          metrics.exposition().then(
            (text) => {
              res.writeHead(200, { 'Content-Type': metrics.contentType });
              res.end(text);
            },
            (err: Error) => {
              res.writeHead(500, { 'Content-Type': 'text/plain' });
              res.end(err.message);
            },
          );
        } else {
          res.writeHead(404, { 'Content-Type': 'text/plain' });
          res.end(`Not found: use GET ${metricsPath}`);
        }
      });
      boundMetrics = await listen(metricsServer, host, metricsPort, 'metrics server');
    }

    const watcher =
      parametersFile === undefined
        ? undefined
        : watchParameters(parametersFile, fileText, runtime, (event) => {
            if (event.kind === 'applied') parameters = event.parameters;
            options.onParameters?.(event);
          });
    let closing: Promise<void> | undefined;
    const drainTimeoutMs = options.drainTimeoutMs ?? MICROSERVICE_DEFAULTS.drainTimeoutMs;
    return {
      httpPort: boundHttp,
      grpcPort: boundGrpc,
      metricsPort: boundMetrics,
      runtime,
      get parameters() {
        return parameters;
      },
      close(): Promise<void> {
        closing ??= (async () => {
          watcher?.close();
          // Stop taking connections, let in-flight requests finish, then drop what is left.
          http.close();
          http.closeIdleConnections();
          const grpcDone =
            grpcServer === undefined
              ? Promise.resolve()
              : new Promise<void>((r) => grpcServer!.tryShutdown(() => r()));
          await gate.drain(drainTimeoutMs);
          http.closeAllConnections();
          // Replies of the drained calls are queued; give them a moment to flush before forcing.
          const flushed = await Promise.race([grpcDone.then(() => true), delay(1000).then(() => false)]);
          if (!flushed) grpcServer?.forceShutdown();
          if (metricsServer !== undefined) {
            metricsServer.closeAllConnections();
            await new Promise<void>((r) => metricsServer!.close(() => r()));
          }
          await runtime.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await closeOpened();
    await runtime.close();
    throw err;
  }
}
