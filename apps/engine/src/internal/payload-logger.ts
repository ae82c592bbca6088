// Payload logging ("data reflow", 03 §1): CloudEvents in binary mode over HTTP, or Kafka messages.
// Predictions never wait for logging. Two ways to hold events until they are sent:
// - the in-memory queue (default, as the reference): bounded; when it stays full for writeTimeoutMs
//   an event is dropped and counted; a failed send is not retried;
// - the disk spool (`spoolDir`): events survive a slow or absent sink and an engine restart, and are
//   retried until the sink has them (at least once), within a byte budget (payload-spool.ts).
import type { KafkaClient } from './kafka/client.js';
import type { PayloadLoggerConfig } from '../config.js';
import { PayloadSinks, type SendResult } from './payload-sinks.js';
import type { PayloadSpool } from './payload-spool.js';
import type { SpooledDelivery } from './spooled-delivery.js';

/** How long a Kafka sender waits for more events before producing a batch, ms. */
const KAFKA_LINGER_MS = 5;
/** Spool mode: first retry delay of a failed send, ms, doubling up to RETRY_MAX_MS. */
const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 30_000;
/** Spool mode: a full spool is reported at most this often, ms. */
const FULL_REPORT_MS = 10_000;

export type PayloadEventKind = 'request' | 'response' | 'feedback';

/** One payload-log event as queued. The payload bytes are not copied. */
export interface PayloadEvent {
  kind: PayloadEventKind;
  puid: string;
  /** Node name (`Ce-Modelid`). */
  modelId: string;
  /** The node's logger URL; the default endpoint is used when unset. */
  url: string | undefined;
  body: Uint8Array;
  contentType: string | undefined;
  contentEncoding: string | undefined;
}

/** Values that are the same for every event of this engine. */
export interface PayloadLoggerIdentity {
  deploymentName: string;
  namespace: string;
  predictorName: string;
  protocol: string;
  serverUrl: string;
}

export interface PayloadLoggerCounters {
  /** An event dropped before it was sent (queue full past writeTimeoutMs, spool full, engine closing). */
  dropped(sink: string): void;
  sent(sink: string): void;
  failed(sink: string): void;
  queueLength(n: number): void;
}

interface Waiter {
  event: PayloadEvent;
  timer: NodeJS.Timeout;
}

/** Creates a Kafka client; injected so the logger does not decide client-level settings. */
export type KafkaFactory = (brokers: string) => KafkaClient;

export class PayloadLogger {
  readonly #config: PayloadLoggerConfig;
  #identity: PayloadLoggerIdentity;
  readonly #counters: PayloadLoggerCounters;
  readonly #sinks: PayloadSinks;
  readonly #onError: (message: string) => void;
  #closed = false;
  // The in-memory queue.
  readonly #queue: PayloadEvent[] = [];
  #head = 0;
  readonly #waiters: Waiter[] = [];
  readonly #idle: Array<() => void> = [];
  readonly #workers: Promise<void>[] = [];
  #busy = 0;
  #drainedWaiters: Array<() => void> = [];
  // The disk spool: events logged while it opens wait in `#early` (bounded by queueSize).
  #spool: PayloadSpool | undefined;
  #delivery: SpooledDelivery | undefined;
  #spoolReady: Promise<void> | undefined;
  #early: PayloadEvent[] = [];
  #fullSince = 0;
  #droppedWhileFull = 0;

  constructor(
    config: PayloadLoggerConfig,
    identity: PayloadLoggerIdentity,
    counters: PayloadLoggerCounters,
    options: { kafkaFactory?: KafkaFactory; onError?: (m: string) => void } = {},
  ) {
    this.#config = config;
    this.#identity = identity;
    this.#counters = counters;
    this.#onError = options.onError ?? (() => undefined);
    this.#sinks = new PayloadSinks(config, () => this.#identity, options.kafkaFactory);
    if (config.spoolDir) {
      this.#spoolReady = this.#openSpool(config.spoolDir);
      return;
    }
    // Kafka sends are batched, so two senders lingering briefly keep up with far more events than
    // many senders of tiny batches (a Kafka client spends most of its CPU per request, not per message).
    const senders = config.kafkaBroker ? Math.min(config.workers, 2) : config.workers;
    for (let i = 0; i < senders; i++) this.#workers.push(this.#work());
  }

  async #openSpool(dir: string): Promise<void> {
    const c = this.#config;
    // The spool's modules load only when a spool is configured.
    const [{ PayloadSpool }, { SpooledDelivery }] = await Promise.all([
      import('./payload-spool.js'),
      import('./spooled-delivery.js'),
    ]);
    try {
      this.#spool = await PayloadSpool.open({
        dir,
        maxBytes: c.spoolMaxBytes,
        fsyncIntervalMs: c.spoolFsyncMs,
        tailCacheBytes: c.spoolMemoryBytes,
        onWarning: (m) => this.#onError(m),
      });
    } catch (err) {
      this.#onError(
        `payload logger: cannot open the spool in ${dir}: ${(err as Error).message}; events are dropped`,
      );
      for (const _ of this.#early.splice(0)) this.#counters.dropped(this.#sinks.kind);
      return;
    }
    this.#delivery = new SpooledDelivery(this.#spool, this.#sinks, this.#counters, this.#onError, {
      workers: c.workers,
      retryBaseMs: RETRY_BASE_MS,
      retryMaxMs: RETRY_MAX_MS,
      kafkaBatch: 2000,
    });
    for (const event of this.#early.splice(0)) this.#spoolEvent(event);
  }

  /** True when events would be sent somewhere for a node with this logger URL. */
  hasSink(url: string | undefined): boolean {
    return Boolean(this.#config.kafkaBroker || url || this.#config.defaultEndpoint);
  }

  setIdentity(identity: PayloadLoggerIdentity): void {
    this.#identity = identity;
  }

  /** Events held and not yet sent (queued in memory, or in the spool). */
  get queueLength(): number {
    if (this.#config.spoolDir) return (this.#spool?.backlog ?? 0) + this.#early.length;
    return this.#queue.length - this.#head;
  }

  /** Queues an event; never blocks and never throws. */
  log(event: PayloadEvent): void {
    if (this.#closed) {
      this.#counters.dropped(this.#sinks.kind);
      return;
    }
    if (this.#config.spoolDir) {
      if (this.#spool) this.#spoolEvent(event);
      else if (this.#spoolReady && this.#early.length < this.#config.queueSize) this.#early.push(event);
      else this.#counters.dropped(this.#sinks.kind);
      return;
    }
    if (this.queueLength < this.#config.queueSize) {
      this.#push(event);
      return;
    }
    // Full: the reference waits up to writeTimeoutMs for space. The waiting list is bounded too,
    // so a stalled sink costs at most 2 x queueSize events of memory.
    if (this.#config.writeTimeoutMs > 0 && this.#waiters.length < this.#config.queueSize) {
      const waiter: Waiter = {
        event,
        timer: setTimeout(() => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          this.#counters.dropped(this.#sinks.kind);
        }, this.#config.writeTimeoutMs),
      };
      waiter.timer.unref();
      this.#waiters.push(waiter);
      return;
    }
    this.#counters.dropped(this.#sinks.kind);
  }

  /** Appends to the spool; a full spool drops the event, counted, and says so once per interval. */
  #spoolEvent(event: PayloadEvent): void {
    const spool = this.#spool!;
    if (spool.append(event)) {
      this.#counters.queueLength(spool.backlog);
      return;
    }
    this.#counters.dropped(this.#sinks.kind);
    this.#droppedWhileFull++;
    const now = Date.now();
    if (now - this.#fullSince >= FULL_REPORT_MS) {
      this.#onError(
        `payload logger: the spool holds its limit of ${this.#config.spoolMaxBytes} bytes (--log_spool_max_bytes); ` +
          `${this.#droppedWhileFull} event(s) dropped since the last report`,
      );
      this.#fullSince = now;
      this.#droppedWhileFull = 0;
    }
  }

  #push(event: PayloadEvent): void {
    this.#queue.push(event);
    this.#counters.queueLength(this.queueLength);
    const wake = this.#idle.pop();
    if (wake) wake();
  }

  #take(): PayloadEvent | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const event = this.#queue[this.#head];
    this.#queue[this.#head] = undefined as unknown as PayloadEvent;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    const waiter = this.#waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      this.#queue.push(waiter.event);
    }
    this.#counters.queueLength(this.queueLength);
    return event;
  }

  /** One sender of the in-memory queue: one attempt per event, as the reference. */
  async #work(): Promise<void> {
    for (;;) {
      let event = this.#take();
      if (!event) {
        if (this.#busy === 0) for (const done of this.#drainedWaiters.splice(0)) done();
        if (this.#closed) return;
        await new Promise<void>((resolve) => this.#idle.push(resolve));
        continue;
      }
      this.#busy++;
      try {
        if (this.#config.kafkaBroker) {
          // Kafka sends are batched: one produce request carries what has queued up meanwhile.
          const batch = [event];
          if (this.queueLength < 1000 && !this.#closed)
            await new Promise((r) => setTimeout(r, KAFKA_LINGER_MS));
          while (batch.length < 2000 && (event = this.#take())) batch.push(event);
          const { result, failed } = await this.#sinks.sendKafka(batch);
          for (const f of failed) this.#count(f.result);
          for (let i = batch.length - failed.length; i > 0; i--) this.#count(result);
        } else {
          this.#count(await this.#sinks.sendHttp(event));
        }
      } catch (err) {
        this.#onError(`payload logger: ${(err as Error).message}`);
      } finally {
        this.#busy--;
      }
    }
  }

  #count(result: SendResult): void {
    if (result.outcome === 'sent') {
      this.#counters.sent(this.#sinks.kind);
      return;
    }
    this.#counters.failed(this.#sinks.kind);
    this.#onError(`payload logger: ${result.message}`);
  }

  /** Resolves when nothing is queued and no send is in progress. */
  async drained(): Promise<void> {
    if (this.#config.spoolDir) {
      await this.#spoolReady;
      await this.#spool?.whenEmpty();
      return;
    }
    if (this.queueLength === 0 && this.#waiters.length === 0 && this.#busy === 0) return;
    await new Promise<void>((resolve) => this.#drainedWaiters.push(resolve));
    if (this.queueLength > 0 || this.#waiters.length > 0 || this.#busy > 0) return this.drained();
  }

  /**
   * Stops accepting events and sends what is held (up to timeoutMs), then releases connections.
   * With a spool, what is not sent by then stays on disk for the next start.
   */
  async close(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.drained(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    this.#closed = true;
    for (const w of this.#waiters.splice(0)) {
      clearTimeout(w.timer);
      this.#counters.dropped(this.#sinks.kind);
    }
    for (const wake of this.#idle.splice(0)) wake();
    await this.#spoolReady;
    const stopping = this.#delivery?.stop();
    await this.#spool?.close();
    await stopping;
    // Whatever is still being sent after the drain window is abandoned, not waited for.
    await this.#sinks.close();
  }
}
