// Full-graph Kafka mode cost: client -> engine -> (Kafka request topic -> kafka-proxy -> model ->
// Kafka reply topic) vs the baseline measured in the same run, client -> engine -> model over REST.
// Same model-wrapper identity node, same engine code; everything in this process except the
// librdkafka mock cluster (kcat). Reports p50 latency at concurrency 1 and requests/s at
// concurrency 16, and their ratios to the baseline. The mock cluster is not a broker: it holds every
// fetch open for the consumer's whole max wait and returns one record batch per partition per
// fetch, so the Kafka figures are upper bounds on what a real broker costs; the run measures both
// the default fetch wait (100 ms) and 5 ms to show it.
//
// Kafka client comparison (docs/benchmarks.md "Kafka client"): the 5 ms measurement is repeated
// for each client library of BENCH_KAFKA_CLIENTS (SELDON_KAFKA_CLIENT of the engine and the proxy),
// alternating in BENCH_ROUNDS rounds, with the process CPU time per request (kcat excluded). A
// client that cannot start against the mock cluster is reported with its error.
//
// Run: npx tsc -b apps/engine && npm run bench:kafka-full-graph -w benchmarks
// Env: BENCH_REQUESTS (default 400 per measurement), BENCH_KAFKA_CLIENTS (default
// kafkajs; commit e293588 also had platformatic), BENCH_ROUNDS (default 2); needs `kcat` (scripts/setup-test-deps.sh).
import { spawn } from 'node:child_process';
import { startEngine, startKafkaProxy } from 'seldon-engine';
import { startIdentityWrapper } from './support/processes.mjs';

const N = Number(process.env.BENCH_REQUESTS ?? 400);
const CLIENTS = (process.env.BENCH_KAFKA_CLIENTS ?? 'kafkajs').split(',').filter(Boolean);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
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
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next++ < N) await predict(port);
    }),
  );
  const rps = N / ((performance.now() - start) / 1000);
  const used = process.cpuUsage(cpu);
  const cpuMsPerRequest = (used.user + used.system) / 1000 / N;
  return { p50: latencies[Math.floor(N / 2)], p99: latencies[Math.floor(N * 0.99)], rps, cpuMsPerRequest };
}

const mock = await startMock();
const node = await startIdentityWrapper();
const ids = { predictorName: 'bench', deploymentName: 'bsdep', namespace: 'bns' };
const graph = {
  name: 'model',
  type: 'MODEL',
  endpoint: { service_host: '127.0.0.1', httpPort: node.httpPort, service_port: node.httpPort, type: 'REST' },
};
const base = {
  host: '127.0.0.1',
  httpPort: 0,
  grpcPort: 0,
  log: quiet,
  deploymentName: 'bsdep',
  namespace: 'bns',
};
const kafkaEngine = (fetchMaxWaitMs, inputTopic, name = `bench${fetchMaxWaitMs}`) =>
  startEngine({
    ...base,
    predictorName: name,
    kafka: {
      broker: mock.brokers,
      inputTopic,
      outputTopic: `${inputTopic}-out`,
      fullGraph: true,
      workers: 4,
      autoCommit: true,
      groupId: '',
      outageExitMs: 60000,
      fetchMaxWaitMs,
    },
    predictor: { name, graph },
  });
const proxyFor = (fetchMaxWaitMs, name = `bench${fetchMaxWaitMs}`) =>
  startKafkaProxy({
    modelName: 'model',
    ...ids,
    predictorName: name,
    hostname: '127.0.0.1',
    httpPort: node.httpPort,
    broker: mock.brokers,
    workers: 4,
    fetchMaxWaitMs,
  });
/** One full-graph measurement (fetch wait 5 ms) with `client` in the engine and the proxy. */
async function measureClient(client, round) {
  process.env.SELDON_KAFKA_CLIENT = client;
  const name = `cmp-${client}-${round}`;
  const running = [];
  try {
    const engine = await kafkaEngine(5, `${name}-in`, name);
    running.push(engine);
    running.push(await proxyFor(5, name));
    await engine.ready(30000);
    return await measure(engine.httpPort);
  } catch (err) {
    return { error: String(err?.message ?? err).split('\n')[0] };
  } finally {
    await Promise.all(running.map((r) => r.close().catch(() => undefined)));
    delete process.env.SELDON_KAFKA_CLIENT;
  }
}

// Default fetch wait (100 ms) and 5 ms: the mock cluster holds a fetch open for the whole wait.
const started = await Promise.all([
  startEngine({ ...base, predictor: { name: 'bench', graph } }),
  kafkaEngine(100, 'bench-in-100'),
  proxyFor(100),
  kafkaEngine(5, 'bench-in-5'),
  proxyFor(5),
]);
const [rest, kafka100, , kafka5] = started;
try {
  await kafka100.ready(30000);
  await kafka5.ready(30000);
  const baseline = await measure(rest.httpPort);
  const full100 = await measure(kafka100.httpPort);
  const full5 = await measure(kafka5.httpPort);
  const fmt = (r) =>
    `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, c=16 ${Math.round(r.rps)} req/s`;
  const ratio = (r) =>
    `p50 ${(r.p50 / baseline.p50).toFixed(1)}x, throughput ${(r.rps / baseline.rps).toFixed(2)}x of baseline`;
  console.log(`requests per measurement: ${N}`);
  console.log(`baseline   engine -> REST node:                        ${fmt(baseline)}`);
  console.log(`full graph engine -> Kafka -> proxy, fetch wait 100 ms: ${fmt(full100)}; ${ratio(full100)}`);
  console.log(`full graph engine -> Kafka -> proxy, fetch wait 5 ms:   ${fmt(full5)}; ${ratio(full5)}`);
  console.log(`\nKafka client comparison, fetch wait 5 ms, ${ROUNDS} alternating rounds:`);
  const failed = new Set();
  for (let round = 1; round <= ROUNDS; round++)
    for (const client of CLIENTS) {
      if (failed.has(client)) continue;
      const r = await measureClient(client, round);
      if (r.error) {
        failed.add(client);
        console.log(`round ${round} ${client.padEnd(12)} cannot run: ${r.error}`);
        continue;
      }
      console.log(
        `round ${round} ${client.padEnd(12)} ${fmt(r)}, CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request; ${ratio(r)}`,
      );
    }
} finally {
  await Promise.all(started.map((s) => s.close()));
  await node.close();
  mock.stop();
}
