// undici's Pool without the rest of undici. The package entry (`require('undici')`) loads all of it
// (fetch, WebSocket, EventSource, the cache and mock agents): 16.9 MB of RSS in a fresh process,
// against 8.3 MB for the Pool module alone, and every pod's engine loads this client. undici has no
// `exports` map, so its files are addressable; the Pool module is the same class the entry exports.
// docs/benchmarks.md "A lean sidecar" records the measurement and the decision; the node-client
// tests fail at import if a future undici moves the file.
import { createRequire } from 'node:module';
import type { Pool as UndiciPool } from 'undici';

const requireFromHere = createRequire(import.meta.url);

/** undici's `Pool`, loaded from its own module. */
export const Pool = requireFromHere('undici/lib/dispatcher/pool.js') as typeof UndiciPool;
/** An instance of {@link Pool}. */
export type Pool = UndiciPool;
