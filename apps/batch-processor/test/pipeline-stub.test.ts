// The pipeline against a stub REST deployment: joining, error records, mini-batching, feedback.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isBatchError, runBatch } from '../src/index.js';
import { startStubDeployment } from './support/stub-deployment.js';
import type { StubDeployment } from './support/stub-deployment.js';
import { readOutput, tempDir } from './support/files.js';
import type { TempDir } from './support/files.js';

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

describe('pipeline over REST (stub deployment)', () => {
  let stub: StubDeployment;
  beforeAll(async () => {
    stub = await startStubDeployment({
      record: true,
      failWith: (body) => (body?.data?.ndarray?.[0]?.[0] === -1 ? 500 : undefined),
    });
  });
  afterAll(() => stub.close());

  it('writes one joinable output line per input line, with error records for failing lines', async () => {
    const lines = Array.from({ length: 500 }, (_, i) =>
      i % 100 === 7 ? '[[-1, 0]]' : i === 250 ? 'not json' : JSON.stringify([[i, i + 0.5]]),
    );
    const input = dir.file('in.txt', lines);
    const output = dir.file('out.txt');
    const summary = await runBatch({
      deploymentName: 'dep',
      gatewayType: 'seldon',
      host: stub.host,
      inputDataPath: input,
      outputDataPath: output,
      workers: 8,
      batchId: 'b1',
    });
    expect(summary).toMatchObject({ lines: 500, failed: 6, succeeded: 494 });
    const { lines: out, byIndex } = readOutput(output);
    expect(out).toHaveLength(500);
    for (let i = 0; i < 500; i++) {
      const line = byIndex.get(i);
      if (i % 100 === 7 || i === 250) {
        expect(line.status).toMatchObject({ info: 'FAILURE', status: 1 });
        expect(line.meta).toMatchObject({ batch_id: 'b1', batch_index: i });
      } else {
        expect(line.data.ndarray).toEqual([[i, i + 0.5]]);
        expect(line.meta.tags).toMatchObject({ batch_id: 'b1', batch_index: i });
      }
    }
    expect(byIndex.get(7).status.reason).toMatch(/^SC_ERR_BATCH_RESPONSE_STATUS: .*HTTP 500/);
    expect(byIndex.get(250).status.reason).toMatch(/^SC_ERR_BATCH_LINE_NOT_JSON/);
    // 5 failing lines x 3 attempts + 494 successes; the non-JSON line is never sent.
    expect(summary.requests).toBe(494 + 15);
    expect(summary.retries).toBe(10);
  });
});

describe('request shaping (stub deployment, recorded requests)', () => {
  let stub: StubDeployment;
  let flakyCalls = 0;
  beforeAll(async () => {
    stub = await startStubDeployment({
      record: true,
      failWith: (body, attempt) => {
        if (body?.strData === 'flaky') {
          flakyCalls++;
          return attempt < 3 ? 503 : undefined;
        }
        return undefined;
      },
    });
  });
  afterAll(() => stub.close());
  const run = async (name: string, lines: string[], extra: Record<string, unknown>) => {
    stub.requests.length = 0;
    const input = dir.file(`${name}.in`, lines);
    const output = dir.file(`${name}.out`);
    const summary = await runBatch({
      deploymentName: 'my-dep',
      namespace: 'ns1',
      host: stub.host,
      inputDataPath: input,
      outputDataPath: output,
      batchId: 'B',
      ...extra,
    });
    return { summary, ...readOutput(output), requests: [...stub.requests] };
  };

  it('sends data lines as tensor and tftensor with tags, puid header and the gateway path', async () => {
    const t = await run('tensor', ['[[1, 2], [3, 4]]'], { payloadType: 'tensor' });
    expect(t.requests[0].path).toBe('/seldon/ns1/my-dep/api/v1.0/predictions');
    expect(t.requests[0].body.data).toEqual({ tensor: { shape: [2, 2], values: [1, 2, 3, 4] } });
    const tags = t.requests[0].body.meta.tags;
    expect(tags).toMatchObject({ batch_id: 'B', batch_index: 0 });
    expect(t.requests[0].headers['seldon-puid']).toBe(tags.batch_instance_id);
    expect(tags.batch_instance_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const tf = await run('tftensor', ['[[1.5, 2]]'], { payloadType: 'tftensor', gatewayType: 'ambassador' });
    expect(tf.requests[0].body.data.tftensor).toEqual({
      dtype: 'DT_DOUBLE',
      tensorShape: { dim: [{ size: '1' }, { size: '2' }] },
      doubleVal: [1.5, 2],
    });
  });

  it('turns non-numeric or ragged tensor lines into error records without sending them', async () => {
    const r = await run('ragged', ['[[1, 2], [3]]', '[["a"]]', '{"x": 1}', '[[1]]'], {
      payloadType: 'tensor',
      gatewayType: 'seldon',
    });
    expect(r.summary).toMatchObject({ lines: 4, failed: 3, requests: 1 });
    expect(r.byIndex.get(0).status.reason).toMatch(/SC_ERR_BATCH_LINE_INVALID.*ragged/);
    expect(r.byIndex.get(1).status.reason).toMatch(/SC_ERR_BATCH_LINE_INVALID.*numeric/);
    expect(r.byIndex.get(2).status.reason).toMatch(/SC_ERR_BATCH_LINE_INVALID.*array/);
    expect(r.byIndex.get(3).data.tensor).toEqual({ shape: [1, 1], values: [1] });
  });

  it('sends str, json and raw lines as strData, jsonData and the message itself', async () => {
    const s = await run('str', ['"hello"', '"flaky"'], { dataType: 'str', gatewayType: 'seldon' });
    expect(s.requests[0].path).toBe('/api/v1.0/predictions');
    expect(s.byIndex.get(0).strData).toBe('hello');
    // Fails twice with 503, succeeds on the third and last attempt.
    expect(s.byIndex.get(1).strData).toBe('flaky');
    expect(flakyCalls).toBe(3);
    expect(s.summary).toMatchObject({ failed: 0, retries: 2 });
    const j = await run('json', ['{"a": [1, 2]}'], { dataType: 'json' });
    expect(j.requests[0].body).toMatchObject({ jsonData: { a: [1, 2] }, meta: { tags: { batch_index: 0 } } });
    const raw = await run(
      'raw',
      ['{"data": {"names": ["x"], "ndarray": [[1]]}, "meta": {"tags": {"mine": 1, "batch_id": "old"}}}'],
      { dataType: 'raw' },
    );
    expect(raw.requests[0].body).toMatchObject({
      data: { names: ['x'], ndarray: [[1]] },
      meta: { tags: { mine: 1, batch_id: 'B', batch_index: 0 } },
    });
    expect(raw.byIndex.get(0).meta.tags).toMatchObject({ mine: 1, batch_id: 'B' });
  });

  it('mini-batches data lines into one request and splits the response per line', async () => {
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify([[i, i * 2]]));
    const one = await run('mb1', lines, { gatewayType: 'seldon' });
    const batched = await run('mb4', lines, { gatewayType: 'seldon', batchSize: 4 });
    expect(batched.requests.map((r) => r.body.data.ndarray.length)).toEqual([4, 4, 2]);
    expect(batched.requests[0].body.meta.tags).toEqual({ batch_id: 'B' });
    for (let i = 0; i < 10; i++) {
      expect(batched.byIndex.get(i).data).toEqual(one.byIndex.get(i).data);
      const puid = batched.requests[Math.floor(i / 4)].headers['seldon-puid'];
      expect(batched.byIndex.get(i).meta.tags).toMatchObject({
        batch_id: 'B',
        batch_index: i,
        batch_instance_id: `${puid}-item-${i % 4}`,
      });
    }
    const tensors = await run('mbt', lines, { gatewayType: 'seldon', batchSize: 3, payloadType: 'tensor' });
    expect(tensors.requests[0].body.data.tensor).toEqual({ shape: [3, 2], values: [0, 0, 1, 2, 2, 4] });
    expect(tensors.byIndex.get(4).data.tensor).toEqual({ shape: [1, 2], values: [4, 8] });
  });

  it("mini-batches raw messages, keeping each line's own tags, and isolates invalid lines", async () => {
    const lines = [
      '{"data": {"names": ["a", "b"], "ndarray": [[1, 2]]}, "meta": {"tags": {"row": "r0"}}}',
      '{"data": {"names": ["a", "b"], "ndarray": [[3, 4]]}, "meta": {"tags": {"row": "r1"}}}',
      '{"data": {"names": ["z"], "ndarray": [[5, 6]]}}',
      '{"data": {"names": ["a", "b"], "ndarray": [[7, 8], [9, 10]]}}',
    ];
    const r = await run('mbraw', lines, { gatewayType: 'seldon', batchSize: 4, dataType: 'raw' });
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0].body.data).toEqual({
      names: ['a', 'b'],
      ndarray: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(r.byIndex.get(1).data.ndarray).toEqual([[3, 4]]);
    expect(r.byIndex.get(1).meta.tags).toMatchObject({ row: 'r1', batch_index: 1 });
    expect(r.byIndex.get(2).status.reason).toMatch(/names/);
    expect(r.byIndex.get(3).status.reason).toMatch(/first dimension 1/);
    expect(r.summary).toMatchObject({ lines: 4, failed: 2 });
  });

  it('sends feedback lines to the feedback endpoint and tags the responses', async () => {
    const r = await run('fb', ['{"request": {"data": {"ndarray": [[1]]}}, "reward": 1}', '[1]'], {
      method: 'feedback',
      dataType: 'raw',
      gatewayType: 'seldon',
    });
    expect(r.requests[0].path).toBe('/api/v1.0/feedback');
    expect(r.requests[0].headers['seldon-puid']).toBeUndefined();
    expect(r.requests[0].body).toEqual({ request: { data: { ndarray: [[1]] } }, reward: 1 });
    const fb = r.lines.find((l) => l.meta?.tags?.batch_index === 0);
    expect(fb.meta.tags).toMatchObject({ batch_id: 'B' });
    const bad = r.lines.find((l) => l.meta?.tags?.batch_index === 1);
    expect(bad.status.reason).toMatch(/SC_ERR_BATCH_LINE_INVALID/);
  });
});

describe('stopping a run', () => {
  it('finishes the line in flight, writes it, and rejects with SC_ERR_BATCH_ABORTED', async () => {
    const stop = new AbortController();
    let seen = 0;
    const stub = await startStubDeployment({
      failWith: () => {
        if (++seen === 5) stop.abort('SIGTERM');
        return undefined;
      },
    });
    try {
      const input = dir.file(
        'abort.in',
        Array.from({ length: 100 }, (_, i) => `[${i}]`),
      );
      const output = dir.file('abort.out');
      const error = await runBatch(
        {
          deploymentName: 'd',
          gatewayType: 'seldon',
          host: stub.host,
          inputDataPath: input,
          outputDataPath: output,
        },
        { signal: stop.signal },
      ).catch((e) => e);
      expect(isBatchError(error, 'SC_ERR_BATCH_ABORTED')).toBe(true);
      expect([...readOutput(output).byIndex.keys()]).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await stub.close();
    }
  });
});

describe('timeouts', () => {
  it('turns a request the deployment never answers into SC_ERR_BATCH_REQUEST_TIMEOUT after the retries', async () => {
    const stub = await startStubDeployment({ hang: (body) => body?.data?.ndarray?.[0] === 'hang' });
    try {
      const input = dir.file('hang.in', ['["hang"]', '[1]']);
      const output = dir.file('hang.out');
      const summary = await runBatch({
        deploymentName: 'd',
        gatewayType: 'seldon',
        host: stub.host,
        inputDataPath: input,
        outputDataPath: output,
        workers: 2,
        retries: 2,
        timeoutMs: 200,
      });
      expect(summary).toMatchObject({ lines: 2, failed: 1, retries: 1 });
      const { byIndex } = readOutput(output);
      expect(byIndex.get(0).status.reason).toMatch(
        /^SC_ERR_BATCH_REQUEST_TIMEOUT: .*no answer within 200 ms/,
      );
      expect(byIndex.get(1).data.ndarray).toEqual([1]);
    } finally {
      await stub.close();
    }
  });
});

describe('line limits', () => {
  it('writes SC_ERR_BATCH_LINE_TOO_LONG for a line over maxLineBytes and carries on', async () => {
    const stub = await startStubDeployment();
    try {
      const input = dir.file('long.in', [
        '[1]',
        JSON.stringify([Array.from({ length: 100 }, (_, i) => i)]),
        '[3]',
      ]);
      const output = dir.file('long.out');
      const summary = await runBatch({
        deploymentName: 'd',
        gatewayType: 'seldon',
        host: stub.host,
        inputDataPath: input,
        outputDataPath: output,
        maxLineBytes: 64,
      });
      expect(summary).toMatchObject({ lines: 3, failed: 1, requests: 2 });
      const { byIndex } = readOutput(output);
      expect(byIndex.get(1).status.reason).toMatch(
        /^SC_ERR_BATCH_LINE_TOO_LONG: line 1 is \d+ bytes, longer than maxLineBytes \(64\)/,
      );
      expect(byIndex.get(2).data.ndarray).toEqual([3]);
    } finally {
      await stub.close();
    }
  });
});
