// The payload-log spool on a real directory: order, at-least-once across restarts (close and
// kill -9), torn-write recovery, the byte budget, and segment rotation and deletion.
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  appendFileSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PayloadSpool } from '../src/internal/payload-spool.js';
import type { PayloadEvent } from '../src/internal/payload-logger.js';
import { until } from './support/until.js';

const event = (i: number, bytes = 16): PayloadEvent => ({
  kind: i % 2 === 0 ? 'request' : 'response',
  puid: `puid-${i}`,
  modelId: 'classifier',
  url: i % 3 === 0 ? 'http://sink.local/log' : undefined,
  body: Buffer.alloc(bytes, i % 256),
  contentType: 'application/json',
  contentEncoding: i % 5 === 0 ? 'gzip' : undefined,
});

async function take(spool: PayloadSpool, n: number, ack = true): Promise<PayloadEvent[]> {
  const out: PayloadEvent[] = [];
  for (let i = 0; i < n; i++) {
    const record = (await spool.next())!;
    out.push(record.event);
    if (ack) spool.ack(record.seq);
  }
  return out;
}

/** Waits until what was appended is written (the senders may read it). */
function written(spool: PayloadSpool): Promise<void> {
  return until('the appended events to be written', () => spool.readableNow(), 10_000);
}

/** Overwrites the segment files' bytes with zeros: only events kept in memory can still be read. */
function zeroSegments(): void {
  for (const f of readdirSync(dir).filter((name) => name.endsWith('.seg'))) {
    const file = join(dir, f);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(statSync(file).size), 0);
    closeSync(fd);
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payload-spool-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('PayloadSpool', () => {
  it('hands events out in order with every field and byte, and keeps only what is not acknowledged', async () => {
    const spool = await PayloadSpool.open({ dir });
    for (let i = 0; i < 100; i++) expect(spool.append(event(i))).toBe(true);
    const got = await take(spool, 100);
    expect(got.map((e) => e.puid)).toEqual(Array.from({ length: 100 }, (_, i) => `puid-${i}`));
    expect(got[15]).toEqual({ ...event(15), body: expect.any(Buffer) });
    expect(Buffer.from(got[15].body)).toEqual(event(15).body);
    expect(spool.backlog).toBe(0);
    await spool.close();
  });

  it('sends again, after a restart, what was not acknowledged (at least once)', async () => {
    let spool = await PayloadSpool.open({ dir });
    for (let i = 0; i < 10; i++) spool.append(event(i));
    await take(spool, 4); // delivered
    await take(spool, 2, false); // sent, not acknowledged when the engine stopped
    await spool.close();
    spool = await PayloadSpool.open({ dir });
    expect(spool.backlog).toBe(6);
    expect((await take(spool, 6)).map((e) => e.puid)).toEqual([
      'puid-4',
      'puid-5',
      'puid-6',
      'puid-7',
      'puid-8',
      'puid-9',
    ]);
    // New events continue the sequence.
    spool.append(event(10));
    expect((await spool.next())!.seq).toBe(10);
    await spool.close();
  });

  it('keeps events appended by a process killed with SIGKILL', async () => {
    const built = fileURLToPath(new URL('../dist/internal/payload-spool.js', import.meta.url));
    const script = `
      const { PayloadSpool } = await import(${JSON.stringify(built)});
      const spool = await PayloadSpool.open({ dir: ${JSON.stringify(dir)}, fsyncIntervalMs: 60000 });
      for (let i = 0; i < 500; i++) spool.append({ kind: 'request', puid: 'p' + i, modelId: 'm', body: Buffer.from('x' + i) });
      setImmediate(() => setTimeout(() => console.log('appended'), 50));
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('appended') && resolve()),
    );
    child.kill('SIGKILL');
    await once(child, 'exit');
    const spool = await PayloadSpool.open({ dir });
    expect(spool.backlog).toBe(500);
    const got = await take(spool, 500);
    expect(got[499]).toMatchObject({ puid: 'p499' });
    expect(Buffer.from(got[499].body).toString()).toBe('x499');
    await spool.close();
  });

  it('truncates a torn last frame with a warning and keeps the frames before it', async () => {
    let spool = await PayloadSpool.open({ dir });
    for (let i = 0; i < 3; i++) spool.append(event(i, 100));
    await spool.close();
    const [segment] = readdirSync(dir).filter((f) => f.endsWith('.seg'));
    const file = join(dir, segment);
    const whole = statSync(file).size;
    appendFileSync(file, Buffer.alloc(7, 1)); // half a prefix
    truncateSync(file, whole - 20); // and the third frame cut short
    const warnings: string[] = [];
    spool = await PayloadSpool.open({ dir, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringContaining('are a torn write; truncated')]);
    expect(spool.backlog).toBe(2);
    expect((await take(spool, 2)).map((e) => e.puid)).toEqual(['puid-0', 'puid-1']);
    spool.append(event(2, 100));
    expect((await take(spool, 1))[0].puid).toBe('puid-2');
    await spool.close();
  });

  it('refuses events past its byte budget and takes them again once acknowledged ones are deleted', async () => {
    const spool = await PayloadSpool.open({ dir, maxBytes: 4096, segmentBytes: 1024 });
    let accepted = 0;
    while (spool.append(event(accepted, 200))) accepted++;
    expect(accepted).toBeGreaterThan(10);
    expect(spool.bytes).toBeLessThanOrEqual(4096);
    expect(spool.append(event(999, 200))).toBe(false);
    await take(spool, accepted);
    // Every full segment before the one being written is deleted once acknowledged (the unlinks
    // run in the background: wait for them, a bounded while).
    const segments = () => readdirSync(dir).filter((f) => f.endsWith('.seg')).length;
    for (let i = 0; i < 200 && segments() > 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(segments()).toBe(1);
    expect(spool.append(event(1000, 200))).toBe(true);
    expect((await take(spool, 1))[0].puid).toBe('puid-1000');
    await spool.close();
  });

  it('next() waits for an event, and answers undefined once closed', async () => {
    const spool = await PayloadSpool.open({ dir });
    const waiting = spool.next();
    spool.append(event(1));
    expect((await waiting)!.event.puid).toBe('puid-1');
    const pending = spool.next();
    await spool.close();
    expect(await pending).toBeUndefined();
    expect(spool.append(event(2))).toBe(false);
  });

  it('hands senders that keep up the written events from memory, not from disk', async () => {
    const spool = await PayloadSpool.open({ dir });
    for (let i = 0; i < 3; i++) spool.append(event(i));
    await written(spool);
    zeroSegments();
    const got = await take(spool, 3);
    expect(got.map((e) => e.puid)).toEqual(['puid-0', 'puid-1', 'puid-2']);
    expect(Buffer.from(got[2].body)).toEqual(event(2).body);
    await spool.close();

    // The same with the memory off: the zeroed frames are read from disk and found corrupt.
    rmSync(dir, { recursive: true, force: true });
    const warnings: string[] = [];
    const diskOnly = await PayloadSpool.open({ dir, tailCacheBytes: 0, onWarning: (m) => warnings.push(m) });
    diskOnly.append(event(0));
    await written(diskOnly);
    zeroSegments();
    const next = diskOnly.next();
    await until('a warning', () => warnings.length > 0, 10_000);
    expect(warnings).toEqual([expect.stringContaining('is corrupt at offset 0')]);
    await diskOnly.close();
    expect(await next).toBeUndefined();
  });

  it('reads from disk past its memory budget and from memory again once the senders catch up', async () => {
    const frame = 130; // about one frame of event(i) with a 16-byte body
    const spool = await PayloadSpool.open({ dir, tailCacheBytes: 3 * frame });
    for (let i = 0; i < 10; i++) spool.append(event(i)); // one write of 10 frames: over the budget
    await written(spool);
    expect((await take(spool, 5)).map((e) => e.puid)).toEqual([0, 1, 2, 3, 4].map((i) => `puid-${i}`));
    spool.append(event(10)); // written while the senders are behind: not kept in memory
    await written(spool);
    expect((await take(spool, 6)).map((e) => e.puid)).toEqual([5, 6, 7, 8, 9, 10].map((i) => `puid-${i}`));
    // Caught up: the next events are kept in memory again (the disk copy is zeroed to prove it).
    spool.append(event(11));
    spool.append(event(12));
    await written(spool);
    zeroSegments();
    expect((await take(spool, 2)).map((e) => e.puid)).toEqual(['puid-11', 'puid-12']);
    expect(spool.backlog).toBe(0);
    await spool.close();
  });
});
