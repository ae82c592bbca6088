// A payload-log sink for delivery tests: it takes a bounded number of events a second, can be
// switched down (503), and counts what it received by event (type + puid), copies included.
// Used by test/payload-spool-delivery.test.ts and the full-size soak suite (tests/soak).
import { startHttp } from './nodes.js';

export interface SlowSink {
  port: number;
  /** Times each event was received, keyed `request:<puid>` / `response:<puid>`. */
  got: Map<string, number>;
  close(): Promise<void>;
  /** While down, every event is refused with 503 (and not counted). */
  setDown(value: boolean): void;
  /** Distinct events received. */
  distinct(): number;
  /** Copies received beyond the first of each event (at-least-once delivery allows some). */
  duplicates(): number;
}

/** An HTTP sink that takes at most `perSecond` events a second (others wait), or refuses with 503 while down. */
export async function slowSink(perSecond: number): Promise<SlowSink> {
  const got = new Map<string, number>();
  let down = false;
  let nextSlot = Date.now();
  let received = 0;
  const sink = await startHttp((req, res) => {
    if (down) {
      res.writeHead(503).end();
      return;
    }
    const slot = Math.max(Date.now(), nextSlot);
    nextSlot = slot + 1000 / perSecond;
    setTimeout(() => {
      const key = `${String(req.headers['ce-type']).split('.').pop()}:${String(req.headers['ce-requestid'])}`;
      got.set(key, (got.get(key) ?? 0) + 1);
      received++;
      res.end();
    }, slot - Date.now());
  });
  return {
    port: sink.port,
    got,
    close: sink.close,
    setDown: (value: boolean) => (down = value),
    distinct: () => got.size,
    duplicates: () => received - got.size,
  };
}
