import type { ResourceType } from './client.js';

/** The kinds the operator reads or writes. */
export const RT = {
  seldonDeployment: {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    plural: 'seldondeployments',
    namespaced: true,
  },
  deployment: { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true },
  service: { apiVersion: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  configMap: { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  secret: { apiVersion: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true },
  serviceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true },
  namespace: { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  event: { apiVersion: 'v1', kind: 'Event', plural: 'events', namespaced: true },
  hpa: {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  hpaV2beta2: {
    apiVersion: 'autoscaling/v2beta2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  pdb: {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  pdbV1beta1: {
    apiVersion: 'policy/v1beta1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  scaledObject: {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    plural: 'scaledobjects',
    namespaced: true,
  },
  virtualService: {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'VirtualService',
    plural: 'virtualservices',
    namespaced: true,
  },
  destinationRule: {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'DestinationRule',
    plural: 'destinationrules',
    namespaced: true,
  },
  mapping: { apiVersion: 'getambassador.io/v2', kind: 'Mapping', plural: 'mappings', namespaced: true },
  tlsContext: {
    apiVersion: 'getambassador.io/v2',
    kind: 'TLSContext',
    plural: 'tlscontexts',
    namespaced: true,
  },
  lease: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', plural: 'leases', namespaced: true },
  validatingWebhookConfiguration: {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    plural: 'validatingwebhookconfigurations',
    namespaced: false,
  },
  clusterRole: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
  },
  clusterRoleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
  role: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', plural: 'roles', namespaced: true },
  roleBinding: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    plural: 'rolebindings',
    namespaced: true,
  },
  crd: {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
  },
} as const satisfies Record<string, ResourceType>;

/** Finds the resource type of an object by apiVersion + kind. */
export function resourceTypeOf(obj: { apiVersion?: string; kind?: string }): ResourceType | undefined {
  return Object.values(RT).find((rt) => rt.apiVersion === obj.apiVersion && rt.kind === obj.kind);
}
