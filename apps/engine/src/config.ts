// The one place that turns flags, environment, the pod annotations file and defaults into a validated
// EngineConfig. Precedence, per setting: flag > environment variable > annotations file > default.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { defaultSeldonDeployment } from '@seldon-ts/crd-types';
import type { Endpoint, PredictorSpec, PredictiveUnit, SeldonDeployment } from '@seldon-ts/crd-types';
import { EngineError } from './errors.js';
import { validateGraph } from './internal/graph-check.js';

export type EngineProtocol = 'seldon' | 'tensorflow' | 'v2' | 'kfserving';
export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'FATAL';

/** Kafka client security settings read from KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_* (04 §3). */
export interface KafkaSecurity {
  protocol?: 'SSL' | 'SASL_SSL' | 'SASL_PLAINTEXT' | 'PLAINTEXT';
  caPem?: string;
  certPem?: string;
  keyPem?: string;
  keyPassword?: string;
  saslMechanism?: string;
  saslUsername?: string;
  saslPassword?: string;
}

/** Payload ("request") logger settings (03 §1). */
export interface PayloadLoggerConfig {
  /** Concurrent senders. Flag `--logger_workers`. Default 10. */
  workers: number;
  /** Queue capacity in events. Flag `--log_work_buffer_size`. Default 10000. */
  queueSize: number;
  /** How long an event may wait for queue space before it is dropped, ms; <= 0 drops at once. Flag `--log_write_timeout_ms`. Default 2000. */
  writeTimeoutMs: number;
  /** Per-event HTTP send timeout, ms. Default 60000 (the reference's). */
  sendTimeoutMs: number;
  /** URL used when a node's `logger.url` is unset. Env `REQUEST_LOGGER_DEFAULT_ENDPOINT`. */
  defaultEndpoint?: string;
  /** When set, every event goes to this Kafka broker list instead of HTTP. Flag `--log_kafka_broker`, env `LOGGER_KAFKA_BROKER`. */
  kafkaBroker?: string;
  /** Kafka topic for events. Flag `--log_kafka_topic`, env `LOGGER_KAFKA_TOPIC`. Default `seldon`. */
  kafkaTopic: string;
  /**
   * Directory of the disk spool: events survive a slow or absent sink and an engine restart and are
   * retried until delivered (at least once). Unset: the in-memory queue (the reference's behaviour).
   * Flag `--log_spool_dir`, env `LOGGER_SPOOL_DIR`.
   */
  spoolDir?: string;
  /** Most bytes the spool holds; events past it are dropped and counted. `--log_spool_max_bytes`. Default 1073741824 (1 GiB). */
  spoolMaxBytes: number;
  /** How often spooled bytes are fsync'ed and the delivery cursor saved, ms. `--log_spool_fsync_ms`. Default 1000. */
  spoolFsyncMs: number;
  /** Largest content-decoded event body, bytes; a larger one is dropped and counted failed. Default: `maxBodyBytes`. */
  maxEventBytes: number;
}

/** Kafka server mode settings (04). */
export interface KafkaServerConfig {
  broker: string;
  inputTopic: string;
  outputTopic: string;
  /**
   * Every node call goes through Kafka topics (04 §6, docs/engine.md "Full-graph Kafka mode").
   * `--kafka_full_graph`, env `KAFKA_FULL_GRAPH` overrides the flag when set. Default false.
   */
  fullGraph: boolean;
  /**
   * Full-graph mode: how long a node call waits for its reply, ms; 0 = forever (the reference).
   * `--kafka_node_timeout_ms`, env `KAFKA_NODE_TIMEOUT_MS`, else annotation `seldon.io/rest-timeout`.
   * Default 60000.
   */
  nodeTimeoutMs?: number;
  /**
   * Full-graph mode: longest time the broker may hold a reply fetch open, ms (programmatic only).
   * Real brokers answer as soon as a reply arrives; librdkafka's mock cluster waits it out. Default 100.
   */
  fetchMaxWaitMs?: number;
  /** Messages processed concurrently. Default 4. */
  workers: number;
  /** When false, an input offset is committed only after its output was produced. Default true (reference). */
  autoCommit: boolean;
  /** Consumer group `<predictor>.<sdep>.<namespace>`. */
  groupId: string;
  /** After the brokers have been unreachable this long, ms, the engine exits with a clear message. Default 60000. */
  outageExitMs: number;
}

/** Tracing settings; tracing is off unless an OTLP endpoint or OTEL_TRACES_EXPORTER=otlp|console is configured. */
export interface TracingConfig {
  enabled: boolean;
  /** OTEL_SERVICE_NAME, else JAEGER_SERVICE_NAME, else `executor`. */
  serviceName: string;
  /** `otlp` or `console`. */
  exporter: 'otlp' | 'console';
  /** OTLP/HTTP traces URL; default from OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT (read by the exporter). */
  otlpEndpoint?: string;
  /**
   * Trace-context formats read from requests and written into node calls, in extract order (a later
   * one wins when several headers are present); empty = no propagation. Env `OTEL_PROPAGATORS`
   * (comma-separated, `none` for no propagation), else {@link DEFAULT_PROPAGATORS} plus `b3multi`
   * when `JAEGER_TRACE_PROPAGATION_TYPE=b3`. Default `['jaeger', 'tracecontext', 'baggage']`.
   */
  propagators: PropagatorName[];
}

/** A trace propagator name as spelled in the standard `OTEL_PROPAGATORS` list. */
export type PropagatorName = 'tracecontext' | 'baggage' | 'jaeger' | 'b3' | 'b3multi';
const PROPAGATOR_NAMES: readonly PropagatorName[] = ['tracecontext', 'baggage', 'jaeger', 'b3', 'b3multi'];
/** Jaeger and W3C both read and written, so an engine joins either kind of mesh without configuration. */
export const DEFAULT_PROPAGATORS: readonly PropagatorName[] = Object.freeze([
  'jaeger',
  'tracecontext',
  'baggage',
]);

/** The complete, validated configuration of one engine. Print it with {@link formatConfig}. */
export interface EngineConfig {
  /** SeldonDeployment name. `--sdep`, env `SELDON_DEPLOYMENT_ID`, else the file's `metadata.name`. */
  deploymentName: string;
  /** `--namespace`, env `POD_NAMESPACE`, else the file's namespace, else `default`. */
  namespace: string;
  /** Predictor name (`--predictor`, else the only predictor of the file, else the spec's name). */
  predictorName: string;
  predictor: PredictorSpec;
  protocol: EngineProtocol;
  transport: 'rest' | 'grpc';
  serverType: 'rpc' | 'kafka';
  /** Listen address of both servers. `--host`. Default `0.0.0.0`. */
  host: string;
  /** `--http_port`, default 8080; 0 picks a free port. */
  httpPort: number;
  /** `--grpc_port`, default 5000; 0 picks a free port. */
  grpcPort: number;
  /** `--hostname`, env `POD_NAME`, else `localhost`. */
  hostname: string;
  /** CloudEvents `Ce-Source`: `http://<hostname>:<httpPort>/`. */
  serverUrl: string;
  /** `--prometheus_path`, default `/metrics`. */
  prometheusPath: string;
  /** Graph file (`--file` or positional), watched for changes when `watchGraphFile`. */
  graphFile?: string;
  /** Reload the graph when `graphFile` changes. `--watch`, default true when a file is given. */
  watchGraphFile: boolean;
  /** Readiness via the nodes' health endpoints instead of a TCP connect. Default false. */
  fullHealthChecks: boolean;
  /**
   * Serve the live graph page at `/graph` on the REST port and collect its per-node figures.
   * `--graph_page`, env `SELDON_ENGINE_GRAPH_PAGE`. Default false (`seldon-engine run` turns it on).
   */
  graphPage: boolean;
  /** Max wait for in-flight work after SIGTERM, ms. `--graceful_timeout` (Go duration or ms). Default 15000. */
  gracefulTimeoutMs: number;
  /** Sleep after the signal before draining, ms. `--shutdown_delay`. Default 0. */
  shutdownDelayMs: number;
  /**
   * While draining, how long kept-alive client connections may stay open, ms: each answer on them
   * closes its connection (`Connection: close`), so busy clients leave on their own and none has a
   * connection closed under a request it is sending; those still idle after this are closed.
   * `--idle_drain` (Go duration or ms), default 2000 for the `seldon-engine` command; the option's
   * default is 0 for embedders, whose close() then ends idle connections at once.
   */
  idleDrainMs: number;
  debug: boolean;
  logLevel: LogLevel;
  /** Env `SELDON_ENABLE_ROUTING_INJECTION` non-empty: write `meta.routing` into responses. */
  routingInjection: boolean;
  /** Largest accepted REST request body, bytes. `--max_body_bytes`. Default 104857600 (100 MiB). */
  maxBodyBytes: number;
  /** Largest gRPC message sent or received, bytes. Annotation `seldon.io/grpc-max-message-size`. Default 2147483647. */
  grpcMaxMessageBytes: number;
  /** Requests served at once; more get SC_ERR_ENGINE_OVERLOADED. `--max_in_flight`. Default 10000. */
  maxInFlight: number;
  /**
   * gRPC server keepalive: a connection without a PING from the server for this long gets one, ms;
   * 0 = no pings. `--grpc_keepalive_time_ms`, env `SELDON_ENGINE_GRPC_KEEPALIVE_TIME_MS`. Default 60000.
   */
  grpcKeepaliveTimeMs: number;
  /**
   * How long the server waits for a PING's acknowledgement before it closes the connection, ms
   * (at least 1). `--grpc_keepalive_timeout_ms`, env `SELDON_ENGINE_GRPC_KEEPALIVE_TIMEOUT_MS`. Default 20000.
   */
  grpcKeepaliveTimeoutMs: number;
  /**
   * A gRPC connection older than this (±10% jitter) is sent GOAWAY, so HTTP/2 clients reconnect and
   * spread over the pods again, ms; 0 = no limit. `--grpc_max_connection_age_ms`, env
   * `SELDON_ENGINE_GRPC_MAX_CONNECTION_AGE_MS`. Default 300000.
   */
  grpcMaxConnectionAgeMs: number;
  /**
   * After the max-age GOAWAY, how long calls still running on the old connection may take before it
   * is closed, ms; 0 = no limit. `--grpc_max_connection_age_grace_ms`, env
   * `SELDON_ENGINE_GRPC_MAX_CONNECTION_AGE_GRACE_MS`. Default 60000.
   */
  grpcMaxConnectionAgeGraceMs: number;
  /**
   * A gRPC connection without calls for this long is sent GOAWAY, ms; 0 = no limit (max age
   * already ends idle connections). `--grpc_max_connection_idle_ms`, env
   * `SELDON_ENGINE_GRPC_MAX_CONNECTION_IDLE_MS`. Default 0.
   */
  grpcMaxConnectionIdleMs: number;
  /** Largest REST request head (request line and headers), bytes; larger ones get 431. `--max_header_bytes`. Default 16384. */
  maxHeaderBytes: number;
  /**
   * Bytes of REST request bodies the process holds at once while they arrive (all connections
   * together); a body that would pass it is answered 503 with Retry-After. `--max_buffered_body_bytes`,
   * env `SELDON_ENGINE_MAX_BUFFERED_BODY_BYTES`. Default 536870912 (512 MiB).
   */
  maxBufferedBodyBytes: number;
  /**
   * An idle kept-alive REST connection is closed after this long, ms (the reference executor's 65 s).
   * `--http_keepalive_timeout_ms`, env `SELDON_ENGINE_HTTP_KEEPALIVE_TIMEOUT_MS`. Default 65000.
   */
  httpKeepAliveTimeoutMs: number;
  /**
   * A REST request head must arrive completely within this long, ms (408 otherwise).
   * `--http_headers_timeout_ms`, env `SELDON_ENGINE_HTTP_HEADERS_TIMEOUT_MS`. Default 60000.
   */
  httpHeadersTimeoutMs: number;
  /**
   * A whole REST request (head and body) must arrive within this long, ms (408 otherwise), so a client
   * sending its body slowly cannot hold memory for ever; 0 = no limit (the reference).
   * `--http_receive_timeout_ms`, env `SELDON_ENGINE_HTTP_RECEIVE_TIMEOUT_MS`. Default 300000.
   */
  httpReceiveTimeoutMs: number;
  /** Whole-request deadline, ms; 0 = none (reference). `--request_timeout_ms`. Default 0. */
  requestTimeoutMs: number;
  /**
   * Retries of a node call whose connection failed before the request was sent (refused: the node
   * is restarting), 25 ms then doubling. `--node_connect_retries`, env
   * `SELDON_ENGINE_NODE_CONNECT_RETRIES`. Default 2; `seldon-engine run` uses 5 (about 0.8 s, longer
   * than its first restart delay) so a component killed and restarted loses no calls.
   */
  nodeConnectRetries: number;
  /**
   * A node must send its whole answer within this long, ms, however it paces its bytes; 0 = no bound.
   * `--node_max_answer_ms`, env `SELDON_ENGINE_NODE_MAX_ANSWER_MS`. Default 300000.
   */
  nodeMaxAnswerMs: number;
  /** Per node REST call timeout, ms; 0 = none. Annotation `seldon.io/rest-timeout`. Default 0. */
  restTimeoutMs: number;
  /** Per node gRPC call deadline, ms; 0 = none. Annotation `seldon.io/grpc-timeout`. Default 0. */
  grpcTimeoutMs: number;
  payloadLogger: PayloadLoggerConfig;
  /** Present when `serverType` is `kafka`. */
  kafka?: KafkaServerConfig;
  kafkaSecurity: KafkaSecurity;
  /** TLS for both listeners, from `SELDON_CERT_MOUNT_PATH`. */
  tls?: { certFile: string; keyFile: string };
  cors: { allowedOrigins: string; allowedHeaders: string };
  tracing: TracingConfig;
  /** Pod annotations read from the annotations file. */
  annotations: Record<string, string>;
}

/** Where resolveConfig reads files from; tests substitute these. */
export interface ConfigFiles {
  /** Downward-API annotations file. Default `/etc/podinfo/annotations`; missing file = no annotations. */
  annotationsPath?: string;
  /** File reader. Default `fs.readFileSync(path, 'utf8')`. */
  readFile?: (path: string) => string;
}

/** Options accepted by startEngine: any subset of EngineConfig plus a predictor or graph. */
export type EngineOptions = Partial<Omit<EngineConfig, 'payloadLogger' | 'cors' | 'tracing'>> & {
  payloadLogger?: Partial<PayloadLoggerConfig>;
  cors?: Partial<EngineConfig['cors']>;
  tracing?: Partial<TracingConfig>;
  /** A bare graph instead of a predictor; wrapped as predictor `predictorName` (default `default`). */
  graph?: PredictiveUnit;
};

const DEFAULT_CORS_HEADERS =
  'Accept, Accept-Encoding, Authorization, Content-Length, Content-Type, X-CSRF-Token';
const PROTOCOLS: readonly EngineProtocol[] = ['seldon', 'tensorflow', 'v2', 'kfserving'];
const LOG_LEVELS: readonly string[] = ['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'FATAL'];
export const DEFAULT_ANNOTATIONS_PATH = '/etc/podinfo/annotations';

/** How a serve flag takes its value. */
export type EngineFlagKind = 'string' | 'bool';

/** A flag name of the serve command (underscore spelling). */
export type EngineFlagName = keyof typeof ENGINE_FLAGS;

/**
 * Every flag of the serve command (underscore spelling, without dashes) and whether it is a boolean
 * switch (`--x`, `--x=false`) or takes a value (`--x v`, `--x=v`). docs/cli.md is checked against it.
 */
export const ENGINE_FLAGS = Object.freeze({
  sdep: 'string',
  namespace: 'string',
  predictor: 'string',
  http_port: 'string',
  grpc_port: 'string',
  protocol: 'string',
  transport: 'string',
  server_type: 'string',
  file: 'string',
  hostname: 'string',
  host: 'string',
  prometheus_path: 'string',
  logger_workers: 'string',
  log_work_buffer_size: 'string',
  log_write_timeout_ms: 'string',
  log_spool_dir: 'string',
  log_spool_max_bytes: 'string',
  log_spool_fsync_ms: 'string',
  log_kafka_broker: 'string',
  log_kafka_topic: 'string',
  kafka_broker: 'string',
  kafka_input_topic: 'string',
  kafka_output_topic: 'string',
  kafka_full_graph: 'bool',
  kafka_node_timeout_ms: 'string',
  kafka_workers: 'string',
  kafka_auto_commit: 'bool',
  kafka_outage_exit_ms: 'string',
  full_health_checks: 'bool',
  graph_page: 'bool',
  graceful_timeout: 'string',
  shutdown_delay: 'string',
  idle_drain: 'string',
  debug: 'bool',
  log_level: 'string',
  config: 'string',
  watch: 'bool',
  max_body_bytes: 'string',
  max_in_flight: 'string',
  grpc_keepalive_time_ms: 'string',
  http_keepalive_timeout_ms: 'string',
  http_headers_timeout_ms: 'string',
  http_receive_timeout_ms: 'string',
  node_connect_retries: 'string',
  node_max_answer_ms: 'string',
  max_buffered_body_bytes: 'string',
  grpc_keepalive_timeout_ms: 'string',
  grpc_max_connection_age_ms: 'string',
  grpc_max_connection_age_grace_ms: 'string',
  grpc_max_connection_idle_ms: 'string',
  max_header_bytes: 'string',
  request_timeout_ms: 'string',
  annotations_file: 'string',
} as const satisfies Record<string, EngineFlagKind>);

interface ParsedArgs {
  flags: Map<string, string>;
  positional: string[];
}

/** Go `flag` syntax: `-x`/`--x`, `--x=v` or `--x v`; booleans take `--x` or `--x=false`. */
export function parseFlags(argv: readonly string[]): ParsedArgs {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    const name = rawName.replace(/-/g, '_');
    const kind = Object.hasOwn(ENGINE_FLAGS, name) ? ENGINE_FLAGS[name as EngineFlagName] : undefined;
    if (!kind)
      throw new EngineError(
        'SC_ERR_ENGINE_CONFIG_INVALID',
        `unknown flag ${arg.split('=')[0]} (see seldon-engine --help)`,
      );
    if (eq >= 0) flags.set(name, body.slice(eq + 1));
    else if (kind === 'bool') flags.set(name, 'true');
    else {
      if (i + 1 >= argv.length)
        throw new EngineError('SC_ERR_ENGINE_CONFIG_INVALID', `flag --${rawName} needs a value`);
      flags.set(name, argv[++i]);
    }
  }
  return { flags, positional };
}

/** Parses the Downward-API annotations file: lines `key="value"`, split at the first `=`. */
export function parseAnnotations(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    let value = trimmed.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    out[trimmed.slice(0, eq).trim()] = value;
  }
  return out;
}

function invalid(message: string): EngineError {
  return new EngineError('SC_ERR_ENGINE_CONFIG_INVALID', message);
}

function parseIntStrict(value: string, what: string, min = 0): number {
  if (!/^-?\d+$/.test(value.trim())) throw invalid(`${what} must be an integer, got "${value}"`);
  const n = Number(value.trim());
  if (n < min) throw invalid(`${what} must be >= ${min}, got ${n}`);
  return n;
}

function parseBool(value: string, what: string): boolean {
  const v = value.trim().toLowerCase();
  if (['1', 't', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'f', 'false', 'no', 'off'].includes(v)) return false;
  throw invalid(`${what} must be a boolean (true/false), got "${value}"`);
}

/** Go durations (`15s`, `500ms`, `1m30s`) or a bare number of milliseconds. */
export function parseDurationMs(value: string, what: string): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60000,
    h: 3600000,
  };
  let total = 0;
  let rest = v;
  const re = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/;
  if (!rest) throw invalid(`${what} must be a duration like 15s or 500ms, got "${value}"`);
  while (rest) {
    const m = re.exec(rest);
    if (!m) throw invalid(`${what} must be a duration like 15s or 500ms, got "${value}"`);
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

interface LoadedSpec {
  predictor: PredictorSpec;
  deploymentName?: string;
  namespace?: string;
  protocol?: string;
  transport?: string;
  serverType?: string;
  annotations?: Record<string, string>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a SeldonDeployment (YAML or JSON), a bare PredictorSpec, or a bare graph (a PredictiveUnit)
 * and returns the predictor named `predictorName` (or the only one).
 */
export function loadPredictorFile(
  path: string,
  predictorName: string | undefined,
  readFile: (p: string) => string,
): LoadedSpec {
  const ext = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext))
    throw invalid(`Unsupported file type ${ext || '(none)'} for ${path}: use .yaml, .yml or .json`);
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    throw new EngineError(
      'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
      `cannot read graph file ${path}: ${(err as Error).message}`,
    );
  }
  let docs: unknown[];
  try {
    docs = parseDocuments(text);
  } catch (err) {
    throw invalid(`${path} is not valid YAML/JSON: ${(err as Error).message}`);
  }
  const sdep = docs.find((d) => isRecord(d) && d.kind === 'SeldonDeployment') ?? docs[0];
  if (!isRecord(sdep)) throw invalid(`${path} holds no SeldonDeployment, predictor or graph object`);
  if (isRecord(sdep.spec) && Array.isArray(sdep.spec.predictors)) {
    let spec = sdep.spec;
    if (sdep.kind === 'SeldonDeployment') {
      // The reference executor takes the predictor exactly as written. A hand-written manifest
      // often leaves endpoints, ports and types out, so those gaps get the operator's defaults;
      // what the file does say is kept.
      let defaulted: SeldonDeployment;
      try {
        defaulted = defaultSeldonDeployment(sdep as unknown as SeldonDeployment);
      } catch (err) {
        throw new EngineError(
          'SC_ERR_ENGINE_GRAPH_INVALID',
          `${path}: invalid SeldonDeployment: ${(err as Error).message}`,
        );
      }
      const written = spec.predictors as PredictorSpec[];
      spec = {
        ...defaulted.spec,
        predictors: defaulted.spec.predictors.map((p, i) => ({
          ...p,
          graph: keepWrittenNode(written[i].graph, p.graph),
        })),
      } as unknown as Record<string, unknown>;
    }
    const predictors = spec.predictors as PredictorSpec[];
    const meta = isRecord(sdep.metadata) ? sdep.metadata : {};
    let predictor: PredictorSpec | undefined;
    if (predictorName) predictor = predictors.find((p) => p?.name === predictorName);
    else if (predictors.length === 1) predictor = predictors[0];
    else {
      throw new EngineError(
        'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
        `${path} has ${predictors.length} predictors (${predictors.map((p) => p?.name).join(', ')}): choose one with --predictor`,
      );
    }
    if (!predictor)
      throw new EngineError(
        'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
        `Predictor not found ${predictorName} in ${path} (have: ${predictors.map((p) => p?.name).join(', ')})`,
      );
    return {
      predictor,
      deploymentName: typeof meta.name === 'string' ? meta.name : undefined,
      namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
      protocol: typeof spec.protocol === 'string' ? spec.protocol : undefined,
      transport: typeof spec.transport === 'string' ? spec.transport : undefined,
      serverType: typeof spec.serverType === 'string' ? spec.serverType : undefined,
      annotations: isRecord(spec.annotations) ? (spec.annotations as Record<string, string>) : undefined,
    };
  }
  if (isRecord(sdep.graph)) return { predictor: sdep as unknown as PredictorSpec };
  if (typeof sdep.name === 'string') {
    const base = basename(path, ext);
    return {
      predictor: { name: predictorName ?? 'default', graph: sdep as unknown as PredictiveUnit },
      deploymentName: base,
    };
  }
  throw invalid(
    `${path} holds no SeldonDeployment (spec.predictors), predictor (graph) or graph node (name)`,
  );
}

/**
 * The documents of a graph file. JSON (the operator mounts `predictor.json`) is read with
 * JSON.parse: YAML's parser reads it too, but costs a pod's engine a large share of its start-up.
 * Anything else, or JSON that does not parse, goes to the YAML parser (which names the error).
 */
function parseDocuments(text: string): unknown[] {
  if (text.trimStart().startsWith('{')) {
    try {
      return [JSON.parse(text) as unknown];
    } catch {
      // Flow-style YAML, or broken JSON: the YAML parser reads the one and explains the other.
    }
  }
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw d.errors[0];
      return d.toJS() as unknown;
    })
    .filter((d) => d != null);
}

/** A node as written, with the defaulted node's values only where the file says nothing. */
function keepWrittenNode(written: PredictiveUnit, defaulted: PredictiveUnit): PredictiveUnit {
  const node: PredictiveUnit = { ...defaulted, ...written };
  const endpoint = keepWrittenEndpoint(written.endpoint, defaulted.endpoint);
  if (endpoint) node.endpoint = endpoint;
  if (written.children)
    node.children = written.children.map((child, i) => keepWrittenNode(child, defaulted.children![i]));
  return node;
}

const ENDPOINT_PORTS = ['service_port', 'httpPort', 'grpcPort'] as const;

/**
 * The written endpoint, completed by the defaulted one. A port written by hand is the node's
 * address: the operator's allocated ports are then left out, because the node clients prefer
 * `httpPort`/`grpcPort` to `service_port` and would call the allocated port instead.
 */
function keepWrittenEndpoint(
  written: Endpoint | undefined,
  defaulted: Endpoint | undefined,
): Endpoint | undefined {
  if (!written || !defaulted) return written ?? defaulted;
  const endpoint: Endpoint = { ...defaulted, ...written };
  if (ENDPOINT_PORTS.some((port) => written[port] !== undefined))
    for (const port of ENDPOINT_PORTS) if (written[port] === undefined) delete endpoint[port];
  return endpoint;
}

function decodeEnginePredictor(value: string): PredictorSpec {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch (err) {
    throw invalid(`ENGINE_PREDICTOR is not base64-encoded JSON: ${(err as Error).message}`);
  }
  if (!isRecord(json) || !isRecord(json.graph))
    throw invalid('ENGINE_PREDICTOR must be a PredictorSpec with a "graph" object');
  return json as unknown as PredictorSpec;
}

/** Kafka security settings from KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_* (also used by `kafka-proxy`). */
export function kafkaSecurityFromEnv(
  env: Record<string, string | undefined>,
  readFile: (p: string) => string,
): KafkaSecurity {
  const protocol = (env.KAFKA_SECURITY_PROTOCOL ?? '').toUpperCase();
  const sec: KafkaSecurity = {};
  if (!protocol) return sec;
  if (!['SSL', 'SASL_SSL', 'SASL_PLAINTEXT', 'PLAINTEXT'].includes(protocol)) {
    throw invalid(
      `KAFKA_SECURITY_PROTOCOL must be PLAINTEXT, SSL, SASL_SSL or SASL_PLAINTEXT, got "${env.KAFKA_SECURITY_PROTOCOL}"`,
    );
  }
  sec.protocol = protocol as KafkaSecurity['protocol'];
  const fromFile = (p: string | undefined, what: string) => {
    if (!p) return undefined;
    try {
      return readFile(p);
    } catch (err) {
      throw invalid(`${what} ${p} cannot be read: ${(err as Error).message}`);
    }
  };
  if (protocol === 'SSL' || protocol === 'SASL_SSL') {
    sec.caPem = env.KAFKA_SSL_CA_CERT || fromFile(env.KAFKA_SSL_CA_CERT_FILE, 'KAFKA_SSL_CA_CERT_FILE');
    sec.certPem =
      env.KAFKA_SSL_CLIENT_CERT || fromFile(env.KAFKA_SSL_CLIENT_CERT_FILE, 'KAFKA_SSL_CLIENT_CERT_FILE');
    sec.keyPem =
      env.KAFKA_SSL_CLIENT_KEY || fromFile(env.KAFKA_SSL_CLIENT_KEY_FILE, 'KAFKA_SSL_CLIENT_KEY_FILE');
    sec.keyPassword = env.KAFKA_SSL_CLIENT_KEY_PASS || undefined;
  }
  if (protocol === 'SASL_SSL' || protocol === 'SASL_PLAINTEXT') {
    sec.saslMechanism = env.KAFKA_SASL_MECHANISM || 'PLAIN';
    sec.saslUsername = env.KAFKA_SASL_USERNAME || undefined;
    sec.saslPassword = env.KAFKA_SASL_PASSWORD || undefined;
  }
  return sec;
}

/**
 * Resolves the engine configuration from command-line flags, environment and the pod annotations
 * file. Precedence: flag > env > annotations file > default. Throws EngineError naming the
 * offending source on any invalid value, or an invalid graph (naming the node).
 */
export function resolveConfig(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
  files: ConfigFiles = {},
): EngineConfig {
  const readFile = files.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const { flags, positional } = parseFlags(argv);
  const flag = (name: string) => flags.get(name);
  const pick = (flagName: string, envName?: string) => {
    const f = flag(flagName);
    if (f !== undefined && f !== '') return f;
    const e = envName ? env[envName] : undefined;
    return e !== undefined && e !== '' ? e : undefined;
  };

  const annotationsPath = flag('annotations_file') ?? files.annotationsPath ?? DEFAULT_ANNOTATIONS_PATH;
  let annotations: Record<string, string> = {};
  try {
    annotations = parseAnnotations(readFile(annotationsPath));
  } catch {
    // No annotations file outside Kubernetes is the normal case.
  }

  // The predictor: --file / positional path first, else ENGINE_PREDICTOR.
  const file = flag('file') || positional[0];
  let loaded: LoadedSpec;
  if (file) loaded = loadPredictorFile(file, flag('predictor'), readFile);
  else if (env.ENGINE_PREDICTOR) loaded = { predictor: decodeEnginePredictor(env.ENGINE_PREDICTOR) };
  else
    throw new EngineError(
      'SC_ERR_ENGINE_PREDICTOR_NOT_FOUND',
      'Predictor not found, enviroment variable ENGINE_PREDICTOR not set (or pass --file <SeldonDeployment.yaml>)',
    );

  const options: EngineOptions = {
    predictor: loaded.predictor,
    deploymentName: pick('sdep', 'SELDON_DEPLOYMENT_ID') ?? loaded.deploymentName,
    namespace: pick('namespace', 'POD_NAMESPACE') ?? loaded.namespace ?? 'default',
    predictorName: flag('predictor') || loaded.predictor.name,
    protocol: (pick('protocol') ?? loaded.protocol ?? 'seldon') as EngineProtocol,
    transport: (pick('transport') ?? loaded.transport ?? 'rest') as EngineConfig['transport'],
    serverType: (pick('server_type') ?? loaded.serverType ?? 'rpc') as EngineConfig['serverType'],
    host: pick('host') ?? '0.0.0.0',
    httpPort: parseIntStrict(pick('http_port') ?? '8080', '--http_port'),
    grpcPort: parseIntStrict(pick('grpc_port') ?? '5000', '--grpc_port'),
    hostname: pick('hostname', 'POD_NAME') ?? 'localhost',
    prometheusPath: pick('prometheus_path') ?? '/metrics',
    graphFile: file || undefined,
    watchGraphFile: file ? parseBool(flag('watch') ?? 'true', '--watch') : false,
    fullHealthChecks: parseBool(flag('full_health_checks') ?? 'false', '--full_health_checks'),
    graphPage: parseBool(pick('graph_page', 'SELDON_ENGINE_GRAPH_PAGE') ?? 'false', '--graph_page'),
    gracefulTimeoutMs: parseDurationMs(flag('graceful_timeout') ?? '15s', '--graceful_timeout'),
    shutdownDelayMs: parseDurationMs(flag('shutdown_delay') ?? '0', '--shutdown_delay'),
    idleDrainMs: parseDurationMs(flag('idle_drain') ?? '2s', '--idle_drain'),
    debug: parseBool(pick('debug', 'SELDON_DEBUG') ?? 'false', '--debug / SELDON_DEBUG'),
    logLevel: (pick('log_level', 'SELDON_LOG_LEVEL') ?? 'INFO').toUpperCase() as LogLevel,
    routingInjection: (env.SELDON_ENABLE_ROUTING_INJECTION ?? '') !== '',
    maxBodyBytes: parseIntStrict(
      pick('max_body_bytes', 'SELDON_ENGINE_MAX_BODY_BYTES') ?? String(100 * 1024 * 1024),
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
    annotations,
    payloadLogger: {
      workers: parseIntStrict(pick('logger_workers') ?? '10', '--logger_workers', 1),
      queueSize: parseIntStrict(pick('log_work_buffer_size') ?? '10000', '--log_work_buffer_size', 1),
      writeTimeoutMs: parseIntStrict(pick('log_write_timeout_ms') ?? '2000', '--log_write_timeout_ms', -1e12),
      defaultEndpoint: env.REQUEST_LOGGER_DEFAULT_ENDPOINT || undefined,
      kafkaBroker: pick('log_kafka_broker', 'LOGGER_KAFKA_BROKER'),
      kafkaTopic: pick('log_kafka_topic', 'LOGGER_KAFKA_TOPIC') ?? 'seldon',
      spoolDir: pick('log_spool_dir', 'LOGGER_SPOOL_DIR') || undefined,
      spoolMaxBytes: parseIntStrict(
        pick('log_spool_max_bytes', 'LOGGER_SPOOL_MAX_BYTES') ?? String(1024 * 1024 * 1024),
        '--log_spool_max_bytes',
        1,
      ),
      spoolFsyncMs: parseIntStrict(pick('log_spool_fsync_ms') ?? '1000', '--log_spool_fsync_ms', 1),
    },
    cors: {
      allowedOrigins: env.CORS_ALLOWED_ORIGINS || '*',
      allowedHeaders: env.CORS_ALLOWED_HEADERS || DEFAULT_CORS_HEADERS,
    },
  };
  if (!LOG_LEVELS.includes(options.logLevel as string))
    throw invalid(
      `--log_level / SELDON_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, FATAL, got "${options.logLevel}"`,
    );
  if ((options.logLevel as string) === 'WARN') options.logLevel = 'WARNING';

  const restTimeout = annotations['seldon.io/rest-timeout'];
  if (restTimeout !== undefined)
    options.restTimeoutMs = parseIntStrict(restTimeout, 'annotation seldon.io/rest-timeout (ms)');
  const grpcTimeout = annotations['seldon.io/grpc-timeout'];
  if (grpcTimeout !== undefined)
    options.grpcTimeoutMs = parseIntStrict(grpcTimeout, 'annotation seldon.io/grpc-timeout (ms)');
  const grpcMax = annotations['seldon.io/grpc-max-message-size'];
  if (grpcMax !== undefined)
    options.grpcMaxMessageBytes = parseIntStrict(
      grpcMax,
      'annotation seldon.io/grpc-max-message-size (bytes)',
      1,
    );

  const certPath = env.SELDON_CERT_MOUNT_PATH;
  if (certPath) {
    options.tls = {
      certFile: `${certPath.replace(/\/$/, '')}/${env.SELDON_CERT_FILE_NAME || 'tls.crt'}`,
      keyFile: `${certPath.replace(/\/$/, '')}/${env.SELDON_CERT_KEY_FILE_NAME || 'tls.key'}`,
    };
  }

  if (options.serverType === 'kafka') {
    const broker = pick('kafka_broker', 'KAFKA_BROKER');
    const inputTopic = pick('kafka_input_topic', 'KAFKA_INPUT_TOPIC');
    const outputTopic = pick('kafka_output_topic', 'KAFKA_OUTPUT_TOPIC');
    if (!broker) throw invalid('Required argument kafka_broker missing (--kafka_broker or KAFKA_BROKER)');
    if (!inputTopic)
      throw invalid('Required argument kafka_input_topic missing (--kafka_input_topic or KAFKA_INPUT_TOPIC)');
    if (!outputTopic)
      throw invalid(
        'Required argument kafka_output_topic missing (--kafka_output_topic or KAFKA_OUTPUT_TOPIC)',
      );
    options.kafka = {
      broker,
      inputTopic,
      outputTopic,
      // The reference lets KAFKA_FULL_GRAPH override the flag when set.
      fullGraph: parseBool(
        (env.KAFKA_FULL_GRAPH || undefined) ?? flag('kafka_full_graph') ?? 'false',
        '--kafka_full_graph / KAFKA_FULL_GRAPH',
      ),
      nodeTimeoutMs: parseIntStrict(
        pick('kafka_node_timeout_ms', 'KAFKA_NODE_TIMEOUT_MS') ??
          annotations['seldon.io/rest-timeout'] ??
          '60000',
        '--kafka_node_timeout_ms / KAFKA_NODE_TIMEOUT_MS',
      ),
      workers: parseIntStrict(
        pick('kafka_workers', 'KAFKA_WORKERS') ?? '4',
        '--kafka_workers / KAFKA_WORKERS',
        1,
      ),
      autoCommit: parseBool(
        pick('kafka_auto_commit', 'KAFKA_AUTO_COMMIT') ?? 'true',
        '--kafka_auto_commit / KAFKA_AUTO_COMMIT',
      ),
      groupId: '',
      outageExitMs: parseIntStrict(
        pick('kafka_outage_exit_ms', 'KAFKA_OUTAGE_EXIT_MS') ?? '60000',
        '--kafka_outage_exit_ms',
        1,
      ),
    };
  }
  options.kafkaSecurity = kafkaSecurityFromEnv(env, readFile);
  options.tracing = tracingFromEnv(env);
  return normalizeConfig(options);
}

function tracingFromEnv(env: Record<string, string | undefined>): TracingConfig {
  const exporterEnv = (env.OTEL_TRACES_EXPORTER ?? '').toLowerCase();
  const disabled = (env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true' || exporterEnv === 'none';
  const hasEndpoint = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const exporter: TracingConfig['exporter'] = exporterEnv === 'console' ? 'console' : 'otlp';
  return {
    enabled: !disabled && (hasEndpoint || exporterEnv === 'otlp' || exporterEnv === 'console'),
    serviceName: env.OTEL_SERVICE_NAME || env.JAEGER_SERVICE_NAME || 'executor',
    exporter,
    propagators: propagatorsFromEnv(env),
  };
}

/**
 * The trace propagators the environment asks for. `OTEL_PROPAGATORS` is taken exactly as given
 * (order kept, duplicates dropped, `none` = no propagation). Without it, the default reads and
 * writes Jaeger and W3C; the reference's `JAEGER_TRACE_PROPAGATION_TYPE=b3` adds Zipkin B3
 * multi-header (`X-B3-*`) last, so an incoming B3 context wins while W3C and Jaeger headers keep
 * being written for mixed meshes. Unknown names are refused, whether or not tracing is on.
 */
export function propagatorsFromEnv(env: Record<string, string | undefined>): PropagatorName[] {
  const list = env.OTEL_PROPAGATORS?.trim();
  if (list) {
    const names = list
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n !== '');
    if (names.includes('none')) return [];
    return checkPropagators(names, 'OTEL_PROPAGATORS');
  }
  const jaegerType = (env.JAEGER_TRACE_PROPAGATION_TYPE ?? '').trim().toLowerCase();
  return jaegerType === 'b3' ? [...DEFAULT_PROPAGATORS, 'b3multi'] : [...DEFAULT_PROPAGATORS];
}

function checkPropagators(names: readonly string[], what: string): PropagatorName[] {
  const unknown = names.filter((n) => !(PROPAGATOR_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw invalid(
      `${what}: unsupported propagator ${unknown.map((n) => `"${n}"`).join(', ')}; supported: ${PROPAGATOR_NAMES.join(', ')}, none`,
    );
  return [...new Set(names)] as PropagatorName[];
}

/**
 * Fills defaults into a partial configuration and validates it once. startEngine calls it, so
 * programmatic callers get the same checks as the CLI.
 */
export function normalizeConfig(options: EngineOptions | EngineConfig): EngineConfig {
  const o = options as EngineOptions;
  let predictor = o.predictor;
  if (!predictor && o.graph) predictor = { name: o.predictorName ?? 'default', graph: o.graph };
  if (!predictor)
    throw new EngineError('SC_ERR_ENGINE_PREDICTOR_NOT_FOUND', 'startEngine needs a predictor or a graph');
  const predictorName = o.predictorName ?? predictor.name ?? 'default';
  const deploymentName = o.deploymentName ?? 'seldon-deployment';
  const namespace = o.namespace ?? 'default';
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
  const httpPort = o.httpPort ?? 8080;
  const grpcPort = o.grpcPort ?? 5000;
  for (const [name, port] of [
    ['httpPort', httpPort],
    ['grpcPort', grpcPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw invalid(`${name} must be an integer 0..65535, got ${port}`);
  }
  const hostname = o.hostname ?? 'localhost';
  let prometheusPath = o.prometheusPath ?? '/metrics';
  if (!prometheusPath.startsWith('/')) prometheusPath = `/${prometheusPath}`;
  const payloadLogger: PayloadLoggerConfig = {
    workers: o.payloadLogger?.workers ?? 10,
    queueSize: o.payloadLogger?.queueSize ?? 10000,
    writeTimeoutMs: o.payloadLogger?.writeTimeoutMs ?? 2000,
    sendTimeoutMs: o.payloadLogger?.sendTimeoutMs ?? 60000,
    defaultEndpoint: o.payloadLogger?.defaultEndpoint,
    kafkaBroker: o.payloadLogger?.kafkaBroker,
    kafkaTopic: o.payloadLogger?.kafkaTopic ?? 'seldon',
    spoolDir: o.payloadLogger?.spoolDir,
    spoolMaxBytes: o.payloadLogger?.spoolMaxBytes ?? 1024 * 1024 * 1024,
    spoolFsyncMs: o.payloadLogger?.spoolFsyncMs ?? 1000,
    maxEventBytes: o.payloadLogger?.maxEventBytes ?? o.maxBodyBytes ?? 100 * 1024 * 1024,
  };
  const kafka = o.kafka
    ? {
        ...o.kafka,
        groupId: o.kafka.groupId || `${predictorName}.${deploymentName}.${namespace}`,
        nodeTimeoutMs: o.kafka.nodeTimeoutMs ?? 60000,
      }
    : undefined;
  if (kafka && !(Number.isInteger(kafka.nodeTimeoutMs) && kafka.nodeTimeoutMs >= 0))
    throw invalid(`kafka.nodeTimeoutMs must be an integer >= 0 (ms), got ${kafka.nodeTimeoutMs}`);

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
    prometheusPath,
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
    maxBodyBytes: o.maxBodyBytes ?? 100 * 1024 * 1024,
    grpcMaxMessageBytes: o.grpcMaxMessageBytes ?? 2147483647,
    maxInFlight: o.maxInFlight ?? 10000,
    ...checkNumericOptions(GRPC_CONNECTION_OPTIONS, o),
    ...checkNumericOptions(HTTP_LIMIT_OPTIONS, o),
    ...checkNumericOptions(NODE_CALL_OPTIONS, o),
    maxHeaderBytes: o.maxHeaderBytes ?? 16384,
    requestTimeoutMs: o.requestTimeoutMs ?? 0,
    restTimeoutMs: o.restTimeoutMs ?? 0,
    grpcTimeoutMs: o.grpcTimeoutMs ?? 0,
    payloadLogger,
    kafka,
    kafkaSecurity: o.kafkaSecurity ?? {},
    tls: o.tls,
    cors: {
      allowedOrigins: o.cors?.allowedOrigins ?? '*',
      allowedHeaders: o.cors?.allowedHeaders ?? DEFAULT_CORS_HEADERS,
    },
    tracing: {
      enabled: o.tracing?.enabled ?? false,
      serviceName: o.tracing?.serviceName ?? 'executor',
      exporter: o.tracing?.exporter ?? 'otlp',
      otlpEndpoint: o.tracing?.otlpEndpoint,
      propagators: checkPropagators(o.tracing?.propagators ?? DEFAULT_PROPAGATORS, 'tracing.propagators'),
    },
    annotations: o.annotations ?? {},
  };
  validateGraph(config.predictor, config.transport);
  return config;
}

/** The effective configuration as printable text (secrets masked), logged once at start. */
export function formatConfig(config: EngineConfig): string {
  const printable = {
    ...config,
    predictor: undefined,
    graph: summarizeGraph(config.predictor.graph),
    kafkaSecurity: {
      ...config.kafkaSecurity,
      keyPem: config.kafkaSecurity.keyPem ? '***' : undefined,
      keyPassword: config.kafkaSecurity.keyPassword ? '***' : undefined,
      saslPassword: config.kafkaSecurity.saslPassword ? '***' : undefined,
    },
  };
  return JSON.stringify(printable, null, 2);
}

function summarizeGraph(unit: PredictiveUnit): string {
  const kids = unit.children?.length ? `(${unit.children.map(summarizeGraph).join(', ')})` : '';
  return `${unit.name}${unit.type ? `:${unit.type}` : ''}${kids}`;
}

/**
 * A numeric option read like the gRPC and HTTP settings: config field, flag (env
 * `SELDON_ENGINE_<FLAG>`), default, least value, unit.
 */
type NumericOption = readonly [
  field: keyof EngineConfig,
  flag: string,
  fallback: number,
  min: number,
  unit: string,
];

/** The gRPC connection settings (docs/engine.md, "gRPC connections"). */
const GRPC_CONNECTION_OPTIONS = [
  ['grpcKeepaliveTimeMs', 'grpc_keepalive_time_ms', 60_000, 0, 'ms'],
  ['grpcKeepaliveTimeoutMs', 'grpc_keepalive_timeout_ms', 20_000, 1, 'ms'],
  ['grpcMaxConnectionAgeMs', 'grpc_max_connection_age_ms', 300_000, 0, 'ms'],
  ['grpcMaxConnectionAgeGraceMs', 'grpc_max_connection_age_grace_ms', 60_000, 0, 'ms'],
  ['grpcMaxConnectionIdleMs', 'grpc_max_connection_idle_ms', 0, 0, 'ms'],
] as const satisfies readonly NumericOption[];

/** The REST server's timeouts and the process-wide cap on buffered request bodies. */
const HTTP_LIMIT_OPTIONS = [
  ['httpKeepAliveTimeoutMs', 'http_keepalive_timeout_ms', 65_000, 1, 'ms'],
  ['httpHeadersTimeoutMs', 'http_headers_timeout_ms', 60_000, 1, 'ms'],
  ['httpReceiveTimeoutMs', 'http_receive_timeout_ms', 300_000, 0, 'ms'],
  ['maxBufferedBodyBytes', 'max_buffered_body_bytes', 512 * 1024 * 1024, 1, 'bytes'],
] as const satisfies readonly NumericOption[];

/** How the engine's node clients treat nodes that are restarting or that answer without end. */
const NODE_CALL_OPTIONS = [
  ['nodeConnectRetries', 'node_connect_retries', 2, 0, 'retries'],
  ['nodeMaxAnswerMs', 'node_max_answer_ms', 300_000, 0, 'ms'],
] as const satisfies readonly NumericOption[];

type FieldsOf<T extends readonly NumericOption[]> = T[number][0];

/**
 * The largest value of these options: node's timers take at most 2^31-1 ms, and grpc-js adds up to
 * 10% jitter to the max age. 1,900,000,000 ms is about 22 days (and bytes: 1.9 GB).
 */
const MAX_NUMERIC_OPTION = 1_900_000_000;

/** The options of `table` given by flag or environment (flag > env); defaults come later. */
function numericOptions<T extends readonly NumericOption[]>(
  table: T,
  pick: (flagName: string, envName?: string) => string | undefined,
): Partial<Record<FieldsOf<T>, number>> {
  const out: Partial<Record<FieldsOf<T>, number>> = {};
  for (const [field, flagName, , min, unit] of table) {
    const envName = `SELDON_ENGINE_${flagName.toUpperCase()}`;
    const value = pick(flagName, envName);
    const what = `--${flagName} / ${envName}`;
    if (value !== undefined)
      out[field as FieldsOf<T>] = checkNumeric(parseIntStrict(value, what, min), what, min, unit);
  }
  return out;
}

/** The options of `table` from any options object, defaulted and checked. */
function checkNumericOptions<T extends readonly NumericOption[]>(
  table: T,
  o: EngineOptions,
): Record<FieldsOf<T>, number> {
  const out = {} as Record<FieldsOf<T>, number>;
  for (const [field, flagName, fallback, min, unit] of table)
    out[field as FieldsOf<T>] = checkNumeric(
      (o[field] as number | undefined) ?? fallback,
      `${field} (--${flagName})`,
      min,
      unit,
    );
  return out;
}

function checkNumeric(value: number, what: string, min: number, unit: string): number {
  if (!Number.isInteger(value) || value < min || value > MAX_NUMERIC_OPTION)
    throw invalid(`${what} must be an integer from ${min} to ${MAX_NUMERIC_OPTION} (${unit}), got ${value}`);
  return value;
}
