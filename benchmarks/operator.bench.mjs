// Operator benchmark: 200 SeldonDeployments applied to a real kube-apiserver (scripts/kube-envtest).
// Measures the time until every one is reconciled (all its objects exist and its status is written),
// API requests per SeldonDeployment, and the operator's memory (a separate `seldon-operator` process).
// Baseline in the same run: the same objects server-side-applied directly by this script, without an
// operator (the raw API cost of what has to exist).
// Run: (cd /work/main && npx tsc -b) && npm run bench:operator --prefix benchmarks  [-- --count 200]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { KubeClient, RESOURCE_TYPES as RT, configFromEnv, desiredState } from '@seldon-ts/operator';
import { startEnvtest, envtestUnavailableReason } from '../scripts/kube-envtest/envtest.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argIndex = process.argv.indexOf('--count');
const COUNT = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 200;
const CONCURRENCY = 8;
const IMAGE = 'seldon-ts/engine:0.1.0';

const reason = envtestUnavailableReason();
if (reason) {
  console.error(`operator benchmark needs the test API server: ${reason}`);
  process.exit(1);
}

function sdep(name, namespace, i) {
  // Mixed shapes: a one-node model, a two-node chain with an HPA, a canary pair.
  const container = (n, img) => ({ name: n, image: img });
  const kinds = [
    {
      predictors: [
        {
          name: 'main',
          graph: { name: 'model', type: 'MODEL' },
          componentSpecs: [{ spec: { containers: [container('model', 'model:1')] } }],
        },
      ],
    },
    {
      predictors: [
        {
          name: 'main',
          graph: { name: 'tx', type: 'TRANSFORMER', children: [{ name: 'model', type: 'MODEL' }] },
          componentSpecs: [
            {
              spec: { containers: [container('tx', 'tx:1'), container('model', 'model:1')] },
              hpaSpec: { minReplicas: 1, maxReplicas: 3 },
            },
          ],
        },
      ],
    },
    {
      predictors: [
        {
          name: 'main',
          traffic: 75,
          graph: { name: 'model', type: 'MODEL' },
          componentSpecs: [{ spec: { containers: [container('model', 'model:1')] } }],
        },
        {
          name: 'canary',
          traffic: 25,
          graph: { name: 'model', type: 'MODEL' },
          componentSpecs: [{ spec: { containers: [container('model', 'model:2')] } }],
        },
      ],
    },
  ];
  return {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name, namespace },
    spec: kinds[i % kinds.length],
  };
}

async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const procStatus = (pid) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rssMiB: kb('VmRSS') / 1024, peakRssMiB: kb('VmHWM') / 1024 };
};

async function metric(port, name) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

const env = await startEnvtest();
const client = await KubeClient.create({ kubeconfigPath: env.kubeconfigPath });
let operator;
try {
  const [crd] = parseAllDocuments(readFileSync(`${root}deploy/crd/seldondeployments.yaml`, 'utf8')).map((d) =>
    d.toJS(),
  );
  await client.apply(RT.crd, crd, 'bench');
  for (const ns of ['seldon-system', 'baseline', 'bench'])
    await client.apply(
      RT.namespace,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      'bench',
    );
  for (;;) {
    try {
      await client.request('GET', '/apis/machinelearning.seldon.io/v1/seldondeployments');
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  // Baseline: apply the same desired objects directly (HPA through v2beta2 on this v1.20 server).
  const config = configFromEnv({ EXECUTOR_CONTAINER_IMAGE_AND_VERSION: IMAGE });
  const objects = [];
  for (let i = 0; i < COUNT; i++) {
    const s = sdep(`s${i}`, 'baseline', i);
    s.metadata.uid = '00000000-0000-0000-0000-000000000000';
    for (const o of desiredState(s, config).objects)
      objects.push({ ...o, metadata: { ...o.metadata, ownerReferences: undefined } });
  }
  const rtOf = (o) =>
    o.kind === 'HorizontalPodAutoscaler' ? RT.hpaV2beta2 : Object.values(RT).find((r) => r.kind === o.kind);
  const b0 = client.requestCount;
  const tb = performance.now();
  await pool(objects, CONCURRENCY, (o) =>
    client.apply(rtOf(o), { ...o, apiVersion: rtOf(o).apiVersion }, 'bench', true),
  );
  const baselineMs = performance.now() - tb;
  const baselineRequests = client.requestCount - b0;

  // The operator as its own process (the built CLI), cluster-wide, default settings.
  operator = spawn(
    process.execPath,
    [
      `${root}apps/operator/dist/cli.js`,
      '--metrics-addr',
      '127.0.0.1:0',
      '--webhook-port',
      '0',
      '--log-level',
      'INFO',
    ],
    {
      env: { ...process.env, KUBECONFIG: env.kubeconfigPath, EXECUTOR_CONTAINER_IMAGE_AND_VERSION: IMAGE },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  operator.stdout.on('data', (c) => (out += c));
  let port;
  while (!port) {
    const m = /"msg":"started","metricsPort":(\d+)/.exec(out);
    if (m) port = Number(m[1]);
    else await new Promise((r) => setTimeout(r, 50));
    if (operator.exitCode !== null) throw new Error(`operator exited: ${out}`);
  }
  const idleRss = procStatus(operator.pid);
  const startRequests = await metric(port, 'seldon_operator_kube_api_requests');

  const t0 = performance.now();
  const names = Array.from({ length: COUNT }, (_, i) => `s${i}`);
  await pool(names, CONCURRENCY, (n) =>
    client.create(RT.seldonDeployment, sdep(n, 'bench', Number(n.slice(1)))),
  );
  const createdMs = performance.now() - t0;
  let reconciledMs;
  for (;;) {
    const list = await client.list(RT.seldonDeployment, 'bench');
    const done = list.items.filter(
      (s) =>
        s.status?.observedGeneration === s.metadata.generation &&
        s.status?.conditions?.some((c) => c.type === 'ServicesReady' && c.status === 'True'),
    ).length;
    if (done === COUNT) {
      reconciledMs = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const deployments = (await client.list(RT.deployment, 'bench')).items.length;
  const loaded = procStatus(operator.pid);
  // Idle: no spec changes for 5 s (after 2 s for trailing events); a level-based operator sends nothing.
  await new Promise((r) => setTimeout(r, 2000));
  const idle0 = await metric(port, 'seldon_operator_kube_api_requests');
  await new Promise((r) => setTimeout(r, 5000));
  const idleRequests = (await metric(port, 'seldon_operator_kube_api_requests')) - idle0;
  // Requests caused by the 200 creations, trailing Events included.
  const reconcileRequests = idle0 - startRequests;
  const eventRequests = await metric(port, 'seldon_operator_events_recorded');
  const objectsPerSdep = objects.length / COUNT;

  const result = {
    count: COUNT,
    objectsPerSdep: Number(objectsPerSdep.toFixed(2)),
    deploymentsCreated: deployments,
    baseline: { directApplyMs: Math.round(baselineMs), requests: baselineRequests },
    operator: {
      createCallsMs: Math.round(createdMs),
      allReconciledMs: Math.round(reconciledMs),
      apiRequests: reconcileRequests,
      apiRequestsPerSdep: Number((reconcileRequests / COUNT).toFixed(2)),
      of_which_eventsPerSdep: Number((eventRequests / COUNT).toFixed(2)),
      idleRequestsIn5s: idleRequests,
      rssIdleMiB: Number(idleRss.rssMiB.toFixed(1)),
      rssAfterMiB: Number(loaded.rssMiB.toFixed(1)),
      peakRssMiB: Number(loaded.peakRssMiB.toFixed(1)),
    },
    ratios: {
      reconcileTimeVsDirectApply: Number((reconciledMs / baselineMs).toFixed(2)),
      requestsVsObjects: Number((reconcileRequests / COUNT / objectsPerSdep).toFixed(2)),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `\n${COUNT} SeldonDeployments: all reconciled in ${(reconciledMs / 1000).toFixed(2)} s ` +
      `(direct apply of the same ${objects.length} objects: ${(baselineMs / 1000).toFixed(2)} s, ratio ${result.ratios.reconcileTimeVsDirectApply}); ` +
      `${result.operator.apiRequestsPerSdep} API requests per SeldonDeployment (${result.operator.of_which_eventsPerSdep} of them Events) for ${objectsPerSdep.toFixed(2)} objects each; ` +
      `operator RSS ${result.operator.rssIdleMiB} MiB idle -> ${result.operator.rssAfterMiB} MiB (peak ${result.operator.peakRssMiB} MiB); ` +
      `${idleRequests} requests while idle for 5 s.`,
  );
} finally {
  if (operator && operator.exitCode === null) {
    const exited = new Promise((r) => operator.once('exit', r));
    operator.kill('SIGTERM');
    await exited;
  }
  client.close();
  await env.stop();
}
