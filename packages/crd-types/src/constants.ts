// The SeldonDeployment enumerations alone (subpath `@seldon-ts/crd-types/constants`): for code that
// needs the list of built-in implementations or protocols without loading the package's validator
// (a 215 KB generated module), ajv or yaml, such as the engine of every pod.
export {
  SELDON_GROUP,
  SELDON_API_VERSIONS,
  PREDICTIVE_UNIT_TYPES,
  BUILTIN_IMPLEMENTATIONS,
  EXECUTOR_IMPLEMENTATIONS,
  PREPACKAGED_SERVERS,
  PREDICTIVE_UNIT_METHODS,
  ENDPOINT_TYPES,
  PARAMETER_TYPES,
  LOGGER_MODES,
  PROTOCOLS,
  TRANSPORTS,
  SERVER_TYPES,
  EXPLAINER_TYPES,
  STATUS_STATES,
  CONDITION_TYPES,
} from './types.js';
