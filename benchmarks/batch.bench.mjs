// seldon-batch-processor throughput and peak memory.
//
// A 100,000-line ndarray file goes through the local identity graph (seldon-engine in front of a
// model-wrapper identity model, loopback REST) with 1, 4 and 16 workers. The processor runs in its
// own child process so its peak RSS (process.resourceUsage().maxRSS) is its own. Baseline, same run,
// same graph and concurrency: a bare undici keep-alive pool posting pre-built request bodies (no
// file, no tags, no output) — the "client floor" (with --transport grpc: a bare grpc-js client
// sending pre-built messages). The ratio processor/baseline says how much of the achievable request
// rate the processor keeps.
//
// Usage (after `npx tsc -b` at the repo root):
//   cd benchmarks && npm run bench:batch [-- --lines 100000 --workers 1,4,16 --transport rest]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

// --- child modes -----------------------------------------------------------------------------
if (args[0] === '--child-processor') {
  const { runBatch } = await import('seldon-batch-processor');
  const [, host, transport, workers, input, output] = args;
  const summary = await runBatch({
    deploymentName: 'bench',
    gatewayType: 'seldon',
    host,
    transport,
    workers: Number(workers),
    inputDataPath: input,
    outputDataPath: output,
  });
  process.stdout.write(JSON.stringify({ ...summary, maxRssKb: process.resourceUsage().maxRSS }));
  process.exit(0);
}
if (args[0] === '--child-baseline-grpc') {
  const grpc = await import('@grpc/grpc-js');
  const { seldonServices } = await import('@seldon-ts/payload');
  const [, host, workers, lines] = args;
  const predict = seldonServices.Seldon.Predict;
  const client = new grpc.Client(host, grpc.credentials.createInsecure());
  const total = Number(lines);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(workers) }, async () => {
      while (next < total) {
        const i = next++;
        await new Promise((resolve, reject) =>
          client.makeUnaryRequest(
            predict.path,
            predict.requestSerialize,
            predict.responseDeserialize,
            { data: { ndarray: [[i, i + 1, i + 2, i + 3]] } },
            new grpc.Metadata(),
            (error, response) => (error ? reject(error) : resolve(response)),
          ),
        );
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  client.close();
  process.stdout.write(
    JSON.stringify({ linesPerSecond: (total * 1000) / elapsedMs, maxRssKb: process.resourceUsage().maxRSS }),
  );
  process.exit(0);
}
if (args[0] === '--child-baseline') {
  const { Pool } = await import('undici');
  const [, host, workers, lines] = args;
  const pool = new Pool(`http://${host}`, { connections: Number(workers), pipelining: 1 });
  const total = Number(lines);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Number(workers) }, async () => {
      while (next < total) {
        const i = next++;
        const { statusCode, body } = await pool.request({
          path: '/api/v1.0/predictions',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `{"data":{"ndarray":[[${i},${i + 1},${i + 2},${i + 3}]]}}`,
        });
        await body.text();
        if (statusCode !== 200) throw new Error(`baseline got HTTP ${statusCode}`);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await pool.close();
  process.stdout.write(
    JSON.stringify({ linesPerSecond: (total * 1000) / elapsedMs, maxRssKb: process.resourceUsage().maxRSS }),
  );
  process.exit(0);
}

// --- main ------------------------------------------------------------------------------------
const LINES = Number(arg('lines', '100000'));
const WORKERS = arg('workers', '1,4,16').split(',').map(Number);
const TRANSPORT = arg('transport', 'rest');

const { startMicroservice } = await import('@seldon-ts/model-wrapper');
const { startEngine } = await import('seldon-engine');

const model = await startMicroservice(
  { predict: (X) => X },
  {
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    metricsPort: null,
    annotationsPath: '/nonexistent',
    env: {},
  },
);
const engine = await startEngine({
  deploymentName: 'bench',
  host: '127.0.0.1',
  httpPort: 0,
  grpcPort: 0,
  logLevel: 'ERROR',
  log: () => undefined,
  graph: {
    name: 'identity',
    type: 'MODEL',
    endpoint: {
      service_host: '127.0.0.1',
      service_port: model.httpPort,
      httpPort: model.httpPort,
      grpcPort: model.grpcPort,
      type: 'REST',
    },
    children: [],
  },
});
await engine.ready(10_000);
const restHost = `127.0.0.1:${engine.httpPort}`;
const host = TRANSPORT === 'grpc' ? `127.0.0.1:${engine.grpcPort}` : restHost;

const dir = mkdtempSync(join(tmpdir(), 'batch-bench-'));
const input = join(dir, 'input.txt');
const output = join(dir, 'output.txt');
let text = '';
for (let i = 0; i < LINES; i++) text += `[[${i},${i + 1},${i + 2},${i + 3}]]\n`;
writeFileSync(input, text);
text = '';

function child(childArgs) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [self, ...childArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (c) => (out += c));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`)),
    );
  });
}

const rows = [];
try {
  for (const workers of WORKERS) {
    const baseline = await child(
      TRANSPORT === 'grpc'
        ? ['--child-baseline-grpc', host, String(workers), String(LINES)]
        : ['--child-baseline', restHost, String(workers), String(LINES)],
    );
    const run = await child(['--child-processor', host, TRANSPORT, String(workers), input, output]);
    if (run.lines !== LINES || run.failed !== 0)
      throw new Error(`processor wrote ${run.lines} lines with ${run.failed} failures`);
    rows.push({
      workers,
      processorLinesPerSecond: Math.round(run.linesPerSecond),
      baselineRequestsPerSecond: Math.round(baseline.linesPerSecond),
      ratio: Number((run.linesPerSecond / baseline.linesPerSecond).toFixed(2)),
      processorPeakRssMb: Number((run.maxRssKb / 1024).toFixed(1)),
      baselinePeakRssMb: Number((baseline.maxRssKb / 1024).toFixed(1)),
    });
  }
} finally {
  await engine.close();
  await model.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `seldon-batch-processor: ${LINES} ndarray lines, ${TRANSPORT} through engine + model-wrapper identity graph (loopback)`,
);
console.log(
  TRANSPORT === 'grpc'
    ? 'baseline: bare grpc-js client calling Seldon/Predict with pre-built messages at the same concurrency'
    : 'baseline: bare undici pool posting pre-built bodies at the same concurrency',
);
console.table(rows);
console.log(JSON.stringify({ bench: 'batch', lines: LINES, transport: TRANSPORT, rows }));
