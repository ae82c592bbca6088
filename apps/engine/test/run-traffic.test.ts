// Several predictors: the front door splits traffic by weight and mirrors it to the shadow, in
// front of one real engine per predictor.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalDeployment } from '../src/run/index.js';
import { startForTest, postJson, grpcCall, repoRoot, until } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const MODEL = `${repoRoot}examples/mock-classifier/mock-classifier.ts`;
const predictor = (name: string, extra: string, intValue: number) => `
  - name: ${name}
${extra}
    annotations:
      seldon.io/local-classifier: "module:${MODEL}"
    graph:
      name: classifier
      type: MODEL
      parameters: [{name: intValue, type: INT, value: "${intValue}"}]
    componentSpecs:
    - spec:
        containers: [{name: classifier, image: seldonio/mock_classifier:1.18.2}]`;

const MANIFEST = `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: canary-shadow
spec:
  predictors:${predictor('main', '    traffic: 75', 0)}${predictor('canary', '    traffic: 25', 2)}${predictor('shadow', '    shadow: true', 1)}
`;
const REQUEST = { data: { ndarray: [[1.0, 2.0, 5.0]] } };
const SCORE: Record<string, number> = { main: 0.43782349911420193, canary: 0.09534946489910953 };

describe('run: traffic split and shadow across real predictor engines', () => {
  let dir: string;
  let deployment: LocalDeployment;
  let url: (path: string) => string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'seldon-run-traffic-'));
    writeFileSync(join(dir, 'sdep.yaml'), MANIFEST);
    ({ deployment, url } = await startForTest(join(dir, 'sdep.yaml')));
  }, 30_000);
  afterAll(async () => {
    await deployment?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs an engine per predictor behind a front door on the public ports', () => {
    expect(deployment.frontDoor).toBeDefined();
    expect(deployment.predictors.map((p) => [p.name, p.traffic, p.shadow])).toEqual([
      ['main', 75, false],
      ['canary', 25, false],
      ['shadow', 0, true],
    ]);
    const ports = new Set([deployment.httpPort, ...deployment.predictors.map((p) => p.httpPort)]);
    expect(ports.size).toBe(4);
    expect(deployment.banner()).toContain('predictor "shadow" (shadow)');
    expect(deployment.banner()).toContain('predictor "canary" (traffic 25%)');
  });

  it('splits REST requests by traffic and mirrors each one to the shadow', async () => {
    const seen: Record<string, number> = { main: 0, canary: 0 };
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => postJson(url('/api/v1.0/predictions'), REQUEST)),
      );
      for (const a of answers) {
        expect(a.status).toBe(200);
        const who = a.headers.get('seldon-predictor')!;
        expect(a.json.data.ndarray[0][0]).toBeCloseTo(SCORE[who], 12);
        seen[who]++;
      }
    }
    // 200 requests at 25%: the canary's share is far from 0 and from half (binomial sd ~3%).
    expect(seen.canary).toBeGreaterThan(20);
    expect(seen.canary).toBeLessThan(80);
    const counts = deployment.frontDoor!.counts;
    expect(counts.main + counts.canary).toBe(200);
    expect(counts.shadow).toBe(200);
    // The shadow's own engine served every mirrored copy (fire-and-forget, so poll its metrics).
    const shadow = deployment.predictors.find((p) => p.shadow)!;
    const served = async () => {
      const text = await (await fetch(`http://127.0.0.1:${shadow.httpPort}/prometheus`)).text();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('seldon_api_executor_server_requests_seconds_count{') &&
            l.includes('service="predictions"'),
        );
      return Number(line?.split(' ').pop() ?? 0);
    };
    await until('the shadow to serve 200 copies', async () => (await served()) >= 200);
    expect(await served()).toBe(200);
  }, 30_000);

  it('splits gRPC calls too', async () => {
    const who = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const { err, header } = await grpcCall(deployment.grpcPort, 'Predict', REQUEST);
      expect(err).toBeNull();
      who.add(String(header?.get('seldon-predictor')[0]));
    }
    expect([...who].every((w) => w === 'main' || w === 'canary')).toBe(true);
    expect(who.has('main')).toBe(true);
  }, 30_000);

  it('is ready when every predictor is', async () => {
    expect((await fetch(url('/ready'))).status).toBe(200);
  });
});
