// The Kafka client interface on kafkajs (the default adapter). Loaded only through client.ts.
import {
  Kafka,
  logLevel,
  type Consumer,
  type EachBatchPayload,
  type KafkaConfig,
  type SASLOptions,
} from 'kafkajs';
import type {
  KafkaBatch,
  KafkaClient,
  KafkaClientConfig,
  KafkaConsumer,
  KafkaConsumerOptions,
  KafkaInMessage,
  KafkaProducer,
} from './client.js';

/** The kafkajs settings of a client: timeouts, retries, log mapping and 04 §3 security. */
export function kafkajsConfig({ brokers, clientId, security, log }: KafkaClientConfig): KafkaConfig {
  const config: KafkaConfig = {
    clientId,
    brokers: [...brokers],
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const level = entry.level === logLevel.ERROR ? 'warn' : 'debug';
      log(
        level,
        `kafka ${entry.namespace}: ${entry.log.message}${entry.log.broker ? ` (broker ${String(entry.log.broker)})` : ''}`,
      );
    },
  };
  if (security.protocol === 'SSL' || security.protocol === 'SASL_SSL') {
    config.ssl = {
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
    config.sasl = {
      mechanism: (security.saslMechanism ?? 'PLAIN').toLowerCase(),
      username: security.saslUsername,
      password: security.saslPassword,
    } as SASLOptions;
  }
  return config;
}

function batchOf(payload: EachBatchPayload, consumer: Consumer): KafkaBatch {
  const { batch } = payload;
  return {
    topic: batch.topic,
    partition: batch.partition,
    messages: batch.messages as KafkaInMessage[],
    resolve: (message) => payload.resolveOffset(message.offset),
    commit: (message) =>
      consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]),
    heartbeat: () => payload.heartbeat(),
    active: () => payload.isRunning() && !payload.isStale(),
  };
}

async function connectConsumer(kafka: Kafka, o: KafkaConsumerOptions): Promise<KafkaConsumer> {
  const consumer = kafka.consumer({
    groupId: o.groupId,
    sessionTimeout: o.sessionTimeoutMs ?? 6000,
    heartbeatInterval: o.heartbeatIntervalMs ?? 1000,
    maxWaitTimeInMs: o.maxWaitTimeMs,
    retry: {
      retries: 10,
      initialRetryTime: 200,
      maxRetryTime: 2000,
      restartOnFailure: async () => !o.stopping(),
    },
  });
  if (o.onActivity) {
    const touch = o.onActivity;
    consumer.on(consumer.events.FETCH, () => touch());
    consumer.on(consumer.events.HEARTBEAT, () => touch());
    consumer.on(consumer.events.GROUP_JOIN, () => touch());
  }
  if (o.onJoin) {
    const joined = o.onJoin;
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
  }
  if (o.onCrash) {
    const crashed = o.onCrash;
    consumer.on(consumer.events.CRASH, (e) => crashed(e.payload.error, e.payload.restart));
  }
  await consumer.connect();
  await consumer.subscribe({ topics: [...o.topics], fromBeginning: true });
  return {
    runBatches: (handle) =>
      consumer.run({
        autoCommit: o.autoCommit,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 1,
        eachBatch: async (payload) => {
          await handle(batchOf(payload, consumer));
          await payload.commitOffsetsIfNecessary();
        },
      }),
    runEach: (handle) =>
      consumer.run({
        autoCommit: o.autoCommit,
        partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 1,
        eachMessage: ({ topic, message }) => handle(topic, message),
      }),
    close: () => consumer.disconnect(),
  };
}

export function createClient(config: KafkaClientConfig): Omit<KafkaClient, 'library'> {
  const kafka = new Kafka(kafkajsConfig(config));
  return {
    async producer(): Promise<KafkaProducer> {
      const producer = kafka.producer({ allowAutoTopicCreation: true });
      await producer.connect();
      return {
        send: async (topic, messages) => {
          await producer.send({ topic, messages });
        },
        close: () => producer.disconnect(),
      };
    },
    consumer: (options) => connectConsumer(kafka, options),
    async ensureTopics(topics) {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: true });
      } catch (err) {
        config.log('debug', `kafka: creating topics ${topics.join(', ')}: ${(err as Error).message}`);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
