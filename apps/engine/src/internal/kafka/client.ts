// The engine's only contact with a Kafka library. Server mode, full-graph mode, the kafka-proxy and
// the payload logger talk to this narrow interface; an adapter maps it onto one library, loaded
// with import() the first time a client is used, so an engine without Kafka never loads one.
//
// The adapter is kafkajs's (kafkajs-client.ts). @platformatic/kafka 1.35 was tried behind the same
// interface (commit e293588) and could not talk to the test peer: docs/benchmarks.md "Kafka client".
import type { KafkaSecurity } from '../../config.js';
import { EngineError } from '../../errors.js';
import type { EngineLogger } from '../runtime.js';

/** Header values as a library hands them over: decode with {@link headerText}. */
export type KafkaHeaders = Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;

/** A consumed message. */
export interface KafkaInMessage {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** The message's offset in its partition, as a decimal string (offsets are 64-bit). */
  readonly offset: string;
  readonly headers?: KafkaHeaders;
}

/** A message to produce. */
export interface KafkaOutMessage {
  key?: Buffer | string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
}

/** A connected producer; topics are created on first use when the broker allows it. */
export interface KafkaProducer {
  /**
   * Resolves once the broker acknowledged every message. Rejects with an Error whose `retriable`
   * is false when retrying cannot help (an invalid topic name, a message too large).
   */
  send(topic: string, messages: KafkaOutMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link KafkaClient.consumer}. */
export interface KafkaConsumerOptions {
  groupId: string;
  /** Read from the earliest offset when the group has no committed offset (as the reference). */
  topics: readonly string[];
  /** Longest time the broker may hold a fetch open, ms. */
  maxWaitTimeMs: number;
  /** Commit consumed offsets by the library (true) or only through {@link KafkaBatch.commit} (false). */
  autoCommit: boolean;
  /** Group session timeout, ms. Default 6000: a killed process's partitions move on quickly. */
  sessionTimeoutMs?: number;
  /** Group heartbeat interval, ms. Default 1000. */
  heartbeatIntervalMs?: number;
  /** Partitions whose batches are handled at once. Default 1. */
  partitionsConsumedConcurrently?: number;
  /** True once the owner is stopping: a failed consumer is then not restarted. */
  stopping(): boolean;
  /** Called whenever the brokers answered (fetch, heartbeat, group join). */
  onActivity?(): void;
  /** Called each time the consumer joined its group. */
  onJoin?(): void;
  /** Called when the consumer failed; `restarting` says whether it starts again by itself. */
  onCrash?(error: Error, restarting: boolean): void;
}

/** Messages of one partition, fetched together. */
export interface KafkaBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaInMessage[];
  /** Marks `message` and every earlier message of the batch as handled (picked up by auto-commit). */
  resolve(message: KafkaInMessage): void;
  /** Commits the partition's offset past `message` now. */
  commit(message: KafkaInMessage): Promise<void>;
  /** Tells the group this member is alive during a long batch. */
  heartbeat(): Promise<void>;
  /** False once the consumer stops or the partition was taken away: take no further message. */
  active(): boolean;
}

/** A connected consumer, subscribed to its topics. */
export interface KafkaConsumer {
  /** Starts handing over batches; resolves once started. The next batch of a partition waits for `handle`. */
  runBatches(handle: (batch: KafkaBatch) => Promise<void>): Promise<void>;
  /** Starts handing over messages one at a time; resolves once started. */
  runEach(handle: (topic: string, message: KafkaInMessage) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** A Kafka cluster as the engine uses it. Creating one connects nothing; each call connects what it needs. */
export interface KafkaClient {
  /** The adapter in use (`kafkajs` or `platformatic`). */
  readonly library: KafkaLibraryName;
  producer(): Promise<KafkaProducer>;
  /** Connects a consumer group member and subscribes it to `options.topics`. */
  consumer(options: KafkaConsumerOptions): Promise<KafkaConsumer>;
  /**
   * Creates topics that do not exist yet (subscribing to a missing topic leaves a consumer without
   * partitions). Failures are logged at debug level, not thrown: brokers that auto-create topics or
   * refuse CreateTopics (librdkafka's mock cluster) still work.
   */
  ensureTopics(topics: readonly string[]): Promise<void>;
}

/** What an adapter gets: brokers, client id, the security settings of 04 §3 and the engine's log. */
export interface KafkaClientConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly security: KafkaSecurity;
  readonly log: EngineLogger;
}

export const KAFKA_LIBRARIES = ['kafkajs'] as const;
export type KafkaLibraryName = (typeof KAFKA_LIBRARIES)[number];

/** A library adapter module (`kafkajs-client.ts`). */
interface KafkaAdapter {
  createClient(config: KafkaClientConfig): Omit<KafkaClient, 'library'>;
}

/** The adapter named by SELDON_KAFKA_CLIENT (default `kafkajs`); a bad name fails naming the variable. */
export function kafkaLibraryFromEnv(env: Record<string, string | undefined> = process.env): KafkaLibraryName {
  const raw = env.SELDON_KAFKA_CLIENT?.trim() || 'kafkajs';
  if ((KAFKA_LIBRARIES as readonly string[]).includes(raw)) return raw as KafkaLibraryName;
  throw new EngineError(
    'SC_ERR_ENGINE_CONFIG_INVALID',
    `SELDON_KAFKA_CLIENT must be one of ${KAFKA_LIBRARIES.join(', ')}, got "${raw}"`,
  );
}

const adapters = new Map<KafkaLibraryName, Promise<KafkaAdapter>>();

function loadAdapter(name: KafkaLibraryName): Promise<KafkaAdapter> {
  let adapter = adapters.get(name);
  if (adapter === undefined) {
    adapter = import('./kafkajs-client.js').catch((err: unknown) => {
      adapters.delete(name);
      throw new EngineError(
        'SC_ERR_ENGINE_CONFIG_INVALID',
        `cannot load the Kafka client library for SELDON_KAFKA_CLIENT=${name}: ${(err as Error).message}`,
        { cause: err },
      );
    });
    adapters.set(name, adapter);
  }
  return adapter;
}

/** `host:port,host:port` → the list, blanks dropped. */
export function brokerList(brokers: string): string[] {
  return brokers
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/**
 * A client for `brokers` with the security settings of 04 §3. The library (SELDON_KAFKA_CLIENT,
 * read now) is loaded on first use.
 */
export function createKafkaClient(
  brokers: string,
  security: KafkaSecurity,
  clientId: string,
  log: EngineLogger,
  library: KafkaLibraryName = kafkaLibraryFromEnv(),
): KafkaClient {
  const config: KafkaClientConfig = { brokers: brokerList(brokers), clientId, security, log };
  let client: Promise<Omit<KafkaClient, 'library'>> | undefined;
  const loaded = () => (client ??= loadAdapter(library).then((a) => a.createClient(config)));
  return {
    library,
    producer: async () => (await loaded()).producer(),
    consumer: async (options) => (await loaded()).consumer(options),
    ensureTopics: async (topics) => (await loaded()).ensureTopics(topics),
  };
}

/** The first value of header `name` (any case) as text. */
export function headerText(headers: KafkaHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const key in headers) {
    if (key.toLowerCase() !== lower) continue;
    const raw = headers[key];
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first === undefined) return undefined;
    return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return undefined;
}

/** Every value of one header entry as text. */
export function headerValues(value: KafkaHeaders[string]): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}
