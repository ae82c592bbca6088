import type { FileHandle } from 'node:fs/promises';

/** One line of the input file. `text` is undefined when the line exceeded the length limit. */
export interface InputLine {
  /** 0-based line number. */
  readonly index: number;
  readonly text: string | undefined;
  /** Length of the line in bytes (without its newline), counted even when skipped. */
  readonly bytes: number;
}

/** Counters the progress display reads while the file streams. */
export interface ReadStats {
  bytesRead: number;
  linesRead: number;
}

const NEWLINE = 0x0a;
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * Streams the lines of a file. Memory stays bounded: one read chunk plus the current line (at most
 * `maxLineBytes`; longer lines are counted but their bytes dropped). The file is read only as
 * fast as the consumer pulls lines, so a slow deployment never makes the input pile up in memory.
 * Lines are split on `\n`; a final line without newline counts, an empty tail after the last
 * newline does not (as Python's `for line in file`). A UTF-8 byte-order mark is dropped.
 */
export async function* readLines(
  handle: FileHandle,
  maxLineBytes: number,
  stats: ReadStats,
): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let index = 0;
  let hasPending = false;

  const take = (piece: Buffer): void => {
    hasPending = true;
    pendingBytes += piece.length;
    if (tooLong) return;
    if (pendingBytes > maxLineBytes) {
      tooLong = true;
      parts = [];
      return;
    }
    if (piece.length > 0) parts.push(piece);
  };
  const emit = (): InputLine => {
    let text: string | undefined;
    if (!tooLong) {
      text = parts.length === 1 ? parts[0].toString('utf8') : Buffer.concat(parts).toString('utf8');
      if (index === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const line: InputLine = { index, text, bytes: pendingBytes };
    index++;
    stats.linesRead = index;
    parts = [];
    pendingBytes = 0;
    tooLong = false;
    hasPending = false;
    return line;
  };

  const stream = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES, autoClose: false });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      stats.bytesRead += chunk.length;
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(NEWLINE, start);
        if (newline === -1) {
          if (start < chunk.length) take(chunk.subarray(start));
          break;
        }
        take(chunk.subarray(start, newline));
        yield emit();
        start = newline + 1;
      }
    }
    if (hasPending) yield emit();
  } finally {
    stream.destroy();
  }
}

/** Groups consecutive lines into arrays of `size` (the last group may be shorter). */
export async function* groupLines(
  lines: AsyncIterable<InputLine>,
  size: number,
): AsyncGenerator<InputLine[]> {
  let group: InputLine[] = [];
  for await (const line of lines) {
    group.push(line);
    if (group.length >= size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}
