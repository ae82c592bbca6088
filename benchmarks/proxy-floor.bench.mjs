// The floor of the engine's design: server CPU per request of proxies that do what the engine does
// on the wire (a node:http server that forwards each request to the model and answers with the
// model's answer) and nothing else, against the bare node:http JSON echo server of
// engine.bench.mjs, measured in the same run at c=64:
//   proxy-net    node:http server + a 40-line keep-alive HTTP/1.1 client (no graph): the floor
//   proxy-undici the same with undici's Pool.request
//   proxy-rnc    the same with graph-executor's RestNodeClient
//   proxy-exec   the same through a GraphExecutor (one MODEL node), no metrics, no tracing
// Run: npx tsc -b && node benchmarks/proxy-floor.bench.mjs   (env N requests per measurement,
// default 20000; ROLES comma list, default all four). Two rounds are printed; read the second.
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { answerCpuRequests, cpuOf, startBaselineRole, startChild } from './support/processes.mjs';
const self = fileURLToPath(import.meta.url);
const BODY = JSON.stringify({ data: { names: ['a', 'b', 'c'], ndarray: [[1.5, 2.5, 3.5]] } });

// A minimal keep-alive HTTP/1.1 client: Content-Length answers only, no limits, no errors handled.
// Good enough to measure the floor, not for use.
class MiniPool {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.idle = [];
    this.hostHeader = `${host}:${port}`;
  }
  request(path, contentType, body) {
    return new Promise((resolve, reject) => {
      let conn = this.idle.pop();
      if (!conn) conn = this.#open();
      conn.pending = { resolve, reject };
      const head = `POST ${path} HTTP/1.1\r\nhost: ${this.hostHeader}\r\ncontent-type: ${contentType}\r\ncontent-length: ${body.length}\r\n\r\n`;
      conn.socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
    });
  }
  #open() {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    const conn = { socket, pending: null, buf: null };
    socket.on('data', (chunk) => {
      const buf = conn.buf ? Buffer.concat([conn.buf, chunk]) : chunk;
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        conn.buf = buf;
        return;
      }
      const head = buf.latin1Slice(0, end);
      const status = +head.slice(9, 12);
      const m = /\r\ncontent-length: *(\d+)/i.exec(head);
      const len = m ? +m[1] : 0;
      if (buf.length < end + 4 + len) {
        conn.buf = buf;
        return;
      }
      conn.buf = null;
      const body = buf.subarray(end + 4, end + 4 + len);
      const p = conn.pending;
      conn.pending = null;
      this.idle.push(conn);
      p.resolve({ status, body });
    });
    socket.on('error', (e) => conn.pending?.reject(e));
    return conn;
  }
}

if (process.argv[2] === 'child') {
  const role = process.argv[3];
  const config = JSON.parse(process.argv[4] ?? '{}');
  let ports = await startBaselineRole(role);
  if (role.startsWith('proxy')) {
    const { Pool } = await import('undici');
    const mini = new MiniPool('127.0.0.1', config.http);
    const { GraphPayload, GraphExecutor, Cancellation } = await import('@seldon-ts/graph-executor');
    const { RestNodeClient } = await import('@seldon-ts/graph-executor/rest');
    const rnc = new RestNodeClient();
    const node = { name: 'm', type: 'MODEL', endpoint: { service_host: '127.0.0.1', httpPort: config.http } };
    // The executor calls the node with a client of its own, as the engine's does.
    const executor = new GraphExecutor({ graph: node, clients: { rest: new RestNodeClient() } });
    const pool = new Pool(`http://127.0.0.1:${config.http}`, { connections: 64, pipelining: 1 });
    const server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        let out;
        if (role === 'proxy-rnc') {
          out = (
            await rnc.call({
              node,
              method: 'predict',
              modelName: 'm',
              protocol: 'seldon',
              payload: GraphPayload.fromBytes(body, 'application/json'),
              puid: 'x',
              headers: req.headers,
              signal: undefined,
              deadline: undefined,
            })
          ).bytes();
        } else if (role === 'proxy-exec') {
          out = (
            await executor.predict(GraphPayload.fromBytes(body, 'application/json'), {
              headers: req.headers,
              cancellation: new Cancellation(),
            })
          ).payload.bytes();
        } else if (role === 'proxy-net') {
          out = (await mini.request('/api/v1.0/predictions', 'application/json', body)).body;
        } else {
          const r = await pool.request({
            path: '/api/v1.0/predictions',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          out = Buffer.from(await r.body.arrayBuffer());
        }
        res.writeHead(200, ['Content-Type', 'application/json', 'Content-Length', String(out.length)]);
        res.end(out);
      });
    });
    server.keepAliveTimeout = 60000;
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    ports = { http: server.address().port };
  }
  process.once('SIGINT', () => process.exit(0));
  answerCpuRequests();
  process.send({ ports });
} else {
  const start = (role, config = {}) => startChild(self, role, config);
  const { Pool } = await import('undici');
  async function measure(port, child, n, c) {
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 64, pipelining: 1 });
    const one = async () => {
      const r = await pool.request({
        method: 'POST',
        path: '/api/v1.0/predictions',
        headers: { 'content-type': 'application/json' },
        body: BODY,
      });
      await r.body.arrayBuffer();
      if (r.statusCode !== 200) throw new Error('' + r.statusCode);
    };
    for (let i = 0; i < 500; i++) await one();
    let next = 0;
    const c0 = await cpuOf(child);
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next++ < n) await one();
      }),
    );
    const c1 = await cpuOf(child);
    await pool.close();
    return (c1 - c0) / n;
  }
  const N = +(process.env.N ?? 20000);
  const echo = await start('echo');
  const wrapper = await start('wrapper');
  const roles = (process.env.ROLES ?? 'proxy-net,proxy-undici,proxy-rnc,proxy-exec').split(',');
  const procs = {};
  for (const r of roles) procs[r] = await start(r, wrapper.ports);
  for (let round = 0; round < 2; round++) {
    const e = await measure(echo.ports.http, echo.child, N, 64);
    const line = [`echo ${e.toFixed(1)}`];
    for (const r of roles) {
      const x = await measure(procs[r].ports.http, procs[r].child, N, 64);
      line.push(`${r} ${x.toFixed(1)} (${(x / e).toFixed(2)}x)`);
    }
    console.log(line.join(' | '));
  }
  for (const p of [echo, wrapper, ...Object.values(procs)]) p.child.kill('SIGINT');
}
