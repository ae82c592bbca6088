// The whole-answer time bound of a node client: every call must have its complete answer within
// the same number of milliseconds, however the node paces its bytes (undici's headers and body
// timeouts only bound silence, so a node dripping a byte at a time would hold a call forever).
//
// All calls share one bound, so they expire in the order they started: the tracked calls are kept
// in insertion order and one timer, set for the oldest, serves them all. A call costs a Set insert
// and delete, no timer of its own. The timer is unref'd: it never keeps a process alive, and it
// keeps bounding the calls in flight when their client is closed.

/** A call being timed; `expire()` is called at most once, when its time is up. */
export interface TimedAnswer {
  expire(): void;
}

export class AnswerDeadlines {
  readonly #boundMs: number;
  /** Calls in the order they started, with their start times. */
  readonly #started = new Map<TimedAnswer, number>();
  #timer: NodeJS.Timeout | undefined;

  /** `boundMs` 0 disables the bound: {@link track} does nothing. */
  constructor(boundMs: number) {
    this.#boundMs = boundMs;
  }

  /** Starts timing a call; the returned function stops it (call it when the answer settles). */
  track(answer: TimedAnswer): () => void {
    if (this.#boundMs <= 0) return noop;
    this.#started.set(answer, performance.now());
    if (this.#timer === undefined) this.#schedule(this.#boundMs);
    return () => {
      this.#started.delete(answer);
    };
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => this.#sweep(), Math.max(1, Math.ceil(delayMs)));
    this.#timer.unref();
  }

  #sweep(): void {
    this.#timer = undefined;
    const now = performance.now();
    for (const [answer, startedAt] of this.#started) {
      const left = startedAt + this.#boundMs - now;
      if (left > 0) {
        this.#schedule(left);
        return;
      }
      this.#started.delete(answer);
      answer.expire();
    }
  }
}

function noop(): void {}
