import { parseArgs } from 'node:util';
import { StorageError } from '../errors.js';
import type { DownloadOptions } from '../options.js';

/** Numeric flags, their option and the environment variable that sets them when the flag is absent. */
export const CLI_LIMITS = [
  { flag: 'max-total-bytes', option: 'maxTotalBytes', env: 'SELDON_STORAGE_MAX_TOTAL_BYTES' },
  { flag: 'max-files', option: 'maxFiles', env: 'SELDON_STORAGE_MAX_FILES' },
  { flag: 'request-timeout-ms', option: 'requestTimeoutMs', env: 'SELDON_STORAGE_REQUEST_TIMEOUT_MS' },
  { flag: 'retries', option: 'retries', env: 'SELDON_STORAGE_RETRIES' },
  { flag: 'concurrency', option: 'concurrency', env: 'SELDON_STORAGE_CONCURRENCY' },
] as const;

export const USAGE = `Usage: seldon-storage-initializer <modelUri> <destination> [options]

Copies a model to <destination> (the operator passes <modelUri> /mnt/models).
modelUri: a path, file://, http(s)://, s3://bucket/prefix, or <rclone-s3-remote>:bucket/prefix.

Options (flag > environment variable > default):
  --base-dir <dir>             resolve relative paths against <dir> (default: working directory)
${CLI_LIMITS.map((l) => `  --${l.flag} <n>`.padEnd(31) + `env ${l.env}`).join('\n')}
  -h, --help                   print this help

Exit codes: 0 copied; 2 bad arguments or modelUri; 3 unsupported scheme; 4 not found;
5 access denied; 6 unreachable, timeout or server error; 7 partial download; 8 too large;
9 unsafe path; 10 destination not writable; 130 interrupted.`;

/** A parsed command line. */
export type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'download';
      readonly modelUri: string;
      readonly destination: string;
      readonly options: DownloadOptions;
    };

function integer(value: string, where: string): number {
  if (!/^\d+$/.test(value.trim())) {
    throw new StorageError(
      'SC_ERR_STORAGE_BAD_OPTION',
      `${where} must be a non-negative integer, got "${value}"`,
    );
  }
  return Number(value.trim());
}

/** Parses `argv` (without node and the script) with the environment as fallback for limits. */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'base-dir': { type: 'string' },
        ...Object.fromEntries(CLI_LIMITS.map((l) => [l.flag, { type: 'string' as const }])),
      },
    });
  } catch (err) {
    throw new StorageError('SC_ERR_STORAGE_BAD_OPTION', (err as Error).message);
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 2) {
    throw new StorageError(
      'SC_ERR_STORAGE_BAD_OPTION',
      `expected 2 arguments <modelUri> <destination>, got ${positionals.length}`,
    );
  }
  const options: Record<string, unknown> = { env };
  const baseDir = values['base-dir'];
  if (typeof baseDir === 'string') options.baseDir = baseDir;
  for (const limit of CLI_LIMITS) {
    const flag = values[limit.flag];
    const fromEnv = env[limit.env];
    if (typeof flag === 'string') options[limit.option] = integer(flag, `--${limit.flag}`);
    else if (fromEnv !== undefined && fromEnv !== '') options[limit.option] = integer(fromEnv, limit.env);
  }
  return {
    kind: 'download',
    modelUri: positionals[0],
    destination: positionals[1],
    options: options as DownloadOptions,
  };
}
