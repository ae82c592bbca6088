/**
 * TypeScript shapes of the SeldonDeployment custom resource (machinelearning.seldon.io v1, v1alpha2,
 * v1alpha3 — one schema). JSON field names are exactly the manifest's, including the snake_case
 * `service_host`/`service_port`/`oauth_key` kept for wire compatibility.
 *
 * Embedded Kubernetes objects (PodSpec, Container, ResourceRequirements, HPA metrics, KEDA triggers)
 * are typed loosely: the fields this project reads are named, everything else passes through.
 */

/** API group of the resource. */
export const SELDON_GROUP = 'machinelearning.seldon.io';
/** Served API versions; `v1` is the storage version. */
export const SELDON_API_VERSIONS = ['v1', 'v1alpha2', 'v1alpha3'] as const;
export type SeldonApiVersion = (typeof SELDON_API_VERSIONS)[number];
export type SeldonApiVersionString = `machinelearning.seldon.io/${SeldonApiVersion}`;

// ---------------------------------------------------------------------------------------------
// Enumerations. The schema accepts any string (as the reference does); these unions name the
// values the reference gives meaning to, and `(string & {})` keeps unknown values assignable.
// ---------------------------------------------------------------------------------------------

export const PREDICTIVE_UNIT_TYPES = [
  'UNKNOWN_TYPE',
  'ROUTER',
  'COMBINER',
  'MODEL',
  'TRANSFORMER',
  'OUTPUT_TRANSFORMER',
] as const;
export type KnownPredictiveUnitType = (typeof PREDICTIVE_UNIT_TYPES)[number];
export type PredictiveUnitType = KnownPredictiveUnitType | (string & {});

/** Implementations the executor runs itself: no container, no component (the one list of them). */
export const EXECUTOR_IMPLEMENTATIONS = [
  'SIMPLE_MODEL',
  'SIMPLE_ROUTER',
  'RANDOM_ABTEST',
  'AVERAGE_COMBINER',
] as const;
/** The implementation values that are not prepackaged servers: the executor's own and the `UNKNOWN_IMPLEMENTATION` default (a container of the node's name). */
export const BUILTIN_IMPLEMENTATIONS = ['UNKNOWN_IMPLEMENTATION', ...EXECUTOR_IMPLEMENTATIONS] as const;
/** Prepackaged model servers known to the default `predictor_servers` config. */
export const PREPACKAGED_SERVERS = [
  'SKLEARN_SERVER',
  'XGBOOST_SERVER',
  'TENSORFLOW_SERVER',
  'MLFLOW_SERVER',
  'TRITON_SERVER',
  'HUGGINGFACE_SERVER',
  'TEMPO_SERVER',
  'ONNX_SERVER',
] as const;
export type BuiltinImplementation = (typeof BUILTIN_IMPLEMENTATIONS)[number];
export type ExecutorImplementation = (typeof EXECUTOR_IMPLEMENTATIONS)[number];
export type PrepackagedServer = (typeof PREPACKAGED_SERVERS)[number];
/** Any other non-empty value is treated as a custom prepackaged server name. */
export type PredictiveUnitImplementation = BuiltinImplementation | PrepackagedServer | (string & {});

export const PREDICTIVE_UNIT_METHODS = [
  'TRANSFORM_INPUT',
  'TRANSFORM_OUTPUT',
  'ROUTE',
  'AGGREGATE',
  'SEND_FEEDBACK',
] as const;
export type KnownPredictiveUnitMethod = (typeof PREDICTIVE_UNIT_METHODS)[number];
export type PredictiveUnitMethod = KnownPredictiveUnitMethod | (string & {});

export const ENDPOINT_TYPES = ['REST', 'GRPC'] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number] | (string & {});

export const PARAMETER_TYPES = ['INT', 'FLOAT', 'DOUBLE', 'STRING', 'BOOL'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number] | (string & {});

export const LOGGER_MODES = ['all', 'request', 'response'] as const;
export type LoggerMode = (typeof LOGGER_MODES)[number] | (string & {});

export const PROTOCOLS = ['seldon', 'tensorflow', 'kfserving', 'v2'] as const;
/** `""`/absent means `seldon`. */
export type Protocol = (typeof PROTOCOLS)[number] | (string & {});

export const TRANSPORTS = ['rest', 'grpc'] as const;
/** `""`/absent means `rest`. */
export type Transport = (typeof TRANSPORTS)[number] | (string & {});

export const SERVER_TYPES = ['rpc', 'kafka'] as const;
/** `""`/absent means `rpc`. */
export type ServerType = (typeof SERVER_TYPES)[number] | (string & {});

export const EXPLAINER_TYPES = [
  'AnchorTabular',
  'AnchorImages',
  'AnchorText',
  'Counterfactuals',
  'Contrastive',
  'KernelShap',
  'IntegratedGradients',
  'ALE',
  'TreeShap',
] as const;
/** Empty means "no explainer". */
export type ExplainerType = (typeof EXPLAINER_TYPES)[number] | (string & {});

// ---------------------------------------------------------------------------------------------
// Loosely typed Kubernetes objects.
// ---------------------------------------------------------------------------------------------

/** Kubernetes `IntOrString`. */
export type IntOrString = number | string;

/** Subset of `metav1.ObjectMeta`; other fields pass through. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
  hostIP?: string;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
  [key: string]: unknown;
}

/** `core/v1 ResourceRequirements` (quantities as strings or numbers). */
export interface ResourceRequirements {
  limits?: Record<string, IntOrString>;
  requests?: Record<string, IntOrString>;
  [key: string]: unknown;
}

/** `core/v1 Container`; fields the operator touches are named. */
export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  envFrom?: Record<string, unknown>[];
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
  volumeMounts?: VolumeMount[];
  livenessProbe?: Record<string, unknown>;
  readinessProbe?: Record<string, unknown>;
  lifecycle?: Record<string, unknown>;
  securityContext?: Record<string, unknown>;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  [key: string]: unknown;
}

/** `core/v1 PodSpec`, kept loose (preserved as-is by the CRD schema). */
export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Record<string, unknown>[];
  serviceAccountName?: string;
  securityContext?: Record<string, unknown>;
  imagePullSecrets?: { name: string }[];
  terminationGracePeriodSeconds?: number;
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// SeldonDeployment.
// ---------------------------------------------------------------------------------------------

/** A graph node's address; filled by defaulting (06 §8). */
export interface Endpoint {
  service_host?: string;
  service_port?: number;
  type?: EndpointType;
  httpPort?: number;
  grpcPort?: number;
}

/** A node parameter; `value` is always a string and parsed by the wrapper according to `type`. */
export interface Parameter {
  name: string;
  value: string;
  type: ParameterType;
}

/** Payload logging for a node (03 §1). */
export interface Logger {
  url?: string;
  mode?: LoggerMode;
}

/** One node of an inference graph. */
export interface PredictiveUnit {
  name: string;
  children?: PredictiveUnit[];
  type?: PredictiveUnitType;
  implementation?: PredictiveUnitImplementation;
  methods?: PredictiveUnitMethod[];
  endpoint?: Endpoint;
  parameters?: Parameter[];
  modelUri?: string;
  serviceAccountName?: string;
  envSecretRefName?: string;
  storageInitializerImage?: string;
  logger?: Logger;
}

/** autoscaling HPA settings of a componentSpec. Metric specs are preserved unchanged. */
export interface SeldonHpaSpec {
  minReplicas?: number;
  maxReplicas: number;
  /** autoscaling/v2beta1 MetricSpec list (converted to v2; wins over `metricsv2`). */
  metrics?: Record<string, unknown>[];
  /** autoscaling/v2 MetricSpec list. */
  metricsv2?: Record<string, unknown>[];
}

/** KEDA v2 ScaledObject settings of a componentSpec. */
export interface SeldonScaledObjectSpec {
  pollingInterval?: number;
  cooldownPeriod?: number;
  idleReplicaCount?: number;
  minReplicaCount?: number;
  maxReplicaCount?: number;
  advanced?: Record<string, unknown>;
  triggers: Record<string, unknown>[];
  fallback?: Record<string, unknown>;
}

/** PodDisruptionBudget settings of a componentSpec. */
export interface SeldonPdbSpec {
  minAvailable?: IntOrString;
  maxUnavailable?: IntOrString;
}

/** A pod template of a predictor; one Kubernetes Deployment per entry. */
export interface SeldonPodSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
  hpaSpec?: SeldonHpaSpec;
  kedaSpec?: SeldonScaledObjectSpec;
  pdbSpec?: SeldonPdbSpec;
  replicas?: number;
}

/** Executor (service orchestrator) container settings. */
export interface SvcOrchSpec {
  resources?: ResourceRequirements;
  env?: EnvVar[];
  replicas?: number;
}

/** TLS for the executor. */
export interface SSL {
  certSecretName?: string;
}

/** Optional explainer Deployment of a predictor. */
export interface Explainer {
  type?: ExplainerType;
  modelUri?: string;
  serviceAccountName?: string;
  containerSpec?: Container;
  config?: Record<string, string>;
  endpoint?: Endpoint;
  envSecretRefName?: string;
  storageInitializerImage?: string;
  replicas?: number;
  initParameters?: string;
}

/** One entry of `spec.predictors`: a graph, its pods and its traffic share. */
export interface PredictorSpec {
  name: string;
  graph: PredictiveUnit;
  componentSpecs?: SeldonPodSpec[];
  replicas?: number;
  annotations?: Record<string, string>;
  /** Deprecated and ignored (use `svcOrchSpec.resources`). */
  engineResources?: ResourceRequirements;
  labels?: Record<string, string>;
  svcOrchSpec?: SvcOrchSpec;
  traffic?: number;
  explainer?: Explainer;
  shadow?: boolean;
  ssl?: SSL;
  progressDeadlineSeconds?: number;
}

export interface SeldonDeploymentSpec {
  /** Deprecated, unused. */
  name?: string;
  predictors: PredictorSpec[];
  /** Legacy, unused. */
  oauth_key?: string;
  /** Legacy, unused. */
  oauth_secret?: string;
  annotations?: Record<string, string>;
  protocol?: Protocol;
  transport?: Transport;
  replicas?: number;
  serverType?: ServerType;
}

// ---------------------------------------------------------------------------------------------
// Status.
// ---------------------------------------------------------------------------------------------

export const STATUS_STATES = ['Available', 'Creating', 'Failed'] as const;
export type StatusState = (typeof STATUS_STATES)[number] | (string & {});

export const CONDITION_TYPES = [
  'DeploymentsReady',
  'ServicesReady',
  'KedaReady',
  'istioVirtualServicesReady',
  'HpasReady',
  'PdbsReady',
  'AmbassadorMappingsReady',
  'Ready',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number] | (string & {});

export interface DeploymentStatus {
  name?: string;
  status?: string;
  description?: string;
  replicas?: number;
  availableReplicas?: number;
  explainerFor?: string;
}

export interface ServiceStatus {
  svcName?: string;
  httpEndpoint?: string;
  grpcEndpoint?: string;
  explainerFor?: string;
}

/** Knative-style condition. */
export interface Condition {
  type: ConditionType;
  status: 'True' | 'False' | 'Unknown' | (string & {});
  severity?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
  /** `metadata.generation` of the SeldonDeployment this condition was computed from. */
  observedGeneration?: number;
}

export interface SeldonAddressable {
  url?: string;
}

export interface SeldonDeploymentStatus {
  state?: StatusState;
  description?: string;
  deploymentStatus?: Record<string, DeploymentStatus>;
  serviceStatus?: Record<string, ServiceStatus>;
  replicas?: number;
  address?: SeldonAddressable;
  conditions?: Condition[];
  observedGeneration?: number;
  annotations?: Record<string, string>;
}

/** The SeldonDeployment resource. */
export interface SeldonDeployment {
  apiVersion: SeldonApiVersionString | (string & {});
  kind: 'SeldonDeployment' | (string & {});
  metadata: ObjectMeta;
  spec: SeldonDeploymentSpec;
  status?: SeldonDeploymentStatus;
}

export interface SeldonDeploymentList {
  apiVersion: string;
  kind: 'SeldonDeploymentList';
  metadata?: { resourceVersion?: string; continue?: string };
  items: SeldonDeployment[];
}
