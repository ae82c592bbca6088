// Each example component of examples/ served through the wrapper over real sockets.
import { describe, it, expect, afterAll } from '@jest/globals';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import {
  NdArray,
  startMicroservice,
  type Microservice,
  type MicroserviceOptions,
} from '@seldon-ts/model-wrapper';
import MockClassifier from '../../../examples/mock-classifier/mock-classifier.js';
import EpsilonGreedy from '../../../examples/egreedy-router/egreedy-router.js';
import FeatureScaler from '../../../examples/three-step-chain/input-transformer.js';
import LogisticModel from '../../../examples/three-step-chain/model.js';
import ProbabilityRounder from '../../../examples/three-step-chain/output-transformer.js';
import MeanCombiner from '../../../examples/mean-combiner/mean-combiner.js';
import ImageEcho from '../../../examples/image-echo/image-echo.js';

const running: Microservice[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

async function serve(component: object, options: MicroserviceOptions = {}): Promise<Microservice> {
  const svc = await startMicroservice(component as never, {
    httpPort: 0,
    grpcPort: null,
    metricsPort: null,
    host: '127.0.0.1',
    env: {},
    ...options,
  });
  running.push(svc);
  return svc;
}

async function post(svc: Microservice, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`http://127.0.0.1:${svc.httpPort}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

describe('examples/mock-classifier', () => {
  it('answers the fixed logistic score of seldonio/mock_classifier', async () => {
    const svc = await serve(new MockClassifier());
    const r = await post(svc, '/predict', { data: { ndarray: [[1.0, 2.0, 5.0]] } });
    expect(r.json).toEqual({ data: { names: ['proba'], ndarray: [[0.43782349911420193]] }, meta: {} });
    const t = await post(svc, '/predict', {
      data: { tensor: { shape: [2, 3], values: [1, 2, 5, 3, 3, 3] } },
    });
    expect(t.json.data.tensor.shape).toEqual([2, 1]);
    expect(t.json.data.tensor.values[0]).toBeCloseTo(0.437823499, 8);
    expect((await post(svc, '/predict', { strData: 'x' })).status).toBe(400);
  });
});

describe('examples/egreedy-router', () => {
  it('routes to the best branch and learns from feedback', async () => {
    const svc = await serve(new EpsilonGreedy({ n_branches: 3, epsilon: 0, verbose: false }), {
      unitId: 'eg-router',
    });
    const route = async (): Promise<number> =>
      (await post(svc, '/route', { data: { ndarray: [[1, 2]] } })).json.data.ndarray[0][0];
    expect(await route()).toBe(0);
    const feedback = (branch: number, reward: number) =>
      post(svc, '/send-feedback', {
        request: { data: { ndarray: [[1, 2]] } },
        response: { meta: { routing: { 'eg-router': branch } }, data: { ndarray: [[0.5]] } },
        reward,
      });
    expect((await feedback(0, 0)).status).toBe(200);
    expect((await feedback(2, 1)).status).toBe(200);
    expect(await route()).toBe(2);
    expect((await post(svc, '/route', { data: { ndarray: [[1]] } })).json.meta.tags).toEqual({
      best_branch: 2,
    });
    // Feedback without this router's routing decision is a 400.
    const bad = await post(svc, '/send-feedback', { request: { data: { ndarray: [[1]] } }, reward: 1 });
    expect(bad.status).toBe(400);
  });

  it('takes new parameters in place and keeps what it learned', () => {
    const router = new EpsilonGreedy({ n_branches: 3, epsilon: 0.5, seed: 7 });
    router.sendFeedback(new NdArray([1], [1]), [], 1, undefined, 2);
    expect(router.bestBranch).toBe(2);
    router.updateParameters({ n_branches: 4, epsilon: 0 });
    expect(router.route()).toBe(2);
    expect(router.tries).toEqual([0, 0, 1, 0]);
    router.updateParameters({ n_branches: 2, epsilon: 0 });
    expect([router.bestBranch, router.tries]).toEqual([0, [0, 0]]);
    expect(() => router.updateParameters({ n_branches: 2, epsilon: 2 })).toThrow(
      'epsilon parameter must be between 0 and 1',
    );
  });

  it('explores other branches with probability epsilon (seeded)', async () => {
    const svc = await serve(new EpsilonGreedy({ n_branches: 3, epsilon: 0.5, seed: 7 }));
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++)
      seen.add((await post(svc, '/route', { data: { ndarray: [[1]] } })).json.data.ndarray[0][0]);
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});

describe('examples/three-step-chain', () => {
  it('input transform → model → output transform, each as its own microservice', async () => {
    const step1 = await serve(new FeatureScaler({ mean: 1, scale: 2 }), { unitId: 'scaler' });
    const step2 = await serve(new LogisticModel({ weight: 1, bias: 0 }), { unitId: 'model' });
    const step3 = await serve(new ProbabilityRounder({ decimals: 2 }), { unitId: 'rounder' });
    const a = await post(step1, '/transform-input', { data: { ndarray: [[1, 3]] } });
    expect(a.json.data.ndarray).toEqual([[0, 1]]);
    const b = await post(step2, '/predict', a.json);
    expect(b.json.data.names).toEqual(['negative', 'positive']);
    const c = await post(step3, '/transform-output', b.json);
    expect(c.json.data.ndarray).toEqual([[0.27, 0.73]]);
    expect(c.json.meta.tags).toEqual({ label: 'positive' });
    expect(c.json.meta.requestPath).toEqual({ scaler: '', model: '', rounder: '' });
    expect(c.json.meta.metrics).toEqual([{ key: 'chain_predictions', type: 'COUNTER', value: 1 }]);
  });
});

describe('examples/mean-combiner', () => {
  it('averages its children outputs element-wise', async () => {
    const svc = await serve(new MeanCombiner());
    const r = await post(svc, '/aggregate', [
      { data: { ndarray: [[0.2, 0.8]] } },
      { data: { ndarray: [[0.4, 0.6]] } },
      { data: { ndarray: [[0.6, 0.4]] } },
    ]);
    expect(r.json.data.names).toEqual(['t:0', 't:1']);
    expect(r.json.data.ndarray[0][0]).toBeCloseTo(0.4, 12);
    expect(r.json.data.ndarray[0][1]).toBeCloseTo(0.6, 12);
    const bad = await post(svc, '/aggregate', [
      { data: { ndarray: [[1]] } },
      { data: { ndarray: [[1, 2]] } },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.json.status.info).toContain('input 1 has shape [1,2]');
  });
});

describe('examples/image-echo', () => {
  const width = 4;
  const height = 2;
  const rgba = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) rgba.set([p * 10, 255 - p * 10, 128, 255], p * 4);

  it('decodes a PNG from binData into a [h, w, 3] tensor', async () => {
    const svc = await serve(new ImageEcho());
    const png = new pngjs.PNG({ width, height });
    rgba.copy(png.data);
    const file = pngjs.PNG.sync.write(png);
    const r = await post(svc, '/predict', { binData: file.toString('base64') });
    expect(r.status).toBe(200);
    expect(r.json.data.tensor.shape).toEqual([2, 4, 3]);
    expect(r.json.data.tensor.values.slice(0, 6)).toEqual([0, 255, 128, 10, 245, 128]);
    expect(r.json.meta.tags).toEqual({ format: 'png', width: 4, height: 2 });
  });

  it('decodes a JPEG (lossy, so approximately)', async () => {
    const svc = await serve(new ImageEcho({ channels: 4 }));
    const file = jpeg.encode({ data: rgba, width, height }, 100).data;
    const r = await post(svc, '/predict', { binData: Buffer.from(file).toString('base64') });
    expect(r.json.data.tensor.shape).toEqual([2, 4, 4]);
    expect(Math.abs(r.json.data.tensor.values[2] - 128)).toBeLessThan(12);
    expect(r.json.meta.tags.format).toBe('jpeg');
  });

  it('rejects bytes that are not an image', async () => {
    const svc = await serve(new ImageEcho());
    const r = await post(svc, '/predict', { binData: Buffer.from('hello').toString('base64') });
    expect(r.status).toBe(400);
    expect(r.json.status.info).toContain('not a PNG or JPEG');
  });
});
