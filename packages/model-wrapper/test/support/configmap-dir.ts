// A directory written the way the kubelet writes a mounted ConfigMap: each update is a new
// `..<timestamp>` directory, a `..data_tmp` symlink to it renamed over `..data`, and the visible
// files are symlinks into `..data` made once and never touched again.
import { mkdirSync, writeFileSync, rmSync, symlinkSync, renameSync } from 'node:fs';
import { join } from 'node:path';

let swaps = 0;

/** Writes `files` into `dir` as one atomic update; returns the new timestamped directory's name (pass it as `previous` next time). */
export function kubeletWrite(dir: string, files: Record<string, string>, previous?: string): string {
  const stamp = `..2026_05_01_10_00_0${swaps++}.${String(123456789 + swaps)}`;
  mkdirSync(join(dir, stamp));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, stamp, name), text);
  symlinkSync(stamp, join(dir, '..data_tmp'));
  renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
  for (const name of Object.keys(files)) {
    try {
      symlinkSync(join('..data', name), join(dir, name));
    } catch {
      // The visible symlink exists from the first write and is never touched again.
    }
  }
  if (previous) rmSync(join(dir, previous), { recursive: true, force: true });
  return stamp;
}

/** Polls `ok` (a real file event is awaited, not a fixed time) until it holds; fails after ~10 s. */
export async function until(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}
