// Regressions of the built `seldon-engine run` CLI for a new user: a model's error is logged where it
// ran (node name, method, stack), a component written with the Python wrapper's method names is
// refused at start, and the banner prints the engine's metrics URL, which answers Prometheus text.
import { describe, it, expect, afterEach, afterAll, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, postJson, until, runCli, stopStarted, type Running } from './run-helpers.js';

jest.setTimeout(60_000);

/** `seldon-engine <args...>` from the built CLI. */
const seldonEngine = (args: string[]): Running => runCli(args, [CLI]);

const dir = mkdtempSync(join(tmpdir(), 'seldon-run-errors-'));

writeFileSync(
  join(dir, 'failing.mjs'),
  `export default class Failing {
  predict() {
    return explodeInsideModel();
  }
}
function explodeInsideModel() {
  throw new Error('model exploded');
}
export class BadConstructor {
  constructor() {
    throw new Error('weights file missing');
  }
}
export class PythonStyle {
  transform_input(X) {
    return X;
  }
}
`,
);

function manifest(file: string, local: string, type = 'MODEL'): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: errors
  annotations:
    seldon.io/local-classifier: '${local}'
spec:
  predictors:
  - name: default
    graph: {name: classifier, type: ${type}}
    componentSpecs: [{spec: {containers: [{name: classifier, image: x}]}}]
`,
  );
  return path;
}

/** `seldon-engine run <manifest>` on free ports. */
const runOnFreePorts = (path: string): Running =>
  seldonEngine(['run', path, '--http-port', '0', '--grpc-port', '0']);

async function startRun(path: string): Promise<{ r: Running; port: number }> {
  const r = runOnFreePorts(path);
  await until(
    'the banner',
    () => /Ctrl-C stops everything/.test(r.out()) || r.child.exitCode !== null,
    40_000,
  );
  const m = /REST {2}http:\/\/127\.0\.0\.1:(\d+)\//.exec(r.out());
  if (!m) throw new Error(`no banner; stderr:\n${r.err()}`);
  return { r, port: Number(m[1]) };
}

afterEach(stopStarted);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const predict = (port: number) =>
  postJson(`http://127.0.0.1:${port}/api/v1.0/predictions`, { data: { ndarray: [[1.0]] } });

describe('seldon-engine run: component errors are logged where they ran', () => {
  it('module: logs a failing predict once at ERROR with node, method and stack; banner gives the metrics URL', async () => {
    const { r, port } = await startRun(manifest('module.yaml', 'module:./failing.mjs'));
    expect(r.out()).toContain(`  Metrics http://127.0.0.1:${port}/prometheus\n`);
    expect((await predict(port)).status).toBe(500);
    await until('the error log', () => r.err().includes('model exploded\n'));
    const lines = r.err().split('\n');
    const errors = lines.filter((l) => l.includes(' ERROR '));
    expect(errors).toEqual([
      '[default/classifier] ERROR predict failed: SC_ERR_WRAPPER_INTERNAL: model exploded',
    ]);
    const at = lines.indexOf(errors[0]);
    expect(lines[at + 1]).toBe('Error: model exploded');
    expect(lines[at + 2]).toMatch(/^\s+at explodeInsideModel \(.*failing\.mjs:\d+:\d+\)$/);

    // D: the URL the banner prints serves the engine's Prometheus metrics.
    const metrics = await fetch(`http://127.0.0.1:${port}/prometheus`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toMatch(/^seldon_api_executor_server_requests_seconds_count\{.*\} 1$/m);
  });

  it('process: the child seldon-microservice logs it, prefixed with the node', async () => {
    const { r, port } = await startRun(manifest('process.yaml', 'process:./failing.mjs'));
    expect((await predict(port)).status).toBe(500);
    await until('the error log', () => r.err().includes('model exploded\n'));
    const lines = r.err().split('\n');
    const errors = lines.filter((l) => l.includes(' ERROR '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^\[default\/classifier\] \S+ ERROR seldon-microservice: unit "classifier" predict failed: SC_ERR_WRAPPER_INTERNAL: model exploded$/,
    );
    const at = lines.indexOf(errors[0]);
    expect(lines[at + 1]).toBe('[default/classifier] Error: model exploded');
    expect(lines[at + 2]).toMatch(
      /^\[default\/classifier\]\s+at explodeInsideModel \(.*failing\.mjs:\d+:\d+\)$/,
    );
  });

  it('module: a constructor error names the node, the wrapper code and the cause', async () => {
    const r = runOnFreePorts(manifest('ctor.yaml', 'module:./failing.mjs:BadConstructor'));
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain(
      'seldon-engine run: predictor "default" node "classifier": SC_ERR_WRAPPER_BAD_COMPONENT: Component constructor failed: weights file missing\nError: weights file missing\n    at new BadConstructor',
    );
    expect(r.err()).toContain('[SC_ERR_ENGINE_RUN_COMPONENT]');
  });

  it('module: refuses a component with the Python wrapper method names (regression: transform_input ignored)', async () => {
    const r = runOnFreePorts(manifest('python.yaml', 'module:./failing.mjs:PythonStyle', 'TRANSFORMER'));
    expect(await r.exited).toBe(1);
    expect(r.err()).toContain(
      'seldon-engine run: predictor "default" node "classifier": SC_ERR_WRAPPER_PYTHON_METHOD_NAME: ' +
        "component defines transform_input (the Python wrapper's name): rename it transformInput [SC_ERR_ENGINE_RUN_COMPONENT]",
    );
  });
});

describe('seldon-engine --version', () => {
  it('prints the name and the package version, exit 0', async () => {
    const r = seldonEngine(['--version']);
    expect(await r.exited).toBe(0);
    expect(r.out()).toMatch(/^seldon-engine \d+\.\d+\.\d+\n$/);
  });
});
