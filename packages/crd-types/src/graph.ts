import type { Container, PredictiveUnit, PredictorSpec } from './types.js';

/** A graph node with its pre-order position and its field path. */
export interface VisitedNode {
  node: PredictiveUnit;
  path: string;
  depth: number;
}

/**
 * Pre-order walk of a graph (the order the reference uses). Iterative so that a pathological
 * deep graph cannot overflow the stack. `rootPath` prefixes each node's `path`
 * (e.g. `spec.predictors[0].graph`).
 */
export function walkGraph(root: PredictiveUnit, rootPath = ''): VisitedNode[] {
  const out: VisitedNode[] = [];
  const stack: VisitedNode[] = [{ node: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const current = stack.pop() as VisitedNode;
    out.push(current);
    const children = Array.isArray(current.node.children) ? current.node.children : [];
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i], path: `${current.path}.children[${i}]`, depth: current.depth + 1 });
    }
  }
  return out;
}

/** First container named `name` across the predictor's componentSpecs, with its spec index. */
export function findContainer(
  predictor: PredictorSpec,
  name: string,
): { container: Container; componentIndex: number } | undefined {
  const specs = predictor.componentSpecs ?? [];
  for (let j = 0; j < specs.length; j++) {
    for (const container of specs[j]?.spec?.containers ?? []) {
      if (container.name === name) return { container, componentIndex: j };
    }
  }
  return undefined;
}

/** First node named `name` in pre-order. */
export function findNode(root: PredictiveUnit, name: string): PredictiveUnit | undefined {
  return walkGraph(root).find((v) => v.node.name === name)?.node;
}
