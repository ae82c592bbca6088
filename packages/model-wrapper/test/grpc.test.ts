import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import {
  feedbackToProto,
  messageFromProto,
  messageListToProto,
  messageToProto,
  modelMetadataFromProto,
  modelMetadataRequestToProto,
  type SeldonMessage,
} from '@seldon-ts/payload';
import { startMicroservice, NdArray, type ComponentInput, type Microservice } from '@seldon-ts/model-wrapper';

class Model {
  predict(X: ComponentInput) {
    if (typeof X === 'string' && X === 'fail') throw new Error('model exploded');
    return X as NdArray;
  }
  transformInput(X: ComponentInput) {
    return X as NdArray;
  }
  transformOutput(X: ComponentInput) {
    return X as NdArray;
  }
  route() {
    return 2;
  }
  aggregate(Xs: ComponentInput[]) {
    return Xs[Xs.length - 1] as NdArray;
  }
  sendFeedback() {
    return [7];
  }
  initMetadata() {
    return { name: 'm', versions: ['1'], platform: 'ts' };
  }
}

let svc: Microservice;
let client: grpc.Client;

beforeAll(async () => {
  svc = await startMicroservice(Model, {
    httpPort: 0,
    grpcPort: 0,
    metricsPort: null,
    host: '127.0.0.1',
    env: { PREDICTIVE_UNIT_ID: 'n' },
    maxMessageBytes: 64 * 1024,
  });
  client = new grpc.Client(`127.0.0.1:${svc.grpcPort}`, grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': 16 * 1024 * 1024,
  });
});
afterAll(async () => {
  client.close();
  await svc.close();
});

function unary(path: string, body: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      path,
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => b,
      body,
      (err, value) => (err ? reject(err) : resolve(value!)),
    );
  });
}

const REQ: SeldonMessage = { data: { names: ['a'], tensor: { shape: [1, 2], values: [1, 2] } } };

describe('gRPC services (05 §6)', () => {
  it.each([
    ['Model', 'Predict'],
    ['Seldon', 'Predict'],
    ['Generic', 'TransformInput'],
    ['Transformer', 'TransformInput'],
    ['Generic', 'TransformOutput'],
    ['OutputTransformer', 'TransformOutput'],
  ])('%s/%s echoes a tensor', async (service, rpc) => {
    const out = messageFromProto(await unary(`/seldon.protos.${service}/${rpc}`, messageToProto(REQ)));
    expect(out.data?.names).toEqual(['t:0', 't:1']);
    expect(out.data?.tensor?.shape).toEqual([1, 2]);
    expect(Array.from(out.data!.tensor!.values!)).toEqual([1, 2]);
    expect(out.meta?.requestPath).toEqual({ n: '' });
  });

  it.each([['Generic'], ['Router']])('%s/Route answers the route', async (service) => {
    const out = messageFromProto(await unary(`/seldon.protos.${service}/Route`, messageToProto(REQ)));
    expect(Array.from(out.data!.tensor!.values!)).toEqual([2]);
  });

  it.each([['Generic'], ['Combiner']])('%s/Aggregate', async (service) => {
    const list = messageListToProto({
      seldonMessages: [REQ, { data: { tensor: { shape: [1], values: [9] } } }],
    });
    const out = messageFromProto(await unary(`/seldon.protos.${service}/Aggregate`, list));
    expect(Array.from(out.data!.tensor!.values!)).toEqual([9]);
  });

  it.each([['Generic'], ['Model'], ['Router'], ['Seldon']])('%s/SendFeedback', async (service) => {
    const out = messageFromProto(
      await unary(`/seldon.protos.${service}/SendFeedback`, feedbackToProto({ request: REQ, reward: 1 })),
    );
    expect(Array.from(out.data!.tensor!.values!)).toEqual([7]);
  });

  it('Model/Metadata and Seldon/ModelMetadata', async () => {
    const a = modelMetadataFromProto(await unary('/seldon.protos.Model/Metadata', new Uint8Array(0)));
    expect(a).toMatchObject({ name: 'm', versions: ['1'], platform: 'ts' });
    const b = modelMetadataFromProto(
      await unary('/seldon.protos.Seldon/ModelMetadata', modelMetadataRequestToProto({ name: 'm' })),
    );
    expect(b).toMatchObject({ name: 'm' });
  });

  it('Seldon/GraphMetadata is not available at model level', async () => {
    await expect(unary('/seldon.protos.Seldon/GraphMetadata', new Uint8Array(0))).rejects.toMatchObject({
      code: grpc.status.UNIMPLEMENTED,
    });
  });

  it('a model exception → UNKNOWN with its text', async () => {
    await expect(
      unary('/seldon.protos.Model/Predict', messageToProto({ strData: 'fail' })),
    ).rejects.toMatchObject({
      code: grpc.status.UNKNOWN,
      details: 'model exploded',
    });
  });

  it('malformed protobuf → INVALID_ARGUMENT', async () => {
    await expect(
      unary('/seldon.protos.Model/Predict', Buffer.from([0x1a, 0xff, 0xff, 0xff])),
    ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('a message without data → INVALID_ARGUMENT', async () => {
    await expect(
      unary('/seldon.protos.Model/Predict', messageToProto({ meta: { puid: 'x' } })),
    ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('a message over maxMessageBytes → RESOURCE_EXHAUSTED', async () => {
    const big = messageToProto({ data: { tensor: { shape: [20000], values: new Float64Array(20000) } } });
    await expect(unary('/seldon.protos.Model/Predict', big)).rejects.toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
    });
  });

  it('a route the model lacks → UNIMPLEMENTED', async () => {
    const other = await startMicroservice(
      { predict: () => [1] },
      { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {} },
    );
    const c = new grpc.Client(`127.0.0.1:${other.grpcPort}`, grpc.credentials.createInsecure());
    try {
      const err = await new Promise<grpc.ServiceError>((resolve) => {
        c.makeUnaryRequest(
          '/seldon.protos.Router/Route',
          (b: Uint8Array) => Buffer.from(b),
          (b: Buffer) => b,
          messageToProto(REQ),
          (e) => resolve(e!),
        );
      });
      expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
      expect(err.details).toBe('route is not implemented');
    } finally {
      c.close();
      await other.close();
    }
  });
});
