// Kafka server mode (04): consume the input topic, run the graph, produce to the output topic.
// Offsets are marked consumed only after the output for that message (and every earlier message of
// its partition) was produced, so a crash or kill loses nothing: unprocessed input is redelivered.
import { randomUUID } from 'node:crypto';
import { GraphPayload } from '@seldon-ts/graph-executor';
import type { EngineConfig } from '../config.js';
import { EngineError } from '../errors.js';
import type { EngineRuntime, RequestContext } from './runtime.js';
import { errorResponse } from './error-body.js';
import {
  createKafkaClient,
  headerValues,
  type KafkaBatch,
  type KafkaInMessage,
  type KafkaProducer,
} from './kafka/client.js';

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
  const stopped = () => stopping;
  const watch = watchBrokers(runtime, kc, stopped, onFatal);

  const producer = await kafka.producer();
  const consumer = await kafka.consumer({
    groupId: kc.groupId,
    topics: [kc.inputTopic],
    maxWaitTimeMs: 500,
    autoCommit: kc.autoCommit,
    stopping: stopped,
    onActivity: watch.touch,
    onCrash: (error, restarting) =>
      runtime.log('warn', `kafka consumer crashed: ${error.message}${restarting ? ' (restarting)' : ''}`),
  });
  watch.touch();
  await waitForGraphReady(runtime, stopped);
  if (kc.workers > 1 && !kc.autoCommit)
    runtime.log(
      'info',
      `kafka: ${kc.workers} workers; output order follows completion order, offsets are committed in input order`,
    );

  const messages = new MessageHandler(runtime, kc, producer, watch.touch, stopped);
  await consumer.runBatches(async (batch) => {
    watch.touch();
    await handleBatchInOrder(batch, {
      workers: kc.workers,
      commit: !kc.autoCommit,
      stopped,
      handle: (message) => messages.handle(message),
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
      watch.stop();
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

type KafkaServerSettings = NonNullable<EngineConfig['kafka']>;

/** Broker contact: `touch` on every sign of life; `stop` ends the watch. */
interface BrokerWatch {
  touch(): void;
  stop(): void;
}

/**
 * Marks the engine not ready after 5 s (or `outageExitMs` if shorter) without broker contact, and
 * calls `onFatal` once after `outageExitMs`.
 */
function watchBrokers(
  runtime: EngineRuntime,
  kc: KafkaServerSettings,
  stopped: () => boolean,
  onFatal: (err: EngineError) => void,
): BrokerWatch {
  let lastContact = Date.now();
  let fatal = false;
  const notReadyAfterMs = Math.min(kc.outageExitMs, 5000);
  const watchdog = setInterval(() => {
    if (stopped() || fatal) return;
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
  return {
    touch: () => {
      lastContact = Date.now();
      if (runtime.externalNotReady?.startsWith('Kafka')) runtime.externalNotReady = undefined;
    },
    stop: () => clearInterval(watchdog),
  };
}

/** The reference waits for the graph to be ready before consuming (polling every 2 s; here 0.5 s). */
async function waitForGraphReady(runtime: EngineRuntime, stopped: () => boolean): Promise<void> {
  for (let waited = 0; !stopped(); waited += 500) {
    const state = await runtime.readiness().catch(() => ({ ready: false }));
    if (state.ready || runtime.externalNotReady) break;
    if (waited % 10000 === 0)
      runtime.log('info', 'Waiting for graph to be ready before consuming from Kafka');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** What the headers of an input message say. */
interface MessageHeaders {
  /** Every header, lower-cased, for tracing and the graph. */
  headers: Record<string, string | string[]>;
  puid: string;
  contentTypes: string[];
  protoName: string[];
}

/** The answer produced for one input message: the graph's output or an error status body. */
interface MessageAnswer {
  out: Buffer;
  outHeaders?: Record<string, string>;
  code: string;
}

/** One input message through the graph, and its answer onto the output topic. */
class MessageHandler {
  private readonly config: EngineConfig;

  constructor(
    private readonly runtime: EngineRuntime,
    private readonly kc: KafkaServerSettings,
    private readonly producer: KafkaProducer,
    private readonly touch: () => void,
    private readonly stopped: () => boolean,
  ) {
    this.config = runtime.config;
  }

  async handle(message: KafkaInMessage): Promise<void> {
    const { runtime } = this;
    const read = readHeaders(message);
    const span = runtime.tracer?.startServerSpan('kafkaServer', read.headers, {
      'messaging.system': 'kafka',
      'seldon.puid': read.puid,
    });
    const start = performance.now();
    const answer = await this.answer(message, read, span);
    runtime.metrics.observeServer('kafka', 'kafka', answer.code, (performance.now() - start) / 1000);
    if (span)
      runtime.tracer?.endSpan(
        span,
        answer.code === 'OK' ? undefined : { message: answer.code, code: answer.code },
      );
    await this.produce(message, answer);
  }

  /**
   * The graph's output, or, unlike the reference (which only logs), the error's status body, so
   * every input has an output and its offset can be committed.
   */
  private async answer(
    message: KafkaInMessage,
    read: MessageHeaders,
    span: RequestContext['span'],
  ): Promise<MessageAnswer> {
    const { runtime, config } = this;
    try {
      if (runtime.inFlightGraph >= config.maxInFlight)
        throw new EngineError('SC_ERR_ENGINE_OVERLOADED', 'too many requests in flight');
      runtime.inFlightGraph++;
      let out: Buffer;
      try {
        const payload = this.decode(message, read);
        const result = await runtime.predict(payload, {
          puid: read.puid,
          headers: read.headers,
          span,
          transport: config.transport,
        });
        out = Buffer.from(result.bytes());
      } finally {
        runtime.inFlightGraph--;
      }
      runtime.metrics.kafkaMessages.inc({ outcome: 'ok' });
      return { out, code: 'OK' };
    } catch (err) {
      const rendered = errorResponse(err);
      runtime.metrics.kafkaMessages.inc({ outcome: 'error' });
      runtime.metrics.errors.inc({ code: rendered.code, server: 'kafka' });
      runtime.log(
        'warn',
        `kafka message ${this.kc.inputTopic}[${message.offset}] puid=${read.puid}: ${rendered.code}: ${rendered.message}`,
      );
      return {
        out: Buffer.from(rendered.body),
        outHeaders: { 'seldon-error-code': rendered.code, 'Seldon-Puid': read.puid },
        code: rendered.code,
      };
    }
  }

  /** The message value as a graph payload: a SeldonMessage with transport grpc, else by content type. */
  private decode(message: KafkaInMessage, read: MessageHeaders): GraphPayload {
    const value = message.value ?? Buffer.alloc(0);
    if (this.config.transport !== 'grpc')
      return GraphPayload.fromBytes(
        value,
        read.contentTypes.length === 1 ? read.contentTypes[0] : 'application/json',
      );
    if (read.protoName.length !== 1 || read.protoName[0] !== 'seldon.protos.SeldonMessage') {
      throw new EngineError(
        'SC_ERR_ENGINE_BAD_REQUEST',
        `Kafka message at ${this.kc.inputTopic}[${message.offset}] needs exactly one proto-name header naming seldon.protos.SeldonMessage (got ${JSON.stringify(read.protoName)})`,
      );
    }
    return GraphPayload.fromProtobuf(value);
  }

  /** Retried until produced: committing an offset whose output was lost would lose the message. */
  private async produce(message: KafkaInMessage, { out, outHeaders }: MessageAnswer): Promise<void> {
    const { outputTopic } = this.kc;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.producer.send(outputTopic, [
          { key: message.key, value: out, ...(outHeaders ? { headers: outHeaders } : {}) },
        ]);
        this.touch();
        return;
      } catch (err) {
        if (this.stopped() && attempt > 3) throw err;
        this.runtime.log(
          'warn',
          `kafka: producing to ${outputTopic} failed (attempt ${attempt + 1}): ${(err as Error).message}`,
        );
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }
}

/** Headers lower-cased, the puid (a new one when absent), content type and proto name. */
function readHeaders(message: KafkaInMessage): MessageHeaders {
  const read: MessageHeaders = { headers: {}, puid: '', contentTypes: [], protoName: [] };
  for (const key in message.headers ?? {}) {
    const values = headerValues(message.headers![key]);
    const lower = key.toLowerCase();
    read.headers[lower] = values.length === 1 ? values[0] : values;
    if (lower === 'seldon-puid' && values[0]) read.puid = values[0];
    if (lower === 'content-type') read.contentTypes = values;
    if (lower === 'proto-name') read.protoName = values;
  }
  if (!read.puid) {
    read.puid = randomUUID();
    read.headers['seldon-puid'] = read.puid;
  }
  return read;
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
