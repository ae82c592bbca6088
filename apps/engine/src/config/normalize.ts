// normalizeConfig: any partial configuration (the CLI's or a program's) filled with the documented
// defaults and validated once, graph included.
import type { PredictorSpec } from '@seldon-ts/crd-types';
import { EngineError } from '../errors.js';
import { validateGraph } from '../internal/graph-check.js';
import {
  DEFAULT_CORS_HEADERS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SPOOL_MAX_BYTES,
  DEFAULT_SPOOL_MEMORY_BYTES,
  PROTOCOLS,
} from './defaults.js';
import {
  checkNumericOptions,
  GRPC_CONNECTION_OPTIONS,
  HTTP_LIMIT_OPTIONS,
  NODE_CALL_OPTIONS,
} from './numeric-options.js';
import { checkPropagators, DEFAULT_PROPAGATORS } from './tracing.js';
import type {
  EngineConfig,
  EngineOptions,
  EngineProtocol,
  KafkaServerConfig,
  PayloadLoggerConfig,
  TracingConfig,
} from './types.js';
import { invalid } from './values.js';

/**
 * Fills defaults into a partial configuration and validates it once. startEngine calls it, so
 * programmatic callers get the same checks as the CLI.
 */
export function normalizeConfig(options: EngineOptions | EngineConfig): EngineConfig {
  const o = options as EngineOptions;
  const predictor = predictorOf(o);
  const predictorName = o.predictorName ?? predictor.name ?? 'default';
  const deploymentName = o.deploymentName ?? 'seldon-deployment';
  const namespace = o.namespace ?? 'default';
  const { protocol, transport, serverType } = servingMode(o);
  const httpPort = checkPort('httpPort', o.httpPort ?? 8080);
  const grpcPort = checkPort('grpcPort', o.grpcPort ?? 5000);
  const hostname = o.hostname ?? 'localhost';
  const prometheusPath = o.prometheusPath ?? '/metrics';
  const config: EngineConfig = {
    deploymentName,
    namespace,
    predictorName,
    predictor: { ...predictor, name: predictorName },
    protocol,
    transport,
    serverType,
    host: o.host ?? '0.0.0.0',
    httpPort,
    grpcPort,
    hostname,
    serverUrl: o.serverUrl ?? `http://${hostname}:${httpPort}/`,
    prometheusPath: prometheusPath.startsWith('/') ? prometheusPath : `/${prometheusPath}`,
    graphFile: o.graphFile,
    watchGraphFile: o.watchGraphFile ?? false,
    fullHealthChecks: o.fullHealthChecks ?? false,
    graphPage: o.graphPage ?? false,
    gracefulTimeoutMs: o.gracefulTimeoutMs ?? 15000,
    shutdownDelayMs: o.shutdownDelayMs ?? 0,
    idleDrainMs: o.idleDrainMs ?? 0,
    debug: o.debug ?? false,
    logLevel: o.logLevel ?? 'INFO',
    routingInjection: o.routingInjection ?? false,
    maxBodyBytes: o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    grpcMaxMessageBytes: o.grpcMaxMessageBytes ?? 2147483647,
    maxInFlight: o.maxInFlight ?? 10000,
    ...checkNumericOptions(GRPC_CONNECTION_OPTIONS, o),
    ...checkNumericOptions(HTTP_LIMIT_OPTIONS, o),
    ...checkNumericOptions(NODE_CALL_OPTIONS, o),
    maxHeaderBytes: o.maxHeaderBytes ?? 16384,
    requestTimeoutMs: o.requestTimeoutMs ?? 0,
    restTimeoutMs: o.restTimeoutMs ?? 0,
    grpcTimeoutMs: o.grpcTimeoutMs ?? 0,
    payloadLogger: payloadLoggerDefaults(o),
    kafka: kafkaDefaults(o.kafka, `${predictorName}.${deploymentName}.${namespace}`),
    kafkaSecurity: o.kafkaSecurity ?? {},
    tls: o.tls,
    cors: {
      allowedOrigins: o.cors?.allowedOrigins ?? '*',
      allowedHeaders: o.cors?.allowedHeaders ?? DEFAULT_CORS_HEADERS,
    },
    tracing: tracingDefaults(o.tracing),
    annotations: o.annotations ?? {},
  };
  validateGraph(config.predictor, config.transport);
  return config;
}

/** The predictor given, or one wrapping the bare graph given. */
function predictorOf(o: EngineOptions): PredictorSpec {
  if (o.predictor) return o.predictor;
  if (o.graph) return { name: o.predictorName ?? 'default', graph: o.graph };
  throw new EngineError('SC_ERR_ENGINE_PREDICTOR_NOT_FOUND', 'startEngine needs a predictor or a graph');
}

/** Protocol, transport and server type, each one of its allowed values. */
function servingMode(o: EngineOptions): Pick<EngineConfig, 'protocol' | 'transport' | 'serverType'> {
  const protocol = (o.protocol ?? 'seldon') as EngineProtocol;
  if (!PROTOCOLS.includes(protocol))
    throw invalid(`Protocol must be seldon, tensorflow or v2 (got "${protocol}")`);
  const transport = o.transport ?? 'rest';
  if (transport !== 'rest' && transport !== 'grpc')
    throw invalid(`Only rest and grpc supported (--transport got "${transport}")`);
  const serverType = o.serverType ?? 'rpc';
  if (serverType !== 'rpc' && serverType !== 'kafka')
    throw invalid(`--server_type must be rpc or kafka, got "${serverType}"`);
  if (serverType === 'kafka' && !o.kafka)
    throw invalid('serverType kafka needs kafka.broker, kafka.inputTopic and kafka.outputTopic');
  return { protocol, transport, serverType };
}

function checkPort(name: string, port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw invalid(`${name} must be an integer 0..65535, got ${port}`);
  return port;
}

function payloadLoggerDefaults(o: EngineOptions): PayloadLoggerConfig {
  const p = o.payloadLogger;
  return {
    workers: p?.workers ?? 10,
    queueSize: p?.queueSize ?? 10000,
    writeTimeoutMs: p?.writeTimeoutMs ?? 2000,
    sendTimeoutMs: p?.sendTimeoutMs ?? 60000,
    defaultEndpoint: p?.defaultEndpoint,
    kafkaBroker: p?.kafkaBroker,
    kafkaTopic: p?.kafkaTopic ?? 'seldon',
    spoolDir: p?.spoolDir,
    spoolMaxBytes: p?.spoolMaxBytes ?? DEFAULT_SPOOL_MAX_BYTES,
    spoolFsyncMs: p?.spoolFsyncMs ?? 1000,
    spoolMemoryBytes: p?.spoolMemoryBytes ?? DEFAULT_SPOOL_MEMORY_BYTES,
    maxEventBytes: p?.maxEventBytes ?? o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
}

/** Kafka server settings with the consumer group `<predictor>.<sdep>.<namespace>` unless given. */
function kafkaDefaults(
  kafka: KafkaServerConfig | undefined,
  defaultGroupId: string,
): KafkaServerConfig | undefined {
  if (!kafka) return undefined;
  const nodeTimeoutMs = kafka.nodeTimeoutMs ?? 60000;
  if (!(Number.isInteger(nodeTimeoutMs) && nodeTimeoutMs >= 0))
    throw invalid(`kafka.nodeTimeoutMs must be an integer >= 0 (ms), got ${nodeTimeoutMs}`);
  return { ...kafka, groupId: kafka.groupId || defaultGroupId, nodeTimeoutMs };
}

function tracingDefaults(tracing: Partial<TracingConfig> | undefined): TracingConfig {
  return {
    enabled: tracing?.enabled ?? false,
    serviceName: tracing?.serviceName ?? 'executor',
    exporter: tracing?.exporter ?? 'otlp',
    otlpEndpoint: tracing?.otlpEndpoint,
    propagators: checkPropagators(tracing?.propagators ?? DEFAULT_PROPAGATORS, 'tracing.propagators'),
  };
}
