// The local identity graph used by the main tests and the benchmark's test twin: a model-wrapper
// microservice (identity model with failure switches) behind a seldon-engine, all on loopback.
import { startMicroservice } from '@seldon-ts/model-wrapper';
import type { SeldonComponent } from '@seldon-ts/model-wrapper';
import { startEngine } from 'seldon-engine';

export interface IdentityGraph {
  /** host:port of the engine's REST server. */
  readonly restHost: string;
  /** host:port of the engine's gRPC server. */
  readonly grpcHost: string;
  /** Predict calls the model received. */
  readonly modelCalls: () => number;
  close(): Promise<void>;
}

/**
 * `alwaysFail(tags)`: the model throws for these lines (every attempt).
 * `failFirst(tags)`: the model throws on the first attempt of these lines only.
 */
export interface FailureSwitches {
  alwaysFail?: (tags: Record<string, unknown>) => boolean;
  failFirst?: (tags: Record<string, unknown>) => boolean;
}

export async function startIdentityGraph(switches: FailureSwitches = {}): Promise<IdentityGraph> {
  let calls = 0;
  const seen = new Set<unknown>();
  const model: SeldonComponent = {
    predict(X, _names, meta) {
      calls++;
      const tags = (meta?.tags ?? {}) as Record<string, unknown>;
      if (switches.alwaysFail?.(tags))
        throw new Error(`injected failure for line ${String(tags.batch_index)}`);
      if (switches.failFirst?.(tags) && !seen.has(tags.batch_instance_id)) {
        seen.add(tags.batch_instance_id);
        throw new Error(`injected first-attempt failure for line ${String(tags.batch_index)}`);
      }
      return X as never;
    },
    sendFeedback() {
      return [];
    },
  };
  const microservice = await startMicroservice(model, {
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    metricsPort: null,
    annotationsPath: '/nonexistent/annotations',
    env: {},
  });
  const endpoint = {
    service_host: '127.0.0.1',
    service_port: microservice.httpPort,
    httpPort: microservice.httpPort,
    grpcPort: microservice.grpcPort,
    type: 'REST' as const,
  };
  let engine;
  try {
    engine = await startEngine({
      deploymentName: 'batch-test',
      namespace: 'batch-ns',
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      logLevel: 'ERROR',
      graph: { name: 'model', type: 'MODEL', endpoint, children: [] },
      log: () => undefined,
    } as never);
    await engine.ready(10_000);
  } catch (error) {
    await microservice.close();
    throw error;
  }
  return {
    restHost: `127.0.0.1:${engine.httpPort}`,
    grpcHost: `127.0.0.1:${engine.grpcPort}`,
    modelCalls: () => calls,
    close: async () => {
      await engine.close();
      await microservice.close();
    },
  };
}
