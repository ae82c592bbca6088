/**
 * The one source of the SeldonDeployment schema. Everything else is generated from it:
 * - the standalone ajv validator in `src/generated/` (scripts/generate.ts, drift-tested);
 * - the CRD manifest `deploy/crd/seldondeployments.yaml` (same script, drift-tested).
 *
 * Each object schema's `properties` is checked against the TypeScript type of `types.ts` by the
 * compiler (`satisfies Props<T>`): a field added to one and not the other fails `tsc`.
 */
import type {
  Condition,
  DeploymentStatus,
  Endpoint,
  EnvVar,
  Explainer,
  Logger,
  Parameter,
  PredictiveUnit,
  PredictorSpec,
  SeldonAddressable,
  SeldonDeploymentSpec,
  SeldonDeploymentStatus,
  SeldonHpaSpec,
  SeldonPdbSpec,
  SeldonPodSpec,
  SeldonScaledObjectSpec,
  ServiceStatus,
  SSL,
  SvcOrchSpec,
} from './types.js';

/** The subset of JSON Schema (and of Kubernetes' structural OpenAPI v3) this package uses. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema;
  anyOf?: readonly JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
}

/** Every key of `T` must have a schema, and no other key may. */
type Props<T> = { [K in keyof T]-?: JsonSchema };
/** `required` may only name keys of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];

function object<T>(
  description: string,
  properties: Props<T>,
  required: readonly RequiredKeys<T>[] = [],
): JsonSchema {
  const schema: JsonSchema = {
    type: 'object',
    description,
    properties: properties as Record<string, JsonSchema>,
  };
  if (required.length > 0) schema.required = required as readonly string[];
  return schema;
}

const string: JsonSchema = { type: 'string' };
const int32: JsonSchema = { type: 'integer', format: 'int32' };
const int64: JsonSchema = { type: 'integer', format: 'int64' };
const boolean: JsonSchema = { type: 'boolean' };
const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
const stringList: JsonSchema = { type: 'array', items: { type: 'string' } };
const intOrString: JsonSchema = {
  'x-kubernetes-int-or-string': true,
  anyOf: [{ type: 'integer' }, { type: 'string' }],
};
/** An embedded Kubernetes object kept verbatim (not expanded, not pruned). */
function preserved(description: string): JsonSchema {
  return { type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true };
}
function listOf(items: JsonSchema): JsonSchema {
  return { type: 'array', items };
}
function ref(name: 'PredictiveUnit'): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

const envVar = object<EnvVar>(
  'core/v1 EnvVar',
  { name: string, value: string, valueFrom: preserved('core/v1 EnvVarSource') },
  ['name'],
);

const resources = preserved('core/v1 ResourceRequirements');

const endpoint = object<Endpoint>('Where the executor reaches a node; filled by defaulting.', {
  service_host: string,
  service_port: int32,
  type: string,
  httpPort: int32,
  grpcPort: int32,
});

const parameter = object<Parameter>(
  'A node parameter passed as PREDICTIVE_UNIT_PARAMETERS.',
  { name: string, value: string, type: string },
  ['name', 'value', 'type'],
);

const logger = object<Logger>('Payload logging of a node.', { url: string, mode: string });

const predictiveUnit = object<PredictiveUnit>(
  'A node of the inference graph.',
  {
    name: string,
    children: listOf(ref('PredictiveUnit')),
    type: string,
    implementation: string,
    methods: stringList,
    endpoint,
    parameters: listOf(parameter),
    modelUri: string,
    serviceAccountName: string,
    envSecretRefName: string,
    storageInitializerImage: string,
    logger,
  },
  ['name'],
);

const componentMetadata: JsonSchema = {
  type: 'object',
  description: 'metav1.ObjectMeta of the component Deployment (name, labels, annotations are used).',
  'x-kubernetes-preserve-unknown-fields': true,
  properties: { name: string, labels: stringMap, annotations: stringMap },
};

const hpaSpec = object<SeldonHpaSpec>(
  'HorizontalPodAutoscaler settings for this component.',
  {
    minReplicas: int32,
    maxReplicas: int32,
    metrics: listOf(preserved('autoscaling/v2beta1 MetricSpec')),
    metricsv2: listOf(preserved('autoscaling/v2 MetricSpec')),
  },
  ['maxReplicas'],
);

const kedaSpec = object<SeldonScaledObjectSpec>(
  'KEDA ScaledObject settings for this component.',
  {
    pollingInterval: int32,
    cooldownPeriod: int32,
    idleReplicaCount: int32,
    minReplicaCount: int32,
    maxReplicaCount: int32,
    advanced: preserved('KEDA AdvancedConfig'),
    triggers: listOf(preserved('KEDA ScaleTriggers')),
    fallback: preserved('KEDA Fallback'),
  },
  ['triggers'],
);

const pdbSpec = object<SeldonPdbSpec>('PodDisruptionBudget settings for this component.', {
  minAvailable: intOrString,
  maxUnavailable: intOrString,
});

const seldonPodSpec = object<SeldonPodSpec>('A pod template; one Deployment per entry.', {
  metadata: componentMetadata,
  spec: preserved('core/v1 PodSpec'),
  hpaSpec,
  kedaSpec,
  pdbSpec,
  replicas: int32,
});

const svcOrchSpec = object<SvcOrchSpec>('Executor container settings.', {
  resources,
  env: listOf(envVar),
  replicas: int32,
});

const ssl = object<SSL>('TLS for the executor.', { certSecretName: string });

const explainer = object<Explainer>('An explainer Deployment for this predictor.', {
  type: string,
  modelUri: string,
  serviceAccountName: string,
  containerSpec: preserved('core/v1 Container'),
  config: stringMap,
  endpoint,
  envSecretRefName: string,
  storageInitializerImage: string,
  replicas: int32,
  initParameters: string,
});

const predictorSpec = object<PredictorSpec>(
  'A predictor: a graph, its pods and its traffic share.',
  {
    name: string,
    graph: ref('PredictiveUnit'),
    componentSpecs: listOf(seldonPodSpec),
    replicas: int32,
    annotations: stringMap,
    engineResources: resources,
    labels: stringMap,
    svcOrchSpec,
    traffic: int32,
    explainer,
    shadow: boolean,
    ssl,
    progressDeadlineSeconds: int32,
  },
  ['name', 'graph'],
);

const spec = object<SeldonDeploymentSpec>(
  'SeldonDeploymentSpec',
  {
    name: string,
    predictors: listOf(predictorSpec),
    oauth_key: string,
    oauth_secret: string,
    annotations: stringMap,
    protocol: string,
    transport: string,
    replicas: int32,
    serverType: string,
  },
  ['predictors'],
);

const condition = object<Condition>(
  'Knative-style condition.',
  {
    type: string,
    status: string,
    severity: string,
    lastTransitionTime: string,
    reason: string,
    message: string,
    observedGeneration: int64,
  },
  ['type', 'status'],
);

const status = object<SeldonDeploymentStatus>('SeldonDeploymentStatus', {
  state: string,
  description: string,
  deploymentStatus: {
    type: 'object',
    additionalProperties: object<DeploymentStatus>('Observed replicas of one Deployment.', {
      name: string,
      status: string,
      description: string,
      replicas: int32,
      availableReplicas: int32,
      explainerFor: string,
    }),
  },
  serviceStatus: {
    type: 'object',
    additionalProperties: object<ServiceStatus>('Endpoints of one Service.', {
      svcName: string,
      httpEndpoint: string,
      grpcEndpoint: string,
      explainerFor: string,
    }),
  },
  replicas: int32,
  address: object<SeldonAddressable>('Where the first predictor is reachable.', { url: string }),
  conditions: listOf(condition),
  observedGeneration: int64,
  annotations: stringMap,
});

/** Named sub-schemas; only `PredictiveUnit` is referenced (it is recursive). */
const definitions: Record<string, JsonSchema> = { PredictiveUnit: predictiveUnit };

/**
 * JSON Schema (draft 2020-12 subset) of a SeldonDeployment `spec`. Unknown fields are accepted,
 * as the reference accepts them (the API server prunes them).
 */
export const seldonDeploymentSpecSchema: JsonSchema = { ...spec, $defs: definitions };

/** Schema of `status`. */
export const seldonDeploymentStatusSchema: JsonSchema = status;
