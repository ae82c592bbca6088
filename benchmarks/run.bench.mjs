// `seldon-engine run` overhead: example 1 (one mock classifier) served by the local runner with
// the component in-process and in a child process, against the same component served directly by
// the model wrapper (the baseline, measured in the same run). Also the start-up time of example 2.
//
//   npx tsc -b apps/engine/tsconfig.lib.json && cd benchmarks && npm run bench:run
//   (env N=2000 requests per measurement)
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { startMicroservice, loadComponentModule } from '@seldon-ts/model-wrapper';

const root = fileURLToPath(new URL('..', import.meta.url));
const { startLocalDeployment } = await import(`${root}apps/engine/dist/run/index.js`);
const N = Number(process.env.N ?? 2000);
const BODY = JSON.stringify({ data: { ndarray: [[1.0, 2.0, 5.0]] } });
const quiet = () => undefined;

async function measure(port, concurrency) {
  const url = `http://127.0.0.1:${port}/api/v1.0/predictions`;
  const call = async () => {
    const t = process.hrtime.bigint();
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (let i = 0; i < 200; i++) await call(); // warm-up
  const latencies = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < N) latencies.push(await call());
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    p50: latencies[Math.floor(latencies.length * 0.5)],
    p99: latencies[Math.floor(latencies.length * 0.99)],
    rps: latencies.length / seconds,
  };
}

const rows = [];
async function scenario(name, start) {
  const { port, close } = await start();
  try {
    for (const c of [1, 16]) rows.push({ name, c, ...(await measure(port, c)) });
  } finally {
    await close();
  }
}

await scenario('model wrapper alone (baseline)', async () => {
  const cls = await loadComponentModule(`${root}examples/mock-classifier/mock-classifier.ts`);
  const ms = await startMicroservice(cls, { httpPort: 0, grpcPort: 0, metricsPort: 0 });
  return { port: ms.httpPort, close: () => ms.close() };
});
for (const isolation of ['inprocess', 'process']) {
  await scenario(
    `run example 1, ${isolation === 'inprocess' ? 'in-process component' : 'child-process component'}`,
    async () => {
      const d = await startLocalDeployment({
        manifestPath: `${root}examples/mock-classifier/seldondeployment.yaml`,
        httpPort: 0,
        grpcPort: 0,
        isolation,
        log: quiet,
      });
      return { port: d.httpPort, close: () => d.close() };
    },
  );
}

const startups = [];
for (const isolation of ['inprocess', 'process']) {
  const t = process.hrtime.bigint();
  const d = await startLocalDeployment({
    manifestPath: `${root}examples/egreedy-router/seldondeployment.yaml`,
    httpPort: 0,
    grpcPort: 0,
    isolation,
    log: quiet,
  });
  startups.push({ isolation, ms: Number(process.hrtime.bigint() - t) / 1e6 });
  await d.close();
}

const base = Object.fromEntries(rows.filter((r) => r.name.startsWith('model wrapper')).map((r) => [r.c, r]));
console.log(`\n| scenario | concurrency | p50 ms | p99 ms | req/s | req/s vs baseline | added p50 ms |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const r of rows) {
  const b = base[r.c];
  console.log(
    `| ${r.name} | ${r.c} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.rps.toFixed(0)} | ` +
      `${(r.rps / b.rps).toFixed(2)}x | ${(r.p50 - b.p50).toFixed(3)} |`,
  );
}
console.log(`\n| start-up of example 2 (router + 3 classifiers) until ready | ms |\n|---|---|`);
for (const s of startups)
  console.log(
    `| ${s.isolation === 'inprocess' ? 'in-process components' : 'child-process components'} | ${s.ms.toFixed(0)} |`,
  );
console.log(`\nN=${N} requests per row, node ${process.version}, ${new Date().toISOString()}`);
