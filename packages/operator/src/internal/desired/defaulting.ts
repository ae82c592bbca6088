import { defaultSeldonDeployment as crdDefault, type SeldonDeployment } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';

export {
  PODINFO_VOLUME_NAME as PODINFO_VOLUME,
  PODINFO_VOLUME_PATH as PODINFO_PATH,
} from '@seldon-ts/crd-types';

export function engineSeparatePod(sdep: SeldonDeployment): boolean {
  return sdep.spec.annotations?.['seldon.io/engine-separate-pod'] === 'true';
}

/**
 * The defaulting of 06 §8 (from @seldon-ts/crd-types), applied in memory at every reconcile and never
 * written back, with the operator's port bases and `predictor_servers` config.
 */
export function defaultSeldonDeployment(input: SeldonDeployment, config: OperatorConfig): SeldonDeployment {
  return crdDefault(input, {
    httpPortStart: config.nodePorts.http,
    grpcPortStart: config.nodePorts.grpc,
    metricsPortStart: config.nodePorts.metrics,
    metricsPortName: config.nodePorts.metricsPortName,
    predictorServers: config.seldonConfig.predictorServers,
  });
}
