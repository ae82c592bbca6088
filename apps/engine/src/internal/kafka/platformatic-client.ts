// The Kafka client interface on @platformatic/kafka 1.x (SELDON_KAFKA_CLIENT=platformatic), kept
// for the comparison in docs/benchmarks.md "Kafka client". Loaded only through client.ts.
//
// The library hands over a stream of messages, not batches: the adapter groups what has arrived
// per partition into batches, hands at most one batch per partition at a time to the engine, and
// pauses the stream while too many messages wait. It never lets the library auto-commit (that
// commits a message when it is fetched); it commits what the engine resolved after each batch.
import { Admin, Consumer, Producer, type Message, type MessagesStream } from '@platformatic/kafka';
import type {
  KafkaBatch,
  KafkaClient,
  KafkaClientConfig,
  KafkaConsumer,
  KafkaConsumerOptions,
  KafkaInMessage,
  KafkaOutMessage,
  KafkaProducer,
} from './client.js';

/** Messages held by the adapter before the stream is paused. */
const MAX_QUEUED_MESSAGES = 1000;

type BaseOptions = ConstructorParameters<typeof Admin>[0];

/** The library's settings of a client: timeouts, retries and 04 §3 security. */
export function platformaticOptions({ brokers, clientId, security }: KafkaClientConfig): BaseOptions {
  const options: BaseOptions = {
    clientId,
    bootstrapBrokers: [...brokers],
    connectTimeout: 3000,
    timeout: 10000,
    retries: 8,
    retryDelay: (_client, _op, attempt) => Math.min(2000, 100 * 2 ** attempt),
  };
  if (security.protocol === 'SSL' || security.protocol === 'SASL_SSL') {
    options.tls = {
      rejectUnauthorized: true,
      ...(security.caPem ? { ca: [security.caPem] } : {}),
      ...(security.certPem ? { cert: security.certPem } : {}),
      ...(security.keyPem ? { key: security.keyPem } : {}),
      ...(security.keyPassword ? { passphrase: security.keyPassword } : {}),
    };
  }
  if (
    (security.protocol === 'SASL_SSL' || security.protocol === 'SASL_PLAINTEXT') &&
    security.saslUsername &&
    security.saslPassword
  ) {
    options.sasl = {
      mechanism: (security.saslMechanism ?? 'PLAIN').toUpperCase() as 'PLAIN',
      username: security.saslUsername,
      password: security.saslPassword,
    };
  }
  return options;
}

const toBuffer = (v: Buffer | string) => (Buffer.isBuffer(v) ? v : Buffer.from(v));

function outMessage(topic: string, m: KafkaOutMessage) {
  const headers = new Map<Buffer, Buffer>();
  for (const [k, v] of Object.entries(m.headers ?? {})) headers.set(Buffer.from(k), Buffer.from(v));
  return {
    topic,
    value: toBuffer(m.value),
    ...(m.key === undefined || m.key === null ? {} : { key: toBuffer(m.key) }),
    ...(headers.size > 0 ? { headers } : {}),
  };
}

/** The engine's view of a consumed message, and the library's message for committing it. */
const natives = new WeakMap<KafkaInMessage, Message>();

function inMessage(m: Message): KafkaInMessage {
  const headers: Record<string, Buffer | Buffer[]> = {};
  for (const [k, v] of m.headers) {
    const key = k.toString('utf8');
    const seen = headers[key];
    headers[key] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
  }
  const message: KafkaInMessage = {
    key: m.key ?? null,
    value: m.value ?? null,
    offset: m.offset.toString(),
    headers,
  };
  natives.set(message, m);
  return message;
}

async function commit(message: KafkaInMessage): Promise<void> {
  await natives.get(message)?.commit();
}

/** Closes a consumer even while it has streams (the promise overload of `close` cannot force). */
function forceClose(consumer: Consumer): Promise<void> {
  return new Promise((resolve, reject) => consumer.close(true, (err) => (err ? reject(err) : resolve())));
}

async function connectConsumer(config: KafkaClientConfig, o: KafkaConsumerOptions): Promise<KafkaConsumer> {
  const consumer = new Consumer({
    ...platformaticOptions(config),
    groupId: o.groupId,
    sessionTimeout: o.sessionTimeoutMs ?? 6000,
    heartbeatInterval: o.heartbeatIntervalMs ?? 1000,
    maxWaitTime: o.maxWaitTimeMs,
    autocommit: false,
  });
  if (o.onActivity) {
    const touch = o.onActivity;
    consumer.on('consumer:heartbeat:end', () => touch());
    consumer.on('consumer:group:join', () => touch());
  }
  if (o.onJoin) {
    const joined = o.onJoin;
    consumer.on('consumer:group:join', () => joined());
  }
  let stream: MessagesStream<Buffer, Buffer, Buffer, Buffer>;
  try {
    stream = await consumer.consume({
      topics: [...o.topics],
      mode: 'committed',
      fallbackMode: 'earliest',
      autocommit: false,
      maxWaitTime: o.maxWaitTimeMs,
    });
  } catch (err) {
    await forceClose(consumer).catch(() => undefined);
    throw err;
  }
  if (o.onActivity) {
    const touch = o.onActivity;
    stream.on('fetch', () => touch());
  }
  let closed = false;
  stream.on('error', (err) => o.onCrash?.(err, false));
  const active = () => !closed && stream.isActive();

  return {
    async runBatches(handle) {
      const queued = new Map<string, { topic: string; partition: number; messages: Message[] }>();
      const running = new Set<string>();
      const limit = o.partitionsConsumedConcurrently ?? 1;
      let held = 0;
      const runBatch = async (topic: string, partition: number, natives: Message[]) => {
        const messages = natives.map(inMessage);
        let resolved: KafkaInMessage | undefined;
        const batch: KafkaBatch = {
          topic,
          partition,
          messages,
          resolve: (message) => (resolved = message),
          commit,
          heartbeat: async () => undefined,
          active,
        };
        await handle(batch);
        if (o.autoCommit && resolved) await commit(resolved);
      };
      const pump = () => {
        for (const [key, q] of queued) {
          if (running.size >= limit) return;
          if (running.has(key) || q.messages.length === 0) continue;
          const messages = q.messages.splice(0);
          held -= messages.length;
          running.add(key);
          runBatch(q.topic, q.partition, messages)
            .catch((err: unknown) => o.onCrash?.(err as Error, false))
            .finally(() => {
              running.delete(key);
              if (held < MAX_QUEUED_MESSAGES && stream.isPaused() && !closed) stream.resume();
              pump();
            });
        }
      };
      stream.on('data', (m: Message) => {
        const key = `${m.topic}\u0000${m.partition}`;
        let q = queued.get(key);
        if (q === undefined) queued.set(key, (q = { topic: m.topic, partition: m.partition, messages: [] }));
        q.messages.push(m);
        if (++held >= MAX_QUEUED_MESSAGES) stream.pause();
        pump();
      });
    },
    async runEach(handle) {
      void (async () => {
        try {
          for await (const m of stream) {
            const message = inMessage(m);
            await handle(m.topic, message);
            if (o.autoCommit) await commit(message);
          }
        } catch (err) {
          if (!closed) o.onCrash?.(err as Error, false);
        }
      })();
    },
    async close() {
      closed = true;
      await (stream.close() as Promise<void>).catch(() => undefined);
      await forceClose(consumer);
    },
  };
}

export function createClient(config: KafkaClientConfig): Omit<KafkaClient, 'library'> {
  return {
    async producer(): Promise<KafkaProducer> {
      const producer = new Producer({ ...platformaticOptions(config), autocreateTopics: true });
      // The library connects on first send; connect now so a bad address fails here, as with kafkajs.
      await producer.metadata({ topics: [] });
      return {
        async send(topic, messages) {
          try {
            await producer.send({ messages: messages.map((m) => outMessage(topic, m)) });
          } catch (err) {
            // The interface's `retriable` (kafkajs's name) from the library's `canRetry`.
            if ((err as { canRetry?: boolean }).canRetry === false)
              Object.assign(err as Error, { retriable: false });
            throw err;
          }
        },
        close: () => producer.close(),
      };
    },
    consumer: (options) => connectConsumer(config, options),
    async ensureTopics(topics) {
      const admin = new Admin(platformaticOptions(config));
      try {
        await admin.createTopics({ topics: [...topics], partitions: -1, replicas: -1 });
      } catch (err) {
        config.log('debug', `kafka: creating topics ${topics.join(', ')}: ${(err as Error).message}`);
      } finally {
        await admin.close().catch(() => undefined);
      }
    },
  };
}
