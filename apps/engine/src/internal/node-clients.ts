// The engine's REST and gRPC node clients: made once per engine from its configuration and handed
// to every graph executor it builds, so their connection pools outlive graph reloads. The graph
// core makes no clients itself (issue 15); the engine owns these and closes them when it stops.
import type { NodeClient, NodeClients } from '@seldon-ts/graph-executor';
import { RestNodeClient } from '@seldon-ts/graph-executor/rest';
import { GrpcNodeClient } from '@seldon-ts/graph-executor/grpc';
import type { EngineConfig } from '../config.js';

/** Clients of one engine and how to release the ones it made. */
export interface EngineNodeClients {
  readonly clients: NodeClients;
  /** Closes the clients made here (never the embedder's). */
  close(): Promise<void>;
}

/**
 * The REST and gRPC clients for `config`; a client the embedder gave (`given`, e.g. the Kafka
 * full-graph client or a test's) is used as is and left to its owner.
 */
export function engineNodeClients(config: EngineConfig, given: NodeClients = {}): EngineNodeClients {
  const made: NodeClient[] = [];
  const rest =
    given.rest ??
    remember(
      made,
      new RestNodeClient({
        timeoutMs: config.restTimeoutMs,
        maxMessageBytes: config.maxBodyBytes,
        maxAnswerMs: config.nodeMaxAnswerMs,
        connectRetries: config.nodeConnectRetries,
      }),
    );
  const grpc =
    given.grpc ??
    remember(
      made,
      new GrpcNodeClient({
        timeoutMs: config.grpcTimeoutMs,
        maxMessageBytes: config.grpcMaxMessageBytes,
        connectRetries: config.nodeConnectRetries,
      }),
    );
  return {
    clients: { rest, grpc },
    close: async () => {
      await Promise.all(made.splice(0).map((c) => c.close?.()));
    },
  };
}

function remember<T extends NodeClient>(made: NodeClient[], client: T): T {
  made.push(client);
  return client;
}
