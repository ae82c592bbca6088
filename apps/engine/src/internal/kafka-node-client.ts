// Full-graph Kafka mode (04 §6): every node call becomes a message on the node's request topic and
// its answer a message on the node's reply topic, matched back to the waiting call by puid.
//
// One reply consumer serves the whole engine (not one per node as in the reference): it subscribes
// to every node's reply topic and hands each reply to the pending call it belongs to. Unlike the
// reference, which waits forever, a call gives up at its deadline (node timeout, graph deadline or
// the caller's abort) and the number of calls waiting at once is bounded.
import { randomUUID } from 'node:crypto';
import {
  combinerJsonBody,
  GraphError,
  GraphPayload,
  isGraphError,
  type GraphNodeSpec,
  type NodeCall,
  type NodeClient,
  type NodeMethod,
} from '@seldon-ts/graph-executor';
import { GrpcStatus } from '@seldon-ts/payload/json';
import type { PredictiveUnit } from '@seldon-ts/crd-types';
import type { EngineConfig } from '../config.js';
import { EngineError } from '../errors.js';
import type { EngineLogger } from './runtime.js';
import {
  createKafkaClient,
  headerText,
  type KafkaClient,
  type KafkaConsumer,
  type KafkaHeaders,
  type KafkaProducer,
} from './kafka/client.js';

export { headerText };

/** Header names of the full-graph protocol (the reference's spelling). */
export const KAFKA_HEADERS = {
  puid: 'Seldon-Puid',
  replyTopic: 'topic-response',
  method: 'seldon-method',
  /** Ours: echoed by our proxy so replies match exactly even when two requests share a puid. */
  callId: 'seldon-call-id',
  /** Ours: set by our proxy on a reply that carries a failure, with the model's HTTP status. */
  status: 'seldon-status',
  /** Ours: the stable error code of a failed reply. */
  errorCode: 'seldon-error-code',
  contentType: 'Content-Type',
} as const;

/** The `seldon-method` value of each node method (the REST paths of the Seldon protocol). */
export const KAFKA_METHOD_PATHS: Readonly<Partial<Record<NodeMethod, string>>> = {
  predict: '/predict',
  'transform-input': '/transform-input',
  'transform-output': '/transform-output',
  route: '/route',
  aggregate: '/aggregate',
  'send-feedback': '/send-feedback',
};

/** Identity of the predictor whose nodes are reached through Kafka; it names the topics. */
export interface KafkaTopicNames {
  predictorName: string;
  deploymentName: string;
  namespace: string;
  /** Reply-topic prefix: the engine's hostname. */
  hostname: string;
}

/** `<node>.<predictor>.<sdep>.<namespace>`: where the node's proxy reads requests. */
export function requestTopic(names: KafkaTopicNames, node: string): string {
  return `${node}.${names.predictorName}.${names.deploymentName}.${names.namespace}`;
}

/** `<hostname>.<node>.<predictor>.<sdep>.<namespace>`: where this engine reads the node's answers. */
export function replyTopic(names: KafkaTopicNames, node: string): string {
  return `${names.hostname}.${requestTopic(names, node)}`;
}

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** Kafka's topic name rule; the message names the node so a bad graph fails at start. */
export function checkTopicName(topic: string, what: string): void {
  if (!TOPIC_NAME.test(topic) || topic === '.' || topic === '..')
    throw new GraphError(
      'SC_ERR_GRAPH_INVALID_GRAPH',
      `${what}: "${topic}" is not a valid Kafka topic name (1..249 characters of A-Z a-z 0-9 . _ -)`,
    );
}

/** Options of {@link KafkaNodeClient}. */
export interface KafkaNodeClientOptions {
  /** A Kafka client (brokers and security already applied): {@link createKafkaClient}. */
  kafka: KafkaClient;
  topics: KafkaTopicNames;
  /** Nodes whose reply topics are subscribed at start; others are added on their first call. */
  nodeNames: readonly string[];
  /** Per-call deadline in milliseconds; 0 = wait until the graph deadline or forever (reference). Default 60000. */
  timeoutMs?: number;
  /** Calls waiting for a reply at once; more fail at once. Default 10000. */
  maxPendingCalls?: number;
  /** Largest request payload produced, in bytes (a bigger one fails before producing). Default 1048576 (Kafka's default message.max.bytes). */
  maxMessageBytes?: number;
  /**
   * Longest time the broker may hold a reply fetch open, in milliseconds. A real broker answers as
   * soon as a reply arrives; librdkafka's mock cluster waits it out, so it bounds the added latency
   * there. Default 100.
   */
  fetchMaxWaitMs?: number;
  /** How long {@link KafkaNodeClient.start} waits for the reply consumer to join its group, ms. Default 30000. */
  startTimeoutMs?: number;
  log: EngineLogger;
}

interface PendingCall {
  readonly callId: string;
  readonly key: string;
  readonly node: string;
  readonly method: NodeMethod;
  readonly topic: string;
  settle(result: GraphPayload | GraphError): void;
}

/** A graph-executor node client that reaches every node through Kafka topics. */
export class KafkaNodeClient implements NodeClient {
  readonly transport = 'kafka';
  readonly payloadFormat = 'json' as const;
  readonly #kafka: KafkaClient;
  readonly #names: KafkaTopicNames;
  readonly #timeoutMs: number;
  readonly #maxPending: number;
  readonly #maxMessageBytes: number;
  readonly #log: EngineLogger;
  readonly #fetchMaxWaitMs: number;
  readonly #startTimeoutMs: number;
  readonly #groupId: string;
  /** callId → pending call. */
  readonly #pending = new Map<string, PendingCall>();
  /** `<reply topic> <puid>` → call ids in call order, for replies without our call id. */
  readonly #byPuid = new Map<string, string[]>();
  readonly #replyTopics = new Set<string>();
  #producer: KafkaProducer | undefined;
  #consumer: KafkaConsumer | undefined;
  #started: Promise<void> | undefined;
  /** Serializes consumer (re)starts when a reloaded graph brings new nodes. */
  #resubscribe: Promise<void> = Promise.resolve();
  #joined = false;
  #closed = false;

  constructor(options: KafkaNodeClientOptions) {
    this.#kafka = options.kafka;
    this.#names = options.topics;
    this.#timeoutMs = options.timeoutMs ?? 60000;
    this.#maxPending = options.maxPendingCalls ?? 10000;
    this.#maxMessageBytes = options.maxMessageBytes ?? 1048576;
    this.#log = options.log;
    this.#fetchMaxWaitMs = options.fetchMaxWaitMs ?? 100;
    this.#startTimeoutMs = options.startTimeoutMs ?? 30000;
    const n = this.#names;
    // The reference's group is the reply topic; one consumer for all reply topics needs one group.
    this.#groupId = `${n.hostname}.${n.predictorName}.${n.deploymentName}.${n.namespace}`;
    for (const node of options.nodeNames) {
      checkTopicName(requestTopic(n, node), `request topic of node ${node}`);
      const topic = replyTopic(n, node);
      checkTopicName(topic, `reply topic of node ${node}`);
      this.#replyTopics.add(topic);
    }
  }

  /**
   * The client's own per-call timeout is enforced here (so its error can name the topic); the
   * executor therefore sees none.
   */
  get timeoutMs(): number {
    return 0;
  }

  /** Consumer group of the reply consumer. */
  get groupId(): string {
    return this.#groupId;
  }

  /** Calls waiting for their reply. */
  get pendingCalls(): number {
    return this.#pending.size;
  }

  /** Connects the producer and the reply consumer; resolves once the consumer joined its group. Idempotent. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    this.#producer = await this.#kafka.producer();
    // Subscribing to a topic that does not exist yet would leave the consumer without partitions.
    await this.#kafka.ensureTopics([
      ...this.#replyTopics,
      ...[...this.#replyTopics].map((t) => t.slice(this.#names.hostname.length + 1)),
    ]);
    await this.#runConsumer();
  }

  async #runConsumer(): Promise<void> {
    this.#joined = false;
    let onJoin!: () => void;
    const joined = new Promise<void>((resolve) => {
      onJoin = () => {
        this.#joined = true;
        resolve();
      };
    });
    // Earliest, as the reference: a reply produced before the group had an offset is still read.
    const consumer = await this.#kafka.consumer({
      groupId: this.#groupId,
      topics: [...this.#replyTopics],
      maxWaitTimeMs: this.#fetchMaxWaitMs,
      autoCommit: true,
      stopping: () => this.#closed,
      onJoin,
    });
    this.#consumer = consumer;
    await consumer.runEach(async (topic, message) => this.#onReply(topic, message.headers, message.value));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `the reply consumer did not join consumer group ${this.#groupId} within ${this.#startTimeoutMs} ms`,
            ),
          ),
        this.#startTimeoutMs,
      );
    });
    try {
      await Promise.race([joined, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  #onReply(topic: string, headers: KafkaHeaders | undefined, value: Buffer | null): void {
    const puid = headerText(headers, KAFKA_HEADERS.puid) ?? '';
    const callId = headerText(headers, KAFKA_HEADERS.callId);
    let pending = callId === undefined ? undefined : this.#pending.get(callId);
    if (pending === undefined && callId === undefined) {
      const ids = this.#byPuid.get(`${topic} ${puid}`);
      if (ids !== undefined) pending = this.#pending.get(ids[0]!);
    }
    if (pending === undefined) {
      // A reply for a call that timed out, or left over from before a restart.
      this.#log('debug', `kafka full graph: no call waits for the reply on ${topic} with puid ${puid}`);
      return;
    }
    const contentType = headerText(headers, KAFKA_HEADERS.contentType) ?? 'application/json';
    const payload = GraphPayload.fromBytes(value ?? Buffer.alloc(0), contentType);
    const status = headerText(headers, KAFKA_HEADERS.status);
    const errorCode = headerText(headers, KAFKA_HEADERS.errorCode);
    if ((status !== undefined && status !== '200') || errorCode !== undefined) {
      const httpStatus = Number(status) >= 400 && Number(status) <= 599 ? Number(status) : 500;
      pending.settle(
        new GraphError(
          'SC_ERR_GRAPH_NODE_ERROR_RESPONSE',
          `node ${pending.node} answered ${pending.method} on ${topic} with status ${httpStatus}${errorCode ? ` (${errorCode})` : ''}`,
          { nodeName: pending.node, httpStatus, body: payload },
        ),
      );
      return;
    }
    pending.settle(payload);
  }

  async call(call: NodeCall): Promise<GraphPayload> {
    const node = call.node.name;
    const path = KAFKA_METHOD_PATHS[call.method];
    if (path === undefined)
      throw new GraphError(
        'SC_ERR_GRAPH_UNSUPPORTED',
        `node ${node}: ${call.method} is not available in full-graph Kafka mode (KAFKA_FULL_GRAPH=true), which carries only predict, transform-input, transform-output, route, aggregate and send-feedback`,
        { nodeName: node },
      );
    if (this.#closed)
      throw new GraphError('SC_ERR_GRAPH_CLOSED', 'the Kafka node client is closed', { nodeName: node });
    const topic = requestTopic(this.#names, node);
    const reply = replyTopic(this.#names, node);
    const body = call.method === 'aggregate' ? Buffer.from(combinerJsonBody(call)) : call.payload!.bytes();
    if (body.byteLength > this.#maxMessageBytes)
      throw new GraphError(
        'SC_ERR_GRAPH_MESSAGE_TOO_LARGE',
        `the ${call.method} request to node ${node} is ${body.byteLength} bytes, more than maxMessageBytes (${this.#maxMessageBytes}) for topic ${topic}`,
        { nodeName: node, grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED },
      );
    if (this.#pending.size >= this.#maxPending)
      throw new GraphError(
        'SC_ERR_GRAPH_NODE_UNREACHABLE',
        `node ${node}: ${this.#pending.size} Kafka calls already wait for replies (maxPendingCalls ${this.#maxPending}); not producing to ${topic}`,
        { nodeName: node, httpStatus: 503, grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED },
      );
    await this.start();
    if (!this.#replyTopics.has(reply)) await this.#addReplyTopic(reply, node);

    const callId = randomUUID();
    const key = `${reply} ${call.puid}`;
    let timer: NodeJS.Timeout | undefined;
    let stopListening: (() => void) | undefined;
    const answer = new Promise<GraphPayload>((resolve, reject) => {
      const settle = (result: GraphPayload | GraphError) => {
        if (!this.#pending.delete(callId)) return;
        const ids = this.#byPuid.get(key);
        if (ids !== undefined) {
          ids.splice(ids.indexOf(callId), 1);
          if (ids.length === 0) this.#byPuid.delete(key);
        }
        if (timer !== undefined) clearTimeout(timer);
        stopListening?.();
        if (isGraphError(result)) reject(result);
        else resolve(result);
      };
      this.#pending.set(callId, { callId, key, node, method: call.method, topic: reply, settle });
      const ids = this.#byPuid.get(key);
      if (ids === undefined) this.#byPuid.set(key, [callId]);
      else ids.push(callId);
      if (this.#timeoutMs > 0)
        timer = setTimeout(
          () =>
            settle(
              new GraphError(
                'SC_ERR_GRAPH_NODE_TIMEOUT',
                `node ${node} did not answer ${call.method} within ${this.#timeoutMs} ms: no reply with Seldon-Puid ${call.puid} on topic ${reply} to the request produced to ${topic} (is the node's kafka-proxy running?)`,
                { nodeName: node },
              ),
            ),
          this.#timeoutMs,
        );
      // The executor's Cancellation avoids creating an AbortSignal per call; other callers give a signal.
      const cancellation = call.cancellation;
      if (cancellation !== undefined) {
        stopListening = cancellation.onAbort((reason) => settle(abortReason(reason, node, reply)));
      } else if (call.signal !== undefined) {
        const signal = call.signal;
        const onAbort = () => settle(abortReason(signal.reason, node, reply));
        if (signal.aborted) onAbort();
        else {
          signal.addEventListener('abort', onAbort, { once: true });
          stopListening = () => signal.removeEventListener('abort', onAbort);
        }
      }
    });
    try {
      await this.#producer!.send(topic, [
        {
          value: Buffer.from(body.buffer, body.byteOffset, body.byteLength),
          headers: {
            [KAFKA_HEADERS.puid]: call.puid,
            [KAFKA_HEADERS.replyTopic]: reply,
            [KAFKA_HEADERS.method]: path,
            [KAFKA_HEADERS.callId]: callId,
            [KAFKA_HEADERS.contentType]:
              call.method === 'aggregate' ? 'application/json' : call.payload!.contentType,
          },
        },
      ]);
    } catch (err) {
      this.#pending
        .get(callId)
        ?.settle(
          new GraphError(
            'SC_ERR_GRAPH_NODE_UNREACHABLE',
            `producing the ${call.method} request of node ${node} to topic ${topic} failed: ${(err as Error).message}`,
            { nodeName: node, cause: err },
          ),
        );
    }
    return answer;
  }

  async #addReplyTopic(topic: string, node: string): Promise<void> {
    checkTopicName(topic, `reply topic of node ${node}`);
    // A reloaded graph brought a node: a running consumer cannot add a subscription (kafkajs).
    this.#resubscribe = this.#resubscribe.then(async () => {
      if (this.#replyTopics.has(topic) || this.#closed) return;
      this.#replyTopics.add(topic);
      await this.#kafka.ensureTopics([topic, requestTopic(this.#names, node)]);
      const old = this.#consumer;
      this.#consumer = undefined;
      await old?.close().catch(() => undefined);
      await this.#runConsumer();
    });
    await this.#resubscribe;
  }

  /** Ready once the reply consumer has joined its group (the nodes themselves cannot be probed through Kafka). */
  async ready(_node: GraphNodeSpec): Promise<boolean> {
    if (this.#closed) return false;
    void this.start().catch(() => undefined);
    return this.#joined;
  }

  /** Fails every waiting call and disconnects. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of [...this.#pending.values()])
      pending.settle(
        new GraphError(
          'SC_ERR_GRAPH_CLOSED',
          `the engine stopped while node ${pending.node} had not answered on ${pending.topic}`,
          { nodeName: pending.node },
        ),
      );
    const bounded = (p: Promise<void> | undefined) =>
      Promise.race([
        (p ?? Promise.resolve()).catch(() => undefined),
        new Promise<void>((r) => setTimeout(r, 2000).unref()),
      ]);
    await bounded(this.#started);
    await bounded(this.#consumer?.close());
    await bounded(this.#producer?.close());
  }
}

function abortReason(reason: unknown, node: string, topic: string): GraphError {
  if (isGraphError(reason)) return reason;
  return new GraphError(
    'SC_ERR_GRAPH_CANCELLED',
    `call to node ${node} (reply topic ${topic}) was cancelled`,
    {
      nodeName: node,
      cause: reason,
    },
  );
}

/** The full-graph client for an engine configuration (`kafka.fullGraph`), not yet connected. */
export function kafkaNodeClientFor(config: EngineConfig, log: EngineLogger): KafkaNodeClient {
  const kc = config.kafka!;
  const names: string[] = [];
  const walk = (unit: PredictiveUnit) => {
    names.push(unit.name);
    for (const child of unit.children ?? []) walk(child);
  };
  walk(config.predictor.graph);
  try {
    return new KafkaNodeClient({
      kafka: createKafkaClient(
        kc.broker,
        config.kafkaSecurity,
        `seldon-engine-graph-${config.deploymentName}`,
        log,
      ),
      topics: {
        predictorName: config.predictorName,
        deploymentName: config.deploymentName,
        namespace: config.namespace,
        hostname: config.hostname,
      },
      nodeNames: names,
      timeoutMs: kc.nodeTimeoutMs ?? 60000,
      maxPendingCalls: config.maxInFlight,
      fetchMaxWaitMs: kc.fetchMaxWaitMs,
      log,
    });
  } catch (err) {
    throw new EngineError('SC_ERR_ENGINE_GRAPH_INVALID', `full-graph Kafka mode: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
