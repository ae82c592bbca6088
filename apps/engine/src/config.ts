// The engine's configuration, one module per concern under config/: this file only re-exports them,
// so `./config.js` stays the one import for everything configuration.
// Precedence, per setting: flag > environment variable > annotations file > default.
export type {
  ConfigFiles,
  EngineConfig,
  EngineOptions,
  EngineProtocol,
  KafkaSecurity,
  KafkaServerConfig,
  LogLevel,
  PayloadLoggerConfig,
  PropagatorName,
  TracingConfig,
} from './config/types.js';
export { ENGINE_FLAGS, parseFlags } from './config/flags.js';
export type { EngineFlagKind, EngineFlagName, ParsedArgs } from './config/flags.js';
export { DEFAULT_ANNOTATIONS_PATH, parseAnnotations } from './config/annotations.js';
export { parseDurationMs } from './config/values.js';
export { loadPredictorFile } from './config/predictor-file.js';
export type { LoadedSpec } from './config/predictor-file.js';
export { kafkaSecurityFromEnv } from './config/kafka-security.js';
export { DEFAULT_PROPAGATORS, propagatorsFromEnv } from './config/tracing.js';
export { resolveConfig } from './config/resolve.js';
export { normalizeConfig } from './config/normalize.js';
export { formatConfig } from './config/format.js';
