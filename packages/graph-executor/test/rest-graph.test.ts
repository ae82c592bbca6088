import { describe, it, expect, afterAll, beforeAll } from '@jest/globals';
import { GraphExecutor, GraphPayload, GraphError } from '@seldon-ts/graph-executor';
import type { GraphNodeSpec } from '@seldon-ts/graph-executor';
import { startRestNode } from './support/nodes.js';
import type { RestNode, RecordedRequest } from './support/nodes.js';
import { closeTestClients, testClients } from './support/clients.js';

const json = (value: unknown): GraphPayload => GraphPayload.fromJsonText(JSON.stringify(value));
const ep = (port: number) => ({ service_host: '127.0.0.1', httpPort: port, service_port: port });

/** A wrapper-like node: adds its name to meta.requestPath and answers per path. */
function wrapperLike(name: string, answer: (req: RecordedRequest, body: any) => unknown) {
  return (req: RecordedRequest) => {
    const body = req.body ? JSON.parse(req.body) : undefined;
    const out = answer(req, body) as any;
    if (out && typeof out === 'object' && !Array.isArray(out)) {
      out.meta = {
        ...(body?.meta ?? {}),
        ...(out.meta ?? {}),
        requestPath: { ...(body?.meta?.requestPath ?? {}), [name]: `img/${name}:1` },
      };
    }
    return { body: out };
  };
}

describe('graph over REST nodes', () => {
  const nodes: RestNode[] = [];
  const executors: GraphExecutor[] = [];
  let models: RestNode[];
  let router: RestNode;
  let routeTo = 0;
  let transformer: RestNode;
  let combiner: RestNode;

  beforeAll(async () => {
    models = await Promise.all(
      [0, 1, 2].map((i) =>
        startRestNode(
          wrapperLike(`m${i}`, (req, body) => {
            if (req.path === '/send-feedback') return { data: { ndarray: [] } };
            if (req.path === '/metadata')
              return {
                name: `m${i}`,
                platform: 'seldon',
                versions: ['v1'],
                inputs: [{ messagetype: 'tensor', schema: { shape: [2] } }],
                outputs: [{ messagetype: 'tensor', schema: { shape: [1] } }],
              };
            const x = body.data.ndarray[0];
            return { data: { names: ['y'], ndarray: [[x[0] * 10 + i, x[1] * 10 + i]] } };
          }),
        ),
      ),
    );
    router = await startRestNode(
      wrapperLike('r', (req) => {
        if (req.path === '/send-feedback') return { data: { ndarray: [] } };
        if (req.path === '/metadata') return { name: 'r' };
        return { data: { names: ['t:0'], ndarray: [[routeTo]] } };
      }),
    );
    transformer = await startRestNode(
      wrapperLike('t', (req, body) => {
        const x = body.data.ndarray[0];
        const step = req.path === '/transform-input' ? 1 : 100;
        return { data: { ndarray: [[x[0] + step, x[1] + step]] } };
      }),
    );
    combiner = await startRestNode((req) => {
      const children = JSON.parse(req.body) as any[];
      const sum = children.map((c) => c.data.ndarray[0][0]).reduce((a, b) => a + b, 0);
      return { body: { data: { ndarray: [[sum]] }, meta: { requestPath: { c: 'img/c:1' } } } };
    });
    nodes.push(...models, router, transformer, combiner);
  });

  afterAll(async () => {
    await Promise.all(executors.map((e) => e.close()));
    await Promise.all(nodes.map((n) => n.close()));
  });

  function executor(
    graph: GraphNodeSpec,
    options: ConstructorParameters<typeof GraphExecutor>[0]['options'] = {},
  ): GraphExecutor {
    const e = new GraphExecutor({ clients: testClients(), graph, predictorName: 'p', options });
    executors.push(e);
    return e;
  }

  it('calls a single model, forwards bytes, headers and the puid', async () => {
    const e = executor({ name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) });
    const before = models[0]!.requests.length;
    const res = await e.predict(json({ data: { ndarray: [[1, 2]] } }), {
      puid: 'abc',
      headers: { authorization: 'Bearer x', 'x-custom': 'y', 'content-type': 'text/plain', host: 'nope' },
    });
    expect(res.puid).toBe('abc');
    expect(res.payload.object()).toEqual({
      data: { names: ['y'], ndarray: [[10, 20]] },
      meta: { requestPath: { m0: 'img/m0:1' } },
    });
    const req = models[0]!.requests[before]!;
    expect(req.path).toBe('/predict');
    expect(req.headers['seldon-puid']).toBe('abc');
    expect(req.headers.authorization).toBe('Bearer x');
    expect(req.headers['x-custom']).toBe('y');
    expect(req.headers['content-type']).toBe('application/json');
    expect(res.routing).toEqual({ m0: -1 });
  });

  it('generates a UUIDv4 puid when none is given', async () => {
    const e = executor({ name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) });
    const res = await e.predict(json({ data: { ndarray: [[1, 2]] } }));
    expect(res.puid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(models[0]!.requests.at(-1)!.headers['seldon-puid']).toBe(res.puid);
  });

  it('runs the three-step transformer chain (input transformer → model → output transformer)', async () => {
    const e = executor(
      {
        name: 't',
        type: 'TRANSFORMER',
        endpoint: ep(transformer.port),
        children: [{ name: 'm1', type: 'MODEL', endpoint: ep(models[1]!.port), children: [] }],
        methods: ['TRANSFORM_OUTPUT'],
      },
      { routingInjection: true },
    );
    const res = await e.predict(json({ data: { ndarray: [[1, 2]] } }));
    // (1+1)*10+1 = 21, (2+1)*10+1 = 31, then +100 on the way out
    expect(res.payload.object()).toEqual({
      data: { ndarray: [[121, 131]] },
      meta: { requestPath: { t: 'img/t:1', m1: 'img/m1:1' }, routing: { t: -1, m1: -1 } },
    });
    expect(transformer.requests.slice(-2).map((r) => r.path)).toEqual([
      '/transform-input',
      '/transform-output',
    ]);
  });

  it('routes with a ROUTER over three models, honouring -1, -2 and N, and injects meta.routing', async () => {
    const graph: GraphNodeSpec = {
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(router.port),
      children: models.map((m, i) => ({ name: `m${i}`, type: 'MODEL', endpoint: ep(m.port) })),
    };
    const e = executor(graph, { routingInjection: true });
    for (const i of [0, 1, 2]) {
      routeTo = i;
      const res = await e.predict(json({ data: { ndarray: [[1, 2]] } }));
      const body = res.payload.object() as any;
      expect(body.data.ndarray).toEqual([[10 + i, 20 + i]]);
      expect(body.meta.routing).toEqual({ r: i, [`m${i}`]: -1 });
    }
    routeTo = -2;
    const input = json({ data: { ndarray: [[1, 2]] }, meta: {} });
    const unchanged = await e.predict(input);
    expect(unchanged.routing).toEqual({ r: -2 });
    expect(unchanged.payload.object()).toEqual({ data: { ndarray: [[1, 2]] }, meta: { routing: { r: -2 } } });
    routeTo = -1;
    const all = await e.predict(json({ data: { ndarray: [[1, 2]] } }));
    expect(all.routing).toEqual({ r: -1, m0: -1, m1: -1, m2: -1 });
    expect((all.payload.object() as any).data.ndarray).toEqual([[10, 20]]);
  });

  it('reads routes in every format the reference accepts', async () => {
    const formats: [unknown, number][] = [
      [{ data: { ndarray: [[1]] } }, 1],
      [{ data: { ndarray: [2] } }, 2],
      [{ data: { tensor: { shape: [1], values: [1] } } }, 1],
      [{ data: { tftensor: { dtype: 'DT_INT32', intVal: [2] } } }, 2],
      [[0], 0],
      [{ strData: 'x' }, -1],
    ];
    let next: unknown;
    const r = await startRestNode(() => ({ body: next }));
    nodes.push(r);
    const e = executor({
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(r.port),
      children: models.map((m, i) => ({ name: `m${i}`, type: 'MODEL', endpoint: ep(m.port) })),
    });
    for (const [answer, route] of formats) {
      next = answer;
      const res = await e.predict(json({ data: { ndarray: [[1, 2]] } }));
      expect(res.routing.r).toBe(route);
    }
    // what the reference's strict parse refuses is an error, never a silent fan-out
    for (const bad of [
      { route: 1 },
      [],
      [1.5],
      { data: { ndarray: [] } },
      { data: { ndarray: [['a']] } },
      { data: { other: 1 } },
    ]) {
      next = bad;
      await expect(e.predict(json({ data: { ndarray: [[1, 2]] } }))).rejects.toMatchObject({
        code: 'SC_ERR_GRAPH_BAD_ROUTE',
        nodeName: 'r',
      });
    }
  });

  it('sends combiners a bare JSON array of the children outputs', async () => {
    const e = executor({
      name: 'c',
      type: 'COMBINER',
      endpoint: ep(combiner.port),
      children: [
        { name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) },
        { name: 'm2', type: 'MODEL', endpoint: ep(models[2]!.port) },
      ],
    });
    const res = await e.predict(json({ data: { ndarray: [[1, 2]] } }));
    const sent = JSON.parse(combiner.requests.at(-1)!.body);
    expect(Array.isArray(sent)).toBe(true);
    expect(sent.map((m: any) => m.data.ndarray[0][0])).toEqual([10, 12]);
    expect(res.payload.object()).toEqual({
      data: { ndarray: [[22]] },
      meta: { requestPath: { c: 'img/c:1' } },
    });
    expect(res.routing).toEqual({ c: -1, m0: -1, m2: -1 });
  });

  it('passes a node error through with its status and body', async () => {
    const bad = await startRestNode(() => ({
      status: 400,
      body: { status: { status: 1, info: 'bad input', code: -1, reason: 'MICROSERVICE_BAD_DATA' } },
    }));
    nodes.push(bad);
    const e = executor({
      name: 't',
      type: 'TRANSFORMER',
      endpoint: ep(transformer.port),
      children: [{ name: 'bad', type: 'MODEL', endpoint: ep(bad.port) }],
    });
    const err = (await e.predict(json({ data: { ndarray: [[1, 2]] } })).catch((x) => x)) as GraphError;
    expect(err).toBeInstanceOf(GraphError);
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_ERROR_RESPONSE');
    expect(err.nodeName).toBe('bad');
    expect(err.httpStatus).toBe(400);
    expect(err.body!.object()).toEqual({
      status: { status: 1, info: 'bad input', code: -1, reason: 'MICROSERVICE_BAD_DATA' },
    });
  });

  it('sends feedback along meta.routing, and to all children without it', async () => {
    const graph: GraphNodeSpec = {
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(router.port),
      children: models.map((m, i) => ({ name: `m${i}`, type: 'MODEL', endpoint: ep(m.port) })),
    };
    const e = executor(graph);
    const count = () => models.map((m) => m.requests.filter((r) => r.path === '/send-feedback').length);
    const before = count();
    const fb = {
      request: { data: { ndarray: [[1, 2]] } },
      response: { meta: { routing: { r: 2, m2: -1 } }, data: { ndarray: [[1]] } },
      reward: 1,
    };
    const res = await e.feedback(json(fb));
    expect(count().map((c, i) => c - before[i]!)).toEqual([0, 0, 1]);
    expect(JSON.parse(models[2]!.requests.at(-1)!.body)).toEqual(fb);
    expect(router.requests.at(-1)!.path).toBe('/send-feedback');
    expect(res.payload.object()).toMatchObject({ data: { ndarray: [] } });
    const before2 = count();
    await e.feedback(json({ request: {}, response: { data: { ndarray: [[1]] } }, reward: 0 }));
    expect(count().map((c, i) => c - before2[i]!)).toEqual([1, 1, 1]);
  });

  it('answers feedback with the feedback itself when the root makes no feedback call', async () => {
    const e = executor({
      name: 't',
      type: 'TRANSFORMER',
      endpoint: ep(transformer.port),
      children: [{ name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) }],
    });
    const fb = json({ reward: 1, response: { data: { ndarray: [[1]] } } });
    const res = await e.feedback(fb);
    expect(res.payload).toBe(fb);
  });

  it('aggregates graph metadata and edge inputs/outputs', async () => {
    const e = executor({
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(router.port),
      children: models.slice(0, 2).map((m, i) => ({ name: `m${i}`, type: 'MODEL', endpoint: ep(m.port) })),
    });
    const md = await e.metadata();
    expect(md.name).toBe('p');
    expect(Object.keys(md.models)).toEqual(['r', 'm0', 'm1']);
    expect(md.models.m1).toEqual({
      name: 'm1',
      platform: 'seldon',
      versions: ['v1'],
      inputs: [{ messagetype: 'tensor', schema: { shape: [2] } }],
      outputs: [{ messagetype: 'tensor', schema: { shape: [1] } }],
    });
    expect(md.models.r).toEqual({ name: 'r' });
    expect(md.graphinputs).toEqual([{ messagetype: 'tensor', schema: { shape: [2] } }]);
    expect(md.graphoutputs).toEqual([{ messagetype: 'tensor', schema: { shape: [1] } }]);
    const one = await e.nodeMetadata('m0');
    expect((one.payload.object() as any).name).toBe('m0');
    await expect(e.nodeMetadata('nope')).rejects.toMatchObject({
      code: 'SC_ERR_GRAPH_MODEL_NOT_FOUND',
      message: 'Failed to find model nope',
    });
  });

  it('keeps routing maps apart across concurrent requests', async () => {
    const r = await startRestNode((req) => ({ body: [Number(req.headers['x-route'])] }));
    nodes.push(r);
    const e = executor({
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(r.port),
      children: models.map((m, i) => ({ name: `m${i}`, type: 'MODEL', endpoint: ep(m.port) })),
    });
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        e.predict(json({ data: { ndarray: [[i, i]] } }), { headers: { 'x-route': String((i % 4) - 1) } }),
      ),
    );
    results.forEach((res, i) => {
      const route = (i % 4) - 1;
      if (route === -1) expect(res.routing).toEqual({ r: -1, m0: -1, m1: -1, m2: -1 });
      else expect(res.routing).toEqual({ r: route, [`m${route}`]: -1 });
      expect((res.payload.object() as any).data.ndarray[0][0]).toBe(i * 10 + Math.max(route, 0));
    });
  });

  it('fans out to many children under a deadline without listener warnings', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w);
    };
    process.on('warning', onWarning);
    const children = Array.from({ length: 15 }, (_, i) => ({
      name: `c${i}`,
      type: 'MODEL',
      endpoint: ep(models[0]!.port),
    }));
    const e = executor(
      { name: 'fan', type: 'ROUTER', implementation: 'SIMPLE_ROUTER', children },
      { timeoutMs: 5000 },
    );
    const controller = new AbortController();
    const res = await e.predict(json({ data: { ndarray: [[1, 2]] } }), { signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(Object.keys(res.routing)).toHaveLength(16);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('passes a compressed answer through with its Content-Encoding', async () => {
    const { gzipSync } = await import('node:zlib');
    const zipped = gzipSync(JSON.stringify({ data: { ndarray: [[7]] } }));
    const http = await import('node:http');
    const server = http.createServer((_req, res) => {
      _req.resume();
      _req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zipped);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const e = executor({ name: 'z', type: 'MODEL', endpoint: ep(port) }, { routingInjection: true });
      const res = await e.predict(json({}));
      expect(res.payload.contentEncoding).toBe('gzip');
      expect(Buffer.from(res.payload.bytes())).toEqual(zipped);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('reconnects after a node restarts on the same port', async () => {
    const first = await startRestNode(() => ({ body: { strData: 'first' } }));
    const e = executor({ name: 'm', type: 'MODEL', endpoint: ep(first.port) });
    expect((await e.predict(json({}))).payload.object()).toEqual({ strData: 'first' });
    await first.close();
    const second = await startRestNode(() => ({ body: { strData: 'second' } }), first.port);
    nodes.push(second);
    expect((await e.predict(json({}))).payload.object()).toEqual({ strData: 'second' });
  });

  it('reports readiness with TCP checks, and not-ready when a node is down', async () => {
    const down = await startRestNode(() => ({ body: {} }));
    await down.close();
    const e = executor({
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(router.port),
      children: [{ name: 'm0', type: 'MODEL', endpoint: ep(models[0]!.port) }],
    });
    expect(await e.status()).toEqual({
      ready: true,
      nodes: [
        { name: 'm0', ready: true },
        { name: 'r', ready: true },
      ],
    });
    const e2 = executor({
      name: 'r',
      type: 'ROUTER',
      endpoint: ep(router.port),
      children: [{ name: 'gone', type: 'MODEL', endpoint: ep(down.port) }],
    });
    expect(await e2.status()).toEqual({
      ready: false,
      nodes: [
        { name: 'gone', ready: false },
        { name: 'r', ready: true },
      ],
    });
  });
});

afterAll(() => closeTestClients());
