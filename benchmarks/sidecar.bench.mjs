// The engine as a pod's sidecar (issue 15): its memory, start-up and cost per request, against
// baselines measured in the same run, each process spawned on its own:
//   bare     a bare node:http server (answers 200): RSS idle and time from spawn to first 200
//   echo     the node:http JSON echo server of the REST benchmarks (CPU baseline)
//   proxy    a node:http server + undici Pool forwarding to the model, no graph (CPU floor)
//   wrapper  the identity model (model-wrapper), REST and gRPC
//   engine   the engine as the seldon-container-engine container runs it (the bundle of the
//            Dockerfile's ENTRYPOINT, apps/engine/dist/bundle/cli.mjs): the args and
//            env of packages/operator's desired engine container for a one-MODEL SeldonDeployment,
//            the graph file it mounts (endpoint pointed at the wrapper), and the node options of the
//            Dockerfile's engine stage (ENTRYPOINT, ENV NODE_OPTIONS)
// Figures: start-to-ready (median of START_RUNS spawns, /ready polled every 2 ms), RSS idle (1 s
// after ready) and after the c=64 runs, added latency p50/p99 at c=1 (engine -> model vs model),
// CPU per request at c=64 (read from /proc, so every role is measured the same way), and a 1 MB
// tensor through the engine over REST (JSON pass-through) and gRPC: CPU per MB of the engine
// against the model's CPU per MB when called directly.
//
// Run: npx tsc -b apps/engine packages/operator && node apps/engine/scripts/bundle.mjs &&
//      "$(bash scripts/node24.sh)" benchmarks/sidecar.bench.mjs
// (every process runs on the Node that runs this script: the image's, Node 24, for its figures)
// Env: N (requests per c=64 measurement, default 5000), N1 (c=1, default 1000), NBIG (1 MB
// requests, default 50), ROUNDS (interleaved rounds, default 3), START_RUNS (default 5),
// ENGINE_NODE_ARGS (node flags of the engine instead of the Dockerfile's, e.g. to compare V8 flags),
// ENGINE_CLI (the engine script instead of the ENTRYPOINT's, e.g. apps/engine/dist/cli.js).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { BASE_IMAGE } from '../scripts/images.mjs';
import { isBenchChild, measure, median, rawUnary, startBaselineRole } from './support/processes.mjs';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const BODY = JSON.stringify({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } });
const BIG_VALUES = 131072; // 131072 doubles: 1 MiB of tensor values
const MB = 1048576;

// ---------------------------------------------------------------------------------------------
// Child roles: each listens on the port the driver gives it and prints its ports as one JSON line.
// ---------------------------------------------------------------------------------------------
if (process.argv[2] === 'child') {
  const role = process.argv[3];
  const config = JSON.parse(process.argv[4] ?? '{}');
  let ports;
  if (role === 'bare') {
    const server = createServer((req, res) => res.end('{}'));
    await new Promise((r) => server.listen(config.port, '127.0.0.1', r));
    ports = { http: config.port };
  } else if (role === 'proxy') {
    const { Pool } = await import('undici');
    const pool = new Pool(`http://127.0.0.1:${config.http}`, { connections: 64, pipelining: 1 });
    const server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const r = await pool.request({
          path: '/api/v1.0/predictions',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
        });
        const out = Buffer.from(await r.body.arrayBuffer());
        res.writeHead(200, ['Content-Type', 'application/json', 'Content-Length', String(out.length)]);
        res.end(out);
      });
    });
    server.keepAliveTimeout = 60000;
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    ports = { http: server.address().port };
  } else {
    ports = await startBaselineRole(role);
  }
  process.once('SIGINT', () => process.exit(0));
  process.stdout.write(`${JSON.stringify(ports)}\n`);
} else {
  if (isBenchChild()) throw new Error('a benchmark child must never start children');
  await main();
}

// ---------------------------------------------------------------------------------------------
// Processes: spawn, wait, read RSS and CPU from /proc.
// ---------------------------------------------------------------------------------------------

/** Spawns a role of this script; resolves with `{ child, ports }` once it prints its ports. */
function startRole(role, config = {}) {
  const child = spawn(process.execPath, [self, 'child', role, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SELDON_BENCH_CHILD: '1' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, ports: JSON.parse(out.slice(0, nl)) });
    });
    child.once('exit', (code) => reject(new Error(`benchmark child ${role} exited with ${code}`)));
  });
}

/** Resident set size (MB) of a process. */
function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
}

/** CPU time (µs, user + system) a process has used so far; /proc ticks are 10 ms. */
function cpuUs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10000; // utime, stime (fields 14, 15)
}

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Ms from `t0` until GET `path` answers 200, polling every 2 ms. */
async function firstOk(port, path, t0, child) {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${path} answered`);
    const status = await new Promise((resolve) => {
      const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', () => resolve(0));
    });
    if (status === 200) return performance.now() - t0;
    await sleep(2);
  }
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

// ---------------------------------------------------------------------------------------------
// The engine as the operator starts it.
// ---------------------------------------------------------------------------------------------

/** Node options of the Dockerfile's engine stage: ENTRYPOINT flags before the script, ENV NODE_OPTIONS. */
function imageNodeOptions() {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const stage = text.split(/^FROM /m).find((s) => /^\S+ AS engine\s*$/m.test(s.split('\n')[0]));
  if (!stage) throw new Error('Dockerfile: no engine stage');
  const entry = /^ENTRYPOINT (\[.*\])/m.exec(stage);
  const argv = entry ? JSON.parse(entry[1]) : [];
  const script = argv.findIndex((a) => /\/cli\.m?js$/.test(a));
  const nodeOptions = /^ENV .*NODE_OPTIONS="([^"]*)"/m.exec(stage)?.[1];
  return { execArgv: argv.slice(1, script), script: argv[script].replace(/^\/app\//, root), nodeOptions };
}

/**
 * Which Node runs every process of this run, against the Node of the image's base (ARG NODE_IMAGE):
 * the figures are the image's only when the two agree (run the bench with that Node's binary).
 */
function runtimeNote() {
  const base = /^node:(\d+)/.exec(BASE_IMAGE)?.[1];
  const here = process.versions.node.split('.')[0];
  return base === here
    ? `runtime: Node ${process.versions.node}, as the image's base (${BASE_IMAGE})`
    : `runtime: Node ${process.versions.node}; WARNING: the image's base is ${BASE_IMAGE}, so these are not the image's figures`;
}

/** The seldon-container-engine container of a one-MODEL SeldonDeployment and its graph file. */
async function operatorEngineContainer() {
  const { configFromEnv, desiredState, ENGINE_CONTAINER, GRAPH_FILE } = await import('@seldon-ts/operator');
  const sdep = {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name: 'bench', namespace: 'bench', uid: '00000000-0000-0000-0000-000000000000' },
    spec: {
      predictors: [
        {
          name: 'default',
          graph: { name: 'model', type: 'MODEL' },
          componentSpecs: [{ spec: { containers: [{ name: 'model', image: 'model:1' }] } }],
        },
      ],
    },
  };
  const state = desiredState(sdep, configFromEnv({ RELATED_IMAGE_EXECUTOR: 'seldon-ts/engine:0.1.0' }));
  const container = state.objects
    .filter((o) => o.kind === 'Deployment')
    .flatMap((d) => d.spec.template.spec.containers)
    .find((c) => c.name === ENGINE_CONTAINER);
  const graph = state.objects.find((o) => o.kind === 'ConfigMap' && o.data?.[GRAPH_FILE])?.data[GRAPH_FILE];
  return { container, predictor: graph ? JSON.parse(graph) : undefined };
}

/** Returns `start()`: spawns the engine as a pod does, with free ports, the model at `model`. */
async function enginePod(model, dir) {
  const { container, predictor } = await operatorEngineContainer();
  const image = imageNodeOptions();
  // ENGINE_NODE_ARGS (space-separated node flags) replaces the image's, to compare settings.
  const execArgv = process.env.ENGINE_NODE_ARGS?.split(' ').filter(Boolean) ?? image.execArgv;
  const nodeOptions = process.env.ENGINE_NODE_ARGS === undefined ? image.nodeOptions : undefined;
  const args = [...container.args];
  const set = (flag, value) => {
    const i = args.indexOf(flag);
    if (i < 0) args.push(flag, value);
    else args[i + 1] = value;
  };
  const env = { PATH: process.env.PATH, NODE_ENV: 'production' };
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  for (const v of container.env) env[v.name] = v.value;
  const setEndpoint = (p) => {
    Object.assign(p.graph.endpoint, {
      service_host: '127.0.0.1',
      service_port: model.http,
      httpPort: model.http,
      grpcPort: model.grpc,
    });
    return p;
  };
  if (predictor) {
    const file = join(dir, 'predictor.json');
    writeFileSync(file, JSON.stringify(setEndpoint(predictor)));
    set('--file', file);
  } else {
    env.ENGINE_PREDICTOR = Buffer.from(
      JSON.stringify(setEndpoint(JSON.parse(Buffer.from(env.ENGINE_PREDICTOR, 'base64').toString()))),
    ).toString('base64');
  }
  const cli = process.env.ENGINE_CLI || image.script;
  const describe = `node ${[...execArgv, relative(root, cli), ...args].join(' ')}${nodeOptions ? ` (NODE_OPTIONS=${nodeOptions})` : ''} (ports: free ones)`;
  return {
    describe,
    async start() {
      const http = await freePort();
      const grpc = await freePort();
      set('--http_port', String(http));
      set('--grpc_port', String(grpc));
      const t0 = performance.now();
      const child = spawn(process.execPath, [...execArgv, cli, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env,
      });
      let stderr = '';
      child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
      try {
        const ms = await firstOk(http, '/ready', t0, child);
        return { child, ports: { http, grpc }, ms, cpuMs: cpuUs(child.pid) / 1000 };
      } catch (err) {
        throw new Error(`${err.message}\n${stderr}`);
      }
    },
  };
}

/** Spawns the bare node:http server; resolves with the child and ms from spawn to its first 200. */
async function startBare() {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [self, 'child', 'bare', JSON.stringify({ port })], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SELDON_BENCH_CHILD: '1' },
  });
  const ms = await firstOk(port, '/', t0, child);
  return { child, ms, cpuMs: cpuUs(child.pid) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Clients.
// ---------------------------------------------------------------------------------------------

async function restClient(port, connections, body) {
  const { Pool } = await import('undici');
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1 });
  return {
    async call() {
      const res = await pool.request({
        method: 'POST',
        path: '/api/v1.0/predictions',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    },
    close: () => pool.close(),
  };
}

async function grpcClient(port, path, body) {
  const grpc = await import('@grpc/grpc-js');
  const Ctor = grpc.makeGenericClientConstructor({ Predict: rawUnary(path) }, 'S');
  const client = new Ctor(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * MB,
  });
  return {
    call: () =>
      new Promise((resolve, reject) => client.Predict(body, (err) => (err ? reject(err) : resolve()))),
    close: async () => client.close(),
  };
}

/** `measure` at `concurrency`, with the CPU µs per call of the process `pid` read from /proc. */
async function run(client, pid, n, concurrency) {
  const c0 = pid ? cpuUs(pid) : 0;
  const r = await measure(client, undefined, n, concurrency);
  return { ...r, cpuUsPerReq: pid ? (cpuUs(pid) - c0) / n : NaN };
}

// ---------------------------------------------------------------------------------------------
// Driver.
// ---------------------------------------------------------------------------------------------
async function main() {
  const N = Number(process.env.N ?? 5000);
  const N1 = Number(process.env.N1 ?? 1000);
  const NBIG = Number(process.env.NBIG ?? 50);
  const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 3));
  const START_RUNS = Math.max(1, Number(process.env.START_RUNS ?? 5));
  const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-bench-'));
  const children = [];
  try {
    const wrapper = await startRole('wrapper');
    children.push(wrapper.child);
    const pod = await enginePod(wrapper.ports, dir);
    console.log(`engine: ${pod.describe}`);
    console.log(runtimeNote());

    // Start-up and idle RSS: bare and engine spawned alternately; the last engine stays for the load.
    const starts = { bare: [], engine: [] };
    const startCpu = { bare: [], engine: [] }; // CPU ms used until ready: less inflated by load
    const idle = { bare: [], engine: [] };
    let engine;
    for (let i = 0; i < START_RUNS; i++) {
      const bare = await startBare();
      starts.bare.push(bare.ms);
      startCpu.bare.push(bare.cpuMs);
      await sleep(1000);
      idle.bare.push(rssMb(bare.child.pid));
      await stop(bare.child);
      engine = await pod.start();
      starts.engine.push(engine.ms);
      startCpu.engine.push(engine.cpuMs);
      await sleep(1000);
      idle.engine.push(rssMb(engine.child.pid));
      if (i < START_RUNS - 1) await stop(engine.child);
    }
    children.push(engine.child);
    const echo = await startRole('echo');
    children.push(echo.child);
    const proxy = await startRole('proxy', wrapper.ports);
    children.push(proxy.child);
    const idleProxy = rssMb(proxy.child.pid);
    const idleEcho = rssMb(echo.child.pid);

    // c=1 latency and c=64 CPU per request, in interleaved rounds; figures are medians over rounds.
    const targets = {
      echo: { port: echo.ports.http, pid: echo.child.pid },
      proxy: { port: proxy.ports.http, pid: proxy.child.pid },
      direct: { port: wrapper.ports.http, pid: undefined },
      engine: { port: engine.ports.http, pid: engine.child.pid },
    };
    const per = { echo: [], proxy: [], direct: [], engine: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, t] of Object.entries(targets)) {
        const client = await restClient(t.port, 64, BODY);
        await run(client, undefined, r === 0 ? 3000 : 1000, 64); // warm-up (JIT, heap sizing)
        const c1 = await run(client, t.pid, N1, 1);
        const c64 = await run(client, t.pid, N, 64);
        await client.close();
        per[name].push({ c1, c64 });
      }
    }
    const rssAfter = {
      engine: rssMb(engine.child.pid),
      proxy: rssMb(proxy.child.pid),
      echo: rssMb(echo.child.pid),
    };
    const med = (name, pick) => median(per[name].map(pick));

    // 1 MB tensor, REST JSON and gRPC: engine CPU per MB vs the model's CPU per MB called directly.
    const values = Array.from({ length: BIG_VALUES }, (_, i) => i * 0.001 + 0.5);
    const bigJson = JSON.stringify({ data: { tensor: { shape: [1, BIG_VALUES], values } } });
    const { messageToProto } = await import('@seldon-ts/payload');
    const bigProto = Buffer.from(messageToProto({ data: { tensor: { shape: [1, BIG_VALUES], values } } }));
    const big = [];
    for (const [label, make] of [
      ['REST JSON', (port) => restClient(port, 4, bigJson)],
      [
        'gRPC',
        (port, svc) =>
          grpcClient(
            port,
            svc === 'model' ? '/seldon.protos.Model/Predict' : '/seldon.protos.Seldon/Predict',
            bigProto,
          ),
      ],
    ]) {
      const size = label === 'gRPC' ? bigProto.length : Buffer.byteLength(bigJson);
      const mbs = (NBIG * size) / MB;
      const wrapperPid = wrapper.child.pid;
      const d = await make(label === 'gRPC' ? wrapper.ports.grpc : wrapper.ports.http, 'model');
      await run(d, undefined, 20, 1);
      const w0 = cpuUs(wrapperPid);
      const direct = await run(d, undefined, NBIG, 1);
      const directModelCpu = (cpuUs(wrapperPid) - w0) / mbs;
      await d.close();
      const e = await make(label === 'gRPC' ? engine.ports.grpc : engine.ports.http, 'seldon');
      await run(e, undefined, 20, 1);
      const e0 = cpuUs(engine.child.pid);
      const viaEngine = await run(e, undefined, NBIG, 1);
      const engineCpu = (cpuUs(engine.child.pid) - e0) / mbs;
      await e.close();
      big.push({ label, size, direct, viaEngine, directModelCpu, engineCpu });
    }
    const rssAfterBig = rssMb(engine.child.pid);

    // Report.
    const cpu = (name) => med(name, (x) => x.c64.cpuUsPerReq);
    console.log(
      `\nsidecar benchmark: ${START_RUNS} starts each, ${ROUNDS} interleaved rounds of ${N1} requests at c=1 and ${N} at c=64, ${NBIG} x 1 MB`,
    );
    console.log(
      '\n| process | spawn to first 200 (ms) | CPU until then (ms) | RSS idle (MB) | RSS after c=64 (MB) | CPU µs/req c=64 |',
    );
    console.log('|---|---|---|---|---|---|');
    console.log(
      `| bare node:http server | ${fmt(median(starts.bare), 0)} | ${fmt(median(startCpu.bare), 0)} | ${fmt(median(idle.bare), 1)} | - | - |`,
    );
    console.log(
      `| node:http echo | - | - | ${fmt(idleEcho, 1)} | ${fmt(rssAfter.echo, 1)} | ${fmt(cpu('echo'), 1)} |`,
    );
    console.log(
      `| node:http + undici proxy | - | - | ${fmt(idleProxy, 1)} | ${fmt(rssAfter.proxy, 1)} | ${fmt(cpu('proxy'), 1)} |`,
    );
    console.log(
      `| engine (operator args, /ready) | ${fmt(median(starts.engine), 0)} | ${fmt(median(startCpu.engine), 0)} | ${fmt(median(idle.engine), 1)} | ${fmt(rssAfter.engine, 1)} | ${fmt(cpu('engine'), 1)} |`,
    );
    console.log('\n| path (c=1) | p50 (ms) | p99 (ms) |');
    console.log('|---|---|---|');
    for (const [name, label] of [
      ['direct', 'client -> model'],
      ['proxy', 'client -> node:http + undici proxy -> model'],
      ['engine', 'client -> engine -> model'],
    ])
      console.log(`| ${label} | ${fmt(med(name, (x) => x.c1.p50))} | ${fmt(med(name, (x) => x.c1.p99))} |`);
    console.log(
      '\n| 1 MB tensor | bytes | p50 direct (ms) | p50 via engine (ms) | model CPU µs/MB direct | engine CPU µs/MB | engine / direct |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const b of big)
      console.log(
        `| ${b.label} | ${b.size} | ${fmt(b.direct.p50, 2)} | ${fmt(b.viaEngine.p50, 2)} | ${fmt(b.directModelCpu, 0)} | ${fmt(b.engineCpu, 0)} | ${fmt(b.engineCpu / b.directModelCpu, 2)}x |`,
      );
    const addedP50 = per.engine.map((e, i) => e.c1.p50 - per.direct[i].c1.p50);
    const addedP99 = per.engine.map((e, i) => e.c1.p99 - per.direct[i].c1.p99);
    // The same hop without a graph: what node:http and undici themselves add on this machine.
    const proxyP50 = per.proxy.map((e, i) => e.c1.p50 - per.direct[i].c1.p50);
    const proxyP99 = per.proxy.map((e, i) => e.c1.p99 - per.direct[i].c1.p99);
    const vsProxy = per.engine.map((e, i) => e.c64.cpuUsPerReq / per.proxy[i].c64.cpuUsPerReq);
    const vsEcho = per.engine.map((e, i) => e.c64.cpuUsPerReq / per.echo[i].c64.cpuUsPerReq);
    const list = (xs, d) => xs.map((x) => fmt(x, d)).join(', ');
    const check = (ok) => (ok ? 'met' : 'NOT met');
    const idleE = median(idle.engine);
    const startE = median(starts.engine);
    console.log('\nsummary (targets of issue 15)');
    console.log(
      `  engine RSS idle ${fmt(idleE, 1)} MB (bare node:http ${fmt(median(idle.bare), 1)} MB, +${fmt(idleE - median(idle.bare), 1)}): target <= 55 MB ${check(idleE <= 55)}`,
    );
    console.log(
      `  engine RSS after c=64 ${fmt(rssAfter.engine, 1)} MB (after the 1 MB tensors ${fmt(rssAfterBig, 1)} MB): target <= 80 MB ${check(rssAfter.engine <= 80)}`,
    );
    console.log(
      `  spawn to /ready ${fmt(startE, 0)} ms (bare node:http to first 200 ${fmt(median(starts.bare), 0)} ms; engine runs: ${list(starts.engine, 0)}): target <= 250 ms ${check(startE <= 250)}; CPU used until ready ${fmt(median(startCpu.engine), 0)} ms (bare ${fmt(median(startCpu.bare), 0)} ms; load inflates it less than wall time)`,
    );
    console.log(
      `  REST added latency c=1: p50 ${fmt(median(addedP50))} ms (target <= 0.2 ${check(median(addedP50) <= 0.2)}), p99 ${fmt(median(addedP99))} ms (target <= 1 ${check(median(addedP99) <= 1)}); per round p50 ${list(addedP50, 3)}; the node:http + undici proxy adds p50 ${fmt(median(proxyP50))} ms, p99 ${fmt(median(proxyP99))} ms (per round p50 ${list(proxyP50, 3)})`,
    );
    console.log(
      `  engine CPU per REST request / bare node:http+undici proxy: ${fmt(median(vsProxy), 2)}x (target <= 1.5x ${check(median(vsProxy) <= 1.5)}; per round ${list(vsProxy, 2)}); / echo server: ${fmt(median(vsEcho), 2)}x (per round ${list(vsEcho, 2)})`,
    );
  } finally {
    for (const c of children) await stop(c);
    rmSync(dir, { recursive: true, force: true });
  }
}
