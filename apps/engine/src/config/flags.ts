// The serve command's flags and its Go-`flag`-compatible argv parser. The parser is kept on purpose
// (rather than node:util parseArgs): the operator and Seldon's docs pass flags the Go way, with one
// or two dashes, `--x v` or `--x=v`, and booleans as `--x` or `--x=false`.
import { EngineError } from '../errors.js';

/** How a serve flag takes its value. */
export type EngineFlagKind = 'string' | 'bool';

/** A flag name of the serve command (underscore spelling). */
export type EngineFlagName = keyof typeof ENGINE_FLAGS;

/**
 * Every flag of the serve command (underscore spelling, without dashes) and whether it is a boolean
 * switch (`--x`, `--x=false`) or takes a value (`--x v`, `--x=v`). docs/cli.md is checked against it.
 */
export const ENGINE_FLAGS = Object.freeze({
  sdep: 'string',
  namespace: 'string',
  predictor: 'string',
  http_port: 'string',
  grpc_port: 'string',
  protocol: 'string',
  transport: 'string',
  server_type: 'string',
  file: 'string',
  hostname: 'string',
  host: 'string',
  prometheus_path: 'string',
  logger_workers: 'string',
  log_work_buffer_size: 'string',
  log_write_timeout_ms: 'string',
  log_spool_dir: 'string',
  log_spool_max_bytes: 'string',
  log_spool_fsync_ms: 'string',
  log_spool_memory_bytes: 'string',
  log_kafka_broker: 'string',
  log_kafka_topic: 'string',
  kafka_broker: 'string',
  kafka_input_topic: 'string',
  kafka_output_topic: 'string',
  kafka_full_graph: 'bool',
  kafka_node_timeout_ms: 'string',
  kafka_workers: 'string',
  kafka_auto_commit: 'bool',
  kafka_outage_exit_ms: 'string',
  full_health_checks: 'bool',
  graph_page: 'bool',
  graceful_timeout: 'string',
  shutdown_delay: 'string',
  idle_drain: 'string',
  debug: 'bool',
  log_level: 'string',
  config: 'string',
  watch: 'bool',
  max_body_bytes: 'string',
  max_in_flight: 'string',
  grpc_keepalive_time_ms: 'string',
  http_keepalive_timeout_ms: 'string',
  http_headers_timeout_ms: 'string',
  http_receive_timeout_ms: 'string',
  node_connect_retries: 'string',
  node_max_answer_ms: 'string',
  max_buffered_body_bytes: 'string',
  grpc_keepalive_timeout_ms: 'string',
  grpc_max_connection_age_ms: 'string',
  grpc_max_connection_age_grace_ms: 'string',
  grpc_max_connection_idle_ms: 'string',
  max_header_bytes: 'string',
  request_timeout_ms: 'string',
  annotations_file: 'string',
} as const satisfies Record<string, EngineFlagKind>);

/** Flags by underscore name, and the arguments that are not flags. */
export interface ParsedArgs {
  flags: Map<string, string>;
  positional: string[];
}

/** Go `flag` syntax: `-x`/`--x`, `--x=v` or `--x v`; booleans take `--x` or `--x=false`. */
export function parseFlags(argv: readonly string[]): ParsedArgs {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const rawName = eq >= 0 ? body.slice(0, eq) : body;
    const name = rawName.replace(/-/g, '_');
    const kind = Object.hasOwn(ENGINE_FLAGS, name) ? ENGINE_FLAGS[name as EngineFlagName] : undefined;
    if (!kind)
      throw new EngineError(
        'SC_ERR_ENGINE_CONFIG_INVALID',
        `unknown flag ${arg.split('=')[0]} (see seldon-engine --help)`,
      );
    if (eq >= 0) flags.set(name, body.slice(eq + 1));
    else if (kind === 'bool') flags.set(name, 'true');
    else {
      if (i + 1 >= argv.length)
        throw new EngineError('SC_ERR_ENGINE_CONFIG_INVALID', `flag --${rawName} needs a value`);
      flags.set(name, argv[++i]);
    }
  }
  return { flags, positional };
}
