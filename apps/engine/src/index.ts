// Public surface of seldon-engine.
export { startEngine } from './engine.js';
export type { StartEngineOptions, EngineHandle } from './engine.js';
export {
  resolveConfig,
  normalizeConfig,
  formatConfig,
  parseAnnotations,
  DEFAULT_ANNOTATIONS_PATH,
} from './config.js';
export type {
  EngineConfig,
  EngineOptions,
  EngineProtocol,
  LogLevel,
  KafkaSecurity,
  KafkaServerConfig,
  PayloadLoggerConfig,
  TracingConfig,
  ConfigFiles,
} from './config.js';
export { EngineError, ENGINE_ERRORS } from './errors.js';
export type { EngineErrorCode } from './errors.js';
export type { Readiness, EngineLogger, EngineLogLevel } from './internal/runtime.js';
