#!/usr/bin/env node
// Kubernetes figures on the suite's single-node cluster (tests/cluster/support/setup.mjs brings it
// up, builds the images and installs the operator):
//   1. time from `kubectl apply` of the one-model graph to its first successful prediction through
//      the predictor Service, against the same pod's time to Ready (the readiness delay is 20 s);
//   2. the engine container's memory in the serving pod (cgroup usage and the process RSS), idle and
//      at the end of a c=16 load run, against the model container beside it;
//   3. image sizes, against the base image they are built on.
// Usage: node benchmarks/kubernetes.bench.mjs   (BENCH_LOAD_REQUESTS, default 4000)
import { spawnSync } from 'node:child_process';
import { bringUp, repoRoot } from '../tests/cluster/support/setup.mjs';
import { BASE_IMAGE, TARGETS, imageName, imageSize } from '../scripts/images.mjs';

const NS = 'seldon-bench';
const REQUEST = JSON.stringify({ data: { ndarray: [[1.0, 2.0, 5.0]] } });
const LOAD = Number(process.env.BENCH_LOAD_REQUESTS ?? 4000);

function sh(cmd, args, input) {
  const res = spawnSync(cmd, args, { cwd: repoRoot, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${res.stderr}`);
  return res.stdout;
}
const kubectl = (...args) => sh('kubectl', args);
/** A jsonpath over the benchmark deployment's pods ('' while there are none). */
const benchPods = (jsonpath) =>
  spawnSync(
    'kubectl',
    ['-n', NS, 'get', 'pods', '-l', 'seldon-deployment-id=bench', '-o', `jsonpath=${jsonpath}`],
    {
      encoding: 'utf8',
    },
  ).stdout;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const MANIFEST = `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: { name: bench }
spec:
  predictors:
    - name: default
      graph: { name: classifier, type: MODEL }
      componentSpecs:
        - spec:
            containers:
              - { name: classifier, image: seldon-ts-examples/mock-classifier:0.1.0 }
`;

async function tryPredict(url) {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: REQUEST,
      signal: AbortSignal.timeout(2000),
    });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Memory of a pod's container: cgroup usage (what the kubelet limits) and the node process RSS. */
function containerMemory(pod, container) {
  const id = kubectl(
    '-n',
    NS,
    'get',
    'pod',
    pod,
    '-o',
    `jsonpath={.status.containerStatuses[?(@.name=="${container}")].containerID}`,
  ).replace('docker://', '');
  const usage = Number(
    sh('docker', ['exec', id, 'cat', '/sys/fs/cgroup/memory/memory.usage_in_bytes']).trim(),
  );
  const cache = Number(
    /^total_inactive_file (\d+)/m.exec(
      sh('docker', ['exec', id, 'cat', '/sys/fs/cgroup/memory/memory.stat']),
    )?.[1] ?? 0,
  );
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(sh('docker', ['exec', id, 'cat', '/proc/1/status']))[1]) * 1024;
  return { workingSet: usage - cache, rss };
}

async function load(url, total, concurrency) {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) if (!(await tryPredict(url))) failed++;
    }),
  );
  return failed;
}

const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

await bringUp();
spawnSync('kubectl', ['delete', 'namespace', NS, '--wait=true'], { encoding: 'utf8' });
kubectl('create', 'namespace', NS);
try {
  const t0 = Date.now();
  sh('kubectl', ['-n', NS, 'apply', '-f', '-'], MANIFEST);
  let url;
  let readyAt;
  for (;;) {
    if (!url) {
      const ip = spawnSync(
        'kubectl',
        ['-n', NS, 'get', 'svc', 'bench-default', '-o', 'jsonpath={.spec.clusterIP}'],
        { encoding: 'utf8' },
      ).stdout;
      if (ip) url = `http://${ip}:8000/api/v1.0/predictions`;
    }
    if (!readyAt) {
      const ready = benchPods('{.items[*].status.conditions[?(@.type=="Ready")].status}');
      if (ready.includes('True')) readyAt = Date.now();
    }
    if (url && (await tryPredict(url))) break;
    if (Date.now() - t0 > 300_000) throw new Error('no prediction within 300 s');
    await sleep(100);
  }
  const firstPrediction = Date.now() - t0;
  console.log(
    `kubectl apply -> first prediction through the Service: ${(firstPrediction / 1000).toFixed(1)} s` +
      ` (pod Ready after ${(((readyAt ?? Date.now()) - t0) / 1000).toFixed(1)} s; readiness delay 20 s)`,
  );

  const pod = benchPods('{.items[0].metadata.name}');
  await sleep(5000);
  const idle = containerMemory(pod, 'seldon-container-engine');
  const idleModel = containerMemory(pod, 'classifier');
  const started = Date.now();
  const failed = await load(url, LOAD, 16);
  const seconds = (Date.now() - started) / 1000;
  const loaded = containerMemory(pod, 'seldon-container-engine');
  const loadedModel = containerMemory(pod, 'classifier');
  console.log(
    `load: ${LOAD} requests at c=16 through the Service in ${seconds.toFixed(1)} s (${(LOAD / seconds).toFixed(0)}/s), ${failed} failed`,
  );
  console.log(
    `engine container memory, idle:      working set ${mb(idle.workingSet)}, node RSS ${mb(idle.rss)}` +
      ` (model container beside it: ${mb(idleModel.workingSet)} / ${mb(idleModel.rss)})`,
  );
  console.log(
    `engine container memory, after load: working set ${mb(loaded.workingSet)}, node RSS ${mb(loaded.rss)}` +
      ` (model container: ${mb(loadedModel.workingSet)} / ${mb(loadedModel.rss)})`,
  );
} finally {
  spawnSync('kubectl', ['delete', 'namespace', NS, '--wait=false'], { encoding: 'utf8' });
}
const base = imageSize(BASE_IMAGE);
console.log(`base image ${BASE_IMAGE}: ${mb(base)}`);
for (const t of TARGETS) {
  const size = imageSize(imageName(t));
  console.log(`${imageName(t)}: ${mb(size)} (base + ${mb(size - base)})`);
}
