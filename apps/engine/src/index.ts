// Public surface of seldon-engine.
export { startEngine } from './engine.js';
export type { StartEngineOptions, EngineHandle } from './engine.js';
export {
  resolveConfig,
  normalizeConfig,
  formatConfig,
  parseAnnotations,
  DEFAULT_ANNOTATIONS_PATH,
  ENGINE_FLAGS,
} from './config.js';
export type {
  EngineConfig,
  EngineOptions,
  EngineProtocol,
  EngineFlagKind,
  EngineFlagName,
  LogLevel,
  KafkaSecurity,
  KafkaServerConfig,
  PayloadLoggerConfig,
  TracingConfig,
  ConfigFiles,
} from './config.js';
export { EngineError, ENGINE_ERRORS } from './errors.js';
// Full-graph Kafka mode: the proxy that serves one model (`seldon-engine kafka-proxy`).
export { startKafkaProxy, parseKafkaProxyArgs, KAFKA_PROXY_FLAGS } from './kafka-proxy.js';
export type { KafkaProxyOptions, KafkaProxyHandle } from './kafka-proxy.js';
export type { EngineErrorCode } from './errors.js';
export type { Readiness, EngineLogger, EngineLogLevel } from './internal/runtime.js';
// The local runner (`seldon-engine run`), for embedding and benchmarks; loaded on first call.
export { startLocalDeployment, runCommand } from './local-run.js';
export { RUN_OPTIONS, RUN_DEFAULTS } from './run/options.js';
export type { LocalDeployment, RunningPredictor, LocalRunOptions, RunOptionSpec } from './run/index.js';
