// A fixed-size ring of per-second rows of counters: the last `seconds` seconds, `width` counters
// each. Adding is O(1) and allocates nothing; a row older than the window is zeroed when its slot
// is reused, so nothing runs while nothing is recorded.

export class SecondRing {
  readonly #counts: Uint32Array;
  /** The second (epoch seconds) each slot's row belongs to; -1 = never used. */
  readonly #stamps: Float64Array;

  constructor(
    /** Window length in seconds (slots). */
    readonly seconds: number,
    /** Counters per second. */
    readonly width: number,
  ) {
    this.#counts = new Uint32Array(seconds * width);
    this.#stamps = new Float64Array(seconds).fill(-1);
  }

  /** Adds `n` to counter `column` of second `second`. */
  add(second: number, column: number, n = 1): void {
    const slot = second % this.seconds;
    if (this.#stamps[slot] !== second) {
      this.#counts.fill(0, slot * this.width, (slot + 1) * this.width);
      this.#stamps[slot] = second;
    }
    this.#counts[slot * this.width + column] += n;
  }

  /** Every counter summed over the window ending at `second` (included). */
  totals(second: number): Uint32Array {
    const out = new Uint32Array(this.width);
    for (let slot = 0; slot < this.seconds; slot++) {
      const stamp = this.#stamps[slot];
      if (stamp < 0 || stamp > second || stamp <= second - this.seconds) continue;
      const base = slot * this.width;
      for (let c = 0; c < this.width; c++) out[c] += this.#counts[base + c];
    }
    return out;
  }
}
