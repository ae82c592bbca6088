// Full-graph Kafka mode cost: client -> engine -> (Kafka request topic -> kafka-proxy -> model ->
// Kafka reply topic) vs the baseline measured in the same run, client -> engine -> model over REST.
// Same model-wrapper identity node, same engine code; everything in this process except the
// librdkafka mock cluster (kcat). Reports p50 latency at concurrency 1 and requests/s at
// concurrency 16, and their ratios to the baseline.
//
// Run: npx tsc -b apps/engine && npm run bench:kafka-full-graph -w benchmarks
// Env: BENCH_REQUESTS (default 400 per measurement), needs `kcat` (scripts/setup-test-deps.sh).
import { spawn } from 'node:child_process';
import { startMicroservice } from '@seldon-ts/model-wrapper';
import { startEngine, startKafkaProxy } from 'seldon-engine';

const N = Number(process.env.BENCH_REQUESTS ?? 400);
const BODY = JSON.stringify({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } });
const quiet = () => undefined;

function startMock() {
  const child = spawn(
    'kcat',
    ['-X', 'test.mock.num.brokers=1', '-d', 'mock', '-b', '127.0.0.1:1', '-P', '-t', '__keepalive'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d) => {
      seen += d.toString();
      const m = /bootstrap\.servers=(127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        child.stdout.removeAllListeners('data');
        child.stderr.removeAllListeners('data');
        child.stdout.resume();
        child.stderr.resume();
        resolve({
          brokers: m[1],
          stop: () => {
            child.stdin.end();
            child.kill('SIGTERM');
          },
        });
      }
      if (seen.length > 65536) seen = seen.slice(-4096);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
  });
}

async function predict(port) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1.0/predictions`, {
    method: 'POST',
    body: BODY,
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`status ${res.status}: ${text}`);
}

async function measure(port) {
  for (let i = 0; i < 20; i++) await predict(port); // warm-up
  const latencies = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await predict(port);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < N) await predict(port);
    }),
  );
  const rps = N / ((performance.now() - start) / 1000);
  return { p50: latencies[Math.floor(N / 2)], p99: latencies[Math.floor(N * 0.99)], rps };
}

const mock = await startMock();
const node = await startMicroservice(
  { predict: (X) => X },
  { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', annotationsPath: '/nonexistent', env: {} },
);
const ids = { predictorName: 'bench', deploymentName: 'bsdep', namespace: 'bns' };
const graph = {
  name: 'model',
  type: 'MODEL',
  endpoint: { service_host: '127.0.0.1', httpPort: node.httpPort, service_port: node.httpPort, type: 'REST' },
};
const base = { host: '127.0.0.1', httpPort: 0, grpcPort: 0, log: quiet, deploymentName: 'bsdep', namespace: 'bns' };
const [rest, kafka, proxy] = await Promise.all([
  startEngine({ ...base, predictor: { name: 'bench', graph } }),
  startEngine({
    ...base,
    kafka: {
      broker: mock.brokers,
      inputTopic: 'bench-in',
      outputTopic: 'bench-out',
      fullGraph: true,
      workers: 4,
      autoCommit: true,
      groupId: '',
      outageExitMs: 60000,
    },
    predictor: { name: 'bench', graph },
  }),
  startKafkaProxy({
    modelName: 'model',
    ...ids,
    hostname: '127.0.0.1',
    httpPort: node.httpPort,
    broker: mock.brokers,
    workers: 4,
  }),
]);
try {
  await kafka.ready(30000);
  const baseline = await measure(rest.httpPort);
  const full = await measure(kafka.httpPort);
  const fmt = (r) => `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, c=16 ${Math.round(r.rps)} req/s`;
  console.log(`requests per measurement: ${N}`);
  console.log(`baseline (engine -> REST node):         ${fmt(baseline)}`);
  console.log(`full graph (engine -> Kafka -> proxy):   ${fmt(full)}`);
  console.log(
    `ratio full/baseline: p50 ${(full.p50 / baseline.p50).toFixed(1)}x, throughput ${(full.rps / baseline.rps).toFixed(2)}x`,
  );
} finally {
  await Promise.all([rest.close(), kafka.close(), proxy.close()]);
  await node.close();
  mock.stop();
}
