// Server CPU per request of HTTP/1.1 JSON echo servers, each in its own child process, all called by
// the same undici client at c=64 (interleaved rounds, medians), as ratios to the first:
//   node-http   the bare node:http JSON echo server of engine.bench.mjs (the baseline)
//   net-floor   a 30-line echo on node:net that only finds Content-Length (a lower bound for any
//               HTTP server: no parsing to speak of, no validation, one write)
//   front-door  the engine's REST front door (apps/engine/src/internal/http-server.ts on node:http:
//               routing, puid, response headers, metrics, in-flight accounting, limits), answering
//               each prediction with its request instead of running a graph
// Every server parses the JSON it echoes, as a JSON service would.
// Run: npx tsc -b tsconfig.json && node benchmarks/http-server.bench.mjs   (env N requests per round,
// default 10000; ROUNDS, default 5).
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { answerCpuRequests, cpuOf, median, startChild, startJsonEchoServer } from './support/processes.mjs';
import { engineBuilt, startRestFrontDoor } from './support/engine-front-door.mjs';

const self = fileURLToPath(import.meta.url);
const BODY = JSON.stringify({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } });

async function netFloor() {
  const server = createNetServer({ noDelay: true }, (socket) => {
    let buf = null;
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buf = buf ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const m = /\r\ncontent-length: *(\d+)/i.exec(buf.latin1Slice(0, end));
        const len = m ? +m[1] : 0;
        if (buf.length < end + 4 + len) return;
        const body = buf.subarray(end + 4, end + 4 + len);
        JSON.parse(body.toString());
        const head = `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${len}\r\n\r\n`;
        socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
        buf = buf.length === end + 4 + len ? null : buf.subarray(end + 4 + len);
        if (buf === null) return;
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server.address().port;
}

if (process.argv[2] === 'child') {
  const role = process.argv[3];
  const port =
    role === 'node-http'
      ? await startJsonEchoServer()
      : role === 'net-floor'
        ? await netFloor()
        : await startRestFrontDoor();
  answerCpuRequests();
  process.once('SIGINT', () => process.exit(0));
  process.send({ port });
} else {
  const N = Number(process.env.N ?? 10000);
  const ROUNDS = Number(process.env.ROUNDS ?? 5);
  const { Pool } = await import('undici');
  const roles = ['node-http', 'net-floor'];
  if (engineBuilt()) roles.push('front-door');
  else console.log('(apps/engine is not built: skipping front-door; run npx tsc -b tsconfig.json)');
  const servers = [];
  for (const role of roles) servers.push({ role, ...(await startChild(self, role)) });
  async function round(server, n) {
    const pool = new Pool(`http://127.0.0.1:${server.port}`, { connections: 64, pipelining: 1 });
    let next = 0;
    const cpu0 = await cpuOf(server.child);
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next++ < n) {
          const r = await pool.request({
            method: 'POST',
            path: '/api/v1.0/predictions',
            headers: { 'content-type': 'application/json' },
            body: BODY,
          });
          const text = await r.body.text();
          if (r.statusCode !== 200 || text !== BODY)
            throw new Error(`${server.role} answered ${r.statusCode} ${text}`);
        }
      }),
    );
    const cpu1 = await cpuOf(server.child);
    await pool.close();
    return (cpu1 - cpu0) / n;
  }
  for (const s of servers) await round(s, N); // warm-up: the first rounds are still getting cheaper
  const results = new Map(roles.map((r) => [r, []]));
  for (let i = 0; i < ROUNDS; i++) for (const s of servers) results.get(s.role).push(await round(s, N));
  const base = median(results.get('node-http'));
  console.log(
    `HTTP/1.1 JSON echo servers, server CPU µs per request at c=64 (${ROUNDS} rounds of ${N}, median)`,
  );
  for (const role of roles) {
    const xs = results.get(role);
    const m = median(xs);
    console.log(
      `  ${role.padEnd(10)} ${m.toFixed(1).padStart(5)} µs  (${(m / base).toFixed(2)}x node-http; rounds ${xs.map((x) => x.toFixed(1)).join(', ')})`,
    );
  }
  for (const s of servers) s.child.kill('SIGINT');
}
