// The v2 (Open Inference) protocol over gRPC: ModelInfer chaining response → request on the wire.
import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { inferenceServices } from '@seldon-ts/payload';
import { GraphExecutor, GraphPayload } from '@seldon-ts/graph-executor';
import { listenGrpc } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';

type Obj = Record<string, any>;
const svc = inferenceServices.GRPCInferenceService;

describe('v2 protocol over gRPC nodes', () => {
  let server: grpc.Server;
  let port: number;
  const seen: Obj[] = [];

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(svc as unknown as grpc.ServiceDefinition, {
      ModelInfer: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) => {
        seen.push(call.request);
        const outputs = (call.request.inputs as Obj[]).map((t) => ({
          name: `${t.name}'`,
          datatype: t.datatype,
          shape: t.shape,
          contents: { fp32Contents: t.contents.fp32Contents.map((x: number) => x + 1) },
        }));
        cb(null, { modelName: `answer-of-${call.request.modelName}`, id: call.request.id, outputs });
      },
      ModelReady: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) =>
        cb(null, { ready: call.request.name === 'a' }),
      ModelMetadata: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) =>
        cb(null, { name: call.request.name, platform: 'test' }),
    });
    port = await listenGrpc(server);
  });
  afterAll(() => {
    server.forceShutdown();
  });

  it('chains ModelInferResponse outputs into the next ModelInferRequest inputs', async () => {
    const ep = { service_host: '127.0.0.1', grpcPort: port };
    const e = new GraphExecutor({
      clients: testClients(),
      graph: {
        name: 'a',
        type: 'MODEL',
        endpoint: ep,
        children: [{ name: 'b', type: 'MODEL', endpoint: ep }],
      },
      options: { protocol: 'v2', defaultTransport: 'grpc' },
    });
    const request = svc.ModelInfer.requestSerialize({
      id: 'r1',
      inputs: [{ name: 'x', datatype: 'FP32', shape: ['2'], contents: { fp32Contents: [1, 2] } }],
    });
    const res = await e.predict(GraphPayload.fromProtobuf(request));
    const answer = svc.ModelInfer.responseDeserialize(Buffer.from(res.payload.bytes())) as Obj;
    expect(answer.modelName).toBe('answer-of-b');
    expect(answer.outputs[0].name).toBe("x''");
    expect(answer.outputs[0].contents.fp32Contents).toEqual([3, 4]);
    expect(seen.map((r) => r.modelName)).toEqual(['a', 'b']);
    expect(seen[1]!.inputs[0]).toMatchObject({ name: "x'", datatype: 'FP32', shape: ['2'] });
    expect(seen[1]!.id).toBe('r1');

    const ready = await e.nodeStatus('a');
    expect((svc.ModelReady.responseDeserialize(Buffer.from(ready.payload.bytes())) as Obj).ready).toBe(true);
    const md = await e.nodeMetadata('b');
    expect(svc.ModelMetadata.responseDeserialize(Buffer.from(md.payload.bytes()))).toMatchObject({
      name: 'b',
      platform: 'test',
    });

    // feedback is never forwarded with the v2 protocol: the request comes back
    const fb = GraphPayload.fromProtobuf(new Uint8Array([0x0a, 0x00]));
    expect((await e.feedback(fb)).payload).toBe(fb);
    await e.close();
  });
});

afterAll(() => closeTestClients());
