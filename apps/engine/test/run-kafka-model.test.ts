// Example 5 end to end: a Kafka-fed model (serverType: kafka) against librdkafka's mock cluster,
// fed by the example's own client script.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LocalDeployment } from '../src/run/index.js';
import { startKafkaMock, type KafkaMock } from './support/kafka-mock.js';
import { startForTest, example, postJson, repoRoot } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const run = promisify(execFile);

describe('run example 5: Kafka-fed model', () => {
  let kafka: KafkaMock;
  let deployment: LocalDeployment;
  let url: (path: string) => string;

  beforeAll(async () => {
    kafka = await startKafkaMock();
    ({ deployment, url } = await startForTest(example('kafka-model'), { kafkaBroker: kafka.brokers }));
  }, 40_000);
  afterAll(async () => {
    await deployment?.close();
    await kafka?.stop();
  }, 30_000);

  it('consumes the input topic and answers on the output topic with the request keys', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        `${repoRoot}examples/kafka-model/client.mjs`,
        '--broker',
        kafka.brokers,
        '--count',
        '3',
        '--timeout-ms',
        '25000',
      ],
      { timeout: 30_000 },
    );
    expect(stdout).toContain('3/3 answers');
    const answers = stdout
      .split('\n')
      .filter((l) => l.includes(' <- '))
      .map((l) => JSON.parse(l.split(' <- ')[1]));
    expect(answers).toHaveLength(3);
    for (const a of answers) expect(a.data.names).toEqual(['proba']);
    // Row [1,2,5] of request 0 gives the reference's 0.43782349911420193.
    expect(answers.map((a) => a.data.ndarray[0][0])).toContain(0.43782349911420193);
  }, 40_000);

  it('keeps serving REST next to Kafka and names the topics in the banner', async () => {
    const res = await postJson(url('/api/v1.0/predictions'), { data: { ndarray: [[1.0, 2.0, 5.0]] } });
    expect(res.status).toBe(200);
    expect(deployment.banner()).toContain(
      `Kafka: classifier-requests -> classifier-responses on ${kafka.brokers}`,
    );
  });
});
