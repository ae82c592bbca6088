// From a SeldonDeployment to what runs on this machine: for each predictor the graph nodes that
// need a component, where each component comes from, its ports, its environment (the same
// PREDICTIVE_UNIT_* variables the operator sets in the cluster) and the engine's flags, env and
// pod annotations (what the operator would put in the engine container).
import { EXECUTOR_IMPLEMENTATIONS } from '@seldon-ts/crd-types/constants';
import type { SeldonDeployment, PredictorSpec, PredictiveUnit, EnvVar } from '@seldon-ts/crd-types';
import { EngineError } from '../errors.js';
import {
  resolveLocalComponent,
  annotatedContainerNames,
  findAnnotation,
  LOCAL_COMPONENT_ANNOTATION_PREFIX,
  LOCAL_REQUEST_ANNOTATION,
  type LocalComponent,
  type Isolation,
} from './local-component.js';
import { LOCAL_PREPACKAGED_SERVERS, prepackagedComponent } from './prepackaged.js';
import { defaultExampleRequest } from '../internal/example-request.js';

/**
 * Where each predictor engine serves Prometheus metrics: the path the operator passes
 * (`--prometheus_path /prometheus`), not the engine's own default `/metrics`.
 */
export const ENGINE_PROMETHEUS_PATH = '/prometheus';

/**
 * Connect retries of the local engines' node clients: 25 ms doubling to 1.6 s, 3.2 s in all, cover
 * a component's restart (250 ms, then 500 ms after a second crash, plus its start on a busy machine).
 */
export const LOCAL_NODE_CONNECT_RETRIES = 7;

/** Implementations the engine runs itself: no container, no component. */
const BUILTIN: ReadonlySet<string> = new Set(EXECUTOR_IMPLEMENTATIONS);

/** One graph node that needs a local component. */
export interface NodePlan {
  predictor: string;
  /** Node (= container) name. */
  name: string;
  /** Node type as the wrapper's `--service-type`. */
  serviceType: string;
  node: PredictiveUnit;
  component: LocalComponent;
  /** Literal env of the container in the manifest (valueFrom entries are skipped). */
  containerEnv: Record<string, string>;
  /** Container image, for PREDICTIVE_UNIT_IMAGE. */
  image: string;
  /**
   * A prepackaged server's model, made local before the component starts; its `model_uri`
   * parameter then names the local copy (as the operator's storage initializer does in a pod).
   */
  modelUri?: string;
}

/** One predictor: its nodes and its engine. */
export interface PredictorPlan {
  name: string;
  traffic: number;
  shadow: boolean;
  /** The defaulted predictor; endpoints are filled in once ports are known. */
  predictor: PredictorSpec;
  nodes: NodePlan[];
  /** Env of the engine container: svcOrchSpec.env and `seldon.io/engine-*` annotations. */
  engineEnv: Record<string, string>;
  /** The engine pod's annotations (spec, predictor, first componentSpec), without local-run hints. */
  engineAnnotations: Record<string, string>;
}

export interface DeploymentPlan {
  name: string;
  namespace: string;
  protocol: string;
  transport: string;
  serverType: string;
  predictors: PredictorPlan[];
  /** Body the printed curl sends. */
  exampleRequest: string;
  /** Lines worth telling the user (ignored env, ...). */
  warnings: string[];
}

export interface PlanOptions {
  /** Directory relative module paths resolve against (the manifest's). */
  baseDir: string;
  namespace: string;
  overrides: Record<string, string>;
  isolation?: Isolation;
  kafkaBroker?: string;
}

function walk(node: PredictiveUnit, visit: (n: PredictiveUnit) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function literalEnv(env: EnvVar[] | undefined, where: string, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env ?? []) {
    if (!e || typeof e.name !== 'string') continue;
    if (e.value !== undefined) out[e.name] = String(e.value);
    else if (e.valueFrom)
      warnings.push(`${where}: env ${e.name} uses valueFrom, which has no local equivalent; skipped`);
  }
  return out;
}

/** Builds the plan; throws EngineError naming the node when a container has no local component. */
export function planDeployment(sdep: SeldonDeployment, options: PlanOptions): DeploymentPlan {
  const warnings: string[] = [];
  const spec = sdep.spec;
  const known = new Set<string>();
  const predictors = spec.predictors.map((predictor): PredictorPlan => {
    const containers = new Map(
      (predictor.componentSpecs ?? []).flatMap((cs) =>
        (cs.spec?.containers ?? []).map((c) => [c.name, c] as const),
      ),
    );
    const nodes: NodePlan[] = [];
    const seen = new Set<string>();
    walk(predictor.graph, (node) => {
      known.add(node.name);
      const impl = node.implementation ?? '';
      if (BUILTIN.has(impl) || seen.has(node.name)) return;
      const where = `predictor "${predictor.name}" node "${node.name}"`;
      const annotated = resolveLocalComponent(sdep, predictor, node.name, {
        baseDir: options.baseDir,
        overrides: options.overrides,
        isolation: options.isolation,
      });
      const server = annotated
        ? undefined
        : prepackagedComponent(node, options.isolation ?? 'inprocess', where);
      const component = annotated ?? server;
      if (!component) {
        const prepackaged = impl !== '' && impl !== 'UNKNOWN_IMPLEMENTATION';
        throw new EngineError(
          'SC_ERR_ENGINE_RUN_COMPONENT',
          `${where} has no local component` +
            (prepackaged
              ? ` (the prepackaged server ${impl} has no local build; served here: ${LOCAL_PREPACKAGED_SERVERS.join(', ')})`
              : '') +
            `: add the annotation ${LOCAL_COMPONENT_ANNOTATION_PREFIX}${node.name}: "module:./${node.name}.ts" ` +
            `to metadata.annotations (or url:/command:), or pass --component ${node.name}=module:./${node.name}.ts`,
          { where },
        );
      }
      seen.add(node.name);
      const container = containers.get(node.name);
      nodes.push({
        predictor: predictor.name,
        name: node.name,
        serviceType: node.type && node.type !== 'UNKNOWN_TYPE' ? node.type : 'MODEL',
        node,
        component,
        containerEnv: literalEnv(container?.env, where, warnings),
        image: container?.image ?? '',
        ...(server ? { modelUri: node.modelUri } : {}),
      });
    });

    // What the operator puts in the engine container (07 §3.3): svcOrchSpec.env, then env from
    // spec annotations `seldon.io/engine-<x>`, skipping names svcOrchSpec already sets.
    const engineEnv = literalEnv(
      predictor.svcOrchSpec?.env,
      `predictor "${predictor.name}" svcOrchSpec`,
      warnings,
    );
    const fromSvcOrch = new Set(Object.keys(engineEnv));
    for (const key of Object.keys(spec.annotations ?? {}).sort()) {
      if (!key.startsWith('seldon.io/engine-') || key === 'seldon.io/engine-separate-pod') continue;
      const name = key.slice('seldon.io/engine-'.length).toUpperCase().replace(/-/g, '_');
      if (!fromSvcOrch.has(name)) engineEnv[name] = spec.annotations![key];
    }
    if (options.kafkaBroker) engineEnv.KAFKA_BROKER = options.kafkaBroker;

    if (predictor.explainer?.type) {
      warnings.push(
        `predictor "${predictor.name}": the ${predictor.explainer.type} explainer is not run locally`,
      );
    }
    if (predictor.ssl?.certSecretName) {
      warnings.push(
        `predictor "${predictor.name}": ssl.certSecretName is ignored; the local engine serves plain HTTP/gRPC`,
      );
    }

    const engineAnnotations: Record<string, string> = {};
    for (const layer of [
      spec.annotations,
      predictor.annotations,
      predictor.componentSpecs?.[0]?.metadata?.annotations,
    ]) {
      for (const [k, v] of Object.entries(layer ?? {})) {
        if (!k.startsWith(LOCAL_COMPONENT_ANNOTATION_PREFIX)) engineAnnotations[k] = String(v);
      }
    }
    return {
      name: predictor.name,
      traffic: predictor.traffic ?? 0,
      shadow: predictor.shadow === true,
      predictor: structuredClone(predictor),
      nodes,
      engineEnv,
      engineAnnotations,
    };
  });

  for (const name of annotatedContainerNames(sdep)) {
    if (!known.has(name) && options.overrides[name] === undefined) {
      warnings.push(`annotation ${LOCAL_COMPONENT_ANNOTATION_PREFIX}${name} names no graph node; ignored`);
    }
  }
  for (const name of Object.keys(options.overrides)) {
    if (!known.has(name)) {
      throw new EngineError(
        'SC_ERR_ENGINE_RUN_USAGE',
        `--component ${name}=…: no graph node is named "${name}"`,
      );
    }
  }
  const protocol = spec.protocol || 'seldon';
  if (protocol !== 'seldon') {
    const modules = predictors.flatMap((p) =>
      p.nodes.filter((n) => n.component.kind === 'module').map((n) => n.name),
    );
    if (modules.length > 0) {
      warnings.push(
        `protocol ${protocol}: module components (${modules.join(', ')}) are served by the model wrapper, ` +
          `which speaks the Seldon protocol only; use url: or command: for servers that speak ${protocol}`,
      );
    }
  }
  if (spec.serverType === 'kafka' && !options.kafkaBroker) {
    const broker = predictors[0]?.engineEnv.KAFKA_BROKER ?? '(none)';
    warnings.push(
      `serverType kafka: using KAFKA_BROKER=${broker} from svcOrchSpec.env; ` +
        'pass --kafka-broker HOST:PORT to use a broker on this machine',
    );
  }
  const first = spec.predictors[0];
  return {
    name: sdep.metadata!.name!,
    namespace: sdep.metadata?.namespace || options.namespace,
    protocol: spec.protocol || 'seldon',
    transport: spec.transport || 'rest',
    serverType: spec.serverType || 'rpc',
    predictors,
    exampleRequest:
      findAnnotation(sdep, first, LOCAL_REQUEST_ANNOTATION) ??
      defaultExampleRequest(spec.protocol || 'seldon'),
    warnings,
  };
}

/** The prediction path for the printed curl. */
export function predictionPath(plan: DeploymentPlan): string {
  const graphName = plan.predictors.find((p) => !p.shadow)?.predictor.graph.name ?? plan.name;
  switch (plan.protocol) {
    case 'v2':
    case 'kfserving':
      return `/v2/models/${graphName}/infer`;
    case 'tensorflow':
      return `/v1/models/${graphName}:predict`;
    default:
      return '/api/v1.0/predictions';
  }
}

/** Ports and host a node ended up on; written into the predictor's graph endpoints. */
export interface NodeAddress {
  host: string;
  httpPort: number;
  grpcPort: number;
}

/** Writes node addresses into the predictor graph, as the operator's defaulting does with 9000/9500. */
export function applyEndpoints(
  predictor: PredictorSpec,
  addresses: ReadonlyMap<string, NodeAddress>,
  transport: string,
): void {
  walk(predictor.graph, (node) => {
    const a = addresses.get(node.name);
    if (!a) return;
    const grpc = transport === 'grpc' || node.endpoint?.type === 'GRPC';
    node.endpoint = {
      ...node.endpoint,
      service_host: a.host,
      service_port: grpc ? a.grpcPort : a.httpPort,
      httpPort: a.httpPort,
      grpcPort: a.grpcPort,
      type: node.endpoint?.type ?? (grpc ? 'GRPC' : 'REST'),
    };
  });
}

/** Env for a component process: the container's env plus what the operator adds (07 §3.2). */
export function componentEnv(
  plan: DeploymentPlan,
  predictor: PredictorPlan,
  node: NodePlan,
  ports: { httpPort: number; grpcPort: number; metricsPort: number },
): Record<string, string> {
  const grpc = plan.transport === 'grpc' || node.node.endpoint?.type === 'GRPC';
  const env: Record<string, string> = {
    ...node.containerEnv,
    PREDICTIVE_UNIT_SERVICE_PORT: String(grpc ? ports.grpcPort : ports.httpPort),
    PREDICTIVE_UNIT_HTTP_SERVICE_PORT: String(ports.httpPort),
    PREDICTIVE_UNIT_GRPC_SERVICE_PORT: String(ports.grpcPort),
    PREDICTIVE_UNIT_METRICS_SERVICE_PORT: String(ports.metricsPort),
    PREDICTIVE_UNIT_METRICS_ENDPOINT: '/prometheus',
    MLSERVER_HTTP_PORT: String(ports.httpPort),
    MLSERVER_GRPC_PORT: String(ports.grpcPort),
    MLSERVER_METRICS_PORT: String(ports.metricsPort),
    MLSERVER_METRICS_ENDPOINT: '/prometheus',
    MLSERVER_MODEL_NAME: node.name,
    PREDICTIVE_UNIT_ID: node.name,
    PREDICTIVE_UNIT_IMAGE: node.image,
    PREDICTOR_ID: predictor.name,
    PREDICTOR_LABELS: JSON.stringify({ version: predictor.name, ...(predictor.predictor.labels ?? {}) }),
    SELDON_DEPLOYMENT_ID: plan.name,
    SELDON_EXECUTOR_ENABLED: 'true',
  };
  if (node.node.parameters?.length) env.PREDICTIVE_UNIT_PARAMETERS = JSON.stringify(node.node.parameters);
  return env;
}

/**
 * The engine's command-line flags and environment, as the operator builds them for the engine
 * container (07 §3.3), pointed at local ports.
 */
export function engineInvocation(
  plan: DeploymentPlan,
  predictor: PredictorPlan,
  listen: { host: string; httpPort: number; grpcPort: number; gracefulTimeoutMs: number },
): { argv: string[]; env: Record<string, string> } {
  const spec = structuredClone(predictor.predictor);
  // The operator zeroes these before handing the predictor to the engine (06 §8).
  spec.traffic = 0;
  spec.replicas = 0;
  delete spec.explainer;
  const argv = [
    '--sdep',
    plan.name,
    '--namespace',
    plan.namespace,
    '--predictor',
    predictor.name,
    '--host',
    listen.host,
    '--http_port',
    String(listen.httpPort),
    '--grpc_port',
    String(listen.grpcPort),
    '--protocol',
    plan.protocol,
    '--transport',
    plan.transport,
    '--server_type',
    plan.serverType,
    '--prometheus_path',
    ENGINE_PROMETHEUS_PATH,
    '--graceful_timeout',
    `${listen.gracefulTimeoutMs}ms`,
  ];
  const env = {
    // Components run as processes here and are restarted after a crash (first after 250 ms): node
    // calls refused meanwhile are retried for about 3.2 s instead of failing. svcOrchSpec.env wins.
    SELDON_ENGINE_NODE_CONNECT_RETRIES: String(LOCAL_NODE_CONNECT_RETRIES),
    ...predictor.engineEnv,
    ENGINE_PREDICTOR: Buffer.from(JSON.stringify(spec)).toString('base64'),
  };
  return { argv, env };
}

/** The engine pod's annotations in the Downward-API file format (`key="value"` lines). */
export function annotationsFileText(predictor: PredictorPlan): string {
  return Object.entries(predictor.engineAnnotations)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join('\n');
}
