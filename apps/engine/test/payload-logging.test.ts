// Payload logging (03 §1): CloudEvents to an HTTP sink and Kafka messages, bounded queue, drops counted.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { startEngine } from 'seldon-engine';
import { startNode, startHttp, unit, post, predictMany, type RunningNode } from './support/nodes.js';
import { startKafkaMock, type KafkaMock } from './support/kafka-mock.js';

const quiet = () => undefined;
const N = 10_000;

function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : NaN;
}

describe('payload logging', () => {
  let node: RunningNode;
  beforeAll(async () => {
    node = await startNode('logged', { predict: (X: unknown) => X } as never);
  });
  afterAll(async () => {
    await node?.close();
  });

  it(`${N} predictions produce ${N} request and ${N} response CloudEvents at an HTTP sink`, async () => {
    const events: {
      type: string;
      requestId: string;
      modelId: string;
      headers: Record<string, string | string[] | undefined>;
      body: string;
    }[] = [];
    const sink = await startHttp((req, res, body) => {
      events.push({
        type: String(req.headers['ce-type']),
        requestId: String(req.headers['ce-requestid']),
        modelId: String(req.headers['ce-modelid']),
        headers: req.headers,
        body: body.toString(),
      });
      res.end();
    });
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: quiet,
      deploymentName: 'sd',
      namespace: 'ns',
      // Delivery, not the drop policy (tested below): on a loaded machine the sink can fall more than
      // the default 2 s behind, so a full queue holds the request path instead of dropping.
      payloadLogger: { writeTimeoutMs: 120_000 },
      predictor: {
        name: 'pred',
        graph: unit(node, 'MODEL', { logger: { mode: 'all', url: `http://127.0.0.1:${sink.port}/events` } }),
      },
    });
    try {
      expect(await predictMany(engine.httpPort, N, 32)).toBe(N);
      await engine.close();
      const requests = events.filter((e) => e.type === 'io.seldon.serving.inference.request');
      const responses = events.filter((e) => e.type === 'io.seldon.serving.inference.response');
      expect(requests).toHaveLength(N);
      expect(responses).toHaveLength(N);
      expect(new Set(requests.map((e) => e.requestId)).size).toBe(N);
      const one = requests.find((e) => e.requestId === 'p-42')!;
      expect(one.body).toBe('{"data":{"ndarray":[[42]]}}');
      expect(one.headers).toMatchObject({
        'ce-specversion': '1.0',
        'ce-modelid': 'logged',
        'ce-inferenceservicename': 'sd',
        'ce-namespace': 'ns',
        'ce-endpoint': 'pred',
        'ce-protocol': 'seldon',
        'content-type': 'application/json',
      });
      expect(one.headers['ce-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(one.headers['ce-source']).toBe(`http://localhost:${engine.httpPort}/`);
    } finally {
      await engine.close();
      await sink.close();
    }
  }, 120_000);

  it('honours Seldon-Skip-Logging and REQUEST_LOGGER_DEFAULT_ENDPOINT', async () => {
    const types: string[] = [];
    const sink = await startHttp((req, res) => {
      types.push(String(req.headers['ce-type']));
      res.end();
    });
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: quiet,
      payloadLogger: { defaultEndpoint: `http://127.0.0.1:${sink.port}/` },
      predictor: { name: 'pred', graph: unit(node, 'MODEL', { logger: { mode: 'response' } }) },
    });
    try {
      await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}', {
        'seldon-skip-logging': 'true',
      });
      await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}');
      await post(engine.httpPort, '/api/v1.0/feedback', '{"request":{"data":{"ndarray":[[1]]}},"reward":1}');
      await engine.close();
      expect(types.sort()).toEqual(['io.seldon.serving.feedback', 'io.seldon.serving.inference.response']);
    } finally {
      await engine.close();
      await sink.close();
    }
  }, 20_000);

  it('a stalled sink never slows predictions: the queue bound holds and drops are counted', async () => {
    let received = 0;
    const sink = await startHttp(() => {
      received++; // never answers
    });
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: quiet,
      gracefulTimeoutMs: 200,
      payloadLogger: { workers: 2, queueSize: 50, writeTimeoutMs: 0 },
      predictor: {
        name: 'pred',
        graph: unit(node, 'MODEL', { logger: { mode: 'all', url: `http://127.0.0.1:${sink.port}/` } }),
      },
    });
    try {
      expect(await predictMany(engine.httpPort, 1000, 16)).toBe(1000);
      const metrics = await engine.metrics();
      // 2000 events: at most 2 in the sink's hands, at most 50 queued, the rest dropped and counted.
      const dropped = metricValue(metrics, 'seldon_engine_payload_log_dropped_total');
      expect(dropped).toBeGreaterThanOrEqual(2000 - 52);
      expect(metricValue(metrics, 'seldon_engine_payload_log_queue_length')).toBeLessThanOrEqual(50);
      expect(received).toBeLessThanOrEqual(2);
    } finally {
      await engine.close();
      await sink.close();
    }
  }, 60_000);

  describe('to Kafka', () => {
    let mock: KafkaMock;
    beforeAll(async () => {
      mock = await startKafkaMock();
    });
    afterAll(async () => {
      await mock?.stop();
    });

    it(`${N} predictions produce ${2 * N} messages on the log topic with the reference's headers`, async () => {
      const engine = await startEngine({
        host: '127.0.0.1',
        httpPort: 0,
        grpcPort: 0,
        log: quiet,
        deploymentName: 'sd',
        namespace: 'ns',
        payloadLogger: { kafkaBroker: mock.brokers, kafkaTopic: 'payloads' },
        predictor: { name: 'pred', graph: unit(node, 'MODEL', { logger: { mode: 'all' } }) },
      });
      expect(await predictMany(engine.httpPort, N, 32)).toBe(N);
      await engine.close();
      const kafka = new Kafka({ brokers: [mock.brokers], logLevel: logLevel.NOTHING });
      const consumer = kafka.consumer({ groupId: 'log-reader' });
      await consumer.connect();
      await consumer.subscribe({ topic: 'payloads', fromBeginning: true });
      const counts: Record<string, number> = {};
      let sample: Record<string, string> | undefined;
      await new Promise<void>((resolve) => {
        let total = 0;
        void consumer.run({
          eachMessage: async ({ message }) => {
            const type = String(message.headers?.type);
            counts[type] = (counts[type] ?? 0) + 1;
            if (!sample && String(message.headers?.requestid) === 'p-7' && type.endsWith('request')) {
              sample = Object.fromEntries(
                Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
              );
              sample.value = String(message.value);
            }
            if (++total === 2 * N) resolve();
          },
        });
      });
      await consumer.disconnect();
      expect(counts).toEqual({
        'io.seldon.serving.inference.request': N,
        'io.seldon.serving.inference.response': N,
      });
      expect(sample).toEqual({
        type: 'io.seldon.serving.inference.request',
        'content-type': 'application/json',
        modelid: 'logged',
        requestid: 'p-7',
        inferenceservicename: 'sd',
        namespace: 'ns',
        endpoint: 'pred',
        protocol: 'seldon',
        value: '{"data":{"ndarray":[[7]]}}',
      });
    }, 120_000);
  });
});
