// Regression (hostile input): a small gzip body that inflates to gigabytes used to be inflated
// whole and synchronously when a v2 or tensorflow graph chained it, aborting the process at 2 GiB.
// It is now refused at the body limit with 413, off the event loop, and the engine serves on.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { startNode, unit, type RunningNode } from './support/nodes.js';

describe('a gzip bomb posted to a v2 engine', () => {
  let node: RunningNode;
  let engine: EngineHandle;
  let calls = 0;
  beforeAll(async () => {
    node = await startNode('x', {
      predict: (X: unknown) => {
        calls++;
        return X;
      },
    } as never);
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      protocol: 'v2',
      maxBodyBytes: 1024 * 1024,
      predictor: { name: 'p', graph: unit(node, 'MODEL') },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await engine?.close();
    await node?.close();
  });

  it('answers 413 naming the limit, calls no node, and keeps serving', async () => {
    // 256 MiB of JSON in ~250 KiB of gzip, posted under the 1 MiB body limit.
    const json = Buffer.concat([
      Buffer.from('{"inputs":[],"pad":"'),
      Buffer.alloc(256 * 1024 * 1024, 0x61),
      Buffer.from('"}'),
    ]);
    const bomb = gzipSync(json, { level: 9 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const res = await fetch(`http://127.0.0.1:${engine.httpPort}/v2/models/x/infer`, {
      method: 'POST',
      body: bomb,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error?: string; status?: { info?: string; reason?: string } };
    expect(JSON.stringify(body)).toContain(
      'decodes to more than the limit of 1048576 bytes (maxMessageBytes)',
    );
    expect(JSON.stringify(body)).toContain('SC_ERR_GRAPH_DECODED_TOO_LARGE');
    expect(calls).toBe(0);
    // Stopped at the limit: nothing near 256 MiB was held.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * 1024 * 1024);
    expect((await fetch(`http://127.0.0.1:${engine.httpPort}/v2/health/live`)).status).toBe(200);
  }, 60_000);
});
