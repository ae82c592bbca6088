import {
  prepackagedImage,
  type Container,
  type EnvVar,
  type PodSpec,
  type PredictiveUnit,
} from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import { setEnv, setEnvIfAbsent, upsertPort } from './container.js';
import { truncateName } from './names.js';

export const MODELS_PATH = '/mnt/models';

const RELATED: Record<string, Record<string, keyof OperatorConfig['relatedImages']>> = {
  SKLEARN_SERVER: { seldon: 'sklearnServer', v2: 'sklearnServerV2', kfserving: 'sklearnServerV2' },
  XGBOOST_SERVER: { seldon: 'xgboostServer', v2: 'xgboostServerV2', kfserving: 'xgboostServerV2' },
  MLFLOW_SERVER: { seldon: 'mlflowServer', v2: 'mlflowServerV2', kfserving: 'mlflowServerV2' },
  TENSORFLOW_SERVER: { seldon: 'tfProxy', tensorflow: 'tensorflow' },
};

/** Image of a prepackaged server (07 §1.1): protocol "" = seldon, v2 ⇄ kfserving fallback, RELATED_IMAGE_* wins. */
export function prepackagedImageFor(
  implementation: string,
  protocol: string | undefined,
  config: OperatorConfig,
): string | undefined {
  const wanted = protocol || 'seldon';
  const related = RELATED[implementation]?.[wanted];
  // TENSORFLOW/TFPROXY overrides are keyed wrongly in the reference and never apply; here they do.
  if (related && config.relatedImages[related]) return config.relatedImages[related];
  return prepackagedImage(implementation, wanted, config.seldonConfig.predictorServers);
}

/** Triton with the storage initializer turned off: an HTTP probe on `http` with v1's timing. */
function directServerProbe(path: string, initialDelaySeconds: number) {
  return {
    httpGet: { path, port: 'http' },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 1,
    failureThreshold: 3,
    successThreshold: 1,
  };
}

const MLSERVER_IMPL: Record<string, string> = {
  SKLEARN_SERVER: 'mlserver_sklearn.SKLearnModel',
  XGBOOST_SERVER: 'mlserver_xgboost.XGBoostModel',
  MLFLOW_SERVER: 'mlserver_mlflow.MLflowRuntime',
  HUGGINGFACE_SERVER: 'mlserver_huggingface.HuggingFaceRuntime',
  TEMPO_SERVER: 'tempo.mlserver.InferenceRuntime',
};

export interface PrepackagedContext {
  protocol: string;
  namespace: string;
  noStorageInitializer: boolean;
  config: OperatorConfig;
}

/**
 * Specialises the container of a prepackaged node (07 §4) and injects the storage initializer
 * (§5) into the pod. Mutates `pod`; returns nothing.
 */
export function applyPrepackaged(
  pod: PodSpec,
  container: Container,
  node: PredictiveUnit,
  ctx: PrepackagedContext,
): void {
  const impl = node.implementation!;
  const http = node.endpoint?.httpPort ?? 9000;
  const grpc = node.endpoint?.grpcPort ?? 9500;
  const v2 = ctx.protocol === 'v2' || ctx.protocol === 'kfserving';
  if (node.serviceAccountName) pod.serviceAccountName = node.serviceAccountName;

  if (impl === 'TRITON_SERVER') {
    container.image ||= prepackagedImageFor(impl, 'v2', ctx.config) ?? '';
    const direct = ctx.noStorageInitializer;
    if (!container.args) {
      const args = ['/opt/tritonserver/bin/tritonserver', `--grpc-port=${grpc}`, `--http-port=${http}`];
      if (direct) {
        args.push(`--model-repository=${node.modelUri ?? ''}`);
        for (const p of node.parameters ?? []) {
          if (p.name === 'model_control_mode') args.push(`--model-control-mode=${p.value}`);
          if (p.name === 'load_model') args.push(`--load-model=${p.value}`);
          if (p.name === 'strict_model_config') args.push(`--strict-model-config=${p.value}`);
        }
      } else args.push(`--model-repository=${MODELS_PATH}`, '--strict-model-config=false');
      container.args = args;
    }
    const secret = node.envSecretRefName || ctx.config.defaultEnvSecretRefName;
    if (direct && secret && !container.envFrom) container.envFrom = [{ secretRef: { name: secret } }];
    upsertPort(container, 'grpc', grpc);
    upsertPort(container, 'http', http);
    container.readinessProbe ??= directServerProbe('/v2/health/ready', 20);
    container.livenessProbe ??= directServerProbe('/v2/health/live', 60);
    if (!direct && node.modelUri) injectStorageInitializer(pod, container, node.modelUri, node, ctx.config);
    return;
  }

  if (impl === 'TENSORFLOW_SERVER') {
    if (ctx.protocol === 'tensorflow') {
      container.image ||= prepackagedImageFor(impl, 'tensorflow', ctx.config) ?? '';
      container.args ??= [
        `--port=${grpc}`,
        `--rest_api_port=${http}`,
        `--model_name=${node.name}`,
        `--model_base_path=${MODELS_PATH}`,
      ];
      if (node.modelUri) injectStorageInitializer(pod, container, node.modelUri, node, ctx.config);
      return;
    }
    container.image = prepackagedImageFor(impl, 'seldon', ctx.config) ?? container.image;
    const params = [...(node.parameters ?? [])];
    if (!params.some((p) => p.name === 'rest_endpoint' || p.name === 'grpc_endpoint')) {
      params.push(
        { name: 'rest_endpoint', type: 'STRING', value: 'http://0.0.0.0:2001' },
        { name: 'grpc_endpoint', type: 'STRING', value: '0.0.0.0:2000' },
      );
    }
    params.push({ name: 'model_name', type: 'STRING', value: node.name });
    setEnv(container, 'PREDICTIVE_UNIT_PARAMETERS', JSON.stringify(params));
    const containers = (pod.containers ??= []);
    let tf = containers.find((c) => c.name === 'tfserving');
    if (!tf) {
      tf = {
        name: 'tfserving',
        image: prepackagedImageFor(impl, 'tensorflow', ctx.config) ?? '',
        args: [
          '--port=2000',
          '--rest_api_port=2001',
          `--model_name=${node.name}`,
          `--model_base_path=${MODELS_PATH}`,
        ],
        ports: [
          { name: 'grpc', containerPort: 2000, protocol: 'TCP' },
          { name: 'http', containerPort: 2001, protocol: 'TCP' },
        ],
        imagePullPolicy: 'IfNotPresent',
      };
      containers.push(tf);
    }
    if (node.modelUri) injectStorageInitializer(pod, tf, node.modelUri, node, ctx.config);
    return;
  }

  if (v2 && MLSERVER_IMPL[impl]) {
    container.image ||= prepackagedImageFor(impl, ctx.protocol, ctx.config) ?? '';
    setEnvIfAbsent(container, 'MLSERVER_HTTP_PORT', String(http));
    setEnvIfAbsent(container, 'MLSERVER_GRPC_PORT', String(grpc));
    setEnvIfAbsent(container, 'MLSERVER_MODEL_IMPLEMENTATION', MLSERVER_IMPL[impl]);
    setEnvIfAbsent(container, 'MLSERVER_MODEL_NAME', node.name);
    setEnvIfAbsent(container, 'MLSERVER_MODEL_VERSION', 'v1');
    setEnvIfAbsent(container, 'MLSERVER_MODEL_URI', MODELS_PATH);
    if (impl === 'TEMPO_SERVER') {
      setEnvIfAbsent(
        container,
        'TEMPO_RUNTIME_OPTIONS',
        JSON.stringify({
          k8s_options: { defaultRuntime: 'tempo.seldon.SeldonKubernetesRuntime', namespace: ctx.namespace },
        }),
      );
    }
    if (impl === 'HUGGINGFACE_SERVER') {
      setEnvIfAbsent(container, 'MLSERVER_PARALLEL_WORKERS', '0');
      setEnvIfAbsent(container, 'XDG_CACHE_HOME', '/opt/mlserver');
    }
    upsertPort(container, 'grpc', grpc);
    upsertPort(container, 'http', http);
    const ready = { httpGet: { path: '/v2/health/ready', port: 'http' } };
    const live = { httpGet: { path: '/v2/health/live', port: 'http' } };
    const timing = {
      initialDelaySeconds: 20,
      periodSeconds: 5,
      failureThreshold: 3,
      successThreshold: 1,
      timeoutSeconds: 60,
    };
    container.readinessProbe = container.readinessProbe
      ? { ...stripHandler(container.readinessProbe), ...ready }
      : { ...ready, ...timing };
    container.livenessProbe = container.livenessProbe
      ? { ...stripHandler(container.livenessProbe), ...live }
      : { ...live, ...timing };
    if (node.modelUri) injectStorageInitializer(pod, container, node.modelUri, node, ctx.config);
    return;
  }

  // Python-wrapper servers (SKLEARN/XGBOOST/MLFLOW with the seldon protocol, and custom servers).
  const params = (node.parameters ?? []).filter((p) => p.name !== 'model_uri');
  params.push({ name: 'model_uri', type: 'STRING', value: MODELS_PATH });
  setEnv(container, 'PREDICTIVE_UNIT_PARAMETERS', JSON.stringify(params));
  if (node.modelUri) injectStorageInitializer(pod, container, node.modelUri, node, ctx.config);
}

function stripHandler(probe: Record<string, unknown>): Record<string, unknown> {
  const { httpGet: _h, tcpSocket: _t, exec: _e, grpc: _g, ...rest } = probe;
  return rest;
}

/**
 * Storage initializer (07 §5): an init container downloading `modelUri` into an emptyDir mounted
 * read-only at /mnt/models in the model container. `pvc://claim/path` mounts the claim instead.
 * Credentials: `envFrom` the node's env Secret, plus S3/GCS settings from the Secrets of the
 * service account (node's, else the pod's, else `default`) when the caller looked them up.
 */
export function injectStorageInitializer(
  pod: PodSpec,
  container: Container,
  modelUri: string,
  source: { storageInitializerImage?: string; envSecretRefName?: string; serviceAccountName?: string },
  config: OperatorConfig,
): void {
  const initName = truncateName(`${container.name}-model-initializer`);
  const volumeName = truncateName(`${container.name}-provision-location`);
  const inits = (pod.initContainers ??= []);
  if (inits.some((c) => c.name === initName)) return;
  const volumes = (pod.volumes ??= []);
  let src = modelUri;
  const pvcMounts: { name: string; mountPath: string; readOnly: boolean }[] = [];
  const pvc = /^pvc:\/\/([^/]+)\/?(.*)$/.exec(modelUri);
  if (pvc) {
    if (!volumes.some((v) => v.name === 'kfserving-pvc-source')) {
      volumes.push({
        name: 'kfserving-pvc-source',
        persistentVolumeClaim: { claimName: pvc[1], readOnly: false },
      });
    }
    pvcMounts.push({ name: 'kfserving-pvc-source', mountPath: '/mnt/pvc', readOnly: true });
    src = `/mnt/pvc/${pvc[2]}`;
  }
  if (!volumes.some((v) => v.name === volumeName)) volumes.push({ name: volumeName, emptyDir: {} });
  const si = config.seldonConfig.storageInitializer;
  const init: Container = {
    name: initName,
    image:
      source.storageInitializerImage ||
      config.relatedImages.storageInitializer ||
      si.image ||
      'docker.io/seldonio/rclone-storage-initializer:latest',
    imagePullPolicy: 'IfNotPresent',
    args: [src, MODELS_PATH],
    volumeMounts: [{ name: volumeName, mountPath: MODELS_PATH }, ...pvcMounts],
    resources: {
      requests: { cpu: si.cpuRequest, memory: si.memoryRequest },
      limits: { cpu: si.cpuLimit, memory: si.memoryLimit },
    },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
  const secret = source.envSecretRefName || config.defaultEnvSecretRefName;
  if (secret) init.envFrom = [{ secretRef: { name: secret } }];
  const sa = source.serviceAccountName || pod.serviceAccountName || 'default';
  const secrets = (config as BuildConfig).serviceAccountSecrets?.[sa];
  if (secrets) applyCredentials(pod, init, secrets, config);
  inits.push(init);
  const mounts = (container.volumeMounts ??= []);
  if (!mounts.some((m) => m.name === volumeName))
    mounts.push({ name: volumeName, mountPath: MODELS_PATH, readOnly: true });
  for (const m of pvcMounts) if (!mounts.some((x) => x.name === m.name)) mounts.push(m);
}

export type { EnvVar };

/** A Secret listed by a ServiceAccount, as the storage initializer needs it (no secret values). */
export interface CredentialSecret {
  name: string;
  /** Keys of `data`. */
  keys: string[];
  annotations: Record<string, string>;
}

/** Facts read from the cluster before building objects (keeps `desiredState` pure). */
export interface ClusterFacts {
  /** Secrets of each ServiceAccount, by ServiceAccount name. */
  serviceAccountSecrets?: Record<string, CredentialSecret[]>;
}

export type BuildConfig = OperatorConfig & ClusterFacts;

/** 07 §5: S3 env (secretKeyRefs + endpoint settings) and GCS key-file volume for the initializer. */
function applyCredentials(
  pod: PodSpec,
  init: Container,
  secrets: CredentialSecret[],
  config: OperatorConfig,
): void {
  const { s3, gcs } = config.seldonConfig.credentials;
  const env = (init.env ??= []);
  const add = (name: string, value: Record<string, unknown> | string) => {
    if (env.some((e) => e.name === name)) return;
    env.push(typeof value === 'string' ? { name, value } : { name, valueFrom: value });
  };
  for (const secret of secrets) {
    if (secret.keys.includes(s3.s3SecretAccessKeyName)) {
      add('AWS_ACCESS_KEY_ID', { secretKeyRef: { name: secret.name, key: s3.s3AccessKeyIDName } });
      add('AWS_SECRET_ACCESS_KEY', { secretKeyRef: { name: secret.name, key: s3.s3SecretAccessKeyName } });
      const ann = (k: string) =>
        secret.annotations[`machinelearning.seldon.io/${k}`] ??
        secret.annotations[`serving.kubeflow.org/${k}`];
      const endpoint = ann('s3-endpoint') ?? s3.s3Endpoint;
      const useHttps = ann('s3-usehttps') ?? s3.s3UseHttps;
      if (endpoint) {
        add('S3_ENDPOINT', endpoint);
        add('AWS_ENDPOINT_URL', `${useHttps === '0' ? 'http' : 'https'}://${endpoint}`);
      }
      if (useHttps) add('S3_USE_HTTPS', useHttps);
      const region = ann('s3-region');
      if (region) add('AWS_REGION', region);
      const verify = ann('s3-verifyssl');
      if (verify) add('S3_VERIFY_SSL', verify);
    } else if (secret.keys.includes(gcs.gcsCredentialFileName)) {
      const volumes = (pod.volumes ??= []);
      if (!volumes.some((v) => v.name === 'user-gcp-sa'))
        volumes.push({ name: 'user-gcp-sa', secret: { secretName: secret.name } });
      (init.volumeMounts ??= []).push({ name: 'user-gcp-sa', mountPath: '/var/secrets/', readOnly: true });
      add('GOOGLE_APPLICATION_CREDENTIALS', `/var/secrets/${gcs.gcsCredentialFileName}`);
    }
  }
}
