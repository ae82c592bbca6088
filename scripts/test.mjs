#!/usr/bin/env node
// The one test command (README, .ci/run): installs what the tests need, builds, runs every
// project's Jest suite in one run and prints `N passed, N failed` counted from Jest's report.
// Usage: npm test [-- <jest args>]   e.g. npm test -- packages/payload
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

// 3. One Jest run over all projects.
const results = `${root}.jest-results.json`;
rmSync(results, { force: true });
const jest = run(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings',
    'node_modules/jest/bin/jest.js',
    '--json',
    `--outputFile=${results}`,
    ...args,
  ],
  { env: { NODE_ENV: 'test' } },
);
let passed = 0;
let failed = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
} else {
  failed = 1;
}
failed += checksFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
