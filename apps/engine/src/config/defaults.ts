// Defaults and allowed values shared by the flag resolver and normalizeConfig.
import type { EngineProtocol } from './types.js';

export const DEFAULT_CORS_HEADERS =
  'Accept, Accept-Encoding, Authorization, Content-Length, Content-Type, X-CSRF-Token';
export const PROTOCOLS: readonly EngineProtocol[] = ['seldon', 'tensorflow', 'v2', 'kfserving'];
/** Log levels as accepted (`WARN` is read as `WARNING`). */
export const LOG_LEVELS: readonly string[] = ['DEBUG', 'INFO', 'WARNING', 'WARN', 'ERROR', 'FATAL'];
/** Largest REST request body by default, bytes (100 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;
/** Largest payload-log spool by default, bytes (1 GiB). */
export const DEFAULT_SPOOL_MAX_BYTES = 1024 * 1024 * 1024;
/** Spooled event bytes also kept in memory for the senders (`--log_spool_memory_bytes`). */
export const DEFAULT_SPOOL_MEMORY_BYTES = 4 * 1024 * 1024;
