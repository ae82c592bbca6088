// The gRPC front door: seldon.protos.Seldon over a real socket, nodes called over gRPC.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import {
  messageToProto,
  messageFromProto,
  feedbackToProto,
  graphMetadataFromProto,
  modelMetadataRequestToProto,
  modelMetadataFromProto,
  seldonServices,
  type Feedback,
  type SeldonMessage,
} from '@seldon-ts/payload';
import type { EngineHandle } from 'seldon-engine';
import { startGrpcEngine, startNode, unit, type RunningNode } from './support/nodes.js';
import { rawMethod } from '../src/internal/grpc-raw.js';

const Client = grpc.makeGenericClientConstructor(
  {
    Predict: rawMethod('/seldon.protos.Seldon/Predict'),
    SendFeedback: rawMethod('/seldon.protos.Seldon/SendFeedback'),
    ModelMetadata: rawMethod('/seldon.protos.Seldon/ModelMetadata'),
    GraphMetadata: rawMethod('/seldon.protos.Seldon/GraphMetadata'),
    Check: rawMethod('/grpc.health.v1.Health/Check'),
  } as never,
  'Seldon',
);

type Unary = (
  req: Buffer,
  md: grpc.Metadata,
  cb: (err: grpc.ServiceError | null, res?: Buffer) => void,
) => grpc.ClientUnaryCall;

function call(
  client: grpc.Client,
  method: string,
  req: Uint8Array,
  md = new grpc.Metadata(),
): Promise<{ res: Buffer; headers: grpc.Metadata }> {
  return new Promise((resolve, reject) => {
    let headers = new grpc.Metadata();
    const c = (client as unknown as Record<string, Unary>)[method].call(
      client,
      Buffer.from(req),
      md,
      (err, res) => (err ? reject(err) : resolve({ res: res as Buffer, headers })),
    );
    c.on('metadata', (m: grpc.Metadata) => (headers = m));
  });
}

describe('gRPC serving', () => {
  let node: RunningNode;
  let engine: EngineHandle;
  let client: grpc.Client;
  beforeAll(async () => {
    node = await startNode('doubler', {
      predict: (X: any) => X.toArray().map((row: number[]) => row.map((v) => v * 2)),
    } as never);
    engine = await startGrpcEngine(unit(node, 'MODEL', {}, 'grpc'), { grpcMaxMessageBytes: 4096 });
    client = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await engine?.close();
    await node?.close();
  });

  it('Predict runs the graph over gRPC and returns the puid header', async () => {
    const md = new grpc.Metadata();
    md.set('seldon-puid', 'grpc-puid-1');
    const { res, headers } = await call(
      client,
      'Predict',
      messageToProto({ data: { ndarray: [[1, 2]] } } as never),
      md,
    );
    const msg = messageFromProto(res) as any;
    const values = msg.data.ndarray ?? msg.data.tensor?.values;
    expect(JSON.stringify(values)).toContain('4');
    expect(headers.get('seldon-puid')).toEqual(['grpc-puid-1']);
  });

  it('SendFeedback reaches the model', async () => {
    const { res } = await call(
      client,
      'SendFeedback',
      feedbackToProto({ request: { data: { ndarray: [[1]] } }, reward: 1 } as never),
    );
    // The model's answer to the feedback (it has no sendFeedback: an empty prediction), as a
    // SeldonMessage naming the node it passed through.
    expect(messageFromProto(res)).toEqual({ meta: { requestPath: { doubler: '' } }, data: { ndarray: [] } });
  });

  it('GraphMetadata and ModelMetadata answer', async () => {
    const g = graphMetadataFromProto((await call(client, 'GraphMetadata', new Uint8Array())).res) as any;
    expect(Object.keys(g.models)).toEqual(['doubler']);
    const m = modelMetadataFromProto(
      (await call(client, 'ModelMetadata', modelMetadataRequestToProto({ name: 'doubler' } as never))).res,
    ) as any;
    // The same metadata the node gives over REST (a component without initMetadata: defaults).
    const rest = await (await fetch(`http://127.0.0.1:${node.httpPort}/metadata`)).json();
    expect(m).toEqual(expect.objectContaining({ versions: (rest as { versions: string[] }).versions }));
    expect(m.versions).toEqual(['']);
  });

  it('answers gRPC health checks', async () => {
    const { res } = await call(client, 'Check', new Uint8Array());
    expect([...res]).toEqual([0x08, 1]);
  });

  it('a request that is not a SeldonMessage gets INVALID_ARGUMENT naming the problem', async () => {
    const err = await call(client, 'Predict', Buffer.from([0xff, 0xff, 0xff])).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err?.details).not.toBe('');
    expect(err?.metadata.get('seldon-error-code')).toHaveLength(1);
  });

  it('a message over grpcMaxMessageBytes gets RESOURCE_EXHAUSTED and the connection serves on', async () => {
    const big = messageToProto({
      data: { ndarray: [Array.from({ length: 1000 }, (_, i) => i + 0.5)] },
    } as never);
    expect(big.byteLength).toBeGreaterThan(4096);
    const err = await call(client, 'Predict', big).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(err?.details).toMatch(/4096/);
    const { res } = await call(client, 'Predict', messageToProto({ data: { ndarray: [[3]] } } as never));
    expect(JSON.stringify((messageFromProto(res) as any).data)).toContain('6');
  });
});

// Regression: a root that takes no feedback (a TRANSFORMER) answered Seldon/SendFeedback with the
// request's Feedback bytes, which a client reads as a SeldonMessage: grpc-js failed with "Response
// message parsing error". The reference answers an empty SeldonMessage (REST answers the Feedback).
describe('SendFeedback to a root that takes no feedback', () => {
  const SeldonClient = grpc.makeGenericClientConstructor(
    seldonServices.Seldon as unknown as grpc.ServiceDefinition,
    'Seldon',
  );
  let transformer: RunningNode;
  let model: RunningNode;
  let engine: EngineHandle;
  let client: grpc.Client;
  const rewards: number[] = [];
  beforeAll(async () => {
    transformer = await startNode('transformer', { transformInput: (X: unknown) => X } as never);
    model = await startNode('model', {
      predict: (X: unknown) => X,
      sendFeedback: (_X: unknown, _names: string[], reward: number) => {
        rewards.push(reward);
        return [[1]];
      },
    } as never);
    engine = await startGrpcEngine(
      unit(transformer, 'TRANSFORMER', { children: [unit(model, 'MODEL', {}, 'grpc')] }, 'grpc'),
    );
    client = new SeldonClient(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await engine?.close();
    await transformer?.close();
    await model?.close();
  });

  it('answers an empty SeldonMessage that grpc-js parses, and the feedback reaches the child model', async () => {
    const feedback: Feedback = {
      request: { data: { ndarray: [[1, 2]] } },
      response: { data: { ndarray: [[0.9, 0.1]] } },
      reward: 0.5,
    };
    const answer = await new Promise<SeldonMessage>((resolve, reject) =>
      (
        client as unknown as Record<
          string,
          (req: Feedback, cb: (err: grpc.ServiceError | null, res?: SeldonMessage) => void) => void
        >
      ).SendFeedback(feedback, (err, res) => (err ? reject(err) : resolve(res as SeldonMessage))),
    );
    expect(answer).toEqual({});
    expect(rewards).toEqual([0.5]);
  });
});
