// With protocol tensorflow the front door also serves PredictionService Classify, Regress and
// MultiInference: the request bytes run through the graph and each node is called with the same
// RPC. Their answers cannot be chained into a next node, so graphs that would chain are refused.
// ModelService HandleReloadConfigRequest is answered UNIMPLEMENTED. Messages are built by hand on
// the wire (the engine never decodes them).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { identity, rawMethod } from '../src/internal/grpc-raw.js';
import { bindGrpc } from './support/nodes.js';

const PS = '/tensorflow.serving.PredictionService/';
const MS = '/tensorflow.serving.ModelService/';

/** A length-delimited field (short bodies only: one-byte key and length). */
function ld(num: number, body: Buffer | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  if (b.length > 127) throw new Error('test helper: body too long');
  return Buffer.concat([Buffer.from([num * 8 + 2, b.length]), b]);
}

/** ClassificationRequest / RegressionRequest{ model_spec{name}, input{example_list{}} } */
const inputRequest = (model: string, marker: string) =>
  Buffer.concat([ld(1, ld(1, model)), ld(2, ld(1, ld(1, marker)))]);
/** MultiInferenceRequest{ tasks[{model_spec{name}, method_name}], input{} } */
const multiRequest = (model: string) =>
  Buffer.concat([
    ld(1, Buffer.concat([ld(1, ld(1, model)), ld(2, 'tensorflow/serving/classify')])),
    ld(2, ''),
  ]);
/** PredictRequest{ model_spec{name}, inputs{key → TensorProto{}} } */
const predictRequest = (model: string) =>
  Buffer.concat([ld(1, ld(1, model)), ld(2, Buffer.concat([ld(1, 'x'), ld(2, '')]))]);

type Seen = { node: string; rpc: string; bytes: Buffer; puid: string };

/** A stub TensorFlow Serving node: every RPC records the call and answers `<node>:<rpc>` in field 1. */
async function startTfNode(nodeName: string, seen: Seen[]): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  const rpcs = ['Predict', 'Classify', 'Regress', 'MultiInference'];
  const handler =
    (rpc: string) => (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
      seen.push({
        node: nodeName,
        rpc,
        bytes: call.request,
        puid: String(call.metadata.get('seldon-puid')[0] ?? ''),
      });
      if (call.request.includes(Buffer.from('please-fail')))
        return cb({ code: grpc.status.INVALID_ARGUMENT, details: `${nodeName} refused the ${rpc}` });
      // Predict answers a PredictResponse (outputs map entry) so chaining works; others a marker.
      if (rpc === 'Predict') return cb(null, ld(1, Buffer.concat([ld(1, `${nodeName}:Predict`), ld(2, '')])));
      cb(null, ld(1, `${nodeName}:${rpc}`));
    };
  server.addService(
    Object.fromEntries(rpcs.map((r) => [r, rawMethod(`${PS}${r}`)])) as grpc.ServiceDefinition,
    Object.fromEntries(rpcs.map((r) => [r, handler(r)])),
  );
  const port = await bindGrpc(server);
  return { server, port };
}

describe('tensorflow Classify, Regress and MultiInference', () => {
  const seen: Seen[] = [];
  const nodes: grpc.Server[] = [];
  const engines: EngineHandle[] = [];
  const clients: grpc.Client[] = [];
  let portA: number;
  let portB: number;

  beforeAll(async () => {
    const a = await startTfNode('a', seen);
    const b = await startTfNode('b', seen);
    nodes.push(a.server, b.server);
    portA = a.port;
    portB = b.port;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all(engines.map((e) => e.close()));
    for (const n of nodes) n.forceShutdown();
  });

  const ep = (port: number) => ({
    service_host: '127.0.0.1',
    service_port: port,
    grpcPort: port,
    type: 'GRPC',
  });
  const engineFor = async (graph: Record<string, unknown>) => {
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      protocol: 'tensorflow',
      transport: 'grpc',
      log: () => undefined,
      predictor: { name: 'p', graph },
    } as never);
    engines.push(engine);
    const client = new grpc.Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    clients.push(client);
    return client;
  };
  const call = (client: grpc.Client, path: string, request: Buffer, md = new grpc.Metadata()) =>
    new Promise<Buffer>((resolve, reject) =>
      client.makeUnaryRequest(path, identity, identity, request, md, (err, res) =>
        err ? reject(err) : resolve(res as Buffer),
      ),
    );
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (err: grpc.ServiceError) => err,
    );

  it("passes each request to the node's same-named RPC and returns its answer unchanged", async () => {
    const client = await engineFor({ name: 'a', type: 'MODEL', endpoint: ep(portA) });
    seen.length = 0;
    const classify = inputRequest('a', 'c');
    const regress = inputRequest('a', 'r');
    const multi = multiRequest('a');
    const md = new grpc.Metadata();
    md.set('seldon-puid', 'puid-classify');
    expect((await call(client, `${PS}Classify`, classify, md)).equals(ld(1, 'a:Classify'))).toBe(true);
    expect((await call(client, `${PS}Regress`, regress)).equals(ld(1, 'a:Regress'))).toBe(true);
    expect((await call(client, `${PS}MultiInference`, multi)).equals(ld(1, 'a:MultiInference'))).toBe(true);
    expect(seen.map((s) => [s.node, s.rpc])).toEqual([
      ['a', 'Classify'],
      ['a', 'Regress'],
      ['a', 'MultiInference'],
    ]);
    // The engine forwards the bytes as received, and the puid as metadata.
    expect(seen[0].bytes.equals(classify)).toBe(true);
    expect(seen[1].bytes.equals(regress)).toBe(true);
    expect(seen[2].bytes.equals(multi)).toBe(true);
    expect(seen[0].puid).toBe('puid-classify');
    expect(seen[1].puid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("passes a node's error status through", async () => {
    const client = await engineFor({ name: 'a', type: 'MODEL', endpoint: ep(portA) });
    const err = await failure(call(client, `${PS}Regress`, inputRequest('a', 'please-fail')));
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err.details).toContain('a refused the Regress');
  });

  it('serves graphs that call one node per path (an A/B test picks one model)', async () => {
    const client = await engineFor({
      name: 'ab',
      implementation: 'RANDOM_ABTEST',
      parameters: [{ name: 'ratioA', value: '1', type: 'FLOAT' }],
      children: [
        { name: 'a', type: 'MODEL', endpoint: ep(portA) },
        { name: 'b', type: 'MODEL', endpoint: ep(portB) },
      ],
    });
    seen.length = 0;
    const answer = await call(client, `${PS}Classify`, inputRequest('ab', 'c'));
    expect(answer.equals(ld(1, 'a:Classify'))).toBe(true);
    expect(seen.map((s) => [s.node, s.rpc])).toEqual([['a', 'Classify']]);
  });

  it('refuses a graph that would chain an answer into a next node, before calling any node', async () => {
    const client = await engineFor({
      name: 'a',
      type: 'TRANSFORMER',
      endpoint: ep(portA),
      children: [{ name: 'b', type: 'MODEL', endpoint: ep(portB) }],
    });
    seen.length = 0;
    for (const rpc of ['Classify', 'Regress', 'MultiInference']) {
      const err = await failure(
        call(client, `${PS}${rpc}`, rpc === 'MultiInference' ? multiRequest('a') : inputRequest('a', 'x')),
      );
      expect(err.code).toBe(grpc.status.FAILED_PRECONDITION);
      expect(err.details).toContain(`${rpc}: graph a passes each request through 2 node calls in a row`);
      expect(err.metadata.get('seldon-error-code')).toEqual(['SC_ERR_ENGINE_TF_NOT_CHAINABLE']);
    }
    expect(seen).toEqual([]);
    // Predict answers chain, so the same graph serves Predict.
    await call(client, `${PS}Predict`, predictRequest('a'));
    expect(seen.map((s) => [s.node, s.rpc])).toEqual([
      ['a', 'Predict'],
      ['b', 'Predict'],
    ]);
  });

  it('answers HandleReloadConfigRequest with UNIMPLEMENTED and a reason', async () => {
    const client = await engineFor({ name: 'a', type: 'MODEL', endpoint: ep(portA) });
    const err = await failure(call(client, `${MS}HandleReloadConfigRequest`, Buffer.alloc(0)));
    expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(err.details).toContain('fixed inference graph');
    expect(err.metadata.get('seldon-error-code')).toEqual(['SC_ERR_ENGINE_UNIMPLEMENTED']);
  });
});
