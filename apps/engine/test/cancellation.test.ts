// Node calls are cancelled, not abandoned, when the client goes away (REST and gRPC) and when the
// engine stops without draining: the node itself sees its request closed or its call cancelled.
import { describe, it, expect } from '@jest/globals';
import { request } from 'node:http';
import * as grpc from '@grpc/grpc-js';
import { messageToProto } from '@seldon-ts/payload';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { startHttp, type TestServer, bindGrpc } from './support/nodes.js';
import { rawMethod } from '../src/internal/grpc-raw.js';

/** A REST node that never answers and reports when the engine closes its request. */
async function stuckRestNode(): Promise<{ node: TestServer; arrived: Promise<void>; closed: Promise<void> }> {
  let arrive!: () => void;
  let close!: () => void;
  const arrived = new Promise<void>((r) => (arrive = r));
  const closed = new Promise<void>((r) => (close = r));
  const node = await startHttp((_req, res) => {
    res.once('close', () => close());
    arrive();
  });
  return { node, arrived, closed };
}

function engineFor(port: number, extra: Record<string, unknown> = {}): Promise<EngineHandle> {
  return startEngine({
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    log: () => undefined,
    ...extra,
    predictor: {
      name: 'p',
      graph: {
        name: 'stuck',
        type: 'MODEL',
        endpoint: { service_host: '127.0.0.1', service_port: port, httpPort: port, grpcPort: port },
      },
    },
  });
}

describe('cancellation of node calls', () => {
  it('a REST client that disconnects cancels the node call', async () => {
    const { node, arrived, closed } = await stuckRestNode();
    const engine = await engineFor(node.port);
    try {
      const req = request({
        host: '127.0.0.1',
        port: engine.httpPort,
        method: 'POST',
        path: '/api/v1.0/predictions',
        headers: { 'content-type': 'application/json' },
      });
      req.on('error', () => undefined); // the socket is destroyed on purpose
      req.end('{"data":{"ndarray":[[1]]}}');
      await arrived;
      req.destroy();
      await closed; // the node saw the engine close its request (bounded by the test timeout)
      expect(await engine.close()).toEqual({ graceful: true });
    } finally {
      await engine.close();
      await node.close();
    }
  });

  it('a non-graceful stop cancels the node calls still running', async () => {
    const { node, arrived, closed } = await stuckRestNode();
    const engine = await engineFor(node.port, { gracefulTimeoutMs: 200 });
    const req = request({
      host: '127.0.0.1',
      port: engine.httpPort,
      method: 'POST',
      path: '/api/v1.0/predictions',
      headers: { 'content-type': 'application/json' },
    });
    const failed = new Promise<Error>((r) => req.on('error', r));
    req.end('{"data":{"ndarray":[[1]]}}');
    await arrived;
    expect(await engine.close()).toEqual({ graceful: false });
    await closed;
    expect((await failed).message).toMatch(/socket hang up|ECONNRESET/);
    await node.close();
  });

  it('a gRPC client that cancels its call cancels the node call', async () => {
    let arrive!: () => void;
    let cancel!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    const cancelled = new Promise<void>((r) => (cancel = r));
    const nodeServer = new grpc.Server();
    nodeServer.addService({ Predict: rawMethod('/seldon.protos.Model/Predict') } as never, {
      Predict: (call: grpc.ServerUnaryCall<Buffer, Buffer>) => {
        call.once('cancelled', () => cancel());
        arrive(); // never answers
      },
    });
    const port = await bindGrpc(nodeServer);
    const engine = await engineFor(port, { transport: 'grpc' });
    const Client = grpc.makeGenericClientConstructor(
      { Predict: rawMethod('/seldon.protos.Seldon/Predict') } as never,
      'Seldon',
    );
    const client = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    try {
      const outcome = new Promise<grpc.ServiceError | null>((resolve) => {
        const call = (client as unknown as Record<string, (...a: unknown[]) => grpc.ClientUnaryCall>).Predict(
          Buffer.from(messageToProto({ data: { ndarray: [[1]] } } as never)),
          new grpc.Metadata(),
          (err: grpc.ServiceError | null) => resolve(err),
        );
        void arrived.then(() => call.cancel());
      });
      expect((await outcome)?.code).toBe(grpc.status.CANCELLED);
      await cancelled; // the node saw its call cancelled
      expect(await engine.close()).toEqual({ graceful: true });
    } finally {
      client.close();
      await engine.close();
      nodeServer.forceShutdown();
    }
  });
});
