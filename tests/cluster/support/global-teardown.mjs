// After the cluster suite: the node's processes stopped and its pods' containers removed
// (SELDON_TS_KEEP_CLUSTER=1 keeps it running to look around; dockerd and the images stay).
import { spawnSync } from 'node:child_process';
import { repoRoot } from './setup.mjs';

export default async function globalTeardown() {
  if (process.env.SELDON_TS_KEEP_CLUSTER === '1') return;
  spawnSync('bash', ['scripts/kube-node/stop-node.sh'], { cwd: repoRoot, stdio: 'inherit' });
}
