// Public surface of @seldon-ts/crd-types.
export type {
  SeldonApiVersion,
  SeldonApiVersionString,
  KnownPredictiveUnitType,
  PredictiveUnitType,
  BuiltinImplementation,
  ExecutorImplementation,
  PrepackagedServer,
  PredictiveUnitImplementation,
  KnownPredictiveUnitMethod,
  PredictiveUnitMethod,
  EndpointType,
  ParameterType,
  LoggerMode,
  Protocol,
  Transport,
  ServerType,
  ExplainerType,
  IntOrString,
  ObjectMeta,
  EnvVar,
  ContainerPort,
  VolumeMount,
  ResourceRequirements,
  Container,
  PodSpec,
  Endpoint,
  Parameter,
  Logger,
  PredictiveUnit,
  SeldonHpaSpec,
  SeldonScaledObjectSpec,
  SeldonPdbSpec,
  SeldonPodSpec,
  SvcOrchSpec,
  SSL,
  Explainer,
  PredictorSpec,
  SeldonDeploymentSpec,
  StatusState,
  ConditionType,
  DeploymentStatus,
  ServiceStatus,
  Condition,
  SeldonAddressable,
  SeldonDeploymentStatus,
  SeldonDeployment,
  SeldonDeploymentList,
} from './types.js';
export * from './constants.js';

export { walkGraph, findNode, findContainer } from './graph.js';
export type { VisitedNode } from './graph.js';

export { crdErrorCatalogue, CrdError } from './errors.js';
export type { CrdErrorCode } from './errors.js';

export { seldonDeploymentSpecSchema, seldonDeploymentStatusSchema } from './schema.js';
export type { JsonSchema } from './schema.js';

export { ANNOTATION_NO_ENGINE, ANNOTATION_SVC_NAME, ANNOTATION_SEPARATE_ENGINE } from './annotations.js';

export { validateSeldonDeployment, pointerToFieldPath, DEFAULT_MAX_GRAPH_DEPTH } from './validate.js';
export type { ValidationError, ValidationResult, ValidationOptions } from './validate.js';

export { defaultSeldonDeployment, PODINFO_VOLUME_NAME, PODINFO_VOLUME_PATH } from './defaults.js';
export type { DefaultingOptions } from './defaults.js';

export {
  DEFAULT_PREDICTOR_SERVERS,
  SELDON_TS_XGBOOST_SERVER_IMAGE,
  isPrepackaged,
  prepackagedImage,
} from './prepackaged.js';
export type { PredictorImageConfig, PredictorServersConfig } from './prepackaged.js';

export {
  parseSeldonDeployment,
  parseSeldonDeployments,
  formatValidationError,
  formatValidationErrors,
  formatAdmissionMessage,
} from './manifest.js';
export type { ParseOptions } from './manifest.js';

export {
  MAX_NAME_LENGTH,
  isValidName,
  isValidLabelValue,
  toKubernetesName,
  toLabelValue,
  truncateName,
  seldonId,
  predictorServiceName,
  containerServiceName,
  deploymentName,
  svcOrchDeploymentName,
  explainerName,
  containerServiceLabelKey,
  modelInitializerName,
  provisionLocationVolumeName,
  namespaceOf,
} from './naming.js';
export type { NameKind, SdepRef, PredictorRef } from './naming.js';
export { findUnknownFields, formatUnknownField, nearestName } from './unknown-fields.js';
export type { UnknownField } from './unknown-fields.js';
