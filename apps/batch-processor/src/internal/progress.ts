import type { BatchLogger } from '../logger.js';

/** Live counters of a run, read by the progress display. */
export interface ProgressCounters {
  readonly startedAt: number;
  bytesRead: number;
  /** Bytes of the input lines whose answers are written (each line and its newline). */
  bytesDone: number;
  linesRead: number;
  done: number;
  failed: number;
}

/** Where the display goes: `bar` redraws one line on a TTY, `log` writes a periodic log line. */
export interface ProgressDisplay {
  stop(): void;
}

const BAR_REFRESH_MS = 200;
const BAR_WIDTH = 24;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(sec).padStart(2, '0')}s`
      : `${sec}s`;
}

interface Snapshot {
  elapsedS: number;
  rate: number;
  fraction: number;
  etaS: number;
}

function snapshot(c: ProgressCounters, totalBytes: number): Snapshot {
  const elapsedS = Math.max((Date.now() - c.startedAt) / 1000, 1e-3);
  const rate = c.done / elapsedS;
  // Bytes of finished lines, not bytes read: the reader takes the file in 64 KiB chunks, which made
  // the bar of a small file jump in quarter steps.
  const fraction = totalBytes > 0 ? Math.min(c.bytesDone / totalBytes, 1) : 0;
  const etaS =
    fraction > 0 && fraction < 1 ? (elapsedS * (1 - fraction)) / fraction : fraction >= 1 ? 0 : Number.NaN;
  return { elapsedS, rate, fraction, etaS };
}

/** One-line progress text shared by the bar and the log line. */
export function progressText(c: ProgressCounters, totalBytes: number): string {
  const s = snapshot(c, totalBytes);
  return `${c.done} lines, ${s.rate.toFixed(0)} lines/s, ${c.failed} errors, ${(s.fraction * 100).toFixed(0)}% read, ETA ${formatDuration(s.etaS)}`;
}

/** Starts the progress display (`none` returns a no-op). Timers are unref'd: they never keep the process alive. */
export function startProgress(
  mode: 'bar' | 'log' | 'none',
  counters: ProgressCounters,
  totalBytes: number,
  intervalMs: number,
  logger: BatchLogger,
  stream: NodeJS.WritableStream,
): ProgressDisplay {
  if (mode === 'none') return { stop: () => undefined };
  if (mode === 'log') {
    const timer = setInterval(
      () => logger.info(`progress: ${progressText(counters, totalBytes)}`),
      intervalMs,
    );
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
  const draw = (): void => {
    const s = snapshot(counters, totalBytes);
    const filled = Math.round(s.fraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    stream.write(
      `\r\x1b[2K${bar} ${(s.fraction * 100).toFixed(0).padStart(3)}% | ${counters.done} lines | ${s.rate.toFixed(0)}/s | ${counters.failed} errors | ETA ${formatDuration(s.etaS)}`,
    );
  };
  const timer = setInterval(draw, BAR_REFRESH_MS);
  timer.unref();
  draw();
  return {
    stop: () => {
      clearInterval(timer);
      draw();
      stream.write('\n');
    },
  };
}
