#!/usr/bin/env node
// The one test command (README, .ci/run): installs what the tests need, builds, runs every
// project's Jest suite in one run with, beside it, the cluster suite (tests/cluster: images built
// from the Dockerfile, a real single-node Kubernetes), the soak suite (tests/soak, minutes of
// waiting on a slow sink) and the Node 24 suite (NODE24_TESTS under Node 24), and prints
// `N passed, N failed` counted from Jest's reports.
// Usage: npm test [-- <jest args>]   e.g. npm test -- packages/payload
// With jest arguments only that selection runs, without the cluster, soak and Node 24 suites
// (`npm run test:cluster`, `npm run test:soak`).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, existsSync, openSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const run = (cmd, argv, opts = {}) =>
  spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });

/**
 * The Node 24 suite: these tests again under Node 24 (the main run uses the machine's Node, 20 on
 * the project's machines): the wire codecs, the graph core's REST and gRPC clients, the model
 * wrapper, the engine's front doors with the image's bundle and the lazy loads (require of ES
 * modules), Kafka through kafkajs, and the operator against a real API server (client-node).
 */
const NODE24_TESTS = [
  ...['json', 'json-doubles', 'proto', 'proto-regressions', 'grpc', 'wire', 'v2', 'shaping'].map(
    (t) => `packages/payload/test/${t}.test.ts`,
  ),
  'packages/payload/test/content-encoding.test.ts',
  'packages/payload/test/seldon-error.test.ts',
  ...['rest-client', 'grpc-client', 'rest-graph', 'grpc-graph', 'wrapper-graph', 'faults', 'protowire'].map(
    (t) => `packages/graph-executor/test/${t}.test.ts`,
  ),
  'packages/graph-executor/test/core-imports.test.ts',
  'packages/crd-types/test/validation.test.ts',
  'packages/crd-types/test/defaults.test.ts',
  'packages/model-wrapper/test/rest.test.ts',
  'packages/model-wrapper/test/grpc.test.ts',
  ...['rest', 'grpc-door', 'graphs', 'lean-start', 'run-kafka-model'].map(
    (t) => `apps/engine/test/${t}.test.ts`,
  ),
  'packages/operator/test/operator.envtest.test.ts',
];
/**
 * The Node 24 binary: scripts/node24.sh (which the setup runs first) installs it and prints its
 * path. When it prints none, the name below fails to spawn and the suite fails, saying so.
 */
const node24 = () =>
  spawnSync('bash', ['scripts/node24.sh'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).stdout.trim() || 'node24-missing-see-scripts-node24.sh';

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
// lint, formatting, and that the TypeScript project references match Nx's project graph (else
// every Nx build, `npm run affected` among them, stops at "the workspace is out of sync"). Each
// failing check counts as one failure.
const checks = [
  ['nx sync:check', process.execPath, ['node_modules/nx/bin/nx.js', 'sync:check']],
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

/** Where the Jest run `name` writes its JSON report, and the node argv of that run. */
function jestCommand(name, argv) {
  const results = `${root}.jest-${name}.json`;
  rmSync(results, { force: true });
  const nodeArgv = [
    '--experimental-vm-modules',
    '--no-warnings',
    'node_modules/jest/bin/jest.js',
    '--json',
    `--outputFile=${results}`,
    ...argv,
  ];
  return { results, nodeArgv };
}

/** The exit status and the passed/failed counts of a finished Jest run (one failure if no report). */
function jestOutcome(results, status) {
  if (!existsSync(results)) return { status: status ?? 1, passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(results, 'utf8'));
  return {
    status: status ?? 1,
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
  };
}

/** Runs Jest with `argv`; returns its exit status and the passed/failed counts of its report. */
function jestRun(name, argv) {
  const { results, nodeArgv } = jestCommand(name, argv);
  const jest = run(process.execPath, nodeArgv, { env: { NODE_ENV: 'test' } });
  return jestOutcome(results, jest.status);
}

/**
 * Starts Jest with `argv` in the background (with the `node` binary given, by default this one's);
 * resolves as jestRun does once it ends, after printing
 * its output. The output goes to `.jest-<name>.log`, not a pipe: a pipe nobody reads while a
 * synchronous run blocks this process would fill and stall the child.
 */
function jestRunAsync(name, argv, node = process.execPath) {
  const { results, nodeArgv } = jestCommand(name, argv);
  const log = `${root}.jest-${name}.log`;
  const out = openSync(log, 'w');
  const child = spawn(node, nodeArgv, {
    cwd: root,
    stdio: ['ignore', out, out],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  closeSync(out);
  return new Promise((resolve) => {
    let ended = false;
    const done = (status) => {
      if (ended) return;
      ended = true;
      // No wall time here: this process notices the end only after the synchronous run; the
      // suite's own duration is Jest's "Time:" line in its output.
      console.log(`--- ${name} suite (output of ${log}) ---`);
      process.stdout.write(readFileSync(log, 'utf8'));
      resolve(jestOutcome(results, status));
    };
    child.once('error', (err) => {
      console.error(`${name} suite: ${err.message}`);
      done(1);
    });
    child.once('exit', (code) => done(code));
  });
}

// 3. The cluster suite (it builds images and drives pods on a single-node Kubernetes, which it
// starts with scripts/kube-node/up.sh and stops again) and the soak suite (issue 17's full-size
// payload delivery, ~4 minutes mostly waiting on a slow sink) start in the background: both spend
// most of their time waiting (image layers, pods, the sink), so beside the main run they add little
// wall time. Each keeps its own ports (the node's fixed ones, the tests' free ones).
const background =
  args.length === 0
    ? [
        jestRunAsync('cluster', ['--config', 'tests/cluster/jest.config.mjs', '--runInBand']),
        jestRunAsync('soak', ['--config', 'tests/soak/jest.config.mjs', '--runInBand']),
        // Missing Node 24 (the setup installs it) fails this suite; it never skips.
        jestRunAsync('node24', ['--runInBand', ...NODE24_TESTS], node24()),
      ]
    : [];

// 4. One Jest run over all projects.
const runs = [jestRun('results', args)];
runs.push(...(await Promise.all(background)));

const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0) + checksFailed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(runs.every((r) => r.status === 0) && failed === 0 ? 0 : 1);
