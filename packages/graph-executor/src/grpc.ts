/**
 * `@seldon-ts/graph-executor/grpc`: the gRPC node client (@grpc/grpc-js). Kept out of the core entry
 * point so that an app that reaches no node over gRPC never loads grpc-js; the app makes the client
 * and hands it to every executor through `GraphExecutorInit.clients.grpc`.
 *
 * ```ts
 * const grpc = new GrpcNodeClient({ timeoutMs: 5000 });
 * const executor = new GraphExecutor({ graph, clients: { grpc }, options: { defaultTransport: 'grpc' } });
 * // ... on shutdown, after the executors:
 * await grpc.close();
 * ```
 */
export { GrpcNodeClient } from './node-client/grpc.js';
export type { GrpcNodeClientOptions } from './node-client/grpc.js';
