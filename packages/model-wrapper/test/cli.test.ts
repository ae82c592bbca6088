// Spawns the built CLI (run `npx tsc -b packages/model-wrapper/tsconfig.lib.json` first).
import { describe, it, expect, afterAll } from '@jest/globals';
import { messageOf } from './support/http.js';
import { kubeletWrite, until } from './support/configmap-dir.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = `${root}packages/model-wrapper/dist/cli.js`;
const children: ChildProcess[] = [];

interface Ready {
  httpPort: number;
  grpcPort: number;
  metricsPort: number;
}

function start(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; ready: Promise<Ready>; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [cli, ...args, '--host', '127.0.0.1'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<Ready>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.includes('"event":"ready"'));
      if (line !== undefined) resolve(JSON.parse(line) as Ready);
    });
    void exit.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return { child, ready, stderr: () => err, exit };
}

const PORTS = ['--http-port', '0', '--grpc-port', '0', '--metrics-port', '0'];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

const predict = (port: number, body: unknown) =>
  fetch(`http://127.0.0.1:${port}/api/v1.0/predictions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('seldon-microservice CLI', () => {
  it('serves a .ts component with parameters from PREDICTIVE_UNIT_PARAMETERS, drains on SIGTERM', async () => {
    const p = start(['examples/mock-classifier/mock-classifier.ts', '--service-type', 'MODEL', ...PORTS], {
      PREDICTIVE_UNIT_PARAMETERS: '[{"name":"delaySecs","value":"1","type":"INT"}]',
      PREDICTIVE_UNIT_ID: 'classifier',
    });
    const ports = await p.ready;
    const pending = predict(ports.httpPort, { data: { ndarray: [[1.0, 2.0, 5.0]] } });
    await new Promise((r) => setTimeout(r, 300));
    p.child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: { names: ['proba'], ndarray: [[0.43782349911420193]] },
      meta: { requestPath: { classifier: '' } },
    });
    expect(await p.exit).toBe(0);
    expect(p.stderr()).toContain('SIGTERM: draining');
  });

  it('applies a change of PREDICTIVE_UNIT_PARAMETERS_FILE while serving and logs it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-params-'));
    try {
      const first = kubeletWrite(dir, { 'parameters.json': '[{"name":"scale","value":"3","type":"FLOAT"}]' });
      const p = start(['packages/model-wrapper/test/fixtures/scaled-model.mjs', ...PORTS], {
        PREDICTIVE_UNIT_PARAMETERS_FILE: join(dir, 'parameters.json'),
      });
      const ports = await p.ready;
      expect(
        (await messageOf(await predict(ports.httpPort, { data: { ndarray: [1] } }))).data?.ndarray,
      ).toEqual([3]);
      expect(p.stderr()).toContain('parameters {"scale":3}');
      kubeletWrite(dir, { 'parameters.json': '[{"name":"scale","value":"5","type":"FLOAT"}]' }, first);
      await until('the change in the log', () => p.stderr().includes('parameters changed to {"scale":5}'));
      expect(p.stderr()).toContain('applied: a new instance serves');
      expect(
        (await messageOf(await predict(ports.httpPort, { data: { ndarray: [1] } }))).data?.ndarray,
      ).toEqual([5]);
      p.child.kill('SIGTERM');
      expect(await p.exit).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads a named export with :Export and awaits load() before ready', async () => {
    const p = start([
      'packages/model-wrapper/test/fixtures/named-export.ts:Named',
      ...PORTS,
      '--parameters',
      '[{"name":"k","value":"v","type":"STRING"}]',
    ]);
    const ports = await p.ready;
    const res = await predict(ports.httpPort, { strData: 'x' });
    expect(await res.json()).toEqual({
      jsonData: { loaded: true, params: { k: 'v' }, got: 'string' },
      meta: { tags: { from: 'named' } },
    });
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('spreads requests over worker threads with --workers and records their metrics', async () => {
    const p = start([
      'packages/model-wrapper/test/fixtures/thread-model.mjs',
      ...PORTS,
      '--workers',
      '2',
      '--parameters',
      '[{"name":"spinMs","value":"30","type":"INT"}]',
    ]);
    const ports = await p.ready;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => predict(ports.httpPort, { data: { ndarray: [1] } }).then(messageOf)),
    );
    const threads = new Set(answers.map((a) => a.data?.ndarray?.[0]));
    expect(threads.size).toBe(2);
    expect(threads.has(0)).toBe(false); // never the main thread
    const text = await (await fetch(`http://127.0.0.1:${ports.metricsPort}/metrics`)).text();
    const served = text.split('\n').filter((l) => l.startsWith('served_total{'));
    expect(served.length).toBe(2); // one series per worker_id
    expect(served.reduce((s, l) => s + Number(l.split(' ').pop()), 0)).toBe(8);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('rejects unknown args like the reference (exit 255)', async () => {
    const p = start(['examples/mock-classifier/mock-classifier.ts', 'REST', ...PORTS]);
    await expect(p.ready).rejects.toThrow();
    expect(await p.exit).toBe(255);
    expect(p.stderr()).toContain(
      "Unknown args ['REST']. Note since 1.5.0 this CLI does not take API type (REST, GRPC)",
    );
  });

  it('bad parameters abort startup with the reference message', async () => {
    const p = start([
      'examples/mock-classifier/mock-classifier.ts',
      ...PORTS,
      '--parameters',
      '[{"name":"delaySecs","value":"1.5","type":"INT"}]',
    ]);
    await expect(p.ready).rejects.toThrow();
    expect(await p.exit).toBe(1);
    expect(p.stderr()).toContain("Bad model parameter: delaySecs with value 1.5 can't be parsed as a INT");
  });

  it('a missing module or export fails with SC_ERR_WRAPPER_BAD_COMPONENT', async () => {
    const p = start(['examples/mock-classifier/mock-classifier.ts:Nope', ...PORTS]);
    await expect(p.ready).rejects.toThrow();
    expect(await p.exit).toBe(1);
    expect(p.stderr()).toContain('SC_ERR_WRAPPER_BAD_COMPONENT');
    expect(p.stderr()).toContain('has no export Nope');
  });

  it('serves the component named by MODEL_NAME and SERVICE_TYPE when no module is given (s2i images)', async () => {
    const p = start([...PORTS], {
      MODEL_NAME: 'examples/mock-classifier/mock-classifier.ts',
      SERVICE_TYPE: 'MODEL',
    });
    const ports = await p.ready;
    const res = await predict(ports.httpPort, { data: { ndarray: [[1.0, 2.0, 5.0]] } });
    expect(await res.json()).toMatchObject({ data: { ndarray: [[0.43782349911420193]] } });
    expect(p.stderr()).toContain('starting examples/mock-classifier/mock-classifier.ts as MODEL');
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  });

  it('refuses a component with a Python-style method name at startup (regression: transform_input ignored)', async () => {
    const p = start(['packages/model-wrapper/test/fixtures/python-names.mjs', ...PORTS], {
      PREDICTIVE_UNIT_ID: 'doubler',
    });
    await expect(p.ready).rejects.toThrow();
    expect(await p.exit).toBe(1);
    expect(p.stderr()).toContain(
      'seldon-microservice: SC_ERR_WRAPPER_PYTHON_METHOD_NAME: unit "doubler": ' +
        "component defines transform_input (the Python wrapper's name): rename it transformInput",
    );
  });

  it('logs a failing predict once at ERROR with unit id, method and stack; 4xx user errors not at INFO', async () => {
    const p = start(['packages/model-wrapper/test/fixtures/failing-model.mjs', ...PORTS], {
      PREDICTIVE_UNIT_ID: 'classifier',
    });
    const ports = await p.ready;
    const res = await predict(ports.httpPort, { data: { ndarray: [[1]] } });
    expect(res.status).toBe(500);
    const user = await predict(ports.httpPort, { data: { names: ['bad'], ndarray: [[400]] } });
    expect(user.status).toBe(400);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    const lines = p.stderr().split('\n');
    const errors = lines.filter((l) => / ERROR /.test(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^\S+ ERROR seldon-microservice: unit "classifier" predict failed: SC_ERR_WRAPPER_INTERNAL: model exploded$/,
    );
    const at = lines.indexOf(errors[0]);
    expect(lines[at + 1]).toBe('Error: model exploded');
    expect(lines[at + 2]).toMatch(/^\s+at explodeInsideModel \(.*failing-model\.mjs:\d+:\d+\)$/);
    expect(p.stderr()).not.toContain('bad input value 400');
  });

  it('logs 4xx user errors at DEBUG', async () => {
    const p = start(
      ['packages/model-wrapper/test/fixtures/failing-model.mjs', ...PORTS, '--log-level', 'DEBUG'],
      {
        PREDICTIVE_UNIT_ID: 'classifier',
      },
    );
    const ports = await p.ready;
    expect((await predict(ports.httpPort, { data: { names: ['bad'], ndarray: [[400]] } })).status).toBe(400);
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    expect(p.stderr()).toMatch(
      / DEBUG seldon-microservice: unit "classifier" predict failed: SC_ERR_WRAPPER_USER: bad input value 400\n/,
    );
    expect(p.stderr()).not.toMatch(/ ERROR /);
  });

  it('a constructor error names the unit, the code and the cause', async () => {
    const p = start(['packages/model-wrapper/test/fixtures/failing-model.mjs:FailingConstructor', ...PORTS], {
      PREDICTIVE_UNIT_ID: 'classifier',
    });
    await expect(p.ready).rejects.toThrow();
    expect(await p.exit).toBe(1);
    expect(p.stderr()).toContain(
      'seldon-microservice: SC_ERR_WRAPPER_BAD_COMPONENT: unit "classifier": Component constructor failed: weights file missing\nError: weights file missing\n    at new FailingConstructor',
    );
  });

  it('--version prints the package version', async () => {
    const out = await runToEnd(['--version']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^seldon-microservice \d+\.\d+\.\d+\n$/);
  });
});

/** Runs the CLI to its exit; resolves with the exit code and both outputs. */
async function runToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('seldon-microservice build', () => {
  it('writes the Dockerfile for a component folder on the microservice base image', async () => {
    const out = await runToEnd([
      'build',
      'examples/egreedy-router',
      '--model',
      'egreedy-router.ts',
      '--service-type',
      'router',
      '--print-dockerfile',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      [
        'FROM seldon-ts/microservice:0.1.0',
        'COPY --chown=8888:8888 . /app/model',
        'ENV MODEL_NAME="egreedy-router.ts" SERVICE_TYPE="ROUTER"',
        '',
      ].join('\n'),
    );
  });

  it('reads MODEL_NAME and the rest of .s2i/environment as the reference s2i builder does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'component-'));
    try {
      mkdirSync(join(dir, '.s2i'));
      writeFileSync(
        join(dir, '.s2i', 'environment'),
        '# s2i\nMODEL_NAME=Model.ts:Model\nSERVICE_TYPE=MODEL\nPERSISTENCE=0\n',
      );
      writeFileSync(join(dir, 'Model.ts'), 'export class Model {}\n');
      writeFileSync(join(dir, 'package.json'), '{"type":"module","dependencies":{}}\n');
      const out = await runToEnd(['build', dir, '--print-dockerfile', '--base-image', 'my/base:1']);
      expect(out.code).toBe(0);
      expect(out.stdout.split('\n')).toEqual([
        'FROM my/base:1',
        'COPY --chown=8888:8888 . /app/model',
        'RUN HOME=/tmp npm install --omit=dev --omit=peer --no-audit --no-fund --ignore-scripts --no-package-lock',
        'ENV MODEL_NAME="Model.ts:Model" SERVICE_TYPE="MODEL" PERSISTENCE="0"',
        '',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names what is missing: no component, a component file that does not exist, no --tag', async () => {
    const none = await runToEnd(['build', 'examples/egreedy-router', '--tag', 'x:1']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      'SC_ERR_WRAPPER_BAD_IMAGE_FOLDER: examples/egreedy-router: name the component with --model <file>[:Export] or MODEL_NAME=<file> in .s2i/environment',
    );
    const missing = await runToEnd([
      'build',
      'examples/egreedy-router',
      '--model',
      'nope.ts',
      '--tag',
      'x:1',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('examples/egreedy-router: the component file nope.ts does not exist');
    const noTag = await runToEnd(['build', 'examples/egreedy-router', '--model', 'egreedy-router.ts']);
    expect(noTag.code).toBe(2);
    expect(noTag.stderr).toContain('expected one <dir> and --tag IMAGE');
  });
});
