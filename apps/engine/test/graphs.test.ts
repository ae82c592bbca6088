// The example graphs end to end: client -> engine -> model-wrapper nodes over real sockets.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { NdArray, SeldonResponse } from '@seldon-ts/model-wrapper';
import EpsilonGreedy from '../../../examples/egreedy-router/egreedy-router.js';
import FeatureScaler from '../../../examples/three-step-chain/input-transformer.js';
import LogisticModel from '../../../examples/three-step-chain/model.js';
import ProbabilityRounder from '../../../examples/three-step-chain/output-transformer.js';
import MeanCombiner from '../../../examples/mean-combiner/mean-combiner.js';
import { startNode, unit, post, get, type RunningNode } from './support/nodes.js';

const quiet = () => undefined;
const constant = (value: number) => ({ predict: () => [[value]] });

describe('three-step chain (TRANSFORMER -> MODEL -> OUTPUT_TRANSFORMER)', () => {
  const nodes: RunningNode[] = [];
  let engine: EngineHandle;
  beforeAll(async () => {
    const [t, m, o] = await Promise.all([
      startNode('scaler', new FeatureScaler({ mean: 1, scale: 2 })),
      startNode('model', new LogisticModel({})),
      startNode('rounder', new ProbabilityRounder({ decimals: 2 })),
    ]);
    nodes.push(t, m, o);
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: quiet,
      routingInjection: true,
      predictor: {
        name: 'chain',
        graph: unit(o, 'OUTPUT_TRANSFORMER', {
          children: [unit(t, 'TRANSFORMER', { children: [unit(m, 'MODEL')] })],
        }),
      },
    });
    await engine.ready(5000);
  });
  afterAll(async () => {
    await engine?.close();
    await Promise.all(nodes.map((n) => n.close()));
  });

  it('passes the payload through the three steps in order', async () => {
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1,3]]}}');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.data.ndarray).toHaveLength(1);
    expect(body.data.ndarray[0]).toHaveLength(2);
    for (const p of body.data.ndarray[0]) expect(Math.round(p * 100) / 100).toBe(p);
    expect(body.meta.tags.label).toBeDefined();
    expect(body.meta.routing).toEqual({ rounder: -1, scaler: -1, model: -1 });
    expect(Object.keys(body.meta.requestPath).sort()).toEqual(['model', 'rounder', 'scaler']);
  });

  it('graph metadata lists every node', async () => {
    const res = await get(engine.httpPort, '/api/v1.0/metadata');
    expect(res.status).toBe(200);
    expect(Object.keys(res.json().models).sort()).toEqual(['model', 'rounder', 'scaler']);
    const one = await get(engine.httpPort, '/api/v1.0/metadata/model');
    expect(one.status).toBe(200);
    const missing = await get(engine.httpPort, '/api/v1.0/metadata/nothere');
    expect(missing.status).toBe(500);
    expect(missing.text).toContain('nothere');
  });
});

describe('epsilon-greedy router learning from feedback', () => {
  const nodes: RunningNode[] = [];
  let engine: EngineHandle;
  beforeAll(async () => {
    const [r, a, b] = await Promise.all([
      startNode('eg-router', new EpsilonGreedy({ n_branches: 2, epsilon: 0, seed: 7 })),
      startNode('model-a', constant(1)),
      startNode('model-b', constant(2)),
    ]);
    nodes.push(r, a, b);
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: quiet,
      routingInjection: true,
      predictor: {
        name: 'bandit',
        graph: unit(r, 'ROUTER', { children: [unit(a, 'MODEL'), unit(b, 'MODEL')] }),
      },
    });
    await engine.ready(5000);
  });
  afterAll(async () => {
    await engine?.close();
    await Promise.all(nodes.map((n) => n.close()));
  });

  it('routes to the best branch, and switches after rewarding the other one', async () => {
    const first = (await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[5]]}}')).json();
    expect(first.meta.routing).toEqual({ 'eg-router': 0, 'model-a': -1 });
    expect(first.data.ndarray).toEqual([[1]]);
    // Feedback as if branch 1 had answered and was right: the router must now prefer it.
    const fb = {
      request: { data: { ndarray: [[5]] } },
      response: { data: { ndarray: [[2]] }, meta: { routing: { 'eg-router': 1, 'model-b': -1 } } },
      reward: 1,
    };
    const fbRes = await post(engine.httpPort, '/api/v1.0/feedback', JSON.stringify(fb));
    expect(fbRes.status).toBe(200);
    const second = (
      await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[5]]}}')
    ).json();
    expect(second.meta.routing['eg-router']).toBe(1);
    expect(second.data.ndarray).toEqual([[2]]);
  });
});

describe('combiner over two models', () => {
  const nodes: RunningNode[] = [];
  let engine: EngineHandle;
  beforeAll(async () => {
    const [c, a, b] = await Promise.all([
      startNode('combiner', new MeanCombiner()),
      startNode('m1', {
        predict: () => new SeldonResponse(new NdArray(new Float64Array([1, 2]), [1, 2])),
      } as never),
      startNode('m2', constant(0) && { predict: () => [[3, 4]] }),
    ]);
    nodes.push(c, a, b);
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: quiet,
      predictor: {
        name: 'ensemble',
        graph: unit(c, 'COMBINER', { children: [unit(a, 'MODEL'), unit(b, 'MODEL')] }),
      },
    });
    await engine.ready(5000);
  });
  afterAll(async () => {
    await engine?.close();
    await Promise.all(nodes.map((n) => n.close()));
  });

  it('calls both children and averages their outputs', async () => {
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[0,0]]}}');
    expect(res.status).toBe(200);
    expect(res.json().data.ndarray).toEqual([[2, 3]]);
  });
});
