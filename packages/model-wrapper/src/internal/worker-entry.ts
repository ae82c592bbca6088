// Entry of a worker thread (worker mode): loads the component itself, serves requests posted
// by the main thread through an in-process runtime, and sends back results and the custom
// metrics they produced (recorded by the main thread's single registry).
import { parentPort, workerData } from 'node:worker_threads';
import { serializeWrapperError, toWrapperError } from '../errors.js';
import { loadComponentModule } from '../loader.js';
import { createComponentRuntime, type ComponentRuntime } from '../runtime.js';
import { COMPONENT_METHODS, type CustomMetric } from '../types.js';
import type { WorkerInit, WorkerRequest, WorkerReply } from './worker-protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;
let outbox: [CustomMetric[], string][] = [];

async function start(): Promise<ComponentRuntime> {
  const component = await loadComponentModule(init.module, init.exportName);
  const runtime = createComponentRuntime(component, {
    ...init.runtimeOptions,
    parameters: init.parameters,
    metrics: { record: (metrics, method) => void outbox.push([[...metrics], method]) },
  });
  await runtime.load();
  return runtime;
}

start().then(
  (runtime) => {
    port.postMessage({ type: 'ready', has: COMPONENT_METHODS.filter((m) => runtime.has(m)) });
    port.on('message', (req: WorkerRequest) => {
      const call = (runtime[req.method] as (arg: unknown) => Promise<unknown>).bind(runtime);
      call(req.arg).then(
        (result) => {
          const metrics = outbox;
          outbox = [];
          port.postMessage({ type: 'reply', id: req.id, ok: true, result, metrics } satisfies WorkerReply);
        },
        (err: unknown) => {
          const metrics = outbox;
          outbox = [];
          const error = toWrapperError(err);
          port.postMessage({
            type: 'reply',
            id: req.id,
            ok: false,
            error: serializeWrapperError(error),
            stack: error.cause instanceof Error ? error.cause.stack : error.stack,
            metrics,
          } satisfies WorkerReply);
        },
      );
    });
  },
  (err: unknown) => {
    port.postMessage({ type: 'failed', error: serializeWrapperError(toWrapperError(err)) });
  },
);
