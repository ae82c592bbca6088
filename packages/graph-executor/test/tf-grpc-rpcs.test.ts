// The tensorflow protocol over gRPC picks the node RPC from the payload's message type: a payload
// whose content type says `messageType=tensorflow.serving.ClassificationRequest` reaches the node's
// Classify (likewise Regress, MultiInference), and the answer says which response it holds.
import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { GraphExecutor, GraphPayload } from '@seldon-ts/graph-executor';
import { protobufMessageType, tfGrpcMethod } from '../src/internal/paths.js';
import { ld, listenGrpc, rawMethod } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';

const RPCS = ['Predict', 'Classify', 'Regress', 'MultiInference'];

describe('tensorflow gRPC node RPC chosen by message type', () => {
  let server: grpc.Server;
  let port: number;
  const seen: { rpc: string; bytes: Buffer }[] = [];

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(
      Object.fromEntries(
        RPCS.map((r) => [r, rawMethod(`/tensorflow.serving.PredictionService/${r}`, r)]),
      ) as grpc.ServiceDefinition,
      Object.fromEntries(
        RPCS.map((r) => [
          r,
          (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
            seen.push({ rpc: r, bytes: call.request });
            cb(null, ld(1, `answer-of-${r}`));
          },
        ]),
      ),
    );
    port = await listenGrpc(server);
  });
  afterAll(() => {
    server.forceShutdown();
  });

  const executor = () =>
    new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'MODEL', endpoint: { service_host: '127.0.0.1', grpcPort: port } },
      options: { protocol: 'tensorflow', defaultTransport: 'grpc' },
    });

  it('reads the messageType parameter of a content type', () => {
    expect(protobufMessageType('application/protobuf')).toBeUndefined();
    expect(protobufMessageType(undefined)).toBeUndefined();
    expect(protobufMessageType('application/protobuf; messageType=a.B')).toBe('a.B');
    expect(protobufMessageType('application/x-protobuf;charset=x; MessageType="a.C"')).toBe('a.C');
    expect(tfGrpcMethod('predict')).toBe('/tensorflow.serving.PredictionService/Predict');
    expect(
      tfGrpcMethod(
        'transform-input',
        'application/protobuf; messageType=tensorflow.serving.RegressionRequest',
      ),
    ).toBe('/tensorflow.serving.PredictionService/Regress');
    expect(
      tfGrpcMethod('predict', 'application/protobuf; messageType=tensorflow.serving.Nope'),
    ).toBeUndefined();
  });

  it("calls the node's RPC named by the payload's request message and tags the answer", async () => {
    const e = executor();
    seen.length = 0;
    try {
      for (const [rpc, message] of [
        ['Classify', 'ClassificationRequest'],
        ['Regress', 'RegressionRequest'],
        ['MultiInference', 'MultiInferenceRequest'],
      ]) {
        const request = ld(1, ld(1, `for-${rpc}`));
        const res = await e.predict(
          GraphPayload.fromBytes(request, `application/protobuf; messageType=tensorflow.serving.${message}`),
        );
        expect(Buffer.from(res.payload.bytes()).equals(ld(1, `answer-of-${rpc}`))).toBe(true);
        expect(res.payload.isProtobuf).toBe(true);
        expect(res.payload.contentType).toBe(
          `application/protobuf; messageType=tensorflow.serving.${message.replace('Request', 'Response')}`,
        );
        expect(seen.at(-1)).toEqual({ rpc, bytes: request });
      }
      // A plain protobuf payload is a PredictRequest, as before.
      const plain = await e.predict(GraphPayload.fromProtobuf(ld(1, ld(1, 'm'))));
      expect(plain.payload.contentType).toBe('application/protobuf');
      expect(seen.at(-1)?.rpc).toBe('Predict');
    } finally {
      await e.close();
    }
  });

  it('refuses a message type no PredictionService RPC takes, naming it and the node', async () => {
    const e = executor();
    seen.length = 0;
    try {
      await expect(
        e.predict(
          GraphPayload.fromBytes(
            ld(1, 'x'),
            'application/protobuf; messageType=tensorflow.serving.GetModelStatusRequest',
          ),
        ),
      ).rejects.toMatchObject({
        code: 'SC_ERR_GRAPH_UNSUPPORTED',
        message: expect.stringContaining(
          'no tensorflow.serving.PredictionService RPC takes a tensorflow.serving.GetModelStatusRequest (node m)',
        ),
      });
      expect(seen).toEqual([]);
    } finally {
      await e.close();
    }
  });
});

afterAll(() => closeTestClients());
