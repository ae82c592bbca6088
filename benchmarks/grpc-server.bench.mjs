// Unary gRPC server cost: the engine's gRPC front door (on @grpc/grpc-js's Server) against a bare
// grpc-js echo server and a minimal node:http2 echo, all echoing raw bytes (no protobuf decoding),
// all called by the same @grpc/grpc-js client. Reports the server process's CPU µs per call and p50
// latency at c=1 and c=64, over one channel and over several, as ratios to the bare grpc-js server.
//
// Servers measured:
//   grpc-js      @grpc/grpc-js Server with a raw-bytes echo handler (the baseline)
//   h2-floor     a minimal node:http2 echo written inline below (a lower bound: no checks at all)
//   front-door   the engine's gRPC front door (apps/engine/src/internal/grpc-server.ts: puid
//                metadata, metrics, in-flight accounting, its keepalive and connection-age
//                settings), answering Predict with its request instead of running a graph; needs
//                apps/engine built
// grpc-js and h2-floor also as '<server>+md': the handler reads the call metadata and sends one
// initial metadata entry, as the front door does (seldon-puid); the front door is compared with
// grpc-js+md. BENCH_METADATA=0 skips the +md servers.
//
// Run: npx tsc -b tsconfig.json && npm run bench:grpc-server --prefix benchmarks
//      (or: node benchmarks/grpc-server.bench.mjs)
// Env: BENCH_REQUESTS (default 6000 per measurement at c=64), BENCH_C1_REQUESTS (default 2000),
//      BENCH_ROUNDS (default 3: each figure is the median of that many interleaved rounds),
//      BENCH_CHANNELS (default 4: the "several channels" case), BENCH_BYTES (message size, default
//      the engine benchmark's ~60-byte SeldonMessage; e.g. 65536 for a larger tensor).
import http2 from 'node:http2';
import { fileURLToPath } from 'node:url';
import { answerCpuRequests, measure, rawUnary, startChild } from './support/processes.mjs';
import { engineBuilt, startGrpcFrontDoor } from './support/engine-front-door.mjs';

const self = fileURLToPath(import.meta.url);
const PATH = '/seldon.protos.Seldon/Predict';

// ---------------------------------------------------------------------------------------------
// Child roles: each serves one echo server and reports its own CPU usage on request.
// ---------------------------------------------------------------------------------------------
if (process.argv[2] === 'child') {
  const role = process.argv[3].replace(/\+md$/, '');
  // '+md': the handler does what the engine's does with metadata: reads the call's metadata into a
  // headers object and sends one initial metadata entry (seldon-puid) before the response.
  const md = process.argv[3].endsWith('+md');
  let port;
  if (role === 'grpc-js') {
    const grpc = await import('@grpc/grpc-js');
    const server = new grpc.Server();
    server.addService(
      {
        Predict: rawUnary(PATH),
      },
      {
        Predict: md
          ? (call, callback) => {
              const headers = {};
              const map = call.metadata.getMap();
              for (const key in map) headers[key] = String(map[key]);
              const out = new grpc.Metadata();
              out.set('seldon-puid', headers['seldon-puid'] ?? 'none');
              call.sendMetadata(out);
              callback(null, call.request);
            }
          : (call, callback) => callback(null, call.request),
      },
    );
    port = await new Promise((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
  } else if (role === 'h2-floor') {
    // Just enough gRPC for a well-behaved client: collect the frame, answer it with status 0.
    const server = http2.createServer();
    server.on('stream', (stream, headers) => {
      if (headers[':path'] !== PATH) {
        stream.respond(
          { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' },
          { endStream: true },
        );
        return;
      }
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const frame = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        const head = { ':status': 200, 'content-type': 'application/grpc' };
        if (md) head['seldon-puid'] = headers['seldon-puid'] ?? 'none';
        stream.respond(head, { waitForTrailers: true });
        stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
        stream.end(frame);
      });
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    port = server.address().port;
  } else if (role === 'front-door') {
    port = await startGrpcFrontDoor();
  }
  process.once('SIGINT', () => process.exit(0));
  answerCpuRequests();
  process.send({ port });
}

// ---------------------------------------------------------------------------------------------
// Driver.
// ---------------------------------------------------------------------------------------------
function start(role) {
  const prof = process.env.GRPC_BENCH_PROF && role === process.env.GRPC_BENCH_PROF_ROLE;
  return startChild(
    self,
    role,
    {},
    prof ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GRPC_BENCH_PROF}`] : [],
  );
}

async function request() {
  const bytes = process.env.BENCH_BYTES;
  if (bytes) return Buffer.alloc(Number(bytes), 7);
  const { messageToProto } = await import('@seldon-ts/payload');
  return Buffer.from(messageToProto({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } }));
}

/** `channels` grpc-js clients, each with its own HTTP/2 connection; calls go round-robin. */
async function grpcClient(port, channels, req) {
  const grpc = await import('@grpc/grpc-js');
  const Ctor = grpc.makeGenericClientConstructor(
    {
      Predict: rawUnary(PATH),
    },
    'Seldon',
  );
  // A local subchannel pool per client: otherwise grpc-js shares one connection among them.
  const clients = Array.from(
    { length: channels },
    () =>
      new Ctor(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        'grpc.use_local_subchannel_pool': 1,
      }),
  );
  let next = 0;
  return {
    call: () =>
      new Promise((resolve, reject) =>
        clients[next++ % channels].Predict(req, (err, res) => {
          if (err) reject(err);
          else if (res.length !== req.length)
            reject(new Error(`echoed ${res.length} bytes, sent ${req.length}`));
          else resolve();
        }),
      ),
    close: async () => {
      for (const c of clients) c.close();
    },
  };
}

if (process.argv[2] !== 'child') await main();

async function main() {
  const N = Number(process.env.BENCH_REQUESTS ?? 6000);
  const N1 = Number(process.env.BENCH_C1_REQUESTS ?? 2000);
  const CH = Number(process.env.BENCH_CHANNELS ?? 4);
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const req = await request();
  const roles = ['grpc-js', 'h2-floor'];
  if (process.env.BENCH_METADATA !== '0') roles.push('grpc-js+md', 'h2-floor+md');
  if (engineBuilt()) roles.push('front-door');
  else console.log('(apps/engine is not built: skipping front-door; run npx tsc -b tsconfig.json)');
  /** The baseline of each server's ratio: the bare grpc-js server doing the same metadata work. */
  const baselineOf = (role) =>
    role.endsWith('+md') || (role === 'front-door' && roles.includes('grpc-js+md'))
      ? 'grpc-js+md'
      : 'grpc-js';

  const servers = {};
  const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  const results = {};
  try {
    for (const role of roles) servers[role] = await start(role);
    // Interleave the servers, so a burst of load from other processes on this machine hits all
    // of them rather than one.
    const scenarios = [
      { label: 'c=1, 1 channel', channels: 1, concurrency: 1, n: N1 },
      { label: 'c=64, 1 channel', channels: 1, concurrency: 64, n: N },
      { label: `c=64, ${CH} channels`, channels: CH, concurrency: 64, n: N },
    ];
    // Each scenario runs ROUNDS times, cycling through the servers, and the median round is kept.
    for (const s of scenarios) {
      const clients = {};
      for (const role of roles) {
        clients[role] = await grpcClient(servers[role].port, s.channels, req);
        await measure(clients[role], undefined, s.n, s.concurrency); // warm-up: one untimed round
      }
      const rounds = {};
      for (let round = 0; round < ROUNDS; round++)
        for (const role of roles)
          (rounds[role] ??= []).push(await measure(clients[role], servers[role].child, s.n, s.concurrency));
      for (const role of roles) {
        await clients[role].close();
        const median = (key) => rounds[role].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
        (results[s.label] ??= {})[role] = {
          cpuUsPerReq: median('cpuUsPerReq'),
          p50: median('p50'),
          p99: median('p99'),
          rps: median('rps'),
          spread: rounds[role].map((r) => r.cpuUsPerReq.toFixed(0)).join('/'),
        };
      }
    }

    console.log(
      '\nunary gRPC echo server, %d-byte message, grpc-js client (%d calls at c=1, %d at c=64; median of %d rounds)\n',
      req.length,
      N1,
      N,
      ROUNDS,
    );
    console.log(
      '| scenario | server | server CPU µs/call (rounds) | CPU vs bare grpc-js | p50 (ms) | p99 (ms) | calls/s |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const s of scenarios) {
      for (const role of roles) {
        const base = results[s.label][baselineOf(role)].cpuUsPerReq;
        const r = results[s.label][role];
        console.log(
          `| ${s.label} | ${role} | ${fmt(r.cpuUsPerReq, 1)} (${r.spread}) | ${fmt(r.cpuUsPerReq / base, 2)}x ${baselineOf(role)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.rps, 0)} |`,
        );
      }
    }
  } finally {
    for (const s of Object.values(servers)) s.child.kill('SIGINT');
  }
}
