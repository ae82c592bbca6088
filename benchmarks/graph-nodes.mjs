// Child process for graph.bench.mjs: one REST node (node:http) and one gRPC node (@grpc/grpc-js)
// answering a fixed SeldonMessage, so that their CPU is not counted in the benchmark process.
import http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { rawUnary } from './support/processes.mjs';

const jsonAnswer = Buffer.from(
  JSON.stringify({
    data: { names: ['t:0', 't:1'], ndarray: [[0.1, 0.9]] },
    meta: { requestPath: { m: 'img/m:1' } },
  }),
);
// SeldonMessage{ strData: "0.1,0.9" }
const protoAnswer = Buffer.concat([Buffer.from([0x2a, 7]), Buffer.from('0.1,0.9')]);

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': jsonAnswer.length });
    res.end(jsonAnswer);
  });
});
server.keepAliveTimeout = 60_000;
await new Promise((r) => server.listen(0, '127.0.0.1', r));

const grpcServer = new grpc.Server();
grpcServer.addService(
  { Predict: rawUnary('/seldon.protos.Model/Predict') },
  { Predict: (_call, cb) => cb(null, protoAnswer) },
);
const grpcPort = await new Promise((resolve, reject) =>
  grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
    err ? reject(err) : resolve(port),
  ),
);
process.stdout.write(JSON.stringify({ httpPort: server.address().port, grpcPort }) + '\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
