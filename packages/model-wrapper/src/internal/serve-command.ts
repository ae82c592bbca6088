// `seldon-microservice <module>[:Export] [options]`: the counterpart of the reference's
// seldon-core-microservice (05 §1). Flags win over PREDICTIVE_UNIT_* environment variables,
// which win over the defaults; the effective configuration is logged once at startup. Without
// <module>, MODEL_NAME and SERVICE_TYPE are read as the reference's s2i images read them.
import { parseArgs } from 'node:util';
import { WrapperError } from '../errors.js';
import { parseParameters, type ComponentParameters } from '../parameters.js';
import { parseComponentReference } from '../loader.js';
import { startMicroservice, type Microservice, type MicroserviceOptions } from '../microservice.js';
import type { ParametersEvent } from './parameters-watch.js';

const USAGE = `Usage: seldon-microservice <module>[:Export] [options]
       seldon-microservice build <dir> --tag IMAGE [options]   (see build --help)

  <module>               a .js, .mjs or .ts file; its default export (or :Export) is the component
                         (env MODEL_NAME when absent, as in the reference's s2i images)
  --service-type T       MODEL | ROUTER | TRANSFORMER | OUTPUT_TRANSFORMER | COMBINER (informational;
                         env SERVICE_TYPE)
  --http-port N          REST port (env PREDICTIVE_UNIT_HTTP_SERVICE_PORT, default 9000)
  --grpc-port N          gRPC port (env PREDICTIVE_UNIT_GRPC_SERVICE_PORT, default 5000)
  --metrics-port N       metrics port (env PREDICTIVE_UNIT_METRICS_SERVICE_PORT, default 6000)
  --parameters JSON      [{"name","value","type"}...] (env PREDICTIVE_UNIT_PARAMETERS)
  --parameters-file F    the same JSON in a file, watched: a change reaches the running component
                         (env PREDICTIVE_UNIT_PARAMETERS_FILE; the operator mounts one per node)
  --log-level L          DEBUG | INFO | WARNING | ERROR (env SELDON_LOG_LEVEL, default INFO)
  --workers N            worker threads for CPU-bound components; 1 = main thread (env GUNICORN_WORKERS)
  --max-message-bytes N  largest REST body / gRPC message (default 104857600)
  --max-in-flight N      concurrent requests before 429 / RESOURCE_EXHAUSTED (default 1024, 0 = unlimited)
  --host H               interface to listen on (default 0.0.0.0)
  --grpc-workers N       0 disables gRPC (env GRPC_WORKERS)
  --persistence N        deprecated, ignored
  --debug --tracing --threads --max-requests --max-requests-jitter --keepalive --single-threaded
  --pidfile --access-log --grpc-threads
                         accepted for compatibility with seldon-core-microservice, ignored
`;

const LEVELS = { DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40 } as const;
type Level = keyof typeof LEVELS;

function fail(message: string, code = 255): never {
  process.stderr.write(`seldon-microservice: ${message}\n`);
  process.exit(code);
}

function intFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) fail(`--${name} ${raw} is not an integer`);
  return n;
}

const OUTCOMES = {
  updated: 'applied in place (updateParameters)',
  replaced: 'applied: a new instance serves',
  unchanged: 'not applied: the component is an object, which takes no parameters',
} as const;

function logParameters(log: Log, event: ParametersEvent): void {
  if (event.kind === 'applied')
    log('INFO', `parameters changed to ${JSON.stringify(event.parameters)}: ${OUTCOMES[event.outcome]}`);
  else if (event.kind === 'rejected')
    log(
      'ERROR',
      `parameters changed but were refused, the previous ones still serve: ${event.error.code}: ${event.error.message}`,
    );
  else log(event.level === 'warn' ? 'WARNING' : 'DEBUG', event.message);
}

/** The flags `serveCommand` knows; unknown ones are refused. */
const KNOWN_FLAGS = {
  'service-type': { type: 'string' },
  'http-port': { type: 'string' },
  'grpc-port': { type: 'string' },
  'metrics-port': { type: 'string' },
  parameters: { type: 'string' },
  'parameters-file': { type: 'string' },
  'log-level': { type: 'string' },
  workers: { type: 'string' },
  'max-message-bytes': { type: 'string' },
  'max-in-flight': { type: 'string' },
  host: { type: 'string' },
  persistence: { type: 'string' },
  'grpc-workers': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  // Accepted for command-line compatibility with seldon-core-microservice; no effect here.
  debug: { type: 'boolean' },
  tracing: { type: 'string' },
  threads: { type: 'string' },
  'max-requests': { type: 'string' },
  'max-requests-jitter': { type: 'string' },
  keepalive: { type: 'string' },
  'single-threaded': { type: 'string' },
  pidfile: { type: 'string' },
  'access-log': { type: 'boolean' },
  'grpc-threads': { type: 'string' },
} as const;

const IGNORED_FLAGS = [
  'debug',
  'tracing',
  'threads',
  'max-requests',
  'max-requests-jitter',
  'keepalive',
  'single-threaded',
  'pidfile',
  'access-log',
  'grpc-threads',
];

const SERVICE_TYPES = [
  'MODEL',
  'ROUTER',
  'TRANSFORMER',
  'OUTPUT_TRANSFORMER',
  'COMBINER',
  'OUTLIER_DETECTOR',
];

/** Parsed flag values (strict: false, so any flag may be a string or a boolean). */
type Flags = Record<string, string | boolean | (string | boolean)[] | undefined>;
type Log = (level: Level, message: string) => void;

/** Serves one component until SIGTERM/SIGINT; `args` are the command line after the program name. */
export async function serveCommand(args: string[]): Promise<void> {
  const command = readCommandLine(args);
  if (command === undefined) return;
  const { values, component } = command;
  const env = process.env;
  const log = createLog(env, values);
  const serviceType = checkServiceType(values, env, log);
  logIgnoredFlags(values, log);

  // Without --parameters, startMicroservice reads the parameters file, else PREDICTIVE_UNIT_PARAMETERS.
  const parameters = parametersFlag(values);
  const { module, exportName } = parseComponentReference(component);
  const options = microserviceOptions(values, env, log);
  log('INFO', `starting ${module}${exportName ? `:${exportName}` : ''} as ${serviceType}`);
  // Errors are logged here, where the component runs: the caller (an executor) sees only the body.
  const unit = env.PREDICTIVE_UNIT_ID ? `unit "${env.PREDICTIVE_UNIT_ID}"` : `component ${component}`;
  options.onError = (report) => {
    const head = `${unit} ${report.method} failed: ${report.error.code}: ${report.error.message}`;
    if (report.serverError) log('ERROR', `${head}\n${report.stack ?? ''}`.trimEnd());
    else log('DEBUG', head);
  };
  let service;
  try {
    service = await startMicroservice({ module, exportName, parameters }, options);
  } catch (err) {
    const code = err instanceof WrapperError ? err.code : 'ERROR';
    const cause = (err as Error).cause;
    const stack = cause instanceof Error && cause.stack !== undefined ? `\n${cause.stack}` : '';
    fail(`${code}: ${unit}: ${(err as Error).message}${stack}`, 1);
  }
  announceReady(service, options, log);
  stopOnSignals(service, log);
}

/**
 * The flags and the one component reference (the s2i convention: an image's MODEL_NAME names
 * it when the command line does not); exits on unknown arguments; undefined after `--help`.
 */
function readCommandLine(args: string[]): { values: Flags; component: string } | undefined {
  const { values, positionals, tokens } = parseArgs({
    args,
    options: KNOWN_FLAGS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const unknown = tokens
    .filter((t) => t.kind === 'option' && !(t.name in KNOWN_FLAGS))
    .map((t) => (t.kind === 'option' ? t.rawName : ''));
  if (values.help === true) {
    process.stdout.write(USAGE);
    return undefined;
  }
  const env = process.env;
  const components = positionals.length === 0 && env.MODEL_NAME ? [env.MODEL_NAME] : positionals;
  if (components.length !== 1 || unknown.length > 0) {
    const extra = [...components.slice(1), ...unknown];
    fail(
      components.length === 0
        ? `missing <module>\n${USAGE}`
        : `Unknown args [${extra.map((a) => `'${a}'`).join(', ')}]. Note since 1.5.0 this CLI does not take API type (REST, GRPC)`,
    );
  }
  return { values, component: components[0] };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A stderr logger at the level of SELDON_LOG_LEVEL, else --log-level, else INFO. */
function createLog(env: NodeJS.ProcessEnv, values: Flags): Log {
  const levelName = (env.SELDON_LOG_LEVEL || str(values['log-level']) || 'INFO').toUpperCase();
  if (!(levelName in LEVELS)) fail(`--log-level ${levelName} must be one of DEBUG, INFO, WARNING, ERROR`);
  const threshold = LEVELS[levelName as Level];
  return (level, message) => {
    if (LEVELS[level] >= threshold)
      process.stderr.write(`${new Date().toISOString()} ${level} seldon-microservice: ${message}\n`);
  };
}

/** The service type (--service-type, else SERVICE_TYPE, else MODEL), warned about when unknown. */
function checkServiceType(values: Flags, env: NodeJS.ProcessEnv, log: Log): string {
  const serviceType = (str(values['service-type']) ?? (env.SERVICE_TYPE || 'MODEL')).toUpperCase();
  if (!SERVICE_TYPES.includes(serviceType)) {
    // Informational only (every endpoint is served), so an unexpected value is not fatal.
    log(
      'WARNING',
      `--service-type ${serviceType} is not one of MODEL, ROUTER, TRANSFORMER, OUTPUT_TRANSFORMER, COMBINER`,
    );
  }
  return serviceType;
}

function logIgnoredFlags(values: Flags, log: Log): void {
  if (values.persistence !== undefined) log('INFO', 'Persistence: ignored, persistence is deprecated');
  for (const flag of IGNORED_FLAGS)
    if (values[flag] !== undefined) log('INFO', `--${flag}: accepted for compatibility, ignored`);
}

/** The --parameters JSON, parsed; exits with status 1 when it is invalid. */
function parametersFlag(values: Flags): ComponentParameters | undefined {
  try {
    const flag = str(values.parameters);
    return flag === undefined ? undefined : parseParameters(flag);
  } catch (err) {
    fail(`${(err as Error).message}`, 1);
  }
}

/** The microservice options the flags (then the s2i environment) set. */
function microserviceOptions(values: Flags, env: NodeJS.ProcessEnv, log: Log): MicroserviceOptions {
  const workersRaw = intFlag('workers', str(values.workers) ?? env.GUNICORN_WORKERS) ?? 1;
  const grpcDisabled = (str(values['grpc-workers']) ?? env.GRPC_WORKERS) === '0';
  return {
    httpPort: intFlag('http-port', str(values['http-port'])),
    grpcPort: grpcDisabled ? null : intFlag('grpc-port', str(values['grpc-port'])),
    metricsPort: intFlag('metrics-port', str(values['metrics-port'])),
    maxMessageBytes: intFlag('max-message-bytes', str(values['max-message-bytes'])),
    maxInFlight: intFlag('max-in-flight', str(values['max-in-flight'])),
    host: str(values.host),
    workers: workersRaw > 1 ? workersRaw : 0,
    parametersFile: str(values['parameters-file']),
    onParameters: (event) => logParameters(log, event),
  };
}

/** Logs readiness, checks the metadata in the background, and prints the machine-readable ready line. */
function announceReady(service: Microservice, options: MicroserviceOptions, log: Log): void {
  log('INFO', `parameters ${JSON.stringify(service.parameters)}`);
  log(
    'INFO',
    `ready: http ${service.httpPort}, grpc ${service.grpcPort < 0 ? 'disabled' : service.grpcPort}, metrics ${service.metricsPort}` +
      `${(options.workers ?? 0) > 0 ? `, ${options.workers} worker threads` : ''}`,
  );
  service.runtime.metadata().catch((err: Error & { cause?: unknown }) => {
    log(
      'WARNING',
      `model metadata is invalid (GET /metadata answers 500): ${err.cause instanceof Error ? err.cause.message : err.message}`,
    );
  });
  // Machine-readable line for supervisors and tests that start us with port 0.
  process.stdout.write(
    `${JSON.stringify({ event: 'ready', httpPort: service.httpPort, grpcPort: service.grpcPort, metricsPort: service.metricsPort, pid: process.pid })}\n`,
  );
}

/** SIGTERM and SIGINT drain in-flight requests, then exit 0 (1 when shutdown fails). */
function stopOnSignals(service: Microservice, log: Log): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log('INFO', `${signal}: draining in-flight requests`);
    service.close().then(
      () => {
        log('INFO', 'stopped');
        process.exit(0);
      },
      (err: Error) => fail(`shutdown failed: ${err.message}`, 1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
