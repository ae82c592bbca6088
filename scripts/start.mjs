#!/usr/bin/env node
// `npm start`: builds what the local runner needs (if anything changed), then serves a
// SeldonDeployment on this machine and keeps serving until Ctrl-C.
//
//   npm start                                   # example 2: epsilon-greedy router over three classifiers
//   npm start -- examples/three-step-chain/seldondeployment.yaml --http-port 8080
//
// Everything after `--` goes to `seldon-engine run` (see docs/cli.md).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_MANIFEST = 'examples/egreedy-router/seldondeployment.yaml';

const args = process.argv.slice(2);
const hasManifest = args.length > 0 && !args[0].startsWith('-');
const runArgs = hasManifest ? args : [`${root}${DEFAULT_MANIFEST}`, ...args];
// npm runs scripts from the repository root; relative paths the user typed (the manifest,
// --component files) are relative to where they typed `npm start`, which npm passes as INIT_CWD.
const userCwd = process.env.INIT_CWD ?? process.cwd();

// 1. Build the engine and the packages it uses. `tsc -b` is incremental: a no-op when up to date.
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
if (!existsSync(tsc)) {
  console.error('TypeScript is not installed: run `npm install` first.');
  process.exit(1);
}
const started = Date.now();
const build = spawnSync(process.execPath, [tsc, '-b', 'apps/engine/tsconfig.lib.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('Build failed (tsc -b apps/engine/tsconfig.lib.json); see the errors above.');
  process.exit(build.status ?? 1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.error(`[start] built in ${seconds} s; starting seldon-engine run ${runArgs.join(' ')}`);

// 2. Run. The runner gets its own process group, so it hears exactly one signal: the one this
// script forwards. A Ctrl-C in the terminal reaches npm and this script (npm forwards it once more),
// and `kill -INT`/`kill -TERM` of the npm process reaches this script through npm (the npm script
// `exec`s node, so no shell sits in between to die of the signal and leave the runner behind).
const child = spawn(process.execPath, [`${root}apps/engine/dist/cli.js`, 'run', ...runArgs], {
  cwd: userCwd,
  stdio: 'inherit',
  detached: true,
});
let forwarded = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (forwarded || child.exitCode !== null) return;
    forwarded = true;
    child.kill(sig);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
