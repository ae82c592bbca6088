// The engine's REST and gRPC node clients: made once per engine from its configuration and handed
// to every graph executor it builds, so their connection pools outlive graph reloads. The graph
// core makes no clients itself (issue 15); the engine owns these and closes them when it stops.
// The gRPC client (and @grpc/grpc-js) is loaded on the first call to a gRPC node: most graphs are
// called over REST only.
import type {
  GraphNodeSpec,
  GraphPayload,
  NodeCall,
  NodeClient,
  NodeClients,
  ReadyCheckOptions,
} from '@seldon-ts/graph-executor';
import { RestNodeClient } from '@seldon-ts/graph-executor/rest';
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
      new LazyGrpcNodeClient({
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

/** The options of the gRPC node client made by the engine. */
interface GrpcClientOptions {
  readonly timeoutMs: number;
  readonly maxMessageBytes: number;
  readonly connectRetries: number;
}

/**
 * graph-executor's GrpcNodeClient, imported on the first call or readiness check that needs it;
 * later calls go straight to it.
 */
export class LazyGrpcNodeClient implements NodeClient {
  readonly transport = 'grpc';
  readonly payloadFormat = 'protobuf' as const;
  readonly timeoutMs: number;
  readonly #options: GrpcClientOptions;
  #client: NodeClient | undefined;
  #loading: Promise<NodeClient> | undefined;

  constructor(options: GrpcClientOptions) {
    this.#options = options;
    this.timeoutMs = options.timeoutMs;
  }

  call(call: NodeCall): Promise<GraphPayload> {
    if (this.#client) return this.#client.call(call);
    return this.#load().then((client) => client.call(call));
  }

  async ready(node: GraphNodeSpec, options: ReadyCheckOptions): Promise<boolean> {
    const client = this.#client ?? (await this.#load());
    return client.ready ? client.ready(node, options) : true;
  }

  async close(): Promise<void> {
    const client = this.#client ?? (await this.#loading);
    await client?.close?.();
  }

  #load(): Promise<NodeClient> {
    this.#loading ??= import('@seldon-ts/graph-executor/grpc').then(
      ({ GrpcNodeClient }) => (this.#client = new GrpcNodeClient(this.#options)),
    );
    return this.#loading;
  }
}
