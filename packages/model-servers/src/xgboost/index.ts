export { XGBoostServer } from './server.js';
export type { XGBoostServerParameters, XGBoostServerOptions } from './server.js';
export { XGBoostBooster } from './booster.js';
export type { XGBoostModelInfo, PredictOptions, Prediction } from './booster.js';
export {
  loadBooster,
  parseModelBytes,
  sniffModelFormat,
  resolveModelUri,
  MODEL_FILE_NAMES,
  DEFAULT_MAX_MODEL_BYTES,
} from './model-file.js';
export type { ModelFormat, ReadModelOptions } from './model-file.js';
export { OBJECTIVES } from './objectives.js';
export type { ObjectiveSpec, BaseScoreLink, OutputTransform } from './objectives.js';
export { decodeUbjson } from './ubjson.js';
export type { UbjValue, UbjsonOptions } from './ubjson.js';
