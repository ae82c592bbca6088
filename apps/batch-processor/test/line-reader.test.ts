import { open, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { readLines } from '../src/internal/line-reader.js';
import type { InputLine } from '../src/internal/line-reader.js';
import { tempDir } from './support/files.js';

const dir = tempDir();
afterAll(() => dir.remove());

async function linesOf(content: string | Buffer, maxLineBytes = 1024): Promise<InputLine[]> {
  const path = dir.file(`f${Math.random()}`);
  await writeFile(path, content);
  const handle = await open(path, 'r');
  const out: InputLine[] = [];
  try {
    for await (const line of readLines(handle, maxLineBytes, { bytesRead: 0, linesRead: 0 })) out.push(line);
  } finally {
    await handle.close();
  }
  return out;
}

describe('readLines', () => {
  it('counts a last line without newline, keeps empty lines, drops an empty tail and a BOM', async () => {
    expect((await linesOf('\ufeffa\n\nb')).map((l) => l.text)).toEqual(['a', '', 'b']);
    expect((await linesOf('a\r\nb\r\n')).map((l) => l.text)).toEqual(['a\r', 'b\r']);
    expect(await linesOf('')).toEqual([]);
    expect((await linesOf('\n')).map((l) => [l.index, l.text])).toEqual([[0, '']]);
  });

  it('splits lines across read chunks and multi-byte characters intact', async () => {
    const long = 'é'.repeat(100_000);
    const lines = await linesOf(`${long}\nx\n`, 1_000_000);
    expect(lines.map((l) => l.text)).toEqual([long, 'x']);
    expect(lines[0].bytes).toBe(200_000);
  });

  it('skips the content of a line over maxLineBytes but still yields it, so it gets an error record', async () => {
    const lines = await linesOf(`ok\n${'x'.repeat(300_000)}\nafter\n`, 1000);
    expect(lines.map((l) => [l.index, l.text, l.bytes])).toEqual([
      [0, 'ok', 2],
      [1, undefined, 300_000],
      [2, 'after', 5],
    ]);
  });
});
