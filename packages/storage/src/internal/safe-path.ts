import { join, relative, isAbsolute } from 'node:path';
import { StorageError } from '../errors.js';

/**
 * The segments of a remote relative name (`a/b/c.bin`), refusing anything that could leave the
 * destination: `.` and `..` segments, NUL bytes. Empty segments (`a//b`, a leading `/`) are dropped.
 * `what` names the source in the error (`s3://bucket/key`).
 */
export function safeSegments(name: string, what: string): string[] {
  const segments = name.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s === '.' || s === '..' || s.includes('\0')) {
      throw new StorageError('SC_ERR_STORAGE_UNSAFE_PATH', `${what}: "${name}" has a "${s}" segment`);
    }
  }
  return segments;
}

/** `root/segments...`, checked to stay inside `root` (a second line of defence after {@link safeSegments}). */
export function insideRoot(root: string, segments: readonly string[], what: string): string {
  const target = join(root, ...segments);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new StorageError('SC_ERR_STORAGE_UNSAFE_PATH', `${what}: would be written outside the destination`);
  }
  return target;
}
