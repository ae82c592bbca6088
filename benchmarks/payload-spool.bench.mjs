// What payload logging costs the prediction path: client -> engine -> model-wrapper (identity) with
// the graph's node logging every request and response to a CloudEvents HTTP sink, in three modes
// measured in the same run (rounds alternate the modes):
//   none    no logger on the node (the baseline)
//   memory  the reference's in-memory queue (default)
//   spool   the disk spool (--log_spool_dir), at-least-once delivery
// Reports p50/p99 at c=1 and the engine's CPU µs per request at c=16, and the spool's disk bytes
// per event (events spooled while the sink is down, divided into the segment bytes they took).
//
// Run: npx tsc -b apps/engine && node benchmarks/payload-spool.bench.mjs
// Env: BENCH_REQUESTS (default 4000 per measurement at c=16), BENCH_C1_REQUESTS (default 1500),
// BENCH_ROUNDS (default 3), BENCH_SINK_PRIORITY (the sink's nice value; unset: the default priority).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  answerCpuRequests,
  cpuOf,
  measure,
  median,
  startBaselineRole,
  startChild,
} from './support/processes.mjs';

const self = fileURLToPath(import.meta.url);
const BODY = JSON.stringify({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } });

// ---------------------------------------------------------------------------------------------
// Child roles.
// ---------------------------------------------------------------------------------------------
if (process.argv[2] === 'child') {
  const role = process.argv[3];
  const config = JSON.parse(process.argv[4] ?? '{}');
  let ports = await startBaselineRole(role);
  if (role === 'sink') ports = { http: await startSink() };
  if (role === 'engine') {
    const { startEngine } = await import('seldon-engine');
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      payloadLogger: config.spoolDir ? { spoolDir: config.spoolDir } : {},
      predictor: {
        name: 'bench',
        graph: {
          name: 'identity',
          type: 'MODEL',
          ...(config.sink ? { logger: { mode: 'all', url: `http://127.0.0.1:${config.sink}/` } } : {}),
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
    ports = { http: engine.httpPort };
    process.on('message', async (m) => {
      if (m === 'close') {
        await engine.close();
        process.send({ closed: true });
      }
    });
  }
  answerCpuRequests();
  process.send({ ports });
}

/** The events the sink child has counted so far. */
function sinkEvents(sinkChild) {
  return new Promise((resolve) => {
    sinkChild.once('message', (m) => resolve(m.events));
    sinkChild.send('events');
  });
}

/** Resolves once the sink child has counted at least `n` events. */
async function sinkHas(sinkChild, n) {
  for (;;) {
    if ((await sinkEvents(sinkChild)) >= n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A CloudEvents sink that takes every event (counts them) and answers 200. */
async function startSink() {
  // BENCH_SINK_PRIORITY (a nice value, e.g. 19): the sink yields the cores to the prediction path,
  // as a sink on another machine would; unset, it competes with it like every other process here.
  if (process.env.BENCH_SINK_PRIORITY) setPriority(Number(process.env.BENCH_SINK_PRIORITY));
  let events = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      events++;
      res.end();
    });
  });
  server.keepAliveTimeout = 60000;
  process.on('message', (m) => {
    if (m === 'events') process.send({ events });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server.address().port;
}

// ---------------------------------------------------------------------------------------------
// Driver.
// ---------------------------------------------------------------------------------------------
if (process.argv[2] !== 'child') {
  const N = Number(process.env.BENCH_REQUESTS ?? 4000);
  const N1 = Number(process.env.BENCH_C1_REQUESTS ?? 1500);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const { Pool } = await import('undici');

  const wrapper = await startChild(self, 'wrapper');
  const sink = await startChild(self, 'sink');
  const modes = ['none', 'memory', 'spool'];
  const results = Object.fromEntries(modes.map((m) => [m, { p50: [], p99: [], cpu: [] }]));
  const spools = [];

  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of modes) {
      const spoolDir = mode === 'spool' ? mkdtempSync(join(tmpdir(), 'bench-spool-')) : undefined;
      if (spoolDir) spools.push(spoolDir);
      const engine = await startChild(self, 'engine', {
        ...wrapper.ports,
        sink: mode === 'none' ? undefined : sink.ports.http,
        spoolDir,
      });
      const pool = new Pool(`http://127.0.0.1:${engine.ports.http}`, { connections: 16, pipelining: 1 });
      const client = {
        call: async () => {
          const res = await pool.request({
            method: 'POST',
            path: '/api/v1.0/predictions',
            headers: { 'content-type': 'application/json' },
            body: BODY,
          });
          await res.body.dump();
          if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
        },
      };
      const before = mode === 'none' ? 0 : await sinkEvents(sink.child);
      await measure(client, undefined, 1000, 16); // warm-up
      // The c=1 figures are the steady state: the sends left over from the warm-up's c=16 burst
      // (the logger falls behind at c=16) are delivered before the c=1 run starts.
      if (mode !== 'none') await sinkHas(sink.child, before + 2 * 1000);
      const c1 = await measure(client, engine.child, N1, 1);
      // CPU per request at c=16 counts the sends the run caused, also those made after it ends
      // (at c=16 the logger falls behind and catches up once the run is over).
      const cpuBefore = await cpuOf(engine.child);
      const sinkBefore = mode === 'none' ? 0 : await sinkEvents(sink.child);
      await measure(client, undefined, N, 16);
      if (mode !== 'none') await sinkHas(sink.child, sinkBefore + 2 * N);
      const cpu = ((await cpuOf(engine.child)) - cpuBefore) / N;
      results[mode].p50.push(c1.p50);
      results[mode].p99.push(c1.p99);
      results[mode].cpu.push(cpu);
      await pool.close();
      engine.child.kill();
    }
  }

  // Disk bytes per event: the sink is a closed port, so every event stays in the spool.
  const closed = createServer();
  await new Promise((r) => closed.listen(0, '127.0.0.1', r));
  const downPort = closed.address().port;
  await new Promise((r) => closed.close(r));
  const diskDir = mkdtempSync(join(tmpdir(), 'bench-spool-'));
  spools.push(diskDir);
  const engine = await startChild(self, 'engine', { ...wrapper.ports, sink: downPort, spoolDir: diskDir });
  const pool = new Pool(`http://127.0.0.1:${engine.ports.http}`, { connections: 4, pipelining: 1 });
  const spooled = 2000;
  for (let i = 0; i < spooled; i++) {
    const res = await pool.request({
      method: 'POST',
      path: '/api/v1.0/predictions',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    await res.body.dump();
  }
  await new Promise((r) => setTimeout(r, 300));
  const segmentBytes = readdirSync(diskDir)
    .filter((f) => f.endsWith('.seg'))
    .reduce((sum, f) => sum + statSync(join(diskDir, f)).size, 0);
  await pool.close();
  engine.child.kill();
  wrapper.child.kill();
  sink.child.kill();
  for (const d of spools) rmSync(d, { recursive: true, force: true });

  const base = results.none;
  const row = (mode) => {
    const r = results[mode];
    const p50 = median(r.p50);
    const cpu = median(r.cpu);
    return (
      `${mode.padEnd(8)} p50 c=1 ${(p50 * 1000).toFixed(0).padStart(5)} µs (x${(p50 / median(base.p50)).toFixed(2)})` +
      `  p99 c=1 ${(median(r.p99) * 1000).toFixed(0).padStart(5)} µs` +
      `  engine CPU c=16 ${cpu.toFixed(1).padStart(6)} µs/req (x${(cpu / median(base.cpu)).toFixed(2)})`
    );
  };
  console.log(`payload logging, medians of ${ROUNDS} rounds (request body ${BODY.length} B):`);
  for (const mode of modes) console.log(row(mode));
  console.log(
    `spool on disk: ${(segmentBytes / (2 * spooled)).toFixed(0)} bytes per event ` +
      `(${spooled} predictions = ${2 * spooled} events in ${segmentBytes} segment bytes)`,
  );
}
