// A ComponentRuntime whose component takes new parameters while it serves.
//
// The operator delivers a node's parameters through a mounted ConfigMap file, so a parameter change
// reaches the running container instead of rolling the pod. A component that implements
// `updateParameters()` is told in place and keeps its state (a router's learned rewards); any other
// class is constructed anew with the new parameters, loaded, and swapped in once it is ready: calls
// in flight finish on the instance they started on, and that instance is closed after the last one.
import type { Feedback, SeldonMessage, SeldonMessageList, SeldonModelMetadata } from '@seldon-ts/payload';
import type { ComponentParameters } from '../parameters.js';
import type { ComponentRuntime } from '../runtime.js';
import type { ComponentMethod, SeldonComponent } from '../types.js';

/** A runtime and, when it runs on this thread, the component instance it serves. */
export interface ServedComponent {
  runtime: ComponentRuntime;
  instance?: SeldonComponent;
}

/**
 * How a parameter change was applied: `updated` in place by the component's `updateParameters()`,
 * `replaced` by a new instance, `unchanged` for a plain object (it never receives parameters).
 */
export type ParametersOutcome = 'updated' | 'replaced' | 'unchanged';

export class ReloadableRuntime implements ComponentRuntime {
  private served: ServedComponent;
  private readonly inFlight = new Map<ComponentRuntime, number>();
  private readonly drained = new Map<ComponentRuntime, () => void>();
  /** Replaced runtimes that close once their last call returned. */
  private readonly retiring = new Set<Promise<unknown>>();
  /** Parameter changes are applied one after the other, in the order they arrive. */
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param build makes the runtime for a set of parameters (not yet loaded); `undefined` when the
   *   component cannot be rebuilt (a plain object).
   */
  constructor(
    initial: ServedComponent,
    private readonly build: ((parameters: ComponentParameters) => ServedComponent) | undefined,
  ) {
    this.served = initial;
  }

  /** The component instance serving now (undefined in worker-thread mode). */
  get instance(): SeldonComponent | undefined {
    return this.served.instance;
  }

  get ready(): boolean {
    return this.served.runtime.ready;
  }

  /**
   * Applies new parameters. Rejects (and the current component keeps serving) when the component's
   * `updateParameters()`, constructor or `load()` throws.
   */
  setParameters(parameters: ComponentParameters): Promise<ParametersOutcome> {
    const next = this.queue.then(() => this.apply(parameters));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(parameters: ComponentParameters): Promise<ParametersOutcome> {
    const update = this.served.instance?.updateParameters;
    if (typeof update === 'function') {
      await update.call(this.served.instance, parameters);
      return 'updated';
    }
    if (this.build === undefined) return 'unchanged';
    const fresh = this.build(parameters);
    try {
      await fresh.runtime.load();
    } catch (err) {
      await fresh.runtime.close().catch(() => undefined);
      throw err;
    }
    const old = this.served.runtime;
    this.served = fresh;
    const retired = this.idle(old)
      .then(() => old.close())
      .catch(() => undefined)
      .finally(() => this.retiring.delete(retired));
    this.retiring.add(retired);
    return 'replaced';
  }

  /** Resolves once no call runs on `runtime`. */
  private idle(runtime: ComponentRuntime): Promise<void> {
    if ((this.inFlight.get(runtime) ?? 0) === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.set(runtime, resolve));
  }

  /** Runs `call` on the current runtime, counted so that a replaced runtime closes only when idle. */
  private async run<T>(call: (runtime: ComponentRuntime) => Promise<T>): Promise<T> {
    const runtime = this.served.runtime;
    this.inFlight.set(runtime, (this.inFlight.get(runtime) ?? 0) + 1);
    try {
      return await call(runtime);
    } finally {
      const left = (this.inFlight.get(runtime) ?? 1) - 1;
      if (left > 0) this.inFlight.set(runtime, left);
      else {
        this.inFlight.delete(runtime);
        this.drained.get(runtime)?.();
        this.drained.delete(runtime);
      }
    }
  }

  load(): Promise<void> {
    return this.served.runtime.load();
  }

  has(method: ComponentMethod): boolean {
    return this.served.runtime.has(method);
  }

  predict(message: SeldonMessage): Promise<SeldonMessage> {
    return this.run((r) => r.predict(message));
  }

  transformInput(message: SeldonMessage): Promise<SeldonMessage> {
    return this.run((r) => r.transformInput(message));
  }

  transformOutput(message: SeldonMessage): Promise<SeldonMessage> {
    return this.run((r) => r.transformOutput(message));
  }

  route(message: SeldonMessage): Promise<SeldonMessage> {
    return this.run((r) => r.route(message));
  }

  aggregate(messages: SeldonMessageList | readonly SeldonMessage[]): Promise<SeldonMessage> {
    return this.run((r) => r.aggregate(messages));
  }

  sendFeedback(feedback: Feedback): Promise<SeldonMessage> {
    return this.run((r) => r.sendFeedback(feedback));
  }

  health(): Promise<SeldonMessage> {
    return this.run((r) => r.health());
  }

  metadata(): Promise<SeldonModelMetadata> {
    return this.run((r) => r.metadata());
  }

  /** Waits for pending parameter changes and replaced runtimes, then closes the serving runtime. */
  async close(): Promise<void> {
    await this.queue;
    await Promise.all(this.retiring);
    await this.served.runtime.close();
  }

  /** Runs `call` with the current instance (PAYLOAD_PASSTHROUGH's `predictRaw`), counted like any call. */
  withInstance<T>(call: (instance: SeldonComponent | undefined) => Promise<T>): Promise<T> {
    return this.run(() => call(this.served.instance));
  }
}
