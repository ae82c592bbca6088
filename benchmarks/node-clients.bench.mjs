// The graph executor's node clients against real upstream nodes on loopback (graph-nodes.mjs: a
// node:http REST node and a @grpc/grpc-js gRPC node in a child process, so their CPU is not
// counted): latency p50/p99 at concurrency 1 and the benchmark process's CPU µs per call at a
// moderate concurrency, for a direct node call and for a chain of three models through a
// GraphExecutor. Compared in the same run, rounds interleaved, medians reported:
//   current   RestNodeClient / GrpcNodeClient of @seldon-ts/graph-executor (undici, @grpc/grpc-js)
//   own       the same classes from another build of the package, given with BENCH_OWN (the
//             clients written on node:net / node:http2 before issue 15; see docs/benchmarks.md)
//   bare      the library alone: undici Pool.dispatch / grpc-js makeUnaryRequest with nothing
//             around them (what our client code adds is the difference to `current`)
// Ratios are against `own` when it is given, else against `bare`.
//
//   npx tsc -b packages/graph-executor/tsconfig.lib.json && npm run bench:node-clients --prefix benchmarks
//   env: BENCH_N calls per measurement (default 2000), BENCH_ROUNDS (default 5), BENCH_CONCURRENCY
//   for the CPU figures (default 16), BENCH_OWN=<path to an older dist/index.js of graph-executor>
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { Pool } from 'undici';
import * as grpc from '@grpc/grpc-js';
import * as core from '@seldon-ts/graph-executor';
import { RestNodeClient } from '@seldon-ts/graph-executor/rest';
import { GrpcNodeClient } from '@seldon-ts/graph-executor/grpc';
import { median, rawUnary } from './support/processes.mjs';

const N = Number(process.env.BENCH_N ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const own = process.env.BENCH_OWN
  ? await import(pathToFileURL(resolve(process.env.BENCH_OWN)).href)
  : undefined;
/** This tree's package: the core and its node clients (subpaths `./rest`, `./grpc` since issue 15). */
const current = { ...core, RestNodeClient, GrpcNodeClient };

const child = spawn(process.execPath, [fileURLToPath(new URL('./graph-nodes.mjs', import.meta.url))], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const ports = await new Promise((r) => child.stdout.once('data', (d) => r(JSON.parse(String(d)))));
const endpoint = {
  service_host: '127.0.0.1',
  httpPort: ports.httpPort,
  grpcPort: ports.grpcPort,
  service_port: ports.httpPort,
};
const jsonRequest = Buffer.from(JSON.stringify({ data: { names: ['a', 'b'], ndarray: [[1, 2]] } }));
// SeldonMessage{ strData: "1,2" }
const protoRequest = Buffer.concat([Buffer.from([0x2a, 3]), Buffer.from('1,2')]);
const headers = { 'x-request-id': 'bench', authorization: 'Bearer t' };
const node = { name: 'm', type: 'MODEL', endpoint };
const chain3 = {
  name: 'm1',
  type: 'MODEL',
  endpoint,
  children: [{ name: 'm2', type: 'MODEL', endpoint, children: [{ name: 'm3', type: 'MODEL', endpoint }] }],
};

/** A direct node call with `client` of package `pkg` (fresh puid per call, as the executor sends). */
function direct(pkg, client, transport) {
  const payload = () =>
    transport === 'rest'
      ? pkg.GraphPayload.fromBytes(jsonRequest)
      : pkg.GraphPayload.fromProtobuf(protoRequest);
  return () =>
    client.call({
      node,
      method: 'predict',
      modelName: 'm',
      protocol: 'seldon',
      payload: payload(),
      puid: randomUUID(),
      headers,
      signal: undefined,
      deadline: undefined,
    });
}

/** A chain of three models through a GraphExecutor of package `pkg` using `client`. */
function graph(pkg, client, transport) {
  const executor = new pkg.GraphExecutor({
    graph: chain3,
    clients: { [transport]: client },
    options: { defaultTransport: transport },
  });
  const ctx = { headers, transport };
  return () =>
    executor.predict(
      transport === 'rest'
        ? pkg.GraphPayload.fromBytes(jsonRequest)
        : pkg.GraphPayload.fromProtobuf(protoRequest),
      ctx,
    );
}

// ---- the libraries alone ----
const pool = new Pool(`http://127.0.0.1:${ports.httpPort}`, { connections: 64 });
class Collect {
  constructor(done, fail) {
    this.done = done;
    this.fail = fail;
    this.chunks = [];
  }
  onRequestStart() {}
  onResponseStart() {}
  onResponseData(_c, chunk) {
    this.chunks.push(chunk);
  }
  onResponseEnd() {
    this.done(Buffer.concat(this.chunks));
  }
  onResponseError(_c, err) {
    this.fail(err);
  }
}
const bareRest = () =>
  new Promise((done, fail) =>
    pool.dispatch(
      {
        method: 'POST',
        path: '/predict',
        headers: [
          ...Object.entries(headers).flat(),
          'seldon-puid',
          randomUUID(),
          'content-type',
          'application/json',
        ],
        body: jsonRequest,
      },
      new Collect(done, fail),
    ),
  );
const grpcJs = new grpc.Client(`127.0.0.1:${ports.grpcPort}`, grpc.credentials.createInsecure());
const predict = rawUnary('/seldon.protos.Model/Predict');
const bareGrpc = () => {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(headers)) md.add(k, v);
  md.set('seldon-puid', randomUUID());
  return new Promise((done, fail) =>
    grpcJs.makeUnaryRequest(
      predict.path,
      predict.requestSerialize,
      predict.responseDeserialize,
      protoRequest,
      md,
      (err, v) => (err ? fail(err) : done(v)),
    ),
  );
};

// ---- variants ----
const clients = [];
function variantsFor(transport) {
  const make = (pkg) => {
    const client = transport === 'rest' ? new pkg.RestNodeClient() : new pkg.GrpcNodeClient();
    clients.push(client);
    return client;
  };
  const out = [];
  if (own) {
    const c = make(own);
    out.push({ name: 'own', direct: direct(own, c, transport), graph: graph(own, c, transport) });
  }
  const c = make(current);
  out.push({ name: 'current', direct: direct(current, c, transport), graph: graph(current, c, transport) });
  out.push({ name: 'bare', direct: transport === 'rest' ? bareRest : bareGrpc });
  return out;
}

/** `n` calls of `fn` at `concurrency`: latency percentiles (µs) and this process's CPU µs per call. */
async function run(fn, n, concurrency) {
  const lat = new Float64Array(n);
  let next = 0;
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await fn();
        lat[i] = (performance.now() - t0) * 1000;
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  lat.sort();
  return { p50: lat[Math.floor(n / 2)], p99: lat[Math.floor(n * 0.99)], cpu: (cpu.user + cpu.system) / n };
}

const results = [];
for (const transport of ['rest', 'grpc']) {
  const variants = variantsFor(transport);
  for (const scenario of ['direct', 'graph']) {
    const xs = variants.filter((v) => v[scenario] !== undefined);
    const calls = scenario === 'graph' ? 3 : 1;
    for (const v of xs) await run(v[scenario], Math.min(N, 1000), CONCURRENCY); // warm-up
    const samples = new Map(xs.map((v) => [v.name, { c1: [], cN: [] }]));
    // Interleaved rounds, so that load changing during the run hits every variant alike. Each
    // variant's c=1 run follows its own concurrent run, so the garbage collected during it is
    // mostly its own (a forced GC between runs is no fairer: it slowed undici down twofold).
    for (let r = 0; r < ROUNDS; r++) {
      for (const v of xs) {
        samples.get(v.name).cN.push(await run(v[scenario], N, CONCURRENCY));
        samples.get(v.name).c1.push(await run(v[scenario], N, 1));
      }
    }
    for (const v of xs) {
      const s = samples.get(v.name);
      results.push({
        transport,
        scenario,
        variant: v.name,
        p50: median(s.c1.map((x) => x.p50)),
        p99: median(s.c1.map((x) => x.p99)),
        cpu: median(s.cN.map((x) => x.cpu)) / calls,
      });
    }
  }
}

const baseline = own ? 'own' : 'bare';
const f = (x, w = 8) => x.toFixed(1).padStart(w);
const r2 = (x) => `${x.toFixed(2)}x`.padStart(6);
console.log(
  `node clients, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, median of ${ROUNDS} interleaved rounds of ${N} calls; ` +
    `latency at c=1, CPU per node call at c=${CONCURRENCY}; ratios vs ${baseline}`,
);
console.log(
  'transport | scenario        | client  | p50 µs   | p99 µs   | CPU µs/call | p50 ratio | p99 ratio | CPU ratio',
);
for (const row of results) {
  const base = results.find(
    (b) => b.transport === row.transport && b.scenario === row.scenario && b.variant === baseline,
  );
  const ratio = (k) => (base ? r2(row[k] / base[k]) : '     -');
  console.log(
    `${row.transport.padEnd(9)} | ${(row.scenario === 'graph' ? 'chain of 3' : 'one call').padEnd(15)} | ${row.variant.padEnd(7)} | ${f(row.p50)} | ${f(row.p99)} | ${f(row.cpu, 11)} | ${ratio('p50').padStart(9)} | ${ratio('p99').padStart(9)} | ${ratio('cpu').padStart(9)}`,
  );
}

await Promise.all(clients.map((c) => c.close()));
await pool.close();
grpcJs.close();
child.stdin.end();
