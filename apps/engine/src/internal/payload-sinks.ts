// Where payload-log events go: CloudEvents in binary mode over HTTP (one POST per event), or Kafka
// messages (batched). Each send says what became of it, and the caller decides: the in-memory queue
// gives up at once (as the reference does), the disk spool retries what may succeed later.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'undici';
import { UndiciPool } from '@seldon-ts/graph-executor/rest';
import type { KafkaProducer } from './kafka/client.js';
import { postToSink } from './sink-post.js';
import { decodeContentEncoding } from '@seldon-ts/payload/json';
import type { PayloadLoggerConfig } from '../config.js';
import type {
  KafkaFactory,
  PayloadEvent,
  PayloadEventKind,
  PayloadLoggerIdentity,
} from './payload-logger.js';

const CE_TYPES: Record<PayloadEventKind, string> = {
  request: 'io.seldon.serving.inference.request',
  response: 'io.seldon.serving.inference.response',
  feedback: 'io.seldon.serving.feedback',
};

/**
 * `sent`: the sink has it. `retry`: it may succeed later (unreachable sink, timeout, 5xx, 408, 429).
 * `failed`: it never will (a malformed logger URL, a body that does not decode within the limit,
 * another 4xx): drop it.
 */
export type SendResult = { outcome: 'sent' } | { outcome: 'retry' | 'failed'; message: string };

/** An event of a Kafka batch that was left out: its index in the batch and why. */
export interface KafkaFailure {
  index: number;
  result: SendResult;
}

export class PayloadSinks {
  readonly #config: PayloadLoggerConfig;
  readonly #identity: () => PayloadLoggerIdentity;
  readonly #kafkaFactory: KafkaFactory | undefined;
  readonly #pools = new Map<string, Pool>();
  #producer: KafkaProducer | undefined;
  #producerReady: Promise<KafkaProducer> | undefined;

  constructor(
    config: PayloadLoggerConfig,
    identity: () => PayloadLoggerIdentity,
    kafkaFactory: KafkaFactory | undefined,
  ) {
    this.#config = config;
    this.#identity = identity;
    this.#kafkaFactory = kafkaFactory;
  }

  /** `kafka` when every event goes to Kafka, else `http`. */
  get kind(): 'kafka' | 'http' {
    return this.#config.kafkaBroker ? 'kafka' : 'http';
  }

  /** The payload as the sink gets it: content-decoded, within the configured size. */
  #decodedBody(event: PayloadEvent): Promise<Uint8Array> {
    return decodeContentEncoding(
      event.body,
      event.contentEncoding,
      this.#config.maxEventBytes,
      `the ${event.kind} of node "${event.modelId}" (puid ${event.puid})`,
    );
  }

  /**
   * The keep-alive pool of a sink's origin, made with the first event sent to it. The sends use
   * `dispatch()` only, so undici's Pool module is enough: the REST node client's, loaded already,
   * where undici's entry would add fetch, WebSocket and the rest (about 8.6 MB, docs/benchmarks.md
   * "A lean sidecar").
   */
  #pool(url: URL): Pool {
    let pool = this.#pools.get(url.origin);
    if (!pool) {
      pool = new UndiciPool(url.origin, {
        connections: this.#config.workers,
        headersTimeout: this.#config.sendTimeoutMs,
        bodyTimeout: this.#config.sendTimeoutMs,
        connectTimeout: Math.min(this.#config.sendTimeoutMs, 10000),
      });
      this.#pools.set(url.origin, pool);
    }
    return pool;
  }

  #headers(event: PayloadEvent): Record<string, string> {
    const id = this.#identity();
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
    return headers;
  }

  /** POSTs one event to its node's logger URL (or the default endpoint). */
  async sendHttp(event: PayloadEvent): Promise<SendResult> {
    const target = event.url || this.#config.defaultEndpoint;
    if (!target) return { outcome: 'sent' };
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return { outcome: 'failed', message: `invalid logger URL "${target}" for node ${event.modelId}` };
    }
    let body: Uint8Array;
    try {
      body = await this.#decodedBody(event);
    } catch (err) {
      return { outcome: 'failed', message: (err as Error).message };
    }
    const where = `${url.origin}${url.pathname}`;
    try {
      const status = await postToSink(this.#pool(url), {
        path: `${url.pathname}${url.search}`,
        headers: this.#headers(event),
        body,
      });
      if (status >= 200 && status < 300) return { outcome: 'sent' };
      const message = `${where} answered ${status} for ${event.kind} event of node ${event.modelId}`;
      const later = status >= 500 || status === 408 || status === 429;
      return { outcome: later ? 'retry' : 'failed', message };
    } catch (err) {
      return { outcome: 'retry', message: `sending to ${where} failed: ${(err as Error).message}` };
    }
  }

  async #kafkaProducer(): Promise<KafkaProducer> {
    if (!this.#producerReady) {
      if (!this.#kafkaFactory) throw new Error('no Kafka client factory');
      const kafka = this.#kafkaFactory(this.#config.kafkaBroker as string);
      this.#producerReady = kafka.producer().then((producer) => {
        this.#producer = producer;
        return producer;
      });
      this.#producerReady.catch(() => {
        this.#producerReady = undefined;
      });
    }
    return this.#producerReady;
  }

  /**
   * Produces a batch to the topic. Events whose body does not decode are left out and listed in
   * `failed` (by index); the rest share one result.
   */
  async sendKafka(batch: PayloadEvent[]): Promise<{ result: SendResult; failed: KafkaFailure[] }> {
    const id = this.#identity();
    const failed: KafkaFailure[] = [];
    const messages = [];
    for (const [index, event] of batch.entries()) {
      let value: Buffer;
      try {
        value = Buffer.from(await this.#decodedBody(event));
      } catch (err) {
        failed.push({ index, result: { outcome: 'failed', message: (err as Error).message } });
        continue;
      }
      messages.push({
        value,
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
      });
    }
    if (messages.length === 0) return { result: { outcome: 'sent' }, failed };
    try {
      const producer = await this.#kafkaProducer();
      await producer.send(this.#config.kafkaTopic, messages);
      return { result: { outcome: 'sent' }, failed };
    } catch (err) {
      return {
        result: {
          outcome: 'retry',
          message: `producing ${messages.length} event(s) to Kafka topic ${this.#config.kafkaTopic} failed: ${(err as Error).message}`,
        },
        failed,
      };
    }
  }

  /** Releases connections; sends still in progress are abandoned. */
  async close(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((p) => p.destroy().catch(() => undefined)));
    this.#pools.clear();
    if (this.#producer) await this.#producer.close().catch(() => undefined);
  }
}
