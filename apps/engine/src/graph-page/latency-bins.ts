// Latencies in fixed log-scale bins, so a percentile over a minute is read from counts instead of
// kept samples. Bin i holds durations up to FIRST_BIN_MS * GROWTH^i: 64 bins from 10 µs to about
// 13 s (longer ones land in the last bin), each bin 25% wider than the one before, so a percentile
// read from them is within 25% of the true value.

/** Number of latency bins. */
export const LATENCY_BINS = 64;
const FIRST_BIN_MS = 0.01;
const GROWTH = 1.25;
const LOG_GROWTH = Math.log(GROWTH);

/** The bin of a duration in milliseconds. */
export function latencyBin(ms: number): number {
  if (!(ms > FIRST_BIN_MS)) return 0;
  const bin = Math.ceil(Math.log(ms / FIRST_BIN_MS) / LOG_GROWTH);
  return bin < LATENCY_BINS ? bin : LATENCY_BINS - 1;
}

/** The upper bound of bin `bin`, in milliseconds. */
export function binUpperMs(bin: number): number {
  return FIRST_BIN_MS * GROWTH ** bin;
}

/**
 * The `q` quantile (0..1) of the durations counted in `counts[offset .. offset + LATENCY_BINS)`, as
 * its bin's upper bound in ms; undefined when nothing was counted.
 */
export function quantileMs(counts: ArrayLike<number>, offset: number, q: number): number | undefined {
  let total = 0;
  for (let i = 0; i < LATENCY_BINS; i++) total += counts[offset + i];
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < LATENCY_BINS; i++) {
    seen += counts[offset + i];
    if (seen >= rank) return binUpperMs(i);
  }
  return binUpperMs(LATENCY_BINS - 1);
}
