// Reading one configuration value from text: integers, booleans and Go durations, each refused with
// SC_ERR_ENGINE_CONFIG_INVALID naming where the value came from.
import { EngineError } from '../errors.js';

/** The error of every invalid configuration value. */
export function invalid(message: string): EngineError {
  return new EngineError('SC_ERR_ENGINE_CONFIG_INVALID', message);
}

/** A whole number written in decimal, at least `min`. */
export function parseIntStrict(value: string, what: string, min = 0): number {
  if (!/^-?\d+$/.test(value.trim())) throw invalid(`${what} must be an integer, got "${value}"`);
  const n = Number(value.trim());
  if (n < min) throw invalid(`${what} must be >= ${min}, got ${n}`);
  return n;
}

/** Go's `strconv.ParseBool` spellings plus yes/no and on/off. */
export function parseBool(value: string, what: string): boolean {
  const v = value.trim().toLowerCase();
  if (['1', 't', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'f', 'false', 'no', 'off'].includes(v)) return false;
  throw invalid(`${what} must be a boolean (true/false), got "${value}"`);
}

const DURATION_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60000,
  h: 3600000,
};
const DURATION_PART = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/;

/** Go durations (`15s`, `500ms`, `1m30s`) or a bare number of milliseconds. */
export function parseDurationMs(value: string, what: string): number {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  let total = 0;
  let rest = v;
  if (!rest) throw invalid(`${what} must be a duration like 15s or 500ms, got "${value}"`);
  while (rest) {
    const m = DURATION_PART.exec(rest);
    if (!m) throw invalid(`${what} must be a duration like 15s or 500ms, got "${value}"`);
    total += Number(m[1]) * DURATION_UNITS_MS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
