// Hostile input over gRPC: a gzip-compressed message is held to the message size limit after
// decompression (grpc-js checks the decoded length and stops inflating there), so ~64 KiB on the
// wire cannot become 64 MiB in the engine or at a node.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { messageToProto } from '@seldon-ts/payload';
import type { EngineHandle } from 'seldon-engine';
import { startGrpcEngine, startNode, unit, type RunningNode } from './support/nodes.js';

describe('a compressed gRPC message past the limit', () => {
  let node: RunningNode;
  let engine: EngineHandle;
  let calls = 0;
  beforeAll(async () => {
    node = await startNode('model', {
      predict: (X: unknown) => {
        calls++;
        return X;
      },
    } as never);
    engine = await startGrpcEngine(unit(node, 'MODEL', {}, 'grpc'), { grpcMaxMessageBytes: 1024 * 1024 });
  });
  afterAll(async () => {
    await engine?.close();
    await node?.close();
  });

  const predict = (client: grpc.Client, bytes: Uint8Array) =>
    new Promise<{ err: grpc.ServiceError | null; res?: Buffer }>((resolve) =>
      client.makeUnaryRequest(
        '/seldon.protos.Seldon/Predict',
        (b: Uint8Array) => Buffer.from(b),
        (b: Buffer) => b,
        bytes,
        (err, res) => resolve({ err, res }),
      ),
    );

  it('is refused with RESOURCE_EXHAUSTED, reaches no node, and the engine serves on', async () => {
    // 64 MiB of strData: gzip makes it ~64 KiB on the wire.
    const big = messageToProto({ strData: 'a'.repeat(64 * 1024 * 1024) });
    const client = new grpc.Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure(), {
      'grpc.default_compression_algorithm': 2, // gzip
      'grpc.max_send_message_length': -1,
    });
    try {
      // ~64 KiB on the wire is under the 1 MiB limit: only a check after decompression refuses it.
      const { err } = await predict(client, big);
      expect(err?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(calls).toBe(0);
      const small = await predict(client, messageToProto({ strData: 'hello' }));
      expect(small.err).toBeNull();
      expect(calls).toBe(1);
    } finally {
      client.close();
    }
  }, 60_000);
});
