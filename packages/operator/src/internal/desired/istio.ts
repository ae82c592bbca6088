// 07 §8.1 (ISTIO_ENABLED): one VirtualService per SeldonDeployment routing REST and gRPC to its
// predictors by traffic weight (shadows mirrored), a DestinationRule per predictor, and an HTTP
// VirtualService + DestinationRule per explainer.
import type { PredictorSpec } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import type { KubeObject } from '../kube/client.js';
import { lookupAnnotation } from './annotations.js';
import type { PredictorContext, SdepContext } from './context.js';
import { predictorServiceName, truncateName } from './names.js';

const ISTIO_API = 'networking.istio.io/v1alpha3';
const GRPC_URI_REGEX = '.*tensorflow.*|.*seldon.protos.*|.*inference.*';

interface Route {
  destination: { host: string; subset: string; port: { number: number | undefined } };
  weight: number;
}

/** `seldon.io/istio-host` (comma-separated), else every host. */
function istioHosts(ctx: SdepContext): string[] {
  const hostAnn = lookupAnnotation(ctx.sdep, 'seldon.io/istio-host');
  return hostAnn
    ? hostAnn
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)
    : ['*'];
}

function istioGateway(ctx: SdepContext): string {
  return lookupAnnotation(ctx.sdep, 'seldon.io/istio-gateway') ?? ctx.config.istio.gateway;
}

function trafficPolicy(config: OperatorConfig) {
  return config.istio.tlsMode
    ? { tls: { mode: config.istio.tlsMode } }
    : { connectionPool: { http: { idleTimeout: '60s' } } };
}

/** `seldon.io/istio-retries` (and its `-timeout` in seconds) as a route's retry policy. */
function istioRetries(ctx: SdepContext) {
  const retriesN = Number(lookupAnnotation(ctx.sdep, 'seldon.io/istio-retries') ?? '0');
  if (!(Number.isFinite(retriesN) && retriesN > 0)) return undefined;
  return {
    attempts: retriesN,
    perTryTimeout: `${lookupAnnotation(ctx.sdep, 'seldon.io/istio-retries-timeout') ?? '1'}s`,
    retryOn: 'gateway-error,connect-failure,refused-stream',
  };
}

/** The DestinationRule of a predictor's Service: one subset selecting its `version` label. */
export function predictorDestinationRule(ctx: PredictorContext): KubeObject {
  const { predictor, serviceName } = ctx;
  return {
    apiVersion: ISTIO_API,
    kind: 'DestinationRule',
    metadata: ctx.meta(serviceName, {}),
    spec: {
      host: `${serviceName}.${ctx.namespace}.svc.cluster.local`,
      subsets: [{ name: predictor.name, labels: { version: predictor.labels!.version } }],
      trafficPolicy: trafficPolicy(ctx.config),
    },
  };
}

/** The predictors' routes (REST and gRPC), and the shadow's mirror. */
function predictorRoutes(ctx: SdepContext) {
  const { sdep, namespace, config } = ctx;
  const http: Route[] = [];
  const grpc: Route[] = [];
  let httpMirror: Record<string, unknown> | undefined;
  let grpcMirror: Record<string, unknown> | undefined;
  let mirrorPercent: number | undefined;
  for (const p of sdep.spec.predictors) {
    const host = `${predictorServiceName(sdep, p)}.${namespace}.svc.cluster.local`;
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
    http.push({ destination: { host, subset, port: { number: httpPort } }, weight: p.traffic ?? 0 });
    grpc.push({ destination: { host, subset, port: { number: grpcPort } }, weight: p.traffic ?? 0 });
  }
  // A lone predictor may omit traffic (0): it still gets all requests.
  if (http.length === 1) {
    http[0].weight = 100;
    grpc[0].weight = 100;
  }
  return { http, grpc, httpMirror, grpcMirror, mirrorPercent };
}

/** The SeldonDeployment's VirtualService: `/seldon/<ns>/<name>/` (REST) and the gRPC services by header. */
export function sdepVirtualService(ctx: SdepContext): KubeObject {
  const { namespace: ns } = ctx;
  const name = ctx.sdep.metadata.name!;
  const routes = predictorRoutes(ctx);
  const retries = istioRetries(ctx);
  const route = (
    extra: Record<string, unknown>,
    to: Route[],
    mirror: Record<string, unknown> | undefined,
  ) => ({
    ...extra,
    route: to,
    ...(mirror ? { mirror } : {}),
    ...(mirror && routes.mirrorPercent !== undefined
      ? { mirrorPercentage: { value: routes.mirrorPercent } }
      : {}),
    ...(retries ? { retries } : {}),
  });
  return {
    apiVersion: ISTIO_API,
    kind: 'VirtualService',
    metadata: ctx.meta(ctx.seldonId, {}),
    spec: {
      hosts: istioHosts(ctx),
      gateways: [istioGateway(ctx)],
      http: [
        route(
          { match: [{ uri: { prefix: `/seldon/${ns}/${name}/` } }], rewrite: { uri: '/' } },
          routes.http,
          routes.httpMirror,
        ),
        route(
          {
            match: [
              {
                uri: { regex: GRPC_URI_REGEX },
                headers: { seldon: { exact: name }, namespace: { exact: ns } },
              },
            ],
          },
          routes.grpc,
          routes.grpcMirror,
        ),
      ],
    },
  };
}

/** 07 §6: an explainer's HTTP VirtualService (`/seldon/<ns>/<name>-explainer/<predictor>/`) and DestinationRule. */
export function explainerIstioObjects(
  ctx: SdepContext,
  predictor: PredictorSpec,
  explainer: string,
  port: number,
): KubeObject[] {
  const ns = ctx.namespace;
  const prefix = `/seldon/${ns}/${ctx.sdep.metadata.name}-explainer/${predictor.name}/`;
  const host = `${explainer}.${ns}.svc.cluster.local`;
  return [
    {
      apiVersion: ISTIO_API,
      kind: 'VirtualService',
      metadata: ctx.meta(truncateName(`${explainer}-http`), {}),
      spec: {
        hosts: istioHosts(ctx),
        gateways: [istioGateway(ctx)],
        http: [
          {
            match: [{ uri: { prefix } }],
            rewrite: { uri: '/' },
            route: [{ destination: { host, subset: predictor.name, port: { number: port } }, weight: 100 }],
          },
        ],
      },
    },
    {
      apiVersion: ISTIO_API,
      kind: 'DestinationRule',
      metadata: ctx.meta(explainer, {}),
      spec: {
        host,
        subsets: [{ name: predictor.name, labels: { version: predictor.labels?.version ?? predictor.name } }],
        trafficPolicy: trafficPolicy(ctx.config),
      },
    },
  ];
}
