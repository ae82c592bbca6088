// The built CLI as a separate process (dist/cli.js, built by `tsc -b` before the suite runs):
// the bin starts, exits with the documented codes and stops gracefully on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startStubDeployment } from './support/stub-deployment.js';
import { readOutput, tempDir } from './support/files.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = tempDir();
afterAll(() => dir.remove());

function runCliProcess(
  args: string[],
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
    onSpawn?.(child);
  });
}

describe('seldon-batch-processor process', () => {
  it('is built (run `npx tsc -b` first)', () => {
    expect(existsSync(cli)).toBe(true);
  });

  it('processes a file and exits 1 when a line failed', async () => {
    const stub = await startStubDeployment({
      failWith: (body) => (body?.data?.ndarray?.[0] === 'x' ? 503 : undefined),
    });
    try {
      const input = dir.file('p.in', ['[1]', '["x"]', '[3]']);
      const output = dir.file('p.out');
      const { code, stderr } = await runCliProcess([
        '-d',
        'dep',
        '-g',
        'seldon',
        '-h',
        stub.host,
        '-i',
        input,
        '-o',
        output,
        '-r',
        '2',
        '-w',
        '2',
      ]);
      expect(stderr).toMatch(/summary: 3 lines, 2 succeeded, 1 failed/);
      expect(code).toBe(1);
      expect(readOutput(output).byIndex.size).toBe(3);
    } finally {
      await stub.close();
    }
  });

  it('on SIGTERM finishes the line in flight, writes it and exits 130', async () => {
    let arrived: () => void = () => undefined;
    const firstRequest = new Promise<void>((resolve) => (arrived = resolve));
    const stub = await startStubDeployment({
      hang: () => {
        arrived();
        return true;
      },
    });
    try {
      const input = dir.file(
        'sig.in',
        Array.from({ length: 50 }, (_, i) => `[${i}]`),
      );
      const output = dir.file('sig.out');
      const { code, stderr } = await runCliProcess(
        [
          '-d',
          'dep',
          '-g',
          'seldon',
          '-h',
          stub.host,
          '-i',
          input,
          '-o',
          output,
          '-r',
          '1',
          '--timeout-ms',
          '300',
        ],
        (child) => void firstRequest.then(() => child.kill('SIGTERM')),
      );
      expect(stderr).toMatch(/SIGTERM: finishing the lines in flight/);
      expect(stderr).toMatch(/SC_ERR_BATCH_ABORTED/);
      expect(code).toBe(130);
      const { byIndex } = readOutput(output);
      expect([...byIndex.keys()]).toEqual([0]);
      expect(byIndex.get(0).status.reason).toMatch(/SC_ERR_BATCH_REQUEST_TIMEOUT/);
    } finally {
      await stub.close();
    }
  });
});

describe('seldon-batch-processor --version and --help', () => {
  it('--version prints the name and the package version, exit 0', () => {
    const out = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^seldon-batch-processor \d+\.\d+\.\d+\n$/);
  });

  it('--help prints usage; -h stays --host as in the reference click CLI', () => {
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: seldon-batch-processor --deployment-name <name> [options]');
    expect(help.stdout).toContain(
      '--help                           this text (-h is --host, as in the reference)',
    );
    const short = spawnSync(process.execPath, [cli, '-h'], { encoding: 'utf8' });
    expect(short.status).toBe(2);
    expect(short.stderr).toContain(
      'SC_ERR_BATCH_INVALID_OPTION: option -h needs a value (-h is --host, as in the reference; --help prints the usage)',
    );
  });
});
