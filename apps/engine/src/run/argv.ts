// Splits the arguments of `seldon-engine run` with node:util parseArgs (strict). Option tokens are
// normalised first so every spelling the runner has accepted keeps working: the executor's
// underscores (--http_port), single-dash long names (-http-port) and switches given alone
// (--watch becomes --watch=true, so that --watch=false stays possible). parseArgs's errors become
// SC_ERR_ENGINE_RUN_USAGE naming the option.
import { parseArgs } from 'node:util';
import { EngineError } from '../errors.js';

/** What the splitter needs to know of an option: its flag, and the value placeholder unless a switch. */
export interface RunFlag {
  readonly flag: string;
  readonly value?: string;
}

/** The arguments in order: options (normalised flag and raw value) and positionals. */
export interface SplitRunArgs {
  readonly help: boolean;
  readonly options: readonly { readonly flag: string; readonly value: string }[];
  readonly positionals: readonly string[];
}

/** Splits `argv`; `help` is true when `--help` or `-h` appears before `--` (it wins over bad options). */
export function splitRunArgs(argv: readonly string[], flags: readonly RunFlag[]): SplitRunArgs {
  const switches = new Set(flags.filter((f) => !f.value).map((f) => f.flag));
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const optionPart = argv.slice(0, end).map((token) => normaliseToken(token, switches));
  if (optionPart.some((token) => token === '--help' || token === '-h')) {
    return { help: true, options: [], positionals: [] };
  }
  const args = [...optionPart, ...argv.slice(end)];
  const options = Object.fromEntries([
    ...flags.map((f) => [f.flag.slice(2), { type: 'string', multiple: true }] as const),
    ['help', { type: 'boolean', short: 'h' }] as const,
  ]);
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true, tokens: true });
  } catch (err) {
    throw usageError(err, flags);
  }
  const found = parsed.tokens.flatMap((t) =>
    t.kind === 'option' && t.name !== 'help' ? [{ flag: `--${t.name}`, value: t.value ?? '' }] : [],
  );
  return { help: false, options: found, positionals: parsed.positionals };
}

/** `-http_port=1` → `--http-port=1`; a switch alone gets `=true`. Values are left untouched. */
function normaliseToken(token: string, switches: ReadonlySet<string>): string {
  if (!token.startsWith('-') || token === '-') return token;
  const eq = token.indexOf('=');
  const rest = eq > 0 ? token.slice(eq) : '';
  let name = eq > 0 ? token.slice(0, eq) : token;
  // A single dash before a long name (Go-flag style); `-h` stays the short help.
  if (/^-[^-]./.test(name)) name = `-${name}`;
  name = name.replace(/_/g, '-');
  return switches.has(name) && rest === '' ? `${name}=true` : `${name}${rest}`;
}

function usageError(err: unknown, flags: readonly RunFlag[]): unknown {
  const { code, message } = err as { code?: string; message?: string };
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_') || message === undefined) return err;
  // parseArgs quotes the option first: "Unknown option '--nope'", "Option '--http-port <value>' ...".
  const named = /'(-[^',\s]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new EngineError(
      'SC_ERR_ENGINE_RUN_USAGE',
      `unknown option ${named} (see seldon-engine run --help)`,
      { cause: err },
    );
  }
  const spec = flags.find((f) => f.flag === named);
  if (spec?.value && message.endsWith('argument missing')) {
    return new EngineError('SC_ERR_ENGINE_RUN_USAGE', `${named} needs a value (${spec.value})`, {
      cause: err,
    });
  }
  return new EngineError('SC_ERR_ENGINE_RUN_USAGE', message.replace(/\n/g, ' '), { cause: err });
}
