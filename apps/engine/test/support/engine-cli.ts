// The built engine CLI (dist/cli.js) in a child process, for tests that kill it with SIGKILL.
// Build it first: `npx tsc -b apps/engine`.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PredictiveUnit } from '@seldon-ts/crd-types';

export const engineCli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/**
 * Starts the engine CLI on free loopback ports serving predictor `pred` with `graph`, its payload
 * logs through the disk spool in `spoolDir`; `args` are further flags.
 */
export function spawnSpoolingEngine(
  graph: PredictiveUnit,
  spoolDir: string,
  args: string[] = [],
): ChildProcess {
  const predictor = Buffer.from(JSON.stringify({ name: 'pred', graph })).toString('base64');
  return spawn(
    process.execPath,
    [
      engineCli,
      '--http_port',
      '0',
      '--grpc_port',
      '0',
      '--host',
      '127.0.0.1',
      '--log_spool_dir',
      spoolDir,
      '--log_level',
      'INFO',
      ...args,
    ],
    { env: { PATH: process.env.PATH, ENGINE_PREDICTOR: predictor }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/** The HTTP port the engine logs once serving; rejects with its output if it exits first. */
export function httpPortOf(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let text = '';
    const onData = (d: Buffer) => {
      text += d.toString();
      const m = /http 127\.0\.0\.1:(\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`engine exited: ${text}`)));
  });
}
