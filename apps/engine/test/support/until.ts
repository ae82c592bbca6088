// Polling for a condition in tests that watch processes and sinks they cannot await directly.

/**
 * Polls `check` every 50 ms until it holds; after `timeoutMs` throws naming `what` and, when given,
 * the state `state()` describes (e.g. how many events arrived).
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  state?: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${state ? ` (${state()})` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
