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
