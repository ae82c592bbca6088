// The gRPC front door loads the gRPC service (and @grpc/grpc-js) when the first client connects:
// clients that connect while it loads are all served, a service that cannot be loaded is logged and
// its connections closed, and an engine nobody called over gRPC closes cleanly.
import { describe, it, expect, afterEach } from '@jest/globals';
import { once } from 'node:events';
import { connect } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { messageFromProto } from '@seldon-ts/payload';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { createGrpcFrontDoor } from '../src/internal/grpc-door.js';
import type { EngineRuntime } from '../src/internal/runtime.js';
import type { GrpcService } from '../src/internal/grpc-server.js';
import { startNode, unit, type RunningNode } from './support/nodes.js';
import { SeldonClient as Client, predict } from './support/seldon-grpc-client.js';

let node: RunningNode | undefined;
let engine: EngineHandle | undefined;
const clients: grpc.Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await engine?.close();
  await node?.close();
  engine = node = undefined;
});

async function identityEngine(): Promise<EngineHandle> {
  node = await startNode('identity', { predict: (X: unknown) => X } as never);
  return startEngine({
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    log: () => undefined,
    predictor: { name: 'p', graph: unit(node, 'MODEL') },
  });
}

describe('the gRPC front door', () => {
  it('serves every client that connected while the gRPC service was loading', async () => {
    engine = await identityEngine();
    // Eight clients, each on its own connection, call at once: all arrive before the service is loaded.
    for (let i = 0; i < 8; i++)
      clients.push(
        new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure(), {
          'grpc.use_local_subchannel_pool': 1,
        }),
      );
    const answers = await Promise.all(clients.map(predict));
    for (const answer of answers)
      expect((messageFromProto(answer) as { data: { ndarray: unknown } }).data.ndarray).toEqual([[1, 2]]);
  });

  it('closes at once when no gRPC client ever connected', async () => {
    engine = await identityEngine();
    expect((await engine.close()).graceful).toBe(true);
    // The port no longer accepts connections.
    const socket = connect(engine.grpcPort, '127.0.0.1');
    const [err] = (await once(socket, 'error')) as [NodeJS.ErrnoException];
    expect(err.code).toBe('ECONNREFUSED');
  });

  it('logs a gRPC service that cannot be loaded and closes its connections', async () => {
    const logged: string[] = [];
    const runtime = {
      config: {},
      log: (_level: string, message: string) => logged.push(message),
    } as unknown as EngineRuntime;
    const door = createGrpcFrontDoor(runtime, () => Promise.reject(new Error('no grpc-js here')));
    const port = await door.listen('127.0.0.1', 0);
    try {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'close');
      expect(logged).toEqual(['the gRPC service could not be loaded: no grpc-js here']);
      expect(door.loaded()).toBe(false);
      expect(door.inFlight()).toBe(0);
    } finally {
      await door.close();
    }
  });

  it('loads the gRPC service at start when the graph transport is gRPC', async () => {
    let loads = 0;
    const service: GrpcService = {
      serve: () => undefined,
      close: async () => undefined,
      forceClose: () => undefined,
      inFlight: () => 0,
    };
    const runtimeFor = (transport: string) =>
      ({ config: { transport }, log: () => undefined }) as unknown as EngineRuntime;
    for (const transport of ['grpc', 'rest']) {
      const door = createGrpcFrontDoor(runtimeFor(transport), async () => {
        loads++;
        return service;
      });
      await door.listen('127.0.0.1', 0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(door.loaded()).toBe(transport === 'grpc');
      await door.close();
    }
    expect(loads).toBe(1);
  });
});
