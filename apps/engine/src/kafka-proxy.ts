// The companion of full-graph Kafka mode (04 §6): runs next to one model, consumes the model's
// request topic, calls the model over REST and produces each answer to the reply topic named in the
// request (header `topic-response`) with the request's `Seldon-Puid`. An offset is committed only
// after its reply was produced, so a proxy killed mid-stream loses no request.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import {
  GraphError,
  GraphPayload,
  isGraphError,
  type GraphProtocol,
  type NodeMethod,
} from '@seldon-ts/graph-executor';
import { RestNodeClient } from '@seldon-ts/graph-executor/rest';
import type { KafkaSecurity, LogLevel } from './config.js';
import { EngineError } from './errors.js';
import { handleBatchInOrder } from './internal/kafka-server.js';
import { createKafkaClient, type KafkaInMessage } from './internal/kafka/client.js';
import {
  KAFKA_HEADERS,
  KAFKA_METHOD_PATHS,
  checkTopicName,
  headerText,
  replyTopic,
  requestTopic,
} from './internal/kafka-node-client.js';
import { errorResponse, statusBody } from './internal/error-body.js';
import type { EngineLogger } from './internal/runtime.js';

/** Options of {@link startKafkaProxy}; the CLI flags of `seldon-engine kafka-proxy` map onto them. */
export interface KafkaProxyOptions {
  /** The graph node this proxy serves (`--model_name`). Required. */
  modelName: string;
  /** `--predictor`. Required. */
  predictorName: string;
  /** `--sdep`. Required. */
  deploymentName: string;
  /** `--namespace`. Default `default`. */
  namespace?: string;
  /** Host of the model's REST server (`--hostname`). Default `localhost`. */
  hostname?: string;
  /** Port of the model's REST server (`--http_port`). Default 9000. */
  httpPort?: number;
  /** Payload protocol (`--protocol`): `seldon` or `tensorflow`. Default `seldon`. */
  protocol?: 'seldon' | 'tensorflow';
  /** Kafka bootstrap servers (`--broker`). Required. */
  broker: string;
  /** Kafka security (env KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_*). Default none. */
  security?: KafkaSecurity;
  /**
   * Requests handled at once per partition, and partitions consumed at once (`--workers`).
   * Default 1: one request at a time, in order (the reference).
   */
  workers?: number;
  /** Deadline of each model call in milliseconds, 0 = none (`--timeout_ms`). Default 0. */
  timeoutMs?: number;
  /** Largest model answer accepted, in bytes. Default 1048576 (Kafka's default message.max.bytes). */
  maxMessageBytes?: number;
  /** Longest time the broker may hold a request fetch open, ms (a real broker answers as soon as a request arrives). Default 100. */
  fetchMaxWaitMs?: number;
  /** Log sink. Default: nothing. */
  log?: EngineLogger;
}

/** A running proxy. */
export interface KafkaProxyHandle {
  /** `<model>.<predictor>.<sdep>.<namespace>`. */
  readonly requestTopic: string;
  /** Consumer group (the request topic name). */
  readonly groupId: string;
  /** Requests answered (successfully or with an error reply). */
  readonly handled: number;
  /** Stops consuming, lets the request in progress finish (up to `timeoutMs`, default 10000) and disconnects. */
  close(timeoutMs?: number): Promise<void>;
}

const METHODS_BY_PATH = new Map<string, NodeMethod>(
  Object.entries(KAFKA_METHOD_PATHS).map(([method, path]) => [path!, method as NodeMethod]),
);

/** Headers of the full-graph protocol itself, not forwarded to the model. */
const PROTOCOL_HEADERS = new Set(
  [
    KAFKA_HEADERS.puid,
    KAFKA_HEADERS.replyTopic,
    KAFKA_HEADERS.method,
    KAFKA_HEADERS.callId,
    KAFKA_HEADERS.contentType,
    'content-length',
  ].map((h) => h.toLowerCase()),
);

function configError(message: string): EngineError {
  return new EngineError('SC_ERR_ENGINE_CONFIG_INVALID', `kafka-proxy: ${message}`);
}

/** Starts a proxy: resolves once it consumes its request topic. Throws EngineError on bad options. */
export async function startKafkaProxy(options: KafkaProxyOptions): Promise<KafkaProxyHandle> {
  const o = {
    namespace: 'default',
    hostname: 'localhost',
    httpPort: 9000,
    protocol: 'seldon' as const,
    workers: 1,
    timeoutMs: 0,
    maxMessageBytes: 1048576,
    fetchMaxWaitMs: 100,
    log: (() => undefined) as EngineLogger,
    security: {},
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as Required<KafkaProxyOptions>;
  for (const key of [
    'modelName',
    'predictorName',
    'deploymentName',
    'namespace',
    'hostname',
    'broker',
  ] as const)
    if (typeof o[key] !== 'string' || o[key] === '') throw configError(`${key} is required`);
  if (o.protocol !== 'seldon' && o.protocol !== 'tensorflow')
    throw configError(`protocol must be seldon or tensorflow, got "${String(o.protocol)}"`);
  if (!Number.isInteger(o.httpPort) || o.httpPort < 1 || o.httpPort > 65535)
    throw configError(`httpPort must be a port 1..65535, got ${o.httpPort}`);
  if (!Number.isInteger(o.workers) || o.workers < 1)
    throw configError(`workers must be >= 1, got ${o.workers}`);
  const names = {
    predictorName: o.predictorName,
    deploymentName: o.deploymentName,
    namespace: o.namespace,
    hostname: o.hostname,
  };
  const topicIn = requestTopic(names, o.modelName);
  try {
    checkTopicName(topicIn, `request topic of model ${o.modelName}`);
  } catch (err) {
    throw configError((err as Error).message);
  }
  const defaultReplyTopic = replyTopic(names, o.modelName);
  const log = o.log;
  const model = new RestNodeClient({ timeoutMs: o.timeoutMs, maxMessageBytes: o.maxMessageBytes });
  const node = { name: o.modelName, endpoint: { service_host: o.hostname, httpPort: o.httpPort } };
  const protocol: GraphProtocol = o.protocol;

  const kafka = createKafkaClient(o.broker, o.security, `seldon-kafka-proxy-${o.modelName}`, log);
  // The reference shares the group `<predictor>.<sdep>.<ns>` among all proxies of a predictor (and
  // the engine's input consumer); the client assigns partitions as if every member had the same
  // subscriptions, so a shared group would hand one model's requests to another model's proxy.
  const groupId = topicIn;
  await kafka.ensureTopics([topicIn]);
  let stopping = false;
  let handled = 0;
  let inFlight = 0;
  const abort = new AbortController();

  const answer = async (message: KafkaInMessage) => {
    const headers = message.headers;
    const puid = headerText(headers, KAFKA_HEADERS.puid) || '0';
    const reply = headerText(headers, KAFKA_HEADERS.replyTopic) || defaultReplyTopic;
    const path = headerText(headers, KAFKA_HEADERS.method) || '/predict';
    const callId = headerText(headers, KAFKA_HEADERS.callId);
    const contentType = headerText(headers, KAFKA_HEADERS.contentType) || 'application/json';
    const out: Record<string, string> = { [KAFKA_HEADERS.puid]: puid };
    if (callId !== undefined) out[KAFKA_HEADERS.callId] = callId;
    try {
      checkTopicName(reply, `topic-response of the message at ${topicIn} offset ${message.offset}`);
    } catch (err) {
      // Nowhere to answer: retrying cannot help, and holding the partition would stop every request.
      log('error', `kafka-proxy ${o.modelName}: ${(err as Error).message}; request skipped`);
      return;
    }
    // As the reference, the message's other headers go to the model as HTTP headers.
    const forwarded: Record<string, string> = {};
    for (const key in headers ?? {}) {
      const lower = key.toLowerCase();
      if (!PROTOCOL_HEADERS.has(lower)) forwarded[lower] = headerText(headers, key) ?? '';
    }
    let value: Buffer;
    try {
      const method = METHODS_BY_PATH.get(path);
      if (method === undefined)
        throw new EngineError(
          'SC_ERR_ENGINE_BAD_REQUEST',
          `seldon-method "${path}" of the message at ${topicIn} offset ${message.offset} is not one of ${[...METHODS_BY_PATH.keys()].join(', ')}`,
        );
      const body = message.value ?? Buffer.alloc(0);
      let payload: GraphPayload | undefined;
      let payloads: GraphPayload[] | undefined;
      if (method === 'aggregate') {
        let list: unknown;
        try {
          list = JSON.parse(body.toString('utf8'));
        } catch {
          list = undefined;
        }
        if (!Array.isArray(list))
          throw new EngineError(
            'SC_ERR_ENGINE_BAD_REQUEST',
            `the /aggregate message at ${topicIn} offset ${message.offset} must be a JSON list of SeldonMessages`,
          );
        payloads = list.map((m) => GraphPayload.fromObject(m));
      } else {
        payload = GraphPayload.fromBytes(body, contentType);
      }
      // The REST client leaves deadlines to its caller (normally the graph executor).
      let signal = abort.signal;
      let timer: NodeJS.Timeout | undefined;
      if (o.timeoutMs > 0) {
        const timeout = new AbortController();
        timer = setTimeout(
          () =>
            timeout.abort(
              new GraphError(
                'SC_ERR_GRAPH_NODE_TIMEOUT',
                `model ${o.modelName} at http://${o.hostname}:${o.httpPort} did not answer ${path} within ${o.timeoutMs} ms (kafka-proxy --timeout_ms)`,
                { nodeName: o.modelName },
              ),
            ),
          o.timeoutMs,
        );
        signal = AbortSignal.any([abort.signal, timeout.signal]);
      }
      let result: GraphPayload;
      try {
        result = await model.call({
          node,
          method,
          modelName: o.modelName,
          protocol,
          payload,
          payloads,
          puid,
          headers: forwarded,
          signal,
          deadline: o.timeoutMs > 0 ? Date.now() + o.timeoutMs : undefined,
        });
      } finally {
        clearTimeout(timer);
      }
      value = Buffer.from(result.bytes());
      out[KAFKA_HEADERS.contentType] = result.contentType;
    } catch (err) {
      // The reference logs and drops the message, leaving the engine waiting; an error reply lets
      // it fail the request at once with the model's own status and body.
      const rendered = errorResponse(err);
      const nodeAnswered = isGraphError(err) && err.code === 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE';
      value = Buffer.from(
        nodeAnswered ? rendered.body : statusBody(rendered.status, rendered.message, rendered.code),
      );
      out[KAFKA_HEADERS.contentType] = nodeAnswered ? rendered.contentType : 'application/json';
      out[KAFKA_HEADERS.status] = String(rendered.status);
      out[KAFKA_HEADERS.errorCode] = rendered.code;
      log('warn', `kafka-proxy ${o.modelName}: ${path} puid=${puid}: ${rendered.code}: ${rendered.message}`);
    }
    // Retried until produced: committing the offset of a request whose reply was lost would lose it.
    for (let attempt = 0; ; attempt++) {
      try {
        await producer.send(reply, [{ value, headers: out }]);
        return;
      } catch (err) {
        if ((err as { retriable?: boolean }).retriable === false) {
          log(
            'error',
            `kafka-proxy: cannot produce the reply of puid ${puid} to ${reply}: ${(err as Error).message}; request skipped`,
          );
          return;
        }
        if (stopping && attempt >= 3) throw err;
        log(
          'warn',
          `kafka-proxy: producing to ${reply} failed (attempt ${attempt + 1}): ${(err as Error).message}`,
        );
        await delay(Math.min(2000, 100 * 2 ** attempt));
      }
    }
  };

  const producer = await kafka.producer();
  let onJoin!: () => void;
  const joined = new Promise<void>((resolve) => (onJoin = resolve));
  const consumer = await kafka.consumer({
    groupId,
    topics: [topicIn],
    maxWaitTimeMs: o.fetchMaxWaitMs,
    autoCommit: false,
    partitionsConsumedConcurrently: o.workers,
    stopping: () => stopping,
    onJoin,
  });
  await consumer.runBatches((batch) =>
    handleBatchInOrder(batch, {
      workers: o.workers,
      commit: true,
      stopped: () => stopping,
      handle: async (message) => {
        await answer(message);
        handled++;
      },
      begin: () => inFlight++,
      end: () => inFlight--,
    }),
  );
  await joined;
  log('info', `kafka-proxy: ${topicIn} -> http://${o.hostname}:${o.httpPort} (group ${groupId})`);

  let closing: Promise<void> | undefined;
  return {
    requestTopic: topicIn,
    groupId,
    get handled() {
      return handled;
    },
    close(timeoutMs = 10000) {
      closing ??= (async () => {
        stopping = true;
        const deadline = Date.now() + timeoutMs;
        while (inFlight > 0 && Date.now() < deadline) await delay(20);
        abort.abort(new Error('the kafka-proxy is stopping'));
        const bounded = (p: Promise<void>) =>
          Promise.race([p.catch(() => undefined), delay(2000, undefined, { ref: false })]);
        await bounded(consumer.close());
        await bounded(producer.close());
        await model.close();
      })();
      return closing;
    },
  };
}

/** `seldon-engine kafka-proxy` flags (underscore spelling) and whether each is a boolean switch. */
export const KAFKA_PROXY_FLAGS = Object.freeze({
  model_name: 'string',
  predictor: 'string',
  sdep: 'string',
  namespace: 'string',
  hostname: 'string',
  http_port: 'string',
  protocol: 'string',
  broker: 'string',
  file: 'string',
  config: 'string',
  workers: 'string',
  timeout_ms: 'string',
  log_level: 'string',
} as const);

export const KAFKA_PROXY_HELP = `seldon-engine kafka-proxy — serve one model of a full-graph Kafka predictor (KAFKA_FULL_GRAPH=true)

Consumes <model_name>.<predictor>.<sdep>.<namespace>, calls http://<hostname>:<http_port> and
produces each answer to the request's topic-response with its Seldon-Puid.

Flags (Go flag syntax; env in brackets):
  --model_name NAME (required)  --predictor NAME (required)  --sdep NAME (required)
  --namespace default  --hostname localhost  --http_port 9000  --protocol seldon|tensorflow
  --broker HOST:PORT (required) [KAFKA_BROKER]  --workers 1  --timeout_ms 0
  --file, --config  accepted for compatibility with the reference, unused
  --log_level INFO [SELDON_LOG_LEVEL]
Security: KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_*, KAFKA_SASL_* as for the engine.
`;

/** Parses `seldon-engine kafka-proxy` arguments into proxy options (without log and security). */
export function parseKafkaProxyArgs(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): KafkaProxyOptions & { logLevel: string } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-'))
      throw configError(`unexpected argument "${arg}" (see seldon-engine kafka-proxy --help)`);
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = (eq >= 0 ? body.slice(0, eq) : body).replace(/-/g, '_');
    if (!Object.hasOwn(KAFKA_PROXY_FLAGS, name))
      throw configError(`unknown flag ${arg.split('=')[0]} (see seldon-engine kafka-proxy --help)`);
    if (eq >= 0) flags.set(name, body.slice(eq + 1));
    else if (i + 1 < argv.length) flags.set(name, argv[++i]!);
    else throw configError(`flag --${name} needs a value`);
  }
  const int = (name: string, fallback: number, min: number) => {
    const raw = flags.get(name);
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min)
      throw configError(`--${name} must be an integer >= ${min}, got "${raw}"`);
    return Number(raw);
  };
  const str = (name: string) => {
    const v = flags.get(name);
    return v === '' ? undefined : v;
  };
  const missing = (name: string): never => {
    throw configError(`Required argument ${name} missing (--${name})`);
  };
  return {
    modelName: str('model_name') ?? missing('model_name'),
    predictorName: str('predictor') ?? missing('predictor'),
    deploymentName: str('sdep') ?? missing('sdep'),
    namespace: str('namespace') ?? 'default',
    hostname: str('hostname') ?? 'localhost',
    httpPort: int('http_port', 9000, 1),
    protocol: (str('protocol') ?? 'seldon') as KafkaProxyOptions['protocol'],
    broker: str('broker') ?? (env.KAFKA_BROKER || missing('broker')),
    workers: int('workers', 1, 1),
    timeoutMs: int('timeout_ms', 0, 0),
    logLevel: (str('log_level') ?? env.SELDON_LOG_LEVEL ?? 'INFO').toUpperCase(),
  };
}

/**
 * `seldon-engine kafka-proxy ...`: runs a proxy until SIGTERM/SIGINT, then lets the request in
 * progress finish and exits 0.
 */
export async function kafkaProxyCommand(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(KAFKA_PROXY_HELP);
    return 0;
  }
  const { logLevel, ...options } = parseKafkaProxyArgs(argv, env);
  const { stderrLogger } = await import('./engine.js');
  const { kafkaSecurityFromEnv } = await import('./config.js');
  const log = stderrLogger(logLevel as LogLevel);
  const security = kafkaSecurityFromEnv(env, (p) => readFileSync(p, 'utf8'));
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const proxy = await startKafkaProxy({ ...options, security, log });
  const signal = await stopped;
  log('info', `kafka-proxy: ${signal}, stopping`);
  await proxy.close();
  return 0;
}
