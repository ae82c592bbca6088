// resolveConfig: command-line flags, environment and the pod annotations file into one validated
// EngineConfig. Precedence, per setting: flag > environment variable > annotations file > default.
// Each group of settings is read by one function below; normalizeConfig then fills and checks.
import { readFileSync } from 'node:fs';
import { annotationOptions, DEFAULT_ANNOTATIONS_PATH, readAnnotations } from './annotations.js';
import {
  DEFAULT_CORS_HEADERS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SPOOL_MAX_BYTES,
  DEFAULT_SPOOL_MEMORY_BYTES,
  LOG_LEVELS,
} from './defaults.js';
import { parseFlags } from './flags.js';
import { kafkaSecurityFromEnv } from './kafka-security.js';
import { kafkaServerOptions } from './kafka-server.js';
import { normalizeConfig } from './normalize.js';
import {
  GRPC_CONNECTION_OPTIONS,
  HTTP_LIMIT_OPTIONS,
  NODE_CALL_OPTIONS,
  numericOptions,
} from './numeric-options.js';
import { loadPredictor, type LoadedSpec } from './predictor-file.js';
import { settingSource, type Env, type SettingSource } from './source.js';
import { tracingFromEnv } from './tracing.js';
import type { ConfigFiles, EngineConfig, EngineOptions, EngineProtocol, LogLevel } from './types.js';
import { invalid, parseBool, parseDurationMs, parseIntStrict } from './values.js';

/**
 * Resolves the engine configuration from command-line flags, environment and the pod annotations
 * file. Precedence: flag > env > annotations file > default. Throws EngineError naming the
 * offending source on any invalid value, or an invalid graph (naming the node).
 */
export function resolveConfig(
  argv: readonly string[],
  env: Env = process.env,
  files: ConfigFiles = {},
): EngineConfig {
  const readFile = files.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const { flags, positional } = parseFlags(argv);
  const source = settingSource(flags, env);
  const annotations = readAnnotations(
    source.flag('annotations_file') ?? files.annotationsPath ?? DEFAULT_ANNOTATIONS_PATH,
    readFile,
  );
  // The predictor: --file / positional path first, else ENGINE_PREDICTOR.
  const file = source.flag('file') || positional[0];
  const loaded = loadPredictor(file, source.flag('predictor'), env, readFile);

  const options: EngineOptions = {
    ...predictorOptions(source, loaded, file),
    ...listenerOptions(source),
    ...shutdownOptions(source),
    ...loggingOptions(source),
    ...requestLimitOptions(source),
    annotations,
    payloadLogger: payloadLoggerOptions(source),
    cors: {
      allowedOrigins: env.CORS_ALLOWED_ORIGINS || '*',
      allowedHeaders: env.CORS_ALLOWED_HEADERS || DEFAULT_CORS_HEADERS,
    },
    ...annotationOptions(annotations),
    tls: tlsFromEnv(env),
  };
  if (options.serverType === 'kafka') options.kafka = kafkaServerOptions(source, annotations);
  options.kafkaSecurity = kafkaSecurityFromEnv(env, readFile);
  options.tracing = tracingFromEnv(env);
  return normalizeConfig(options);
}

/** The predictor and the deployment it belongs to: flags and env first, then what its file says. */
function predictorOptions(
  source: SettingSource,
  loaded: LoadedSpec,
  file: string | undefined,
): EngineOptions {
  const { flag, pick } = source;
  return {
    predictor: loaded.predictor,
    deploymentName: pick('sdep', 'SELDON_DEPLOYMENT_ID') ?? loaded.deploymentName,
    namespace: pick('namespace', 'POD_NAMESPACE') ?? loaded.namespace ?? 'default',
    predictorName: flag('predictor') || loaded.predictor.name,
    protocol: (pick('protocol') ?? loaded.protocol ?? 'seldon') as EngineProtocol,
    transport: (pick('transport') ?? loaded.transport ?? 'rest') as EngineConfig['transport'],
    serverType: (pick('server_type') ?? loaded.serverType ?? 'rpc') as EngineConfig['serverType'],
    graphFile: file || undefined,
    watchGraphFile: file ? parseBool(flag('watch') ?? 'true', '--watch') : false,
  };
}

/** Where the servers listen and what they serve besides predictions. */
function listenerOptions({ flag, pick }: SettingSource): EngineOptions {
  return {
    host: pick('host') ?? '0.0.0.0',
    httpPort: parseIntStrict(pick('http_port') ?? '8080', '--http_port'),
    grpcPort: parseIntStrict(pick('grpc_port') ?? '5000', '--grpc_port'),
    hostname: pick('hostname', 'POD_NAME') ?? 'localhost',
    prometheusPath: pick('prometheus_path') ?? '/metrics',
    fullHealthChecks: parseBool(flag('full_health_checks') ?? 'false', '--full_health_checks'),
    graphPage: parseBool(pick('graph_page', 'SELDON_ENGINE_GRAPH_PAGE') ?? 'false', '--graph_page'),
  };
}

/** How the engine stops: grace period, delay before draining, and idle-connection drain. */
function shutdownOptions({ flag }: SettingSource): EngineOptions {
  return {
    gracefulTimeoutMs: parseDurationMs(flag('graceful_timeout') ?? '15s', '--graceful_timeout'),
    shutdownDelayMs: parseDurationMs(flag('shutdown_delay') ?? '0', '--shutdown_delay'),
    idleDrainMs: parseDurationMs(flag('idle_drain') ?? '2s', '--idle_drain'),
  };
}

/** Debug mode, log level (`WARN` read as `WARNING`) and routing injection. */
function loggingOptions({ pick, env }: SettingSource): EngineOptions {
  const debug = parseBool(pick('debug', 'SELDON_DEBUG') ?? 'false', '--debug / SELDON_DEBUG');
  const logLevel = (pick('log_level', 'SELDON_LOG_LEVEL') ?? 'INFO').toUpperCase();
  if (!LOG_LEVELS.includes(logLevel))
    throw invalid(
      `--log_level / SELDON_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, FATAL, got "${logLevel}"`,
    );
  return {
    debug,
    logLevel: (logLevel === 'WARN' ? 'WARNING' : logLevel) as LogLevel,
    routingInjection: (env.SELDON_ENABLE_ROUTING_INJECTION ?? '') !== '',
  };
}

/** Body, header, concurrency and time limits of requests, and the node-call and gRPC tables. */
function requestLimitOptions(source: SettingSource): EngineOptions {
  const { pick } = source;
  return {
    maxBodyBytes: parseIntStrict(
      pick('max_body_bytes', 'SELDON_ENGINE_MAX_BODY_BYTES') ?? String(DEFAULT_MAX_BODY_BYTES),
      '--max_body_bytes',
      1,
    ),
    maxInFlight: parseIntStrict(
      pick('max_in_flight', 'SELDON_ENGINE_MAX_IN_FLIGHT') ?? '10000',
      '--max_in_flight',
      1,
    ),
    ...numericOptions(GRPC_CONNECTION_OPTIONS, pick),
    ...numericOptions(HTTP_LIMIT_OPTIONS, pick),
    ...numericOptions(NODE_CALL_OPTIONS, pick),
    maxHeaderBytes: parseIntStrict(
      pick('max_header_bytes', 'SELDON_ENGINE_MAX_HEADER_BYTES') ?? '16384',
      '--max_header_bytes',
      1024,
    ),
    requestTimeoutMs: parseIntStrict(
      pick('request_timeout_ms', 'SELDON_ENGINE_REQUEST_TIMEOUT_MS') ?? '0',
      '--request_timeout_ms',
    ),
  };
}

/** The payload ("request") logger: queue, workers, sink and disk spool. */
function payloadLoggerOptions({ pick, env }: SettingSource): EngineOptions['payloadLogger'] {
  return {
    workers: parseIntStrict(pick('logger_workers') ?? '10', '--logger_workers', 1),
    queueSize: parseIntStrict(pick('log_work_buffer_size') ?? '10000', '--log_work_buffer_size', 1),
    writeTimeoutMs: parseIntStrict(pick('log_write_timeout_ms') ?? '2000', '--log_write_timeout_ms', -1e12),
    defaultEndpoint: env.REQUEST_LOGGER_DEFAULT_ENDPOINT || undefined,
    kafkaBroker: pick('log_kafka_broker', 'LOGGER_KAFKA_BROKER'),
    kafkaTopic: pick('log_kafka_topic', 'LOGGER_KAFKA_TOPIC') ?? 'seldon',
    spoolDir: pick('log_spool_dir', 'LOGGER_SPOOL_DIR') || undefined,
    spoolMaxBytes: parseIntStrict(
      pick('log_spool_max_bytes', 'LOGGER_SPOOL_MAX_BYTES') ?? String(DEFAULT_SPOOL_MAX_BYTES),
      '--log_spool_max_bytes',
      1,
    ),
    spoolFsyncMs: parseIntStrict(pick('log_spool_fsync_ms') ?? '1000', '--log_spool_fsync_ms', 1),
    spoolMemoryBytes: parseIntStrict(
      pick('log_spool_memory_bytes') ?? String(DEFAULT_SPOOL_MEMORY_BYTES),
      '--log_spool_memory_bytes',
      0,
    ),
  };
}

/** TLS for both listeners from the mounted certificate directory SELDON_CERT_MOUNT_PATH. */
function tlsFromEnv(env: Env): EngineConfig['tls'] {
  const certPath = env.SELDON_CERT_MOUNT_PATH;
  if (!certPath) return undefined;
  const dir = certPath.replace(/\/$/, '');
  return {
    certFile: `${dir}/${env.SELDON_CERT_FILE_NAME || 'tls.crt'}`,
    keyFile: `${dir}/${env.SELDON_CERT_KEY_FILE_NAME || 'tls.key'}`,
  };
}
