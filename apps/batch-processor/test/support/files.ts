import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  readonly path: string;
  file(name: string, lines?: readonly string[]): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'seldon-batch-'));
  return {
    path,
    file(name, lines) {
      const p = join(path, name);
      if (lines !== undefined) writeFileSync(p, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
      return p;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Output lines parsed, keyed by batch_index (from meta.tags, or meta for error records). */
export function readOutput(path: string): { lines: any[]; byIndex: Map<number, any> } {
  const text = readFileSync(path, 'utf8');
  const raw = text.split('\n');
  if (raw[raw.length - 1] === '') raw.pop();
  const lines = raw.map((l) => JSON.parse(l));
  const byIndex = new Map<number, any>();
  for (const line of lines) {
    const index = line.meta?.tags?.batch_index ?? line.meta?.batch_index;
    if (byIndex.has(index)) throw new Error(`duplicate output for batch_index ${index}`);
    byIndex.set(index, line);
  }
  return { lines, byIndex };
}
