// The README's tables must not drift from the code.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { STORAGE_DEFAULTS, STORAGE_ERRORS } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = readme
  .split('\n')
  .filter((l) => l.startsWith('|'))
  .map((l) =>
    l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim()),
  );
const rowFor = (first: string): string[] | undefined => rows.find((r) => r[0] === first);

describe('packages/storage/README.md', () => {
  it('lists every error code with its exit code and whether it is retried', () => {
    for (const [code, entry] of Object.entries(STORAGE_ERRORS)) {
      const row = rowFor(`\`${code}\``);
      expect(row).toBeDefined();
      expect(row![1]).toBe(String(entry.exitCode));
      expect(row![2] === 'no').toBe(!entry.transient);
    }
  });

  it('documents every option default', () => {
    for (const [name, value] of Object.entries(STORAGE_DEFAULTS)) {
      expect(rowFor(`\`${name}\``)?.[1]).toBe(String(value));
    }
  });

  it('links the docs page', () => {
    expect(readme).toContain('(../../docs/storage.md)');
    expect(readFileSync(new URL('../../../docs/storage.md', import.meta.url), 'utf8')).toContain(
      '# Storage initializer',
    );
  });
});
