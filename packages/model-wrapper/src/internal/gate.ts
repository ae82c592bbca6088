// Admission control shared by the REST and gRPC servers: a bound on requests in flight (so an
// overload answers 429 / RESOURCE_EXHAUSTED instead of queueing without bound) and the drain
// that graceful shutdown waits for.
import { WrapperError } from '../errors.js';

export class Gate {
  private inFlight = 0;
  private draining = false;
  private waiters: (() => void)[] = [];

  /** @param maxInFlight 0 = unlimited */
  constructor(private readonly maxInFlight: number) {}

  get active(): number {
    return this.inFlight;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Admits a request or throws the error to answer with. Pair with {@link leave}. */
  enter(): void {
    if (this.draining) throw new WrapperError('SC_ERR_WRAPPER_NOT_READY', 'Server is shutting down');
    if (this.maxInFlight > 0 && this.inFlight >= this.maxInFlight) {
      throw new WrapperError(
        'SC_ERR_WRAPPER_OVERLOADED',
        `Too many requests in flight (limit ${this.maxInFlight})`,
      );
    }
    this.inFlight++;
  }

  leave(): void {
    this.inFlight--;
    if (this.inFlight === 0 && this.waiters.length > 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const fn of w) fn();
    }
  }

  /** Refuses new requests; resolves when in-flight ones finished or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
