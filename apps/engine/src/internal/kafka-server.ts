// Kafka server mode (04): consume the input topic, run the graph, produce to the output topic.
// Offsets are marked consumed only after the output for that message (and every earlier message of
// its partition) was produced, so a crash or kill loses nothing: unprocessed input is redelivered.
import { randomUUID } from 'node:crypto';
import { GraphPayload } from '@seldon-ts/graph-executor';
import type { EngineConfig } from '../config.js';
import { EngineError } from '../errors.js';
import type { EngineRuntime } from './runtime.js';
import { errorResponse } from './error-body.js';
import { createKafkaClient, headerValues, type KafkaBatch, type KafkaInMessage } from './kafka/client.js';

// The Kafka client's home is ./kafka/client.ts; re-exported for the engine's existing import.
export { createKafkaClient };

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
  let inFlight = 0;
  let stopping = false;
  let lastContact = Date.now();
  let fatal = false;
  const touch = () => {
    lastContact = Date.now();
    if (runtime.externalNotReady?.startsWith('Kafka')) runtime.externalNotReady = undefined;
  };
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

  const producer = await kafka.producer();
  const consumer = await kafka.consumer({
    groupId: kc.groupId,
    topics: [kc.inputTopic],
    maxWaitTimeMs: 500,
    autoCommit: kc.autoCommit,
    stopping: () => stopping,
    onActivity: touch,
    onCrash: (error, restarting) =>
      runtime.log('warn', `kafka consumer crashed: ${error.message}${restarting ? ' (restarting)' : ''}`),
  });
  touch();

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

  const processOne = async (message: KafkaInMessage): Promise<void> => {
    const headers: Record<string, string | string[]> = {};
    let puid: string | undefined;
    let contentTypes: string[] = [];
    let protoName: string[] = [];
    for (const key in message.headers ?? {}) {
      const values = headerValues(message.headers![key]);
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
        await producer.send(kc.outputTopic, [
          { key: message.key, value: out, ...(outHeaders ? { headers: outHeaders } : {}) },
        ]);
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

  await consumer.runBatches(async (batch) => {
    touch();
    await handleBatchInOrder(batch, {
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
      await bounded(consumer.close());
      await bounded(producer.close());
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
  handle(message: KafkaInMessage): Promise<void>;
  /** Called before a message is handled and after its offset moved (in-flight counting). */
  begin(): void;
  end(): void;
}

/**
 * Handles one fetched batch with `workers` concurrent handlers, finishing in any order, and moves
 * the partition's offset only over a prefix of handled messages, so that a crash never skips one.
 * Shared by Kafka server mode and the full-graph Kafka proxy.
 */
export async function handleBatchInOrder(batch: KafkaBatch, how: BatchHandling): Promise<void> {
  const messages = batch.messages;
  const done = new Array<boolean>(messages.length).fill(false);
  let next = 0; // first message not yet resolved
  let cursor = 0;
  const advance = async () => {
    let moved = false;
    while (next < messages.length && done[next]) {
      batch.resolve(messages[next]!);
      next++;
      moved = true;
    }
    if (moved && how.commit) await batch.commit(messages[next - 1]!);
  };
  let commits: Promise<void> = Promise.resolve();
  const worker = async () => {
    while (cursor < messages.length && !how.stopped() && batch.active()) {
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
      await batch.heartbeat().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(how.workers, messages.length) }, worker));
  await commits;
}
