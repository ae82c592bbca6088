import { copyFile, mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, isAbsolute } from 'node:path';
import { StorageError } from '../errors.js';
import type { SourceContext } from '../internal/context.js';

function systemError(path: string, err: unknown): StorageError {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT' || e.code === 'ENOTDIR') {
    return new StorageError('SC_ERR_STORAGE_NOT_FOUND', `local path ${path} does not exist`, { cause: err });
  }
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return new StorageError('SC_ERR_STORAGE_ACCESS_DENIED', `local path ${path}: permission denied`, {
      cause: err,
    });
  }
  return new StorageError('SC_ERR_STORAGE_DESTINATION', `cannot copy ${path}: ${e.code ?? e.message}`, {
    cause: err,
  });
}

async function copyOne(source: string, target: string, size: number, ctx: SourceContext): Promise<void> {
  ctx.budget.addFile(source);
  ctx.budget.addBytes(size, source);
  try {
    await copyFile(source, target);
  } catch (err) {
    throw systemError(source, err);
  }
}

/**
 * Copies a directory tree, following symbolic links (ConfigMap and PVC mounts use them), each real
 * directory once (a link cycle ends there). `readdir` names have no `/` and are never `.`/`..`.
 */
async function copyTree(
  source: string,
  target: string,
  ctx: SourceContext,
  seen: Set<string>,
): Promise<void> {
  const real = await realpath(source);
  if (seen.has(real)) return;
  seen.add(real);
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source)) {
    ctx.options.signal?.throwIfAborted();
    const from = join(source, entry);
    const to = join(target, entry);
    const info = await stat(from);
    if (info.isDirectory()) await copyTree(from, to, ctx, seen);
    else if (info.isFile()) await copyOne(from, to, info.size, ctx);
  }
}

/**
 * Copies a local file or directory. A relative path resolves against `baseDir`; a file is copied
 * as `<destination>/<its name>`, a directory's contents as `<destination>/...`.
 */
export async function copyLocal(path: string, ctx: SourceContext): Promise<void> {
  const source = isAbsolute(path) ? path : resolve(ctx.options.baseDir, path);
  let info;
  try {
    info = await stat(source);
  } catch (err) {
    throw systemError(source, err);
  }
  try {
    if (info.isFile()) return await copyOne(source, join(ctx.root, basename(source)), info.size, ctx);
    const real = await realpath(source);
    const rel = relative(real, await realpath(ctx.root));
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
      throw new StorageError('SC_ERR_STORAGE_BAD_OPTION', `the destination is inside the source ${source}`);
    }
    await copyTree(source, ctx.root, ctx, new Set());
  } catch (err) {
    if (err instanceof StorageError) throw err;
    if ((err as Error).name === 'AbortError') throw err;
    throw systemError(source, err);
  }
}
