import type {
  Container,
  EnvVar,
  PodSpec,
  PredictiveUnit,
  PredictorSpec,
  SeldonDeployment,
  SeldonPodSpec,
} from '@seldon-ts/crd-types';
// One definition of "prepackaged" and one graph walk for the validator, the defaulter and the operator.
import { findNode, isPrepackaged, walkGraph } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import { addPortIfAbsent, setEnvIfAbsent } from './container.js';
import {
  addGraphVolume,
  deliverParameters,
  GRAPH_VOLUME,
  type GraphParameters,
} from './parameters-delivery.js';
import { OperatorError } from '../../errors.js';
import { intAnnotation, lookupAnnotation } from './annotations.js';
import { ambassadorV1Config, ambassadorV2Objects } from './ambassador.js';
import type { KubeObject, OwnerReference } from '../kube/client.js';
import { defaultSeldonDeployment, engineSeparatePod, PODINFO_PATH, PODINFO_VOLUME } from './defaulting.js';
import {
  truncateName,
  containerServiceLabelKey,
  componentDeploymentName,
  containerServiceName,
  explainerName,
  predictorServiceName,
  seldonId,
  svcOrchDeploymentName,
} from './names.js';
import {
  applyPrepackaged,
  injectStorageInitializer,
  MODELS_PATH,
  type BuildConfig,
  type ClusterFacts,
} from './prepackaged.js';

export const ENGINE_CONTAINER = 'seldon-container-engine';
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'seldon-core';
export const SELDON_ID_LABEL = 'seldon-deployment-id';
export const GRAPH_FILE = 'predictor.json';

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

export interface DesiredServiceInfo {
  name: string;
  httpPort: number;
  grpcPort: number;
  explainerFor?: string;
}

/** Everything the operator wants to exist for one SeldonDeployment. */
export interface DesiredState {
  seldonId: string;
  namespace: string;
  objects: KubeObject[];
  deployments: DesiredDeploymentInfo[];
  services: DesiredServiceInfo[];
  /** `status.address.url`. */
  address: string | undefined;
}

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

function nodeTypeLabel(node: PredictiveUnit): string | undefined {
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

function tcpProbe(port: number | string, initialDelaySeconds: number, failureThreshold = 3) {
  return {
    tcpSocket: { port },
    initialDelaySeconds,
    periodSeconds: 5,
    successThreshold: 1,
    failureThreshold,
    timeoutSeconds: 1,
  };
}

/** The defaulted predictor as the executor reads it (06 §8 / 07 §3.3). */
export function enginePredictor(predictor: PredictorSpec): PredictorSpec {
  const p = structuredClone(predictor);
  p.traffic = 0;
  p.replicas = 0;
  delete p.explainer;
  for (const cs of p.componentSpecs ?? []) if (cs.metadata) cs.metadata.creationTimestamp = null;
  return p;
}

/**
 * Computes every object a SeldonDeployment should own (07 §3–§8). Pure: same input, same output;
 * `config` carries the operator environment and the parsed `seldon-config`; `facts` what the caller read
 * from the cluster (service-account Secrets for model-download credentials).
 */
export function desiredState(
  raw: SeldonDeployment,
  operatorConfig: OperatorConfig,
  facts: ClusterFacts = {},
): DesiredState {
  const config: BuildConfig = { ...operatorConfig, ...facts };
  const sdep = defaultSeldonDeployment(raw, config);
  const ns = sdep.metadata.namespace!;
  const id = seldonId(sdep);
  const owner = ownerReference(sdep);
  const separate = engineSeparatePod(sdep);
  const protocol = sdep.spec.protocol || 'seldon';
  const transport = sdep.spec.transport || 'rest';
  const objects: KubeObject[] = [];
  const deployments: DesiredDeploymentInfo[] = [];
  const services: DesiredServiceInfo[] = [];
  let address: string | undefined;
  const meta = (name: string, labels: Record<string, string>, annotations?: Record<string, string>) => ({
    name,
    namespace: ns,
    labels: { ...labels, [SELDON_ID_LABEL]: labels[SELDON_ID_LABEL] ?? id, [MANAGED_BY]: MANAGED_BY_VALUE },
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
    ownerReferences: [owner],
  });

  sdep.spec.predictors.forEach((predictor, pIndex) => {
    const pSvc = predictorServiceName(sdep, predictor);
    const noEngine = predictor.annotations?.['seldon.io/no-engine'] === 'true';
    const shadow = predictor.shadow === true;
    const predictorAnnotations = predictor.annotations ?? {};
    const replicasDefault = predictor.replicas ?? sdep.spec.replicas;
    const engineImage = config.engine.image;
    if (!noEngine && !engineImage) {
      throw new OperatorError(
        'SC_ERR_OPERATOR_NO_EXECUTOR_IMAGE',
        'Failed to find executor image from environment. Check EXECUTOR_CONTAINER_IMAGE_AND_VERSION or RELATED_IMAGE_EXECUTOR are set.',
      );
    }
    // The engine sits in the pod of the first (pre-order) node served on localhost.
    let engineSpecIndex = -1;
    if (!noEngine && !separate) {
      for (const { node } of walkGraph(predictor.graph)) {
        if (node.endpoint?.service_host !== 'localhost') continue;
        engineSpecIndex = (predictor.componentSpecs ?? []).findIndex((cs) =>
          (cs.spec?.containers ?? []).some((c) => c.name === node.name),
        );
        if (engineSpecIndex >= 0) break;
      }
      if (engineSpecIndex < 0 && (predictor.componentSpecs ?? []).length > 0) engineSpecIndex = 0;
    }
    const graphConfigMap = `${pSvc}-graph`;
    const useGraphFile = config.engine.graphDelivery === 'file' && !noEngine;
    // The nodes' parameters join the engine's graph in this ConfigMap as the containers are built.
    const graphData: Record<string, string> = {
      [GRAPH_FILE]: JSON.stringify(enginePredictor(predictor), null, 2),
    };
    if (useGraphFile) {
      objects.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta(graphConfigMap, { 'seldon-app': pSvc }),
        data: graphData,
      });
    }

    (predictor.componentSpecs ?? []).forEach((cs, j) => {
      const containers = cs.spec?.containers ?? [];
      if (containers.length === 0) return;
      const depName = componentDeploymentName(sdep, predictor, j, cs);
      const pod: PodSpec = structuredClone(cs.spec ?? {});
      const labels: Record<string, string> = {
        [SELDON_ID_LABEL]: id,
        app: depName,
        fluentd: 'true',
        ...(predictor.labels ?? {}),
        ...(cs.metadata?.labels ?? {}),
      };
      const selector: Record<string, string> = { [SELDON_ID_LABEL]: id };
      for (const c of pod.containers ?? []) {
        const node = findNode(predictor.graph, c.name);
        if (!node) continue;
        const svcName = containerServiceName(sdep, predictor, c.name);
        labels[containerServiceLabelKey(c.name)] = svcName;
        selector[containerServiceLabelKey(c.name)] = svcName;
        const typeLabel = nodeTypeLabel(node);
        if (typeLabel) labels[typeLabel] = 'true';
        const parametersFromGraph =
          useGraphFile && !isPrepackaged(node)
            ? { pod, configMap: graphConfigMap, mountPath: config.engine.graphMountPath, data: graphData }
            : undefined;
        decorateNodeContainer(c, node, sdep, predictor, config, parametersFromGraph);
        if (isPrepackaged(node)) {
          applyPrepackaged(pod, c, node, {
            protocol,
            namespace: ns,
            noStorageInitializer: sdep.spec.annotations?.['seldon.io/no-storage-initializer'] === 'true',
            config,
          });
        } else if (node.modelUri) {
          injectStorageInitializer(pod, c, node.modelUri, node, config);
        }
      }
      if (shadow) labels['seldon.io/shadow'] = 'true';
      const hasEngine = j === engineSpecIndex;
      if (hasEngine || (noEngine && j === 0)) {
        labels['seldon-app'] = pSvc;
        selector['seldon-app'] = pSvc;
      }
      const annotations = {
        ...(sdep.spec.annotations ?? {}),
        ...predictorAnnotations,
        ...(cs.metadata?.annotations ?? {}),
      };
      if (hasEngine) {
        (pod.containers ??= []).push(engineContainer(sdep, predictor, config, useGraphFile));
        if (predictor.ssl?.certSecretName) mountCert(pod, predictor.ssl.certSecretName, config);
        if (useGraphFile) addGraphVolume(pod, graphConfigMap);
      }
      finishPod(pod, config);
      const autoscaled = Boolean(cs.hpaSpec) || Boolean(cs.kedaSpec && config.kedaEnabled);
      const podLabels = { ...labels };
      const objectLabels: Record<string, string> = { ...labels };
      if (hasEngine) objectLabels['seldon-deployment-contains-svcorch'] = 'true';
      const replicas = cs.replicas ?? replicasDefault;
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(depName, objectLabels, annotations),
        spec: {
          ...(autoscaled ? {} : { replicas: replicas ?? 1 }),
          selector: { matchLabels: selector },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
          ...(predictor.progressDeadlineSeconds !== undefined
            ? { progressDeadlineSeconds: predictor.progressDeadlineSeconds }
            : {}),
          template: {
            metadata: {
              labels: podLabels,
              annotations: {
                ...annotations,
                'prometheus.io/path': config.engine.prometheusPath,
                'prometheus.io/scrape': 'true',
              },
            },
            spec: pod,
          },
        },
      });
      deployments.push({
        name: depName,
        predictor: predictor.name,
        predictorIndex: pIndex,
        componentIndex: j,
        autoscaled,
      });
      autoscalingObjects(objects, cs, depName, id, config, meta);
      // Node Services for every graph container (the engine reaches other pods through them).
      for (const c of cs.spec?.containers ?? []) {
        const node = findNode(predictor.graph, c.name);
        if (!node || c.name === 'tfserving') continue;
        const svcName = containerServiceName(sdep, predictor, c.name);
        const http = node.endpoint!.httpPort!;
        const grpc = node.endpoint!.grpcPort!;
        const svcLabels: Record<string, string> = {
          [containerServiceLabelKey(c.name)]: svcName,
          'seldon-app': pSvc,
        };
        const typeLabel = nodeTypeLabel(node);
        if (typeLabel) svcLabels[typeLabel] = 'true';
        if (shadow) svcLabels['seldon.io/shadow'] = 'true';
        objects.push(
          service(
            meta(svcName, svcLabels, predictorAnnotations),
            { [containerServiceLabelKey(c.name)]: svcName },
            http,
            grpc,
            false,
          ),
        );
      }
    });

    if (separate && !noEngine) {
      const name = svcOrchDeploymentName(sdep, predictor);
      const podLabels = {
        'seldon-app': pSvc,
        [SELDON_ID_LABEL]: pSvc,
        app: name,
        ...(predictor.labels ?? {}),
      };
      const pod: PodSpec = {
        containers: [engineContainer(sdep, predictor, config, useGraphFile)],
        serviceAccountName: config.engine.serviceAccountName,
      };
      if (useGraphFile) addGraphVolume(pod, graphConfigMap);
      if (predictor.ssl?.certSecretName) mountCert(pod, predictor.ssl.certSecretName, config);
      finishPod(pod, config);
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(
          name,
          {
            'seldon-deployment-contains-svcorch': 'true',
            'seldon-app': pSvc,
            [SELDON_ID_LABEL]: pSvc,
            app: name,
            version: 'v1',
            fluentd: 'true',
            ...(predictor.labels ?? {}),
          },
          sdep.spec.annotations,
        ),
        spec: {
          replicas: predictor.svcOrchSpec?.replicas ?? replicasDefault ?? 1,
          selector: { matchLabels: { 'seldon-app': pSvc, [SELDON_ID_LABEL]: pSvc } },
          template: {
            metadata: {
              labels: podLabels,
              annotations: {
                'prometheus.io/path': config.engine.prometheusPath,
                'prometheus.io/scrape': 'true',
              },
            },
            spec: pod,
          },
        },
      });
      deployments.push({
        name,
        predictor: predictor.name,
        predictorIndex: pIndex,
        componentIndex: -1,
        autoscaled: false,
      });
    }

    // Predictor Service: the engine's ports, or the model's own ports without an engine.
    let httpPort = config.engine.servicePort;
    let grpcPort = config.engine.serviceGrpcPort;
    let targetHttp = config.engine.httpPort;
    let targetGrpc = config.engine.grpcPort;
    const pLabels: Record<string, string> = { 'seldon-app': pSvc };
    if (noEngine) {
      httpPort = targetHttp = predictor.graph.endpoint?.httpPort ?? config.nodePorts.http;
      grpcPort = targetGrpc = predictor.graph.endpoint?.grpcPort ?? config.nodePorts.grpc;
      const typeLabel = nodeTypeLabel(predictor.graph);
      if (typeLabel) pLabels[typeLabel] = 'true';
    }
    const headless = lookupAnnotation(sdep, 'seldon.io/headless-svc');
    const svcAnnotations: Record<string, string> = { ...predictorAnnotations };
    if (config.ambassador.enabled && config.ambassador.version === 'v1') {
      svcAnnotations['getambassador.io/config'] = ambassadorV1Config(
        { sdep, predictor, pIndex, service: pSvc, httpPort, grpcPort, explainer: false },
        config.ambassador.singleNamespace,
      );
    }
    const pService = service(
      meta(pSvc, pLabels, svcAnnotations),
      { 'seldon-app': pSvc },
      httpPort,
      grpcPort,
      headless !== undefined && headless !== 'false',
      targetHttp,
      targetGrpc,
    );
    objects.push(pService);
    services.push({ name: pSvc, httpPort, grpcPort });
    if (pIndex === 0) {
      const path =
        protocol === 'tensorflow'
          ? `/v1/models/${predictor.graph.name}:predict`
          : protocol === 'v2' || protocol === 'kfserving'
            ? `/v2/models/${predictor.graph.name}/infer`
            : '/api/v1.0/predictions';
      address = `http://${pSvc}.${ns}.svc.cluster.local:${httpPort}${path}`;
    }

    if (config.ambassador.enabled && config.ambassador.version !== 'v1') {
      objects.push(
        ...ambassadorV2Objects(
          { sdep, predictor, pIndex, service: pSvc, httpPort, grpcPort, explainer: false },
          config.ambassador.singleNamespace,
          meta,
        ),
      );
    }

    if (predictor.explainer?.type) {
      const ex = explainerObjects(sdep, predictor, pIndex, pSvc, config, meta, transport);
      objects.push(...ex.objects);
      deployments.push({
        name: ex.name,
        predictor: predictor.name,
        predictorIndex: pIndex,
        componentIndex: -1,
        explainerFor: pSvc,
        autoscaled: false,
      });
      services.push({ name: ex.name, httpPort: ex.port, grpcPort: ex.port, explainerFor: pSvc });
      objects.push(...explainerIngress(sdep, predictor, pIndex, ex.name, ex.port, config, meta));
    }

    if (config.istio.enabled) {
      const dr: KubeObject = {
        apiVersion: 'networking.istio.io/v1alpha3',
        kind: 'DestinationRule',
        metadata: meta(pSvc, {}),
        spec: {
          host: `${pSvc}.${ns}.svc.cluster.local`,
          subsets: [{ name: predictor.name, labels: { version: predictor.labels!.version } }],
          trafficPolicy: config.istio.tlsMode
            ? { tls: { mode: config.istio.tlsMode } }
            : { connectionPool: { http: { idleTimeout: '60s' } } },
        },
      };
      objects.push(dr);
    }
  });

  if (config.istio.enabled) objects.push(istioVirtualService(sdep, id, config, meta));
  return { seldonId: id, namespace: ns, objects, deployments, services, address };
}

type MetaFn = (
  name: string,
  labels: Record<string, string>,
  annotations?: Record<string, string>,
) => KubeObject['metadata'];

function service(
  metadata: KubeObject['metadata'],
  selector: Record<string, string>,
  httpPort: number,
  grpcPort: number,
  headless: boolean,
  targetHttp = httpPort,
  targetGrpc = grpcPort,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ...(headless ? { clusterIP: 'None' } : {}),
      selector,
      ports: [
        { name: 'http', protocol: 'TCP', port: httpPort, targetPort: targetHttp },
        { name: 'grpc', protocol: 'TCP', port: grpcPort, targetPort: targetGrpc },
      ],
    },
  };
}

/** 07 §3.2: ports, probes, preStop and PREDICTIVE_UNIT_* env of a graph node's container. */
function decorateNodeContainer(
  c: Container,
  node: PredictiveUnit,
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  config: OperatorConfig,
  parametersFromGraph: GraphParameters | undefined,
): void {
  const http = node.endpoint!.httpPort!;
  const grpc = node.endpoint!.grpcPort!;
  const useGrpc = node.endpoint?.type === 'GRPC' || sdep.spec.transport === 'grpc';
  addPortIfAbsent(c, 'http', http);
  addPortIfAbsent(c, 'grpc', grpc);
  const probePort = useGrpc ? grpc : http;
  c.livenessProbe ??= tcpProbe(probePort, 60);
  c.readinessProbe ??= tcpProbe(probePort, 20);
  // 5 s longer than the engine's 10 s: a node keeps serving while the engine drains its clients
  // (`--idle_drain`), so no request in a rolling update meets a node that has already stopped.
  c.lifecycle ??= { preStop: { exec: { command: ['/bin/sh', '-c', '/bin/sleep 15'] } } };
  const metricsPort = (c.ports ?? []).find((p) => p.name === config.nodePorts.metricsPortName)?.containerPort;
  // Each variable is set only when absent: the reference's helper wiped the whole env list instead.
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_SERVICE_PORT', String(useGrpc ? grpc : http));
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_HTTP_SERVICE_PORT', String(http));
  setEnvIfAbsent(c, 'MLSERVER_HTTP_PORT', String(http));
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_GRPC_SERVICE_PORT', String(grpc));
  setEnvIfAbsent(c, 'MLSERVER_GRPC_PORT', String(grpc));
  if (parametersFromGraph) deliverParameters(c, node, parametersFromGraph);
  else if (node.parameters && node.parameters.length > 0)
    setEnvIfAbsent(c, 'PREDICTIVE_UNIT_PARAMETERS', JSON.stringify(node.parameters));
  if (node.modelUri) setEnvIfAbsent(c, 'MLSERVER_MODEL_URI', MODELS_PATH);
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_ID', c.name);
  setEnvIfAbsent(c, 'MLSERVER_MODEL_NAME', c.name);
  if (c.image) setEnvIfAbsent(c, 'PREDICTIVE_UNIT_IMAGE', c.image);
  setEnvIfAbsent(c, 'PREDICTOR_ID', predictor.name);
  setEnvIfAbsent(c, 'PREDICTOR_LABELS', JSON.stringify(predictor.labels ?? {}));
  setEnvIfAbsent(c, 'SELDON_DEPLOYMENT_ID', sdep.metadata.name!);
  setEnvIfAbsent(c, 'SELDON_EXECUTOR_ENABLED', 'true');
  if (metricsPort !== undefined) {
    setEnvIfAbsent(c, 'PREDICTIVE_UNIT_METRICS_SERVICE_PORT', String(metricsPort));
    setEnvIfAbsent(c, 'MLSERVER_METRICS_PORT', String(metricsPort));
  }
  setEnvIfAbsent(c, 'PREDICTIVE_UNIT_METRICS_ENDPOINT', config.engine.prometheusPath);
  setEnvIfAbsent(c, 'MLSERVER_METRICS_ENDPOINT', config.engine.prometheusPath);
}

/** 07 §3.3: the executor container. */
function engineContainer(
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  config: OperatorConfig,
  useGraphFile: boolean,
): Container {
  const e = config.engine;
  const queue = intAnnotation(sdep, 'seldon.io/executor-logger-queue-size', e.logWorkQueueSize);
  const writeTimeout = intAnnotation(sdep, 'seldon.io/executor-logger-write-timeout-ms', e.logWriteTimeoutMs);
  const args = [
    '--sdep',
    sdep.metadata.name!,
    '--namespace',
    sdep.metadata.namespace!,
    '--predictor',
    predictor.name,
    '--http_port',
    String(e.httpPort),
    '--grpc_port',
    String(e.grpcPort),
    '--protocol',
    sdep.spec.protocol || 'seldon',
    '--transport',
    sdep.spec.transport || 'rest',
    '--prometheus_path',
    e.prometheusPath,
    '--server_type',
    sdep.spec.serverType || 'rpc',
    '--log_work_buffer_size',
    String(queue),
    '--log_write_timeout_ms',
    String(writeTimeout),
    `--full_health_checks=${e.fullHealthChecks}`,
  ];
  const env: EnvVar[] = [];
  const mounts = [{ name: PODINFO_VOLUME, mountPath: PODINFO_PATH }];
  if (useGraphFile) {
    args.push('--file', `${e.graphMountPath}/${GRAPH_FILE}`);
    mounts.push({ name: GRAPH_VOLUME, mountPath: e.graphMountPath, readOnly: true } as never);
  } else {
    env.push({
      name: 'ENGINE_PREDICTOR',
      value: Buffer.from(JSON.stringify(enginePredictor(predictor))).toString('base64'),
    });
  }
  env.push({ name: 'REQUEST_LOGGER_DEFAULT_ENDPOINT', value: e.requestLoggerDefaultEndpoint });
  for (const v of predictor.svcOrchSpec?.env ?? []) env.push(v);
  const fromAnnotations = Object.entries(sdep.spec.annotations ?? {})
    .filter(([k]) => k.startsWith('seldon.io/engine-') && k !== 'seldon.io/engine-separate-pod')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of fromAnnotations) {
    const name = k.slice('seldon.io/engine-'.length).toUpperCase().replace(/-/g, '_');
    if (!(predictor.svcOrchSpec?.env ?? []).some((x) => x.name === name)) env.push({ name, value: v });
  }
  const scheme = predictor.ssl?.certSecretName ? 'HTTPS' : 'HTTP';
  const probe = (path: string) => ({
    httpGet: { path, port: e.httpPort, scheme },
    initialDelaySeconds: 20,
    periodSeconds: 5,
    failureThreshold: 3,
    successThreshold: 1,
    timeoutSeconds: 60,
  });
  return {
    name: ENGINE_CONTAINER,
    image: e.image,
    imagePullPolicy: e.imagePullPolicy,
    args,
    env,
    // v1 also declares a `metrics` port on the same number; server-side apply keys container ports by
    // (containerPort, protocol), so that duplicate cannot be applied: metrics are served on `http`.
    ports: [
      { name: 'http', containerPort: e.httpPort, protocol: 'TCP' },
      { name: 'grpc', containerPort: e.grpcPort, protocol: 'TCP' },
    ],
    readinessProbe: probe('/ready'),
    livenessProbe: probe('/live'),
    resources: predictor.svcOrchSpec?.resources ?? {
      requests: { cpu: e.resources.cpuRequest, memory: e.resources.memoryRequest },
      limits: { cpu: e.resources.cpuLimit, memory: e.resources.memoryLimit },
    },
    ...(e.user !== undefined
      ? { securityContext: { runAsUser: e.user, runAsNonRoot: true, allowPrivilegeEscalation: false } }
      : {}),
    volumeMounts: mounts,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  };
}

function mountCert(pod: PodSpec, secretName: string, config: OperatorConfig): void {
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === 'seldon-cert-volume'))
    volumes.push({ name: 'seldon-cert-volume', secret: { secretName } });
  for (const c of pod.containers ?? []) {
    const mounts = (c.volumeMounts ??= []);
    if (!mounts.some((m) => m.name === 'seldon-cert-volume'))
      mounts.push({ name: 'seldon-cert-volume', mountPath: config.certMountPath, readOnly: true });
    setEnvIfAbsent(c, 'SELDON_CERT_MOUNT_PATH', config.certMountPath);
  }
}

/** Pod-level defaults of 07 §3.1 (non-root user, podinfo volume, grace period). */
function finishPod(pod: PodSpec, config: OperatorConfig): void {
  if (!pod.securityContext && config.defaultUserId !== undefined)
    pod.securityContext = { runAsUser: config.defaultUserId, runAsNonRoot: true };
  pod.restartPolicy ||= 'Always';
  pod.dnsPolicy ||= 'ClusterFirst';
  pod.schedulerName ||= 'default-scheduler';
  pod.terminationGracePeriodSeconds ??= 20;
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === PODINFO_VOLUME)) {
    volumes.push({
      name: PODINFO_VOLUME,
      downwardAPI: {
        items: [{ path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }],
        defaultMode: 0o644,
      },
    });
  }
}

function metricIdentifier(name: unknown, selector: unknown): Record<string, unknown> {
  return { name, ...(selector ? { selector } : {}) };
}

/** v2beta1 MetricSpec → autoscaling/v2 (07 §7). */
export function convertHpaMetric(m: Record<string, unknown>): Record<string, unknown> {
  const type = m.type as string;
  const target = (src: Record<string, unknown>) =>
    src.targetAverageUtilization !== undefined
      ? { type: 'Utilization', averageUtilization: src.targetAverageUtilization }
      : src.targetAverageValue !== undefined
        ? { type: 'AverageValue', averageValue: src.targetAverageValue }
        : { type: 'Value', value: src.targetValue };
  if (type === 'Resource' && m.resource) {
    const r = m.resource as Record<string, unknown>;
    if ('target' in r) return m;
    return { type, resource: { name: r.name, target: target(r) } };
  }
  // Pods and External differ only in the field names of the source and of its selector.
  const source = type === 'Pods' ? 'pods' : type === 'External' ? 'external' : undefined;
  if (source && m[source]) {
    const src = m[source] as Record<string, unknown>;
    if ('target' in src) return m;
    const selector = source === 'pods' ? src.selector : src.metricSelector;
    return {
      type,
      [source]: { metric: metricIdentifier(src.metricName, selector), target: target(src) },
    };
  }
  if (type === 'Object' && m.object) {
    const o = m.object as Record<string, unknown>;
    if ('target' in o && typeof o.target === 'object' && o.target && 'type' in (o.target as object)) return m;
    return {
      type,
      object: {
        describedObject: o.target,
        metric: metricIdentifier(o.metricName, o.selector),
        target:
          o.averageValue !== undefined
            ? { type: 'AverageValue', averageValue: o.averageValue }
            : { type: 'Value', value: o.targetValue },
      },
    };
  }
  return m;
}

function autoscalingObjects(
  objects: KubeObject[],
  cs: SeldonPodSpec,
  depName: string,
  id: string,
  config: OperatorConfig,
  meta: MetaFn,
): void {
  const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: depName };
  if (cs.kedaSpec && config.kedaEnabled) {
    const k = cs.kedaSpec;
    objects.push({
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: meta(depName, { [SELDON_ID_LABEL]: id }),
      spec: { scaleTargetRef: { name: depName }, ...k },
    });
  } else if (cs.hpaSpec) {
    const h = cs.hpaSpec;
    const metrics = h.metrics ? h.metrics.map(convertHpaMetric) : h.metricsv2;
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(depName, { [SELDON_ID_LABEL]: id }),
      spec: {
        scaleTargetRef: target,
        ...(h.minReplicas !== undefined ? { minReplicas: h.minReplicas } : {}),
        maxReplicas: h.maxReplicas,
        ...(metrics ? { metrics } : {}),
      },
    });
  }
  if (cs.pdbSpec) {
    objects.push({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(depName, { [SELDON_ID_LABEL]: id }),
      spec: {
        ...(cs.pdbSpec.minAvailable !== undefined ? { minAvailable: cs.pdbSpec.minAvailable } : {}),
        ...(cs.pdbSpec.maxUnavailable !== undefined ? { maxUnavailable: cs.pdbSpec.maxUnavailable } : {}),
        // The reference selects every pod of the SeldonDeployment (quirk, kept: see docs).
        selector: { matchLabels: { [SELDON_ID_LABEL]: id } },
      },
    });
  }
}

function istioVirtualService(
  sdep: SeldonDeployment,
  id: string,
  config: OperatorConfig,
  meta: MetaFn,
): KubeObject {
  const ns = sdep.metadata.namespace!;
  const name = sdep.metadata.name!;
  const hostAnn = lookupAnnotation(sdep, 'seldon.io/istio-host');
  const hosts = hostAnn
    ? hostAnn
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)
    : ['*'];
  const gateway = lookupAnnotation(sdep, 'seldon.io/istio-gateway') ?? config.istio.gateway;
  const httpRoutes: unknown[] = [];
  const grpcRoutes: unknown[] = [];
  let httpMirror: Record<string, unknown> | undefined;
  let grpcMirror: Record<string, unknown> | undefined;
  let mirrorPercent: number | undefined;
  for (const p of sdep.spec.predictors) {
    const pSvc = predictorServiceName(sdep, p);
    const host = `${pSvc}.${ns}.svc.cluster.local`;
    const noEngine = p.annotations?.['seldon.io/no-engine'] === 'true';
    const httpPort = noEngine ? p.graph.endpoint?.httpPort : config.engine.servicePort;
    const grpcPort = noEngine ? p.graph.endpoint?.grpcPort : config.engine.serviceGrpcPort;
    const subset = p.name;
    if (p.shadow) {
      httpMirror = { host, subset, port: { number: httpPort } };
      grpcMirror = { host, subset, port: { number: grpcPort } };
      if ((p.traffic ?? 0) > 0) mirrorPercent = p.traffic;
      continue;
    }
    httpRoutes.push({ destination: { host, subset, port: { number: httpPort } }, weight: p.traffic ?? 0 });
    grpcRoutes.push({ destination: { host, subset, port: { number: grpcPort } }, weight: p.traffic ?? 0 });
  }
  // A lone predictor may omit traffic (0): it still gets all requests.
  if (httpRoutes.length === 1) {
    (httpRoutes[0] as { weight: number }).weight = 100;
    (grpcRoutes[0] as { weight: number }).weight = 100;
  }
  const retriesN = Number(lookupAnnotation(sdep, 'seldon.io/istio-retries') ?? '0');
  const retries =
    Number.isFinite(retriesN) && retriesN > 0
      ? {
          attempts: retriesN,
          perTryTimeout: `${lookupAnnotation(sdep, 'seldon.io/istio-retries-timeout') ?? '1'}s`,
          retryOn: 'gateway-error,connect-failure,refused-stream',
        }
      : undefined;
  const route = (
    extra: Record<string, unknown>,
    routes: unknown[],
    mirror: Record<string, unknown> | undefined,
  ) => ({
    ...extra,
    route: routes,
    ...(mirror ? { mirror } : {}),
    ...(mirror && mirrorPercent !== undefined ? { mirrorPercentage: { value: mirrorPercent } } : {}),
    ...(retries ? { retries } : {}),
  });
  return {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'VirtualService',
    metadata: meta(id, {}),
    spec: {
      hosts,
      gateways: [gateway],
      http: [
        route(
          { match: [{ uri: { prefix: `/seldon/${ns}/${name}/` } }], rewrite: { uri: '/' } },
          httpRoutes,
          httpMirror,
        ),
        route(
          {
            match: [
              {
                uri: { regex: '.*tensorflow.*|.*seldon.protos.*|.*inference.*' },
                headers: { seldon: { exact: name }, namespace: { exact: ns } },
              },
            ],
          },
          grpcRoutes,
          grpcMirror,
        ),
      ],
    },
  };
}

function explainerObjects(
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  pIndex: number,
  pSvc: string,
  config: OperatorConfig,
  meta: MetaFn,
  transport: string,
) {
  const ex = predictor.explainer!;
  const ns = sdep.metadata.namespace!;
  const name = explainerName(sdep, predictor);
  const id = seldonId(sdep);
  const v2 = sdep.spec.protocol === 'v2' || sdep.spec.protocol === 'kfserving';
  const c: Container = structuredClone(ex.containerSpec ?? { name });
  c.name ||= name;
  c.imagePullPolicy ||= 'IfNotPresent';
  c.image ||= v2
    ? config.relatedImages.explainerV2 || config.seldonConfig.explainer.image_v2
    : config.relatedImages.explainer || config.seldonConfig.explainer.image;
  const userHttp = (c.ports ?? []).find((p) => p.name === 'http');
  const port = userHttp?.containerPort ?? ex.endpoint?.service_port ?? 9000;
  if (!userHttp) (c.ports ??= []).push({ name: 'http', containerPort: port, protocol: 'TCP' });
  c.livenessProbe ??= tcpProbe('http', 60, 5);
  c.readinessProbe ??= tcpProbe('http', 20, 7);
  c.lifecycle ??= { preStop: { exec: { command: ['/bin/sh', '-c', '/bin/sleep 10'] } } };
  const grpc = ex.endpoint?.type === 'GRPC' || transport === 'grpc';
  if (v2) {
    const extra: Record<string, unknown> = {
      explainer_type: explainerTypeV2(ex.type!),
      infer_uri: `http://${pSvc}.${ns}:${config.engine.servicePort}/v2/models/${predictor.graph.name}/infer`,
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
    c.env = [
      ...(c.env ?? []),
      { name: 'MLSERVER_HTTP_PORT', value: String(port) },
      { name: 'MLSERVER_MODEL_IMPLEMENTATION', value: 'mlserver_alibi_explain.AlibiExplainRuntime' },
      { name: 'MLSERVER_MODEL_NAME', value: c.name },
      { name: 'MLSERVER_MODEL_URI', value: MODELS_PATH },
      { name: 'MLSERVER_MODEL_EXTRA', value: JSON.stringify(extra) },
    ];
  } else if (!c.args) {
    const proto = sdep.spec.protocol === 'tensorflow' ? 'tensorflow' : 'seldon';
    const args = [
      `--model_name=${predictor.graph.name}`,
      `--predictor_host=${pSvc}.${ns}:${grpc ? config.engine.serviceGrpcPort : config.engine.servicePort}`,
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
    c.args = args;
  }
  const pod: PodSpec = { containers: [c] };
  if (ex.serviceAccountName) pod.serviceAccountName = ex.serviceAccountName;
  if (ex.modelUri) injectStorageInitializer(pod, c, ex.modelUri, ex, config);
  finishPod(pod, config);
  const predictorReplicas = predictor.replicas ?? sdep.spec.replicas;
  const replicas = predictorReplicas === 0 ? 0 : (ex.replicas ?? 1);
  const labels = {
    [SELDON_ID_LABEL]: id,
    app: name,
    fluentd: 'true',
    ...(predictor.labels ?? {}),
    'seldon.io/explainer': 'true',
    'seldon-app': name,
  };
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, labels, { ...(sdep.spec.annotations ?? {}), ...(predictor.annotations ?? {}) }),
    spec: {
      replicas,
      selector: { matchLabels: { 'seldon-app': name, [SELDON_ID_LABEL]: id } },
      template: { metadata: { labels }, spec: pod },
    },
  };
  const svcAnnotations: Record<string, string> = { ...(predictor.annotations ?? {}) };
  if (config.ambassador.enabled && config.ambassador.version === 'v1') {
    svcAnnotations['getambassador.io/config'] = ambassadorV1Config(
      { sdep, predictor, pIndex, service: name, httpPort: port, explainer: true },
      config.ambassador.singleNamespace,
    );
  }
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, { 'seldon-app': pSvc }, svcAnnotations),
    spec: {
      type: 'ClusterIP',
      sessionAffinity: 'None',
      selector: { 'seldon-app': name },
      ports: [{ name: 'http', protocol: 'TCP', port, targetPort: port }],
    },
  };
  return { name, port, objects: [deployment, svc] };
}

function explainerTypeV2(t: string): string {
  const map: Record<string, string> = {
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
  return map[t] ?? t;
}

/** 07 §6: Istio VirtualService + DestinationRule and an Ambassador REST mapping for an explainer. */
function explainerIngress(
  sdep: SeldonDeployment,
  predictor: PredictorSpec,
  pIndex: number,
  name: string,
  port: number,
  config: OperatorConfig,
  meta: MetaFn,
): KubeObject[] {
  const ns = sdep.metadata.namespace!;
  const prefix = `/seldon/${ns}/${sdep.metadata.name}-explainer/${predictor.name}/`;
  const out: KubeObject[] = [];
  if (config.istio.enabled) {
    const host = `${name}.${ns}.svc.cluster.local`;
    const hostAnn = lookupAnnotation(sdep, 'seldon.io/istio-host');
    out.push({
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'VirtualService',
      metadata: meta(truncateName(`${name}-http`), {}),
      spec: {
        hosts: hostAnn
          ? hostAnn
              .split(',')
              .map((h) => h.trim())
              .filter(Boolean)
          : ['*'],
        gateways: [lookupAnnotation(sdep, 'seldon.io/istio-gateway') ?? config.istio.gateway],
        http: [
          {
            match: [{ uri: { prefix } }],
            rewrite: { uri: '/' },
            route: [{ destination: { host, subset: predictor.name, port: { number: port } }, weight: 100 }],
          },
        ],
      },
    });
    out.push({
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'DestinationRule',
      metadata: meta(name, {}),
      spec: {
        host,
        subsets: [{ name: predictor.name, labels: { version: predictor.labels?.version ?? predictor.name } }],
        trafficPolicy: config.istio.tlsMode
          ? { tls: { mode: config.istio.tlsMode } }
          : { connectionPool: { http: { idleTimeout: '60s' } } },
      },
    });
  }
  if (config.ambassador.enabled && config.ambassador.version !== 'v1') {
    out.push(
      ...ambassadorV2Objects(
        { sdep, predictor, pIndex, service: name, httpPort: port, explainer: true },
        config.ambassador.singleNamespace,
        meta,
      ),
    );
  }
  return out;
}
