// The Deployments of a predictor: one per componentSpec (its graph node containers, the engine in
// the pod of the first local node) and, with `seldon.io/engine-separate-pod`, the engine's own
// svc-orch Deployment.
import type { PodSpec, SeldonPodSpec } from '@seldon-ts/crd-types';
import { findNode, isPrepackaged, walkGraph } from '@seldon-ts/crd-types';
import type { KubeObject } from '../kube/client.js';
import { isAutoscaled } from './autoscaling.js';
import type { PredictorContext } from './context.js';
import { addSpoolVolume } from './payload-spool.js';
import { engineContainer } from './engine-container.js';
import { SELDON_ID_LABEL, nodeTypeLabel } from './metadata.js';
import {
  componentDeploymentName,
  containerServiceLabelKey,
  containerServiceName,
  svcOrchDeploymentName,
} from './names.js';
import { decorateNodeContainer } from './node-container.js';
import { addGraphVolume } from './parameters-delivery.js';
import { finishPod, mountCert } from './pod.js';
import { applyPrepackaged } from './prepackaged.js';
import { injectStorageInitializer } from './storage-initializer.js';

/** What a Deployment means for status (07 §10 step 6). */
export interface DesiredDeploymentInfo {
  name: string;
  predictor: string;
  /** Index of the predictor in the spec; `status.replicas` comes from predictor 0's first Deployment. */
  predictorIndex: number;
  componentIndex: number;
  explainerFor?: string;
  /** An HPA or ScaledObject owns `spec.replicas`. */
  autoscaled: boolean;
}

/** A Deployment and what it means for status. */
export interface BuiltDeployment {
  object: KubeObject;
  info: DesiredDeploymentInfo;
}

/**
 * Index of the componentSpec whose pod hosts the engine: the pod of the first (pre-order) graph node
 * served on localhost, else the first; -1 when the engine is elsewhere (own pod) or absent.
 */
export function engineHostIndex(ctx: PredictorContext, separate: boolean): number {
  if (ctx.noEngine || separate) return -1;
  const specs = ctx.predictor.componentSpecs ?? [];
  for (const { node } of walkGraph(ctx.predictor.graph)) {
    if (node.endpoint?.service_host !== 'localhost') continue;
    const index = specs.findIndex((cs) => (cs.spec?.containers ?? []).some((c) => c.name === node.name));
    if (index >= 0) return index;
  }
  return specs.length > 0 ? 0 : -1;
}

/** Prometheus scraping of the pod (the engine's and the nodes' metrics path). */
function scrapeAnnotations(ctx: PredictorContext): Record<string, string> {
  return { 'prometheus.io/path': ctx.config.engine.prometheusPath, 'prometheus.io/scrape': 'true' };
}

/**
 * The pod of componentSpec `j`: the user's spec with every graph node container completed
 * (07 §3.2, prepackaged servers §4, storage initializer §5), plus the engine when it is hosted here.
 * Returns the pod and the labels/selector the node containers contribute.
 */
function componentPod(cs: SeldonPodSpec, ctx: PredictorContext, hasEngine: boolean) {
  const { sdep, predictor, config } = ctx;
  const pod: PodSpec = structuredClone(cs.spec ?? {});
  const nodeLabels: Record<string, string> = {};
  const selector: Record<string, string> = { [SELDON_ID_LABEL]: ctx.seldonId };
  for (const c of pod.containers ?? []) {
    const node = findNode(predictor.graph, c.name);
    if (!node) continue;
    const svcName = containerServiceName(sdep, predictor, c.name);
    nodeLabels[containerServiceLabelKey(c.name)] = svcName;
    selector[containerServiceLabelKey(c.name)] = svcName;
    const typeLabel = nodeTypeLabel(node);
    if (typeLabel) nodeLabels[typeLabel] = 'true';
    const parametersFromGraph =
      ctx.useGraphFile && !isPrepackaged(node)
        ? {
            pod,
            configMap: ctx.graph.configMap,
            mountPath: config.engine.graphMountPath,
            data: ctx.graph.data,
          }
        : undefined;
    decorateNodeContainer(c, node, { sdep, predictor, config, parametersFromGraph });
    if (isPrepackaged(node)) {
      applyPrepackaged(pod, c, node, {
        protocol: sdep.spec.protocol || 'seldon',
        namespace: ctx.namespace,
        noStorageInitializer: sdep.spec.annotations?.['seldon.io/no-storage-initializer'] === 'true',
        config,
      });
    } else if (node.modelUri) {
      injectStorageInitializer(pod, c, node.modelUri, node, config);
    }
  }
  if (hasEngine) addEngine(pod, ctx);
  finishPod(pod, config);
  return { pod, nodeLabels, selector };
}

/** The engine container, its TLS Secret and its graph ConfigMap volume. */
function addEngine(pod: PodSpec, ctx: PredictorContext): void {
  (pod.containers ??= []).push(engineContainer(ctx));
  addSpoolVolume(pod, ctx);
  if (ctx.predictor.ssl?.certSecretName) mountCert(pod, ctx.predictor.ssl.certSecretName, ctx.config);
  if (ctx.useGraphFile) addGraphVolume(pod, ctx.graph.configMap);
}

/** The Deployment of componentSpec `j` (undefined for a componentSpec without containers). */
export function componentDeployment(
  cs: SeldonPodSpec,
  j: number,
  ctx: PredictorContext,
  engineIndex: number,
): BuiltDeployment | undefined {
  const { sdep, predictor } = ctx;
  if ((cs.spec?.containers ?? []).length === 0) return undefined;
  const name = componentDeploymentName(sdep, predictor, j, cs);
  const hasEngine = j === engineIndex;
  const { pod, nodeLabels, selector } = componentPod(cs, ctx, hasEngine);
  const labels: Record<string, string> = {
    [SELDON_ID_LABEL]: ctx.seldonId,
    app: name,
    fluentd: 'true',
    ...(predictor.labels ?? {}),
    ...(cs.metadata?.labels ?? {}),
    ...nodeLabels,
  };
  if (predictor.shadow === true) labels['seldon.io/shadow'] = 'true';
  // The pod with the engine (or, without an engine, the first) is what the predictor Service selects.
  if (hasEngine || (ctx.noEngine && j === 0)) {
    labels['seldon-app'] = ctx.serviceName;
    selector['seldon-app'] = ctx.serviceName;
  }
  const annotations = {
    ...(sdep.spec.annotations ?? {}),
    ...(predictor.annotations ?? {}),
    ...(cs.metadata?.annotations ?? {}),
  };
  const autoscaled = isAutoscaled(cs, ctx);
  const replicas = cs.replicas ?? predictor.replicas ?? sdep.spec.replicas;
  const objectLabels: Record<string, string> = { ...labels };
  if (hasEngine) objectLabels['seldon-deployment-contains-svcorch'] = 'true';
  const object: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: ctx.meta(name, objectLabels, annotations),
    spec: {
      ...(autoscaled ? {} : { replicas: replicas ?? 1 }),
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      ...(predictor.progressDeadlineSeconds !== undefined
        ? { progressDeadlineSeconds: predictor.progressDeadlineSeconds }
        : {}),
      template: {
        metadata: { labels: { ...labels }, annotations: { ...annotations, ...scrapeAnnotations(ctx) } },
        spec: pod,
      },
    },
  };
  return {
    object,
    info: { name, predictor: predictor.name, predictorIndex: ctx.pIndex, componentIndex: j, autoscaled },
  };
}

/** `seldon.io/engine-separate-pod`: the engine alone in its own Deployment. */
export function svcOrchDeployment(ctx: PredictorContext): BuiltDeployment {
  const { sdep, predictor, config, serviceName } = ctx;
  const name = svcOrchDeploymentName(sdep, predictor);
  const pod: PodSpec = {
    containers: [engineContainer(ctx)],
    serviceAccountName: config.engine.serviceAccountName,
  };
  addSpoolVolume(pod, ctx);
  if (ctx.useGraphFile) addGraphVolume(pod, ctx.graph.configMap);
  if (predictor.ssl?.certSecretName) mountCert(pod, predictor.ssl.certSecretName, config);
  finishPod(pod, config);
  const object: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: ctx.meta(
      name,
      {
        'seldon-deployment-contains-svcorch': 'true',
        'seldon-app': serviceName,
        [SELDON_ID_LABEL]: serviceName,
        app: name,
        version: 'v1',
        fluentd: 'true',
        ...(predictor.labels ?? {}),
      },
      sdep.spec.annotations,
    ),
    spec: {
      replicas: predictor.svcOrchSpec?.replicas ?? predictor.replicas ?? sdep.spec.replicas ?? 1,
      selector: { matchLabels: { 'seldon-app': serviceName, [SELDON_ID_LABEL]: serviceName } },
      template: {
        metadata: {
          labels: {
            'seldon-app': serviceName,
            [SELDON_ID_LABEL]: serviceName,
            app: name,
            ...(predictor.labels ?? {}),
          },
          annotations: scrapeAnnotations(ctx),
        },
        spec: pod,
      },
    },
  };
  return {
    object,
    info: {
      name,
      predictor: predictor.name,
      predictorIndex: ctx.pIndex,
      componentIndex: -1,
      autoscaled: false,
    },
  };
}
