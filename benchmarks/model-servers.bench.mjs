// Prepackaged model servers against the reference's, on the same iris models, in one run (issue 18):
//   - the TypeScript XGBOOST_SERVER (XGBoostServer) and the reference's XGBoostServer on the
//     shipped iris booster (examples/xgboost-iris/model/model.json, served as model.bst by both);
//   - ONNX_SERVER (OnnxServer) on examples/onnx-iris/model/model.onnx and the reference's
//     SKLearnServer on the same LogisticRegression as model.joblib;
//   - the model wrapper's identity model (and the reference wrapper's) as the baseline;
// each started with its command line as its image starts it, REST POST /api/v1.0/predictions with
// one iris row, c=1 and c=16, rounds alternating between servers: req/s, p50, and CPU µs per
// request of the server's whole process tree from /proc (gunicorn master, workers, metrics
// manager included). Then start-up, spawn to first 200 on /health/ping and on a prediction, with
// ~10 MB models (XGBoost JSON, ONNX).
//
// The reference is Seldon Core v1.18.2's Python wrapper and servers, read from SELDON_CORE_REF (a
// folder holding python/seldon_core and servers/{xgboostserver,sklearnserver}, e.g. from
// `git archive v1.18.2 python servers`), run with REFERENCE_PYTHON (default /usr/bin/python3) and
// the caller's PYTHONPATH appended (for stubs of modules without a Debian package). Without
// SELDON_CORE_REF only the TypeScript servers are measured. docs/benchmarks.md#model-servers.
//
//   npx tsc -b packages/model-servers/tsconfig.lib.json
//   SELDON_CORE_REF=/tmp/seldon-core-ref PYTHONPATH=/tmp/seldon-ref-stubs node benchmarks/model-servers.bench.mjs
//   (BENCH_REQUESTS=2000 BENCH_SECONDS=6 BENCH_ROUNDS=3 BENCH_STARTS=3 MODEL_BYTES=10000000 by default)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureWith, median } from './support/processes.mjs';
import { treePids } from './support/proc-cpu.mjs';
import { requestOnce, restClient } from './support/rest-client.mjs';
import { freePort, serverCpuUs, spawnServer, stopServer, waitFor200 } from './support/spawned-server.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const MODEL_BYTES = Number(process.env.MODEL_BYTES ?? 10_000_000);
const WARMUP = Math.max(200, Math.floor(REQUESTS / 10));
// A slow server (the reference's XGBoost server answers 20 to 130 req/s here) gets fewer requests: as
// many as it answers in BENCH_SECONDS, at least MIN_REQUESTS, warm-up at most 2 s.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const MIN_REQUESTS = 100;
const CONCURRENCIES = [1, 16];
const PREDICT_PATH = '/api/v1.0/predictions';
const BODY = JSON.stringify({ data: { ndarray: [[5.1, 3.5, 1.4, 0.2]] } });

const root = fileURLToPath(new URL('..', import.meta.url));
const support = path.join(root, 'benchmarks/support');
const wrapperCli = path.join(root, 'packages/model-wrapper/dist/cli.js');
const serversModule = path.join(root, 'packages/model-servers/dist/index.js');
const python = process.env.REFERENCE_PYTHON ?? '/usr/bin/python3';
const refDir = process.env.SELDON_CORE_REF;
const work = mkdtempSync(path.join(os.tmpdir(), 'model-servers-bench-'));

const param = (name, value, type = 'STRING') => ({ name, value, type });

/** How each server is started: the command line of its image, with free ports. */
function tsSpec(component, parameters) {
  return (ports) => ({
    command: process.execPath,
    args: [
      wrapperCli,
      component,
      '--service-type',
      'MODEL',
      '--http-port',
      String(ports.http),
      '--grpc-port',
      String(ports.grpc),
      '--metrics-port',
      String(ports.metrics),
      '--parameters',
      JSON.stringify(parameters),
    ],
    env: { ...process.env },
  });
}

/** The reference's `seldon-core-microservice <Model> --service-type MODEL` (its console script). */
function refSpec(model, modelPath, parameters, extraEnv = {}) {
  const pythonPath = [path.join(refDir ?? '', 'python'), modelPath, process.env.PYTHONPATH]
    .filter(Boolean)
    .join(':');
  return (ports) => ({
    command: python,
    args: [
      '-c',
      'import sys; from seldon_core.microservice import main; sys.argv[0] = "seldon-core-microservice"; sys.exit(main())',
      model,
      '--service-type',
      'MODEL',
      '--http-port',
      String(ports.http),
      '--grpc-port',
      String(ports.grpc),
      '--metrics-port',
      String(ports.metrics),
      '--parameters',
      JSON.stringify(parameters),
    ],
    env: { ...process.env, PYTHONPATH: pythonPath, ...extraEnv },
  });
}

/** Builds the benchmark's models in `work` with python3-xgboost/sklearn/onnx; their description. */
function makeModels() {
  const irisXgb = path.join(work, 'iris-xgb');
  mkdirSync(irisXgb);
  // The reference reads only model.bst; xgboost reads the JSON inside from its content.
  copyFileSync(path.join(root, 'examples/xgboost-iris/model/model.json'), path.join(irisXgb, 'model.bst'));
  const py = spawnSync(
    python,
    [
      path.join(support, 'model-servers-models.py'),
      work,
      path.join(root, 'examples/onnx-iris/model/model.onnx'),
      String(MODEL_BYTES),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (py.status !== 0) {
    console.error(py.stderr || py.error?.message);
    console.error(
      `model-servers.bench: ${python} with xgboost, sklearn and onnx is needed to build the models (apt-get install python3-xgboost python3-sklearn python3-onnx)`,
    );
    process.exit(1);
  }
  return { irisXgb, ...JSON.parse(py.stdout.trim().split('\n').pop()) };
}

/** The servers of the throughput part, in the order of each round. */
function throughputServers(models) {
  const list = [
    { name: 'identity', kind: 'ts', spec: tsSpec(path.join(support, 'identity-model.mjs'), []) },
    {
      name: 'ts-xgboost',
      kind: 'ts',
      spec: tsSpec(`${serversModule}:XGBoostServer`, [param('model_uri', models.irisXgb)]),
    },
    {
      name: 'ts-onnx',
      kind: 'ts',
      spec: tsSpec(`${serversModule}:OnnxServer`, [
        param('model_uri', path.join(root, 'examples/onnx-iris/model')),
        param('output', 'probabilities'),
      ]),
    },
  ];
  if (!refDir) return list;
  return list.concat([
    {
      name: 'ref-identity',
      kind: 'ref',
      spec: refSpec('IdentityModel', path.join(support, 'reference-identity'), []),
    },
    {
      name: 'ref-xgboost',
      kind: 'ref',
      spec: refSpec('XGBoostServer', path.join(refDir, 'servers/xgboostserver/xgboostserver'), [
        param('model_uri', models.irisXgb),
      ]),
    },
    {
      // The same with one OpenMP thread: the image sets no OMP_NUM_THREADS, so xgboost runs an
      // OpenMP team of one thread per core for each 1-row DMatrix and predict.
      name: 'ref-xgboost-omp1',
      kind: 'ref',
      spec: refSpec(
        'XGBoostServer',
        path.join(refDir, 'servers/xgboostserver/xgboostserver'),
        [param('model_uri', models.irisXgb)],
        { OMP_NUM_THREADS: '1' },
      ),
    },
    {
      name: 'ref-sklearn',
      kind: 'ref',
      spec: refSpec('SKLearnServer', path.join(refDir, 'servers/sklearnserver/sklearnserver'), [
        param('model_uri', path.join(work, 'sklearn')),
      ]),
    },
  ]);
}

/** Starts `server` on free ports; resolves once a prediction answers 200, with its first answer. */
async function start(server) {
  const ports = { http: await freePort(), grpc: await freePort(), metrics: await freePort() };
  const logFile = path.join(work, `${server.name}.log`);
  const running = spawnServer({ ...server.spec(ports), cwd: work, logFile });
  try {
    const ping = await waitFor200(running, ports.http, { path: '/health/ping', logFile });
    const predicted = await waitFor200(running, ports.http, {
      method: 'POST',
      path: PREDICT_PATH,
      body: BODY,
      logFile,
    });
    const answer = (await requestOnce(ports.http, 'POST', PREDICT_PATH, BODY, 30_000)).text.trim();
    return {
      ...server,
      ...running,
      ports,
      logFile,
      pingMs: ping - running.startedAt,
      readyMs: predicted - running.startedAt,
      answer,
    };
  } catch (err) {
    await stopServer(running);
    throw err;
  }
}

/** Median req/s, p50 and CPU µs per request of each server at each concurrency, rounds interleaved. */
async function throughput(servers) {
  const results = {};
  for (const concurrency of CONCURRENCIES) {
    const runs = Object.fromEntries(servers.map((s) => [s.name, []]));
    const counts = {};
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate: load from other processes on the shared machine hits every server alike.
      for (const s of servers) {
        const client = restClient(s.ports.http, PREDICT_PATH, BODY, concurrency);
        if (!counts[s.name]) {
          const probe = await measureWith(client, null, 20, concurrency);
          const clamp = (n, lo, hi) => Math.max(lo, Math.min(hi, Math.round(n)));
          counts[s.name] = {
            warmup: clamp(probe.rps * 2, 20, WARMUP),
            n: clamp(probe.rps * SECONDS, MIN_REQUESTS, REQUESTS),
          };
        }
        await measureWith(client, null, counts[s.name].warmup, concurrency);
        runs[s.name].push(await measureWith(client, () => serverCpuUs(s), counts[s.name].n, concurrency));
        client.close();
      }
    }
    for (const s of servers) {
      const pick = (key) => median(runs[s.name].map((x) => x[key]));
      results[`${s.name}@${concurrency}`] = {
        rps: pick('rps'),
        p50: pick('p50'),
        cpu: pick('cpuUsPerReq'),
        requests: counts[s.name].n,
      };
    }
  }
  return results;
}

/** Spawn-to-200 times of each start-up case, median of STARTS alternating starts. */
async function startups(cases) {
  const times = Object.fromEntries(cases.map((c) => [c.name, { ping: [], ready: [] }]));
  for (let i = 0; i < STARTS; i++) {
    for (const c of cases) {
      const s = await start(c);
      times[c.name].ping.push(s.pingMs);
      times[c.name].ready.push(s.readyMs);
      await stopServer(s);
    }
  }
  return Object.fromEntries(
    cases.map((c) => [
      c.name,
      { ping: median(times[c.name].ping), ready: median(times[c.name].ready), model: c.model },
    ]),
  );
}

function startupCases(models) {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  const xgbDir = path.join(work, 'big-xgb');
  const xgbModel = `XGBoost JSON, ${models.big_xgb_trees} trees, ${mb(models.big_xgb_bytes)}`;
  const cases = [
    { name: 'identity', model: 'none', spec: tsSpec(path.join(support, 'identity-model.mjs'), []) },
    {
      name: 'ts-xgboost',
      model: xgbModel,
      spec: tsSpec(`${serversModule}:XGBoostServer`, [param('model_uri', xgbDir)]),
    },
    {
      name: 'ts-onnx',
      model: `ONNX MatMul layers, ${mb(models.big_onnx_bytes)}`,
      spec: tsSpec(`${serversModule}:OnnxServer`, [param('model_uri', path.join(work, 'big-onnx'))]),
    },
  ];
  if (!refDir) return cases;
  return cases.concat([
    {
      name: 'ref-identity',
      model: 'none',
      spec: refSpec('IdentityModel', path.join(support, 'reference-identity'), []),
    },
    {
      name: 'ref-xgboost',
      model: xgbModel,
      spec: refSpec('XGBoostServer', path.join(refDir, 'servers/xgboostserver/xgboostserver'), [
        param('model_uri', xgbDir),
      ]),
    },
  ]);
}

function printThroughput(results, servers) {
  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
  const x = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '—');
  console.log(
    `\nREST ${PREDICT_PATH}, one iris row (${BODY.length} bytes), up to ${REQUESTS} requests per measurement (as many as ${SECONDS} s allow, at least ${MIN_REQUESTS}) after up to ${WARMUP} warm-up, median of ${ROUNDS} alternating rounds; CPU of the server's process tree; "x identity" against the TypeScript wrapper's identity model\n`,
  );
  console.log(
    '| server | c | req/s | p50 ms | CPU µs/req | CPU x identity | req/s x identity | processes | requests |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const c of CONCURRENCIES) {
    const id = results[`identity@${c}`];
    for (const s of servers) {
      const r = results[`${s.name}@${c}`];
      console.log(
        `| ${s.name} | ${c} | ${f(r.rps, 0)} | ${f(r.p50, 2)} | ${f(r.cpu, 0)} | ${x(r.cpu, id.cpu)} | ${x(r.rps, id.rps)} | ${s.processes} | ${r.requests} |`,
      );
    }
  }
  const pairs = [
    ['identity', 'ref-identity'],
    ['ts-xgboost', 'ref-xgboost'],
    ['ts-xgboost', 'ref-xgboost-omp1'],
    ['ts-onnx', 'ref-sklearn'],
  ].filter(([, ref]) => servers.some((s) => s.name === ref));
  if (pairs.length === 0) return;
  console.log(
    '\nTypeScript against the reference (same model): reference CPU / ours, our req/s / reference\n',
  );
  console.log(
    '| ours vs reference | c | CPU µs/req ours / ref | ref CPU ÷ ours | req/s ours / ref | our req/s ÷ ref | p50 ms ours / ref |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [ours, ref] of pairs) {
    for (const c of CONCURRENCIES) {
      const a = results[`${ours}@${c}`];
      const b = results[`${ref}@${c}`];
      console.log(
        `| ${ours} vs ${ref} | ${c} | ${f(a.cpu, 0)} / ${f(b.cpu, 0)} | ${x(b.cpu, a.cpu)} | ${f(a.rps, 0)} / ${f(b.rps, 0)} | ${x(a.rps, b.rps)} | ${f(a.p50, 2)} / ${f(b.p50, 2)} |`,
      );
    }
  }
}

function printStartups(times) {
  console.log(
    `\nStart-up: spawn to first 200, median of ${STARTS} alternating starts (model files in the page cache)\n`,
  );
  console.log('| server | model | /health/ping ms | first prediction ms |');
  console.log('|---|---|---|---|');
  for (const [name, t] of Object.entries(times)) {
    console.log(`| ${name} | ${t.model} | ${t.ping.toFixed(0)} | ${t.ready.toFixed(0)} |`);
  }
}

async function main() {
  if (
    !existsSync(wrapperCli) ||
    !existsSync(path.join(root, 'packages/model-servers/dist/xgboost/index.js'))
  ) {
    console.error('model-servers.bench: build first: npx tsc -b packages/model-servers/tsconfig.lib.json');
    process.exit(1);
  }
  if (refDir && !existsSync(path.join(refDir, 'python/seldon_core/microservice.py'))) {
    console.error(`model-servers.bench: SELDON_CORE_REF=${refDir} has no python/seldon_core/microservice.py`);
    process.exit(1);
  }
  const models = makeModels();
  const started = [];
  const stopAll = () => Promise.all(started.map((s) => stopServer(s)));
  process.once('SIGINT', () => stopAll().then(() => process.exit(130)));
  try {
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}; python ${models.python}, xgboost ${models.xgboost}, scikit-learn ${models.sklearn}, numpy ${models.numpy}`,
    );
    if (!refDir) console.log('SELDON_CORE_REF is not set: the reference servers are skipped.');
    const times = await startups(startupCases(models));
    for (const server of throughputServers(models)) {
      const s = await start(server);
      started.push(s);
      s.processes = treePids(s.pid).length;
      console.log(`${s.name}: ${s.processes} processes, answer ${s.answer}`);
    }
    const results = await throughput(started);
    printThroughput(results, started);
    printStartups(times);
    console.log(
      `\nload average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    writeFileSync(
      path.join(os.tmpdir(), 'model-servers-bench-last.json'),
      JSON.stringify({ models, results, times, loadavg: os.loadavg() }, null, 2),
    );
  } finally {
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
