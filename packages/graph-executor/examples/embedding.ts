// Embedding the graph executor in your own Node service.
//
//   cd /work/main && npx tsc -b packages/graph-executor/tsconfig.lib.json
//   npx tsx packages/graph-executor/examples/embedding.ts
//
// It starts a toy model on 127.0.0.1 (a REST node answering like a Seldon wrapper), builds a graph
// "scale (in-process TRANSFORMER) → classifier (REST MODEL)" with a REST node client it makes itself,
// subscribes to node events, and runs a prediction and a feedback through it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { GraphExecutor, GraphPayload, diagnosticsChannels, isGraphError } from '@seldon-ts/graph-executor';
import type { NodeEndMessage, InProcessComponent } from '@seldon-ts/graph-executor';
// The REST client is a plugin of the core, in its own subpath (the core never loads undici).
import { RestNodeClient } from '@seldon-ts/graph-executor/rest';

/** A stand-in for a model container: answers /predict and /send-feedback like the Python wrapper. */
async function startToyModel(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const request = body ? JSON.parse(body) : {};
      const answer =
        req.url === '/predict'
          ? {
              data: {
                names: ['proba'],
                ndarray: request.data.ndarray.map((row: number[]) => [row.reduce((a, b) => a + b, 0) / 100]),
              },
              meta: { ...request.meta, requestPath: { ...request.meta?.requestPath, classifier: 'toy:1' } },
            }
          : { data: { ndarray: [] } };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Runs the example and returns what it printed, so that the test suite can run it too. */
export async function main(log: (line: string) => void = console.log): Promise<unknown> {
  const model = await startToyModel();

  // An in-process transformer: any object with the model-wrapper runtime's method names fits
  // (a ComponentRuntime from @seldon-ts/model-wrapper's createComponentRuntime() does).
  const scale: InProcessComponent = {
    transformInput: (message) => {
      const m = message as { data: { ndarray: number[][] }; meta?: object };
      return { ...m, data: { ndarray: m.data.ndarray.map((row) => row.map((x) => x * 10)) } };
    },
  };

  // The app makes the node clients and hands them in; one client (one connection pool per node)
  // may serve any number of executors, and the app closes it when it is done with all of them.
  const rest = new RestNodeClient({ connectRetries: 2 });
  const executor = new GraphExecutor({
    predictorName: 'default',
    // The predictor's graph, exactly as in a SeldonDeployment.
    graph: {
      name: 'scale',
      type: 'TRANSFORMER',
      children: [
        { name: 'classifier', type: 'MODEL', endpoint: { service_host: '127.0.0.1', httpPort: model.port } },
      ],
    },
    // One transport per node: 'scale' runs in this process, 'classifier' follows the request (REST here).
    nodes: { scale: { transport: 'in-process', component: scale }, classifier: { timeoutMs: 2_000 } },
    clients: { rest },
    options: { routingInjection: true, timeoutMs: 5_000 },
  });

  // Metrics/tracing/logging hook: every node call, without a dependency on any of them.
  const onNodeEnd = (message: unknown): void => {
    const m = message as NodeEndMessage;
    log(`node ${m.nodeName} ${m.method} via ${m.transport} took ${m.durationMs.toFixed(2)} ms`);
  };
  subscribe(diagnosticsChannels.nodeEnd, onNodeEnd);

  try {
    const request = GraphPayload.fromBytes(Buffer.from('{"data":{"ndarray":[[1,2,3]]}}'), 'application/json');
    const { payload, puid, routing } = await executor.predict(request, {
      headers: { 'x-request-id': 'example' },
    });
    const response = payload.object();
    log(`puid ${puid} routing ${JSON.stringify(routing)}`);
    log(`response ${payload.text()}`);

    const feedback = GraphPayload.fromObject({
      request: { data: { ndarray: [[1, 2, 3]] } },
      response,
      reward: 1,
    });
    await executor.feedback(feedback, { puid });
    return response;
  } catch (err) {
    // Errors carry a stable code, the node name and both an HTTP and a gRPC status.
    if (isGraphError(err))
      log(`${err.code} at node ${err.nodeName}: HTTP ${err.httpStatus}, gRPC ${err.grpcCode}`);
    throw err;
  } finally {
    unsubscribe(diagnosticsChannels.nodeEnd, onNodeEnd);
    await executor.close();
    await rest.close(); // the executor does not close the clients it was given
    await model.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  await main();
}
