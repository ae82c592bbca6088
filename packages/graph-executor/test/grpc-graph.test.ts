import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { GraphExecutor, GraphPayload } from '@seldon-ts/graph-executor';
import type { GraphNodeSpec } from '@seldon-ts/graph-executor';
import { startGrpcNode, strMessage, tensorMessage, readStrData, ld } from './support/nodes.js';
import type { GrpcNode } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';

const ep = (port: number) => ({ service_host: '127.0.0.1', grpcPort: port, service_port: port });

/** Splits a SeldonMessageList into its messages (field 1, length-delimited). */
function listItems(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (bytes[pos++] !== 0x0a) throw new Error('not a SeldonMessageList');
    let len = 0;
    let mul = 1;
    for (;;) {
      const b = bytes[pos++]!;
      len += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) break;
    }
    out.push(bytes.subarray(pos, pos + len));
    pos += len;
  }
  return out;
}

describe('graph over gRPC nodes (grpc-js client and server)', () => {
  const nodes: GrpcNode[] = [];
  const executors: GraphExecutor[] = [];
  let models: GrpcNode[];
  let router: GrpcNode;
  let route = 0;
  let combiner: GrpcNode;
  let transformer: GrpcNode;

  beforeAll(async () => {
    models = await Promise.all(
      [0, 1, 2].map((i) => startGrpcNode((call) => strMessage(`m${i}(${readStrData(call.message)})`))),
    );
    router = await startGrpcNode((call) =>
      call.path.endsWith('/Route') ? tensorMessage([route]) : strMessage('router feedback'),
    );
    combiner = await startGrpcNode((call) =>
      strMessage(
        `c[${listItems(call.message)
          .map((m) => readStrData(m))
          .join('+')}]`,
      ),
    );
    transformer = await startGrpcNode((call) =>
      strMessage(`${call.path.endsWith('TransformInput') ? 'in' : 'out'}(${readStrData(call.message)})`),
    );
    nodes.push(...models, router, combiner, transformer);
  });
  afterAll(async () => {
    await Promise.all(executors.map((e) => e.close()));
    await Promise.all(nodes.map((n) => n.close()));
  });

  function executor(graph: GraphNodeSpec, routingInjection = false): GraphExecutor {
    const e = new GraphExecutor({
      clients: testClients(),
      graph,
      options: { defaultTransport: 'grpc', routingInjection },
    });
    executors.push(e);
    return e;
  }

  it('forwards protobuf bytes and metadata to the Seldon gRPC services', async () => {
    const e = executor({ name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) });
    const res = await e.predict(GraphPayload.fromProtobuf(strMessage('x')), {
      puid: 'p-1',
      headers: { 'x-user': 'u', 'content-type': 'application/grpc', ':path': '/x' },
    });
    expect(readStrData(res.payload.bytes())).toBe('m0(x)');
    const call = models[0]!.calls.at(-1)!;
    expect(call.path).toBe('/seldon.protos.Model/Predict');
    expect(call.metadata.get('seldon-puid')).toEqual(['p-1']);
    expect(call.metadata.get('x-user')).toEqual(['u']);
  });

  it('routes over three models and injects meta.routing into protobuf answers', async () => {
    const e = executor(
      {
        name: 'r',
        type: 'ROUTER',
        endpoint: ep(router.port),
        children: models.map((m, i) => ({ name: `m${i}`, type: 'MODEL', endpoint: ep(m.port) })),
      },
      true,
    );
    for (const i of [2, 0, 1]) {
      route = i;
      const res = await e.predict(GraphPayload.fromProtobuf(strMessage('x')));
      expect(readStrData(res.payload.bytes())).toBe(`m${i}(x)`);
      expect(res.routing).toEqual({ r: i, [`m${i}`]: -1 });
      // meta (field 2) was appended; strData is still readable
      expect(Buffer.from(res.payload.bytes()).subarray(strMessage(`m${i}(x)`).length)[0]).toBe(0x12);
    }
    expect(router.calls.at(-1)!.path).toBe('/seldon.protos.Router/Route');
  });

  it('sends combiners a SeldonMessageList of the children outputs', async () => {
    const e = executor({
      name: 'c',
      type: 'COMBINER',
      endpoint: ep(combiner.port),
      children: [
        { name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) },
        { name: 'm1', type: 'MODEL', endpoint: ep(models[1]!.port) },
      ],
    });
    const res = await e.predict(GraphPayload.fromProtobuf(strMessage('x')));
    expect(readStrData(res.payload.bytes())).toBe('c[m0(x)+m1(x)]');
    expect(combiner.calls.at(-1)!.path).toBe('/seldon.protos.Combiner/Aggregate');
  });

  it('runs the three-step transformer chain', async () => {
    const e = executor({
      name: 't',
      type: 'TRANSFORMER',
      methods: ['TRANSFORM_OUTPUT'],
      endpoint: ep(transformer.port),
      children: [{ name: 'm2', type: 'MODEL', endpoint: ep(models[2]!.port) }],
    });
    const res = await e.predict(GraphPayload.fromProtobuf(strMessage('x')));
    expect(readStrData(res.payload.bytes())).toBe('out(m2(in(x)))');
  });

  it('routes protobuf feedback by response.meta.routing', async () => {
    const e = executor({
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(router.port),
      children: models.map((m, i) => ({ name: `m${i}`, type: 'MODEL', endpoint: ep(m.port) })),
    });
    const before = models.map((m) => m.calls.length);
    // Feedback{ response(2): SeldonMessage{ meta(2): Meta{ routing(3): {r: 1} } } }
    const entry = Buffer.concat([ld(1, 'r'), Buffer.from([0x10, 1])]);
    const feedback = ld(2, ld(2, ld(3, entry)));
    const res = await e.feedback(GraphPayload.fromProtobuf(feedback));
    expect(models.map((m, i) => m.calls.length - before[i]!)).toEqual([0, 1, 0]);
    expect(models[1]!.calls.at(-1)!.path).toBe('/seldon.protos.Model/SendFeedback');
    expect(Buffer.from(models[1]!.calls.at(-1)!.message)).toEqual(feedback);
    expect(router.calls.at(-1)!.path).toBe('/seldon.protos.Model/SendFeedback');
    expect(readStrData(res.payload.bytes())).toBe('router feedback');
  });

  it('reconnects after the node restarts on the same port', async () => {
    const first = await startGrpcNode(() => strMessage('first'));
    const e = executor({ name: 'm', type: 'MODEL', endpoint: ep(first.port) });
    expect(readStrData((await e.predict(GraphPayload.fromProtobuf(strMessage('x')))).payload.bytes())).toBe(
      'first',
    );
    await first.close();
    const second = await startGrpcNode(() => strMessage('second'), first.port);
    nodes.push(second);
    expect(readStrData((await e.predict(GraphPayload.fromProtobuf(strMessage('x')))).payload.bytes())).toBe(
      'second',
    );
  });

  it('handles concurrent calls over one HTTP/2 connection', async () => {
    const e = executor({ name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => e.predict(GraphPayload.fromProtobuf(strMessage(`${i}`)))),
    );
    expect(results.map((r) => readStrData(r.payload.bytes()))).toEqual(
      Array.from({ length: 50 }, (_, i) => `m0(${i})`),
    );
  });
});

afterAll(() => closeTestClients());
