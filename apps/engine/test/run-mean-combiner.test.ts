// Extra example end to end: a COMBINER averaging two classifiers.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import type { LocalDeployment } from '../src/run/index.js';
import { readFileSync } from 'node:fs';
import { startForTest, example, postJson, grpcCall, repoRoot } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const REQUEST = { data: { ndarray: [[1.0, 2.0, 5.0]] } };
const MEAN = (0.43782349911420193 + 0.09534946489910953) / 2;

describe('run extra example: mean combiner', () => {
  let deployment: LocalDeployment;
  let url: (path: string) => string;

  beforeAll(async () => {
    ({ deployment, url } = await startForTest(example('mean-combiner')));
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('averages both children over REST and gRPC', async () => {
    const res = await postJson(url('/api/v1.0/predictions'), REQUEST);
    expect(res.status).toBe(200);
    expect(res.json.data.ndarray[0][0]).toBe(MEAN);
    // The example's README quotes the answer and the two scores exactly.
    const readme = readFileSync(`${repoRoot}examples/mean-combiner/README.md`, 'utf8');
    for (const value of [MEAN, 0.43782349911420193, 0.09534946489910953])
      expect(readme).toContain(String(value));
    expect(Object.keys(res.json.meta.requestPath).sort()).toEqual([
      'classifier-a',
      'classifier-b',
      'combiner',
    ]);
    const { err, value } = await grpcCall(deployment.grpcPort, 'Predict', REQUEST);
    expect(err).toBeNull();
    expect((value?.data?.ndarray?.[0] as number[])[0]).toBeCloseTo(MEAN, 12);
  });
});
