// `desiredState`: everything the operator wants to exist for one SeldonDeployment (07 §3–§8), a pure
// function of the SeldonDeployment, the operator configuration and the facts read from the cluster.
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import type { KubeObject } from '../kube/client.js';
import type { ClusterFacts } from './cluster-facts.js';
import type { SdepContext } from './context.js';
import { defaultSeldonDeployment } from './defaulting.js';
import type { DesiredDeploymentInfo } from './deployments.js';
import { sdepVirtualService } from './istio.js';
import { metadataFor } from './metadata.js';
import { seldonId } from './names.js';
import { predictorContext, predictorObjects, type DesiredServiceInfo } from './predictor.js';

export type { DesiredDeploymentInfo } from './deployments.js';
export type { DesiredServiceInfo } from './predictor.js';

/** Everything the operator wants to exist for one SeldonDeployment. */
export interface DesiredState {
  seldonId: string;
  namespace: string;
  objects: KubeObject[];
  deployments: DesiredDeploymentInfo[];
  services: DesiredServiceInfo[];
  /** `status.address.url`. */
  address: string | undefined;
}

/**
 * Computes every object a SeldonDeployment should own (07 §3–§8). Pure: same input, same output;
 * `config` carries the operator environment and the parsed `seldon-config`; `facts` what the caller read
 * from the cluster (service-account Secrets for model-download credentials).
 */
export function desiredState(
  raw: SeldonDeployment,
  operatorConfig: OperatorConfig,
  facts: ClusterFacts = {},
): DesiredState {
  const config = { ...operatorConfig, ...facts };
  const sdep = defaultSeldonDeployment(raw, config);
  const ctx: SdepContext = {
    sdep,
    config,
    namespace: sdep.metadata.namespace!,
    seldonId: seldonId(sdep),
    meta: metadataFor(sdep),
  };
  const state: DesiredState = {
    seldonId: ctx.seldonId,
    namespace: ctx.namespace,
    objects: [],
    deployments: [],
    services: [],
    address: undefined,
  };
  sdep.spec.predictors.forEach((predictor, pIndex) => {
    const built = predictorObjects(predictorContext(ctx, predictor, pIndex));
    state.objects.push(...built.objects);
    state.deployments.push(...built.deployments);
    state.services.push(...built.services);
    state.address ??= built.address;
  });
  if (config.istio.enabled) state.objects.push(sdepVirtualService(ctx));
  return state;
}
