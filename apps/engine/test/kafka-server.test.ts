// Kafka server mode (04) against librdkafka's mock cluster.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { messageToProto, messageFromProto } from '@seldon-ts/payload';
import { startEngine, type EngineError, type StartEngineOptions } from 'seldon-engine';
import { startKafkaMock, type KafkaMock } from './support/kafka-mock.js';
import { startNode, unit, type RunningNode } from './support/nodes.js';

const quiet = () => undefined;
const engineDir = fileURLToPath(new URL('..', import.meta.url));

async function produceInputs(
  kafka: Kafka,
  topic: string,
  n: number,
  value: (i: number) => string,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
) {
  const producer = kafka.producer();
  await producer.connect();
  for (let start = 0; start < n; start += 500) {
    const messages = [];
    for (let i = start; i < Math.min(n, start + 500); i++)
      messages.push({ key: `k${i}`, value: value(i), headers });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
}

/** Collects output messages by key until `until` says stop. */
function collect(kafka: Kafka, topic: string, groupId: string) {
  const consumer: Consumer = kafka.consumer({
    groupId,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 200,
  });
  const out: { key: string; value: string; headers: Record<string, string> }[] = [];
  const waiters: Array<() => void> = [];
  const started = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        out.push({
          key: String(message.key),
          value: String(message.value),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
        for (const w of waiters.splice(0)) w();
      },
    });
  })();
  return {
    out,
    async waitFor(pred: () => boolean, timeoutMs: number) {
      await started;
      const deadline = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error(`timed out with ${out.length} output messages`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
    stop: () => consumer.disconnect(),
  };
}

function spawnEngine(
  options: StartEngineOptions,
): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/engine-child.ts', JSON.stringify(options)],
    {
      cwd: engineDir,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'test/support/tsconfig.paths.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.stderr?.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('READY')) resolve({ child, exited });
    });
    child.once('exit', (code) => reject(new Error(`engine child exited with ${code} before READY`)));
  });
}

describe('Kafka server mode', () => {
  let mock: KafkaMock;
  let kafka: Kafka;
  let node: RunningNode;
  beforeAll(async () => {
    mock = await startKafkaMock();
    kafka = new Kafka({ brokers: [mock.brokers], logLevel: logLevel.NOTHING });
    node = await startNode('kmodel', {
      predict: async (X: any) => {
        await new Promise((r) => setTimeout(r, 3));
        return X.toArray().map((row: number[]) => row.map((v) => v + 1));
      },
    } as never);
  });
  afterAll(async () => {
    await node?.close();
    await mock?.stop();
  });

  const kafkaOptions = (
    input: string,
    output: string,
    extra: Partial<NonNullable<StartEngineOptions['kafka']>> = {},
  ): StartEngineOptions => ({
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    serverType: 'kafka',
    deploymentName: 'ksdep',
    namespace: 'kns',
    kafka: {
      broker: mock.brokers,
      inputTopic: input,
      outputTopic: output,
      fullGraph: false,
      workers: 4,
      autoCommit: false,
      groupId: '',
      outageExitMs: 60000,
      ...extra,
    },
    predictor: { name: 'kp', graph: unit(node, 'MODEL') },
  });

  it('consumes the input topic, runs the graph and produces outputs with the input keys', async () => {
    await produceInputs(kafka, 'in-a', 200, (i) => `{"data":{"ndarray":[[${i}]]}}`);
    const engine = await startEngine({ ...kafkaOptions('in-a', 'out-a'), log: quiet });
    const outputs = collect(kafka, 'out-a', 'reader-a');
    try {
      await outputs.waitFor(() => new Set(outputs.out.map((o) => o.key)).size === 200, 30000);
      const byKey = new Map(outputs.out.map((o) => [o.key, JSON.parse(o.value)]));
      expect(byKey.get('k41').data.ndarray).toEqual([[42]]);
      const metrics = await engine.metrics();
      expect(metrics).toMatch(/seldon_engine_kafka_messages_total\{outcome="ok"\} 200/);
    } finally {
      await outputs.stop();
      await engine.close();
    }
  }, 60_000);

  it('a failing message still gets an output: the error body with a seldon-error-code header', async () => {
    await produceInputs(kafka, 'in-b', 2, (i) => (i === 0 ? 'not json' : '{"data":{"ndarray":[[1]]}}'));
    const engine = await startEngine({ ...kafkaOptions('in-b', 'out-b'), log: quiet });
    const outputs = collect(kafka, 'out-b', 'reader-b');
    try {
      await outputs.waitFor(() => outputs.out.length >= 2, 30000);
      const bad = outputs.out.find((o) => o.key === 'k0')!;
      expect(bad.headers['seldon-error-code']).toBe('SC_ERR_GRAPH_NODE_ERROR_RESPONSE');
      expect(JSON.parse(bad.value).status.reason).toBe('MICROSERVICE_BAD_DATA');
      expect(JSON.parse(outputs.out.find((o) => o.key === 'k1')!.value).data.ndarray).toEqual([[2]]);
    } finally {
      await outputs.stop();
      await engine.close();
    }
  }, 60_000);

  it('with transport grpc: binary SeldonMessages named by the proto-name header, nodes called over gRPC', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'in-g',
      messages: [
        {
          key: 'g0',
          value: Buffer.from(messageToProto({ data: { ndarray: [[10]] } } as never)),
          headers: { 'proto-name': 'seldon.protos.SeldonMessage' },
        },
        { key: 'g1', value: Buffer.from('whatever'), headers: {} },
      ],
    });
    await producer.disconnect();
    const options = kafkaOptions('in-g', 'out-g');
    const engine = await startEngine({
      ...options,
      transport: 'grpc',
      predictor: { name: 'kp', graph: unit(node, 'MODEL', {}, 'grpc') },
      log: quiet,
    });
    const consumer = kafka.consumer({ groupId: 'reader-g', maxWaitTimeInMs: 200 });
    const got = new Map<string, { value: Buffer; headers: Record<string, string> }>();
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: 'out-g', fromBeginning: true });
      await new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            got.set(String(message.key), {
              value: message.value as Buffer,
              headers: Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
              ),
            });
            if (got.size === 2) resolve();
          },
        });
      });
      const ok = messageFromProto(got.get('g0')!.value) as any;
      expect(JSON.stringify(ok.data)).toContain('11');
      expect(got.get('g1')!.headers['seldon-error-code']).toBe('SC_ERR_ENGINE_BAD_REQUEST');
      expect(got.get('g1')!.value.toString()).toContain('proto-name');
    } finally {
      await consumer.disconnect();
      await engine.close();
    }
  }, 60_000);

  it('killing the engine mid-stream and restarting it loses no message', async () => {
    const N = 400;
    await produceInputs(kafka, 'in-c', N, (i) => `{"data":{"ndarray":[[${i}]]}}`);
    const outputs = collect(kafka, 'out-c', 'reader-c');
    const first = await spawnEngine(kafkaOptions('in-c', 'out-c'));
    try {
      await outputs.waitFor(() => outputs.out.length >= 40, 60000);
      first.child.kill('SIGKILL');
      await first.exited;
      const seenBeforeRestart = new Set(outputs.out.map((o) => o.key)).size;
      expect(seenBeforeRestart).toBeLessThan(N);
      const second = await spawnEngine(kafkaOptions('in-c', 'out-c'));
      try {
        await outputs.waitFor(() => new Set(outputs.out.map((o) => o.key)).size === N, 60000);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
      const keys = new Set(outputs.out.map((o) => o.key));
      for (let i = 0; i < N; i++) expect(keys.has(`k${i}`)).toBe(true);
      for (const o of outputs.out)
        expect(JSON.parse(o.value).data.ndarray[0][0]).toBe(Number(o.key.slice(1)) + 1);
    } finally {
      first.child.kill('SIGKILL');
      await outputs.stop();
    }
  }, 120_000);
});

describe('Kafka broker outage', () => {
  it('marks the engine not ready, then reports a fatal error after outageExitMs', async () => {
    const mock = await startKafkaMock();
    const node = await startNode('omodel', { predict: (X: unknown) => X } as never);
    let fatal: EngineError | undefined;
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      serverType: 'kafka',
      log: quiet,
      kafka: {
        broker: mock.brokers,
        inputTopic: 'in-o',
        outputTopic: 'out-o',
        fullGraph: false,
        workers: 1,
        autoCommit: true,
        groupId: '',
        outageExitMs: 4000,
      },
      predictor: { name: 'op', graph: unit(node, 'MODEL') },
      onFatal: (err) => {
        fatal = err;
      },
    });
    try {
      await engine.ready(20000);
      await mock.stop();
      let state = await engine.readiness();
      for (let i = 0; i < 100 && state.ready; i++) {
        await new Promise((r) => setTimeout(r, 100));
        state = await engine.readiness();
      }
      expect(state.ready).toBe(false);
      expect(state.reason).toMatch(/Kafka brokers .* unreachable/);
      for (let i = 0; i < 100 && !fatal; i++) await new Promise((r) => setTimeout(r, 100));
      expect(fatal?.code).toBe('SC_ERR_ENGINE_KAFKA_UNAVAILABLE');
      expect(fatal?.message).toMatch(/unreachable for \d+ s/);
    } finally {
      await engine.close();
      await node.close();
    }
  }, 60_000);
});
