// The numeric options read alike (gRPC connections, HTTP limits, node calls): each is one row of a
// table giving its config field, flag (env `SELDON_ENGINE_<FLAG>`), default, least value and unit.
import type { EngineConfig, EngineOptions } from './types.js';
import { invalid, parseIntStrict } from './values.js';

/**
 * A numeric option read like the gRPC and HTTP settings: config field, flag (env
 * `SELDON_ENGINE_<FLAG>`), default, least value, unit.
 */
export type NumericOption = readonly [
  field: keyof EngineConfig,
  flag: string,
  fallback: number,
  min: number,
  unit: string,
];

/** The gRPC connection settings (docs/engine.md, "gRPC connections"). */
export const GRPC_CONNECTION_OPTIONS = [
  ['grpcKeepaliveTimeMs', 'grpc_keepalive_time_ms', 60_000, 0, 'ms'],
  ['grpcKeepaliveTimeoutMs', 'grpc_keepalive_timeout_ms', 20_000, 1, 'ms'],
  ['grpcMaxConnectionAgeMs', 'grpc_max_connection_age_ms', 300_000, 0, 'ms'],
  ['grpcMaxConnectionAgeGraceMs', 'grpc_max_connection_age_grace_ms', 60_000, 0, 'ms'],
  ['grpcMaxConnectionIdleMs', 'grpc_max_connection_idle_ms', 0, 0, 'ms'],
] as const satisfies readonly NumericOption[];

/** The REST server's timeouts and the process-wide cap on buffered request bodies. */
export const HTTP_LIMIT_OPTIONS = [
  ['httpKeepAliveTimeoutMs', 'http_keepalive_timeout_ms', 65_000, 1, 'ms'],
  ['httpHeadersTimeoutMs', 'http_headers_timeout_ms', 60_000, 1, 'ms'],
  ['httpReceiveTimeoutMs', 'http_receive_timeout_ms', 300_000, 0, 'ms'],
  ['maxBufferedBodyBytes', 'max_buffered_body_bytes', 512 * 1024 * 1024, 1, 'bytes'],
] as const satisfies readonly NumericOption[];

/** How the engine's node clients treat nodes that are restarting or that answer without end. */
export const NODE_CALL_OPTIONS = [
  ['nodeConnectRetries', 'node_connect_retries', 2, 0, 'retries'],
  ['nodeMaxAnswerMs', 'node_max_answer_ms', 300_000, 0, 'ms'],
] as const satisfies readonly NumericOption[];

export type FieldsOf<T extends readonly NumericOption[]> = T[number][0];

/**
 * The largest value of these options: node's timers take at most 2^31-1 ms, and grpc-js adds up to
 * 10% jitter to the max age. 1,900,000,000 ms is about 22 days (and bytes: 1.9 GB).
 */
const MAX_NUMERIC_OPTION = 1_900_000_000;

/** The options of `table` given by flag or environment (flag > env); defaults come later. */
export function numericOptions<T extends readonly NumericOption[]>(
  table: T,
  pick: (flagName: string, envName?: string) => string | undefined,
): Partial<Record<FieldsOf<T>, number>> {
  const out: Partial<Record<FieldsOf<T>, number>> = {};
  for (const [field, flagName, , min, unit] of table) {
    const envName = `SELDON_ENGINE_${flagName.toUpperCase()}`;
    const value = pick(flagName, envName);
    const what = `--${flagName} / ${envName}`;
    if (value !== undefined)
      out[field as FieldsOf<T>] = checkNumeric(parseIntStrict(value, what, min), what, min, unit);
  }
  return out;
}

/** The options of `table` from any options object, defaulted and checked. */
export function checkNumericOptions<T extends readonly NumericOption[]>(
  table: T,
  o: EngineOptions,
): Record<FieldsOf<T>, number> {
  const out = {} as Record<FieldsOf<T>, number>;
  for (const [field, flagName, fallback, min, unit] of table)
    out[field as FieldsOf<T>] = checkNumeric(
      (o[field] as number | undefined) ?? fallback,
      `${field} (--${flagName})`,
      min,
      unit,
    );
  return out;
}

function checkNumeric(value: number, what: string, min: number, unit: string): number {
  if (!Number.isInteger(value) || value < min || value > MAX_NUMERIC_OPTION)
    throw invalid(`${what} must be an integer from ${min} to ${MAX_NUMERIC_OPTION} (${unit}), got ${value}`);
  return value;
}
