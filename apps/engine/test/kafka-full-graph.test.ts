// Full-graph Kafka mode (04 §6) against librdkafka's mock cluster: real model-wrapper nodes, each
// behind an in-process kafka-proxy, and an engine whose every node call goes through Kafka topics.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import {
  startEngine,
  startKafkaProxy,
  parseKafkaProxyArgs,
  resolveConfig,
  type EngineHandle,
  type KafkaProxyHandle,
  type StartEngineOptions,
} from 'seldon-engine';
import * as grpc from '@grpc/grpc-js';
import { GraphPayload, type GraphError } from '@seldon-ts/graph-executor';
import { messageToProto, messageFromProto } from '@seldon-ts/payload';
import { KafkaNodeClient } from '../src/internal/kafka-node-client.js';
import { createKafkaClient } from '../src/internal/kafka/client.js';
import { startKafkaMock, type KafkaMock } from './support/kafka-mock.js';
import { startNode, post, get, type RunningNode } from './support/nodes.js';
import { rawMethod } from '../src/internal/grpc-raw.js';

const quiet = () => undefined;
const engineDir = fileURLToPath(new URL('..', import.meta.url));
const ids = { predictorName: 'fp', deploymentName: 'fsdep', namespace: 'fns' };

describe('full-graph Kafka mode (KAFKA_FULL_GRAPH=true)', () => {
  let mock: KafkaMock;
  let kafka: Kafka;
  const nodes: RunningNode[] = [];
  const proxies: KafkaProxyHandle[] = [];
  const feedback: Array<{ node: string; reward: number }> = [];
  let engine: EngineHandle;
  /** An engine whose only node has no proxy, with a short node timeout. */
  let lonely: EngineHandle;
  /** A bare client for the bounds test, with a tiny pending limit and no timeout. */
  let unitClient: KafkaNodeClient;
  /** What the Kafka server of `engine` produced to its output topic. */
  const outputs: Array<{ key: string; value: string }> = [];
  let reader: Consumer;

  const engineOptions = (extra: Partial<StartEngineOptions> = {}): StartEngineOptions => ({
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    serverType: 'kafka',
    deploymentName: ids.deploymentName,
    namespace: ids.namespace,
    log: quiet,
    kafka: {
      broker: mock.brokers,
      inputTopic: 'fg-in',
      outputTopic: 'fg-out',
      fullGraph: true,
      workers: 2,
      autoCommit: false,
      groupId: '',
      outageExitMs: 60000,
      nodeTimeoutMs: 20000,
    },
    // No endpoints: in full-graph mode nodes are reached only through their topics.
    predictor: {
      name: ids.predictorName,
      graph: {
        name: 'tfm',
        type: 'TRANSFORMER',
        children: [
          {
            name: 'cmb',
            type: 'COMBINER',
            children: [
              { name: 'ma', type: 'MODEL' },
              { name: 'mb', type: 'MODEL' },
            ],
          },
        ],
      },
    },
    ...extra,
  });

  beforeAll(async () => {
    mock = await startKafkaMock();
    kafka = new Kafka({ brokers: [mock.brokers], logLevel: logLevel.NOTHING });
    const model = (name: string, add: number) => ({
      predict: (X: any) => X.toArray().map((row: number[]) => row.map((v) => v + add)),
      sendFeedback: (_X: unknown, _n: string[], reward: number) => {
        feedback.push({ node: name, reward });
        return [];
      },
    });
    const components: Record<string, object> = {
      tfm: { transformInput: (X: any) => X.toArray().map((row: number[]) => row.map((v) => v * 10)) },
      cmb: {
        aggregate: (Xs: any[]) => {
          const rows = Xs.map((X) => X.toArray());
          return rows[0].map((row: number[], i: number) => row.map((v, j) => v + rows[1][i][j]));
        },
      },
      ma: model('ma', 1),
      mb: model('mb', 2),
      // Slower than its proxy's --timeout_ms (300 ms).
      sleepy: {
        predict: async (X: any) => {
          await new Promise((r) => setTimeout(r, 1500));
          return X;
        },
      },
      // Only in the graph after a reload.
      mx: { predict: (X: any) => X.toArray().map((row: number[]) => row.map((v) => v + 5)) },
    };
    for (const [name, component] of Object.entries(components)) {
      const node = await startNode(name, component as never);
      nodes.push(node);
    }
    unitClient = new KafkaNodeClient({
      kafka: createKafkaClient(mock.brokers, {}, 'unit', quiet),
      topics: { ...ids, hostname: 'unit' },
      nodeNames: ['ghost2', 'sleepy'],
      timeoutMs: 0, // wait forever, as the reference: only abort and close end a call
      maxPendingCalls: 1,
      log: quiet,
    });
    reader = kafka.consumer({ groupId: 'fg-reader', maxWaitTimeInMs: 100 });
    // Everything that joins a consumer group starts at once (each join takes a few seconds).
    const [started] = await Promise.all([
      Promise.all(
        nodes.map((node) =>
          startKafkaProxy({
            modelName: node.name,
            ...ids,
            hostname: '127.0.0.1',
            httpPort: node.httpPort,
            broker: mock.brokers,
            timeoutMs: node.name === 'sleepy' ? 300 : undefined,
          }),
        ),
      ),
      startEngine(engineOptions()).then((e) => (engine = e)),
      startEngine(
        engineOptions({
          serverType: 'rpc',
          predictorName: 'lonely',
          predictor: { name: 'lonely', graph: { name: 'ghost', type: 'MODEL' } },
          kafka: { ...engineOptions().kafka!, nodeTimeoutMs: 1500 },
        }),
      ).then((e) => (lonely = e)),
      unitClient.start(),
      (async () => {
        await reader.connect();
        await reader.subscribe({ topic: 'fg-out', fromBeginning: true });
        await reader.run({
          eachMessage: async ({ message }) => {
            outputs.push({ key: String(message.key), value: String(message.value) });
          },
        });
      })(),
    ]);
    proxies.push(...started);
  }, 60_000);

  afterAll(async () => {
    await reader?.disconnect();
    await unitClient?.close();
    await lonely?.close();
    await engine?.close();
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(nodes.map((n) => n.close()));
    await mock?.stop();
  }, 30_000);

  it('a REST predict runs transformer, combiner and both models through their topics', async () => {
    await engine.ready(20000);
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1,2]]}}', {
      'seldon-puid': 'puid-chain-1',
    });
    expect(res.status).toBe(200);
    // (x*10 + 1) + (x*10 + 2)
    expect(res.json().data.ndarray).toEqual([[23, 43]]);
    expect(res.headers.get('seldon-puid')).toBe('puid-chain-1');
    const byTopic = new Map(proxies.map((p) => [p.requestTopic, p.handled]));
    for (const n of ['cmb', 'ma', 'mb', 'tfm']) expect(byTopic.get(`${n}.fp.fsdep.fns`)).toBe(1);
    expect(byTopic.get('mx.fp.fsdep.fns')).toBe(0);
  }, 30_000);

  it('concurrent requests sharing one puid each get their own answer', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((v) =>
        post(engine.httpPort, '/api/v1.0/predictions', `{"data":{"ndarray":[[${v}]]}}`, {
          'seldon-puid': 'same-puid',
        }),
      ),
    );
    expect(answers.map((a) => a.json().data.ndarray[0][0])).toEqual(
      [1, 2, 3, 4, 5, 6].map((v) => 20 * v + 3),
    );
  }, 30_000);

  it('a gRPC Predict goes through the same topics and answers protobuf', async () => {
    const raw = rawMethod('/seldon.protos.Seldon/Predict');
    const Client = grpc.makeGenericClientConstructor({ Predict: raw } as never, 'Seldon');
    const client = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    try {
      type Unary = (req: Buffer, md: grpc.Metadata, cb: (err: Error | null, out?: Buffer) => void) => unknown;
      const predict = (client as unknown as { Predict: Unary }).Predict.bind(client);
      const res = await new Promise<Buffer>((resolve, reject) =>
        predict(
          Buffer.from(messageToProto({ data: { ndarray: [[2]] } } as never)),
          new grpc.Metadata(),
          (err, out) => (err ? reject(err) : resolve(out!)),
        ),
      );
      expect(JSON.stringify((messageFromProto(res) as any).data)).toContain('43');
    } finally {
      client.close();
    }
  }, 30_000);

  it('the Kafka server input topic goes through the full graph too', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'fg-in',
      messages: [
        { key: 'k1', value: '{"data":{"ndarray":[[5]]}}', headers: { 'Content-Type': 'application/json' } },
      ],
    });
    await producer.disconnect();
    while (outputs.length === 0) await new Promise((r) => setTimeout(r, 20));
    expect(outputs[0]!.key).toBe('k1');
    expect(JSON.parse(outputs[0]!.value).data.ndarray).toEqual([[103]]);
  }, 30_000);

  it("a model's error comes back through its reply topic with the model's status and body", async () => {
    const res = await post(engine.httpPort, '/api/v1.0/predictions', 'not json');
    expect(res.status).toBe(400);
    expect(res.json().status.reason).toBe('MICROSERVICE_BAD_DATA');
  }, 30_000);

  it('feedback reaches the models through their topics', async () => {
    const before = feedback.length;
    const res = await post(
      engine.httpPort,
      '/api/v1.0/feedback',
      JSON.stringify({
        request: { data: { ndarray: [[1]] } },
        response: { data: { ndarray: [[23]] } },
        reward: 0.5,
      }),
    );
    expect(res.status).toBe(200);
    const got = feedback.slice(before).sort((a, b) => a.node.localeCompare(b.node));
    expect(got).toEqual([
      { node: 'ma', reward: 0.5 },
      { node: 'mb', reward: 0.5 },
    ]);
  }, 30_000);

  it('status and metadata of a node are refused with a clear UNIMPLEMENTED error', async () => {
    const res = await get(engine.httpPort, '/api/v1.0/status/ma');
    expect(res.status).toBe(500);
    expect(res.json().status.reason).toBe('SC_ERR_GRAPH_UNSUPPORTED');
    expect(res.json().status.info).toMatch(/ma: status is not available in full-graph Kafka mode/);
  }, 30_000);

  it('a reloaded graph with a new node subscribes its reply topic and reaches it', async () => {
    engine.reload({
      name: ids.predictorName,
      graph: { name: 'tfm', type: 'TRANSFORMER', children: [{ name: 'mx', type: 'MODEL' }] },
    });
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[2]]}}');
    expect(res.status).toBe(200);
    expect(res.json().data.ndarray).toEqual([[25]]);
  }, 30_000);

  it("a model slower than its proxy's timeout gets an error reply naming model and timeout", async () => {
    const err = await unitClient
      .call({
        node: { name: 'sleepy' },
        method: 'predict',
        modelName: 'sleepy',
        protocol: 'seldon',
        payload: GraphPayload.fromBytes(Buffer.from('{"data":{"ndarray":[[1]]}}'), 'application/json'),
        puid: 'p-sleepy',
        headers: {},
        signal: undefined,
        deadline: undefined,
      })
      .catch((e: unknown) => e as GraphError);
    expect(err).toMatchObject({
      code: 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE',
      httpStatus: 500,
      nodeName: 'sleepy',
    });
    const body = JSON.parse((err as GraphError).body!.text());
    expect(body.status.reason).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    expect(body.status.info).toMatch(
      /model sleepy at http:\/\/127\.0\.0\.1:\d+ did not answer \/predict within 300 ms/,
    );
  }, 30_000);

  it('the client bounds waiting calls, honours aborts and fails waiting calls on close', async () => {
    const client = unitClient;
    const call = (signal?: AbortSignal) =>
      client.call({
        node: { name: 'ghost2' },
        method: 'predict',
        modelName: 'ghost2',
        protocol: 'seldon',
        payload: GraphPayload.fromBytes(Buffer.from('{"data":{"ndarray":[1]}}'), 'application/json'),
        puid: 'p1',
        headers: {},
        signal,
        deadline: undefined,
      });
    const waitPending = async (n: number) => {
      while (client.pendingCalls !== n) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      expect(await client.ready({ name: 'ghost2' })).toBe(true);
      const abort = new AbortController();
      const first = call(abort.signal);
      first.catch(() => undefined);
      await waitPending(1);
      await expect(call()).rejects.toMatchObject({
        code: 'SC_ERR_GRAPH_NODE_UNREACHABLE',
        httpStatus: 503,
        grpcStatus: 8,
        message: expect.stringContaining('maxPendingCalls 1'),
      });
      abort.abort();
      await expect(first).rejects.toMatchObject({ code: 'SC_ERR_GRAPH_CANCELLED', nodeName: 'ghost2' });
      expect(client.pendingCalls).toBe(0);
      const last = call();
      last.catch(() => undefined);
      await waitPending(1);
      await client.close();
      await expect(last).rejects.toMatchObject({
        code: 'SC_ERR_GRAPH_CLOSED',
        message: expect.stringContaining('unit.ghost2.fp.fsdep.fns'),
      });
    } finally {
      await client.close();
    }
  }, 30_000);

  it('a node nobody serves fails at its node timeout, naming the node and both topics', async () => {
    try {
      await lonely.ready(20000);
      const res = await post(lonely.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}', {
        'seldon-puid': 'p-ghost',
      });
      expect(res.status).toBe(500);
      const status = res.json().status;
      expect(status.reason).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
      expect(status.info).toContain('node ghost did not answer predict within 1500 ms');
      expect(status.info).toContain('topic localhost.ghost.lonely.fsdep.fns');
      expect(status.info).toContain('request produced to ghost.lonely.fsdep.fns');
      expect(status.info).toContain('p-ghost');
    } finally {
      await lonely.close();
    }
  }, 30_000);
});

describe('KAFKA_FULL_GRAPH configuration', () => {
  const predictor = Buffer.from(JSON.stringify({ name: 'p', graph: { name: 'm', type: 'MODEL' } })).toString(
    'base64',
  );
  const base = [
    '--server_type',
    'kafka',
    '--kafka_broker',
    'b:9092',
    '--kafka_input_topic',
    'i',
    '--kafka_output_topic',
    'o',
  ];
  const files = { annotationsPath: '/nonexistent' };

  it('is accepted; env KAFKA_FULL_GRAPH overrides the flag when set, as in the reference', () => {
    expect(
      resolveConfig([...base, '--kafka_full_graph'], { ENGINE_PREDICTOR: predictor }, files).kafka?.fullGraph,
    ).toBe(true);
    expect(
      resolveConfig(
        [...base, '--kafka_full_graph'],
        { ENGINE_PREDICTOR: predictor, KAFKA_FULL_GRAPH: 'false' },
        files,
      ).kafka?.fullGraph,
    ).toBe(false);
    const fromEnv = resolveConfig(base, { ENGINE_PREDICTOR: predictor, KAFKA_FULL_GRAPH: 'true' }, files);
    expect(fromEnv.kafka?.fullGraph).toBe(true);
    expect(fromEnv.kafka?.nodeTimeoutMs).toBe(60000);
  });

  it('a node name that is not a valid topic name refuses to start, naming the node', async () => {
    await expect(
      startEngine({
        host: '127.0.0.1',
        httpPort: 0,
        grpcPort: 0,
        log: quiet,
        kafka: {
          broker: '127.0.0.1:1',
          inputTopic: 'i',
          outputTopic: 'o',
          fullGraph: true,
          workers: 1,
          autoCommit: true,
          groupId: '',
          outageExitMs: 60000,
        },
        predictor: { name: 'p', graph: { name: 'bad name', type: 'MODEL' } },
      }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_ENGINE_GRAPH_INVALID',
      message: expect.stringMatching(
        /request topic of node bad name: "bad name.p.seldon-deployment.default" is not a valid Kafka topic name/,
      ),
    });
  });

  it('the node timeout comes from the flag, else the seldon.io/rest-timeout annotation; bad values name the flag', () => {
    expect(
      resolveConfig([...base, '--kafka_node_timeout_ms', '250'], { ENGINE_PREDICTOR: predictor }, files).kafka
        ?.nodeTimeoutMs,
    ).toBe(250);
    const annotated = resolveConfig(
      base,
      { ENGINE_PREDICTOR: predictor },
      {
        annotationsPath: '/a',
        readFile: () => 'seldon.io/rest-timeout="700"\n',
      },
    );
    expect(annotated.kafka?.nodeTimeoutMs).toBe(700);
    expect(() =>
      resolveConfig([...base, '--kafka_full_graph=maybe'], { ENGINE_PREDICTOR: predictor }, files),
    ).toThrow(/--kafka_full_graph \/ KAFKA_FULL_GRAPH must be a boolean/);
    expect(() =>
      resolveConfig([...base, '--kafka_node_timeout_ms', 'soon'], { ENGINE_PREDICTOR: predictor }, files),
    ).toThrow(/--kafka_node_timeout_ms \/ KAFKA_NODE_TIMEOUT_MS must be an integer/);
  });
});

describe('seldon-engine kafka-proxy', () => {
  let mock: KafkaMock;
  beforeAll(async () => {
    mock = await startKafkaMock();
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it('parses the reference flags with their defaults and names what is missing', () => {
    expect(
      parseKafkaProxyArgs(['--model_name', 'm', '--predictor', 'p', '--sdep', 's', '--broker', 'b:1'], {}),
    ).toEqual({
      modelName: 'm',
      predictorName: 'p',
      deploymentName: 's',
      namespace: 'default',
      hostname: 'localhost',
      httpPort: 9000,
      protocol: 'seldon',
      broker: 'b:1',
      workers: 1,
      timeoutMs: 0,
      logLevel: 'INFO',
    });
    expect(() => parseKafkaProxyArgs(['--predictor', 'p', '--sdep', 's'], {})).toThrow(
      /Required argument model_name missing/,
    );
    expect(() => parseKafkaProxyArgs(['--model_name', 'm', '--bogus', '1'], {})).toThrow(
      /unknown flag --bogus/,
    );
    expect(() =>
      parseKafkaProxyArgs(['--model_name', 'm', '--predictor', 'p', '--sdep', 's', '--http_port', 'x'], {
        KAFKA_BROKER: 'b',
      }),
    ).toThrow(/--http_port must be an integer/);
  });

  it('rejects bad options with a clear error before touching Kafka', async () => {
    await expect(
      startKafkaProxy({
        modelName: 'bad name',
        predictorName: 'p',
        deploymentName: 's',
        broker: '127.0.0.1:1',
      }),
    ).rejects.toThrow(/not a valid Kafka topic name/);
    await expect(
      startKafkaProxy({
        modelName: 'm',
        predictorName: 'p',
        deploymentName: 's',
        broker: '127.0.0.1:1',
        protocol: 'v2' as never,
      }),
    ).rejects.toThrow(/protocol must be seldon or tensorflow/);
  });

  /** Starts `seldon-engine kafka-proxy` in a child process; resolves once it consumes. */
  function spawnProxy(args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'kafka-proxy', ...args], {
      cwd: engineDir,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'test/support/tsconfig.paths.json' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    let log = '';
    const consuming = new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        if (/kafka-proxy: \S+ -> http/.test(log)) resolve();
      });
      void exited.then((code) => reject(new Error(`kafka-proxy exited with ${code}: ${log}`)));
    });
    return { child, exited, consuming, log: () => log };
  }

  it('runs as a subcommand and stops cleanly on SIGTERM', async () => {
    const proxy = spawnProxy([
      '--model_name',
      'cli-model',
      '--predictor',
      'p',
      '--sdep',
      's',
      '--broker',
      mock.brokers,
    ]);
    try {
      await proxy.consuming;
      expect(proxy.log()).toContain('kafka-proxy: cli-model.p.s.default -> http://localhost:9000');
      proxy.child.kill('SIGTERM');
      expect(await proxy.exited).toBe(0);
      expect(proxy.log()).toContain('SIGTERM, stopping');
    } finally {
      proxy.child.kill('SIGKILL');
    }
  }, 30_000);

  it('a proxy killed mid-stream loses no request: offsets are committed only after the reply', async () => {
    const N = 60;
    const node = await startNode('slow', {
      predict: async (X: any) => {
        await new Promise((r) => setTimeout(r, 15));
        return X.toArray().map((row: number[]) => row.map((v) => v + 1));
      },
    } as never);
    const kafka = new Kafka({ brokers: [mock.brokers], logLevel: logLevel.NOTHING });
    const replies = new Map<string, string[]>();
    const reader = kafka.consumer({ groupId: 'kill-reader', maxWaitTimeInMs: 100 });
    const producer = kafka.producer();
    const args = ['--model_name', 'slow', '--predictor', 'p', '--sdep', 'kill', '--hostname', '127.0.0.1'];
    args.push('--http_port', String(node.httpPort), '--broker', mock.brokers);
    let first = spawnProxy(args);
    try {
      await Promise.all([
        (async () => {
          await reader.connect();
          await reader.subscribe({ topic: 'kill-replies', fromBeginning: true });
          await reader.run({
            eachMessage: async ({ message }) => {
              const puid = String(message.headers?.['Seldon-Puid']);
              replies.set(puid, [...(replies.get(puid) ?? []), String(message.value)]);
            },
          });
        })(),
        producer.connect(),
        first.consuming,
      ]);
      await producer.send({
        topic: 'slow.p.kill.default',
        messages: Array.from({ length: N }, (_, i) => ({
          value: `{"data":{"ndarray":[[${i}]]}}`,
          headers: { 'Seldon-Puid': `r${i}`, 'topic-response': 'kill-replies', 'seldon-method': '/predict' },
        })),
      });
      while (replies.size < 5) await new Promise((r) => setTimeout(r, 10));
      first.child.kill('SIGKILL');
      await first.exited;
      expect(replies.size).toBeLessThan(N);
      first = spawnProxy(args);
      await first.consuming;
      while (replies.size < N) await new Promise((r) => setTimeout(r, 20));
      // At least once: a request answered just before the kill may be answered again.
      for (let i = 0; i < N; i++)
        for (const reply of replies.get(`r${i}`)!) expect(JSON.parse(reply).data.ndarray).toEqual([[i + 1]]);
      // A request naming an impossible reply topic is skipped; it does not hold up its partition.
      const headers = { 'topic-response': 'kill-replies', 'seldon-method': '/predict' };
      await producer.send({
        topic: 'slow.p.kill.default',
        messages: [
          {
            key: 'k',
            value: '{"data":{"ndarray":[[0]]}}',
            headers: { ...headers, 'Seldon-Puid': 'bad', 'topic-response': 'no such/topic' },
          },
          {
            key: 'k',
            value: '{"data":{"ndarray":[[7]]}}',
            headers: { ...headers, 'Seldon-Puid': 'after-bad' },
          },
        ],
      });
      while (!replies.has('after-bad')) await new Promise((r) => setTimeout(r, 20));
      expect(JSON.parse(replies.get('after-bad')![0]!).data.ndarray).toEqual([[8]]);
      expect(replies.has('bad')).toBe(false);
    } finally {
      first.child.kill('SIGKILL');
      await reader.disconnect();
      await producer.disconnect();
      await node.close();
    }
  }, 40_000);
});
