// Public surface of @seldon-ts/operator.
export { Operator } from './operator.js';
export type { OperatorOptions } from './operator.js';
export { configFromEnv } from './config.js';
export type { OperatorConfig } from './config.js';
export { parseSeldonConfig, DEFAULT_SELDON_CONFIG } from './seldon-config.js';
export type { SeldonConfig, PredictorServerConfig } from './seldon-config.js';
export { OperatorError, operatorErrorCatalogue, isNotFound, isConflict } from './errors.js';
export type { OperatorErrorCode } from './errors.js';
export { desiredState } from './internal/desired/desired-state.js';
export type {
  DesiredState,
  DesiredDeploymentInfo,
  DesiredServiceInfo,
} from './internal/desired/desired-state.js';
export { enginePredictor, GRAPH_FILE } from './internal/desired/graph-configmap.js';
export { convertHpaMetric } from './internal/desired/autoscaling.js';
export { ENGINE_CONTAINER } from './internal/desired/engine-container.js';
export type { ClusterFacts, CredentialSecret } from './internal/desired/cluster-facts.js';
export { KubeClient, resourcePath } from './internal/kube/client.js';
export type {
  KubeObject,
  KubeClientOptions,
  ResourceType,
  OwnerReference,
  WatchEvent,
} from './internal/kube/client.js';
export { RT as RESOURCE_TYPES } from './internal/kube/resources.js';
export { Informer } from './internal/kube/informer.js';
export type { InformerOptions, InformerEvent } from './internal/kube/informer.js';
export { WorkQueue } from './internal/workqueue.js';
export type { WorkQueueOptions } from './internal/workqueue.js';
export { LeaderElector } from './internal/leader.js';
export type { LeaderElectionOptions } from './internal/leader.js';
export { WebhookServer, WEBHOOK_PATH } from './internal/webhook/server.js';
export type { WebhookOptions } from './internal/webhook/server.js';
export { issueCertificate } from './internal/webhook/x509.js';
export type { IssuedCertificate, CertificateRequest } from './internal/webhook/x509.js';
export { FIELD_MANAGER, DESIRED_HASH } from './internal/reconcile/applier.js';
