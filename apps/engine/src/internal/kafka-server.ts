// Kafka server mode (04): consume the input topic, run the graph, produce to the output topic.
// Offsets are marked consumed only after the output for that message (and every earlier message of
// its partition) was produced, so a crash or kill loses nothing: unprocessed input is redelivered.
import { randomUUID } from 'node:crypto';
import {
  Kafka,
  logLevel,
  type Consumer,
  type ConsumerConfig,
  type KafkaConfig,
  type Producer,
  type SASLOptions,
  type EachBatchPayload,
  type IHeaders,
  type KafkaMessage,
} from 'kafkajs';
import { GraphPayload } from '@seldon-ts/graph-executor';
import type { EngineConfig, KafkaSecurity } from '../config.js';
import { EngineError } from '../errors.js';
import type { EngineLogger, EngineRuntime } from './runtime.js';
import { errorResponse } from './error-body.js';

/** Builds a kafkajs client with the security settings of 04 §3. */
export function createKafkaClient(
  brokers: string,
  security: KafkaSecurity,
  clientId: string,
  log: EngineLogger,
): Kafka {
  const config: KafkaConfig = {
    clientId,
    brokers: brokers
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
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
    const mechanism = (security.saslMechanism ?? 'PLAIN').toLowerCase();
    config.sasl = {
      mechanism,
      username: security.saslUsername,
      password: security.saslPassword,
    } as SASLOptions;
  }
  return new Kafka(config);
}

function headerValues(v: IHeaders[string]): string[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}

export interface KafkaServerHandle {
  /** Stops consuming, waits for in-flight messages (up to timeoutMs) and commits their offsets. */
  close(timeoutMs: number): Promise<void>;
  inFlight(): number;
}

/**
 * Starts the consumer/producer loop. `onFatal` is called once when the brokers stayed unreachable
 * for `outageExitMs` (the engine then exits with that message).
 */
export async function startKafkaServer(
  runtime: EngineRuntime,
  onFatal: (err: EngineError) => void,
): Promise<KafkaServerHandle> {
  const config = runtime.config;
  const kc = config.kafka as NonNullable<EngineConfig['kafka']>;
  const kafka = createKafkaClient(
    kc.broker,
    config.kafkaSecurity,
    `seldon-engine-${config.deploymentName}`,
    runtime.log,
  );
  const consumer: Consumer = kafka.consumer(consumerConfig(kc.groupId, 500, () => stopping));
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: true });
  let inFlight = 0;
  let stopping = false;
  let lastContact = Date.now();
  let fatal = false;
  const touch = () => {
    lastContact = Date.now();
    if (runtime.externalNotReady?.startsWith('Kafka')) runtime.externalNotReady = undefined;
  };
  consumer.on(consumer.events.FETCH, touch);
  consumer.on(consumer.events.HEARTBEAT, touch);
  consumer.on(consumer.events.GROUP_JOIN, touch);
  consumer.on(consumer.events.CRASH, (e) => {
    runtime.log(
      'warn',
      `kafka consumer crashed: ${e.payload.error.message}${e.payload.restart ? ' (restarting)' : ''}`,
    );
  });
  const notReadyAfterMs = Math.min(kc.outageExitMs, 5000);
  const watchdog = setInterval(() => {
    if (stopping || fatal) return;
    const silentMs = Date.now() - lastContact;
    if (silentMs > notReadyAfterMs)
      runtime.externalNotReady = `Kafka brokers ${kc.broker} unreachable for ${Math.round(silentMs / 1000)} s`;
    if (silentMs > kc.outageExitMs) {
      fatal = true;
      onFatal(
        new EngineError(
          'SC_ERR_ENGINE_KAFKA_UNAVAILABLE',
          `Kafka brokers ${kc.broker} have been unreachable for ${Math.round(silentMs / 1000)} s (limit kafka_outage_exit_ms=${kc.outageExitMs}); exiting so the orchestrator can restart the engine`,
        ),
      );
    }
  }, 250);
  watchdog.unref();

  await producer.connect();
  await consumer.connect();
  touch();
  await consumer.subscribe({ topic: kc.inputTopic, fromBeginning: true });

  // The reference waits for the graph to be ready before consuming (polling every 2 s).
  for (let waited = 0; !stopping; waited += 500) {
    const state = await runtime.readiness().catch(() => ({ ready: false }));
    if (state.ready || runtime.externalNotReady) break;
    if (waited % 10000 === 0)
      runtime.log('info', 'Waiting for graph to be ready before consuming from Kafka');
    await new Promise((r) => setTimeout(r, 500));
  }
  if (kc.workers > 1 && !kc.autoCommit)
    runtime.log(
      'info',
      `kafka: ${kc.workers} workers; output order follows completion order, offsets are committed in input order`,
    );

  const processOne = async (message: EachBatchPayload['batch']['messages'][number]): Promise<void> => {
    const headers: Record<string, string | string[]> = {};
    let puid: string | undefined;
    let contentTypes: string[] = [];
    let protoName: string[] = [];
    for (const key in message.headers ?? {}) {
      const values = headerValues((message.headers as IHeaders)[key]);
      const lower = key.toLowerCase();
      headers[lower] = values.length === 1 ? values[0] : values;
      if (lower === 'seldon-puid' && values[0]) puid = values[0];
      if (lower === 'content-type') contentTypes = values;
      if (lower === 'proto-name') protoName = values;
    }
    if (!puid) {
      puid = randomUUID();
      headers['seldon-puid'] = puid;
    }
    const value = message.value ?? Buffer.alloc(0);
    const span = runtime.tracer?.startServerSpan('kafkaServer', headers, {
      'messaging.system': 'kafka',
      'seldon.puid': puid,
    });
    const start = performance.now();
    let out: Buffer;
    let outHeaders: Record<string, string> | undefined;
    let code = 'OK';
    try {
      if (runtime.inFlightGraph >= config.maxInFlight)
        throw new EngineError('SC_ERR_ENGINE_OVERLOADED', 'too many requests in flight');
      runtime.inFlightGraph++;
      try {
        let payload: GraphPayload;
        if (config.transport === 'grpc') {
          if (protoName.length !== 1 || protoName[0] !== 'seldon.protos.SeldonMessage') {
            throw new EngineError(
              'SC_ERR_ENGINE_BAD_REQUEST',
              `Kafka message at ${kc.inputTopic}[${message.offset}] needs exactly one proto-name header naming seldon.protos.SeldonMessage (got ${JSON.stringify(protoName)})`,
            );
          }
          payload = GraphPayload.fromProtobuf(value);
        } else {
          payload = GraphPayload.fromBytes(
            value,
            contentTypes.length === 1 ? contentTypes[0] : 'application/json',
          );
        }
        const result = await runtime.predict(payload, { puid, headers, span, transport: config.transport });
        out = Buffer.from(result.bytes());
      } finally {
        runtime.inFlightGraph--;
      }
      runtime.metrics.kafkaMessages.inc({ outcome: 'ok' });
    } catch (err) {
      // Unlike the reference (which only logs), an error produces its status body so every input
      // has an output and its offset can be committed.
      const rendered = errorResponse(err);
      code = rendered.code;
      out = Buffer.from(rendered.body);
      outHeaders = { 'seldon-error-code': rendered.code, 'Seldon-Puid': puid };
      runtime.metrics.kafkaMessages.inc({ outcome: 'error' });
      runtime.metrics.errors.inc({ code: rendered.code, server: 'kafka' });
      runtime.log(
        'warn',
        `kafka message ${kc.inputTopic}[${message.offset}] puid=${puid}: ${rendered.code}: ${rendered.message}`,
      );
    }
    runtime.metrics.observeServer('kafka', 'kafka', code, (performance.now() - start) / 1000);
    if (span) runtime.tracer?.endSpan(span, code === 'OK' ? undefined : { message: code, code });
    // Retried until produced: committing an offset whose output was lost would lose the message.
    for (let attempt = 0; ; attempt++) {
      try {
        await producer.send({
          topic: kc.outputTopic,
          messages: [{ key: message.key, value: out, ...(outHeaders ? { headers: outHeaders } : {}) }],
        });
        touch();
        return;
      } catch (err) {
        if (stopping && attempt > 3) throw err;
        runtime.log(
          'warn',
          `kafka: producing to ${kc.outputTopic} failed (attempt ${attempt + 1}): ${(err as Error).message}`,
        );
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  };

  await consumer.run({
    autoCommit: kc.autoCommit,
    eachBatchAutoResolve: false,
    eachBatch: async (payload) => {
      touch();
      await handleBatchInOrder(payload, consumer, {
        workers: kc.workers,
        commit: !kc.autoCommit,
        stopped: () => stopping,
        handle: processOne,
        begin: () => inFlight++,
        end: () => {
          inFlight--;
          if (inFlight === 0) runtime.notifyIdle();
        },
      });
      await payload.commitOffsetsIfNecessary();
    },
  });

  return {
    inFlight: () => inFlight,
    async close(timeoutMs: number) {
      stopping = true;
      clearInterval(watchdog);
      const deadline = Date.now() + timeoutMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // A disconnect can hang while the brokers are down; the process must still be able to stop.
      const bounded = (p: Promise<void>) =>
        Promise.race([p.catch(() => undefined), new Promise<void>((r) => setTimeout(r, 2000).unref())]);
      await bounded(consumer.disconnect());
      await bounded(producer.disconnect());
    },
  };
}

/**
 * The consumer settings of server mode, the Kafka proxy and the full-graph reply consumer: a short session so that a killed
 * process's partitions move on quickly, and bounded retries that stop once the process is stopping.
 */
export function consumerConfig(
  groupId: string,
  maxWaitTimeInMs: number,
  stopping: () => boolean,
): ConsumerConfig {
  return {
    groupId,
    sessionTimeout: 6000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs,
    retry: {
      retries: 10,
      initialRetryTime: 200,
      maxRetryTime: 2000,
      restartOnFailure: async () => !stopping(),
    },
  };
}

/** How {@link handleBatchInOrder} handles a batch. */
export interface BatchHandling {
  /** Messages handled at once. */
  readonly workers: number;
  /** Commit the offset as soon as it moves (with `autoCommit: false`). */
  readonly commit: boolean;
  /** True once the consumer is stopping: no further message is taken. */
  stopped(): boolean;
  handle(message: KafkaMessage): Promise<void>;
  /** Called before a message is handled and after its offset moved (in-flight counting). */
  begin(): void;
  end(): void;
}

/**
 * Handles one fetched batch with `workers` concurrent handlers, finishing in any order, and moves
 * the partition's offset only over a prefix of handled messages, so that a crash never skips one.
 * Shared by Kafka server mode and the full-graph Kafka proxy.
 */
export async function handleBatchInOrder(
  { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
  consumer: Consumer,
  how: BatchHandling,
): Promise<void> {
  const messages = batch.messages;
  const done = new Array<boolean>(messages.length).fill(false);
  let next = 0; // first message not yet resolved
  let cursor = 0;
  const advance = async () => {
    let moved = false;
    while (next < messages.length && done[next]) {
      resolveOffset(messages[next]!.offset);
      next++;
      moved = true;
    }
    if (moved && how.commit)
      await consumer.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: (BigInt(messages[next - 1]!.offset) + 1n).toString(),
        },
      ]);
  };
  let commits: Promise<void> = Promise.resolve();
  const worker = async () => {
    while (cursor < messages.length && !how.stopped() && isRunning() && !isStale()) {
      const i = cursor++;
      how.begin();
      try {
        await how.handle(messages[i]!);
        done[i] = true;
        commits = commits.then(advance);
        await commits;
      } finally {
        how.end();
      }
      await heartbeat().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(how.workers, messages.length) }, worker));
  await commits;
}
