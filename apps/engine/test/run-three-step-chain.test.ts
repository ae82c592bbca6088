// Example 3 end to end: input transformer (child process) -> model -> output transformer
// (in-process), and the supervisor bringing the child process back after it dies.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import type { LocalDeployment } from '../src/run/index.js';
import { startForTest, example, postJson, grpcCall, until } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const REQUEST = { data: { names: ['a', 'b'], ndarray: [[10.0, 20.0]] } };
// scale: (10-15)/5 = -1, (20-15)/5 = 1; model: z = 0.25 + 1.5*(-1) + 1.5*1 = 0.25;
// p = sigmoid(0.25) = 0.5622; rounded to 3 decimals.
const EXPECTED = [[0.438, 0.562]];

describe('run example 3: three-step chain', () => {
  let deployment: LocalDeployment;
  let logs: string[];
  let url: (path: string) => string;

  beforeAll(async () => {
    ({ deployment, logs, url } = await startForTest(example('three-step-chain')));
  }, 30_000);
  afterAll(async () => {
    await deployment?.close();
  });

  it('runs the transformer in a child process and the other two steps in-process', () => {
    const [predictor] = deployment.predictors;
    const kinds = Object.fromEntries(
      predictor.components.map((c) => [c.node.name, c.process ? 'process' : 'in-process']),
    );
    expect(kinds).toEqual({
      'output-transformer': 'in-process',
      'input-transformer': 'process',
      model: 'in-process',
    });
    expect(logs.some((l) => l.startsWith('[default/input-transformer] '))).toBe(true);
  });

  it('scales, scores and rounds over REST and gRPC', async () => {
    const res = await postJson(url('/api/v1.0/predictions'), REQUEST);
    expect(res.status).toBe(200);
    expect(res.json.data.ndarray).toEqual(EXPECTED);
    expect(res.json.meta.tags).toEqual({ label: 'positive' });
    expect(Object.keys(res.json.meta.requestPath).sort()).toEqual([
      'input-transformer',
      'model',
      'output-transformer',
    ]);

    const { err, value } = await grpcCall(deployment.grpcPort, 'Predict', REQUEST);
    expect(err).toBeNull();
    expect(value?.data?.ndarray).toEqual(EXPECTED);
  });

  it('restarts the transformer process when it dies, reports it, and serves again', async () => {
    const transformer = deployment.predictors[0].components.find((c) => c.node.name === 'input-transformer')!;
    const proc = transformer.process!;
    const pid = proc.pid!;
    process.kill(pid, 'SIGKILL');
    await until('the death report', () =>
      logs.some((l) =>
        l.includes(`default/input-transformer (pid ${pid}) exited with signal SIGKILL; restarting`),
      ),
    );
    await until(
      'the new process',
      () => logs.some((l) => l.includes('[runner] default/input-transformer is back')),
      20_000,
    );
    expect(proc.restarts).toBe(1);
    expect(proc.pid).not.toBe(pid);
    const res = await postJson(url('/api/v1.0/predictions'), REQUEST);
    expect(res.status).toBe(200);
    expect(res.json.data.ndarray).toEqual(EXPECTED);
  }, 30_000);

  it('loses no call that arrives while a killed component restarts (connect retries span the restart)', async () => {
    const transformer = deployment.predictors[0].components.find((c) => c.node.name === 'input-transformer')!;
    const proc = transformer.process!;
    const restarts = proc.restarts;
    const calls: { start: number; end: number; status: number }[] = [];
    let sending = true;
    // Two clients send one request after another through the kill, the restart and a little after.
    // Without retries each refused call fails at once and the clients spin through the outage.
    const client = async () => {
      while (sending) {
        const start = performance.now();
        const { status } = await postJson(url('/api/v1.0/predictions'), REQUEST);
        calls.push({ start, end: performance.now(), status });
      }
    };
    const clients = [client(), client()];
    await until('some answers before the kill', () => calls.length >= 10);
    const killed = performance.now();
    process.kill(proc.pid!, 'SIGKILL');
    await until('the restart', () => proc.restarts === restarts + 1 && proc.state === 'running', 20_000);
    const back = performance.now();
    const atRestart = calls.length;
    await until('answers after the restart', () => calls.length >= atRestart + 10);
    sending = false;
    await Promise.all(clients);
    // Calls open during the outage waited for the component and were answered; at most the two in
    // flight at the instant of the kill may fail (the process died holding them).
    const overOutage = calls.filter((c) => c.end > killed && c.start < back);
    expect(overOutage.some((c) => c.status === 200 && c.end > back)).toBe(true);
    expect(calls.filter((c) => c.status !== 200).length).toBeLessThanOrEqual(2);
  }, 30_000);

  it('stops the child process on close', async () => {
    const proc = deployment.predictors[0].components.find((c) => c.process)!.process!;
    const pid = proc.pid!;
    await deployment.close();
    expect(proc.state).toBe('stopped');
    expect(() => process.kill(pid, 0)).toThrow();
  }, 15_000);
});
