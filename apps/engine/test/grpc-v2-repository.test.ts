// With protocol v2 the engine answers the model-repository RPCs of inference.GRPCInferenceService
// deliberately: RepositoryIndex lists the graph's model nodes with their readiness, RepositoryModelLoad
// and RepositoryModelUnload are UNIMPLEMENTED with a reason (the graph is fixed by the deployment).
import { createServer, type AddressInfo } from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { inferenceServices } from '@seldon-ts/payload';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { bindGrpc } from './support/nodes.js';

type Obj = Record<string, any>;
const svc = inferenceServices.GRPCInferenceService;

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('v2 gRPC model repository RPCs', () => {
  let node: grpc.Server;
  let engine: EngineHandle;
  let client: grpc.Client;

  beforeAll(async () => {
    node = new grpc.Server();
    node.addService(svc as unknown as grpc.ServiceDefinition, {
      ModelInfer: (call: grpc.ServerUnaryCall<Obj, Obj>, cb: grpc.sendUnaryData<Obj>) =>
        cb(null, { modelName: call.request.modelName, outputs: [] }),
    });
    const port = await bindGrpc(node);
    const gone = await closedPort();
    const ep = (p: number) => ({ service_host: '127.0.0.1', service_port: p, grpcPort: p, type: 'GRPC' });
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      protocol: 'v2',
      transport: 'grpc',
      log: () => undefined,
      predictor: {
        name: 'p',
        graph: {
          name: 'ab',
          implementation: 'RANDOM_ABTEST',
          parameters: [{ name: 'ratioA', value: '0.5', type: 'FLOAT' }],
          children: [
            { name: 'up', type: 'MODEL', endpoint: ep(port) },
            { name: 'down', type: 'MODEL', endpoint: ep(gone) },
          ],
        },
      },
    } as never);
    client = new grpc.Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await engine?.close();
    node?.forceShutdown();
  });

  const call = <K extends keyof typeof svc>(rpc: K, request: Obj) =>
    new Promise<Obj>((resolve, reject) =>
      client.makeUnaryRequest(
        svc[rpc].path,
        svc[rpc].requestSerialize as (v: Obj) => Buffer,
        svc[rpc].responseDeserialize as (b: Buffer) => Obj,
        request,
        (err, res) => (err ? reject(err) : resolve(res as Obj)),
      ),
    );
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (err: grpc.ServiceError) => err,
    );

  it('RepositoryIndex lists the nodes served by containers with their readiness (not built-ins)', async () => {
    const index = await call('RepositoryIndex', {});
    const byName = Object.fromEntries((index.models as Obj[]).map((m) => [m.name, m]));
    expect(Object.keys(byName).sort()).toEqual(['down', 'up']);
    expect(byName.up.state).toBe('READY');
    expect(byName.down).toMatchObject({ state: 'UNAVAILABLE', reason: 'the node does not answer' });
  });

  it('RepositoryIndex with ready=true lists only the ready nodes', async () => {
    const index = await call('RepositoryIndex', { repositoryName: 'anything', ready: true });
    expect((index.models as Obj[]).map((m) => m.name)).toEqual(['up']);
  });

  it('RepositoryModelLoad and RepositoryModelUnload are UNIMPLEMENTED with a reason', async () => {
    for (const rpc of ['RepositoryModelLoad', 'RepositoryModelUnload'] as const) {
      const err = await failure(call(rpc, { modelName: 'up' }));
      expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
      expect(err.details).toContain(`${rpc}: the engine serves a fixed inference graph`);
      expect(err.metadata.get('seldon-error-code')).toEqual(['SC_ERR_ENGINE_UNIMPLEMENTED']);
    }
  });
});
