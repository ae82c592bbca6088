// The tensorflow protocol over gRPC: PredictResponse → PredictRequest chaining on the wire.
import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { GraphExecutor, GraphPayload } from '@seldon-ts/graph-executor';
import { protoFields as fields } from '@seldon-ts/payload';
import { ld, listenGrpc, rawMethod } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';

const text = (b: Uint8Array, f: { start: number; end: number }) =>
  Buffer.from(b.subarray(f.start, f.end)).toString('latin1');

/** model_spec.name of a PredictRequest / GetModelStatusRequest (field 1 → field 1). */
function specName(req: Buffer): string {
  for (const f of fields(req))
    if (f.num === 1) for (const g of fields(req, f.start, f.end)) if (g.num === 1) return text(req, g);
  return '';
}

describe('tensorflow protocol over gRPC nodes', () => {
  let server: grpc.Server;
  let port: number;
  const seen: { path: string; name: string; inputs: string[] }[] = [];

  beforeAll(async () => {
    server = new grpc.Server();
    const def = (service: string, method: string) =>
      rawMethod(`/tensorflow.serving.${service}/${method}`, method);
    const record = (path: string, req: Buffer) => {
      const inputs = [...fields(req)].filter((f) => f.num === 2).map((f) => text(req, f));
      seen.push({ path, name: specName(req), inputs });
    };
    server.addService(
      {
        Predict: def('PredictionService', 'Predict'),
        GetModelMetadata: def('PredictionService', 'GetModelMetadata'),
      } as grpc.ServiceDefinition,
      {
        Predict: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
          record('Predict', call.request);
          // PredictResponse: outputs (1) = the request's inputs (2) plus a marker entry, model_spec (2)
          const outputs = [...fields(call.request)]
            .filter((f) => f.num === 2)
            .map((f) => ld(1, call.request.subarray(f.start, f.end)));
          cb(
            null,
            Buffer.concat([
              ...outputs,
              ld(1, Buffer.concat([ld(1, `seen-by-${specName(call.request)}`), ld(2, '')])),
              ld(2, ld(1, 'spec')),
            ]),
          );
        },
        GetModelMetadata: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
          record('GetModelMetadata', call.request);
          cb(null, ld(1, ld(1, specName(call.request))));
        },
      },
    );
    server.addService({ GetModelStatus: def('ModelService', 'GetModelStatus') } as grpc.ServiceDefinition, {
      GetModelStatus: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        record('GetModelStatus', call.request);
        cb(null, Buffer.alloc(0));
      },
    });
    port = await listenGrpc(server);
  });
  afterAll(() => {
    server.forceShutdown();
  });

  it('chains outputs into inputs with model_spec.name set to the next node', async () => {
    const ep = { service_host: '127.0.0.1', grpcPort: port };
    const e = new GraphExecutor({
      clients: testClients(),
      graph: {
        name: 'a',
        type: 'MODEL',
        endpoint: ep,
        children: [{ name: 'b', type: 'MODEL', endpoint: ep }],
      },
      options: { protocol: 'tensorflow', defaultTransport: 'grpc' },
    });
    // PredictRequest{ model_spec{name "a"}, inputs{"x" → TensorProto{}} }
    const request = Buffer.concat([ld(1, ld(1, 'a')), ld(2, Buffer.concat([ld(1, 'x'), ld(2, '')]))]);
    const res = await e.predict(GraphPayload.fromProtobuf(request));
    expect(seen.map((s) => [s.name, s.inputs.length])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const answerKeys = [...fields(res.payload.bytes())]
      .filter((f) => f.num === 1)
      .map((f) => text(res.payload.bytes(), f));
    expect(answerKeys.some((k) => k.includes('seen-by-a'))).toBe(true);
    expect(answerKeys.some((k) => k.includes('seen-by-b'))).toBe(true);

    await e.nodeStatus('b');
    await e.nodeMetadata('a');
    expect(seen.slice(-2).map((s) => [s.path, s.name])).toEqual([
      ['GetModelStatus', 'b'],
      ['GetModelMetadata', 'a'],
    ]);
    await e.close();
  });
});

afterAll(() => closeTestClients());
