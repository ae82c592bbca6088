// With protocol v2 the gRPC front door serves inference.GRPCInferenceService: ModelInfer runs the
// graph (nodes over gRPC, answers chained on the wire), ServerLive/ServerReady/ModelReady answer
// from the engine's readiness, ModelMetadata proxies the named node's metadata and ServerMetadata
// describes the engine.
import { readFileSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { inferenceServices } from '@seldon-ts/payload';
import type { EngineHandle } from 'seldon-engine';
import { bindGrpc, startGrpcChainEngine } from './support/nodes.js';

type Obj = Record<string, any>;
const svc = inferenceServices.GRPCInferenceService;

describe('v2 gRPC front door', () => {
  let node: grpc.Server;
  let engine: EngineHandle;
  let client: grpc.Client;
  const seen: Obj[] = [];
  const metadataCalls: Obj[] = [];

  beforeAll(async () => {
    node = new grpc.Server();
    node.addService(svc as unknown as grpc.ServiceDefinition, {
      ModelInfer: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) => {
        seen.push(call.request);
        const outputs = (call.request.inputs as Obj[]).map((t) => ({
          name: `${t.name}'`,
          datatype: t.datatype,
          shape: t.shape,
          contents: { fp32Contents: t.contents.fp32Contents.map((x: number) => x * 10) },
        }));
        cb(null, { modelName: call.request.modelName, id: call.request.id, outputs });
      },
      ModelMetadata: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) => {
        metadataCalls.push({ name: call.request.name, puid: call.metadata.get('seldon-puid')[0] });
        cb(null, {
          name: call.request.name,
          versions: ['7'],
          platform: 'test-grpc',
          inputs: [{ name: 'x', datatype: 'FP32', shape: ['-1', '2'] }],
          outputs: [{ name: "x'", datatype: 'FP32', shape: ['-1', '2'] }],
        });
      },
    });
    const port = await bindGrpc(node);
    engine = await startGrpcChainEngine(port, 'v2');
    const Client = grpc.makeGenericClientConstructor(svc as never, 'GRPCInferenceService');
    client = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await engine?.close();
    node?.forceShutdown();
  });

  const call = (method: string, request: Obj) =>
    new Promise<Obj>((resolve, reject) =>
      (client as unknown as Record<string, (r: Obj, cb: (e: Error | null, res: Obj) => void) => void>)[
        method
      ](request, (err, res) => (err ? reject(err) : resolve(res))),
    );

  it('ModelInfer runs the graph and chains each answer into the next node', async () => {
    const answer = await call('ModelInfer', {
      modelName: 'whatever',
      id: 'r1',
      inputs: [{ name: 'x', datatype: 'FP32', shape: ['2'], contents: { fp32Contents: [1, 2] } }],
    });
    expect(answer.outputs[0].name).toBe("x''");
    expect(answer.outputs[0].contents.fp32Contents).toEqual([100, 200]);
    // The first node gets the client's request bytes untouched; chained requests name their node.
    expect(seen.map((r) => r.modelName)).toEqual(['whatever', 'second']);
  });

  it('ServerLive, ServerReady and ModelReady answer true when the graph is ready', async () => {
    expect(await call('ServerLive', {})).toEqual({ live: true });
    expect(await call('ServerReady', {})).toEqual({ ready: true });
    expect(await call('ModelReady', { name: 'first' })).toEqual({ ready: true });
  });

  it('ModelMetadata proxies the named node over gRPC and sends the puid back', async () => {
    metadataCalls.length = 0;
    let puid = '';
    const answer = await new Promise<Obj>((resolve, reject) => {
      const c = client.makeUnaryRequest(
        '/inference.GRPCInferenceService/ModelMetadata',
        svc.ModelMetadata.requestSerialize as (v: Obj) => Buffer,
        svc.ModelMetadata.responseDeserialize as (b: Buffer) => Obj,
        { name: 'second' },
        (err, res) => (err ? reject(err) : resolve(res as Obj)),
      );
      c.on('metadata', (md: grpc.Metadata) => (puid = String(md.get('seldon-puid')[0])));
    });
    expect(answer).toEqual({
      name: 'second',
      versions: ['7'],
      platform: 'test-grpc',
      inputs: [{ name: 'x', datatype: 'FP32', shape: ['-1', '2'] }],
      outputs: [{ name: "x'", datatype: 'FP32', shape: ['-1', '2'] }],
    });
    expect(puid).toMatch(/^[0-9a-f-]{36}$/);
    // Only the named node is asked, with the request's puid.
    expect(metadataCalls).toEqual([{ name: 'second', puid }]);
  });

  it('ModelMetadata names what is wrong: an empty name, an unknown node', async () => {
    await expect(call('ModelMetadata', {})).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringContaining('name is empty'),
    });
    await expect(call('ModelMetadata', { name: 'nope' })).rejects.toMatchObject({
      details: expect.stringContaining('nope'),
    });
  });

  it('ServerMetadata describes the engine with the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(await call('ServerMetadata', {})).toEqual({ name: 'seldon-engine', version: pkg.version });
  });
});
