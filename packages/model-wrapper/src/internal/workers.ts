// Worker mode: a ComponentRuntime that spreads calls over N worker threads, each holding its
// own instance of the component, so a CPU-bound model uses several cores with no code change.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Feedback, SeldonMessage, SeldonMessageList, SeldonModelMetadata } from '@seldon-ts/payload';
import { WrapperError, toWrapperError } from '../errors.js';
import type { ComponentRuntime, ComponentRuntimeOptions, MetricsRecorder } from '../runtime.js';
import type { ComponentMethod } from '../types.js';
import type { WorkerInit, WorkerMessage } from './worker-protocol.js';

interface Pending {
  method: ComponentMethod;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  label: string;
}

/** Records metrics of one worker under its own `worker_id`. */
export interface WorkerMetricsRecorder extends MetricsRecorder {
  recordFor(workerId: string, metrics: Parameters<MetricsRecorder['record']>[0], method: string): void;
}

function spawnWorker(workerData: WorkerInit): Worker {
  const entry = new URL(
    import.meta.url.endsWith('.ts') ? './worker-entry.ts' : './worker-entry.js',
    import.meta.url,
  );
  if (entry.pathname.endsWith('.js')) return new Worker(entry, { workerData });
  // Under a TypeScript runner (tests) this file is .ts: register tsx in the thread, then load the .ts entry.
  // The require condition resolves to the .cjs build, whose ESM twin sits beside it.
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export class WorkerPoolRuntime implements ComponentRuntime {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private methods = new Set<ComponentMethod>();
  private loading: Promise<void> | undefined;
  private closed = false;
  ready = false;

  constructor(
    private readonly size: number,
    private readonly init: WorkerInit,
    private readonly recorder: WorkerMetricsRecorder | undefined,
    private readonly onError?: ComponentRuntimeOptions['onError'],
  ) {}

  private spawn(index: number): Promise<void> {
    const worker = spawnWorker(this.init);
    const slot: Slot = { worker, pending: new Map(), label: `${process.pid}-${index}` };
    this.slots[index] = slot;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (msg: WorkerMessage) => {
        if (msg.type === 'ready') {
          started = true;
          this.methods = new Set(msg.has);
          resolve();
        } else if (msg.type === 'failed') {
          reject(toWrapperError(msg.error));
        } else {
          const p = slot.pending.get(msg.id);
          if (p === undefined) return;
          slot.pending.delete(msg.id);
          for (const [metrics, method] of msg.metrics) {
            try {
              this.recorder?.recordFor(slot.label, metrics, method);
            } catch {
              // A metric type clash was already reported to the client by the worker's validation.
            }
          }
          if (msg.ok) p.resolve(msg.result);
          else {
            const error = toWrapperError(msg.error);
            if (this.onError !== undefined && p.method !== 'metadata') {
              this.onError({
                unitId: this.init.runtimeOptions.unitId,
                method: p.method,
                error,
                serverError: error.httpStatus >= 500,
                stack: msg.stack,
              });
            }
            p.reject(error);
          }
        }
      });
      worker.on('error', (err) => {
        if (!started)
          reject(new WrapperError('SC_ERR_WRAPPER_BAD_COMPONENT', `Worker failed to start: ${err.message}`));
      });
      worker.on('exit', (code) => {
        const lost = [...slot.pending.values()];
        slot.pending.clear();
        for (const p of lost)
          p.reject(new WrapperError('SC_ERR_WRAPPER_INTERNAL', `Worker thread exited (code ${code})`));
        if (!started)
          reject(
            new WrapperError('SC_ERR_WRAPPER_BAD_COMPONENT', `Worker exited during load (code ${code})`),
          );
        else if (!this.closed) void this.spawn(index).catch(() => undefined);
      });
    });
  }

  load(): Promise<void> {
    this.loading ??= (async () => {
      await Promise.all(Array.from({ length: this.size }, (_, i) => this.spawn(i)));
      this.ready = true;
    })();
    return this.loading;
  }

  has(method: ComponentMethod): boolean {
    return this.methods.has(method);
  }

  private call<T>(method: ComponentMethod, arg: unknown): Promise<T> {
    if (!this.ready)
      return Promise.reject(new WrapperError('SC_ERR_WRAPPER_NOT_READY', 'Workers are not started'));
    // Least pending work first: a slow request does not hold up the others.
    let slot = this.slots[0];
    for (const s of this.slots) if (s.pending.size < slot.pending.size) slot = s;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ id, method, arg });
    });
  }

  predict(message: SeldonMessage): Promise<SeldonMessage> {
    return this.call('predict', message);
  }
  transformInput(message: SeldonMessage): Promise<SeldonMessage> {
    return this.call('transformInput', message);
  }
  transformOutput(message: SeldonMessage): Promise<SeldonMessage> {
    return this.call('transformOutput', message);
  }
  route(message: SeldonMessage): Promise<SeldonMessage> {
    return this.call('route', message);
  }
  aggregate(messages: SeldonMessageList | readonly SeldonMessage[]): Promise<SeldonMessage> {
    return this.call('aggregate', messages);
  }
  sendFeedback(feedback: Feedback): Promise<SeldonMessage> {
    return this.call('sendFeedback', feedback);
  }
  health(): Promise<SeldonMessage> {
    return this.call('health', undefined);
  }
  metadata(): Promise<SeldonModelMetadata> {
    return this.call('metadata', undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
