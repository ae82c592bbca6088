import { setTimeout as sleep } from 'node:timers/promises';
import { isStorageError, StorageError } from '../errors.js';

export interface RetryPolicy {
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly signal: AbortSignal | undefined;
}

/** Backoff before retry `n` (0-based): base × 2ⁿ, at most the maximum. */
export function backoffMs(policy: RetryPolicy, n: number): number {
  return Math.min(policy.retryBaseDelayMs * 2 ** n, policy.retryMaxDelayMs);
}

/**
 * Runs `attempt` until it succeeds, fails with a non-transient error, or `retries` retries are spent.
 * The last error is thrown with the number of attempts added to its message.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isStorageError(err) || !err.transient || n >= policy.retries) {
        if (isStorageError(err) && err.transient && n > 0) {
          throw new StorageError(err.code, `${err.message} (after ${n + 1} attempts)`, { cause: err.cause });
        }
        throw err;
      }
      try {
        await sleep(backoffMs(policy, n), undefined, { signal: policy.signal });
      } catch {
        throw new StorageError('SC_ERR_STORAGE_ABORTED', 'download aborted while waiting to retry');
      }
    }
  }
}
