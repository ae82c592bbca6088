// ONNX server speed: the iris classifier (examples/onnx-iris/model/model.onnx) served by
// @seldon-ts/model-servers' OnnxServer through the model wrapper, against the model wrapper's
// identity model measured in the same run (the same wrapper without the ONNX work). Servers run in
// child processes whose CPU time per request comes from process.cpuUsage() in the child.
// Build first: npx tsc -b packages/model-servers/tsconfig.lib.json
//
//   node benchmarks/onnx.bench.mjs          (BENCH_REQUESTS=10000, BENCH_ROUNDS=3 by default)
import { fileURLToPath } from 'node:url';
import { restClient } from './support/rest-client.mjs';
import {
  answerCpuRequests,
  isBenchChild,
  measure,
  median,
  startBaselineRole,
  startChild,
} from './support/processes.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Math.max(500, Math.floor(REQUESTS / 10));
const IRIS_ROW = [[5.1, 3.5, 1.4, 0.2]];
const BODY = JSON.stringify({ data: { ndarray: IRIS_ROW } });
const MODEL_DIR = fileURLToPath(new URL('../examples/onnx-iris/model', import.meta.url));
const self = fileURLToPath(import.meta.url);

async function childMain(role) {
  let ports = await startBaselineRole(role);
  if (role === 'onnx') {
    const { startMicroservice } = await import('@seldon-ts/model-wrapper');
    const { OnnxServer } = await import('../packages/model-servers/dist/onnx/index.js');
    const ms = await startMicroservice(OnnxServer, {
      httpPort: 0,
      grpcPort: 0,
      metricsPort: null,
      host: '127.0.0.1',
      annotationsPath: '/nonexistent',
      env: {},
      parameters: { model_uri: MODEL_DIR, output: 'probabilities' },
    });
    ports = { http: ms.httpPort, grpc: ms.grpcPort };
  }
  answerCpuRequests();
  process.send(ports);
}

async function driverMain() {
  const servers = {
    identity: await startChild(self, 'wrapper'),
    onnx: await startChild(self, 'onnx'),
  };
  const rows = [];
  try {
    for (const concurrency of [1, 16]) {
      const runs = { identity: [], onnx: [] };
      for (let r = 0; r < ROUNDS; r++) {
        // Alternate: load from other processes on the shared machine hits both alike.
        for (const name of ['identity', 'onnx']) {
          const client = restClient(servers[name].http, '/api/v1.0/predictions', BODY, concurrency);
          await measure(client, null, WARMUP, concurrency);
          runs[name].push(await measure(client, servers[name].child, REQUESTS, concurrency));
          client.close();
        }
      }
      const pick = (name, key) => median(runs[name].map((x) => x[key]));
      rows.push({
        concurrency,
        identity: {
          cpu: pick('identity', 'cpuUsPerReq'),
          rps: pick('identity', 'rps'),
          p50: pick('identity', 'p50'),
        },
        onnx: { cpu: pick('onnx', 'cpuUsPerReq'), rps: pick('onnx', 'rps'), p50: pick('onnx', 'p50') },
      });
    }
  } finally {
    for (const s of Object.values(servers)) s.child.kill();
  }
  const f = (n, d = 1) => n.toFixed(d);
  console.log(
    `\nONNX server (iris, ${BODY.length}-byte request, output probabilities) vs the wrapper's identity model, REST, ${REQUESTS} requests per measurement, median of ${ROUNDS} rounds (node ${process.version})\n`,
  );
  console.log(
    '| concurrency | identity CPU µs/req | ONNX CPU µs/req | ONNX extra µs/req | identity req/s | ONNX req/s | identity p50 ms | ONNX p50 ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.concurrency} | ${f(r.identity.cpu)} | ${f(r.onnx.cpu)} | ${f(r.onnx.cpu - r.identity.cpu)} | ${f(r.identity.rps, 0)} | ${f(r.onnx.rps, 0)} | ${f(r.identity.p50, 3)} | ${f(r.onnx.p50, 3)} |`,
    );
  }
}

if (isBenchChild()) await childMain(process.argv[3]);
else await driverMain();
