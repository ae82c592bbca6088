// 07 §4: prepackaged model servers (SKLEARN_SERVER, TRITON_SERVER, ...): the image, arguments, env
// and probes of the node's container, and the storage initializer fetching its `modelUri`.
import { prepackagedImage, type Container, type PodSpec, type PredictiveUnit } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import { setEnv, setEnvIfAbsent, upsertPort } from './container.js';
import type { BuildConfig } from './context.js';
import { injectStorageInitializer, MODELS_PATH } from './storage-initializer.js';

const RELATED: Record<string, Record<string, keyof OperatorConfig['relatedImages']>> = {
  SKLEARN_SERVER: { seldon: 'sklearnServer', v2: 'sklearnServerV2', kfserving: 'sklearnServerV2' },
  XGBOOST_SERVER: { seldon: 'xgboostServer', v2: 'xgboostServerV2', kfserving: 'xgboostServerV2' },
  MLFLOW_SERVER: { seldon: 'mlflowServer', v2: 'mlflowServerV2', kfserving: 'mlflowServerV2' },
  TENSORFLOW_SERVER: { seldon: 'tfProxy', tensorflow: 'tensorflow' },
};

const MLSERVER_IMPL: Record<string, string> = {
  SKLEARN_SERVER: 'mlserver_sklearn.SKLearnModel',
  XGBOOST_SERVER: 'mlserver_xgboost.XGBoostModel',
  MLFLOW_SERVER: 'mlserver_mlflow.MLflowRuntime',
  HUGGINGFACE_SERVER: 'mlserver_huggingface.HuggingFaceRuntime',
  TEMPO_SERVER: 'tempo.mlserver.InferenceRuntime',
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

export interface PrepackagedContext {
  protocol: string;
  namespace: string;
  noStorageInitializer: boolean;
  config: BuildConfig;
}

/** One prepackaged node: its pod, its container and where it serves. */
interface ServerTarget {
  pod: PodSpec;
  container: Container;
  node: PredictiveUnit;
  ctx: PrepackagedContext;
  http: number;
  grpc: number;
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
  const t: ServerTarget = {
    pod,
    container,
    node,
    ctx,
    http: node.endpoint?.httpPort ?? 9000,
    grpc: node.endpoint?.grpcPort ?? 9500,
  };
  const v2 = ctx.protocol === 'v2' || ctx.protocol === 'kfserving';
  if (node.serviceAccountName) pod.serviceAccountName = node.serviceAccountName;
  if (impl === 'TRITON_SERVER') tritonServer(t);
  else if (impl === 'TENSORFLOW_SERVER' && ctx.protocol === 'tensorflow') tensorflowServing(t);
  else if (impl === 'TENSORFLOW_SERVER') tensorflowProxy(t);
  else if (v2 && MLSERVER_IMPL[impl]) mlServer(t);
  else pythonWrapperServer(t);
}

/** Downloads the node's model into the container, if it has a `modelUri`. */
function fetchModel(t: ServerTarget, container: Container = t.container): void {
  if (t.node.modelUri) injectStorageInitializer(t.pod, container, t.node.modelUri, t.node, t.ctx.config);
}

/**
 * Triton (v2 only). With `seldon.io/no-storage-initializer` it reads `modelUri` itself (credentials
 * from the env Secret) and takes its model-control parameters as flags.
 */
function tritonServer(t: ServerTarget): void {
  const { container, node, ctx, http, grpc } = t;
  container.image ||= prepackagedImageFor('TRITON_SERVER', 'v2', ctx.config) ?? '';
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
  if (!direct) fetchModel(t);
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

/** TENSORFLOW_SERVER with the tensorflow protocol: TensorFlow Serving itself is the node. */
function tensorflowServing(t: ServerTarget): void {
  const { container, node, ctx, http, grpc } = t;
  container.image ||= prepackagedImageFor('TENSORFLOW_SERVER', 'tensorflow', ctx.config) ?? '';
  container.args ??= [
    `--port=${grpc}`,
    `--rest_api_port=${http}`,
    `--model_name=${node.name}`,
    `--model_base_path=${MODELS_PATH}`,
  ];
  fetchModel(t);
}

/**
 * TENSORFLOW_SERVER with the seldon protocol: the tfproxy wrapper is the node and forwards to a
 * `tfserving` sidecar (ports 2000/2001), which gets the model.
 */
function tensorflowProxy(t: ServerTarget): void {
  const { pod, container, node, ctx } = t;
  container.image = prepackagedImageFor('TENSORFLOW_SERVER', 'seldon', ctx.config) ?? container.image;
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
    tf = tfServingSidecar(node, ctx.config);
    containers.push(tf);
  }
  fetchModel(t, tf);
}

function tfServingSidecar(node: PredictiveUnit, config: OperatorConfig): Container {
  return {
    name: 'tfserving',
    image: prepackagedImageFor('TENSORFLOW_SERVER', 'tensorflow', config) ?? '',
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
}

/** v2/kfserving protocol: MLServer with the implementation's runtime. */
function mlServer(t: ServerTarget): void {
  const { container, node, ctx, http, grpc } = t;
  const impl = node.implementation!;
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
  setMlServerProbes(container);
  fetchModel(t);
}

/** MLServer's v2 health endpoints; a user's probe keeps its timing but gets the endpoint. */
function setMlServerProbes(container: Container): void {
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
}

function stripHandler(probe: Record<string, unknown>): Record<string, unknown> {
  const { httpGet: _h, tcpSocket: _t, exec: _e, grpc: _g, ...rest } = probe;
  return rest;
}

/** Python-wrapper servers (SKLEARN/XGBOOST/MLFLOW with the seldon protocol, and custom servers). */
function pythonWrapperServer(t: ServerTarget): void {
  const params = (t.node.parameters ?? []).filter((p) => p.name !== 'model_uri');
  params.push({ name: 'model_uri', type: 'STRING', value: MODELS_PATH });
  setEnv(t.container, 'PREDICTIVE_UNIT_PARAMETERS', JSON.stringify(params));
  fetchModel(t);
}
