import { readFileSync } from 'node:fs';
import { BatchError } from './errors.js';
import { createStreamLogger } from './logger.js';
import { parseBatchArgs } from './cli-args.js';
import { batchOptionDefaults, batchOptionSpecs } from './options.js';
import { runBatch } from './run-batch.js';

/** Process exit codes of `seldon-batch-processor`. */
export const exitCodes = {
  /** Every line succeeded. */
  ok: 0,
  /** The run completed but some lines were written as error records. */
  lineFailures: 1,
  /** Invalid options. */
  usage: 2,
  /** Input unreadable or output unwritable: the output file is incomplete. */
  ioFailure: 3,
  /** Stopped by SIGINT/SIGTERM: lines in flight were written, the rest of the input was not read. */
  interrupted: 130,
} as const;

function helpText(): string {
  const rows = batchOptionSpecs.map((spec) => {
    const flags = `${spec.short ? `${spec.short}, ` : '    '}${spec.flag}${spec.kind === 'flag' || spec.kind === 'bool' ? '' : ' <value>'}`;
    const def =
      spec.key === 'deploymentName'
        ? 'required'
        : spec.key === 'batchId'
          ? 'new uuid1'
          : spec.key === 'progress'
            ? 'auto'
            : spec.key === 'batchIntervalMs'
              ? '0'
              : String((batchOptionDefaults as Record<string, unknown>)[spec.key]);
    const choices = spec.choices ? ` [${spec.choices.join('|')}]` : '';
    return `  ${flags.padEnd(36)} ${spec.help}${choices} (default: ${def}; env ${spec.env})`;
  });
  return [
    'Usage: seldon-batch-processor --deployment-name <name> [options]',
    '',
    'Sends every line of a local file to a Seldon deployment and writes one output line per input line.',
    'Exit codes: 0 all lines succeeded, 1 some lines failed (error records written), 2 invalid options,',
    '3 input unreadable / output unwritable, 130 stopped by SIGINT/SIGTERM.',
    '',
    'Options:',
    ...rows,
    '      --help                           this text (-h is --host, as in the reference)',
    '      --version                        print the version and exit',
    '',
  ].join('\n');
}

/** Streams the CLI writes to (injectable for tests). */
export interface CliStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Runs the CLI; resolves to the process exit code (see {@link exitCodes}). With `signals` (default:
 * when writing to the real stdout) SIGINT/SIGTERM stop the run gracefully.
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  streams: CliStreams = { stdout: process.stdout, stderr: process.stderr },
  signals = streams.stdout === process.stdout,
): Promise<number> {
  if (argv.includes('--version')) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    streams.stdout.write(`seldon-batch-processor ${pkg.version}\n`);
    return exitCodes.ok;
  }
  let parsed;
  try {
    parsed = parseBatchArgs(argv, env);
  } catch (error) {
    streams.stderr.write(`seldon-batch-processor: ${describe(error)}\n`);
    return exitCodes.usage;
  }
  if (parsed.help) {
    streams.stdout.write(helpText());
    return exitCodes.ok;
  }
  const logger = createStreamLogger(parsed.options.logLevel ?? batchOptionDefaults.logLevel, streams.stderr);
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    logger.warning(`${signal}: finishing the lines in flight, reading no more input`);
    stop.abort(signal);
  };
  if (signals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    const summary = await runBatch(
      { progress: 'auto', ...parsed.options },
      { logger, progressStream: streams.stderr, signal: stop.signal },
    );
    return summary.failed === 0 ? exitCodes.ok : exitCodes.lineFailures;
  } catch (error) {
    logger.error(describe(error));
    if (error instanceof BatchError) {
      if (error.code === 'SC_ERR_BATCH_ABORTED') return exitCodes.interrupted;
      return error.httpStatus === 400 ? exitCodes.usage : exitCodes.ioFailure;
    }
    return exitCodes.ioFailure;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function describe(error: unknown): string {
  if (error instanceof BatchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
