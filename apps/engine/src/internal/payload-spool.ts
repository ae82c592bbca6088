// A disk-backed queue of payload-log events between the request path and the senders, so that a
// slow or absent sink, or an engine restart (SIGTERM or kill -9), loses no record.
//
// Events are appended as frames (spool-format.ts) to segment files `<n>.seg` in one directory; a
// sender takes them in order with `next()` and `ack()`s each once its sink has it. `cursor.json`
// records how far every event has been acknowledged, so a restarted engine sends the rest again:
// delivery is at least once (an event sent but not yet acknowledged when the process died is sent
// twice; CloudEvents ids let sinks drop the copy). Fully acknowledged segments are deleted.
//
// The request path never waits: `append()` encodes into memory and returns; writes are batched on
// the next turn of the event loop. Durability: the bytes reach the kernel within that turn (they
// survive the process being killed) and the disk within `fsyncIntervalMs` (they survive the machine
// failing after that). When the spool holds `maxBytes`, `append()` refuses and the caller counts the
// drop.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { open, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { PayloadEvent } from './payload-logger.js';
import {
  FRAME_PREFIX_BYTES,
  decodeFrame,
  encodeFrame,
  frameLength,
  type SpooledEvent,
} from './spool-format.js';

export interface PayloadSpoolOptions {
  /** Directory of the segment files and the cursor; created if missing. */
  dir: string;
  /** Most bytes the segment files may hold; an event that does not fit is refused. Default 1 GiB. */
  maxBytes?: number;
  /** A segment is closed and a new one begun once it holds this many bytes. Default 64 MiB. */
  segmentBytes?: number;
  /** How often written bytes are fsync'ed and the cursor saved, ms. Default 1000. */
  fsyncIntervalMs?: number;
  /**
   * Most bytes of written events also kept in memory for the senders, so that a sender keeping up
   * reads nothing back from disk. Default 4 MiB; 0 reads every event from its segment file.
   */
  tailCacheBytes?: number;
  /** Recovery and I/O problems (a torn frame truncated, a failed write). Default: none. */
  onWarning?: (message: string) => void;
}

export const PAYLOAD_SPOOL_DEFAULTS = {
  maxBytes: 1024 * 1024 * 1024,
  segmentBytes: 64 * 1024 * 1024,
  fsyncIntervalMs: 1000,
  tailCacheBytes: 4 * 1024 * 1024,
} as const;

interface Position {
  segment: number;
  offset: number;
}

/** A written event kept in memory: where its frame starts and ends in its segment. */
interface TailEntry {
  segment: number;
  offset: number;
  end: number;
  record: SpooledEvent;
}

interface Cursor extends Position {
  /** Sequence number of the first event not yet acknowledged. */
  seq: number;
}

const CURSOR_FILE = 'cursor.json';
const segmentName = (n: number): string => `${String(n).padStart(16, '0')}.seg`;

function readCursor(dir: string): Cursor {
  try {
    const c = JSON.parse(readFileSync(join(dir, CURSOR_FILE), 'utf8')) as Cursor;
    if ([c.segment, c.offset, c.seq].every((v) => Number.isSafeInteger(v) && v >= 0)) return c;
  } catch {
    // No cursor yet (a new spool) or an unreadable one: start from the first segment.
  }
  return { segment: 0, offset: 0, seq: 0 };
}

export class PayloadSpool {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #segmentBytes: number;
  readonly #warn: (message: string) => void;
  /** Every segment on disk and its size (bytes written to it, flushed or being flushed). */
  readonly #segments = new Map<number, number>();
  #writeSegment: number;
  #writeHandle: FileHandle | undefined;
  /** Bytes of the write segment that the reader may read (their write has completed). */
  #flushedEnd = 0;
  #pending: Buffer[] = [];
  #pendingRecords: SpooledEvent[] = [];
  #pendingBytes = 0;
  readonly #tailCacheBytes: number;
  /** Written events, in order, that the senders have not taken yet (see tailCacheBytes). */
  #tail: TailEntry[] = [];
  #tailHead = 0;
  #tailBytes = 0;
  #flushing: Promise<void> = Promise.resolve();
  #flushScheduled = false;
  #dirty = false;
  #nextSeq: number;
  #read: Position;
  #readHandle: { segment: number; handle: FileHandle } | undefined;
  #committed: Cursor;
  #cursorDirty = false;
  /** Events handed out and not yet acknowledged: where each one ends. */
  readonly #inFlight = new Map<number, Position>();
  readonly #acked = new Set<number>();
  /** Callers of {@link whenEmpty} waiting for the backlog to reach zero. */
  readonly #emptyWaiters: (() => void)[] = [];
  #waiting: (() => void) | undefined;
  #reading: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #timer: NodeJS.Timeout;

  private constructor(options: PayloadSpoolOptions, cursor: Cursor, nextSeq: number, lastSegment: number) {
    this.#dir = options.dir;
    this.#maxBytes = options.maxBytes ?? PAYLOAD_SPOOL_DEFAULTS.maxBytes;
    this.#segmentBytes = options.segmentBytes ?? PAYLOAD_SPOOL_DEFAULTS.segmentBytes;
    this.#warn = options.onWarning ?? (() => undefined);
    this.#tailCacheBytes = options.tailCacheBytes ?? PAYLOAD_SPOOL_DEFAULTS.tailCacheBytes;
    this.#committed = cursor;
    this.#read = { segment: cursor.segment, offset: cursor.offset };
    this.#nextSeq = nextSeq;
    this.#writeSegment = lastSegment;
    const interval = options.fsyncIntervalMs ?? PAYLOAD_SPOOL_DEFAULTS.fsyncIntervalMs;
    this.#timer = setInterval(() => void this.#sync(), interval);
    this.#timer.unref();
  }

  /**
   * Opens (or creates) the spool in `options.dir`, checking every frame not yet acknowledged and
   * truncating a torn one (the process died mid-append) with a warning.
   */
  static async open(options: PayloadSpoolOptions): Promise<PayloadSpool> {
    mkdirSync(options.dir, { recursive: true });
    const cursor = readCursor(options.dir);
    const numbers = readdirSync(options.dir)
      .filter((f) => /^\d{16}\.seg$/.test(f))
      .map((f) => Number(f.slice(0, 16)))
      .sort((a, b) => a - b);
    const warn = options.onWarning ?? (() => undefined);
    let nextSeq = cursor.seq;
    const sizes = new Map<number, number>();
    for (const n of numbers) {
      const file = join(options.dir, segmentName(n));
      if (n < cursor.segment) {
        // Acknowledged before the process stopped, deleted late: nothing to send.
        await unlink(file).catch(() => undefined);
        continue;
      }
      const checked = await checkSegment(file, n === cursor.segment ? cursor.offset : 0, (seq) => {
        nextSeq = Math.max(nextSeq, seq + 1);
      });
      if (checked.validEnd < checked.size) {
        warn(
          `payload spool: ${file}: ${checked.size - checked.validEnd} bytes after offset ${checked.validEnd} are a torn write; truncated`,
        );
        await truncate(file, checked.validEnd);
      }
      sizes.set(n, checked.validEnd);
    }
    const last = numbers.length > 0 ? Math.max(numbers[numbers.length - 1], cursor.segment) : cursor.segment;
    const spool = new PayloadSpool(options, cursor, nextSeq, last);
    for (const [n, size] of sizes) spool.#segments.set(n, size);
    if (!spool.#segments.has(last)) spool.#segments.set(last, 0);
    spool.#flushedEnd = spool.#segments.get(last)!;
    spool.#writeHandle = await open(join(options.dir, segmentName(last)), 'a');
    return spool;
  }

  /** Bytes the segment files hold and will hold once the pending writes are done. */
  get bytes(): number {
    let total = this.#pendingBytes;
    for (const size of this.#segments.values()) total += size;
    return total;
  }

  /** Events appended and not yet acknowledged. */
  get backlog(): number {
    return this.#nextSeq - this.#committed.seq;
  }

  /** Appends an event without waiting; false when the spool is full or closed (nothing is kept). */
  append(event: PayloadEvent): boolean {
    if (this.#closed) return false;
    const seq = this.#nextSeq;
    const frame = encodeFrame(seq, event);
    if (this.bytes + frame.length > this.#maxBytes) return false;
    this.#nextSeq++;
    this.#pending.push(frame);
    this.#pendingRecords.push({ seq, event });
    this.#pendingBytes += frame.length;
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        this.#flushing = this.#flushing.then(() => this.#flush());
      });
    }
    return true;
  }

  async #flush(): Promise<void> {
    if (this.#pending.length === 0 || !this.#writeHandle) return;
    const frames = this.#pending;
    const records = this.#pendingRecords;
    const batch = frames.length === 1 ? frames[0] : Buffer.concat(frames);
    this.#pending = [];
    this.#pendingRecords = [];
    this.#pendingBytes = 0;
    const segment = this.#writeSegment;
    const start = this.#flushedEnd;
    this.#segments.set(segment, (this.#segments.get(segment) ?? 0) + batch.length);
    try {
      await this.#writeHandle.write(batch);
    } catch (err) {
      // The events are lost (a full or failing disk); say so instead of failing requests.
      this.#segments.set(segment, this.#segments.get(segment)! - batch.length);
      this.#warn(`payload spool: writing ${batch.length} bytes failed: ${(err as Error).message}`);
      return;
    }
    this.#flushedEnd += batch.length;
    this.#dirty = true;
    this.#keepInTail(segment, start, batch.length, frames, records);
    if (this.#flushedEnd >= this.#segmentBytes) await this.#rotate();
    this.#wake();
  }

  /**
   * Keeps written events in memory while the senders keep up: from where the reader stands, and
   * while the cache holds at most tailCacheBytes. Past that the cache is emptied and the senders
   * read from disk until they catch up with the writes again.
   */
  #keepInTail(
    segment: number,
    start: number,
    bytes: number,
    frames: Buffer[],
    records: SpooledEvent[],
  ): void {
    if (this.#tailCacheBytes <= 0) return;
    const last = this.#tail.length > this.#tailHead ? this.#tail[this.#tail.length - 1] : undefined;
    const follows = last
      ? last.segment === segment && last.end === start
      : this.#read.segment === segment && this.#read.offset === start;
    if (!follows || this.#tailBytes + bytes > this.#tailCacheBytes) {
      this.#dropTail();
      return;
    }
    let offset = start;
    for (let i = 0; i < frames.length; i++) {
      const end = offset + frames[i].length;
      this.#tail.push({ segment, offset, end, record: records[i] });
      offset = end;
    }
    this.#tailBytes += bytes;
  }

  #dropTail(): void {
    this.#tail = [];
    this.#tailHead = 0;
    this.#tailBytes = 0;
  }

  /** The next event from memory when it is the one at the read position. */
  #takeFromTail(): SpooledEvent | undefined {
    if (this.#tailHead >= this.#tail.length) return undefined;
    const entry = this.#tail[this.#tailHead];
    if (entry.segment !== this.#read.segment || entry.offset !== this.#read.offset) {
      this.#dropTail();
      return undefined;
    }
    this.#tail[this.#tailHead] = undefined as unknown as TailEntry;
    this.#tailHead++;
    this.#tailBytes -= entry.end - entry.offset;
    if (this.#tailHead === this.#tail.length) this.#dropTail();
    else if (this.#tailHead > 1024 && this.#tailHead * 2 > this.#tail.length) {
      this.#tail.splice(0, this.#tailHead);
      this.#tailHead = 0;
    }
    this.#read = { segment: entry.segment, offset: entry.end };
    this.#inFlight.set(entry.record.seq, { segment: entry.segment, offset: entry.end });
    return entry.record;
  }

  async #rotate(): Promise<void> {
    const old = this.#writeHandle!;
    this.#writeSegment++;
    this.#segments.set(this.#writeSegment, 0);
    this.#writeHandle = await open(join(this.#dir, segmentName(this.#writeSegment)), 'a');
    this.#flushedEnd = 0;
    await old.sync().catch(() => undefined);
    await old.close().catch(() => undefined);
  }

  #wake(): void {
    const wake = this.#waiting;
    this.#waiting = undefined;
    wake?.();
  }

  /** Bytes readable in `segment` now. */
  #readableEnd(segment: number): number {
    return segment === this.#writeSegment ? this.#flushedEnd : (this.#segments.get(segment) ?? 0);
  }

  /** The next event in order, once one is on disk; undefined once the spool is closed. */
  next(): Promise<SpooledEvent | undefined> {
    // Concurrent senders take turns: each read moves the one read position.
    const turn = this.#reading.then(() => this.#nextInOrder());
    this.#reading = turn.catch(() => undefined);
    return turn;
  }

  /** True when `next()` would answer without waiting for a new event. */
  readableNow(): boolean {
    if (this.#read.offset < this.#readableEnd(this.#read.segment)) return true;
    return this.#read.segment !== this.#writeSegment && this.#readableEnd(this.#writeSegment) > 0;
  }

  async #nextInOrder(): Promise<SpooledEvent | undefined> {
    for (;;) {
      if (this.#closed) return undefined;
      if (this.#read.offset >= this.#readableEnd(this.#read.segment)) {
        const later = this.#segmentAfter(this.#read.segment);
        if (later !== undefined && this.#read.segment !== this.#writeSegment) {
          this.#read = { segment: later, offset: 0 };
          continue;
        }
        await new Promise<void>((resolve) => (this.#waiting = resolve));
        continue;
      }
      const record = this.#takeFromTail() ?? (await this.#readFrame());
      if (record) return record;
    }
  }

  async #readFrame(): Promise<SpooledEvent | undefined> {
    const { segment, offset } = this.#read;
    if (this.#readHandle?.segment !== segment) {
      await this.#readHandle?.handle.close().catch(() => undefined);
      this.#readHandle = { segment, handle: await open(join(this.#dir, segmentName(segment)), 'r') };
    }
    const handle = this.#readHandle.handle;
    const prefix = Buffer.allocUnsafe(FRAME_PREFIX_BYTES);
    await handle.read(prefix, 0, FRAME_PREFIX_BYTES, offset);
    const rest = Buffer.allocUnsafe(frameLength(prefix));
    await handle.read(rest, 0, rest.length, offset + FRAME_PREFIX_BYTES);
    const end = offset + FRAME_PREFIX_BYTES + rest.length;
    this.#read = { segment, offset: end };
    const record = decodeFrame(prefix, rest);
    if (!record) {
      // Written by this process, so only a disk fault gets here: skip to the next segment.
      this.#warn(`payload spool: segment ${segmentName(segment)} is corrupt at offset ${offset}; skipped`);
      this.#read = { segment, offset: Number.MAX_SAFE_INTEGER };
      return undefined;
    }
    this.#inFlight.set(record.seq, { segment, offset: end });
    return record;
  }

  /** Marks an event as delivered (or given up); segments everything before it are deleted. */
  ack(seq: number): void {
    if (!this.#inFlight.has(seq)) return;
    this.#acked.add(seq);
    while (this.#acked.has(this.#committed.seq)) {
      const end = this.#inFlight.get(this.#committed.seq)!;
      this.#acked.delete(this.#committed.seq);
      this.#inFlight.delete(this.#committed.seq);
      this.#committed = { seq: this.#committed.seq + 1, segment: end.segment, offset: end.offset };
      this.#cursorDirty = true;
    }
    this.#wakeEmpty();
    // Acknowledged to the end of a closed segment: the cursor moves to the start of the next one.
    while (
      this.#committed.segment !== this.#writeSegment &&
      this.#committed.offset >= (this.#segments.get(this.#committed.segment) ?? 0)
    ) {
      const next = this.#segmentAfter(this.#committed.segment);
      if (next === undefined) break;
      this.#committed = { ...this.#committed, segment: next, offset: 0 };
    }
    for (const n of [...this.#segments.keys()]) {
      if (n < this.#committed.segment && n !== this.#writeSegment) {
        this.#segments.delete(n);
        void unlink(join(this.#dir, segmentName(n))).catch(() => undefined);
      }
    }
  }

  /** The first segment file after segment `n`, if any. */
  #segmentAfter(n: number): number | undefined {
    let after: number | undefined;
    for (const m of this.#segments.keys()) if (m > n && (after === undefined || m < after)) after = m;
    return after;
  }

  /** Resolves once every event appended so far is acknowledged (or the spool closes). */
  whenEmpty(): Promise<void> {
    if (this.backlog === 0 || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#emptyWaiters.push(resolve));
  }

  #wakeEmpty(): void {
    if (this.#emptyWaiters.length > 0 && (this.backlog === 0 || this.#closed))
      for (const done of this.#emptyWaiters.splice(0)) done();
  }

  async #sync(): Promise<void> {
    if (this.#dirty && this.#writeHandle) {
      this.#dirty = false;
      await this.#writeHandle
        .sync()
        .catch((err: Error) => this.#warn(`payload spool: fsync failed: ${err.message}`));
    }
    if (this.#cursorDirty) {
      this.#cursorDirty = false;
      const tmp = join(this.#dir, `${CURSOR_FILE}.tmp`);
      try {
        writeFileSync(tmp, JSON.stringify(this.#committed));
        renameSync(tmp, join(this.#dir, CURSOR_FILE));
      } catch (err) {
        this.#warn(`payload spool: saving the cursor failed: ${(err as Error).message}`);
      }
    }
  }

  /** Writes what is pending, saves the cursor, and releases the files; `next()` then answers undefined. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#wakeEmpty();
    this.#flushing = this.#flushing.then(() => this.#flush());
    await this.#flushing;
    this.#dirty = true;
    await this.#sync();
    this.#wake();
    await this.#readHandle?.handle.close().catch(() => undefined);
    await this.#writeHandle?.close().catch(() => undefined);
  }
}

/** Walks a segment's frames from `from`, reporting each sequence number; returns where they end. */
async function checkSegment(
  file: string,
  from: number,
  onFrame: (seq: number) => void,
): Promise<{ size: number; validEnd: number }> {
  const size = statSync(file).size;
  const handle = await open(file, 'r');
  let offset = Math.min(from, size);
  try {
    const prefix = Buffer.allocUnsafe(FRAME_PREFIX_BYTES);
    while (offset + FRAME_PREFIX_BYTES <= size) {
      await handle.read(prefix, 0, FRAME_PREFIX_BYTES, offset);
      const length = frameLength(prefix);
      if (offset + FRAME_PREFIX_BYTES + length > size) break;
      const rest = Buffer.allocUnsafe(length);
      await handle.read(rest, 0, length, offset + FRAME_PREFIX_BYTES);
      const record = decodeFrame(prefix, rest);
      if (!record) break;
      onFrame(record.seq);
      offset += FRAME_PREFIX_BYTES + length;
    }
  } finally {
    await handle.close();
  }
  return { size, validEnd: offset };
}
