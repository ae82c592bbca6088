// Child process of wrapper.bench.mjs: one server under test. Reports its ports on stdout and
// answers "cpu" IPC messages with process.cpuUsage(), so the parent measures server CPU only.
import { createServer } from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { rawUnary } from './support/processes.mjs';

const kind = process.argv[2];

async function start() {
  if (kind === 'wrapper') {
    const { startMicroservice } = await import('@seldon-ts/model-wrapper');
    const svc = await startMicroservice(
      { predict: (X) => X },
      { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {}, processMetrics: false },
    );
    return { httpPort: svc.httpPort, grpcPort: svc.grpcPort };
  }
  if (kind === 'bare') {
    // The baselines: a node:http JSON echo (parse + stringify) and a grpc-js raw-bytes echo.
    const http = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise((r) => http.listen(0, '127.0.0.1', r));
    const server = new grpc.Server();
    server.addService(
      {
        Predict: rawUnary('/seldon.protos.Model/Predict'),
      },
      { Predict: (call, cb) => cb(null, call.request) },
    );
    const grpcPort = await new Promise((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    return { httpPort: http.address().port, grpcPort };
  }
  throw new Error(`unknown server kind ${kind}`);
}

const ports = await start();
process.on('message', (msg) => {
  if (msg === 'cpu') process.send({ cpu: process.cpuUsage() });
  if (msg === 'exit') process.exit(0);
});
process.send({ ready: ports });
