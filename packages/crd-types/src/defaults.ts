import { CrdError } from './errors.js';
import { validate as structuralValidate } from './generated/structural-validator.js';
import { findContainer, findNode, walkGraph } from './graph.js';
import { containerServiceName } from './naming.js';
import {
  DEFAULT_PREDICTOR_SERVERS,
  isPrepackaged,
  prepackagedImage,
  type PredictorServersConfig,
} from './prepackaged.js';
import type { Container, PredictiveUnit, PredictorSpec, SeldonDeployment } from './types.js';
import { ANNOTATION_SEPARATE_ENGINE } from './annotations.js';
import { DEFAULT_MAX_GRAPH_DEPTH, findTooDeepGraph, pointerToFieldPath } from './validate.js';

/** Options of `defaultSeldonDeployment`; each mirrors an operator environment variable. */
export interface DefaultingOptions {
  /** First node HTTP port (`PREDICTIVE_UNIT_HTTP_SERVICE_PORT`). Default 9000. */
  httpPortStart?: number;
  /** First node gRPC port (`PREDICTIVE_UNIT_GRPC_SERVICE_PORT`). Default 9500. */
  grpcPortStart?: number;
  /** First node metrics port (`PREDICTIVE_UNIT_METRICS_SERVICE_PORT`). Default 6000. */
  metricsPortStart?: number;
  /** Name of the metrics container port (`PREDICTIVE_UNIT_METRICS_PORT_NAME`). Default `metrics`. */
  metricsPortName?: string;
  /** Namespace used when `metadata.namespace` is empty. Default `default`. */
  defaultNamespace?: string;
  /** `predictor_servers` config for prepackaged images. Default `DEFAULT_PREDICTOR_SERVERS`. */
  predictorServers?: PredictorServersConfig;
  /**
   * `metadata.creationTimestamp` of a componentSpec created for prepackaged servers. The reference
   * uses the current time; the default `null` keeps this function pure (same input, same output).
   */
  creationTimestamp?: string | null;
  /** Deepest graph accepted (see `ValidationOptions.maxGraphDepth`). Default 64. */
  maxGraphDepth?: number;
}

/** Volume exposing pod annotations to node containers. */
export const PODINFO_VOLUME_NAME = 'seldon-podinfo';
export const PODINFO_VOLUME_PATH = '/etc/podinfo';
const LEGACY_PODINFO_VOLUME_NAME = 'podinfo';
const CLUSTER_LOCAL_SUFFIX = '.svc.cluster.local';

interface Allocator {
  http: Map<string, number>;
  grpc: Map<string, number>;
  nextHttp: number;
  nextGrpc: number;
  nextMetrics: number;
}

function allocate(alloc: Allocator, containerName: string): { http: number; grpc: number } {
  if (!alloc.http.has(containerName)) alloc.http.set(containerName, alloc.nextHttp++);
  if (!alloc.grpc.has(containerName)) alloc.grpc.set(containerName, alloc.nextGrpc++);
  return { http: alloc.http.get(containerName) as number, grpc: alloc.grpc.get(containerName) as number };
}

/** Option values of one `defaultSeldonDeployment` call, resolved once, with its port allocator. */
interface DefaultingContext {
  /** The copy being defaulted. */
  out: SeldonDeployment;
  namespace: string;
  metricsPortName: string;
  servers: PredictorServersConfig;
  separateEngine: boolean;
  creationTimestamp: string | null;
  alloc: Allocator;
}

/**
 * Applies the reference's defaulting (06 §8) and returns a new object; the input is not modified.
 * Idempotent: defaulting a defaulted deployment returns an equal object.
 *
 * The input must be structurally valid (see `validateSeldonDeployment`); otherwise a `CrdError`
 * with code `SC_ERR_CRD_SCHEMA` (or `SC_ERR_CRD_GRAPH_TOO_DEEP`) is thrown naming the first problem.
 */
export function defaultSeldonDeployment(
  sdep: SeldonDeployment,
  options: DefaultingOptions = {},
): SeldonDeployment {
  assertStructurallyValid(sdep, options.maxGraphDepth ?? DEFAULT_MAX_GRAPH_DEPTH);
  const ctx = resolveContext(structuredClone(sdep), options);
  for (const predictor of ctx.out.spec.predictors) defaultPredictor(ctx, predictor);
  return ctx.out;
}

/** Throws the `CrdError` naming the first depth or schema problem of `sdep`. */
function assertStructurallyValid(sdep: SeldonDeployment, maxDepth: number): void {
  const tooDeep = findTooDeepGraph(sdep, maxDepth);
  if (tooDeep)
    throw new CrdError('SC_ERR_CRD_GRAPH_TOO_DEEP', tooDeep, `graph is deeper than ${maxDepth} levels`);
  const check = structuralValidate as unknown as {
    (d: unknown): boolean;
    errors?: { instancePath: string; message?: string }[] | null;
  };
  if (!check(sdep)) {
    const first = check.errors?.[0];
    throw new CrdError(
      'SC_ERR_CRD_SCHEMA',
      pointerToFieldPath(first?.instancePath ?? '') || '(root)',
      first?.message ?? 'invalid SeldonDeployment',
    );
  }
}

/** Defaults the namespace of `out` and resolves every option to its value. */
function resolveContext(out: SeldonDeployment, options: DefaultingOptions): DefaultingContext {
  out.metadata ??= {};
  if (!out.metadata.namespace) out.metadata.namespace = options.defaultNamespace ?? 'default';
  return {
    out,
    namespace: out.metadata.namespace,
    metricsPortName: options.metricsPortName ?? 'metrics',
    servers: options.predictorServers ?? DEFAULT_PREDICTOR_SERVERS,
    separateEngine: Object.hasOwn(out.spec.annotations ?? {}, ANNOTATION_SEPARATE_ENGINE),
    creationTimestamp: options.creationTimestamp ?? null,
    alloc: {
      http: new Map(),
      grpc: new Map(),
      nextHttp: options.httpPortStart ?? 9000,
      nextGrpc: options.grpcPortStart ?? 9500,
      nextMetrics: options.metricsPortStart ?? 6000,
    },
  };
}

/** One predictor: its version label, node types, then the containers of its nodes. */
function defaultPredictor(ctx: DefaultingContext, predictor: PredictorSpec): void {
  predictor.labels ??= {};
  if (!Object.hasOwn(predictor.labels, 'version')) predictor.labels.version = predictor.name;

  const nodes = walkGraph(predictor.graph, '').map((v) => v.node);
  for (const node of nodes) defaultNodeType(node);
  const prepackaged = nodes.filter((n) => isPrepackaged(n));
  defaultUserContainers(ctx, predictor, new Set(prepackaged.map((n) => n.name)));
  for (const node of prepackaged) defaultPrepackagedNode(ctx, predictor, node);
}

/** The containers the user wrote for graph nodes that are not prepackaged servers. */
function defaultUserContainers(
  ctx: DefaultingContext,
  predictor: PredictorSpec,
  prepackagedNames: Set<string>,
): void {
  (predictor.componentSpecs ?? []).forEach((componentSpec, j) => {
    for (const container of componentSpec?.spec?.containers ?? []) {
      // Prepackaged nodes get their ports after the other containers whether or not the user
      // wrote their container, so a second pass allocates in the same order (idempotence).
      if (prepackagedNames.has(container.name)) continue;
      const ports = allocate(ctx.alloc, container.name);
      const node = findNode(predictor.graph, container.name);
      if (node) applyNodeDefaults(ctx, predictor, j, ports, node, container);
    }
  });
}

/** A prepackaged server node: its container (created when missing), ports and image. */
function defaultPrepackagedNode(
  ctx: DefaultingContext,
  predictor: PredictorSpec,
  node: PredictiveUnit,
): void {
  const found = findContainer(predictor, node.name);
  const container: Container = found?.container ?? {
    name: node.name,
    volumeMounts: [{ name: PODINFO_VOLUME_NAME, mountPath: PODINFO_VOLUME_PATH }],
  };
  const ports = allocate(ctx.alloc, node.name);
  applyNodeDefaults(ctx, predictor, found?.componentIndex ?? 0, ports, node, container);
  if (ctx.out.spec.protocol !== 'tensorflow' && !container.image) {
    const image = prepackagedImage(node.implementation as string, ctx.out.spec.protocol, ctx.servers);
    if (image) container.image = image;
  }
  if (!found) addToFirstComponentSpec(predictor, container, ctx.creationTimestamp);
}

/** Appends `container` to the predictor's first componentSpec, creating it when there is none. */
function addToFirstComponentSpec(
  predictor: PredictorSpec,
  container: Container,
  creationTimestamp: string | null,
): void {
  const specs = (predictor.componentSpecs ??= []);
  if (specs.length === 0) {
    specs.push({ metadata: { creationTimestamp }, spec: { containers: [] } });
  }
  const first = specs[0];
  first.spec ??= {};
  (first.spec.containers ??= []).push(container);
}

/** Container fields, podinfo mount and metrics port, then the node's endpoint. */
function applyNodeDefaults(
  ctx: DefaultingContext,
  predictor: PredictorSpec,
  componentIndex: number,
  ports: { http: number; grpc: number },
  node: PredictiveUnit,
  container: Container,
): void {
  container.imagePullPolicy ||= 'IfNotPresent';
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  const containerPorts = container.ports ?? [];
  const http = containerPorts.find((p) => p.name === 'http')?.containerPort ?? ports.http;
  const grpc = containerPorts.find((p) => p.name === 'grpc')?.containerPort ?? ports.grpc;

  const mounts = (container.volumeMounts ?? []).filter((m) => m.name !== LEGACY_PODINFO_VOLUME_NAME);
  if (!mounts.some((m) => m.name === PODINFO_VOLUME_NAME))
    mounts.push({ name: PODINFO_VOLUME_NAME, mountPath: PODINFO_VOLUME_PATH });
  container.volumeMounts = mounts;

  if (!containerPorts.some((p) => p.name === ctx.metricsPortName)) {
    container.ports = [
      ...containerPorts,
      { name: ctx.metricsPortName, containerPort: ctx.alloc.nextMetrics++, protocol: 'TCP' },
    ];
  }

  const endpoint = (node.endpoint ??= {});
  endpoint.service_host =
    componentIndex === 0 && !ctx.separateEngine
      ? 'localhost'
      : `${containerServiceName(ctx.out, predictor, container.name)}.${ctx.namespace}${CLUSTER_LOCAL_SUFFIX}`;
  endpoint.service_port = endpoint.type === 'GRPC' || ctx.out.spec.transport === 'grpc' ? grpc : http;
  endpoint.httpPort = http;
  endpoint.grpcPort = grpc;
}

/** 06 §8 step 3.2: a bare node is a MODEL; no implementation means UNKNOWN_IMPLEMENTATION. */
function defaultNodeType(node: PredictiveUnit): void {
  if (node.type === undefined && node.methods === undefined && node.implementation === undefined)
    node.type = 'MODEL';
  if (node.implementation === undefined) node.implementation = 'UNKNOWN_IMPLEMENTATION';
  else if (isPrepackaged(node)) node.type = 'MODEL';
}
