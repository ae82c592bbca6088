import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { BatchError } from '../errors.js';

/** Lines are coalesced into writes of about this size (one fs write per line cost 9-15% of the CPU). */
const FLUSH_BYTES = 64 * 1024;
/** ...or written after this delay, so a slow run still shows its output promptly. */
const FLUSH_DELAY_MS = 25;

/**
 * Appends output lines to the output file. Lines are coalesced and flushed when 64 KiB gather or
 * 25 ms after the first pending line; `write` resolves once the stream can take more, so workers
 * stop taking new lines while the disk is behind (bounded memory on the way out).
 */
export class OutputWriter {
  private readonly stream: WriteStream;
  private pending = '';
  private flushScheduled = false;
  private drained: Promise<unknown> | undefined;
  private failure: BatchError | undefined;

  constructor(
    handle: FileHandle,
    private readonly path: string,
  ) {
    this.stream = handle.createWriteStream({ highWaterMark: 256 * 1024 });
    this.stream.on('error', (error) => {
      this.failure ??= new BatchError(
        'SC_ERR_BATCH_OUTPUT_UNWRITABLE',
        `cannot write ${this.path}: ${error.message}`,
        { cause: error },
      );
    });
  }

  async write(lines: readonly string[]): Promise<void> {
    if (this.failure) throw this.failure;
    for (const line of lines) this.pending += `${line}\n`;
    if (this.pending.length >= FLUSH_BYTES) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    }
    if (this.stream.writableNeedDrain) {
      // One shared wait: many workers blocked on the same drain must not each add a listener.
      this.drained ??= Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')]).finally(() => {
        this.drained = undefined;
      });
      await this.drained.catch(() => undefined);
      if (this.failure) throw this.failure;
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending === '' || this.stream.destroyed) return;
    const chunk = this.pending;
    this.pending = '';
    this.stream.write(chunk);
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    this.flush();
    if (!this.stream.closed) {
      this.stream.end();
      await Promise.race([once(this.stream, 'close'), once(this.stream, 'error')]).catch(() => undefined);
    }
    if (this.failure) throw this.failure;
  }
}
