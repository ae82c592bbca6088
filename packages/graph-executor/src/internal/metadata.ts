import type { ModelMetadata } from '../graph.js';
import type { CompiledNode } from './compile.js';

/**
 * Graph inputs and outputs from the edge nodes (01 §5.2): leaves give their own; MODEL/TRANSFORMER
 * with children give own inputs and the first child's outputs; OUTPUT_TRANSFORMER and COMBINER give
 * the first child's inputs and own outputs; ROUTER gives the first child's; typeless nodes give null.
 */
export function edgeMetadata(
  node: CompiledNode,
  models: Readonly<Record<string, ModelMetadata>>,
): { inputs: unknown[] | null; outputs: unknown[] | null } {
  const own = models[node.spec.name] ?? {};
  if (node.children.length === 0) return { inputs: own.inputs ?? null, outputs: own.outputs ?? null };
  const first = edgeMetadata(node.children[0]!, models);
  switch (node.spec.type) {
    case 'MODEL':
    case 'TRANSFORMER':
      return { inputs: own.inputs ?? null, outputs: first.outputs };
    case 'OUTPUT_TRANSFORMER':
    case 'COMBINER':
      return { inputs: first.inputs, outputs: own.outputs ?? null };
    case 'ROUTER':
      return first;
    default:
      // The reference crashes on a typeless node with children; null/null is the answer here.
      return { inputs: null, outputs: null };
  }
}
