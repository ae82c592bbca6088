// Cases run against a real local graph: seldon-engine in front of a model-wrapper identity model,
// over real loopback sockets. One test file per transport (so Jest can run them in parallel).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dataToNd } from '@seldon-ts/payload';
import { runBatch } from '../../src/index.js';
import type { BatchOptions } from '../../src/index.js';
import { startIdentityGraph } from './identity-graph.js';
import type { IdentityGraph } from './identity-graph.js';
import { readOutput, tempDir } from './files.js';

/** Defines every engine-graph case for one transport. */
export function defineEngineGraphCases(transport: 'rest' | 'grpc'): void {
  // One data type runs at scale (10,000 lines through 8 workers); the others check each encoding
  // end to end on 2,000 lines, which keeps the gRPC file from dominating the test run's time.
  const LINES = { data: 10_000, str: 2_000, json: 2_000, raw: 2_000 } as const;
  const dir = tempDir();
  let graph: IdentityGraph;
  beforeAll(async () => {
    // Failures are injected only into runs whose batch id ends in "-failures".
    const injecting = (tags: Record<string, unknown>) =>
      String(tags.batch_id).endsWith('-failures') && typeof tags.batch_index === 'number';
    graph = await startIdentityGraph({
      alwaysFail: (tags) => injecting(tags) && (tags.batch_index as number) % 250 === 249,
      failFirst: (tags) => injecting(tags) && (tags.batch_index as number) % 250 === 100,
    });
  }, 30_000);
  afterAll(async () => {
    await graph?.close();
    dir.remove();
  }, 30_000);

  const hostOf = (transport: 'rest' | 'grpc') => (transport === 'rest' ? graph.restHost : graph.grpcHost);

  async function run(
    name: string,
    lines: string[],
    options: Partial<BatchOptions> & { transport: 'rest' | 'grpc' },
  ) {
    const input = dir.file(`${name}.in`, lines);
    const output = dir.file(`${name}.out`);
    const summary = await runBatch({
      deploymentName: 'batch-test',
      namespace: 'batch-ns',
      gatewayType: 'seldon',
      host: hostOf(options.transport),
      inputDataPath: input,
      outputDataPath: output,
      workers: 8,
      batchId: name,
      // A stalled request should fail the test well before the 60 s default (the machine may be busy).
      timeoutMs: 30_000,
      ...options,
    });
    return { summary, ...readOutput(output) };
  }

  /** Input line i for each data type; the identity model answers with the same content. */
  const inputs = {
    data: (i: number) => JSON.stringify([[i, i + 0.25, -i - 1]]),
    str: (i: number) => JSON.stringify(`line ${i}`),
    json: (i: number) => JSON.stringify({ line: i, words: ['a', i % 7] }),
    raw: (i: number) =>
      JSON.stringify({
        data: { names: ['a', 'b'], ndarray: [[i, i * 2]] },
        meta: { tags: { own: `t${i}` } },
      }),
  };
  /** The content the output line for input line i must hold (compared as JSON text, one assertion per file). */
  const contentOf = {
    data: (out: any) => out.data?.ndarray,
    str: (out: any) => out.strData,
    json: (out: any) => out.jsonData,
    raw: (out: any) => [out.data?.ndarray, out.meta?.tags?.own],
  };
  const expectedContent = {
    data: (i: number) => [[i, i + 0.25, -i - 1]],
    str: (i: number) => `line ${i}`,
    json: (i: number) => ({ line: i, words: ['a', i % 7] }),
    raw: (i: number) => [[[i, i * 2]], `t${i}`],
  };
  const expected = {
    data: (out: any, i: number) => expect(contentOf.data(out)).toEqual(expectedContent.data(i)),
  };

  describe(`engine + model-wrapper identity graph over ${transport}`, () => {
    it.each(['data', 'str', 'json', 'raw'] as const)(
      'turns every %s line into an output line that joins back',
      async (dataType) => {
        const count = LINES[dataType];
        const lines = Array.from({ length: count }, (_, i) => inputs[dataType](i));
        const {
          summary,
          lines: out,
          byIndex,
        } = await run(`${transport}-${dataType}`, lines, { transport, dataType });
        expect(out).toHaveLength(count);
        expect(byIndex.size).toBe(count);
        expect(summary).toMatchObject({ lines: count, failed: 0 });
        // Every line joins back on batch_index to the input it came from (mismatches listed, not 10,000 asserts).
        const mismatches: string[] = [];
        for (let i = 0; i < count; i++) {
          const line = byIndex.get(i);
          const got = JSON.stringify([line?.meta?.tags?.batch_id, contentOf[dataType](line)]);
          const want = JSON.stringify([`${transport}-${dataType}`, expectedContent[dataType](i)]);
          if (got !== want) mismatches.push(`line ${i}: got ${got}, want ${want}`);
        }
        expect(mismatches.slice(0, 5)).toEqual([]);
      },
      120_000,
    );

    it('encodes data lines as tensor and tftensor that the wrapper answers in kind', async () => {
      const lines = Array.from({ length: 500 }, (_, i) => inputs.data(i));
      const tensor = await run(`${transport}-tensor`, lines, { transport, payloadType: 'tensor' });
      expect(tensor.summary.lines).toBe(500);
      const ok = tensor.byIndex.get(7);
      expect(ok.data.tensor).toEqual({ shape: [1, 3], values: [7, 7.25, -8] });
      const tf = await run(`${transport}-tftensor`, lines.slice(0, 100), {
        transport,
        payloadType: 'tftensor',
      });
      expect(tf.summary).toMatchObject({ lines: 100, failed: 0 });
      for (const i of [0, 3, 99]) {
        const nd = dataToNd(tf.byIndex.get(i).data);
        expect({ shape: nd.shape, values: [...nd.values] }).toEqual({
          shape: [1, 3],
          values: [i, i + 0.25, -i - 1],
        });
        expect(tf.byIndex.get(i).data.tftensor.dtype).toBe('DT_DOUBLE');
      }
    }, 60_000);

    it('writes error records for lines whose node fails on every attempt, and recovers transient failures', async () => {
      const before = graph.modelCalls();
      const lines = Array.from({ length: 1000 }, (_, i) => inputs.data(i));
      const { summary, byIndex } = await run(`${transport}-failures`, lines, { transport, retries: 3 });
      // Lines 249, 499, 749, 999 fail 3 times each; lines 100, 350, 600, 850 fail once then succeed.
      expect(summary).toMatchObject({ lines: 1000, failed: 4, succeeded: 996, retries: 4 * 2 + 4 });
      expect(graph.modelCalls() - before).toBe(1000 + 4 * 2 + 4);
      for (const i of [249, 499, 749, 999]) {
        const line = byIndex.get(i);
        expect(line.status).toMatchObject({ info: 'FAILURE', status: 1 });
        expect(line.status.reason).toMatch(/^SC_ERR_BATCH_RESPONSE_STATUS: .*injected failure for line/);
        expect(line.meta).toMatchObject({ batch_id: `${transport}-failures`, batch_index: i });
      }
      for (const i of [100, 350, 600, 850]) expected.data(byIndex.get(i), i);
    }, 60_000);

    it('sends feedback lines through the engine to the model', async () => {
      const lines = Array.from({ length: 100 }, (_, i) =>
        JSON.stringify({
          request: { data: { ndarray: [[i]] } },
          response: { data: { ndarray: [[i]] } },
          reward: 1,
        }),
      );
      const { summary, byIndex } = await run(`${transport}-feedback`, lines, {
        transport,
        method: 'feedback',
        dataType: 'raw',
      });
      expect(summary).toMatchObject({ lines: 100, failed: 0 });
      for (let i = 0; i < 100; i++)
        expect(byIndex.get(i).meta.tags).toMatchObject({ batch_id: `${transport}-feedback`, batch_index: i });
    }, 60_000);

    it('gives the same predictions with mini-batching as line by line', async () => {
      const lines = Array.from({ length: 1000 }, (_, i) => inputs.data(i));
      const single = await run(`${transport}-single`, lines, { transport });
      const batched = await run(`${transport}-batched`, lines, { transport, batchSize: 10 });
      expect(batched.summary).toMatchObject({ lines: 1000, failed: 0, requests: 100 });
      for (let i = 0; i < 1000; i++) {
        expect(batched.byIndex.get(i).data).toEqual(single.byIndex.get(i).data);
        expect(batched.byIndex.get(i).meta.tags).toMatchObject({ batch_index: i });
      }
      const tensors = await run(`${transport}-batched-tensor`, lines.slice(0, 100), {
        transport,
        batchSize: 8,
        payloadType: 'tensor',
      });
      expect(tensors.summary).toMatchObject({ lines: 100, failed: 0 });
      expect(tensors.byIndex.get(9).data.tensor).toEqual({ shape: [1, 3], values: [9, 9.25, -10] });
      // tftensor answers are split too (the reference wrote error records for them).
      const tfSingle = await run(`${transport}-tf-single`, lines.slice(0, 40), {
        transport,
        payloadType: 'tftensor',
      });
      const tfBatched = await run(`${transport}-tf-batched`, lines.slice(0, 40), {
        transport,
        batchSize: 8,
        payloadType: 'tftensor',
      });
      expect(tfBatched.summary).toMatchObject({ lines: 40, failed: 0, requests: 5 });
      const decoded = (line: any) => {
        const nd = dataToNd(line.data);
        return { shape: nd.shape, values: [...nd.values] };
      };
      for (let i = 0; i < 40; i++)
        expect(decoded(tfBatched.byIndex.get(i))).toEqual(decoded(tfSingle.byIndex.get(i)));
      expect(decoded(tfBatched.byIndex.get(11))).toEqual({ shape: [1, 3], values: [11, 11.25, -12] });
    }, 60_000);
  });
}
