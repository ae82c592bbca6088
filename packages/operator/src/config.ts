// The operator's configuration: its environment variables (07 §1, same names and defaults unless
// noted) and the parsed `seldon-config`.
import { OperatorError } from './errors.js';
import { DEFAULT_SELDON_CONFIG, type SeldonConfig } from './seldon-config.js';

/**
 * Everything that shapes the generated objects and the controller. Built by {@link configFromEnv}
 * from the operator environment of 07 §1 (same names and defaults unless noted).
 */
export interface OperatorConfig {
  /** Only reconcile this namespace (`WATCH_NAMESPACE`); `undefined` = cluster-wide. */
  watchNamespace: string | undefined;
  /** Namespace of the operator, its `seldon-config`, Lease and certificate Secret (`POD_NAMESPACE`, default `seldon-system`). */
  operatorNamespace: string;
  /** Reconcile only SeldonDeployments labelled `seldon.io/controller-id` with this value (`CONTROLLER_ID`, default ""). */
  controllerId: string;
  istio: { enabled: boolean; gateway: string; tlsMode: string };
  ambassador: { enabled: boolean; version: string; singleNamespace: boolean };
  kedaEnabled: boolean;
  /** First node ports (`PREDICTIVE_UNIT_*_SERVICE_PORT`): 9000 / 9500 / 6000, metrics port name `metrics`. */
  nodePorts: { http: number; grpc: number; metrics: number; metricsPortName: string };
  defaultEnvSecretRefName: string;
  engine: {
    /** Predictor Service ports (`ENGINE_SERVER_PORT` 8000, `ENGINE_SERVER_GRPC_PORT` 5001). */
    servicePort: number;
    serviceGrpcPort: number;
    /** Executor listen ports (`EXECUTOR_SERVER_PORT` 8000, `EXECUTOR_SERVER_GRPC_PORT` 5001). */
    httpPort: number;
    grpcPort: number;
    /** `RELATED_IMAGE_EXECUTOR` ?? `EXECUTOR_CONTAINER_IMAGE_AND_VERSION`; empty = reconcile fails with SC_ERR_OPERATOR_NO_EXECUTOR_IMAGE. */
    image: string;
    imagePullPolicy: string;
    prometheusPath: string;
    metricsPortName: string;
    /** `EXECUTOR_CONTAINER_USER`: executor `runAsUser`; default 8888 here (reference: unset). */
    user: number | undefined;
    serviceAccountName: string;
    requestLoggerDefaultEndpoint: string;
    logWorkQueueSize: number;
    logWriteTimeoutMs: number;
    resources: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
    fullHealthChecks: boolean;
    /**
     * Seconds the engine keeps serving after SIGTERM before it drains (`--shutdown_delay`), so that
     * the Service stops sending new connections to a terminating pod first. 0 leaves the flag out
     * (the reference's behaviour). Env `SELDON_ENGINE_SHUTDOWN_DELAY_SECONDS`. Default 10.
     */
    shutdownDelaySeconds: number;
    /**
     * How the executor receives its predictor: `file` (default) mounts a ConfigMap
     * `<deployment>-graph` at {@link OperatorConfig.engine.graphMountPath} and passes `--file`, so graph
     * changes reach a running engine without a rollout; `env` is the reference's base64
     * `ENGINE_PREDICTOR` (every graph change rolls the pods). Env `SELDON_ENGINE_GRAPH_DELIVERY`.
     */
    graphDelivery: 'file' | 'env';
    /** Directory of the mounted graph ConfigMap; the file is `predictor.json`. Default `/etc/seldon/graph`. */
    graphMountPath: string;
  };
  /** `DEFAULT_USER_ID`: pod `runAsUser` when the pod spec has no securityContext. Default 8888 (reference: unset). */
  defaultUserId: number | undefined;
  deploymentNameAsPrefix: boolean;
  certMountPath: string;
  relatedImages: {
    sklearnServer: string;
    xgboostServer: string;
    mlflowServer: string;
    sklearnServerV2: string;
    xgboostServerV2: string;
    mlflowServerV2: string;
    tensorflow: string;
    tfProxy: string;
    storageInitializer: string;
    explainer: string;
    explainerV2: string;
  };
  /** The parsed `seldon-config` (replaced by the controller when the ConfigMap changes). */
  seldonConfig: SeldonConfig;
}

type Env = Record<string, string | undefined>;

function bool(v: string | undefined, def: boolean): boolean {
  if (v === undefined || v === '') return def;
  return ['true', '1', 'yes', 'on'].includes(v.toLowerCase());
}

function int(env: Env, key: string, def: number): number {
  const v = env[key];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n))
    throw new OperatorError('SC_ERR_OPERATOR_CONFIG', `${key}="${v}" is not an integer`);
  return n;
}

function optionalInt(env: Env, key: string, def: number | undefined): number | undefined {
  const v = env[key];
  if (v === undefined) return def;
  if (v === '') return undefined;
  return int(env, key, 0);
}

/** Builds the configuration from environment variables (07 §1), validating every value once. */
export function configFromEnv(env: Env = process.env): OperatorConfig {
  const s = (k: string, d = '') => env[k] ?? d;
  // The two enumerations first: their errors are reported before any malformed number's.
  const delivery = graphDelivery(env);
  const version = ambassadorVersion(env);
  return {
    watchNamespace: s('WATCH_NAMESPACE') || undefined,
    operatorNamespace: s('POD_NAMESPACE') || 'seldon-system',
    controllerId: s('CONTROLLER_ID'),
    istio: {
      enabled: bool(env.ISTIO_ENABLED, false),
      gateway: s('ISTIO_GATEWAY') || 'seldon-gateway',
      tlsMode: s('ISTIO_TLS_MODE'),
    },
    ambassador: {
      enabled: bool(env.AMBASSADOR_ENABLED, false),
      version,
      singleNamespace: bool(env.AMBASSADOR_SINGLE_NAMESPACE, false),
    },
    kedaEnabled: bool(env.KEDA_ENABLED, false),
    nodePorts: {
      http: int(env, 'PREDICTIVE_UNIT_HTTP_SERVICE_PORT', 9000),
      grpc: int(env, 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', 9500),
      metrics: int(env, 'PREDICTIVE_UNIT_METRICS_SERVICE_PORT', 6000),
      metricsPortName: s('PREDICTIVE_UNIT_METRICS_PORT_NAME') || 'metrics',
    },
    defaultEnvSecretRefName: s('PREDICTIVE_UNIT_DEFAULT_ENV_SECRET_REF_NAME'),
    engine: engineConfig(env, delivery),
    defaultUserId: optionalInt(env, 'DEFAULT_USER_ID', 8888),
    deploymentNameAsPrefix: bool(env.DEPLOYMENT_NAME_AS_PREFIX, false),
    certMountPath: s('DEFAULT_CERT_MOUNT_PATH_NAME') || '/cert/',
    relatedImages: relatedImages(env),
    seldonConfig: structuredClone(DEFAULT_SELDON_CONFIG),
  };
}

/** `AMBASSADOR_VERSION`: v1 (default) or v2. */
function ambassadorVersion(env: Env): string {
  const version = env.AMBASSADOR_VERSION || 'v1';
  // v1 treated every value but "v1" as v2; a typo would silently switch to Mapping objects.
  if (version !== 'v1' && version !== 'v2')
    throw new OperatorError('SC_ERR_OPERATOR_CONFIG', `AMBASSADOR_VERSION="${version}" must be v1 or v2`);
  return version;
}

/** `SELDON_ENGINE_GRAPH_DELIVERY`: file (default) or env. */
function graphDelivery(env: Env): 'file' | 'env' {
  const delivery = env.SELDON_ENGINE_GRAPH_DELIVERY ?? 'file';
  if (delivery !== 'file' && delivery !== 'env') {
    throw new OperatorError(
      'SC_ERR_OPERATOR_CONFIG',
      `SELDON_ENGINE_GRAPH_DELIVERY="${delivery}" must be file or env`,
    );
  }
  return delivery;
}

/** The executor's settings: `ENGINE_*`, `EXECUTOR_*`, `RELATED_IMAGE_EXECUTOR`, graph delivery. */
function engineConfig(env: Env, delivery: 'file' | 'env'): OperatorConfig['engine'] {
  const s = (k: string) => env[k] ?? '';
  return {
    servicePort: int(env, 'ENGINE_SERVER_PORT', 8000),
    serviceGrpcPort: int(env, 'ENGINE_SERVER_GRPC_PORT', 5001),
    httpPort: int(env, 'EXECUTOR_SERVER_PORT', 8000),
    grpcPort: int(env, 'EXECUTOR_SERVER_GRPC_PORT', 5001),
    image: s('RELATED_IMAGE_EXECUTOR') || s('EXECUTOR_CONTAINER_IMAGE_AND_VERSION'),
    imagePullPolicy: s('EXECUTOR_CONTAINER_IMAGE_PULL_POLICY') || 'IfNotPresent',
    prometheusPath: s('EXECUTOR_PROMETHEUS_PATH') || '/prometheus',
    metricsPortName: s('EXECUTOR_SERVER_METRICS_PORT_NAME') || 'metrics',
    user: optionalInt(env, 'EXECUTOR_CONTAINER_USER', 8888),
    serviceAccountName: s('EXECUTOR_CONTAINER_SERVICE_ACCOUNT_NAME') || 'default',
    requestLoggerDefaultEndpoint: s('EXECUTOR_REQUEST_LOGGER_DEFAULT_ENDPOINT') || 'http://default-broker',
    logWorkQueueSize: int(env, 'EXECUTOR_REQUEST_LOGGER_WORK_QUEUE_SIZE', 10000),
    logWriteTimeoutMs: int(env, 'EXECUTOR_REQUEST_LOGGER_WRITE_TIMEOUT_MS', 2000),
    resources: {
      cpuRequest: s('EXECUTOR_DEFAULT_CPU_REQUEST') || '0.5',
      cpuLimit: s('EXECUTOR_DEFAULT_CPU_LIMIT') || '0.5',
      memoryRequest: s('EXECUTOR_DEFAULT_MEMORY_REQUEST') || '512Mi',
      memoryLimit: s('EXECUTOR_DEFAULT_MEMORY_LIMIT') || '512Mi',
    },
    fullHealthChecks: bool(env.EXECUTOR_FULL_HEALTH_CHECKS, false),
    shutdownDelaySeconds: int(env, 'SELDON_ENGINE_SHUTDOWN_DELAY_SECONDS', 10),
    graphDelivery: delivery,
    graphMountPath: s('SELDON_ENGINE_GRAPH_MOUNT_PATH') || '/etc/seldon/graph',
  };
}

/** `RELATED_IMAGE_*` overrides (OpenShift-style), empty when unset. */
function relatedImages(env: Env): OperatorConfig['relatedImages'] {
  const s = (k: string) => env[k] ?? '';
  return {
    sklearnServer: s('RELATED_IMAGE_SKLEARNSERVER'),
    xgboostServer: s('RELATED_IMAGE_XGBOOSTSERVER'),
    mlflowServer: s('RELATED_IMAGE_MLFLOWSERVER'),
    sklearnServerV2: s('RELATED_IMAGE_SKLEARNSERVER_V2'),
    xgboostServerV2: s('RELATED_IMAGE_XGBOOSTSERVER_V2'),
    mlflowServerV2: s('RELATED_IMAGE_MLFLOWSERVER_V2'),
    tensorflow: s('RELATED_IMAGE_TENSORFLOW'),
    tfProxy: s('RELATED_IMAGE_TFPROXY'),
    storageInitializer: s('RELATED_IMAGE_STORAGE_INITIALIZER'),
    explainer: s('RELATED_IMAGE_EXPLAINER'),
    explainerV2: s('RELATED_IMAGE_EXPLAINER_V2'),
  };
}
