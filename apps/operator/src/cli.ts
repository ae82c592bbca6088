#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { OperatorError } from '@seldon-ts/operator';
import { OPERATOR_USAGE, parseOperatorArgs } from './args.js';
import { runOperator } from './run.js';

async function main(): Promise<void> {
  if (process.argv.slice(2).includes('--version')) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`seldon-operator ${pkg.version}\n`);
    return;
  }
  let opts;
  try {
    opts = parseOperatorArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`seldon-operator: ${(err as Error).message}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(OPERATOR_USAGE + '\n');
    return;
  }
  if (opts.printConfig) {
    process.stdout.write(JSON.stringify(opts, null, 2) + '\n');
    return;
  }
  const running = await runOperator(opts);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(
      JSON.stringify({ ts: new Date().toISOString(), level: 'info', msg: 'stopping', signal }) + '\n',
    );
    // The Lease is released on the way out so a standby replica takes over at once.
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  const code = err instanceof OperatorError ? err.code : 'SC_ERR_OPERATOR_CONFIG';
  process.stderr.write(
    JSON.stringify({
      ts: new Date().toISOString(),
      level: 'error',
      msg: 'seldon-operator failed',
      code,
      error: (err as Error).message,
    }) + '\n',
  );
  process.exit(1);
});
