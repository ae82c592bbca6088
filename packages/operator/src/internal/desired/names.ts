// Object names come from @seldon-ts/crd-types so that the engine, the CLI and the operator agree on
// every Service host name (07 §2, with the crd-types rule for names over 63 characters).
import type { PredictorSpec, SeldonDeployment, SeldonPodSpec } from '@seldon-ts/crd-types';
import {
  containerServiceName as crdContainerServiceName,
  deploymentName,
  explainerName as crdExplainerName,
  predictorServiceName as crdPredictorServiceName,
  seldonId as crdSeldonId,
  svcOrchDeploymentName as crdSvcOrchDeploymentName,
  truncateName as crdTruncateName,
  containerServiceLabelKey,
} from '@seldon-ts/crd-types';

export { containerServiceLabelKey };

export const seldonId = (sdep: SeldonDeployment): string => crdSeldonId(sdep);
export const componentDeploymentName = (
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  index: number,
  spec: SeldonPodSpec,
): string => deploymentName(sdep, predictor, index, spec);
export const predictorServiceName = (sdep: SeldonDeployment, predictor: PredictorSpec): string =>
  crdPredictorServiceName(sdep, predictor);
export const containerServiceName = (
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  container: string,
): string => crdContainerServiceName(sdep, predictor, container);
export const svcOrchDeploymentName = (sdep: SeldonDeployment, predictor: PredictorSpec): string =>
  crdSvcOrchDeploymentName(sdep, predictor);
export const explainerName = (sdep: SeldonDeployment, predictor: PredictorSpec): string =>
  crdExplainerName(sdep, predictor);
export const truncateName = (name: string): string => crdTruncateName(name);
