// 07 §6: a predictor's explainer: its Deployment (alibi-explain, v1 or MLServer for v2), its Service
// and its HTTP routes (Istio, Ambassador).
import type { Container, Explainer, PodSpec } from '@seldon-ts/crd-types';
import { OperatorError } from '../../errors.js';
import type { KubeObject } from '../kube/client.js';
import { ambassadorV1Config, ambassadorV2Objects } from './ambassador.js';
import type { PredictorContext } from './context.js';
import type { BuiltDeployment } from './deployments.js';
import { explainerIstioObjects } from './istio.js';
import { SELDON_ID_LABEL } from './metadata.js';
import { explainerName } from './names.js';
import { finishPod, tcpProbe } from './pod.js';
import { injectStorageInitializer, MODELS_PATH } from './storage-initializer.js';

const EXPLAINER_TYPES_V2: Record<string, string> = {
  AnchorTabular: 'anchor_tabular',
  AnchorImages: 'anchor_image',
  AnchorText: 'anchor_text',
  Counterfactuals: 'counterfactuals',
  Contrastive: 'contrastive',
  KernelShap: 'kernel_shap',
  IntegratedGradients: 'integrated_gradients',
  ALE: 'ALE',
  TreeShap: 'tree_shap',
};

/** Everything a predictor's explainer adds. */
export interface BuiltExplainer {
  name: string;
  port: number;
  deployment: BuiltDeployment;
  service: KubeObject;
  /** Istio VirtualService/DestinationRule and Ambassador v2 Mapping, as enabled. */
  ingress: KubeObject[];
}

const isV2 = (ctx: PredictorContext) =>
  ctx.sdep.spec.protocol === 'v2' || ctx.sdep.spec.protocol === 'kfserving';

export function explainerObjects(ctx: PredictorContext): BuiltExplainer {
  const { sdep, predictor } = ctx;
  const ex = predictor.explainer!;
  const name = explainerName(sdep, predictor);
  const { container: c, port } = explainerContainer(ctx, ex, name);
  const pod: PodSpec = { containers: [c] };
  if (ex.serviceAccountName) pod.serviceAccountName = ex.serviceAccountName;
  if (ex.modelUri) injectStorageInitializer(pod, c, ex.modelUri, ex, ctx.config);
  finishPod(pod, ctx.config);
  return {
    name,
    port,
    deployment: explainerDeployment(ctx, name, pod),
    service: explainerService(ctx, name, port),
    ingress: explainerIngress(ctx, name, port),
  };
}

/** The explainer container: the user's `containerSpec` completed with image, `http` port, probes and args or env. */
function explainerContainer(
  ctx: PredictorContext,
  ex: Explainer,
  name: string,
): { container: Container; port: number } {
  const { config } = ctx;
  const c: Container = structuredClone(ex.containerSpec ?? { name });
  c.name ||= name;
  c.imagePullPolicy ||= 'IfNotPresent';
  c.image ||= isV2(ctx)
    ? config.relatedImages.explainerV2 || config.seldonConfig.explainer.image_v2
    : config.relatedImages.explainer || config.seldonConfig.explainer.image;
  const userHttp = (c.ports ?? []).find((p) => p.name === 'http');
  const port = userHttp?.containerPort ?? ex.endpoint?.service_port ?? 9000;
  if (!userHttp) (c.ports ??= []).push({ name: 'http', containerPort: port, protocol: 'TCP' });
  c.livenessProbe ??= tcpProbe('http', 60, 5);
  c.readinessProbe ??= tcpProbe('http', 20, 7);
  c.lifecycle ??= { preStop: { exec: { command: ['/bin/sh', '-c', '/bin/sleep 10'] } } };
  if (isV2(ctx)) c.env = [...(c.env ?? []), ...mlServerExplainerEnv(ctx, ex, c.name, port)];
  else if (!c.args) c.args = alibiExplainerArgs(ctx, ex, port);
  return { container: c, port };
}

/** v2 protocol: MLServer's alibi-explain runtime, pointed at the predictor's v2 infer endpoint. */
function mlServerExplainerEnv(ctx: PredictorContext, ex: Explainer, name: string, port: number) {
  const { predictor, config } = ctx;
  const extra: Record<string, unknown> = {
    explainer_type: EXPLAINER_TYPES_V2[ex.type!] ?? ex.type!,
    infer_uri: `http://${ctx.serviceName}.${ctx.namespace}:${config.engine.servicePort}/v2/models/${predictor.graph.name}/infer`,
  };
  if (ex.initParameters) {
    try {
      extra.init_parameters = JSON.parse(ex.initParameters);
    } catch {
      throw new OperatorError(
        'SC_ERR_OPERATOR_INVALID_SDEP',
        `spec.predictors[${predictor.name}].explainer.initParameters is not valid JSON`,
      );
    }
  }
  return [
    { name: 'MLSERVER_HTTP_PORT', value: String(port) },
    { name: 'MLSERVER_MODEL_IMPLEMENTATION', value: 'mlserver_alibi_explain.AlibiExplainRuntime' },
    { name: 'MLSERVER_MODEL_NAME', value: name },
    { name: 'MLSERVER_MODEL_URI', value: MODELS_PATH },
    { name: 'MLSERVER_MODEL_EXTRA', value: JSON.stringify(extra) },
  ];
}

/** seldon/tensorflow protocol: the alibiexplainer command line (config keys sorted, model paths rewritten). */
function alibiExplainerArgs(ctx: PredictorContext, ex: Explainer, port: number): string[] {
  const { sdep, predictor, config } = ctx;
  const grpc = ex.endpoint?.type === 'GRPC' || (sdep.spec.transport || 'rest') === 'grpc';
  const proto = sdep.spec.protocol === 'tensorflow' ? 'tensorflow' : 'seldon';
  const predictorPort = grpc ? config.engine.serviceGrpcPort : config.engine.servicePort;
  const args = [
    `--model_name=${predictor.graph.name}`,
    `--predictor_host=${ctx.serviceName}.${ctx.namespace}:${predictorPort}`,
    `--protocol=${proto}.${grpc ? 'grpc' : 'http'}`,
    `--http_port=${port}`,
  ];
  if (ex.modelUri) args.push(`--storage_uri=${MODELS_PATH}`);
  args.push(ex.type!);
  if (ex.type === 'AnchorImages') args.push('--tf_data_type=float32');
  for (const [k, v] of Object.entries(ex.config ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = ex.modelUri && v.startsWith(ex.modelUri) ? MODELS_PATH + v.slice(ex.modelUri.length) : v;
    args.push(`--${k}=${value}`);
  }
  return args;
}

function explainerDeployment(ctx: PredictorContext, name: string, pod: PodSpec): BuiltDeployment {
  const { sdep, predictor } = ctx;
  const ex = predictor.explainer!;
  const predictorReplicas = predictor.replicas ?? sdep.spec.replicas;
  const labels = {
    [SELDON_ID_LABEL]: ctx.seldonId,
    app: name,
    fluentd: 'true',
    ...(predictor.labels ?? {}),
    'seldon.io/explainer': 'true',
    'seldon-app': name,
  };
  const object: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: ctx.meta(name, labels, { ...(sdep.spec.annotations ?? {}), ...(predictor.annotations ?? {}) }),
    spec: {
      replicas: predictorReplicas === 0 ? 0 : (ex.replicas ?? 1),
      selector: { matchLabels: { 'seldon-app': name, [SELDON_ID_LABEL]: ctx.seldonId } },
      template: { metadata: { labels }, spec: pod },
    },
  };
  return {
    object,
    info: {
      name,
      predictor: predictor.name,
      predictorIndex: ctx.pIndex,
      componentIndex: -1,
      explainerFor: ctx.serviceName,
      autoscaled: false,
    },
  };
}

function explainerService(ctx: PredictorContext, name: string, port: number): KubeObject {
  const { sdep, predictor, pIndex, config } = ctx;
  const annotations: Record<string, string> = { ...(predictor.annotations ?? {}) };
  if (config.ambassador.enabled && config.ambassador.version === 'v1') {
    annotations['getambassador.io/config'] = ambassadorV1Config(
      { sdep, predictor, pIndex, service: name, httpPort: port, explainer: true },
      config.ambassador.singleNamespace,
    );
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: ctx.meta(name, { 'seldon-app': ctx.serviceName }, annotations),
    spec: {
      type: 'ClusterIP',
      sessionAffinity: 'None',
      selector: { 'seldon-app': name },
      ports: [{ name: 'http', protocol: 'TCP', port, targetPort: port }],
    },
  };
}

/** The explainer's HTTP routes: Istio VirtualService + DestinationRule, Ambassador v2 Mapping. */
function explainerIngress(ctx: PredictorContext, name: string, port: number): KubeObject[] {
  const { sdep, predictor, pIndex, config } = ctx;
  const out: KubeObject[] = [];
  if (config.istio.enabled) out.push(...explainerIstioObjects(ctx, predictor, name, port));
  if (config.ambassador.enabled && config.ambassador.version !== 'v1') {
    out.push(
      ...ambassadorV2Objects(
        { sdep, predictor, pIndex, service: name, httpPort: port, explainer: true },
        config.ambassador.singleNamespace,
        ctx.meta,
      ),
    );
  }
  return out;
}
