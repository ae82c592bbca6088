import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StorageError } from '../errors.js';

/** A folder the download is written to, moved into the destination only when complete. */
export interface Staging {
  /** The folder to write into. */
  readonly dir: string;
  /** Moves the staged files into the destination. */
  commit(): Promise<void>;
  /** Deletes the staging folder (after a failure). */
  discard(): Promise<void>;
}

const STAGING_PREFIX = '.seldon-storage-';

function destinationError(path: string, err: unknown): StorageError {
  const e = err as NodeJS.ErrnoException;
  return new StorageError('SC_ERR_STORAGE_DESTINATION', `cannot prepare ${path}: ${e.code ?? e.message}`, {
    cause: err,
  });
}

async function exists(path: string): Promise<'dir' | 'other' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'other';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw destinationError(path, err);
  }
}

/** Moves each entry of `from` into `to`, replacing entries of the same name, then removes `from`. */
async function mergeInto(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) {
    await rm(join(to, name), { recursive: true, force: true });
    await rename(join(from, name), join(to, name));
  }
  await rmdir(from);
}

/**
 * Prepares a staging folder for `destination` (absolute).
 *
 * - The destination exists (the usual case in a pod: the emptyDir mount point /mnt/models): the
 *   staging folder is created inside it, so the final moves stay on one filesystem even for a
 *   mount point; on commit each top-level entry replaces the entry of the same name.
 * - It does not exist: the staging folder is a sibling, renamed to the destination on commit.
 */
export async function createStaging(destination: string): Promise<Staging> {
  const kind = await exists(destination);
  if (kind === 'other') {
    throw new StorageError(
      'SC_ERR_STORAGE_DESTINATION',
      `destination ${destination} exists and is not a directory`,
    );
  }
  let dir: string;
  try {
    if (kind === 'dir') {
      dir = await mkdtemp(join(destination, STAGING_PREFIX));
    } else {
      await mkdir(dirname(destination), { recursive: true });
      dir = await mkdtemp(join(dirname(destination), `.${basename(destination)}${STAGING_PREFIX}`));
    }
  } catch (err) {
    throw destinationError(destination, err);
  }
  return {
    dir,
    async commit() {
      try {
        if (kind === 'dir') return await mergeInto(dir, destination);
        try {
          await rename(dir, destination);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          // The destination appeared meanwhile (another process): merge into it instead.
          if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw err;
          await mergeInto(dir, destination);
        }
      } catch (err) {
        throw destinationError(destination, err);
      }
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
