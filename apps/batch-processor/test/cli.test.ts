// The CLI in-process (runCli) with captured streams: exit codes, help, logs, progress display.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exitCodes, runCli } from '../src/index.js';
import { silentLogger } from '../src/logger.js';
import { startProgress } from '../src/internal/progress.js';
import { startStubDeployment } from './support/stub-deployment.js';
import type { StubDeployment } from './support/stub-deployment.js';
import { readOutput, tempDir } from './support/files.js';

const dir = tempDir();
let stub: StubDeployment;
beforeAll(async () => {
  stub = await startStubDeployment({
    failWith: (body) => (body?.data?.ndarray?.[0] === 'boom' ? 500 : undefined),
  });
});
afterAll(async () => {
  await stub.close();
  dir.remove();
});

function capture(isTTY = false) {
  const out = new PassThrough();
  const err = Object.assign(new PassThrough(), { isTTY });
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  return { streams: { stdout: out, stderr: err }, text: () => ({ stdout, stderr }) };
}

describe('seldon-batch-processor CLI', () => {
  it('exits 0 when every line succeeds and logs a summary', async () => {
    const input = dir.file('ok.in', ['[1]', '[2]']);
    const output = dir.file('ok.out');
    const c = capture();
    const code = await runCli(
      ['-d', 'dep', '-g', 'seldon', '-h', stub.host, '-i', input, '-o', output, '-b'],
      {},
      c.streams,
    );
    expect(code).toBe(exitCodes.ok);
    expect(readOutput(output).lines).toHaveLength(2);
    expect(c.text().stderr).toMatch(/Total processed instances: 2/);
    expect(c.text().stderr).toMatch(/summary: 2 lines, 2 succeeded, 0 failed/);
    expect(c.text().stderr).toMatch(/Elapsed time: [\d.]+/);
  });

  it('exits 1 when some lines were written as error records', async () => {
    const input = dir.file('some.in', ['[1]', '["boom"]', '']);
    const output = dir.file('some.out');
    const c = capture();
    const code = await runCli(
      ['-d', 'dep', '-g', 'seldon', '-h', stub.host, '-i', input, '-o', output, '-r', '1'],
      { SELDON_BATCH_LOG_LEVEL: 'warning' },
      c.streams,
    );
    expect(code).toBe(exitCodes.lineFailures);
    const { byIndex } = readOutput(output);
    expect(byIndex.size).toBe(3);
    expect(byIndex.get(2).status.reason).toMatch(/SC_ERR_BATCH_LINE_NOT_JSON/);
    expect(c.text().stderr).toBe('');
  });

  it('exits 2 on invalid options and 3 when input or output cannot be used', async () => {
    const c = capture();
    expect(await runCli(['-d', 'dep', '--workers', 'x'], {}, c.streams)).toBe(exitCodes.usage);
    expect(c.text().stderr).toMatch(/SC_ERR_BATCH_INVALID_OPTION: option --workers: 'x' is not an integer/);
    expect(await runCli(['-i', 'a', '-o', 'b'], {}, capture().streams)).toBe(exitCodes.usage);
    const missing = capture();
    expect(
      await runCli(
        ['-d', 'dep', '-h', stub.host, '-i', dir.file('nope.in'), '-o', dir.file('x.out')],
        {},
        missing.streams,
      ),
    ).toBe(exitCodes.ioFailure);
    expect(missing.text().stderr).toMatch(/SC_ERR_BATCH_INPUT_UNREADABLE/);
    const input = dir.file('io.in', ['[1]']);
    const noDir = capture();
    expect(
      await runCli(
        ['-d', 'dep', '-h', stub.host, '-i', input, '-o', `${dir.path}/no/such/dir/out`],
        {},
        noDir.streams,
      ),
    ).toBe(exitCodes.ioFailure);
    expect(noDir.text().stderr).toMatch(/SC_ERR_BATCH_OUTPUT_UNWRITABLE/);
  });

  it('prints every option with its env variable on --help', async () => {
    const c = capture();
    expect(await runCli(['--help'], {}, c.streams)).toBe(0);
    for (const flag of [
      '--deployment-name',
      '--batch-size',
      '--batch-interval',
      'SELDON_BATCH_MIN_INTERVAL',
      '--payload-type',
    ]) {
      expect(c.text().stdout).toContain(flag);
    }
  });

  it('draws a progress bar with count, rate, errors and ETA on a TTY', async () => {
    const input = dir.file('tty.in', ['[1]', '["boom"]']);
    const c = capture(true);
    await runCli(
      ['-d', 'dep', '-g', 'seldon', '-h', stub.host, '-i', input, '-o', dir.file('tty.out'), '-r', '1'],
      {},
      c.streams,
    );
    expect(c.text().stderr).toMatch(/\r\x1b\[2K.*100% \| 2 lines \| \d+\/s \| 1 errors \| ETA 0s\n/);
    // The start line is logged before the bar is drawn, never onto it.
    const stderr = c.text().stderr;
    expect(stderr.indexOf('INFO: batch ')).toBeGreaterThanOrEqual(0);
    expect(stderr.indexOf('INFO: batch ')).toBeLessThan(stderr.indexOf('\r\x1b[2K'));
    for (const line of stderr.split('\n').filter((l) => l.includes('batch-processor - '))) {
      expect(line.includes('█') || line.includes('░')).toBe(false);
    }
  });

  it('measures the bar by lines answered, not by 64 KiB chunks read', () => {
    const drawn: string[] = [];
    const stream = { write: (s: string) => drawn.push(s) } as unknown as NodeJS.WritableStream;
    // One chunk of a 256 KiB file read, 1 % of it answered: the bar says 1 %, not 25 %.
    const counters = {
      startedAt: Date.now(),
      bytesRead: 65_536,
      bytesDone: 2_621,
      linesRead: 655,
      done: 26,
      failed: 0,
    };
    const display = startProgress('bar', counters, 262_144, 5_000, silentLogger, stream);
    display.stop();
    expect(drawn[0]).toMatch(/ {2}1% \| 26 lines/);
  });

  it('reports an unreachable deployment as error records after the retries', async () => {
    const input = dir.file('down.in', ['[1]', '[2]']);
    const output = dir.file('down.out');
    const code = await runCli(
      ['-d', 'dep', '-g', 'seldon', '-h', '127.0.0.1:1', '-i', input, '-o', output, '-r', '2', '-w', '2'],
      {},
      capture().streams,
    );
    expect(code).toBe(exitCodes.lineFailures);
    const { byIndex } = readOutput(output);
    expect(byIndex.get(0).status.reason).toMatch(/SC_ERR_BATCH_REQUEST_FAILED: .*ECONNREFUSED/);
  });
});

describe('progress log line (stderr not a TTY)', () => {
  it('logs count, rate, errors, share read and ETA every progressIntervalMs', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = await startStubDeployment({ holdUntil: () => released });
    try {
      const c = capture(false);
      // The deployment answers only after the first progress line, so the run cannot end without one.
      c.streams.stderr.on('data', (chunk) => {
        if (String(chunk).includes('progress:')) release();
      });
      const input = dir.file('log.in', ['[1]', '[2]']);
      const code = await runCli(
        [
          '-d',
          'dep',
          '-g',
          'seldon',
          '-h',
          held.host,
          '-i',
          input,
          '-o',
          dir.file('log.out'),
          '--progress-interval-ms',
          '20',
        ],
        {},
        c.streams,
      );
      expect(code).toBe(exitCodes.ok);
      expect(c.text().stderr).toMatch(
        /INFO: progress: \d+ lines, \d+ lines\/s, 0 errors, \d+% read, ETA \S+\n/,
      );
    } finally {
      release();
      await held.close();
    }
  });
});
