import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isStorageError, StorageError } from '../errors.js';
import type { Budget } from './budget.js';
import type { IdleTimer } from './idle-timer.js';

export interface WriteBodyOptions {
  /** The remote name, for messages (`https://host/model.bin`, `s3://bucket/key`). */
  readonly what: string;
  /** Announced length (Content-Length); undefined when unknown. */
  readonly expectedBytes: number | undefined;
  readonly budget: Budget;
  readonly timer: IdleTimer;
  /** Turns an error of the body stream (not of the file) into a StorageError. */
  readonly classify: (err: unknown) => StorageError;
}

/** A system error raised by the file side of the pipeline. */
function isFileError(err: unknown, file: string): boolean {
  const e = err as NodeJS.ErrnoException;
  return typeof e?.syscall === 'string' && (e.path === file || e.syscall === 'write' || e.syscall === 'open');
}

/**
 * Streams `body` into `file`, counting bytes against the budget and restarting the idle timer at
 * each chunk. A body shorter or longer than `expectedBytes` is `SC_ERR_STORAGE_PARTIAL_DOWNLOAD`.
 * On failure the bytes of this attempt are given back to the budget (the caller may retry).
 */
export async function writeBody(body: Readable, file: string, options: WriteBodyOptions): Promise<number> {
  const { what, expectedBytes, budget, timer } = options;
  let written = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      timer.touch();
      try {
        budget.addBytes(chunk.length, what);
      } catch (err) {
        callback(err as Error);
        return;
      }
      written += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await mkdir(dirname(file), { recursive: true });
    await pipeline(body, count, createWriteStream(file));
  } catch (err) {
    budget.release(written);
    if (isStorageError(err)) throw err;
    if (isFileError(err, file)) {
      const e = err as NodeJS.ErrnoException;
      throw new StorageError('SC_ERR_STORAGE_DESTINATION', `cannot write ${file}: ${e.code ?? e.message}`, {
        cause: err,
      });
    }
    throw options.classify(err);
  }
  if (expectedBytes !== undefined && written !== expectedBytes) {
    budget.release(written);
    throw new StorageError(
      'SC_ERR_STORAGE_PARTIAL_DOWNLOAD',
      `${what}: received ${written} bytes, Content-Length announced ${expectedBytes}`,
    );
  }
  return written;
}
