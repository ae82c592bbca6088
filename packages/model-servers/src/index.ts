// @seldon-ts/model-servers: reusable model servers without Python, as model-wrapper components.
// `implementation: ONNX_SERVER` and `XGBOOST_SERVER` (docs/model-servers.md).
export { OnnxServer, ONNX_SERVER_DEFAULTS, ONNX_PLATFORM, loadOnnxRuntime } from './onnx/index.js';
export type {
  OnnxServerOptions,
  OnnxPrediction,
  OnnxServerParameters,
  OnnxElementType,
  ModelSignature,
  TensorSpec,
  Dim,
} from './onnx/index.js';
export { XGBoostServer, XGBoostBooster, loadBooster, parseModelBytes, OBJECTIVES } from './xgboost/index.js';
export type {
  XGBoostServerParameters,
  XGBoostServerOptions,
  XGBoostModelInfo,
  PredictOptions,
  Prediction,
  ModelFormat,
} from './xgboost/index.js';
export { MODEL_SERVER_ERRORS, ModelServerError } from './errors.js';
export type { ModelServerErrorCode } from './errors.js';
