// Example 2 end to end: an epsilon-greedy router over three classifiers learns from feedback.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import type { LocalDeployment } from '../src/run/index.js';
import { readFileSync } from 'node:fs';
import { startForTest, example, postJson, grpcCall, repoRoot } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const REQUEST = { data: { ndarray: [[1.0, 2.0, 5.0]] } };
// What classifier-1/2/3 answer (mock classifier with intValue 0, 1, 2).
const SCORES = [0.43782349911420193, 0.22270013882530884, 0.09534946489910953];

describe('run example 2: epsilon-greedy router over three classifiers', () => {
  let deployment: LocalDeployment;
  let url: (path: string) => string;

  beforeAll(async () => {
    ({ deployment, url } = await startForTest(example('egreedy-router')));
  }, 30_000);
  afterAll(async () => {
    await deployment?.close();
  });

  it('routes each request to one classifier and reports the route in meta.routing', async () => {
    const res = await postJson(url('/api/v1.0/predictions'), REQUEST);
    expect(res.status).toBe(200);
    const route = res.json.meta.routing['eg-router'];
    expect([0, 1, 2]).toContain(route);
    expect(res.json.data.ndarray[0][0]).toBe(SCORES[route]);
    expect(Object.keys(res.json.meta.requestPath)).toEqual([`classifier-${route + 1}`]);
  });

  it('the READMEs quote exactly what the classifiers answer', () => {
    for (const doc of ['README.md', 'examples/egreedy-router/README.md']) {
      const quoted = readFileSync(`${repoRoot}${doc}`, 'utf8').match(/0\.\d{15,}/g) ?? [];
      expect(quoted.length).toBeGreaterThan(0);
      for (const value of quoted)
        expect({ doc, value, known: SCORES.includes(Number(value)) }).toEqual({ doc, value, known: true });
      // Each quote is the shortest text of its double, as the engine writes it.
      for (const value of quoted) expect(String(Number(value))).toBe(value);
    }
  });

  it('learns from feedback to prefer the classifier that earns rewards', async () => {
    // The world: only classifier-3 (branch 2) is ever right. With epsilon 0.2 the router explores
    // branch 2 within the first rounds (P(not in 100 rounds) < 3e-5), then sends it ~80 of the last
    // 100 requests (binomial, sd 4). The bar of 60 is 5 sd below that and far above chance (33):
    // the routing is unseeded, and a bar of 70 failed about once in 160 runs.
    const routes: number[] = [];
    const failures: string[] = [];
    // Four clients in parallel, each predicting then giving feedback.
    const client = async (rounds: number) => {
      for (let i = 0; i < rounds; i++) {
        const prediction = await postJson(url('/api/v1.0/predictions'), REQUEST);
        if (prediction.status !== 200) failures.push(`predict ${prediction.status}`);
        const route = prediction.json.meta.routing['eg-router'] as number;
        routes.push(route);
        const feedback = await postJson(url('/api/v1.0/feedback'), {
          request: REQUEST,
          response: prediction.json,
          reward: route === 2 ? 1 : 0,
        });
        if (feedback.status !== 200)
          failures.push(`feedback ${feedback.status}: ${JSON.stringify(feedback.json)}`);
      }
    };
    await Promise.all([client(75), client(75), client(75), client(75)]);
    expect(failures).toEqual([]);
    const last = routes.slice(-100);
    const toBest = last.filter((r) => r === 2).length;
    expect(toBest).toBeGreaterThanOrEqual(60);
    // Still exploring: some requests go elsewhere (epsilon = 0.2).
    expect(routes.some((r) => r !== 2)).toBe(true);
  }, 60_000);

  it('routes over gRPC with the same graph', async () => {
    const { err, value } = await grpcCall(deployment.grpcPort, 'Predict', REQUEST);
    expect(err).toBeNull();
    const route = value?.meta?.routing?.['eg-router'];
    expect([0, 1, 2]).toContain(route);
    expect((value?.data?.ndarray?.[0] as number[])[0]).toBeCloseTo(SCORES[route as number], 12);
  });
});
