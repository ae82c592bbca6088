// The two component kinds the examples do not use: `url:` (a node already serving) and
// `command:` (any program, given its ports through placeholders and PREDICTIVE_UNIT_* env).
import { describe, it, expect, afterEach, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMicroservice } from '@seldon-ts/model-wrapper';
import type { LocalDeployment } from '../src/run/index.js';
import { microserviceCliPath } from '../src/run/components.js';
import { startForTest, postJson, grpcCall, repoRoot } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const MODEL = `${repoRoot}examples/mock-classifier/mock-classifier.ts`;
const REQUEST = { data: { ndarray: [[1.0, 2.0, 5.0]] } };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function manifest(annotation: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'seldon-run-components-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'sdep.yaml'),
    `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: kinds
  annotations:
    seldon.io/local-classifier: '${annotation}'
spec:
  predictors:
  - name: default
    graph:
      name: classifier
      type: MODEL
      parameters: [{name: intValue, type: INT, value: "1"}]
    componentSpecs: [{spec: {containers: [{name: classifier, image: seldonio/mock_classifier:1.18.2}]}}]
`,
  );
  return join(dir, 'sdep.yaml');
}

async function start(
  path: string,
): Promise<{ deployment: LocalDeployment; logs: string[]; url: (p: string) => string }> {
  const started = await startForTest(path);
  cleanups.push(() => started.deployment.close());
  return started;
}

describe('run: url: and command: components', () => {
  it('calls a node that is already serving, over REST and gRPC', async () => {
    const { default: MockClassifier } = await import(MODEL);
    const node = await startMicroservice(MockClassifier, {
      httpPort: 0,
      grpcPort: 0,
      metricsPort: 0,
      env: { PREDICTIVE_UNIT_ID: 'classifier', PREDICTIVE_UNIT_IMAGE: 'external' },
    });
    cleanups.push(() => node.close());
    const { deployment, url } = await start(
      manifest(`url:http://127.0.0.1:${node.httpPort},grpc://127.0.0.1:${node.grpcPort}`),
    );
    expect(deployment.banner()).toContain(
      `node classifier: remote http://127.0.0.1:${node.httpPort},grpc://127.0.0.1:${node.grpcPort}`,
    );
    const rest = await postJson(url('/api/v1.0/predictions'), REQUEST);
    expect(rest.status).toBe(200);
    // The external server was started without the graph's parameters: intValue 0.
    expect(rest.json.data.ndarray).toEqual([[0.43782349911420193]]);
    expect(rest.json.meta.requestPath).toEqual({ classifier: 'external' });
    const grpc = await grpcCall(deployment.grpcPort, 'Predict', REQUEST);
    expect(grpc.err).toBeNull();
    expect(grpc.value?.data?.ndarray).toEqual([[0.43782349911420193]]);
  });

  it('runs a command with its ports substituted and the operator env, under the supervisor', async () => {
    const command =
      `command:${JSON.stringify(process.execPath)} ${JSON.stringify(microserviceCliPath())} ${JSON.stringify(MODEL)} ` +
      '--service-type MODEL --http-port {httpPort} --grpc-port {grpcPort} --metrics-port {metricsPort}';
    const { deployment, logs, url } = await start(manifest(command));
    const [component] = deployment.predictors[0].components;
    expect(component.process?.pid).toBeGreaterThan(0);
    expect(logs.some((l) => l.startsWith('[default/classifier] '))).toBe(true);
    const res = await postJson(url('/api/v1.0/predictions'), REQUEST);
    expect(res.status).toBe(200);
    // intValue 1 reached the command through PREDICTIVE_UNIT_PARAMETERS; the image through PREDICTIVE_UNIT_IMAGE.
    expect(res.json.data.ndarray[0][0]).toBeCloseTo(0.22270013882530884, 12);
    expect(res.json.meta.requestPath).toEqual({ classifier: 'seldonio/mock_classifier:1.18.2' });
  });
});
