// Issue 17 at full size: payload logs through the engine's disk spool lose nothing. 10,000
// predictions against a sink that takes 100 events/s and is down (503) for 20 s in the middle of
// the delivery: all 20,000 events arrive, the predictions never wait for the sink. Then an engine
// CLI killed with SIGKILL mid-delivery, thousands of events still spooled: a new engine on the
// same directory delivers the rest. The scaled-down version is in the main run
// (apps/engine/test/payload-spool-delivery.test.ts).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from 'seldon-engine';
import { startNode, unit, predictMany, type RunningNode } from '../../apps/engine/test/support/nodes.js';
import { slowSink, type SlowSink } from '../../apps/engine/test/support/slow-sink.js';
import { until } from '../../apps/engine/test/support/until.js';
import { spawnSpoolingEngine, httpPortOf } from '../../apps/engine/test/support/engine-cli.js';

/** The engine's default `--logger_workers`: each sender has at most one event in flight. */
const SENDERS = 10;

/** How many events the sink has, for a timeout's message. */
const received = (sink: SlowSink) => () => `${sink.distinct()} distinct events received`;

/** Every `request:p-<i>` and `response:p-<i>` for i in [0, n) the sink never received. */
function missing(sink: SlowSink, n: number): string[] {
  const keys = Array.from({ length: n }, (_, i) => [`request:p-${i}`, `response:p-${i}`]).flat();
  return keys.filter((k) => !sink.got.has(k));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('payload logging through the disk spool, full size (issue 17)', () => {
  let node: RunningNode;
  const dirs: string[] = [];
  const spoolDir = (prefix: string) => {
    dirs.push(mkdtempSync(join(tmpdir(), prefix)));
    return dirs[dirs.length - 1];
  };
  beforeAll(async () => {
    node = await startNode('logged', { predict: (X: unknown) => X } as never);
  });
  afterAll(async () => {
    await node?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const loggedGraph = (sink: SlowSink) =>
    unit(node, 'MODEL', { logger: { mode: 'all', url: `http://127.0.0.1:${sink.port}/events` } });

  it('delivers all 20,000 events of 10,000 predictions to a 100 events/s sink down for 20 s', async () => {
    const sink = await slowSink(100);
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      payloadLogger: { spoolDir: spoolDir('soak-slow-') },
      predictor: { name: 'pred', graph: loggedGraph(sink) },
    });
    try {
      const started = Date.now();
      expect(await predictMany(engine.httpPort, 10_000, 16)).toBe(10_000);
      const answeredMs = Date.now() - started;
      const atAnswered = sink.distinct();
      // The sink needs 200 s for the 20,000 events; the predictions did not wait for it: they were
      // all answered before it had half of them.
      expect(atAnswered).toBeLessThan(10_000);

      // The outage, in the middle of the delivery: every send is refused with 503 for 20 s.
      await until('half of the events', () => sink.distinct() >= 10_000, 150_000, received(sink));
      sink.setDown(true);
      const atDown = sink.distinct();
      await sleep(20_000);
      // Only what the senders had in flight when it went down (answered later) got through.
      expect(sink.distinct() - atDown).toBeLessThanOrEqual(SENDERS);
      sink.setDown(false);
      const upAt = Date.now();

      await until('all 20,000 events', () => sink.distinct() === 20_000, 150_000, received(sink));
      const totalMs = Date.now() - started;
      expect(missing(sink, 10_000)).toEqual([]);
      // No crash, so a copy comes only from a send whose answer was lost after the sink counted it:
      // at most one per sender. On loopback none is expected.
      expect(sink.duplicates()).toBeLessThanOrEqual(SENDERS);
      const metrics = await (await fetch(`http://127.0.0.1:${engine.httpPort}/metrics`)).text();
      expect(metrics).not.toMatch(/seldon_engine_payload_log_(dropped|failed)_total\{sink="http"\} [1-9]/);
      console.log(
        `full-size delivery: 10,000 predictions answered in ${answeredMs} ms (sink had ${atAnswered} events); ` +
          `20,000 distinct events in ${totalMs} ms, ${(Date.now() - upAt) / 1000} s after the 20 s outage; ` +
          `${sink.duplicates()} duplicates`,
      );
    } finally {
      await engine.close();
      await sink.close();
    }
  }, 290_000);

  it('delivers, after a restart, what an engine CLI killed with SIGKILL mid-delivery had spooled', async () => {
    const perSecond = 500;
    const fsyncMs = 500;
    const dir = spoolDir('soak-kill-');
    const sink = await slowSink(perSecond);
    sink.setDown(true);
    const args = ['--log_spool_fsync_ms', String(fsyncMs)];
    const first = spawnSpoolingEngine(loggedGraph(sink), dir, args);
    let atKill: number;
    try {
      const port = await httpPortOf(first);
      expect(await predictMany(port, 2000, 8)).toBe(2000);
      // All 4,000 events are on disk; the sink refused every attempt so far.
      await sleep(300);
      expect(sink.distinct()).toBe(0);
      sink.setDown(false);
      await until('a quarter of the events', () => sink.distinct() >= 1000, 60_000, received(sink));
    } finally {
      first.kill('SIGKILL');
      await once(first, 'exit');
      atKill = sink.distinct();
    }
    expect(atKill).toBeLessThan(4000);
    const second = spawnSpoolingEngine(loggedGraph(sink), dir, args);
    try {
      await httpPortOf(second);
      await until('the 4,000 spooled events', () => sink.distinct() === 4000, 60_000, received(sink));
      expect(missing(sink, 2000)).toEqual([]);
      // Sent again after the restart: what was acknowledged after the last cursor save (saved every
      // fsyncMs; three intervals allow for a late timer on a loaded machine) and what the senders
      // had in flight at the kill. Under 1,000, what was delivered before the kill: a spool that
      // never saved its cursor would send all of those again.
      const bound = (perSecond * 3 * fsyncMs) / 1000 + SENDERS;
      expect(sink.duplicates()).toBeLessThanOrEqual(bound);
      console.log(
        `kill -9 mid-delivery: ${atKill} of 4,000 events delivered before the kill, all 4,000 after the ` +
          `restart, ${sink.duplicates()} duplicates (bound ${bound})`,
      );
    } finally {
      second.kill('SIGTERM');
      await once(second, 'exit');
      await sink.close();
    }
  }, 120_000);
});
