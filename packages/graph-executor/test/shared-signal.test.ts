// Regression: the executor linked one 'abort' listener per operation to the caller's signal, so a
// signal shared by many requests (an engine's shutdown signal) collected listeners and tripped
// MaxListenersExceededWarning. Now each shared signal carries at most one listener.
import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { getEventListeners } from 'node:events';
import { GraphExecutor, GraphPayload, GraphError } from '@seldon-ts/graph-executor';
import { startRestNode } from './support/nodes.js';
import type { RestNode } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';

const input = () => GraphPayload.fromJsonText('{"data":{"ndarray":[[1,2]]}}');
const ep = (port: number) => ({
  service_host: '127.0.0.1',
  httpPort: port,
  grpcPort: port,
  service_port: port,
});

async function untilAborted(node: RestNode, n: number): Promise<void> {
  while (node.aborted < n) await new Promise((r) => setTimeout(r, 5));
}

describe('a signal shared by many operations', () => {
  let ok: RestNode;
  let slow: RestNode;
  let executor: GraphExecutor;
  let slowExecutor: GraphExecutor;
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);

  beforeAll(async () => {
    ok = await startRestNode(() => ({ body: { data: { ndarray: [[1]] } } }));
    slow = await startRestNode(() => ({ body: { data: { ndarray: [[1]] } }, delayMs: 5_000 }));
    executor = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'ok', type: 'MODEL', endpoint: ep(ok.port) },
    });
    slowExecutor = new GraphExecutor({
      graph: { name: 'slow', type: 'MODEL', endpoint: ep(slow.port) },
      clients: testClients({ rest: { connections: 8 } }),
    });
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await executor.close();
    await slowExecutor.close();
    await ok.close();
    await slow.close();
  });

  it('holds one listener while many requests run and none once they end', async () => {
    const shared = new AbortController();
    const runs = Array.from({ length: 50 }, () => executor.predict(input(), { signal: shared.signal }));
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1);
    await Promise.all(runs);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('aborting the shared signal cancels every in-flight node call, and the node sees it', async () => {
    const shared = new AbortController();
    const runs = Array.from({ length: 20 }, () =>
      slowExecutor.predict(input(), { signal: shared.signal }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    // With 8 connections per node, 8 calls reach the node and 12 wait in the client's queue.
    while (slow.requests.length < 8) await new Promise((r) => setTimeout(r, 5));
    shared.abort();
    const errors = await Promise.all(runs);
    for (const err of errors) {
      expect(err).toBeInstanceOf(GraphError);
      expect((err as GraphError).code).toBe('SC_ERR_GRAPH_CANCELLED');
    }
    await untilAborted(slow, 8);
    expect(slow.aborted).toBe(8);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });
});

afterAll(() => closeTestClients());
