// The gRPC transport against a loopback Seldon gRPC service.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runBatch } from '../src/index.js';
import { startStubGrpc } from './support/stub-grpc.js';
import type { StubGrpcDeployment } from './support/stub-grpc.js';
import { readOutput, tempDir } from './support/files.js';

const dir = tempDir();
let stub: StubGrpcDeployment;
beforeAll(async () => {
  stub = await startStubGrpc((request) => (request?.strData === 'fail' ? grpc.status.INTERNAL : undefined));
});
afterAll(async () => {
  await stub.close();
  dir.remove();
});

describe('gRPC transport (stub Seldon service)', () => {
  it('sends Seldon/Predict with gateway metadata, puid and tags, and writes proto3-JSON responses', async () => {
    const input = dir.file('g.in', ['[[1, 2]]', '[[3, 4]]']);
    const output = dir.file('g.out');
    const summary = await runBatch({
      deploymentName: 'dep',
      namespace: 'ns',
      host: stub.host,
      transport: 'grpc',
      payloadType: 'tensor',
      inputDataPath: input,
      outputDataPath: output,
      batchId: 'G',
    });
    expect(summary).toMatchObject({ lines: 2, failed: 0 });
    const call = stub.calls.find((c) => c.request.meta.tags.batch_index === 1)!;
    expect(call.metadata).toMatchObject({
      seldon: 'dep',
      namespace: 'ns',
      'seldon-puid': call.request.meta.tags.batch_instance_id,
    });
    const { byIndex } = readOutput(output);
    expect(byIndex.get(1).data.tensor).toEqual({ shape: [1, 2], values: [3, 4] });
    expect(byIndex.get(1).meta.tags).toMatchObject({ batch_id: 'G', batch_index: 1 });
  });

  it('retries gRPC error statuses and writes error records; invalid messages are not sent', async () => {
    stub.calls.length = 0;
    const input = dir.file('gf.in', ['"fail"', '"ok"']);
    const raw = dir.file('graw.in', ['{"data": {"ndarray": [[1]]}, "binData": "AAA="}']);
    const output = dir.file('gf.out');
    const summary = await runBatch({
      deploymentName: 'dep',
      gatewayType: 'seldon',
      host: stub.host,
      transport: 'grpc',
      dataType: 'str',
      inputDataPath: input,
      outputDataPath: output,
      retries: 2,
    });
    expect(summary).toMatchObject({ lines: 2, failed: 1, requests: 3 });
    expect(stub.calls[0].metadata.seldon).toBeUndefined();
    const { byIndex } = readOutput(output);
    expect(byIndex.get(0).status.reason).toMatch(
      /SC_ERR_BATCH_RESPONSE_STATUS: .*INTERNAL: injected failure/,
    );
    expect(byIndex.get(1).strData).toBe('ok');
    const rawSummary = await runBatch({
      deploymentName: 'dep',
      host: stub.host,
      transport: 'grpc',
      dataType: 'raw',
      inputDataPath: raw,
      outputDataPath: output,
    });
    expect(rawSummary).toMatchObject({ failed: 1, requests: 1 });
    expect(readOutput(output).byIndex.get(0).status.reason).toMatch(/SC_ERR_BATCH_LINE_INVALID/);
  });

  it('sends feedback through Seldon/SendFeedback', async () => {
    stub.calls.length = 0;
    const input = dir.file('gfb.in', ['{"request": {"data": {"ndarray": [[1]]}}, "reward": 0.5}']);
    const output = dir.file('gfb.out');
    const summary = await runBatch({
      deploymentName: 'dep',
      host: stub.host,
      transport: 'grpc',
      method: 'feedback',
      dataType: 'raw',
      inputDataPath: input,
      outputDataPath: output,
      batchId: 'F',
    });
    expect(summary.failed).toBe(0);
    expect(stub.calls[0]).toMatchObject({ method: 'SendFeedback', request: { reward: 0.5 } });
    expect(readOutput(output).byIndex.get(0).meta.tags).toMatchObject({ batch_id: 'F', batch_index: 0 });
  });
});
