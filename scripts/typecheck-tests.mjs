#!/usr/bin/env node
// Type-checks every project's tests (`tsc -b` compiles src/ only; Jest strips types with SWC).
// Runs after the build, so workspace imports resolve to the built declarations.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const projects = ['packages', 'apps']
  .flatMap((dir) => readdirSync(`${root}${dir}`).map((name) => `${dir}/${name}`))
  .concat('tests')
  .filter((p) => existsSync(`${root}${p}/tsconfig.spec.json`));
let failed = 0;
for (const p of projects) {
  const r = spawnSync(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, '-p', `${p}/tsconfig.spec.json`],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) failed++;
}
if (failed) console.error(`type errors in the tests of ${failed} project(s)`);
process.exit(failed ? 1 : 0);
