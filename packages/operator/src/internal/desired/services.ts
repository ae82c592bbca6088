// The Services of a predictor: one per graph node container (the engine reaches nodes in other pods
// through them) and the predictor Service (the engine's ports, or the root node's without an engine),
// with the address written into the status.
import type { Container, SeldonPodSpec } from '@seldon-ts/crd-types';
import { findNode } from '@seldon-ts/crd-types';
import type { KubeObject } from '../kube/client.js';
import { ambassadorV1Config } from './ambassador.js';
import { lookupAnnotation } from './annotations.js';
import type { PredictorContext } from './context.js';
import { nodeTypeLabel } from './metadata.js';
import { containerServiceLabelKey, containerServiceName } from './names.js';

/** A ClusterIP Service with an `http` and a `grpc` port. */
function service(
  metadata: KubeObject['metadata'],
  selector: Record<string, string>,
  ports: { http: number; grpc: number; targetHttp?: number; targetGrpc?: number },
  headless = false,
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
        { name: 'http', protocol: 'TCP', port: ports.http, targetPort: ports.targetHttp ?? ports.http },
        { name: 'grpc', protocol: 'TCP', port: ports.grpc, targetPort: ports.targetGrpc ?? ports.grpc },
      ],
    },
  };
}

/** The Services of the graph node containers of one componentSpec (`tfserving` sidecars have none). */
export function nodeServices(cs: SeldonPodSpec, ctx: PredictorContext): KubeObject[] {
  const out: KubeObject[] = [];
  for (const c of cs.spec?.containers ?? []) {
    const svc = nodeService(c, ctx);
    if (svc) out.push(svc);
  }
  return out;
}

function nodeService(c: Container, ctx: PredictorContext): KubeObject | undefined {
  const { sdep, predictor } = ctx;
  const node = findNode(predictor.graph, c.name);
  if (!node || c.name === 'tfserving') return undefined;
  const svcName = containerServiceName(sdep, predictor, c.name);
  const labels: Record<string, string> = {
    [containerServiceLabelKey(c.name)]: svcName,
    'seldon-app': ctx.serviceName,
  };
  const typeLabel = nodeTypeLabel(node);
  if (typeLabel) labels[typeLabel] = 'true';
  if (predictor.shadow === true) labels['seldon.io/shadow'] = 'true';
  return service(
    ctx.meta(svcName, labels, predictor.annotations ?? {}),
    { [containerServiceLabelKey(c.name)]: svcName },
    { http: node.endpoint!.httpPort!, grpc: node.endpoint!.grpcPort! },
  );
}

/** Ports of the predictor Service: the engine's, or those of the graph's root without an engine. */
export function predictorServicePorts(ctx: PredictorContext) {
  const { config, predictor } = ctx;
  if (ctx.noEngine) {
    const http = predictor.graph.endpoint?.httpPort ?? config.nodePorts.http;
    const grpc = predictor.graph.endpoint?.grpcPort ?? config.nodePorts.grpc;
    return { http, grpc, targetHttp: http, targetGrpc: grpc };
  }
  return {
    http: config.engine.servicePort,
    grpc: config.engine.serviceGrpcPort,
    targetHttp: config.engine.httpPort,
    targetGrpc: config.engine.grpcPort,
  };
}

/** The predictor Service, with the Ambassador v1 annotation when enabled; `seldon.io/headless-svc` makes it headless. */
export function predictorService(ctx: PredictorContext): KubeObject {
  const { sdep, predictor, pIndex, config, serviceName } = ctx;
  const ports = predictorServicePorts(ctx);
  const labels: Record<string, string> = { 'seldon-app': serviceName };
  if (ctx.noEngine) {
    const typeLabel = nodeTypeLabel(predictor.graph);
    if (typeLabel) labels[typeLabel] = 'true';
  }
  const annotations: Record<string, string> = { ...(predictor.annotations ?? {}) };
  if (config.ambassador.enabled && config.ambassador.version === 'v1') {
    annotations['getambassador.io/config'] = ambassadorV1Config(
      {
        sdep,
        predictor,
        pIndex,
        service: serviceName,
        httpPort: ports.http,
        grpcPort: ports.grpc,
        explainer: false,
      },
      config.ambassador.singleNamespace,
    );
  }
  const headless = lookupAnnotation(sdep, 'seldon.io/headless-svc');
  return service(
    ctx.meta(serviceName, labels, annotations),
    { 'seldon-app': serviceName },
    ports,
    headless !== undefined && headless !== 'false',
  );
}

/** `status.address.url`: the predictor Service and the prediction path of the protocol. */
export function predictorAddress(ctx: PredictorContext): string {
  const { predictor } = ctx;
  const protocol = ctx.sdep.spec.protocol || 'seldon';
  const path =
    protocol === 'tensorflow'
      ? `/v1/models/${predictor.graph.name}:predict`
      : protocol === 'v2' || protocol === 'kfserving'
        ? `/v2/models/${predictor.graph.name}/infer`
        : '/api/v1.0/predictions';
  return `http://${ctx.serviceName}.${ctx.namespace}.svc.cluster.local:${predictorServicePorts(ctx).http}${path}`;
}
