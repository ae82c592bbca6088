// Senders that take payload-log events from the disk spool in order and acknowledge each once its
// sink has it. What may succeed later (an unreachable sink, a timeout, 5xx, 408, 429) is retried
// with a doubling delay; what never will (a malformed URL, an undecodable body, another 4xx) is
// counted as failed and acknowledged, so one bad event cannot hold the spool's cursor for ever.
import type { PayloadEvent } from './payload-logger.js';
import type { PayloadSinks, SendResult } from './payload-sinks.js';
import type { PayloadSpool } from './payload-spool.js';

export interface DeliveryOptions {
  /** Concurrent HTTP senders (Kafka uses at most two, batching). */
  workers: number;
  /** First retry delay, ms; doubled per attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How many events one Kafka produce request carries at most. */
  kafkaBatch: number;
}

export interface DeliveryCounters {
  sent(sink: string): void;
  failed(sink: string): void;
}

export class SpooledDelivery {
  readonly #spool: PayloadSpool;
  readonly #sinks: PayloadSinks;
  readonly #counters: DeliveryCounters;
  readonly #onError: (message: string) => void;
  readonly #options: DeliveryOptions;
  readonly #workers: Promise<void>[] = [];
  /** Pending retry delays; stop() ends them early. */
  readonly #sleeps = new Set<() => void>();
  #stopped = false;
  #busy = 0;

  constructor(
    spool: PayloadSpool,
    sinks: PayloadSinks,
    counters: DeliveryCounters,
    onError: (message: string) => void,
    options: DeliveryOptions,
  ) {
    this.#spool = spool;
    this.#sinks = sinks;
    this.#counters = counters;
    this.#onError = onError;
    this.#options = options;
    const senders = sinks.kind === 'kafka' ? Math.min(options.workers, 2) : options.workers;
    for (let i = 0; i < senders; i++)
      this.#workers.push(sinks.kind === 'kafka' ? this.#kafkaSender() : this.#httpSender());
  }

  /** Events being sent (taken from the spool, not yet acknowledged). */
  get busy(): number {
    return this.#busy;
  }

  async #httpSender(): Promise<void> {
    for (;;) {
      const record = await this.#spool.next();
      if (!record || this.#stopped) return;
      this.#busy++;
      try {
        if (
          await this.#deliver(
            () => this.#sinks.sendHttp(record.event),
            () => 1,
          )
        )
          this.#spool.ack(record.seq);
      } finally {
        this.#busy--;
      }
    }
  }

  async #kafkaSender(): Promise<void> {
    for (;;) {
      const first = await this.#spool.next();
      if (!first || this.#stopped) return;
      const records = [first];
      while (records.length < this.#options.kafkaBatch && this.#spool.readableNow()) {
        const more = await this.#spool.next();
        if (!more) break;
        records.push(more);
      }
      this.#busy += records.length;
      try {
        let events: PayloadEvent[] = records.map((r) => r.event);
        const send = async (): Promise<SendResult> => {
          const { result, failed } = await this.#sinks.sendKafka(events);
          // Undecodable events are dropped (once) whatever happens to the rest.
          for (const f of failed) this.#report(f.result);
          const left = new Set(failed.map((f) => f.index));
          events = events.filter((_, i) => !left.has(i));
          return result;
        };
        if (await this.#deliver(send, () => events.length)) for (const r of records) this.#spool.ack(r.seq);
      } finally {
        this.#busy -= records.length;
      }
    }
  }

  #report(result: SendResult): void {
    if (result.outcome === 'failed') {
      this.#counters.failed(this.#sinks.kind);
      this.#onError(`payload logger: ${result.message}; the event is dropped`);
    }
  }

  /**
   * Sends until the sink has it (true), it cannot (true, counted failed), or delivery stops (false:
   * the events stay in the spool for the next start).
   */
  async #deliver(send: () => Promise<SendResult>, events: () => number): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const result = await send();
      if (result.outcome === 'sent') {
        for (let i = events(); i > 0; i--) this.#counters.sent(this.#sinks.kind);
        return true;
      }
      if (result.outcome === 'failed') {
        for (let i = events(); i > 0; i--) this.#report(result);
        return true;
      }
      if (this.#stopped) return false;
      const delay = Math.min(this.#options.retryBaseMs * 2 ** (attempt - 1), this.#options.retryMaxMs);
      // Attempts 1, 2, 4, 8, ... are logged: enough to see an outage without a line per retry.
      if ((attempt & (attempt - 1)) === 0)
        this.#onError(`payload logger: ${result.message}; retrying in ${delay} ms (attempt ${attempt})`);
      await this.#sleep(delay);
      if (this.#stopped) return false;
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#sleeps.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#sleeps.add(done);
    });
  }

  /** Stops retrying and taking events (the spool must be closed to end waiting senders). */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const wake of [...this.#sleeps]) wake();
    await Promise.all(this.#workers);
  }
}
