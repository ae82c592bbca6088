// Object names come from @seldon-ts/crd-types so that the engine, the CLI and the operator agree on
// every Service host name (07 §2, with the crd-types rule for names over 63 characters).
export {
  containerServiceLabelKey,
  containerServiceName,
  deploymentName as componentDeploymentName,
  explainerName,
  predictorServiceName,
  seldonId,
  svcOrchDeploymentName,
  truncateName,
} from '@seldon-ts/crd-types';
