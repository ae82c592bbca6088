// `startMicroservice`: serve a component over REST, gRPC and metrics. Its options are in
// `microservice-options.ts`, its servers in `internal/servers.ts`.
import { toWrapperError } from './errors.js';
import { readTextIfPresent } from './mounted-file.js';
import { parseParameters, type ComponentParameters } from './parameters.js';
import type { ComponentRuntimeOptions } from './runtime.js';
import type { ComponentModuleSpec, SeldonComponent, SeldonComponentClass } from './types.js';
import {
  resolveMicroserviceSettings,
  type MicroserviceOptions,
  type MicroserviceSettings,
} from './microservice-options.js';
import { Gate } from './internal/gate.js';
import { WrapperMetrics } from './internal/metrics.js';
import type { RestContext } from './internal/rest-dispatch.js';
import { componentFactory, isModuleSpec } from './internal/component-factory.js';
import { ReloadableRuntime } from './internal/reloadable.js';
import { watchParameters } from './internal/parameters-watch.js';
import { closeServers, drainServers, startServers, type Servers } from './internal/servers.js';

export { MICROSERVICE_DEFAULTS, readAnnotations } from './microservice-options.js';
export type { MicroserviceOptions } from './microservice-options.js';

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
  const settings = resolveMicroserviceSettings(options);
  const metrics = new WrapperMetrics({
    env: settings.env,
    workerId: String(process.pid),
    timerBucketsSeconds: options.timerBucketsSeconds,
    requestBucketsSeconds: options.requestBucketsSeconds,
    requestMetrics: options.requestMetrics,
    processMetrics: options.processMetrics,
  });
  const { parametersFile } = settings;
  const fileText = parametersFile === undefined ? undefined : readTextIfPresent(parametersFile);
  const factory = await componentFactory(component, {
    workers: settings.workers,
    passthrough: settings.passthrough,
    env: settings.env,
    parameters:
      options.parameters ??
      (isModuleSpec(component) ? component.parameters : undefined) ??
      (fileText === undefined ? undefined : parseParameters(fileText)),
    runtimeOptions: runtimeOptionsOf(options, settings.env, metrics),
    metrics,
  });
  const runtime = new ReloadableRuntime(factory.initial, factory.build);
  await runtime.load();

  const gate = new Gate(settings.maxInFlight);
  const decodeOptions = { maxMessageBytes: settings.maxMessageBytes, rejectUnknownFields: false };
  const restCtx: RestContext = {
    runtime,
    gate,
    metrics,
    decodeOptions,
    maxMessageBytes: settings.maxMessageBytes,
    restTimeoutMs: settings.restTimeoutMs,
    passthrough: settings.passthrough ? passthroughHandler(runtime, options, settings.env) : undefined,
  };
  let servers: Servers | undefined;
  try {
    servers = await startServers(settings, restCtx, { runtime, gate, metrics, decodeOptions }, metrics);
    return serving(settings, options, { runtime, gate, servers, fileText, parameters: factory.parameters });
  } catch (err) {
    if (servers !== undefined) await closeServers(servers);
    await runtime.close();
    throw err;
  }
}

/** The options every component instance is built with. */
function runtimeOptionsOf(
  options: MicroserviceOptions,
  env: NodeJS.ProcessEnv,
  metrics: WrapperMetrics,
): ComponentRuntimeOptions {
  return {
    unitId: options.unitId,
    unitImage: options.unitImage,
    includeMetricsInResponse: options.includeMetricsInResponse,
    executorEnabled: options.executorEnabled,
    modelMetadata: options.modelMetadata,
    env,
    metrics,
    onError: options.onError,
  };
}

/**
 * PAYLOAD_PASSTHROUGH: the raw body goes to the component's `predictRaw`, whose failures are
 * reported like any other; undefined when the component has no `predictRaw`.
 */
function passthroughHandler(
  runtime: ReloadableRuntime,
  options: MicroserviceOptions,
  env: NodeJS.ProcessEnv,
): RestContext['passthrough'] {
  if (typeof runtime.instance?.predictRaw !== 'function') return undefined;
  return (body: string) =>
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
    });
}

/** What a serving microservice holds. */
interface Serving {
  runtime: ReloadableRuntime;
  gate: Gate;
  servers: Servers;
  /** The parameters file's text read at start. */
  fileText: string | undefined;
  /** The parameters the component started with. */
  parameters: ComponentParameters;
}

/** The running microservice: watches the parameters file and shuts everything down once. */
function serving(settings: MicroserviceSettings, options: MicroserviceOptions, state: Serving): Microservice {
  const { runtime, gate, servers, fileText } = state;
  let parameters = state.parameters;
  const watcher =
    settings.parametersFile === undefined
      ? undefined
      : watchParameters(settings.parametersFile, fileText, runtime, (event) => {
          if (event.kind === 'applied') parameters = event.parameters;
          options.onParameters?.(event);
        });
  let closing: Promise<void> | undefined;
  return {
    httpPort: servers.httpPort,
    grpcPort: servers.grpcPort,
    metricsPort: servers.metricsPort,
    runtime,
    get parameters() {
      return parameters;
    },
    close(): Promise<void> {
      closing ??= (async () => {
        watcher?.close();
        await drainServers(servers, gate, settings.drainTimeoutMs);
        await runtime.close();
      })();
      return closing;
    },
  };
}
