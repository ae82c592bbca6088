// Graphs of real model-wrapper components: microservices over REST and gRPC, and in-process
// runtimes, mixed in one graph.
import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { GraphExecutor, GraphPayload } from '@seldon-ts/graph-executor';
import type { GraphNodeSpec, NodeBinding } from '@seldon-ts/graph-executor';
import { startMicroservice, createComponentRuntime } from '@seldon-ts/model-wrapper';
import type { Microservice, SeldonComponent } from '@seldon-ts/model-wrapper';
import { messageToProto, messageFromProto, feedbackToProto } from '@seldon-ts/payload';
import { closeTestClients, testClients } from './support/clients.js';

type Nested = number[][];
const nested = (X: unknown): Nested => (X as { toArray(): Nested }).toArray();

/** y = a*x + b, element-wise. */
function affine(a: number, b: number): SeldonComponent {
  return {
    predict: (X) => nested(X).map((row) => row.map((v) => a * v + b)),
    transformInput: (X) => nested(X).map((row) => row.map((v) => a * v + b)),
    transformOutput: (X) => nested(X).map((row) => row.map((v) => a * v + b)),
    initMetadata: () => ({
      name: `affine-${a}-${b}`,
      versions: ['v1'],
      platform: 'seldon',
      inputs: [{ messagetype: 'ndarray', schema: { shape: [2] } }],
      outputs: [{ messagetype: 'ndarray', schema: { shape: [2] } }],
    }),
  };
}

/** Epsilon-greedy router (as Seldon's example): explores with probability epsilon, else the branch with the best mean reward. */
class EGreedy implements SeldonComponent {
  readonly rewards = [0, 0, 0];
  readonly counts = [0, 0, 0];
  constructor(
    private readonly epsilon: number,
    private readonly random: () => number,
  ) {}
  route(): number {
    if (this.random() < this.epsilon) return Math.floor(this.random() * 3);
    const means = this.rewards.map((r, i) => (this.counts[i] ? r / this.counts[i]! : 0));
    return means.indexOf(Math.max(...means));
  }
  sendFeedback(
    _X: unknown,
    _names: string[],
    reward: number,
    _truth: unknown,
    routing: number | undefined,
  ): void {
    if (routing === undefined || routing < 0) return;
    this.rewards[routing]! += reward;
    this.counts[routing]! += 1;
  }
}

const ndarrayBody = (rows: Nested) => ({ data: { ndarray: rows } });
const json = (value: unknown): GraphPayload => GraphPayload.fromJsonText(JSON.stringify(value));
const ep = (ms: Microservice) => ({
  service_host: '127.0.0.1',
  httpPort: ms.httpPort,
  grpcPort: ms.grpcPort,
  service_port: ms.httpPort,
});

describe('graphs of model-wrapper components', () => {
  const services: Microservice[] = [];
  const executors: GraphExecutor[] = [];
  let double: Microservice; // y = 2x
  let plusOne: Microservice; // y = x + 1
  let times10: Microservice; // y = 10x

  beforeAll(async () => {
    const opts = { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {} } as const;
    [double, plusOne, times10] = await Promise.all([
      startMicroservice(affine(2, 0), { ...opts, unitId: 'double' }),
      startMicroservice(affine(1, 1), { ...opts, unitId: 'plusOne' }),
      startMicroservice(affine(10, 0), { ...opts, unitId: 'times10' }),
    ]);
    services.push(double, plusOne, times10);
  });
  afterAll(async () => {
    await Promise.all(executors.map((e) => e.close()));
    await Promise.all(services.map((s) => s.close()));
  });

  function executor(graph: GraphNodeSpec, nodes?: Record<string, NodeBinding>, options = {}): GraphExecutor {
    const e = new GraphExecutor({
      clients: testClients(),
      graph,
      nodes,
      options: { routingInjection: true, ...options },
    });
    executors.push(e);
    return e;
  }

  const chain = (): GraphNodeSpec => ({
    name: 'plusOne',
    type: 'TRANSFORMER',
    endpoint: ep(plusOne),
    children: [
      {
        name: 'double',
        type: 'MODEL',
        endpoint: ep(double),
        children: [{ name: 'times10', type: 'OUTPUT_TRANSFORMER', endpoint: ep(times10) }],
      },
    ],
  });

  it('runs a chain of wrapper microservices over REST', async () => {
    const res = await executor(chain()).predict(json(ndarrayBody([[1, 2]])));
    const body = res.payload.object() as any;
    // times10 is an OUTPUT_TRANSFORMER leaf: its own transform-output is applied to double's output
    expect(body.data.ndarray).toEqual([[40, 60]]);
    expect(body.meta.requestPath).toEqual({
      plusOne: expect.any(String),
      double: expect.any(String),
      times10: expect.any(String),
    });
    expect(body.meta.routing).toEqual({ plusOne: -1, double: -1 });
  });

  it('runs the same chain over gRPC with protobuf payloads', async () => {
    const request = messageToProto({ data: { ndarray: [[1, 2]] } });
    const res = await executor(chain()).predict(GraphPayload.fromProtobuf(request), { transport: 'grpc' });
    expect(res.payload.isProtobuf).toBe(true);
    const message = messageFromProto(res.payload.bytes());
    expect(message.data?.ndarray).toEqual([[40, 60]]);
    expect(message.meta?.routing).toEqual({ plusOne: -1, double: -1 });
  });

  it('mixes REST, gRPC and in-process nodes in one graph, for REST and gRPC requests', async () => {
    const runtime = createComponentRuntime(affine(10, 0), { unitId: 'times10', env: {} });
    await runtime.load();
    const e = executor(chain(), {
      plusOne: { transport: 'rest' },
      double: { transport: 'grpc' },
      times10: { transport: 'in-process', component: runtime },
    });
    const before = { rest: plusOne.httpPort, grpc: double.grpcPort };
    void before;
    const viaRest = await e.predict(json(ndarrayBody([[1, 2]])));
    expect((viaRest.payload.object() as any).data.ndarray).toEqual([[40, 60]]);
    expect(viaRest.payload.isProtobuf).toBe(false);
    const viaGrpc = await e.predict(
      GraphPayload.fromProtobuf(messageToProto({ data: { ndarray: [[1, 2]] } })),
      { transport: 'grpc' },
    );
    expect(viaGrpc.payload.isProtobuf).toBe(true);
    expect(messageFromProto(viaGrpc.payload.bytes()).data?.ndarray).toEqual([[40, 60]]);
  });

  it('runs a whole graph in-process without serialising', async () => {
    const components = { plusOne: affine(1, 1), double: affine(2, 0), times10: affine(10, 0) };
    const nodes: Record<string, NodeBinding> = {};
    for (const [name, c] of Object.entries(components)) {
      const runtime = createComponentRuntime(c, { unitId: name, env: {} });
      await runtime.load();
      nodes[name] = { transport: 'in-process', component: runtime };
    }
    const e = executor(
      {
        name: 'plusOne',
        type: 'TRANSFORMER',
        children: [
          { name: 'double', type: 'MODEL', children: [{ name: 'times10', type: 'OUTPUT_TRANSFORMER' }] },
        ],
      },
      nodes,
    );
    const res = await e.predict(GraphPayload.fromObject(ndarrayBody([[1, 2]])));
    expect(res.payload.hasObject).toBe(true);
    expect(res.payload.format).toBe('object');
    expect((res.payload.object() as any).data.ndarray).toEqual([[40, 60]]);
  });

  // Regression: an in-process answer serialised by GraphPayload lost the ".0" of its doubles.
  it('an in-process answer written as JSON keeps the ".0" of its doubles, and a JS list of ints stays ints', async () => {
    const runtime = createComponentRuntime(
      { predict: (X) => ((X as { get(...i: number[]): number }).get(0, 0) === 1.5 ? X : [[1, 0]]) as never },
      { unitId: 'm', env: {} },
    );
    await runtime.load();
    const e = executor({ name: 'm', type: 'MODEL' }, { m: { transport: 'in-process', component: runtime } });
    const doubles = await e.predict(json(ndarrayBody([[1.5, 2]])));
    expect(doubles.payload.text()).toContain('"ndarray":[[1.5,2.0]]');
    const ints = await e.predict(json(ndarrayBody([[7, 8]])));
    expect(ints.payload.text()).toContain('"ndarray":[[1,0]]');
  });

  it('AVERAGE_COMBINER returns the real element-wise mean of its children', async () => {
    const e = executor({
      name: 'avg',
      implementation: 'AVERAGE_COMBINER',
      children: [
        { name: 'double', type: 'MODEL', endpoint: ep(double) },
        { name: 'times10', type: 'MODEL', endpoint: ep(times10) },
      ],
    });
    const res = await e.predict(json(ndarrayBody([[1, 2]])));
    const body = res.payload.object() as any;
    expect(body.data.ndarray).toEqual([[6, 12]]);
    expect(Object.keys(body.meta.requestPath).sort()).toEqual(['double', 'times10']);
    expect(res.routing).toEqual({ avg: -1, double: -1, times10: -1 });
    const viaGrpc = await e.predict(
      GraphPayload.fromProtobuf(messageToProto({ data: { tensor: { shape: [1, 2], values: [1, 2] } } })),
      { transport: 'grpc' },
    );
    const message = messageFromProto(viaGrpc.payload.bytes());
    expect(Array.from(message.data!.tensor!.values!)).toEqual([6, 12]);
  });

  it('SIMPLE_MODEL passes through, SIMPLE_ROUTER fans out and returns the first child, RANDOM_ABTEST splits by ratioA', async () => {
    const simple = await executor({ name: 's', type: 'MODEL', implementation: 'SIMPLE_MODEL' }).predict(
      json(ndarrayBody([[1, 2]])),
    );
    expect((simple.payload.object() as any).data.ndarray).toEqual([[1, 2]]);
    expect(simple.routing).toEqual({});
    const router = await executor({
      name: 'sr',
      type: 'ROUTER',
      implementation: 'SIMPLE_ROUTER',
      children: [
        { name: 'double', type: 'MODEL', endpoint: ep(double) },
        { name: 'times10', type: 'MODEL', endpoint: ep(times10) },
      ],
    }).predict(json(ndarrayBody([[1, 2]])));
    expect((router.payload.object() as any).data.ndarray).toEqual([[2, 4]]);
    expect(router.routing).toEqual({ sr: -1, double: -1, times10: -1 });
    let draw = 0;
    const draws = [0.1, 0.9, 0.29, 0.31];
    const ab = executor(
      {
        name: 'ab',
        implementation: 'RANDOM_ABTEST',
        parameters: [{ name: 'ratioA', value: '0.3', type: 'FLOAT' }],
        children: [
          { name: 'double', type: 'MODEL', endpoint: ep(double) },
          { name: 'times10', type: 'MODEL', endpoint: ep(times10) },
        ],
      },
      undefined,
      { random: () => draws[draw++]! },
    );
    const routes: number[] = [];
    for (let i = 0; i < draws.length; i++)
      routes.push((await ab.predict(json(ndarrayBody([[1, 2]])))).routing.ab!);
    expect(routes).toEqual([0, 1, 0, 1]);
  });

  it('an epsilon-greedy router learns from feedback routed by meta.routing', async () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const router = new EGreedy(0.2, random);
    const rms = await startMicroservice(router, {
      httpPort: 0,
      grpcPort: 0,
      metricsPort: null,
      host: '127.0.0.1',
      unitId: 'eg',
      env: {},
    });
    services.push(rms);
    const e = executor({
      name: 'eg',
      type: 'ROUTER',
      endpoint: ep(rms),
      children: [
        { name: 'double', type: 'MODEL', endpoint: ep(double) },
        { name: 'plusOne', type: 'MODEL', endpoint: ep(plusOne) },
        { name: 'times10', type: 'MODEL', endpoint: ep(times10) },
      ],
    });
    const rewardOf = [0.1, 0.2, 1];
    const chosen: number[] = [];
    for (let i = 0; i < 60; i++) {
      const request = ndarrayBody([[1, 2]]);
      const res = await e.predict(json(request));
      const branch = res.routing.eg!;
      chosen.push(branch);
      const response = res.payload.object() as any;
      expect(response.meta.routing.eg).toBe(branch);
      await e.feedback(json({ request, response, reward: rewardOf[branch]! }));
    }
    expect(router.counts.reduce((a, b) => a + b, 0)).toBe(60);
    const last20 = chosen.slice(-20);
    expect(last20.filter((b) => b === 2).length).toBeGreaterThanOrEqual(14);
  });

  it('feedback over gRPC reaches the routed child with the protobuf Feedback', async () => {
    const e = executor({ name: 'double', type: 'MODEL', endpoint: ep(double) });
    const fb = feedbackToProto({
      request: { data: { ndarray: [[1, 2]] } },
      response: { data: { ndarray: [[2, 4]] } },
      reward: 1,
    });
    const res = await e.feedback(GraphPayload.fromProtobuf(fb), { transport: 'grpc' });
    expect(res.payload.isProtobuf).toBe(true);
  });

  it('graph metadata over REST and over gRPC', async () => {
    for (const transport of ['rest', 'grpc'] as const) {
      const md = await executor(chain()).metadata({ transport });
      expect(Object.keys(md.models)).toEqual(['plusOne', 'double', 'times10']);
      expect(md.models.double).toMatchObject({ name: 'affine-2-0', versions: ['v1'], platform: 'seldon' });
      expect(md.graphinputs).toEqual([{ messagetype: 'ndarray', schema: { shape: [2] } }]);
    }
  });
});

afterAll(() => closeTestClients());
