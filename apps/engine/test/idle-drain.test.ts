// Draining kept-alive REST clients: after close() begins, an answer on a kept-alive connection
// carries `Connection: close` and the client leaves by itself; the engine does not cut the
// connection under a request (the race that failed one request per pod in a rolling update).
import { describe, it, expect, afterAll } from '@jest/globals';
import { Client } from 'undici';
import { startEngine } from 'seldon-engine';
import { startNode, unit, type RunningNode } from './support/nodes.js';

const REQUEST = JSON.stringify({ data: { ndarray: [[1, 2]] } });
let node: RunningNode | undefined;

afterAll(async () => {
  await node?.close();
});

describe('idle drain on close', () => {
  it('serves a kept-alive client during the drain with Connection: close, then finishes without waiting out idleDrainMs', async () => {
    node ??= await startNode('classifier', { predict: (X: unknown) => X } as never);
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      idleDrainMs: 600_000,
      predictor: { name: 'default', graph: unit(node, 'MODEL') },
      log: () => undefined,
    });
    await engine.ready(5000);
    const client = new Client(`http://127.0.0.1:${engine.httpPort}`, { pipelining: 1 });
    const post = () =>
      client.request({
        method: 'POST',
        path: '/api/v1.0/predictions',
        headers: { 'content-type': 'application/json' },
        body: REQUEST,
      });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.headers.connection).not.toBe('close');
    await first.body.text();

    const closing = engine.close();
    const during = await post();
    expect(during.statusCode).toBe(200);
    expect(during.headers.connection).toBe('close');
    expect(JSON.parse(await during.body.text())).toMatchObject({ data: { ndarray: [[1, 2]] } });
    // The client has left: close() completes long before the 10-minute window (Jest's 30 s limit).
    await expect(closing).resolves.toEqual({ graceful: true });
    await client.close();
  });
});
