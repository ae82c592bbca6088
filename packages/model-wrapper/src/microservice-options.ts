// The options of `startMicroservice`: their type, their defaults, and their resolution (option >
// environment (05 §1) > pod annotations (05 §7) > default), validated once at start.
import { WrapperError } from './errors.js';
import { readTextIfPresent } from './mounted-file.js';
import type { ComponentRuntimeOptions } from './runtime.js';
import type { ParametersEvent } from './internal/parameters-watch.js';

/** Options of `startMicroservice`. Unset values come from the environment (05 §1), then these defaults. */
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

/** Every option with its effective value. */
export interface MicroserviceSettings {
  env: NodeJS.ProcessEnv;
  host: string;
  httpPort: number;
  /** `null`: gRPC disabled. */
  grpcPort: number | null;
  /** `null`: no metrics server. */
  metricsPort: number | null;
  metricsPath: string;
  maxMessageBytes: number;
  restTimeoutMs: number;
  maxInFlight: number;
  workers: number;
  passthrough: boolean;
  grpcReflection: boolean;
  drainTimeoutMs: number;
  parametersFile: string | undefined;
}

/** Resolves and validates every option; throws `SC_ERR_WRAPPER_BAD_OPTION` naming the first bad one. */
export function resolveMicroserviceSettings(options: MicroserviceOptions): MicroserviceSettings {
  const env = options.env ?? process.env;
  const annotations = readAnnotations(options.annotationsPath ?? '/etc/podinfo/annotations');
  const passthroughEnv = (env.PAYLOAD_PASSTHROUGH ?? '').toLowerCase();
  return {
    env,
    host: options.host ?? MICROSERVICE_DEFAULTS.host,
    ...resolvePorts(options, env),
    metricsPath:
      options.metricsPath ?? (env.PREDICTIVE_UNIT_METRICS_ENDPOINT || MICROSERVICE_DEFAULTS.metricsPath),
    maxMessageBytes: resolveMaxMessageBytes(options, annotations),
    restTimeoutMs: resolveRestTimeoutMs(options, annotations),
    maxInFlight: options.maxInFlight ?? MICROSERVICE_DEFAULTS.maxInFlight,
    workers: resolveWorkers(options),
    passthrough: options.payloadPassthrough ?? ['1', 'true', 't'].includes(passthroughEnv),
    grpcReflection: options.grpcReflection ?? MICROSERVICE_DEFAULTS.grpcReflection,
    drainTimeoutMs: options.drainTimeoutMs ?? MICROSERVICE_DEFAULTS.drainTimeoutMs,
    parametersFile: options.parametersFile ?? (env.PREDICTIVE_UNIT_PARAMETERS_FILE || undefined),
  };
}

function resolvePorts(
  options: MicroserviceOptions,
  env: NodeJS.ProcessEnv,
): Pick<MicroserviceSettings, 'httpPort' | 'grpcPort' | 'metricsPort'> {
  return {
    httpPort: checkPort(
      'httpPort',
      options.httpPort ?? envPort(env, 'PREDICTIVE_UNIT_HTTP_SERVICE_PORT', MICROSERVICE_DEFAULTS.httpPort),
    ),
    grpcPort:
      options.grpcPort === null
        ? null
        : checkPort(
            'grpcPort',
            options.grpcPort ??
              envPort(env, 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', MICROSERVICE_DEFAULTS.grpcPort),
          ),
    metricsPort:
      options.metricsPort === null
        ? null
        : checkPort(
            'metricsPort',
            options.metricsPort ??
              envPort(env, 'PREDICTIVE_UNIT_METRICS_SERVICE_PORT', MICROSERVICE_DEFAULTS.metricsPort),
          ),
  };
}

/** Option, else the annotation `seldon.io/grpc-max-message-size`, else the default. */
function resolveMaxMessageBytes(options: MicroserviceOptions, annotations: Record<string, string>): number {
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
  return maxMessageBytes;
}

/** Option, else the annotation `seldon.io/rest-timeout` (ms), else the default. */
function resolveRestTimeoutMs(options: MicroserviceOptions, annotations: Record<string, string>): number {
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
  return restTimeoutMs;
}

function resolveWorkers(options: MicroserviceOptions): number {
  const workers = options.workers ?? MICROSERVICE_DEFAULTS.workers;
  if (!Number.isInteger(workers) || workers < 0)
    throw new WrapperError('SC_ERR_WRAPPER_BAD_OPTION', `workers ${workers} must be an integer >= 0`);
  return workers;
}
