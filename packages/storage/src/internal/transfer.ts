// One request's progress, shared by the http and S3 sources: its idle timer and what a failure
// means at the point it happened (before the answer, in the body, timed out, aborted by the caller).
import type { StorageError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { IdleTimer } from './idle-timer.js';

/** Where a request stood when it failed (what the classifiers read). */
export interface TransferState {
  phase: 'connect' | 'body';
  timedOut: boolean;
  aborted: boolean;
  readonly timeoutMs: number;
}

export interface Transfer {
  readonly timer: IdleTimer;
  readonly state: TransferState;
  /** `classifier`'s error for `err`, with the timer's and the caller's abort noted first. */
  classify(err: unknown, classifier: (err: unknown, state: TransferState) => StorageError): StorageError;
}

export function startTransfer(options: ResolvedOptions): Transfer {
  const timer = new IdleTimer(options.requestTimeoutMs, options.signal);
  const state: TransferState = {
    phase: 'connect',
    timedOut: false,
    aborted: false,
    timeoutMs: options.requestTimeoutMs,
  };
  return {
    timer,
    state,
    classify(err, classifier) {
      state.timedOut = timer.fired;
      state.aborted = options.signal?.aborted === true;
      return classifier(err, state);
    },
  };
}
