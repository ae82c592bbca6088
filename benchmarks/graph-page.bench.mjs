// What the graph page costs the serving path. The same engine (a router over two in-process
// models, so every prediction makes two node calls and one routing decision) in its own child
// process, three ways, all called by the same undici client at c=32 (interleaved rounds, medians):
//   no-page      --graph_page=false: nothing collected, no /graph routes (the baseline)
//   page-idle    --graph_page=true, nobody watching: the collector records every call
//   page-polled  --graph_page=true with a page open: /graph/stats and /graph/split fetched once a
//                second, as the page's scripts do
// Reported: requests per second and engine CPU µs per request, as ratios to no-page.
// Run: npx tsc -b apps/engine && node benchmarks/graph-page.bench.mjs   (env N requests per round,
// default 10000; ROUNDS, default 5).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answerCpuRequests, cpuOf, median, startChild } from './support/processes.mjs';

const self = fileURLToPath(import.meta.url);
const BODY = JSON.stringify({ data: { ndarray: [[1.5, 2.5, 3.5]] } });

async function startEngineChild(graphPage) {
  const dist = new URL('../apps/engine/dist/index.js', import.meta.url);
  const { startEngine } = await import(pathToFileURL(fileURLToPath(dist)).href);
  let turn = 0;
  const identity = { predict: (m) => m };
  const engine = await startEngine({
    httpPort: 0,
    grpcPort: 0,
    host: '127.0.0.1',
    deploymentName: 'bench',
    graphPage,
    log: () => undefined,
    predictor: {
      name: 'bench',
      graph: {
        name: 'router',
        type: 'ROUTER',
        children: [
          { name: 'a', type: 'MODEL' },
          { name: 'b', type: 'MODEL' },
        ],
      },
    },
    nodes: {
      router: {
        transport: 'in-process',
        component: { route: () => ({ data: { ndarray: [[turn++ % 2]] } }) },
      },
      a: { transport: 'in-process', component: identity },
      b: { transport: 'in-process', component: identity },
    },
  });
  return engine.httpPort;
}

if (process.argv[2] === 'child') {
  const port = await startEngineChild(process.argv[3] !== 'no-page');
  answerCpuRequests();
  process.once('SIGINT', () => process.exit(0));
  process.send({ port });
} else {
  const N = Number(process.env.N ?? 10000);
  const ROUNDS = Number(process.env.ROUNDS ?? 5);
  const CONCURRENCY = 32;
  const { Pool } = await import('undici');
  const roles = ['no-page', 'page-idle', 'page-polled'];
  const servers = [];
  for (const role of roles) servers.push({ role, ...(await startChild(self, role)) });

  /** Fetches what an open page fetches, once a second, until stopped. */
  function pagePoller(port) {
    let stop = false;
    let polls = 0;
    const done = (async () => {
      while (!stop) {
        for (const path of ['/graph/stats', '/graph/split']) {
          const res = await fetch(`http://127.0.0.1:${port}${path}`);
          await res.arrayBuffer();
          if (res.status !== 200 && res.status !== 204) throw new Error(`${path} answered ${res.status}`);
        }
        polls++;
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    return async () => {
      stop = true;
      await done;
      return polls;
    };
  }

  async function round(server, n) {
    const pool = new Pool(`http://127.0.0.1:${server.port}`, { connections: CONCURRENCY, pipelining: 1 });
    const stopPolling = server.role === 'page-polled' ? pagePoller(server.port) : undefined;
    let next = 0;
    const cpu0 = await cpuOf(server.child);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < n) {
          const r = await pool.request({
            method: 'POST',
            path: '/api/v1.0/predictions',
            headers: { 'content-type': 'application/json' },
            body: BODY,
          });
          await r.body.text();
          if (r.statusCode !== 200) throw new Error(`${server.role} answered ${r.statusCode}`);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = await cpuOf(server.child);
    await stopPolling?.();
    await pool.close();
    return { rps: n / seconds, cpuUs: (cpu1 - cpu0) / n };
  }

  for (const s of servers) await round(s, Math.min(N, 3000)); // warm-up
  const results = new Map(roles.map((r) => [r, []]));
  for (let i = 0; i < ROUNDS; i++) for (const s of servers) results.get(s.role).push(await round(s, N));
  const med = (role, key) => median(results.get(role).map((x) => x[key]));
  const baseRps = med('no-page', 'rps');
  const baseCpu = med('no-page', 'cpuUs');
  console.log(
    `Graph page cost: engine REST predictions (router + 2 in-process models) at c=${CONCURRENCY}, ${ROUNDS} rounds of ${N}, median`,
  );
  for (const role of roles) {
    const rps = med(role, 'rps');
    const cpu = med(role, 'cpuUs');
    console.log(
      `  ${role.padEnd(12)} ${rps.toFixed(0).padStart(6)} req/s (${(rps / baseRps).toFixed(3)}x)   ` +
        `${cpu.toFixed(1).padStart(6)} µs CPU/req (${(cpu / baseCpu).toFixed(3)}x)   ` +
        `rounds req/s ${results
          .get(role)
          .map((x) => x.rps.toFixed(0))
          .join(', ')}`,
    );
  }
  for (const s of servers) s.child.kill('SIGINT');

  // The collector alone, in this process: what page-idle adds per prediction of this graph (three
  // node calls and one routing decision), against the CPU a prediction costs the engine.
  const { GraphStats } = await import(
    pathToFileURL(fileURLToPath(new URL('../apps/engine/dist/graph-page/stats.js', import.meta.url))).href
  );
  const stats = new GraphStats({ name: 'router', children: [{ name: 'a' }, { name: 'b' }] });
  const routings = [
    { router: 0, a: -1 },
    { router: 1, b: -1 },
  ];
  const record = (n) => {
    for (let i = 0; i < n; i++) {
      stats.nodeCall('router', 'route', 0.05, 'in-process');
      stats.nodeCall(i % 2 ? 'b' : 'a', 'predict', 0.1 + (i % 7), 'in-process');
      stats.request(routings[i % 2]);
    }
  };
  record(200_000); // warm-up
  const M = 2_000_000;
  const t0 = process.cpuUsage();
  record(M);
  const t1 = process.cpuUsage(t0);
  const nsPerPrediction = ((t1.user + t1.system) * 1000) / M;
  console.log(
    `  collector    ${nsPerPrediction.toFixed(0)} ns CPU per prediction (2 node calls + routing), ` +
      `${((nsPerPrediction / 1000 / baseCpu) * 100).toFixed(3)}% of no-page's CPU per request; ` +
      `a /graph/stats snapshot: ${Buffer.byteLength(JSON.stringify(stats.snapshot()))} bytes`,
  );
}
