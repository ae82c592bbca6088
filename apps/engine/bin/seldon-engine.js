#!/usr/bin/env node
// The `seldon-engine` command. npm links a workspace's bins at `npm install` time only when the target
// file exists, and dist/ exists only after a build; this launcher is committed, so `npx seldon-engine`
// works straight after `npm install` in a source checkout: the first run builds dist/ (`tsc -b`).
// An installed package ships dist/ and goes straight to it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  const project = fileURLToPath(new URL('../tsconfig.lib.json', import.meta.url));
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    tsc = undefined;
  }
  if (!existsSync(project) || !tsc) {
    process.stderr.write(
      `seldon-engine: ${fileURLToPath(cli)} is missing and cannot be built here (no TypeScript sources or compiler); reinstall the package or run \`npm install\` at the repository root\n`,
    );
    process.exit(1);
  }
  process.stderr.write(
    'seldon-engine: first run in a source checkout, building (tsc -b apps/engine/tsconfig.lib.json) ...\n',
  );
  const build = spawnSync(process.execPath, [tsc, '-b', project], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0 || !existsSync(cli)) {
    process.stderr.write('seldon-engine: the build failed; see the errors above\n');
    process.exit(build.status || 1);
  }
}
await import(cli.href);
