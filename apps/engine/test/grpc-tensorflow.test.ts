// With protocol tensorflow the gRPC front door serves tensorflow.serving.PredictionService (Predict,
// GetModelMetadata) and ModelService (GetModelStatus). Messages are built by hand on the wire: the
// engine only reads model_spec.name, so the test needs no TensorFlow proto definitions.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import type { EngineHandle } from 'seldon-engine';
import { identity, rawMethod } from '../src/internal/grpc-raw.js';
import { bindGrpc, startGrpcChainEngine } from './support/nodes.js';

const PS = '/tensorflow.serving.PredictionService/';
const MS = '/tensorflow.serving.ModelService/';

/** A length-delimited field (short bodies only: one-byte key and length). */
function ld(num: number, body: Buffer | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  if (b.length > 127) throw new Error('test helper: body too long');
  return Buffer.concat([Buffer.from([num * 8 + 2, b.length]), b]);
}

/** Length-delimited fields of a message as [field number, bytes] (short bodies only). */
function fields(buf: Buffer): [number, Buffer][] {
  const out: [number, Buffer][] = [];
  for (let pos = 0; pos < buf.length;) {
    const num = buf[pos] >> 3;
    const len = buf[pos + 1];
    out.push([num, buf.subarray(pos + 2, pos + 2 + len)]);
    pos += 2 + len;
  }
  return out;
}

const specName = (req: Buffer) => {
  const spec = fields(req).find(([n]) => n === 1);
  return spec ? String(fields(spec[1]).find(([n]) => n === 1)?.[1] ?? '') : '';
};
/** PredictRequest{ model_spec{name}, inputs{key → TensorProto{}} } */
const predictRequest = (model: string, input: string) =>
  Buffer.concat([ld(1, ld(1, model)), ld(2, Buffer.concat([ld(1, input), ld(2, '')]))]);

describe('tensorflow gRPC front door', () => {
  let node: grpc.Server;
  let engine: EngineHandle;
  let client: grpc.Client;
  const seen: { rpc: string; name: string; bytes: Buffer; puid: string }[] = [];

  beforeAll(async () => {
    node = new grpc.Server();
    const record = (rpc: string, call: grpc.ServerUnaryCall<Buffer, Buffer>) =>
      seen.push({
        rpc,
        name: specName(call.request),
        bytes: call.request,
        puid: String(call.metadata.get('seldon-puid')[0] ?? ''),
      });
    node.addService(
      {
        Predict: rawMethod(`${PS}Predict`),
        GetModelMetadata: rawMethod(`${PS}GetModelMetadata`),
      } as grpc.ServiceDefinition,
      {
        Predict: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
          record('Predict', call);
          // PredictResponse: outputs (1) = the request's inputs (2) plus one named after this node.
          const inputs = fields(call.request)
            .filter(([n]) => n === 2)
            .map(([, b]) => ld(1, b));
          const mine = ld(1, Buffer.concat([ld(1, `by-${specName(call.request)}`), ld(2, '')]));
          cb(null, Buffer.concat([...inputs, mine, ld(2, ld(1, specName(call.request)))]));
        },
        GetModelMetadata: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
          record('GetModelMetadata', call);
          // GetModelMetadataResponse{ model_spec{name} }
          cb(null, ld(1, ld(1, `meta-of-${specName(call.request)}`)));
        },
      },
    );
    node.addService({ GetModelStatus: rawMethod(`${MS}GetModelStatus`) } as grpc.ServiceDefinition, {
      GetModelStatus: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        record('GetModelStatus', call);
        // GetModelStatusResponse{ model_version_status{ version: 3 } }
        cb(null, ld(1, Buffer.from([0x08, 0x03])));
      },
    });
    const port = await bindGrpc(node);
    engine = await startGrpcChainEngine(port, 'tensorflow');
    client = new grpc.Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await engine?.close();
    node?.forceShutdown();
  });

  /** Calls `path` with raw bytes; resolves the answer and the response header metadata. */
  const call = (path: string, request: Buffer) =>
    new Promise<{ answer: Buffer; headers: grpc.Metadata | undefined }>((resolve, reject) => {
      let headers: grpc.Metadata | undefined;
      const c = client.makeUnaryRequest(path, identity, identity, request, (err, answer) =>
        err ? reject(err) : resolve({ answer: answer as Buffer, headers }),
      );
      c.on('metadata', (md: grpc.Metadata) => (headers = md));
    });

  it('Predict runs the graph, chaining each PredictResponse into the next PredictRequest', async () => {
    seen.length = 0;
    const request = predictRequest('whatever', 'x');
    const { answer, headers } = await call(`${PS}Predict`, request);
    // The first node gets the client's bytes untouched; the next one is named in model_spec.
    expect(seen.map((s) => [s.rpc, s.name])).toEqual([
      ['Predict', 'whatever'],
      ['Predict', 'second'],
    ]);
    expect(seen[0].bytes.equals(request)).toBe(true);
    expect(seen[0].puid).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1].puid).toBe(seen[0].puid);
    const outputKeys = fields(answer)
      .filter(([n]) => n === 1)
      .map(([, entry]) => String(fields(entry)[0][1]));
    expect(outputKeys).toEqual(['x', 'by-whatever', 'by-second']);
    // TensorFlow RPCs do not send the puid back (as the reference).
    expect(headers?.get('seldon-puid') ?? []).toEqual([]);
  });

  it('GetModelMetadata and GetModelStatus ask the named node and answer its bytes', async () => {
    seen.length = 0;
    // GetModelMetadataRequest{ model_spec{name "second"}, metadata_field "signature_def" }
    const meta = await call(
      `${PS}GetModelMetadata`,
      Buffer.concat([ld(1, ld(1, 'second')), ld(2, 'signature_def')]),
    );
    expect(specName(meta.answer)).toBe('meta-of-second');
    const status = await call(`${MS}GetModelStatus`, ld(1, ld(1, 'first')));
    expect(status.answer.equals(ld(1, Buffer.from([0x08, 0x03])))).toBe(true);
    expect(seen.map((s) => [s.rpc, s.name])).toEqual([
      ['GetModelMetadata', 'second'],
      ['GetModelStatus', 'first'],
    ]);
  });

  it('names what is wrong: malformed request, empty model_spec.name, unknown node', async () => {
    await expect(call(`${PS}GetModelMetadata`, Buffer.from([0x0a, 0x05, 0x0a]))).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('GetModelMetadata request is not a valid protobuf message'),
    });
    await expect(call(`${MS}GetModelStatus`, Buffer.alloc(0))).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('model_spec.name is empty'),
    });
    await expect(call(`${PS}GetModelMetadata`, ld(1, ld(1, 'nope')))).rejects.toMatchObject({
      details: expect.stringContaining('nope'),
    });
    // Classify answers cannot be chained, and this graph chains first → second (see
    // grpc-tensorflow-rpcs.test.ts for Classify, Regress and MultiInference on one-call graphs).
    await expect(call(`${PS}Classify`, Buffer.alloc(0))).rejects.toMatchObject({
      code: grpc.status.FAILED_PRECONDITION,
      details: expect.stringContaining('Classify: graph first passes each request through 2 node calls'),
    });
  });
});
