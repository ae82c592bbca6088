// The real `seldon-engine run` command, spawned from the built CLI (npm test builds first):
// start-up banner, Ctrl-C, exit codes, reload on file change, children outliving a killed runner.
import { describe, it, expect, afterEach, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot, example, postJson, until, runCli, stopStarted, type Running } from './run-helpers.js';

/** The pids below `pid`, from `ps` (children first, then theirs). */
function descendants(pid: number): number[] {
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)])
    .stdout.toString()
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

async function waitForBanner(r: Running): Promise<number> {
  await until(
    'the banner',
    () => /Ctrl-C stops everything/.test(r.out()) || r.child.exitCode !== null,
    40_000,
  );
  const m = /REST {2}http:\/\/127\.0\.0\.1:(\d+)\//.exec(r.out());
  if (!m) throw new Error(`no banner; stderr:\n${r.err()}`);
  return Number(m[1]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(stopStarted);

describe('seldon-engine run (the built CLI)', () => {
  it('serves example 3, then stops itself and its child process on SIGINT with exit code 0', async () => {
    const r = runCli([example('three-step-chain'), '--http-port', '0', '--grpc-port', '0']);
    const port = await waitForBanner(r);
    const res = await postJson(`http://127.0.0.1:${port}/api/v1.0/predictions`, {
      data: { ndarray: [[10.0, 20.0]] },
    });
    expect(res.status).toBe(200);
    expect(res.json.data.ndarray).toEqual([[0.438, 0.562]]);
    const childPid = Number(/node input-transformer: process pid (\d+)/.exec(r.out())![1]);
    expect(alive(childPid)).toBe(true);

    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
    expect(r.err()).toContain('[runner] stopped');
    expect(alive(childPid)).toBe(false);
  }, 60_000);

  it('a component process stops itself when the runner is killed outright', async () => {
    const r = runCli([example('three-step-chain'), '--http-port', '0', '--grpc-port', '0']);
    await waitForBanner(r);
    const childPid = Number(/node input-transformer: process pid (\d+)/.exec(r.out())![1]);
    expect(alive(childPid)).toBe(true);
    r.child.kill('SIGKILL');
    await r.exited;
    await until('the orphaned component to stop', () => !alive(childPid), 10_000);
    expect(alive(childPid)).toBe(false);
  }, 60_000);

  it('prints usage and exit codes for bad arguments and bad manifests', async () => {
    const help = runCli(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.out()).toContain('Usage: seldon-engine run <seldondeployment.yaml> [options]');

    const none = runCli([]);
    expect(await none.exited).toBe(2);
    expect(none.err()).toContain('missing the SeldonDeployment manifest');

    const dir = mkdtempSync(join(tmpdir(), 'seldon-run-cli-'));
    try {
      writeFileSync(
        join(dir, 'sdep.yaml'),
        `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: {name: nomap}
spec:
  predictors:
  - name: default
    graph: {name: m, type: MODEL}
    componentSpecs: [{spec: {containers: [{name: m, image: x}]}}]
`,
      );
      const unmapped = runCli([join(dir, 'sdep.yaml'), '--http-port', '0', '--grpc-port', '0']);
      expect(await unmapped.exited).toBe(1);
      expect(unmapped.err()).toContain('predictor "default" node "m" has no local component');
      expect(unmapped.err()).toContain('[SC_ERR_ENGINE_RUN_COMPONENT]');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('--watch reloads components when their files change and the deployment when the manifest does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seldon-run-watch-'));
    const write = (factor: number, offset: number) => {
      writeFileSync(
        join(dir, 'scale.ts'),
        `export default class Scale { transformInput(X: { toArray(): number[][] }) { return X.toArray().map((r) => r.map((v) => v * ${factor})); } }\n`,
      );
      writeFileSync(
        join(dir, 'shift.ts'),
        `export default class Shift { predict(X: { toArray(): number[][] }) { return X.toArray().map((r) => r.map((v) => v + ${offset})); } }\n`,
      );
    };
    write(2, 1);
    // As in any ESM project: without it Node treats the .ts files as CommonJS.
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    writeFileSync(
      join(dir, 'sdep.yaml'),
      `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: watched
  annotations:
    seldon.io/local-scale: "process:./scale.ts"
    seldon.io/local-shift: "module:./shift.ts"
spec:
  predictors:
  - name: default
    graph:
      name: scale
      type: TRANSFORMER
      children: [{name: shift, type: MODEL}]
    componentSpecs: [{spec: {containers: [{name: scale, image: x}, {name: shift, image: y}]}}]
`,
    );
    try {
      const r = runCli([join(dir, 'sdep.yaml'), '--http-port', '0', '--grpc-port', '0', '--watch']);
      const port = await waitForBanner(r);
      let lastAnswer = '';
      const predict = async () => {
        const res = await postJson(`http://127.0.0.1:${port}/api/v1.0/predictions`, {
          data: { ndarray: [[1, 2]] },
        });
        lastAnswer = JSON.stringify(res.json);
        return res.json?.data?.ndarray;
      };
      expect(await predict()).toEqual([[3, 5]]);
      write(10, 100);
      await until(
        'both components to reload',
        async () => JSON.stringify(await predict().catch(() => null)) === JSON.stringify([[110, 120]]),
        30_000,
      );
      expect(r.err()).toContain('[runner] default/scale: files changed');
      expect(r.err()).toContain('[runner] default/shift: files changed');

      // A manifest that would not run leaves the running deployment alone...
      writeFileSync(join(dir, 'sdep.yaml'), 'kind: SeldonDeployment\nmetadata: {name: broken}\n');
      await until(
        'the refusal',
        () => r.err().includes('changed but cannot run; still serving the previous version'),
        20_000,
      );
      expect(await predict()).toEqual([[110, 120]]);
      // ...a valid change restarts it: now the graph is the shift model alone.
      writeFileSync(
        join(dir, 'sdep.yaml'),
        `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: watched
  annotations:
    seldon.io/local-shift: "module:./shift.ts"
spec:
  predictors:
  - name: default
    graph: {name: shift, type: MODEL}
    componentSpecs: [{spec: {containers: [{name: shift, image: y}]}}]
`,
      );
      await until(
        'the restarted deployment',
        async () => JSON.stringify(await predict().catch(() => null)) === JSON.stringify([[101, 102]]),
        30_000,
      ).catch((err: Error) => {
        throw new Error(`${err.message}; last answer ${lastAnswer}; stderr:\n${r.err().slice(-2500)}`);
      });
      expect(r.err()).toContain('changed; restarting the deployment');
      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('npm start (scripts/start.mjs) builds, serves the given manifest and stops on SIGTERM', async () => {
    const r = runCli(
      [example('mock-classifier'), '--http-port', '0', '--grpc-port', '0'],
      [`${repoRoot}scripts/start.mjs`],
    );
    const port = await waitForBanner(r);
    expect(r.err()).toMatch(/\[start\] built in [\d.]+ s; starting seldon-engine run /);
    const res = await postJson(`http://127.0.0.1:${port}/api/v1.0/predictions`, {
      data: { ndarray: [[1.0, 2.0, 5.0]] },
    });
    expect(res.json.data.ndarray).toEqual([[0.43782349911420193]]);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(r.err()).toContain('[runner] stopped');
  }, 90_000);

  it('`npm start` stops on kill -INT of the npm process, the runner hearing the signal once', async () => {
    const npm = spawn(
      'npm',
      ['start', '--', example('mock-classifier'), '--http-port', '0', '--grpc-port', '0'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    let out = '';
    npm.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    npm.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = once(npm, 'exit');
    try {
      await until('the banner', () => out.includes('is serving'), 60_000);
      const tree = descendants(npm.pid!);
      expect(tree.length).toBeGreaterThanOrEqual(2); // start.mjs and the runner (and its nodes)
      npm.kill('SIGINT');
      await exited;
      expect(err).toContain('[runner] stopped');
      expect(err).not.toContain('already stopping');
      // Nothing npm started is left running.
      await until('every process npm started to exit', () => tree.every((pid) => !alive(pid)), 10_000);
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
    }
  }, 90_000);
});
