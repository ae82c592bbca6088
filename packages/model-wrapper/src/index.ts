export { WrapperError, SeldonMicroserviceError, WRAPPER_ERRORS, toWrapperError } from './errors.js';
export type {
  WrapperErrorCode,
  SeldonErrorBody,
  WrapperErrorOptions,
  SeldonMicroserviceErrorOptions,
} from './errors.js';
export { parseParameters, convertParameter } from './parameters.js';
export type { ParameterSpec, ParameterType, ComponentParameters } from './parameters.js';
export { NdArray } from './ndarray.js';
export type { NdArrayKind, NestedArray } from './ndarray.js';
export { SeldonResponse, COMPONENT_METHODS } from './types.js';
export type {
  SeldonComponent,
  SeldonComponentClass,
  ComponentInput,
  ComponentOutput,
  ComponentMetadata,
  ComponentMethod,
  ComponentModuleSpec,
  CustomMetric,
  ServiceType,
  Feedback,
  Meta,
  Metric,
  SeldonMessage,
  SeldonMessageList,
} from './types.js';
export { createComponentRuntime, checkComponentMethodNames, PYTHON_METHOD_NAMES } from './runtime.js';
export type {
  ComponentRuntime,
  ComponentRuntimeOptions,
  ComponentErrorReport,
  MetricsRecorder,
} from './runtime.js';
export { startMicroservice, readAnnotations, MICROSERVICE_DEFAULTS } from './microservice.js';
export type { Microservice, MicroserviceOptions } from './microservice.js';
export type { ReloadableRuntime, ParametersOutcome } from './internal/reloadable.js';
export type { ParametersEvent } from './internal/parameters-watch.js';
// createExpressRouter: `@seldon-ts/model-wrapper/express` (express is an optional peer dependency).
export { loadComponentModule, parseComponentReference } from './loader.js';
