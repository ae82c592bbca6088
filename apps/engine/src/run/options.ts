// Options of `seldon-engine run`: one table (flag, default, meaning) that drives argument
// parsing, `--help` and the docs check (docs/cli.md is tested against RUN_OPTIONS).
import { EngineError } from '../errors.js';
import { splitRunArgs } from './argv.js';
import { parseComponentOverrides, type Isolation } from './local-component.js';

/** Options of the local runner. Every field is optional; defaults are in {@link RUN_OPTIONS}. */
export interface LocalRunOptions {
  /** Path of the SeldonDeployment manifest (YAML or JSON). Required. */
  manifestPath: string;
  /** Public REST port of the deployment. Default 8000; 0 picks a free port. */
  httpPort?: number;
  /** Public gRPC port of the deployment. Default 5001; 0 picks a free port. */
  grpcPort?: number;
  /** Address the public ports listen on. Default `127.0.0.1`. */
  host?: string;
  /** Namespace used when the manifest has none. Default `default`. */
  namespace?: string;
  /** Local components by container name (`module:…`, `process:…`, `url:…`, `command:…`); win over annotations. */
  components?: Record<string, string>;
  /** Force every module component in-process or into child processes. Default: as annotated. */
  isolation?: Isolation;
  /**
   * Reload module components when files in their directory change. Default false. (The `run`
   * command also restarts the whole deployment when the manifest changes.)
   */
  watch?: boolean;
  /** Kafka bootstrap servers for `serverType: kafka` (wins over `KAFKA_BROKER` in svcOrchSpec.env). */
  kafkaBroker?: string;
  /** Longest wait for every component and engine to become ready, in ms. Default 30000. */
  startTimeoutMs?: number;
  /** Longest wait for a component process to exit after SIGTERM before SIGKILL, in ms. Default 5000. */
  stopTimeoutMs?: number;
  /** Largest request body the front door accepts, in bytes. Default 104857600 (100 MiB). */
  maxBodyBytes?: number;
  /** Serve the live graph page at `/graph/` (each engine's `--graph_page`). Default true. */
  graphPage?: boolean;
  /** Where progress lines go. Default: standard error. */
  log?: (line: string) => void;
  /**
   * How in-process module components are imported (embedding, tests). Default: `.ts` files through
   * tsx (fresh on every reload), other files with native `import()`.
   */
  importModule?: (modulePath: string) => Promise<Record<string, unknown>>;
}

/** One row of the options table. */
export interface RunOptionSpec {
  flag: string;
  key: keyof LocalRunOptions;
  /** Placeholder of the value, absent for boolean switches. */
  value?: string;
  default: string;
  description: string;
}

/** The options table of `seldon-engine run` (the source of `--help` and docs/cli.md). */
export const RUN_OPTIONS: readonly RunOptionSpec[] = [
  {
    flag: '--http-port',
    key: 'httpPort',
    value: 'N',
    default: '8000',
    description: 'public REST port (0 = any free port)',
  },
  {
    flag: '--grpc-port',
    key: 'grpcPort',
    value: 'N',
    default: '5001',
    description: 'public gRPC port (0 = any free port)',
  },
  {
    flag: '--host',
    key: 'host',
    value: 'ADDR',
    default: '127.0.0.1',
    description: 'address the public ports listen on',
  },
  {
    flag: '--namespace',
    key: 'namespace',
    value: 'NAME',
    default: 'default',
    description: 'namespace when the manifest has none',
  },
  {
    flag: '--component',
    key: 'components',
    value: 'CONTAINER=SPEC',
    default: '(annotations)',
    description: 'local component of a container, repeatable; wins over seldon.io/local-<container>',
  },
  {
    flag: '--isolation',
    key: 'isolation',
    value: 'inprocess|process',
    default: '(as annotated)',
    description: 'run every module component in-process or in its own child process',
  },
  {
    flag: '--watch',
    key: 'watch',
    default: 'false',
    description: 'reload module components when their files change, the deployment when the manifest does',
  },
  {
    flag: '--kafka-broker',
    key: 'kafkaBroker',
    value: 'HOST:PORT',
    default: '(KAFKA_BROKER of svcOrchSpec.env)',
    description: 'Kafka bootstrap servers for serverType: kafka',
  },
  {
    flag: '--start-timeout-ms',
    key: 'startTimeoutMs',
    value: 'MS',
    default: '30000',
    description: 'longest wait for components and engines to become ready',
  },
  {
    flag: '--stop-timeout-ms',
    key: 'stopTimeoutMs',
    value: 'MS',
    default: '5000',
    description: 'longest wait for a component process to exit after SIGTERM, then SIGKILL',
  },
  {
    flag: '--max-body-bytes',
    key: 'maxBodyBytes',
    value: 'BYTES',
    default: '104857600',
    description: 'largest request body the front door accepts (several predictors only)',
  },
  {
    flag: '--graph-page',
    key: 'graphPage',
    default: 'true',
    description: 'serve the live graph page at /graph/ on the REST port (--graph-page=false: off)',
  },
];

/** Defaults applied to {@link LocalRunOptions}. */
export const RUN_DEFAULTS = {
  httpPort: 8000,
  grpcPort: 5001,
  host: '127.0.0.1',
  namespace: 'default',
  watch: false,
  startTimeoutMs: 30_000,
  stopTimeoutMs: 5_000,
  maxBodyBytes: 104_857_600,
  graphPage: true,
} as const;

export const RUN_USAGE = `Usage: seldon-engine run <seldondeployment.yaml> [options]

Runs a whole SeldonDeployment on this machine: an engine per predictor and a local component per
graph node (annotation seldon.io/local-<container>: module:|process:|url:|command:).

Options:
${RUN_OPTIONS.map((o) => `  ${`${o.flag}${o.value ? ` ${o.value}` : ''}`.padEnd(36)} ${o.description} (default ${o.default.replace(/^\((.*)\)$/, '$1')})`).join('\n')}
  ${'--help'.padEnd(36)} print this help
`;

function parseInteger(flag: string, text: string | undefined, min: number, max: number): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_USAGE',
      `${flag} expects an integer in [${min}, ${max}], got "${text ?? ''}"`,
    );
  }
  return n;
}

/**
 * Parses the arguments after `run` (node:util parseArgs, see ./argv.ts for the accepted spellings);
 * returns `'help'` for `--help` or `-h`.
 */
export function parseRunArgs(argv: readonly string[]): LocalRunOptions | 'help' {
  const split = splitRunArgs(argv, RUN_OPTIONS);
  if (split.help) return 'help';
  const positional = split.positionals;
  const components: string[] = [];
  const out: Partial<LocalRunOptions> = {};
  for (const { flag, value } of split.options) {
    const spec = RUN_OPTIONS.find((o) => o.flag === flag) as RunOptionSpec;
    if (!spec.value && value !== 'true' && value !== 'false') {
      throw new EngineError('SC_ERR_ENGINE_RUN_USAGE', `${flag} is a switch; use ${flag} or ${flag}=false`);
    }
    switch (spec.key) {
      case 'httpPort':
      case 'grpcPort':
        out[spec.key] = parseInteger(flag, value, 0, 65535);
        break;
      case 'startTimeoutMs':
      case 'stopTimeoutMs':
        out[spec.key] = parseInteger(flag, value, 0, 3_600_000);
        break;
      case 'maxBodyBytes':
        out.maxBodyBytes = parseInteger(flag, value, 1, 2 ** 31 - 1);
        break;
      case 'components':
        components.push(value);
        break;
      case 'isolation':
        if (value !== 'inprocess' && value !== 'process') {
          throw new EngineError(
            'SC_ERR_ENGINE_RUN_USAGE',
            `--isolation expects inprocess or process, got "${value}"`,
          );
        }
        out.isolation = value;
        break;
      case 'watch':
        out.watch = value !== 'false';
        break;
      case 'graphPage':
        out.graphPage = value !== 'false';
        break;
      case 'host':
      case 'namespace':
      case 'kafkaBroker':
        out[spec.key] = value;
        break;
      default:
        break;
    }
  }
  if (positional.length !== 1) {
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_USAGE',
      positional.length === 0
        ? 'missing the SeldonDeployment manifest: seldon-engine run <seldondeployment.yaml>'
        : `expected one manifest, got ${positional.length}: ${positional.join(' ')}`,
    );
  }
  return {
    ...out,
    manifestPath: positional[0],
    ...(components.length ? { components: parseComponentOverrides(components) } : {}),
  };
}
