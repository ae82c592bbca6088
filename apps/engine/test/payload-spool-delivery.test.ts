// Payload logs through the disk spool lose nothing: a sink slower than the predictions, a sink
// that is down for a while, and an engine killed with SIGKILL while events wait on disk.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEngine } from 'seldon-engine';
import { startNode, unit, predictMany, type RunningNode } from './support/nodes.js';
import { slowSink } from './support/slow-sink.js';
import { until } from './support/until.js';
import { spawnSpoolingEngine, httpPortOf } from './support/engine-cli.js';

const quiet = () => undefined;

describe('payload logging through the disk spool', () => {
  let node: RunningNode;
  let dir: string;
  beforeAll(async () => {
    node = await startNode('logged', { predict: (X: unknown) => X } as never);
  });
  afterAll(() => node?.close());

  const engineFor = (sinkPort: number, spoolDir: string) =>
    startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: quiet,
      // A queue this small would drop most events of this test; the spool takes them all.
      payloadLogger: { spoolDir, queueSize: 10, writeTimeoutMs: 0 },
      predictor: {
        name: 'pred',
        graph: unit(node, 'MODEL', { logger: { mode: 'all', url: `http://127.0.0.1:${sinkPort}/events` } }),
      },
    });

  it('delivers every event to a sink slower than the predictions, and through a sink outage', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-slow-'));
    const sink = await slowSink(400);
    const engine = await engineFor(sink.port, dir);
    try {
      // 1,000 predictions at c=16 take well under a second; the sink needs 5 s for their 2,000 events.
      expect(await predictMany(engine.httpPort, 1000, 16)).toBe(1000);
      // The predictions did not wait for the sink: it has not had all their events yet.
      expect(sink.distinct()).toBeLessThan(2000);
      // The sink goes down (503) in the middle of the delivery, then comes back.
      sink.setDown(true);
      expect(await predictMany(engine.httpPort, 500, 16, 1000)).toBe(500);
      await new Promise((r) => setTimeout(r, 1500));
      sink.setDown(false);
      await until('all 3,000 events', () => sink.distinct() === 3000, 60_000);
      expect(sink.got.get('request:p-0')).toBe(1);
      expect(sink.got.get('response:p-1499')).toBe(1);
    } finally {
      await engine.close();
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('delivers, after a restart, what an engine killed with SIGKILL had spooled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-kill-'));
    const sink = await slowSink(10_000);
    sink.setDown(true);
    const graph = unit(node, 'MODEL', {
      logger: { mode: 'all', url: `http://127.0.0.1:${sink.port}/events` },
    });
    const first = spawnSpoolingEngine(graph, dir);
    try {
      const port = await httpPortOf(first);
      expect(await predictMany(port, 200, 8)).toBe(200);
      // Spooled to disk within a turn of the event loop; the sink refused every attempt so far.
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.distinct()).toBe(0);
    } finally {
      first.kill('SIGKILL');
      await once(first, 'exit');
    }
    sink.setDown(false);
    const second = spawnSpoolingEngine(graph, dir);
    try {
      await httpPortOf(second);
      await until('the 400 spooled events', () => sink.distinct() === 400, 30_000);
      expect(sink.got.get('request:p-199')).toBe(1);
    } finally {
      second.kill('SIGTERM');
      await once(second, 'exit');
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('drops, counted as failed, an event whose gzip body inflates past the limit', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spool-bomb-'));
    const sink = await slowSink(10_000);
    const errors: string[] = [];
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: (_level, message) => errors.push(message),
      maxBodyBytes: 1024 * 1024,
      payloadLogger: { spoolDir: dir },
      predictor: {
        name: 'pred',
        graph: unit(node, 'MODEL', {
          logger: { mode: 'request', url: `http://127.0.0.1:${sink.port}/events` },
        }),
      },
    });
    try {
      // 32 MiB of JSON whitespace in ~32 KiB of gzip: the node gets it as sent, the log is refused.
      const bomb = gzipSync(
        Buffer.concat([Buffer.from('{"data":{"ndarray":[[1]]}}'), Buffer.alloc(32 * 1024 * 1024, 0x20)]),
      );
      await fetch(`http://127.0.0.1:${engine.httpPort}/api/v1.0/predictions`, {
        method: 'POST',
        body: bomb,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'seldon-puid': 'bomb' },
      }).then((r) => r.arrayBuffer());
      await until(
        'the refusal',
        () => errors.some((e) => e.includes('decodes to more than the limit')),
        10_000,
      );
      expect(errors.find((e) => e.includes('decodes to more than the limit'))).toContain(
        'the request of node "logged" (puid bomb) (gzip',
      );
      const metrics = await (await fetch(`http://127.0.0.1:${engine.httpPort}/metrics`)).text();
      expect(metrics).toMatch(/seldon_engine_payload_log_failed_total\{sink="http"\} 1\b/);
      expect(sink.distinct()).toBe(0);
    } finally {
      await engine.close();
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
