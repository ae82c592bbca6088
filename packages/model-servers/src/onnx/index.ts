// The ONNX server: public surface (re-exported by the package's src/index.ts).
export { OnnxServer } from './server.js';
export type { OnnxServerOptions, OnnxPrediction } from './server.js';
export { ONNX_SERVER_DEFAULTS } from './parameters.js';
export type { OnnxServerParameters, ResolvedOnnxParameters } from './parameters.js';
export { ONNX_PLATFORM } from './metadata.js';
export { DEFAULT_MODEL_FILE, resolveModelFile } from './model-path.js';
export { loadOnnxRuntime } from './runtime-loader.js';
export type { OnnxElementType } from './dtypes.js';
export type { ModelSignature, TensorSpec, Dim } from './signature.js';
