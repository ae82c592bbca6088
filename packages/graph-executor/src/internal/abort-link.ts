// Links a caller's AbortSignal to per-operation controllers without adding one 'abort' listener per
// operation: a signal shared by many concurrent requests (an engine-wide shutdown signal, a Kafka
// consumer's signal) would otherwise collect one listener per in-flight request, trip Node's
// MaxListenersExceededWarning and, if a listener were ever left behind, leak. Each parent signal
// carries at most one listener here, whatever the number of linked operations, and that listener
// is removed as soon as the last linked operation ends.

type Aborter = (reason: unknown) => void;

interface Link {
  readonly aborters: Set<Aborter>;
  readonly listener: () => void;
}

const links = new WeakMap<AbortSignal, Link>();

/**
 * Calls `abort(parent.reason)` when `parent` aborts (at once if it already has). Returns the
 * function that unlinks it; call it when the operation ends.
 */
export function linkAbort(parent: AbortSignal, abort: Aborter): () => void {
  if (parent.aborted) {
    abort(parent.reason);
    return noop;
  }
  let link = links.get(parent);
  if (link === undefined) {
    const aborters = new Set<Aborter>();
    const listener = (): void => {
      links.delete(parent);
      for (const fn of aborters) fn(parent.reason);
      aborters.clear();
    };
    link = { aborters, listener };
    links.set(parent, link);
    parent.addEventListener('abort', listener, { once: true });
  }
  const current = link;
  current.aborters.add(abort);
  return () => {
    current.aborters.delete(abort);
    if (current.aborters.size === 0 && links.get(parent) === current) {
      links.delete(parent);
      parent.removeEventListener('abort', current.listener);
    }
  };
}

/** Number of 'abort' listeners this module holds on `signal` (0 or 1); for tests. */
export function linkedListenerCount(signal: AbortSignal): number {
  return links.has(signal) ? 1 : 0;
}

function noop(): void {}
