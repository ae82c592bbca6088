import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { GraphExecutor, GraphPayload, diagnosticsChannels, GraphError } from '@seldon-ts/graph-executor';
import type {
  NodeStartMessage,
  NodeEndMessage,
  GraphEndMessage,
  PayloadLogMessage,
  GraphErrorMessage,
  GraphObserver,
  InProcessComponent,
} from '@seldon-ts/graph-executor';
import { startRestNode } from './support/nodes.js';
import type { RestNode } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';

const json = (value: unknown): GraphPayload => GraphPayload.fromJsonText(JSON.stringify(value));
const ep = (port: number) => ({ service_host: '127.0.0.1', httpPort: port, service_port: port });

function collect<T>(name: string): { events: T[]; stop(): void } {
  const events: T[] = [];
  const fn = (m: unknown): void => {
    events.push(m as T);
  };
  subscribe(name, fn);
  return { events, stop: () => unsubscribe(name, fn) };
}

describe('diagnostics channels', () => {
  let model: RestNode;
  let router: RestNode;
  const executors: GraphExecutor[] = [];
  beforeAll(async () => {
    model = await startRestNode((req) => ({
      body: { data: { ndarray: [[1]] }, meta: { tags: { trace: req.headers['x-trace'] ?? null } } },
    }));
    router = await startRestNode(() => ({ body: [0] }));
  });
  afterAll(async () => {
    await Promise.all(executors.map((e) => e.close()));
    await model.close();
    await router.close();
  });

  it('publishes graph and node start/end with the same message object; subscribers cannot add headers', async () => {
    const e = new GraphExecutor({
      clients: testClients(),
      graph: {
        name: 'r',
        type: 'ROUTER',
        endpoint: ep(router.port),
        children: [{ name: 'm', type: 'MODEL', endpoint: ep(model.port) }],
      },
      predictorName: 'pred',
    });
    executors.push(e);
    const starts = collect<NodeStartMessage>(diagnosticsChannels.nodeStart);
    const ends = collect<NodeEndMessage>(diagnosticsChannels.nodeEnd);
    const graphEnds = collect<GraphEndMessage>(diagnosticsChannels.graphEnd);
    const inject = (m: unknown): void => {
      // The old contract (writing into message.headers) must neither throw nor reach the node.
      const msg = m as NodeStartMessage;
      (msg.headers as Record<string, string>)['x-trace'] = `span-of-${msg.nodeName}`;
    };
    subscribe(diagnosticsChannels.nodeStart, inject);
    try {
      const res = await e.predict(json({ data: { ndarray: [[1]] } }), { puid: 'p1' });
      // Messages are read-only: what a subscriber writes is not sent (use a GraphObserver).
      expect((res.payload.object() as any).meta.tags.trace).toBeNull();
    } finally {
      unsubscribe(diagnosticsChannels.nodeStart, inject);
      starts.stop();
      ends.stop();
      graphEnds.stop();
    }
    expect(starts.events.map((m) => [m.nodeName, m.method, m.transport, m.service])).toEqual([
      ['r', 'route', 'rest', '/route'],
      ['m', 'predict', 'rest', '/predict'],
    ]);
    expect(ends.events).toEqual(starts.events);
    expect(ends.events[1]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(ends.events[1]!.response.object()).toMatchObject({ data: { ndarray: [[1]] } });
    expect(graphEnds.events).toHaveLength(1);
    expect(graphEnds.events[0]).toMatchObject({
      operation: 'predict',
      predictorName: 'pred',
      puid: 'p1',
      routing: { r: 0, m: -1 },
    });
  });

  it('publishes errors on graph:error and node:error', async () => {
    const down = await startRestNode(() => ({}));
    await down.close();
    const e2 = new GraphExecutor({
      graph: { name: 'gone', type: 'MODEL', endpoint: ep(down.port) },
      clients: testClients({ connectRetries: 0 }),
    });
    executors.push(e2);
    const nodeErrors = collect<NodeStartMessage & { error: GraphError }>(diagnosticsChannels.nodeError);
    const graphErrors = collect<GraphErrorMessage>(diagnosticsChannels.graphError);
    await expect(e2.predict(json({}))).rejects.toBeInstanceOf(GraphError);
    nodeErrors.stop();
    graphErrors.stop();
    expect(nodeErrors.events.map((m) => [m.nodeName, m.error.code])).toEqual([
      ['gone', 'SC_ERR_GRAPH_NODE_UNREACHABLE'],
    ]);
    expect(graphErrors.events.map((m) => m.error.code)).toEqual(['SC_ERR_GRAPH_NODE_UNREACHABLE']);
  });

  it('publishes payload-log events at the reference logging points, per logger mode', async () => {
    const e = new GraphExecutor({
      clients: testClients(),
      graph: {
        name: 'r',
        type: 'ROUTER',
        endpoint: ep(router.port),
        logger: { mode: 'all' },
        children: [{ name: 'm', type: 'MODEL', endpoint: ep(model.port), logger: { mode: 'response' } }],
      },
    });
    executors.push(e);
    const logs = collect<PayloadLogMessage>(diagnosticsChannels.payload);
    await e.predict(json({ data: { ndarray: [[1]] } }));
    await e.feedback(json({ reward: 1 }));
    logs.stop();
    // r: request before routing, response after children; m: response of its predict; feedback: r and m
    expect(logs.events.map((l) => `${l.nodeName}:${l.kind}`)).toEqual([
      'r:request',
      'm:response',
      'r:response',
      'r:feedback',
      'm:feedback',
    ]);
  });
});

describe('GraphObserver', () => {
  let model: RestNode;
  let router: RestNode;
  const executors: GraphExecutor[] = [];
  beforeAll(async () => {
    model = await startRestNode((req) => ({
      body: { data: { ndarray: [[1]] }, meta: { tags: { trace: req.headers['x-trace'] ?? null } } },
    }));
    router = await startRestNode(() => ({ body: [0] }));
  });
  afterAll(async () => {
    await Promise.all(executors.map((e) => e.close()));
    await model.close();
    await router.close();
  });

  function recorder(): { observer: GraphObserver<string, string>; seen: string[] } {
    const seen: string[] = [];
    const observer: GraphObserver<string, string> = {
      nodeStart(call, request) {
        seen.push(`start ${call.nodeName} ${call.method} ${call.service} ${request}`);
        return { headers: { 'x-trace': `${request}/${call.nodeName}` }, state: `state-${call.nodeName}` };
      },
      nodeEnd(call, request, state) {
        expect(call.durationMs).toBeGreaterThanOrEqual(0);
        seen.push(`end ${call.nodeName} ${request} ${state} ${call.response.contentType}`);
      },
      nodeError(call, request, state) {
        seen.push(`error ${call.nodeName} ${call.error.code} ${request} ${state}`);
      },
      payload(event, request) {
        seen.push(`log ${event.nodeName}:${event.kind} ${request}`);
      },
    };
    return { observer, seen };
  }

  it('is called at the node and payload-log points with the request data, and adds the headers it returns', async () => {
    const { observer, seen } = recorder();
    const e = new GraphExecutor({
      clients: testClients(),
      graph: {
        name: 'r',
        type: 'ROUTER',
        endpoint: ep(router.port),
        logger: { mode: 'request' },
        children: [{ name: 'm', type: 'MODEL', endpoint: ep(model.port) }],
      },
      observer,
    });
    executors.push(e);
    const starts = collect<NodeStartMessage>(diagnosticsChannels.nodeStart);
    let res;
    try {
      res = await e.predict(json({ data: { ndarray: [[1]] } }), {
        headers: { 'x-trace': 'incoming' },
        observerData: 'req1',
      });
    } finally {
      starts.stop();
    }
    // The returned headers win over the forwarded request headers, for that call only.
    expect((res.payload.object() as any).meta.tags.trace).toBe('req1/m');
    expect(router.requests.at(-1)!.headers['x-trace']).toBe('req1/r');
    expect(seen).toEqual([
      'log r:request req1',
      'start r route /route req1',
      'end r req1 state-r application/json',
      'start m predict /predict req1',
      'end m req1 state-m application/json',
    ]);
    // Channel subscribers still see every call, with the extra headers it carried.
    expect(starts.events.map((m) => [m.nodeName, m.headers])).toEqual([
      ['r', { 'x-trace': 'req1/r' }],
      ['m', { 'x-trace': 'req1/m' }],
    ]);
  });

  it('sees only its own executor, and node failures through nodeError', async () => {
    const down = await startRestNode(() => ({}));
    await down.close();
    const a = recorder();
    const b = recorder();
    const failing = new GraphExecutor({
      graph: { name: 'gone', type: 'MODEL', endpoint: ep(down.port) },
      observer: a.observer,
      clients: testClients({ connectRetries: 0 }),
    });
    const other = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'MODEL', endpoint: ep(model.port) },
      observer: b.observer,
    });
    const silent = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'MODEL', endpoint: ep(model.port) },
    });
    executors.push(failing, other, silent);
    await expect(failing.predict(json({}), { observerData: 'a' })).rejects.toBeInstanceOf(GraphError);
    await other.predict(json({ data: { ndarray: [[1]] } }));
    await silent.predict(json({ data: { ndarray: [[1]] } }), { observerData: 'ignored' });
    expect(a.seen).toEqual([
      'start gone predict /predict a',
      'error gone SC_ERR_GRAPH_NODE_UNREACHABLE a state-gone',
    ]);
    expect(b.seen).toEqual([
      'start m predict /predict undefined',
      'end m undefined state-m application/json',
    ]);
  });

  it('may observe only some points and return nothing from nodeStart', async () => {
    const ends: string[] = [];
    const e = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'MODEL', endpoint: ep(model.port) },
      observer: {
        nodeStart: () => undefined,
        nodeEnd: (call, _request, state) => {
          ends.push(`${call.nodeName} ${String(state)}`);
        },
      },
    });
    executors.push(e);
    const res = await e.predict(json({ data: { ndarray: [[1]] } }), { headers: { 'x-trace': 'in' } });
    expect((res.payload.object() as any).meta.tags.trace).toBe('in');
    expect(ends).toEqual(['m undefined']);
  });
});

describe('protocols and model-name override', () => {
  let v2: RestNode;
  let tf: RestNode;
  beforeAll(async () => {
    v2 = await startRestNode((req) => {
      const body = JSON.parse(req.body);
      if (!body.inputs) return { status: 400, body: { error: 'no inputs' } };
      return {
        body: {
          model_name: req.path,
          outputs: body.inputs.map((i: any) => ({ ...i, data: i.data.map((x: number) => x + 1) })),
        },
      };
    });
    tf = await startRestNode((req) => {
      const body = JSON.parse(req.body);
      if (!body.instances) return { status: 400, body: { error: 'no instances' } };
      return { body: { predictions: body.instances.map((x: number) => x * 2) } };
    });
  });
  afterAll(async () => {
    await v2.close();
    await tf.close();
  });

  it('v2: calls /v2/models/<name>/infer and chains outputs → inputs', async () => {
    const e = new GraphExecutor({
      clients: testClients(),
      graph: {
        name: 'a',
        type: 'MODEL',
        endpoint: ep(v2.port),
        children: [{ name: 'b', type: 'MODEL', endpoint: ep(v2.port) }],
      },
      options: { protocol: 'v2' },
    });
    const res = await e.predict(
      json({ inputs: [{ name: 'x', datatype: 'FP32', shape: [2], data: [1, 2] }] }),
    );
    expect(res.payload.object()).toEqual({
      model_name: '/v2/models/b/infer',
      outputs: [{ name: 'x', datatype: 'FP32', shape: [2], data: [3, 4] }],
    });
    expect(v2.requests.slice(-2).map((r) => r.path)).toEqual(['/v2/models/a/infer', '/v2/models/b/infer']);
    const overridden = await e.predict(
      json({ inputs: [{ name: 'x', datatype: 'FP32', shape: [1], data: [1] }] }),
      { modelName: 'mymodel' },
    );
    expect((overridden.payload.object() as any).model_name).toBe('/v2/models/mymodel/infer');
    await e.close();
  });

  it('tensorflow: chains predictions → instances, and fails clearly on anything else', async () => {
    const e = new GraphExecutor({
      clients: testClients(),
      graph: {
        name: 'a',
        type: 'MODEL',
        endpoint: ep(tf.port),
        children: [{ name: 'b', type: 'MODEL', endpoint: ep(tf.port) }],
      },
      options: { protocol: 'tensorflow' },
    });
    const res = await e.predict(json({ instances: [1, 2] }));
    expect(res.payload.object()).toEqual({ predictions: [4, 8] });
    expect(tf.requests.slice(-2).map((r) => r.path)).toEqual([
      '/v1/models/a:predict',
      '/v1/models/b:predict',
    ]);
    await expect(e.predict(json({ something: 1 }))).rejects.toMatchObject({
      code: 'SC_ERR_GRAPH_CHAINING_FAILED',
      message: 'Failed to convert tensorflow response so it could be chained to new input',
    });
    await e.close();
  });
});

describe('in-process components', () => {
  it('passes a thrown status error through like a node answer', async () => {
    const component: InProcessComponent = {
      predict: () => {
        throw Object.assign(new Error('bad shape'), { httpStatus: 400, reason: 'MICROSERVICE_BAD_DATA' });
      },
    };
    const e = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'MODEL' },
      nodes: { m: { transport: 'in-process', component } },
    });
    const err = (await e.predict(json({ data: { ndarray: [1] } })).catch((x) => x)) as GraphError;
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_ERROR_RESPONSE');
    expect(err.httpStatus).toBe(400);
    expect(err.body!.object()).toEqual({
      status: { status: 1, info: 'bad shape', code: -1, reason: 'MICROSERVICE_BAD_DATA' },
    });
  });

  it('reports an in-process component that is not loaded yet as not ready', async () => {
    const component: { ready: boolean; predict: (m: unknown) => unknown } = {
      ready: false,
      predict: (m) => m,
    };
    const e = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'MODEL' },
      nodes: { m: { transport: 'in-process', component } },
    });
    expect(await e.status()).toEqual({ ready: false, nodes: [{ name: 'm', ready: false }] });
    component.ready = true;
    expect(await e.status()).toEqual({ ready: true, nodes: [{ name: 'm', ready: true }] });
  });

  it('reads a form-encoded request (json field) for an in-process node', async () => {
    const e = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'MODEL' },
      nodes: { m: { transport: 'in-process', component: { predict: (m) => ({ echo: m }) } } },
    });
    const body = new URLSearchParams({ json: '{"data":{"ndarray":[[1]]}}' }).toString();
    const res = await e.predict(
      GraphPayload.fromBytes(Buffer.from(body), 'application/x-www-form-urlencoded'),
    );
    expect(res.payload.object()).toEqual({ echo: { data: { ndarray: [[1]] } } });
  });

  it('a component missing the method is SC_ERR_GRAPH_UNSUPPORTED', async () => {
    const e = new GraphExecutor({
      clients: testClients(),
      graph: { name: 'm', type: 'ROUTER', children: [{ name: 'x', type: 'MODEL' }] },
      nodes: {
        m: { transport: 'in-process', component: {} },
        x: { transport: 'in-process', component: { predict: (m) => m } },
      },
    });
    await expect(e.predict(json({}))).rejects.toMatchObject({
      code: 'SC_ERR_GRAPH_UNSUPPORTED',
      nodeName: 'm',
    });
  });
});

afterAll(() => closeTestClients());
