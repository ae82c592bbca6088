#!/usr/bin/env node
// The one test command (README, .ci/run): installs what the tests need, builds, runs every
// project's Jest suite in one run, then the cluster suite (tests/cluster: images built from the
// Dockerfile, a real single-node Kubernetes), and prints `N passed, N failed` counted from Jest's
// reports. Usage: npm test [-- <jest args>]   e.g. npm test -- packages/payload
// With jest arguments only that selection runs, without the cluster suite (`npm run test:cluster`).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const run = (cmd, argv, opts = {}) =>
  spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });

// 1. Test-only system dependencies (kcat for the Kafka mock cluster, the kube-apiserver for operator tests).
const setup = run('bash', ['scripts/setup-test-deps.sh']);
if (setup.status !== 0) {
  console.error('test setup failed');
  process.exit(setup.status ?? 1);
}

// 2. Type-check and build every project (CLIs spawned by tests run from dist/).
const build = run('npx', ['tsc', '-b', 'tsconfig.json']);
if (build.status !== 0) {
  console.error('build (tsc -b) failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// Static checks: the tests' types (Jest compiles them with SWC, without type information),
// lint and formatting. Each failing check counts as one failure.
const checks = [
  ['type-check tests', process.execPath, ['scripts/typecheck-tests.mjs']],
  ['eslint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']],
  [
    'prettier',
    process.execPath,
    ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.'],
  ],
];
let checksFailed = 0;
for (const [name, cmd, argv] of checks) {
  if (run(cmd, argv).status !== 0) {
    console.error(`check failed: ${name}`);
    checksFailed++;
  }
}

/** Runs Jest with `argv`; returns its exit status and the passed/failed counts of its report. */
function jestRun(name, argv) {
  const results = `${root}.jest-${name}.json`;
  rmSync(results, { force: true });
  const jest = run(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings',
      'node_modules/jest/bin/jest.js',
      '--json',
      `--outputFile=${results}`,
      ...argv,
    ],
    { env: { NODE_ENV: 'test' } },
  );
  if (!existsSync(results)) return { status: jest.status ?? 1, passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(results, 'utf8'));
  return {
    status: jest.status ?? 1,
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
  };
}

// 3. One Jest run over all projects.
const runs = [jestRun('results', args)];

// 4. The cluster suite, alone: it builds images and drives pods on a single-node Kubernetes, which
// it starts (scripts/kube-node/up.sh) and stops again.
if (args.length === 0) {
  const started = Date.now();
  runs.push(jestRun('cluster', ['--config', 'tests/cluster/jest.config.mjs', '--runInBand']));
  console.log(`cluster suite: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0) + checksFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(runs.every((r) => r.status === 0) && failed === 0 ? 0 : 1);
