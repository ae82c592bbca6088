import { StorageError } from '../errors.js';

/** Counts files and bytes of one download against `maxFiles` and `maxTotalBytes`. */
export class Budget {
  files = 0;
  bytes = 0;

  constructor(
    private readonly maxTotalBytes: number,
    private readonly maxFiles: number,
  ) {}

  /** Counts one more file. */
  addFile(what: string): void {
    if (this.files + 1 > this.maxFiles) {
      throw new StorageError(
        'SC_ERR_STORAGE_TOO_LARGE',
        `${what}: more than maxFiles=${this.maxFiles} files`,
      );
    }
    this.files += 1;
  }

  /** Counts `n` more bytes (before they are written). */
  addBytes(n: number, what: string): void {
    if (this.bytes + n > this.maxTotalBytes) {
      throw new StorageError(
        'SC_ERR_STORAGE_TOO_LARGE',
        `${what}: the model exceeds maxTotalBytes=${this.maxTotalBytes} bytes`,
      );
    }
    this.bytes += n;
  }

  /** Checks a total announced up front (an S3 listing) without counting it. */
  checkPlanned(files: number, bytes: number, what: string): void {
    if (files > this.maxFiles) {
      throw new StorageError(
        'SC_ERR_STORAGE_TOO_LARGE',
        `${what}: ${files} files, more than maxFiles=${this.maxFiles}`,
      );
    }
    if (bytes > this.maxTotalBytes) {
      throw new StorageError(
        'SC_ERR_STORAGE_TOO_LARGE',
        `${what}: ${bytes} bytes, more than maxTotalBytes=${this.maxTotalBytes}`,
      );
    }
  }

  /** Gives back the bytes of a failed attempt that is about to be retried. */
  release(n: number): void {
    this.bytes -= n;
  }
}
