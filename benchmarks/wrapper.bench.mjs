// Model wrapper speed: an identity model served by @seldon-ts/model-wrapper against bare
// node:http (JSON parse + stringify echo) and bare grpc-js (raw echo) servers, run in the same
// script. Servers run in child processes; their CPU time per request comes from
// process.cpuUsage() in the child. Build first: npx tsc -b packages/model-wrapper/tsconfig.lib.json
//
//   cd benchmarks && npm run bench:wrapper          (BENCH_REQUESTS=20000 by default)
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { messageToProto } from '@seldon-ts/payload';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20000);
const WARMUP = Math.max(500, Math.floor(REQUESTS / 10));
const BODY = JSON.stringify({ data: { ndarray: [[1, 2, 3, 4]] } });
const PROTO = Buffer.from(messageToProto({ data: { ndarray: [[1, 2, 3, 4]] } }));
const serverScript = fileURLToPath(new URL('./wrapper-server.mjs', import.meta.url));

function startServer(kind) {
  const child = fork(serverScript, [kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => (m.ready ? resolve({ child, ...m.ready }) : reject(new Error('bad ready'))));
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
}

function cpuOf(child) {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m.cpu.user + m.cpu.system));
    child.send('cpu');
  });
}

function restClient(port, concurrency) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const one = () =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/predict',
          agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY) },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(BODY);
    });
  return { one, close: () => agent.destroy() };
}

function grpcClient(port) {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const id = (b) => b;
  const one = () =>
    new Promise((resolve, reject) =>
      client.makeUnaryRequest('/seldon.protos.Model/Predict', id, id, PROTO, (e) =>
        e ? reject(e) : resolve(),
      ),
    );
  return { one, close: () => client.close() };
}

async function drive(one, count, concurrency) {
  let left = count;
  const worker = async () => {
    while (left-- > 0) await one();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function measure(server, protocol, concurrency) {
  const client = protocol === 'REST' ? restClient(server.httpPort, concurrency) : grpcClient(server.grpcPort);
  await drive(client.one, WARMUP, concurrency);
  const cpu0 = await cpuOf(server.child);
  const t0 = process.hrtime.bigint();
  await drive(client.one, REQUESTS, concurrency);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = await cpuOf(server.child);
  client.close();
  return { cpuUs: (cpu1 - cpu0) / REQUESTS, rps: REQUESTS / seconds };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const wrapper = await startServer('wrapper');
const bare = await startServer('bare');
const rows = [];
try {
  for (const protocol of ['REST', 'gRPC']) {
    for (const concurrency of [16, 64]) {
      // Alternate baseline and wrapper, several rounds, and keep the median of each: other
      // processes on this shared machine hit both alike.
      const bases = [];
      const ours = [];
      for (let r = 0; r < ROUNDS; r++) {
        bases.push(await measure(bare, protocol, concurrency));
        ours.push(await measure(wrapper, protocol, concurrency));
      }
      rows.push({
        protocol,
        concurrency,
        base: { cpuUs: median(bases.map((x) => x.cpuUs)), rps: median(bases.map((x) => x.rps)) },
        ours: { cpuUs: median(ours.map((x) => x.cpuUs)), rps: median(ours.map((x) => x.rps)) },
      });
    }
  }
} finally {
  wrapper.child.send('exit');
  bare.child.send('exit');
}

const f = (n, d = 1) => n.toFixed(d);
console.log(
  `\nModel wrapper vs bare servers: identity model, ${BODY.length}-byte message, ${REQUESTS} requests per measurement, median of ${ROUNDS} rounds (node ${process.version})\n`,
);
console.log(
  '| protocol | concurrency | bare CPU µs/req | wrapper CPU µs/req | CPU ratio | bare req/s | wrapper req/s | req/s ratio |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.protocol} | ${r.concurrency} | ${f(r.base.cpuUs)} | ${f(r.ours.cpuUs)} | ${f(r.ours.cpuUs / r.base.cpuUs, 2)}x | ${f(r.base.rps, 0)} | ${f(r.ours.rps, 0)} | ${f(r.ours.rps / r.base.rps, 2)}x |`,
  );
}
