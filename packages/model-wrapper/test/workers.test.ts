import { describe, it, expect } from '@jest/globals';
import { messageOf, statusOf } from './support/http.js';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { messageFromProto, messageToProto } from '@seldon-ts/payload';
import { startMicroservice, WrapperError } from '@seldon-ts/model-wrapper';

const fixture = fileURLToPath(new URL('./fixtures/thread-model.mjs', import.meta.url));

describe('worker-thread mode', () => {
  it('serves REST and gRPC from N worker threads with no change to the component', async () => {
    const svc = await startMicroservice(
      { module: fixture, parameters: { spinMs: 20 } },
      { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {}, workers: 2 },
    );
    const client = new grpc.Client(`127.0.0.1:${svc.grpcPort}`, grpc.credentials.createInsecure());
    try {
      expect(svc.runtime.has('predict')).toBe(true);
      expect(svc.runtime.has('route')).toBe(false);
      const rest = await Promise.all(
        Array.from({ length: 6 }, () =>
          fetch(`http://127.0.0.1:${svc.httpPort}/predict`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{"data":{"ndarray":[1]}}',
          }).then(messageOf),
        ),
      );
      expect(new Set(rest.map((a) => a.data?.ndarray?.[0])).size).toBe(2);
      const viaGrpc = await new Promise<Buffer>((resolve, reject) =>
        client.makeUnaryRequest(
          '/seldon.protos.Model/Predict',
          (b: Uint8Array) => Buffer.from(b),
          (b: Buffer) => b,
          messageToProto({ data: { ndarray: [1] } }),
          (e, v) => (e ? reject(e) : resolve(v!)),
        ),
      );
      expect(messageFromProto(viaGrpc).data?.ndarray?.[0]).toBeGreaterThan(0);
      // Errors cross the thread boundary with their code.
      const r = await fetch(`http://127.0.0.1:${svc.httpPort}/route`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"data":{"ndarray":[1]}}',
      });
      expect(r.status).toBe(400);
      expect((await statusOf(r)).status.info).toBe('route is not implemented');
    } finally {
      client.close();
      await svc.close();
    }
  });

  it('needs a module spec', async () => {
    await expect(
      startMicroservice(
        { predict: () => [1] },
        { httpPort: 0, grpcPort: null, metricsPort: null, env: {}, workers: 2 },
      ),
    ).rejects.toBeInstanceOf(WrapperError);
  });
});
