// Object metadata shared by every kind the operator creates: the labels that mark objects as managed,
// the controller ownerReference, and the node-type labels of graph nodes.
import type { PredictiveUnit, SeldonDeployment } from '@seldon-ts/crd-types';
import type { KubeObject, OwnerReference } from '../kube/client.js';
import { seldonId } from './names.js';

export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'seldon-core';
export const SELDON_ID_LABEL = 'seldon-deployment-id';

/** Builds the metadata of one owned object: namespace, managed-by labels, annotations, owner. */
export type MetaFn = (
  name: string,
  labels: Record<string, string>,
  annotations?: Record<string, string>,
) => KubeObject['metadata'];

export function ownerReference(sdep: SeldonDeployment): OwnerReference {
  return {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    name: sdep.metadata.name!,
    uid: sdep.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * The {@link MetaFn} of a (defaulted) SeldonDeployment: every object gets its namespace, the
 * `seldon-deployment-id` label (unless the caller set another), `app.kubernetes.io/managed-by` and a
 * controller ownerReference; annotations only when there are some.
 */
export function metadataFor(sdep: SeldonDeployment): MetaFn {
  const namespace = sdep.metadata.namespace!;
  const id = seldonId(sdep);
  const owner = ownerReference(sdep);
  return (name, labels, annotations) => ({
    name,
    namespace,
    labels: { ...labels, [SELDON_ID_LABEL]: labels[SELDON_ID_LABEL] ?? id, [MANAGED_BY]: MANAGED_BY_VALUE },
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
    ownerReferences: [owner],
  });
}

/** `seldon.io/model`, `seldon.io/router`, ... for a graph node's pods and Services. */
export function nodeTypeLabel(node: PredictiveUnit): string | undefined {
  switch (node.type) {
    case 'MODEL':
      return 'seldon.io/model';
    case 'ROUTER':
      return 'seldon.io/router';
    case 'COMBINER':
      return 'seldon.io/combiner';
    case 'TRANSFORMER':
      return 'seldon.io/transformer';
    case 'OUTPUT_TRANSFORMER':
      return 'seldon.io/output-transformer';
    default:
      return undefined;
  }
}
