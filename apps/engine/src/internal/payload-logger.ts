// Payload logging ("data reflow", 03 §1): CloudEvents in binary mode over HTTP, or Kafka messages.
// Predictions never wait for logging: events go into a bounded queue served by a fixed number of
// workers; when the queue stays full for writeTimeoutMs an event is dropped and counted.
import { randomUUID } from 'node:crypto';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { Pool } from 'undici';
import type { Kafka, Producer } from 'kafkajs';
import type { PayloadLoggerConfig } from '../config.js';

const gunzipAsync = promisify(gunzip);
/** How long a Kafka sender waits for more events before producing a batch, ms. */
const KAFKA_LINGER_MS = 5;

export type PayloadEventKind = 'request' | 'response' | 'feedback';

const CE_TYPES: Record<PayloadEventKind, string> = {
  request: 'io.seldon.serving.inference.request',
  response: 'io.seldon.serving.inference.response',
  feedback: 'io.seldon.serving.feedback',
};

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
  dropped(): void;
  sent(sink: string): void;
  failed(sink: string): void;
  queueLength(n: number): void;
}

interface Waiter {
  event: PayloadEvent;
  timer: NodeJS.Timeout;
}

/** Creates a kafkajs client; injected so the logger does not decide client-level settings. */
export type KafkaFactory = (brokers: string) => Kafka;

export class PayloadLogger {
  readonly #config: PayloadLoggerConfig;
  #identity: PayloadLoggerIdentity;
  readonly #counters: PayloadLoggerCounters;
  readonly #queue: PayloadEvent[] = [];
  #head = 0;
  readonly #waiters: Waiter[] = [];
  readonly #idle: Array<() => void> = [];
  readonly #pools = new Map<string, Pool>();
  readonly #workers: Promise<void>[] = [];
  #busy = 0;
  #closed = false;
  #producer: Producer | undefined;
  #producerReady: Promise<Producer> | undefined;
  readonly #kafkaFactory: KafkaFactory | undefined;
  readonly #onError: (message: string) => void;
  #drainedWaiters: Array<() => void> = [];

  constructor(
    config: PayloadLoggerConfig,
    identity: PayloadLoggerIdentity,
    counters: PayloadLoggerCounters,
    options: { kafkaFactory?: KafkaFactory; onError?: (m: string) => void } = {},
  ) {
    this.#config = config;
    this.#identity = identity;
    this.#counters = counters;
    this.#kafkaFactory = options.kafkaFactory;
    this.#onError = options.onError ?? (() => undefined);
    // Kafka sends are batched, so two senders lingering briefly keep up with far more events than
    // many senders of tiny batches (kafkajs spends most of its CPU per request, not per message).
    const senders = config.kafkaBroker ? Math.min(config.workers, 2) : config.workers;
    for (let i = 0; i < senders; i++) this.#workers.push(this.#work());
  }

  /** True when events would be sent somewhere for a node with this logger URL. */
  hasSink(url: string | undefined): boolean {
    return Boolean(this.#config.kafkaBroker || url || this.#config.defaultEndpoint);
  }

  setIdentity(identity: PayloadLoggerIdentity): void {
    this.#identity = identity;
  }

  get queueLength(): number {
    return this.#queue.length - this.#head;
  }

  /** Queues an event; never blocks and never throws. */
  log(event: PayloadEvent): void {
    if (this.#closed) {
      this.#counters.dropped();
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
          this.#counters.dropped();
        }, this.#config.writeTimeoutMs),
      };
      waiter.timer.unref();
      this.#waiters.push(waiter);
      return;
    }
    this.#counters.dropped();
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
          await this.#sendKafka(batch);
        } else {
          await this.#sendHttp(event);
        }
      } catch (err) {
        this.#onError(`payload logger: ${(err as Error).message}`);
      } finally {
        this.#busy--;
      }
    }
  }

  async #decodedBody(event: PayloadEvent): Promise<Uint8Array> {
    if (event.contentEncoding?.toLowerCase() === 'gzip') return gunzipAsync(event.body);
    return event.body;
  }

  #pool(url: URL): Pool {
    let pool = this.#pools.get(url.origin);
    if (!pool) {
      pool = new Pool(url.origin, {
        connections: this.#config.workers,
        headersTimeout: this.#config.sendTimeoutMs,
        bodyTimeout: this.#config.sendTimeoutMs,
        connectTimeout: Math.min(this.#config.sendTimeoutMs, 10000),
      });
      this.#pools.set(url.origin, pool);
    }
    return pool;
  }

  async #sendHttp(event: PayloadEvent): Promise<void> {
    const target = event.url || this.#config.defaultEndpoint;
    if (!target) return;
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      this.#counters.failed('http');
      this.#onError(`payload logger: invalid logger URL "${target}" for node ${event.modelId}`);
      return;
    }
    const id = this.#identity;
    const headers: Record<string, string> = {
      'Ce-Specversion': '1.0',
      'Ce-Id': randomUUID(),
      'Ce-Type': CE_TYPES[event.kind],
      'Ce-Source': id.serverUrl,
      'Ce-Time': new Date().toISOString(),
      'Ce-Modelid': event.modelId,
      'Ce-Requestid': event.puid,
      'Ce-Inferenceservicename': id.deploymentName,
      'Ce-Namespace': id.namespace,
      'Ce-Endpoint': id.predictorName,
      'Ce-Protocol': id.protocol,
    };
    if (event.contentType) headers['Content-Type'] = event.contentType;
    try {
      const body = await this.#decodedBody(event);
      const res = await this.#pool(url).request({
        method: 'POST',
        path: `${url.pathname}${url.search}`,
        headers,
        body,
      });
      await res.body.dump();
      if (res.statusCode >= 200 && res.statusCode < 300) this.#counters.sent('http');
      else {
        this.#counters.failed('http');
        this.#onError(
          `payload logger: ${url.origin}${url.pathname} answered ${res.statusCode} for ${event.kind} event of node ${event.modelId}`,
        );
      }
    } catch (err) {
      this.#counters.failed('http');
      this.#onError(
        `payload logger: sending to ${url.origin}${url.pathname} failed: ${(err as Error).message}`,
      );
    }
  }

  async #kafkaProducer(): Promise<Producer> {
    if (!this.#producerReady) {
      if (!this.#kafkaFactory) throw new Error('no Kafka client factory');
      const producer = this.#kafkaFactory(this.#config.kafkaBroker as string).producer({
        allowAutoTopicCreation: true,
      });
      this.#producerReady = producer.connect().then(() => {
        this.#producer = producer;
        return producer;
      });
      this.#producerReady.catch(() => {
        this.#producerReady = undefined;
      });
    }
    return this.#producerReady;
  }

  async #sendKafka(batch: PayloadEvent[]): Promise<void> {
    const id = this.#identity;
    try {
      const producer = await this.#kafkaProducer();
      const messages = await Promise.all(
        batch.map(async (event) => ({
          value: Buffer.from(await this.#decodedBody(event)),
          headers: {
            type: CE_TYPES[event.kind],
            'content-type': event.contentType ?? '',
            modelid: event.modelId,
            requestid: event.puid,
            inferenceservicename: id.deploymentName,
            namespace: id.namespace,
            endpoint: id.predictorName,
            protocol: id.protocol,
          },
        })),
      );
      await producer.send({ topic: this.#config.kafkaTopic, messages });
      for (let i = 0; i < batch.length; i++) this.#counters.sent('kafka');
    } catch (err) {
      for (let i = 0; i < batch.length; i++) this.#counters.failed('kafka');
      this.#onError(
        `payload logger: producing ${batch.length} event(s) to Kafka topic ${this.#config.kafkaTopic} failed: ${(err as Error).message}`,
      );
    }
  }

  /** Resolves when the queue is empty and no send is in progress. */
  async drained(): Promise<void> {
    if (this.queueLength === 0 && this.#waiters.length === 0 && this.#busy === 0) return;
    await new Promise<void>((resolve) => this.#drainedWaiters.push(resolve));
    if (this.queueLength > 0 || this.#waiters.length > 0 || this.#busy > 0) return this.drained();
  }

  /** Stops accepting events, sends what is queued (up to timeoutMs), then releases connections. */
  async close(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.drained(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    this.#closed = true;
    for (const w of this.#waiters.splice(0)) {
      clearTimeout(w.timer);
      this.#counters.dropped();
    }
    for (const wake of this.#idle.splice(0)) wake();
    // Whatever is still being sent after the drain window is abandoned, not waited for.
    await Promise.all([...this.#pools.values()].map((p) => p.destroy().catch(() => undefined)));
    this.#pools.clear();
    if (this.#producer) await this.#producer.disconnect().catch(() => undefined);
  }
}
