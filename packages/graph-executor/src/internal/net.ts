import { GraphError } from '../errors.js';
import type { NodeCall } from '../node-client/node-client.js';

/** What a node client listens to for cancellation: the call's Cancellation or, if only that was given, its AbortSignal. */
export interface CancelSource {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Registers a callback; returns its remover. */
  onAbort(fn: () => void): () => void;
}

/**
 * The cancellation of a call. The executor's calls carry a Cancellation (no AbortSignal is made);
 * a NodeCall built by hand with only `signal` is listened to through the signal.
 */
export function cancelSource(call: NodeCall): CancelSource | undefined {
  if (call.cancellation !== undefined) return call.cancellation;
  const signal = call.signal;
  if (signal === undefined) return undefined;
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason() {
      return signal.reason as unknown;
    },
    onAbort(fn) {
      signal.addEventListener('abort', fn, { once: true });
      return () => signal.removeEventListener('abort', fn);
    },
  };
}

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'EADDRNOTAVAIL',
]);

/** True when the error happened while connecting, i.e. before any request byte was sent. */
export function isConnectFailure(err: unknown): boolean {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e.code === 'string' && CONNECT_FAILURES.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The GraphError a call aborted by `signal` reports. */
export function abortError(signal: { readonly reason: unknown }, nodeName: string): GraphError {
  const reason = signal.reason;
  if (reason instanceof GraphError) {
    if (reason.nodeName === nodeName || reason.code !== 'SC_ERR_GRAPH_NODE_TIMEOUT') return reason;
    return new GraphError(reason.code, reason.message.replace('{node}', nodeName), { nodeName });
  }
  return new GraphError('SC_ERR_GRAPH_CANCELLED', `call to node ${nodeName} was cancelled`, {
    nodeName,
    cause: reason,
  });
}

/** Sleeps, waking early when `cancel` aborts. */
export function sleep(ms: number, cancel?: CancelSource): Promise<void> {
  return new Promise((resolve) => {
    let unlisten: (() => void) | undefined = undefined; // set below; `done` may run inside onAbort
    const done = (): void => {
      clearTimeout(timer);
      unlisten?.();
      resolve();
    };
    const timer = setTimeout(done, ms);
    unlisten = cancel?.onAbort(done);
  });
}

/** `options` over `defaults`, where an option explicitly set to `undefined` keeps the default. */
export function withDefaults<T extends object>(defaults: Required<T>, options: T): Required<T> {
  const set = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...defaults, ...set } as Required<T>;
}

/**
 * Checks a client's options (after defaults): every one is a finite number >= 0, and those in
 * `atLeastOne` are integers >= 1. Throws `SC_ERR_GRAPH_INVALID_OPTIONS` naming the option.
 */
export function checkClientOptions(
  client: string,
  options: Readonly<Record<string, unknown>>,
  atLeastOne: readonly string[] = [],
): void {
  for (const [key, value] of Object.entries(options)) {
    const one = atLeastOne.includes(key);
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (one ? Number.isInteger(value) && value >= 1 : value >= 0);
    if (!ok)
      throw new GraphError(
        'SC_ERR_GRAPH_INVALID_OPTIONS',
        `${client} option ${key} must be ${one ? 'an integer >= 1' : 'a number >= 0'}, got ${String(value)}`,
      );
  }
}
