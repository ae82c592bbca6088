#!/usr/bin/env node
// `npm run pack:local [-- <dir>]`: builds every package and packs what npm would publish into <dir>
// (default `.packages/` in this clone), then prints the command that installs them into a model
// project elsewhere. Nothing of seldon-ts is on the npm registry: these tarballs are how a folder
// outside this repository gets `seldon-microservice`, `seldon-engine` and `@seldon-ts/model-wrapper`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? `${root}.packages`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`${r.stdout}${r.stderr}${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  return r.stdout;
}

run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-b', 'tsconfig.json']);
mkdirSync(dir, { recursive: true });
run('npm', ['pack', '--workspaces', '--pack-destination', dir]);
const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
console.log(`Packed ${tarballs.length} packages into ${dir}:`);
for (const t of tarballs.sort()) console.log(`  ${t}`);
console.log(`\nIn your model's folder (with a package.json; "type": "module" for .ts/.mjs models):\n`);
console.log(`  npm install ${dir}/*.tgz`);
console.log(`\nThen: npx seldon-microservice model.ts   or   npx seldon-engine run seldondeployment.yaml`);
