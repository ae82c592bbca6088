// In the engine image's dependency stage, before `npm ci --omit=dev --workspace <workspace>`:
// removes the workspace's devDependencies and its optional peerDependencies from its package.json
// and from package-lock.json, so that npm installs what the sidecar runs and nothing else.
// npm's workspace filter follows every edge of the workspace, and an optional peer that is itself
// a workspace is always in the tree: the engine's peers @seldon-ts/storage and
// @seldon-ts/model-servers (used only by `seldon-engine run` on a laptop) brought the S3 client
// into the image (23 MB of 100), and a devDependency on @seldon-ts/operator once brought the
// Kubernetes client (58 MB).
// Usage (repository root): node scripts/docker/sidecar-manifest.mjs apps/engine
import { readFileSync, writeFileSync } from 'node:fs';

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

/** Drops devDependencies and the optional peers (with their meta) from one manifest entry. */
function withoutDevAndOptionalPeers(entry) {
  const optional = Object.keys(entry.peerDependenciesMeta ?? {}).filter(
    (name) => entry.peerDependenciesMeta[name].optional,
  );
  delete entry.devDependencies;
  for (const name of optional) {
    delete entry.peerDependencies?.[name];
    delete entry.peerDependenciesMeta[name];
  }
}

const workspace = process.argv[2];
if (!workspace) throw new Error('usage: sidecar-manifest.mjs <workspace folder>');
const lock = readJson('package-lock.json');
const locked = lock.packages?.[workspace];
if (!locked) throw new Error(`package-lock.json has no workspace ${workspace}`);
const manifest = readJson(`${workspace}/package.json`);
withoutDevAndOptionalPeers(manifest);
withoutDevAndOptionalPeers(locked);
writeJson(`${workspace}/package.json`, manifest);
writeJson('package-lock.json', lock);
