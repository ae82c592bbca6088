/**
 * `@seldon-ts/graph-executor/rest`: the REST node client (undici). Kept out of the core entry point
 * so that an app that reaches no node over REST never loads undici; the app makes the client and
 * hands it to every executor through `GraphExecutorInit.clients.rest`.
 *
 * ```ts
 * const rest = new RestNodeClient({ timeoutMs: 5000 });
 * const executor = new GraphExecutor({ graph, clients: { rest } });
 * // ... on shutdown, after the executors:
 * await rest.close();
 * ```
 */
export { RestNodeClient } from './node-client/rest.js';
export type { RestNodeClientOptions } from './node-client/rest.js';
// undici's Pool loaded from its own module, as the REST client loads it (without the rest of
// undici), for an app's other dispatch()-only HTTP clients.
export { Pool as UndiciPool } from './node-client/rest-pool.js';
