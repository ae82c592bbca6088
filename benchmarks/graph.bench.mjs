// Executor overhead: a graph of one model and a chain of three, against calling the model(s)
// directly with the same transport, at concurrency 1. Reports the benchmark process's CPU µs per
// request (the nodes run in a child process) and p50 latency, and the executor's added cost
// (graph minus direct) for REST, gRPC and in-process. Direct calls send a fresh puid per request,
// as the executor does (a constant header value is cheaper for HTTP/2 header compression). The
// node clients themselves are compared in node-clients.bench.mjs.
//
//   npx tsc -b packages/graph-executor/tsconfig.lib.json && npm run bench:graph -w seldon-ts-benchmarks
//   (env BENCH_N = requests per measurement, default 2000; BENCH_ROUNDS = alternating direct/graph
//   rounds, default 5; each figure is the median over the rounds, which tames a noisy machine)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { GraphExecutor, GraphPayload } from '@seldon-ts/graph-executor';
import { RestNodeClient } from '@seldon-ts/graph-executor/rest';
import { GrpcNodeClient } from '@seldon-ts/graph-executor/grpc';

const N = Number(process.env.BENCH_N ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP = Math.min(1000, N);

const child = spawn(process.execPath, [fileURLToPath(new URL('./graph-nodes.mjs', import.meta.url))], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const ports = await new Promise((resolve) =>
  child.stdout.once('data', (d) => resolve(JSON.parse(String(d)))),
);
const endpoint = {
  service_host: '127.0.0.1',
  httpPort: ports.httpPort,
  grpcPort: ports.grpcPort,
  service_port: ports.httpPort,
};

const jsonRequest = Buffer.from(JSON.stringify({ data: { names: ['a', 'b'], ndarray: [[1, 2]] } }));
const protoRequest = Buffer.concat([Buffer.from([0x2a, 3]), Buffer.from('1,2')]);
const headers = { 'x-request-id': 'bench', authorization: 'Bearer t' };

async function measure(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const lat = new Float64Array(N);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    lat[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const cpu = process.cpuUsage(cpu0);
  lat.sort();
  return {
    cpuUs: (cpu.user + cpu.system) / N,
    p50Us: lat[Math.floor(N / 2)],
    p99Us: lat[Math.floor(N * 0.99)],
  };
}

// ---- direct clients (baselines): the executor's own node clients called directly ----
const ownClient = new RestNodeClient();
const restNode = { name: 'm', type: 'MODEL', endpoint };
function restDirect() {
  return ownClient.call({
    node: restNode,
    method: 'predict',
    modelName: 'm',
    protocol: 'seldon',
    payload: GraphPayload.fromBytes(jsonRequest),
    puid: randomUUID(),
    headers,
    signal: undefined,
    deadline: undefined,
  });
}
const grpcClient = new GrpcNodeClient();
const grpcNode = { name: 'm', type: 'MODEL', endpoint };
async function grpcDirect() {
  await grpcClient.call({
    node: grpcNode,
    method: 'predict',
    modelName: 'm',
    protocol: 'seldon',
    payload: GraphPayload.fromProtobuf(protoRequest),
    puid: randomUUID(),
    headers,
    signal: undefined,
    deadline: undefined,
  });
}
const answer = { data: { names: ['t:0', 't:1'], ndarray: [[0.1, 0.9]] }, meta: {} };
const component = { predict: async (m) => ({ ...answer, meta: { ...(m.meta ?? {}) } }) };
const requestObject = () => ({ data: { names: ['a', 'b'], ndarray: [[1, 2]] } });
async function inProcessDirect() {
  await component.predict(requestObject());
}

// ---- graphs ----
const one = { name: 'm', type: 'MODEL', endpoint };
const chain3 = {
  name: 'm1',
  type: 'MODEL',
  endpoint,
  children: [{ name: 'm2', type: 'MODEL', endpoint, children: [{ name: 'm3', type: 'MODEL', endpoint }] }],
};
// The executors' own clients (as an engine hands them in), apart from the direct baselines' ones.
const clients = { rest: new RestNodeClient(), grpc: new GrpcNodeClient() };
const inProc = (names) => Object.fromEntries(names.map((n) => [n, { transport: 'in-process', component }]));
const executors = {
  rest1: new GraphExecutor({ graph: one, clients }),
  rest3: new GraphExecutor({ graph: chain3, clients }),
  grpc1: new GraphExecutor({ graph: one, clients, options: { defaultTransport: 'grpc' } }),
  grpc3: new GraphExecutor({ graph: chain3, clients, options: { defaultTransport: 'grpc' } }),
  proc1: new GraphExecutor({ graph: { name: 'm', type: 'MODEL' }, nodes: inProc(['m']) }),
  proc3: new GraphExecutor({
    graph: {
      name: 'm1',
      type: 'MODEL',
      children: [{ name: 'm2', type: 'MODEL', children: [{ name: 'm3', type: 'MODEL' }] }],
    },
    nodes: inProc(['m1', 'm2', 'm3']),
  }),
};
const ctxRest = { headers };
const ctxGrpc = { headers, transport: 'grpc' };
const rows = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function summarise(results) {
  return {
    cpuUs: median(results.map((r) => r.cpuUs)),
    p50Us: median(results.map((r) => r.p50Us)),
    p99Us: median(results.map((r) => r.p99Us)),
  };
}
async function pair(label, direct, directTimes, graph) {
  const directN = async () => {
    for (let i = 0; i < directTimes; i++) await direct();
  };
  const ds = [];
  const gs = [];
  // Alternate so that drift (JIT, GC, other load) hits both sides alike.
  for (let r = 0; r < ROUNDS; r++) {
    ds.push(await measure(directN));
    gs.push(await measure(graph));
  }
  rows.push({ label, d: summarise(ds), g: summarise(gs) });
}
async function repeated(fn) {
  const xs = [];
  for (let r = 0; r < ROUNDS; r++) xs.push(await measure(fn));
  return summarise(xs);
}

await pair('REST, 1 model', restDirect, 1, () =>
  executors.rest1.predict(GraphPayload.fromBytes(jsonRequest), ctxRest),
);
await pair('REST, chain of 3', restDirect, 3, () =>
  executors.rest3.predict(GraphPayload.fromBytes(jsonRequest), ctxRest),
);
await pair('gRPC, 1 model', grpcDirect, 1, () =>
  executors.grpc1.predict(GraphPayload.fromProtobuf(protoRequest), ctxGrpc),
);
await pair('gRPC, chain of 3', grpcDirect, 3, () =>
  executors.grpc3.predict(GraphPayload.fromProtobuf(protoRequest), ctxGrpc),
);
await pair('in-process, 1 model', inProcessDirect, 1, () =>
  executors.proc1.predict(GraphPayload.fromObject(requestObject())),
);
await pair('in-process, chain of 3', inProcessDirect, 3, () =>
  executors.proc3.predict(GraphPayload.fromObject(requestObject())),
);
// The executor alone: node clients that answer at once, so only graph work is measured.
const noop = (format, answer) => ({ transport: 'noop', payloadFormat: format, call: async () => answer });
const protoAnswer = GraphPayload.fromProtobuf(
  Buffer.concat([Buffer.from([0x2a, 7]), Buffer.from('0.1,0.9')]),
);
const alone = {};
for (const [label, graph] of [
  ['1 node', { name: 'm', type: 'MODEL' }],
  ['chain of 3', chain3],
]) {
  const names = label === '1 node' ? ['m'] : ['m1', 'm2', 'm3'];
  const e = new GraphExecutor({
    graph,
    nodes: Object.fromEntries(names.map((n) => [n, { client: noop('protobuf', protoAnswer) }])),
  });
  alone[label] = await repeated(() => e.predict(GraphPayload.fromProtobuf(protoRequest), ctxGrpc));
  await e.close();
}

const f = (x) => x.toFixed(1).padStart(8);
console.log(
  `graph executor overhead, concurrency 1, median of ${ROUNDS} rounds of N=${N} (node ${process.version})`,
);
console.log(
  'scenario                 | direct CPU µs | graph CPU µs | executor CPU µs/req | direct p50 µs | graph p50 µs | added p50 µs',
);
for (const { label, d, g } of rows) {
  console.log(
    `${label.padEnd(24)} | ${f(d.cpuUs)}      | ${f(g.cpuUs)}     | ${f(g.cpuUs - d.cpuUs)}            | ${f(d.p50Us)}      | ${f(g.p50Us)}     | ${f(g.p50Us - d.p50Us)}`,
  );
}
console.log('\nexecutor alone (no-op node clients)       | CPU µs/req | p50 µs');
for (const [label, r] of Object.entries(alone))
  console.log(`${label.padEnd(41)} | ${f(r.cpuUs)} | ${f(r.p50Us)}`);
await Promise.all(Object.values(executors).map((e) => e.close()));
await grpcClient.close();
await ownClient.close();
await Promise.all([clients.rest.close(), clients.grpc.close()]);
child.stdin.end();
