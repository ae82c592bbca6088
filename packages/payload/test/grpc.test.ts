import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import {
  PayloadError,
  inferenceServices,
  makeSeldonServices,
  messageToProto,
  seldonServices,
  type SeldonMessage,
} from '../src/index.js';

describe('gRPC method descriptors', () => {
  it('cover every service and rpc of prediction.proto with full paths', () => {
    const paths = Object.entries(seldonServices).flatMap(([, rpcs]) =>
      Object.values(rpcs).map((m) => (m as { path: string }).path),
    );
    expect(paths.sort()).toEqual(
      [
        '/seldon.protos.Combiner/Aggregate',
        '/seldon.protos.Generic/Aggregate',
        '/seldon.protos.Generic/Route',
        '/seldon.protos.Generic/SendFeedback',
        '/seldon.protos.Generic/TransformInput',
        '/seldon.protos.Generic/TransformOutput',
        '/seldon.protos.Model/Metadata',
        '/seldon.protos.Model/Predict',
        '/seldon.protos.Model/SendFeedback',
        '/seldon.protos.OutputTransformer/TransformOutput',
        '/seldon.protos.Router/Route',
        '/seldon.protos.Router/SendFeedback',
        '/seldon.protos.Seldon/GraphMetadata',
        '/seldon.protos.Seldon/ModelMetadata',
        '/seldon.protos.Seldon/Predict',
        '/seldon.protos.Seldon/SendFeedback',
        '/seldon.protos.Transformer/TransformInput',
      ].sort(),
    );
    expect(seldonServices.Model.Predict.originalName).toBe('predict');
  });

  it('applies decode limits given to makeSeldonServices', () => {
    const bytes = Buffer.from(messageToProto({ data: { ndarray: [1, 2, 3, 4, 5] } }));
    expect(seldonServices.Model.Predict.requestDeserialize(bytes).data?.ndarray).toEqual([1, 2, 3, 4, 5]);
    const strict = makeSeldonServices({ maxElements: 3 });
    expect(() => strict.Model.Predict.requestDeserialize(bytes)).toThrow(PayloadError);
  });

  describe('with a real grpc-js server on 127.0.0.1', () => {
    const server = new grpc.Server();
    let client: grpc.Client & Record<string, (...a: unknown[]) => unknown>;
    let v2client: grpc.Client & Record<string, (...a: unknown[]) => unknown>;

    beforeAll(async () => {
      server.addService(seldonServices.Model as unknown as grpc.ServiceDefinition, {
        Predict: (
          call: grpc.ServerUnaryCall<SeldonMessage, SeldonMessage>,
          cb: grpc.sendUnaryData<SeldonMessage>,
        ) => {
          const v = call.request.data?.tensor?.values ?? [];
          cb(null, {
            data: {
              names: ['sum'],
              tensor: { shape: [1], values: [Array.from(v).reduce((a, b) => a + b, 0)] },
            },
          });
        },
        SendFeedback: (_c: unknown, cb: grpc.sendUnaryData<SeldonMessage>) => cb(null, {}),
        Metadata: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { name: 'm', versions: ['v1'] }),
      });
      server.addService(inferenceServices.GRPCInferenceService as unknown as grpc.ServiceDefinition, {
        ModelInfer: (
          call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>,
          cb: grpc.sendUnaryData<unknown>,
        ) =>
          cb(null, {
            modelName: call.request.modelName,
            outputs: [{ name: 'o', datatype: 'FP64', shape: ['1'], contents: { fp64Contents: [42] } }],
          }),
      });
      const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
          err ? reject(err) : resolve(p),
        ),
      );
      const Client = grpc.makeGenericClientConstructor(
        seldonServices.Model as unknown as grpc.ServiceDefinition,
        'Model',
      );
      client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as never;
      const V2 = grpc.makeGenericClientConstructor(
        inferenceServices.GRPCInferenceService as unknown as grpc.ServiceDefinition,
        'V2',
      );
      v2client = new V2(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as never;
    });

    afterAll(() => {
      client?.close();
      v2client?.close();
      server.forceShutdown();
    });

    const unary = <T>(
      c: Record<string, (...a: unknown[]) => unknown>,
      method: string,
      req: unknown,
    ): Promise<T> =>
      new Promise((resolve, reject) =>
        c[method](req, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
      );

    it('serves Model/Predict and Model/Metadata', async () => {
      const res = await unary<SeldonMessage>(client, 'Predict', {
        data: { tensor: { shape: [3], values: [1, 2, 3] } },
      });
      expect(Array.from(res.data!.tensor!.values!)).toEqual([6]);
      expect(res.data!.names).toEqual(['sum']);
      expect(await unary(client, 'Metadata', {})).toEqual({ name: 'm', versions: ['v1'] });
    });

    it('serves the v2 GRPCInferenceService/ModelInfer', async () => {
      const res = await unary<Record<string, unknown>>(v2client, 'ModelInfer', {
        modelName: 'x',
        inputs: [],
      });
      expect(res).toEqual({
        modelName: 'x',
        outputs: [{ name: 'o', datatype: 'FP64', shape: ['1'], contents: { fp64Contents: [42] } }],
      });
    });

    it('answers a status, not a crash, to bytes that are not a SeldonMessage', async () => {
      const Raw = grpc.makeGenericClientConstructor(
        {
          Predict: { ...seldonServices.Model.Predict, requestSerialize: (b: Buffer) => b },
        } as unknown as grpc.ServiceDefinition,
        'Raw',
      );
      const raw = new Raw(
        client.getChannel().getTarget(),
        grpc.credentials.createInsecure(),
      ) as unknown as Record<string, (...a: unknown[]) => unknown> & grpc.Client;
      try {
        await expect(unary(raw, 'Predict', Buffer.from([0x1a, 0x05, 0x12]))).rejects.toMatchObject({
          code: grpc.status.INTERNAL,
        });
      } finally {
        raw.close();
      }
    });
  });
});

describe('v2 gRPC chaining', () => {
  it('turns a ModelInferResponse into the next ModelInferRequest, raw contents included', async () => {
    const { chainV2InferResponse } = await import('../src/index.js');
    const Res = inferenceServices.GRPCInferenceService.ModelInfer;
    const response = Res.responseDeserialize(
      Res.responseSerialize({
        modelName: 'first',
        id: 'r1',
        parameters: { p: { stringParam: 'x' } },
        outputs: [{ name: 'o', datatype: 'FP32', shape: ['2'] }],
        rawOutputContents: [Buffer.from(new Float32Array([1, 2]).buffer)],
      }),
    );
    const next = chainV2InferResponse(response, 'second');
    const wire = Res.requestDeserialize(Res.requestSerialize(next));
    expect(wire.modelName).toBe('second');
    expect(wire.parameters).toEqual({ p: { stringParam: 'x' } });
    expect(wire.inputs).toEqual([{ name: 'o', datatype: 'FP32', shape: ['2'] }]);
    const raw = (wire.rawInputContents as Uint8Array[])[0];
    expect(
      Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength))),
    ).toEqual([1, 2]);
  });
});
