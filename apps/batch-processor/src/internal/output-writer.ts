import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { BatchError } from '../errors.js';

/**
 * Appends output lines to the output file. `write` resolves once the stream can take more, so
 * workers stop taking new lines while the disk is behind (bounded memory on the way out).
 */
export class OutputWriter {
  private readonly stream: WriteStream;
  private drained: Promise<unknown> | undefined;
  private failure: BatchError | undefined;

  constructor(
    handle: FileHandle,
    private readonly path: string,
  ) {
    this.stream = handle.createWriteStream({ highWaterMark: 256 * 1024 });
    this.stream.on('error', (error) => {
      this.failure ??= new BatchError('SC_ERR_BATCH_OUTPUT_UNWRITABLE', `cannot write ${this.path}: ${error.message}`, { cause: error });
    });
  }

  async write(lines: readonly string[]): Promise<void> {
    if (this.failure) throw this.failure;
    const ok = this.stream.write(lines.length === 1 ? `${lines[0]}\n` : `${lines.join('\n')}\n`);
    if (!ok) {
      // One shared wait: many workers blocked on the same drain must not each add a listener.
      this.drained ??= Promise.race([once(this.stream, 'drain'), once(this.stream, 'close')]).finally(() => {
        this.drained = undefined;
      });
      await this.drained.catch(() => undefined);
      if (this.failure) throw this.failure;
    }
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (!this.stream.closed) {
      this.stream.end();
      await Promise.race([once(this.stream, 'close'), once(this.stream, 'error')]).catch(() => undefined);
    }
    if (this.failure) throw this.failure;
  }
}
