// What the graph page draws: the predictor's nodes (name, role, type, implementation, transport,
// children) and what its try-it panel sends (the prediction path and an example request).
import { EXECUTOR_BUILT_INS, type GraphNodeSpec } from '@seldon-ts/graph-executor';
import { defaultExampleRequest } from '../internal/example-request.js';
import type { EngineConfig } from '../config.js';

/** A node as the page shows it. */
export interface GraphPageNode {
  name: string;
  /** What the node does in the graph, from its type, implementation and methods. */
  role: 'model' | 'router' | 'combiner' | 'transformer' | 'output-transformer' | 'unknown';
  type: string | null;
  implementation: string | null;
  /** Configured transport: `rest`, `grpc`, or `builtin` for implementations the engine runs itself. */
  transport: string;
  /** `host:port` of the node, or null (built-in). */
  endpoint: string | null;
  /** Child node names, in branch order (branch i of a router is children[i]). */
  children: string[];
}

/** What `/graph/model` answers. */
export interface GraphPageModel {
  deployment: string;
  namespace: string;
  predictor: string;
  protocol: string;
  /** The graph's root node name. */
  root: string;
  /** Pre-order. */
  nodes: GraphPageNode[];
  /** Path the try-it panel posts to. */
  predictionPath: string;
  /** Prefill of the try-it panel (JSON text). */
  exampleRequest: string;
}

const BUILTIN: ReadonlySet<string> = new Set(EXECUTOR_BUILT_INS);

/** The page's view of the engine's current graph; `exampleRequest` overrides the protocol's default. */
export function graphPageModel(config: EngineConfig, exampleRequest?: string): GraphPageModel {
  const nodes: GraphPageNode[] = [];
  const visit = (node: GraphNodeSpec): void => {
    nodes.push(describeNode(node, config.transport));
    for (const child of node.children ?? []) visit(child);
  };
  const graph = config.predictor.graph as GraphNodeSpec;
  visit(graph);
  return {
    deployment: config.deploymentName,
    namespace: config.namespace,
    predictor: config.predictorName,
    protocol: config.protocol,
    root: graph.name,
    nodes,
    predictionPath: predictionPath(config.protocol, graph.name),
    exampleRequest: exampleRequest ?? defaultExampleRequest(config.protocol),
  };
}

function describeNode(node: GraphNodeSpec, defaultTransport: string): GraphPageNode {
  const implementation = node.implementation ?? null;
  const endpoint = node.endpoint;
  const port = endpoint?.httpPort || endpoint?.grpcPort || endpoint?.service_port;
  return {
    name: node.name,
    role: roleOf(node),
    type: node.type ?? null,
    implementation,
    transport:
      implementation !== null && BUILTIN.has(implementation)
        ? 'builtin'
        : (endpoint?.type ?? defaultTransport).toLowerCase(),
    endpoint: port ? `${endpoint?.service_host || 'localhost'}:${port}` : null,
    children: (node.children ?? []).map((c) => c.name),
  };
}

function roleOf(node: GraphNodeSpec): GraphPageNode['role'] {
  const methods = node.methods ?? [];
  const impl = node.implementation ?? '';
  if (
    node.type === 'ROUTER' ||
    impl === 'SIMPLE_ROUTER' ||
    impl === 'RANDOM_ABTEST' ||
    methods.includes('ROUTE')
  )
    return 'router';
  if (node.type === 'COMBINER' || impl === 'AVERAGE_COMBINER' || methods.includes('AGGREGATE'))
    return 'combiner';
  if (node.type === 'TRANSFORMER' || methods.includes('TRANSFORM_INPUT')) return 'transformer';
  if (node.type === 'OUTPUT_TRANSFORMER' || methods.includes('TRANSFORM_OUTPUT')) return 'output-transformer';
  if (node.type === 'MODEL' || impl !== '') return 'model';
  return 'unknown';
}

function predictionPath(protocol: string, graphName: string): string {
  switch (protocol) {
    case 'v2':
    case 'kfserving':
      return `/v2/models/${encodeURIComponent(graphName)}/infer`;
    case 'tensorflow':
      return `/v1/models/${encodeURIComponent(graphName)}:predict`;
    default:
      return '/api/v1.0/predictions';
  }
}
