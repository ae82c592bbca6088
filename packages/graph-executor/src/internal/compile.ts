import type { GraphNodeSpec, NodeMethod } from '../graph.js';
import { GraphError } from '../errors.js';
import type { NodeBinding } from '../graph-executor.js';

/** A graph node with its calls decided once, at construction (02 §7 table). */
export interface CompiledNode {
  readonly spec: GraphNodeSpec;
  readonly children: readonly CompiledNode[];
  readonly binding: NodeBinding | undefined;
  /** `predict` (MODEL), `transform-input` (TRANSFORMER / TRANSFORM_INPUT), or none. */
  readonly transformInputMethod: Extract<NodeMethod, 'predict' | 'transform-input'> | undefined;
  /** A `route` call is made (ROUTER / ROUTE). */
  readonly route: boolean;
  /** Built-in RANDOM_ABTEST routing. */
  readonly abTest: boolean;
  /** `ratioA` of RANDOM_ABTEST; throws SC_ERR_GRAPH_BAD_PARAMETER at request time like the reference. */
  abTestRatio(): number;
  /** An `aggregate` call is made (COMBINER / AGGREGATE). */
  readonly aggregate: boolean;
  /** Built-in AVERAGE_COMBINER: children outputs are averaged here. */
  readonly averageCombiner: boolean;
  /** A `transform-output` call is made (OUTPUT_TRANSFORMER / TRANSFORM_OUTPUT). */
  readonly transformOutput: boolean;
  /** A `send-feedback` call is made (MODEL, ROUTER / SEND_FEEDBACK). */
  readonly feedback: boolean;
  /** A built-in implementation (no remote calls at all). */
  readonly builtIn: boolean;
  /** Payload-log kinds requested by `logger.mode`: bit 1 request, bit 2 response (and feedback). */
  readonly logKinds: number;
}

/**
 * The implementations this executor runs itself. The package has no run-time dependency on
 * @seldon-ts/crd-types (and its validator); crd-compat.ts checks at compile time that this is
 * exactly its EXECUTOR_IMPLEMENTATIONS.
 */
export const EXECUTOR_BUILT_INS = [
  'SIMPLE_MODEL',
  'SIMPLE_ROUTER',
  'RANDOM_ABTEST',
  'AVERAGE_COMBINER',
] as const;
const BUILT_INS: ReadonlySet<string> = new Set(EXECUTOR_BUILT_INS);

export function compileGraph(
  root: GraphNodeSpec,
  bindings: Readonly<Record<string, NodeBinding>>,
): { root: CompiledNode; byName: Map<string, CompiledNode> } {
  if (root === null || typeof root !== 'object')
    throw new GraphError('SC_ERR_GRAPH_INVALID_GRAPH', 'the graph must be a PredictiveUnit object');
  const byName = new Map<string, CompiledNode>();
  const compile = (spec: GraphNodeSpec, path: string): CompiledNode => {
    if (typeof spec?.name !== 'string' || spec.name === '') {
      throw new GraphError('SC_ERR_GRAPH_INVALID_GRAPH', `graph node at ${path} has no name`);
    }
    if (byName.has(spec.name))
      throw new GraphError('SC_ERR_GRAPH_INVALID_GRAPH', `graph node name ${spec.name} is used twice`, {
        nodeName: spec.name,
      });
    const children = spec.children ?? [];
    if (!Array.isArray(children))
      throw new GraphError(
        'SC_ERR_GRAPH_INVALID_GRAPH',
        `children of graph node ${spec.name} must be a list`,
        { nodeName: spec.name },
      );
    const node = compileNode(spec, bindings[spec.name]);
    byName.set(spec.name, node);
    (node.children as CompiledNode[]).push(...children.map((c, i) => compile(c, `${path}.children[${i}]`)));
    return node;
  };
  const compiled = compile(root, 'graph');
  for (const name of Object.keys(bindings)) {
    if (!byName.has(name))
      throw new GraphError(
        'SC_ERR_GRAPH_INVALID_GRAPH',
        `a node binding names ${name}, which is not in the graph`,
        { nodeName: name },
      );
  }
  return { root: compiled, byName };
}

function compileNode(spec: GraphNodeSpec, binding: NodeBinding | undefined): CompiledNode {
  const type = spec.type ?? undefined;
  const implementation = spec.implementation ?? undefined;
  const methods = new Set(spec.methods ?? []);
  const builtIn = implementation !== undefined && BUILT_INS.has(implementation);
  // Built-in implementations run here; they never make remote calls.
  const remote = !builtIn;
  let transformInputMethod: CompiledNode['transformInputMethod'];
  if (remote && (type === 'TRANSFORMER' || methods.has('TRANSFORM_INPUT')))
    transformInputMethod = 'transform-input';
  else if (remote && type === 'MODEL') transformInputMethod = 'predict';
  const mode = spec.logger?.mode ?? undefined;
  const logKinds = spec.logger
    ? mode === 'all'
      ? 3
      : mode === 'request'
        ? 1
        : mode === 'response'
          ? 2
          : 0
    : 0;
  let ratio: number | GraphError | undefined;
  return {
    spec,
    children: [],
    binding,
    transformInputMethod,
    route: remote && (type === 'ROUTER' || methods.has('ROUTE')),
    abTest: implementation === 'RANDOM_ABTEST',
    abTestRatio(): number {
      ratio ??= abTestRatio(spec);
      if (ratio instanceof GraphError) throw ratio;
      return ratio;
    },
    aggregate: remote && (type === 'COMBINER' || methods.has('AGGREGATE')),
    averageCombiner: implementation === 'AVERAGE_COMBINER',
    transformOutput: remote && (type === 'OUTPUT_TRANSFORMER' || methods.has('TRANSFORM_OUTPUT')),
    feedback: remote && (type === 'MODEL' || type === 'ROUTER' || methods.has('SEND_FEEDBACK')),
    builtIn,
    logKinds,
  };
}

function abTestRatio(spec: GraphNodeSpec): number | GraphError {
  const parameters = spec.parameters ?? [];
  // The reference honours ratioA only when it is the node's sole parameter.
  if (parameters.length !== 1 || parameters[0]!.name !== 'ratioA') return 0.5;
  const raw = String(parameters[0]!.value).trim();
  const value = raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) {
    return new GraphError(
      'SC_ERR_GRAPH_BAD_PARAMETER',
      `RANDOM_ABTEST node ${spec.name}: parameter ratioA ${JSON.stringify(raw)} is not a number`,
      { nodeName: spec.name },
    );
  }
  return value;
}
