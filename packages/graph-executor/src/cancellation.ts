import { setMaxListeners } from 'node:events';

/**
 * Cancellation of one graph operation and its node calls: what an AbortController does, without
 * creating an AbortSignal (an EventTarget) for every request. Node's AbortSignal costs several
 * microseconds per request to create, listen to and unlisten from; on the engine's per-request
 * path that was a measurable share of its CPU. The executor and its built-in node clients listen
 * through {@link Cancellation.onAbort}; an AbortSignal is made only when someone asks for
 * {@link Cancellation.signal} (a custom node client, a user component).
 */
export class Cancellation {
  #aborted = false;
  #reason: unknown = undefined;
  #first: ((reason: unknown) => void) | undefined = undefined;
  #more: Set<(reason: unknown) => void> | undefined = undefined;
  #controller: AbortController | undefined = undefined;

  /** True once {@link abort} was called. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** What {@link abort} was called with. */
  get reason(): unknown {
    return this.#reason;
  }

  /** An AbortSignal that aborts with this cancellation; created on first use. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      // Every concurrent node call of a wide graph may listen to it.
      setMaxListeners(0, this.#controller.signal);
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Cancels: runs every registered callback once, in registration order. Later calls do nothing. */
  abort(reason: unknown = new Error('cancelled')): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    const first = this.#first;
    const more = this.#more;
    this.#first = undefined;
    this.#more = undefined;
    first?.(reason);
    if (more !== undefined) for (const fn of more) fn(reason);
    this.#controller?.abort(reason);
  }

  /**
   * Calls `fn(reason)` when this cancellation aborts (at once if it already has). Returns the
   * function that removes the callback.
   */
  onAbort(fn: (reason: unknown) => void): () => void {
    if (this.#aborted) {
      fn(this.#reason);
      return noop;
    }
    if (this.#first === undefined && this.#more === undefined) {
      this.#first = fn;
      return () => {
        if (this.#first === fn) this.#first = undefined;
      };
    }
    (this.#more ??= new Set()).add(fn);
    return () => {
      this.#more?.delete(fn);
    };
  }

  /** A cancellation that aborts when `this` does; `unlink` detaches it. */
  child(): { readonly cancellation: Cancellation; readonly unlink: () => void } {
    const cancellation = new Cancellation();
    const unlink = this.onAbort((reason) => cancellation.abort(reason));
    return { cancellation, unlink };
  }
}

function noop(): void {}
