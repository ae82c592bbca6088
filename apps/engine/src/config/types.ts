// The shape of an engine's configuration: what resolveConfig and normalizeConfig produce, and the
// options startEngine accepts. Defaults are written on each field (docs/engine.md lists them too).
import type { PredictorSpec, PredictiveUnit } from '@seldon-ts/crd-types';

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
  /**
   * Most bytes of spooled events also kept in memory, so that senders keeping up with the writes
   * never read them back from disk; 0 reads every event from disk. `--log_spool_memory_bytes`.
   * Default 4194304 (4 MiB).
   */
  spoolMemoryBytes: number;
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
   * (comma-separated, `none` for no propagation), else `DEFAULT_PROPAGATORS` (config/tracing.ts) plus `b3multi`
   * when `JAEGER_TRACE_PROPAGATION_TYPE=b3`. Default `['jaeger', 'tracecontext', 'baggage']`.
   */
  propagators: PropagatorName[];
}

/** A trace propagator name as spelled in the standard `OTEL_PROPAGATORS` list. */
export type PropagatorName = 'tracecontext' | 'baggage' | 'jaeger' | 'b3' | 'b3multi';

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
   * `SELDON_ENGINE_NODE_CONNECT_RETRIES`. Default 2; `seldon-engine run` uses 7 (about 3.2 s, longer
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
