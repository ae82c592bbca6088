// Node clients for tests. The executor makes no clients itself: a test hands it the REST and gRPC
// clients made here, and closeTestClients() (in afterEach / afterAll) closes every one made since.
import type { NodeClients } from '@seldon-ts/graph-executor';
import { RestNodeClient, type RestNodeClientOptions } from '@seldon-ts/graph-executor/rest';
import { GrpcNodeClient, type GrpcNodeClientOptions } from '@seldon-ts/graph-executor/grpc';

export interface TestClientOptions {
  /** Set on both clients (before `rest` / `grpc`). Default: the clients' own (2). */
  readonly connectRetries?: number;
  readonly rest?: RestNodeClientOptions;
  readonly grpc?: GrpcNodeClientOptions;
}

const made: { close(): Promise<void> }[] = [];

/** A REST and a gRPC client, closed by the next {@link closeTestClients}. */
export function testClients(options: TestClientOptions = {}): {
  readonly rest: RestNodeClient;
  readonly grpc: GrpcNodeClient;
} & NodeClients {
  const common = options.connectRetries === undefined ? {} : { connectRetries: options.connectRetries };
  const rest = new RestNodeClient({ ...common, ...options.rest });
  const grpc = new GrpcNodeClient({ ...common, ...options.grpc });
  made.push(rest, grpc);
  return { rest, grpc };
}

/** Closes every client {@link testClients} made since the last call. */
export async function closeTestClients(): Promise<void> {
  await Promise.all(made.splice(0).map((c) => c.close()));
}
