import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { GraphExecutor, GraphPayload, GraphError } from '@seldon-ts/graph-executor';
import type { GraphNodeSpec, GraphExecutorOptions, NodeClients } from '@seldon-ts/graph-executor';
import { startRestNode, startGrpcNode, strMessage, readStrData } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';
import type { RestNode, GrpcNode } from './support/nodes.js';
import * as grpc from '@grpc/grpc-js';

const json = (value: unknown): GraphPayload => GraphPayload.fromJsonText(JSON.stringify(value));
const ep = (port: number) => ({
  service_host: '127.0.0.1',
  httpPort: port,
  grpcPort: port,
  service_port: port,
});
const input = () => json({ data: { ndarray: [[1, 2]] } });

async function failure(p: Promise<unknown>): Promise<GraphError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphError);
  return err as GraphError;
}

async function untilAborted(node: RestNode): Promise<void> {
  // The server notices the closed connection asynchronously; wait for it (bounded by the test timeout).
  while (node.aborted === 0) await new Promise((r) => setTimeout(r, 5));
}

describe('faults', () => {
  const closers: (() => Promise<void>)[] = [];
  let ok: RestNode;
  let slow: RestNode;
  let downPort: number;

  beforeAll(async () => {
    ok = await startRestNode(() => ({ body: { data: { ndarray: [[1]] } } }));
    slow = await startRestNode(() => ({ body: { data: { ndarray: [[1]] } }, delayMs: 5_000 }));
    const down = await startRestNode(() => ({}));
    downPort = down.port;
    await down.close();
    closers.push(
      () => ok.close(),
      () => slow.close(),
    );
  });
  afterAll(async () => {
    for (const c of closers.reverse()) await c();
    await closeTestClients();
  });

  function executor(
    graph: GraphNodeSpec,
    options: GraphExecutorOptions = {},
    nodes?: ConstructorParameters<typeof GraphExecutor>[0]['nodes'],
    clients: NodeClients = testClients(),
  ): GraphExecutor {
    const e = new GraphExecutor({ graph, options, nodes, clients });
    closers.push(() => e.close());
    return e;
  }

  it('a node that is down: SC_ERR_GRAPH_NODE_UNREACHABLE naming the node, after bounded retries', async () => {
    const e = executor(
      { name: 'gone', type: 'MODEL', endpoint: ep(downPort) },
      {},
      undefined,
      testClients({ connectRetries: 2 }),
    );
    const err = await failure(e.predict(input()));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
    expect(err.nodeName).toBe('gone');
    expect(err.httpStatus).toBe(500);
    expect(err.grpcStatus).toBe(grpc.status.UNAVAILABLE);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.toSeldonStatus()).toEqual({
      status: { code: 500, info: err.message, reason: err.code, status: 'FAILURE' },
    });
  });

  it('a node slower than its deadline is aborted and reported by name', async () => {
    const e = executor(
      { name: 'slow', type: 'MODEL', endpoint: ep(slow.port) },
      {},
      // Long enough for the request to reach the node on a loaded machine, far below its 5 s answer.
      { slow: { timeoutMs: 300 } },
    );
    const before = slow.aborted;
    const err = await failure(e.predict(input()));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    expect(err.nodeName).toBe('slow');
    expect(err.grpcStatus).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(err.message).toContain('slow');
    await untilAborted(slow);
    expect(slow.aborted).toBeGreaterThan(before);
  });

  it('the graph deadline names the node that was running when it passed', async () => {
    const e = executor(
      {
        name: 'ok',
        type: 'TRANSFORMER',
        endpoint: ep(ok.port),
        children: [{ name: 'slow', type: 'MODEL', endpoint: ep(slow.port) }],
      },
      { timeoutMs: 800 },
    );
    const err = await failure(e.predict(input()));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    expect(err.nodeName).toBe('slow');
    expect(err.message).toMatch(/deadline.*slow/);
  });

  it('the REST client timeout (seldon.io/rest-timeout) and ctx.deadline bound calls too', async () => {
    const e = executor(
      { name: 'slow', type: 'MODEL', endpoint: ep(slow.port) },
      {},
      undefined,
      testClients({ rest: { timeoutMs: 100 } }),
    );
    expect((await failure(e.predict(input()))).code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    const e2 = executor({ name: 'slow', type: 'MODEL', endpoint: ep(slow.port) });
    const err = await failure(e2.predict(input(), { deadline: Date.now() + 100 }));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    expect(err.nodeName).toBe('slow');
  });

  it('leaves shared clients open when an executor closes', async () => {
    const { RestNodeClient } = await import('@seldon-ts/graph-executor/rest');
    const rest = new RestNodeClient();
    closers.push(() => rest.close());
    const graph = { name: 'ok', type: 'MODEL', endpoint: ep(ok.port) };
    const a = new GraphExecutor({ graph, clients: { rest } });
    const b = new GraphExecutor({ graph, clients: { rest } });
    await a.predict(input());
    await a.close();
    await expect(a.predict(input())).rejects.toMatchObject({ code: 'SC_ERR_GRAPH_CLOSED' });
    expect((await b.predict(input())).payload.object()).toEqual({ data: { ndarray: [[1]] } });
    await b.close();
  });

  it('a caller abort cancels the in-flight node call', async () => {
    const e = executor({ name: 'slow', type: 'MODEL', endpoint: ep(slow.port) });
    const controller = new AbortController();
    const pending = e.predict(input(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = await failure(pending);
    expect(err.code).toBe('SC_ERR_GRAPH_CANCELLED');
    expect(err.nodeName).toBe('slow');
  });

  it('a node answering 500 passes through with its status and body', async () => {
    const n = await startRestNode(() => ({
      status: 500,
      body: { status: { status: 1, info: 'boom', code: -1, reason: 'MICROSERVICE_INTERNAL_ERROR' } },
    }));
    closers.push(() => n.close());
    const err = await failure(executor({ name: 'm', type: 'MODEL', endpoint: ep(n.port) }).predict(input()));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_ERROR_RESPONSE');
    expect(err.httpStatus).toBe(500);
    expect(err.grpcStatus).toBe(grpc.status.INTERNAL);
    expect(err.body!.text()).toBe(
      '{"status":{"status":1,"info":"boom","code":-1,"reason":"MICROSERVICE_INTERNAL_ERROR"}}',
    );
  });

  it('a model answering garbage is passed on as bytes, but a router answering garbage is SC_ERR_GRAPH_BAD_ROUTE', async () => {
    const garbage = await startRestNode(() => ({ body: 'this is not json', contentType: 'text/plain' }));
    closers.push(() => garbage.close());
    const passed = await executor({ name: 'm', type: 'MODEL', endpoint: ep(garbage.port) }).predict(input());
    expect(passed.payload.text()).toBe('this is not json');
    expect(passed.payload.contentType).toBe('text/plain');
    const err = await failure(
      executor({
        name: 'r',
        type: 'ROUTER',
        endpoint: ep(garbage.port),
        children: [{ name: 'ok', type: 'MODEL', endpoint: ep(ok.port) }],
      }).predict(input()),
    );
    expect(err.code).toBe('SC_ERR_GRAPH_BAD_ROUTE');
    expect(err.nodeName).toBe('r');
  });

  it('a combiner child answering garbage is "Data is not JSON"', async () => {
    const garbage = await startRestNode(() => ({ body: '{oops', contentType: 'application/json' }));
    closers.push(() => garbage.close());
    const e = executor({
      name: 'c',
      type: 'COMBINER',
      endpoint: ep(ok.port),
      children: [
        { name: 'a', type: 'MODEL', endpoint: ep(ok.port) },
        { name: 'g', type: 'MODEL', endpoint: ep(garbage.port) },
      ],
    });
    const err = await failure(e.predict(input()));
    expect(err.code).toBe('SC_ERR_GRAPH_NOT_JSON');
    expect(err.message).toBe('Data is not JSON');
    expect(err.nodeName).toBe('c');
  });

  it('a router answering an out-of-range route is SC_ERR_GRAPH_ROUTE_OUT_OF_RANGE', async () => {
    const r = await startRestNode(() => ({ body: { data: { ndarray: [[5]] } } }));
    closers.push(() => r.close());
    const e = executor({
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(r.port),
      children: [{ name: 'ok', type: 'MODEL', endpoint: ep(ok.port) }],
    });
    const err = await failure(e.predict(input()));
    expect(err.code).toBe('SC_ERR_GRAPH_ROUTE_OUT_OF_RANGE');
    expect(err.message).toBe('router r chose route 5 but has 1 children');
    expect(ok.requests.every((q) => q.path !== '/route')).toBe(true);
  });

  it('a response larger than maxMessageBytes is refused', async () => {
    const big = await startRestNode(() => ({ body: { data: { ndarray: new Array(10_000).fill(1) } } }));
    closers.push(() => big.close());
    const err = await failure(
      executor(
        { name: 'big', type: 'MODEL', endpoint: ep(big.port) },
        {},
        undefined,
        testClients({ rest: { maxMessageBytes: 1000 } }),
      ).predict(input()),
    );
    expect(err.code).toBe('SC_ERR_GRAPH_MESSAGE_TOO_LARGE');
    expect(err.nodeName).toBe('big');
  });

  it('a bad RANDOM_ABTEST ratioA is a request error', async () => {
    const e = executor({
      name: 'ab',
      implementation: 'RANDOM_ABTEST',
      parameters: [{ name: 'ratioA', value: 'half', type: 'FLOAT' }],
      children: [
        { name: 'a', type: 'MODEL', endpoint: ep(ok.port) },
        { name: 'b', type: 'MODEL', endpoint: ep(ok.port) },
      ],
    });
    const err = await failure(e.predict(input()));
    expect(err.code).toBe('SC_ERR_GRAPH_BAD_PARAMETER');
    expect(err.nodeName).toBe('ab');
  });

  it('a forwarded header that is not a valid header value fails the request, not the process', async () => {
    const e = executor({ name: 'ok', type: 'MODEL', endpoint: ep(ok.port) });
    const err = await failure(e.predict(input(), { headers: { 'x-bad': 'line\nbreak' } }));
    expect(err.code).toBe('SC_ERR_GRAPH_BAD_PAYLOAD');
    expect(err.nodeName).toBe('ok');
    expect((await e.predict(input())).payload.object()).toEqual({ data: { ndarray: [[1]] } });
  });

  it('invalid graphs and options fail at construction', () => {
    expect(() => new GraphExecutor({ graph: { name: 'a', children: [{ name: 'a' }] } })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_GRAPH_INVALID_GRAPH' }),
    );
    expect(() => new GraphExecutor({ graph: { name: '' } })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_GRAPH_INVALID_GRAPH' }),
    );
    expect(() => new GraphExecutor({ graph: { name: 'a' }, nodes: { b: { transport: 'rest' } } })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_GRAPH_INVALID_GRAPH' }),
    );
    expect(() => new GraphExecutor({ graph: { name: 'a' }, options: { timeoutMs: -1 } })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_GRAPH_INVALID_OPTIONS' }),
    );
  });

  describe("node clients are the app's", () => {
    const graph = { name: 'ok', type: 'MODEL', endpoint: ep(1) };

    it('a node bound to a transport without its client fails at construction, saying how to pass one', () => {
      const { rest } = testClients();
      let err: unknown;
      try {
        new GraphExecutor({ graph, nodes: { ok: { transport: 'grpc' } }, clients: { rest } });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GraphError);
      expect(err).toMatchObject({ code: 'SC_ERR_GRAPH_NO_NODE_CLIENT', nodeName: 'ok' });
      expect((err as GraphError).message).toBe(
        'node ok is bound to transport grpc, but the GraphExecutor was given no gRPC node client: ' +
          'pass one as clients.grpc (e.g. new GrpcNodeClient() from @seldon-ts/graph-executor/grpc) ' +
          "or as the node's binding client",
      );
      // A node's own client is enough.
      expect(
        () => new GraphExecutor({ graph, nodes: { ok: { transport: 'grpc', client: testClients().grpc } } }),
      ).not.toThrow();
    });

    it('a node following the request fails at call time when that transport has no client', async () => {
      const e = executor(graph, {}, undefined, { grpc: testClients().grpc });
      const err = await failure(e.predict(input(), { transport: 'rest' }));
      expect(err).toMatchObject({ code: 'SC_ERR_GRAPH_NO_NODE_CLIENT', nodeName: 'ok' });
      expect(err.message).toContain("node ok follows the request's transport, rest");
      expect(err.message).toContain('clients.rest');
      // Readiness asks for the same client, and says so.
      await expect(e.status({ transport: 'rest' })).rejects.toMatchObject({
        code: 'SC_ERR_GRAPH_NO_NODE_CLIENT',
        nodeName: 'ok',
      });
    });

    it('built-in nodes and nodes without an address need no client for readiness', async () => {
      const e = executor(
        { name: 'ab', implementation: 'RANDOM_ABTEST', children: [{ name: 'm', type: 'MODEL' }] },
        {},
        undefined,
        {},
      );
      expect(await e.status()).toEqual({ ready: true, nodes: [] });
    });

    it('the options that configured self-made clients are refused with a pointer to clients', () => {
      for (const options of [{ rest: {} }, { grpc: {} }, { connectRetries: 1 }, { maxMessageBytes: 1 }])
        expect(() => new GraphExecutor({ graph, options: options as GraphExecutorOptions })).toThrow(
          expect.objectContaining({
            code: 'SC_ERR_GRAPH_INVALID_OPTIONS',
            message: expect.stringContaining('GraphExecutorInit.clients') as unknown as string,
          }),
        );
    });
  });

  describe('over gRPC', () => {
    let node: GrpcNode;
    beforeAll(async () => {
      node = await startGrpcNode((call) => {
        const text = call.metadata.get('x-mode')[0];
        if (text === 'fail') return { code: grpc.status.INVALID_ARGUMENT, details: 'bad tensor' };
        if (text === 'slow') return { delayMs: 5_000, then: strMessage('late') };
        if (call.path === '/seldon.protos.Router/Route') return strMessage('not a route');
        return strMessage('ok');
      });
      closers.push(() => node.close());
    });

    it('a node gRPC error passes through with its code', async () => {
      const e = executor({ name: 'm', type: 'MODEL', endpoint: ep(node.port) }, { defaultTransport: 'grpc' });
      const err = await failure(
        e.predict(GraphPayload.fromProtobuf(strMessage('in')), { headers: { 'x-mode': 'fail' } }),
      );
      expect(err.code).toBe('SC_ERR_GRAPH_NODE_ERROR_RESPONSE');
      expect(err.grpcStatus).toBe(grpc.status.INVALID_ARGUMENT);
      expect(err.httpStatus).toBe(400);
      expect(err.message).toContain('bad tensor');
    });

    it('a slow gRPC node is aborted at its deadline', async () => {
      const e = executor(
        { name: 'm', type: 'MODEL', endpoint: ep(node.port) },
        { defaultTransport: 'grpc', nodeTimeoutMs: 100 },
      );
      const err = await failure(
        e.predict(GraphPayload.fromProtobuf(strMessage('in')), { headers: { 'x-mode': 'slow' } }),
      );
      expect(err.code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
      expect(err.nodeName).toBe('m');
      // the stream was reset, so the node sees the call cancelled (asynchronously)
      while (node.cancelled === 0) await new Promise((r) => setTimeout(r, 5));
      expect(node.cancelled).toBeGreaterThan(0);
    });

    it('invalid metadata fails the call before sending', async () => {
      const e = executor({ name: 'm', type: 'MODEL', endpoint: ep(node.port) }, { defaultTransport: 'grpc' });
      const err = await failure(
        e.predict(GraphPayload.fromProtobuf(strMessage('in')), { headers: { 'x bad': 'not a token' } }),
      );
      expect(err.code).toBe('SC_ERR_GRAPH_BAD_PAYLOAD');
      expect(err.nodeName).toBe('m');
      expect(
        readStrData((await e.predict(GraphPayload.fromProtobuf(strMessage('in')))).payload.bytes()),
      ).toBe('ok');
    });

    it('a gRPC node that is down is unreachable', async () => {
      const e = executor(
        { name: 'gone', type: 'MODEL', endpoint: ep(downPort) },
        { defaultTransport: 'grpc' },
      );
      const err = await failure(e.predict(GraphPayload.fromProtobuf(strMessage('in'))));
      expect(err.code).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
      expect(err.nodeName).toBe('gone');
    });

    it('a gRPC router answering data without a number is -1 (all children), as the reference', async () => {
      const e = executor(
        {
          name: 'r',
          type: 'ROUTER',
          endpoint: ep(node.port),
          children: [{ name: 'm', type: 'MODEL', endpoint: ep(node.port) }],
        },
        { defaultTransport: 'grpc' },
      );
      const res = await e.predict(GraphPayload.fromProtobuf(strMessage('in')));
      expect(res.routing).toEqual({ r: -1, m: -1 });
    });

    it('a REST server answering a gRPC call is a bad response', async () => {
      const e = executor({ name: 'm', type: 'MODEL', endpoint: ep(ok.port) }, { defaultTransport: 'grpc' });
      const err = await failure(e.predict(GraphPayload.fromProtobuf(strMessage('in'))));
      expect(['SC_ERR_GRAPH_NODE_UNREACHABLE', 'SC_ERR_GRAPH_NODE_BAD_RESPONSE']).toContain(err.code);
      expect(err.nodeName).toBe('m');
    });
  });
});
