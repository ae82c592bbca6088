// seldon-engine overhead: client -> engine -> model-wrapper (identity) vs client -> model-wrapper,
// over REST and gRPC, at concurrency 1 and 64. Reports the added p50 latency at concurrency 1 and the
// engine process's CPU µs per request, against a bare node:http JSON echo server measured in the
// same run (its CPU µs per request is the baseline of the ratio).
//
// Run: npx tsc -b apps/engine && npm run bench:engine -w benchmarks   (or: node benchmarks/engine.bench.mjs)
// Env: BENCH_REQUESTS (default 4000 per measurement at c=64), BENCH_C1_REQUESTS (default 2000),
// BENCH_ONLY=rest|grpc (skip the other transport, e.g. to profile one path with ENGINE_BENCH_PROF=dir),
// BENCH_ROUNDS (REST rounds, default 3).
import { fileURLToPath } from 'node:url';
import {
  answerCpuRequests,
  measure,
  median,
  rawUnary,
  startBaselineRole,
  startChild,
} from './support/processes.mjs';

const self = fileURLToPath(import.meta.url);
const BODY = JSON.stringify({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } });

// ---------------------------------------------------------------------------------------------
// Child roles: each serves one thing and reports its own CPU usage on request.
// ---------------------------------------------------------------------------------------------
if (process.argv[2] === 'child') {
  const role = process.argv[3];
  const config = JSON.parse(process.argv[4] ?? '{}');
  let ports = await startBaselineRole(role);
  if (role === 'engine') {
    const { startEngine } = await import('seldon-engine');
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      predictor: {
        name: 'bench',
        graph: {
          name: 'identity',
          type: 'MODEL',
          endpoint: {
            service_host: '127.0.0.1',
            service_port: config.http,
            httpPort: config.http,
            grpcPort: config.grpc,
          },
        },
      },
    });
    await engine.ready(10000);
    ports = { http: engine.httpPort, grpc: engine.grpcPort };
  }
  process.once('SIGINT', () => process.exit(0)); // a normal exit writes --cpu-prof output
  answerCpuRequests();
  process.send({ ports });
}

// ---------------------------------------------------------------------------------------------
// Driver.
// ---------------------------------------------------------------------------------------------
function start(role, config = {}) {
  const prof = process.env.ENGINE_BENCH_PROF && role === (process.env.ENGINE_BENCH_PROF_ROLE ?? 'engine');
  return startChild(
    self,
    role,
    config,
    prof ? ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${process.env.ENGINE_BENCH_PROF}`] : [],
  );
}

async function restClient(port, connections) {
  const { Pool } = await import('undici');
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1 });
  const path = '/api/v1.0/predictions';
  return {
    async call() {
      const res = await pool.request({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: BODY,
      });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    },
    close: () => pool.close(),
  };
}

async function grpcClient(port) {
  const grpc = await import('@grpc/grpc-js');
  const { messageToProto } = await import('@seldon-ts/payload');
  const req = Buffer.from(messageToProto(JSON.parse(BODY)));
  const Ctor = grpc.makeGenericClientConstructor(
    {
      Predict: rawUnary('/seldon.protos.Seldon/Predict'),
    },
    'Seldon',
  );
  // The model-wrapper serves seldon.protos.Model/Predict; the engine serves seldon.protos.Seldon/Predict.
  const CtorModel = grpc.makeGenericClientConstructor(
    {
      Predict: rawUnary('/seldon.protos.Model/Predict'),
    },
    'Model',
  );
  return (service) => {
    const client = new (service === 'model' ? CtorModel : Ctor)(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    return {
      call: () =>
        new Promise((resolve, reject) => client.Predict(req, (err) => (err ? reject(err) : resolve()))),
      close: async () => client.close(),
    };
  };
}

if (process.argv[2] !== 'child') await main();

async function main() {
  const N = Number(process.env.BENCH_REQUESTS ?? 4000);
  const N1 = Number(process.env.BENCH_C1_REQUESTS ?? 2000);

  const echo = await start('echo');
  const wrapper = await start('wrapper');
  const engine = await start('engine', wrapper.ports);
  const grpcFactory = await grpcClient(0).catch(() => undefined);
  const rows = [];
  const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');

  async function scenario(label, makeClient, cpuChild, connections) {
    const client = await makeClient(connections);
    // Warm-up at the measured concurrency: a server's CPU per request keeps falling for the first
    // few thousand requests (JIT, heap sizing), the echo server's most in relative terms.
    await measure(client, undefined, Math.max(3000, N), connections);
    const c1 = await measure(client, cpuChild, N1, 1);
    const c64 = await measure(client, cpuChild, N, 64);
    await client.close();
    rows.push({ label, c1, c64 });
    return { c1, c64 };
  }

  try {
    const only = process.env.BENCH_ONLY;
    // The REST scenarios run in interleaved rounds (echo, direct, engine, echo, ...) and each figure
    // is the median over rounds, so that load changing during the run hits baseline and engine alike.
    const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
    const perRound = { echo: [], direct: [], engine: [] };
    for (let r = 0; r < rounds; r++) {
      perRound.echo.push(
        await scenario('REST bare node:http echo', (c) => restClient(echo.ports.http, c), echo.child, 64),
      );
      perRound.direct.push(
        await scenario('REST client -> wrapper', (c) => restClient(wrapper.ports.http, c), undefined, 64),
      );
      if (only !== 'grpc')
        perRound.engine.push(
          await scenario(
            'REST client -> engine -> wrapper',
            (c) => restClient(engine.ports.http, c),
            engine.child,
            64,
          ),
        );
    }
    const summarize = (runs) => ({
      c1: {
        p50: median(runs.map((x) => x.c1.p50)),
        p99: median(runs.map((x) => x.c1.p99)),
        cpuUsPerReq: median(runs.map((x) => x.c1.cpuUsPerReq)),
      },
      c64: {
        p50: median(runs.map((x) => x.c64.p50)),
        rps: median(runs.map((x) => x.c64.rps)),
        cpuUsPerReq: median(runs.map((x) => x.c64.cpuUsPerReq)),
      },
    });
    rows.length = 0;
    const echoRes = summarize(perRound.echo);
    const restDirect = summarize(perRound.direct);
    rows.push(
      { label: 'REST bare node:http echo', ...echoRes },
      { label: 'REST client -> wrapper', ...restDirect },
    );
    const restEngine =
      only === 'grpc'
        ? { c1: { p50: NaN, cpuUsPerReq: NaN }, c64: { cpuUsPerReq: NaN } }
        : summarize(perRound.engine);
    if (only !== 'grpc') rows.push({ label: 'REST client -> engine -> wrapper', ...restEngine });
    const ratios = perRound.engine.map((e, i) => e.c64.cpuUsPerReq / perRound.echo[i].c64.cpuUsPerReq);
    const addedP50 = perRound.engine.map((e, i) => e.c1.p50 - perRound.direct[i].c1.p50);
    let grpcDirect;
    let grpcEngine;
    if (grpcFactory && process.env.BENCH_ONLY !== 'rest') {
      const g = await grpcClient(wrapper.ports.grpc);
      grpcDirect = await scenario('gRPC client -> wrapper', async () => g('model'), undefined, 64);
      const ge = await grpcClient(engine.ports.grpc);
      grpcEngine = await scenario(
        'gRPC client -> engine -> wrapper',
        async () => ge('seldon'),
        engine.child,
        64,
      );
    }

    console.log(
      '\nseldon-engine benchmark (identity model, %d requests at c=1, %d at c=64; REST rows: median of %d interleaved rounds)\n',
      N1,
      N,
      rounds,
    );
    console.log(
      '| path | p50 c=1 (ms) | p99 c=1 (ms) | req/s c=64 | p50 c=64 (ms) | measured process CPU µs/req c=1 | c=64 |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.label} | ${fmt(r.c1.p50)} | ${fmt(r.c1.p99)} | ${fmt(r.c64.rps, 0)} | ${fmt(r.c64.p50)} | ${fmt(r.c1.cpuUsPerReq, 0)} | ${fmt(r.c64.cpuUsPerReq, 0)} |`,
      );
    }
    console.log('\nsummary');
    console.log(
      `  REST added p50 at c=1: ${fmt(median(addedP50))} ms (target <= 0.2 ms; per round: ${addedP50.map((x) => fmt(x)).join(', ')})`,
    );
    if (grpcEngine) console.log(`  gRPC added p50 at c=1: ${fmt(grpcEngine.c1.p50 - grpcDirect.c1.p50)} ms`);
    console.log(
      `  engine CPU per REST request: ${fmt(restEngine.c64.cpuUsPerReq, 0)} µs at c=64, ${fmt(restEngine.c1.cpuUsPerReq, 0)} µs at c=1`,
    );
    console.log(
      `  bare echo server CPU per request: ${fmt(echoRes.c64.cpuUsPerReq, 0)} µs at c=64, ${fmt(echoRes.c1.cpuUsPerReq, 0)} µs at c=1`,
    );
    console.log(
      `  per round at c=64, engine / echo CPU µs: ${perRound.engine.map((e, i) => `${fmt(e.c64.cpuUsPerReq, 1)} / ${fmt(perRound.echo[i].c64.cpuUsPerReq, 1)}`).join(', ')}`,
    );
    console.log(
      `  ratio engine/echo CPU (c=64): ${fmt(median(ratios), 2)}x (target <= 2x; per round: ${ratios.map((x) => fmt(x, 2)).join(', ')}); (c=1): ${fmt(restEngine.c1.cpuUsPerReq / echoRes.c1.cpuUsPerReq, 2)}x`,
    );
    if (grpcEngine)
      console.log(
        `  engine CPU per gRPC request: ${fmt(grpcEngine.c64.cpuUsPerReq, 0)} µs at c=64 (${fmt(grpcEngine.c64.cpuUsPerReq / echoRes.c64.cpuUsPerReq, 2)}x echo)`,
      );
  } finally {
    for (const p of [echo, wrapper, engine]) p.child.kill('SIGINT');
  }
}
