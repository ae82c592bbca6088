// The graph helpers are public so that the operator and the engine walk graphs the way the
// validator and the defaulter do: pre-order, with field paths.
import { describe, it, expect } from '@jest/globals';
import {
  findContainer,
  findNode,
  walkGraph,
  type PredictiveUnit,
  type PredictorSpec,
} from '@seldon-ts/crd-types';

const graph: PredictiveUnit = {
  name: 'router',
  children: [
    { name: 'a', children: [{ name: 'a1' }] },
    { name: 'b', children: [] },
  ],
};

describe('walkGraph / findNode / findContainer', () => {
  it('walks in pre-order with field paths and depths', () => {
    expect(walkGraph(graph, 'spec.predictors[0].graph').map((v) => [v.node.name, v.path, v.depth])).toEqual([
      ['router', 'spec.predictors[0].graph', 0],
      ['a', 'spec.predictors[0].graph.children[0]', 1],
      ['a1', 'spec.predictors[0].graph.children[0].children[0]', 2],
      ['b', 'spec.predictors[0].graph.children[1]', 1],
    ]);
    expect(walkGraph({ name: 'only' }).map((v) => v.path)).toEqual(['']);
  });

  it('walks a graph far deeper than the call stack allows recursion', () => {
    const root: PredictiveUnit = { name: 'n0' };
    let node = root;
    for (let i = 1; i < 100_000; i++) node = (node.children = [{ name: `n${i}` }])[0];
    const visited = walkGraph(root);
    expect(visited).toHaveLength(100_000);
    expect(visited[99_999].depth).toBe(99_999);
  });

  it('finds the first node and container by name', () => {
    expect(findNode(graph, 'a1')).toEqual({ name: 'a1' });
    expect(findNode(graph, 'missing')).toBeUndefined();
    const predictor = {
      name: 'p',
      graph,
      componentSpecs: [
        { spec: { containers: [{ name: 'router' }] } },
        { spec: { containers: [{ name: 'a' }, { name: 'b', image: 'b:1' }] } },
      ],
    } as PredictorSpec;
    expect(findContainer(predictor, 'b')).toEqual({
      container: { name: 'b', image: 'b:1' },
      componentIndex: 1,
    });
    expect(findContainer(predictor, 'a1')).toBeUndefined();
  });
});
