// Command line and SELDON_BATCH_* environment → BatchOptions, with node:util parseArgs (strict).
// The flags mirror the reference's click CLI: the boolean options may stand alone or take a boolean
// word as the next argument (`--use-ssl false`); those are joined to their word before parsing.
import { parseArgs } from 'node:util';
import { BatchError } from './errors.js';
import { batchOptionSpecs, type BatchOptionSpec, type BatchOptions } from './options.js';

const TRUE_WORDS = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'f', 'no', 'n', 'off']);
const isBoolWord = (word: string | undefined): word is string =>
  word !== undefined && (TRUE_WORDS.has(word.toLowerCase()) || FALSE_WORDS.has(word.toLowerCase()));

function parseBool(raw: string, where: string): boolean {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new BatchError(
    'SC_ERR_BATCH_INVALID_OPTION',
    `${where}: '${raw}' is not a boolean (use true/false, yes/no, 1/0, on/off)`,
  );
}

function parseValue(spec: BatchOptionSpec, raw: string, where: string): unknown {
  switch (spec.kind) {
    case 'string':
      return raw;
    case 'choice':
      if (!spec.choices!.includes(raw)) {
        throw new BatchError(
          'SC_ERR_BATCH_INVALID_OPTION',
          `${where}: '${raw}' is not one of ${spec.choices!.join(', ')}`,
        );
      }
      return raw;
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw.trim())) {
        throw new BatchError('SC_ERR_BATCH_INVALID_OPTION', `${where}: '${raw}' is not an integer`);
      }
      return Number(raw.trim());
    }
    case 'seconds': {
      const seconds = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(seconds)) {
        throw new BatchError('SC_ERR_BATCH_INVALID_OPTION', `${where}: '${raw}' is not a number of seconds`);
      }
      return seconds * 1000;
    }
    case 'bool':
    case 'flag':
      return parseBool(raw, where);
  }
}

const isStandalone = (spec: BatchOptionSpec) => spec.kind === 'flag' || spec.kind === 'bool';

/** `--use-ssl false` → `--use-ssl=false`, `-b` alone → `-btrue`; stops at `--`. */
function joinBooleanWords(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') return [...out, ...argv.slice(i)];
    const spec = batchOptionSpecs.find((s) => isStandalone(s) && (s.flag === token || s.short === token));
    if (spec === undefined) {
      out.push(token);
      continue;
    }
    const word = isBoolWord(argv[i + 1]) ? argv[++i] : 'true';
    out.push(token.startsWith('--') ? `${token}=${word}` : `${token}${word}`);
  }
  return out;
}

const parseArgsOptions = Object.fromEntries([
  ...batchOptionSpecs.map(
    (s) => [s.flag.slice(2), { type: 'string', ...(s.short ? { short: s.short.slice(1) } : {}) }] as const,
  ),
  ['help', { type: 'boolean' }] as const,
]);

/** parseArgs's errors as SC_ERR_BATCH_INVALID_OPTION, in this CLI's words where it has its own. */
function invalidArgs(err: unknown, args: readonly string[]): unknown {
  const { code, message } = err as { code?: string; message?: string };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_') || message === undefined) return err;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new BatchError('SC_ERR_BATCH_INVALID_OPTION', `unknown argument '${quoted}' (see --help)`, {
      cause: err,
    });
  }
  if (message.endsWith('argument missing')) {
    // Only the last argument can miss its value; name it as typed.
    const name = args[args.length - 1];
    // -h is --host, as in the reference's CLI; someone typing it alone wants help.
    const hint = name === '-h' ? ' (-h is --host, as in the reference; --help prints the usage)' : '';
    return new BatchError('SC_ERR_BATCH_INVALID_OPTION', `option ${name} needs a value${hint}`, {
      cause: err,
    });
  }
  return new BatchError('SC_ERR_BATCH_INVALID_OPTION', message.replace(/\n/g, ' '), { cause: err });
}

/** What {@link parseBatchArgs} found: options to run with, or a request for help. */
export type ParsedBatchArgs = { help: true } | { help: false; options: BatchOptions };

/**
 * Parses command-line arguments and `SELDON_BATCH_*` environment variables (flags win over env).
 * Accepts `--flag value`, `--flag=value`, `-x value`, `-xvalue`; `--benchmark`, `--use-ssl` and
 * `--ssl-verify` may stand alone (true) or take a boolean word. A value starting with `-` must be
 * attached (`--call-credentials-token=-abc`). Validation of the values happens in
 * {@link resolveBatchOptions}; this only checks syntax.
 */
export function parseBatchArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): ParsedBatchArgs {
  const found: Record<string, unknown> = {};
  for (const spec of batchOptionSpecs) {
    const raw = env[spec.env];
    if (raw !== undefined && raw !== '')
      found[spec.key] = parseValue(spec, raw, `environment variable ${spec.env}`);
  }
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  if (argv.slice(0, end).includes('--help')) return { help: true };
  const args = joinBooleanWords(argv);
  let tokens;
  try {
    ({ tokens } = parseArgs({ args, options: parseArgsOptions, strict: true, tokens: true }));
  } catch (err) {
    throw invalidArgs(err, args);
  }
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = batchOptionSpecs.find((s) => s.flag === `--${token.name}`) as BatchOptionSpec;
    found[spec.key] = parseValue(spec, token.value ?? '', `option ${token.rawName}`);
  }
  return { help: false, options: found as unknown as BatchOptions };
}
