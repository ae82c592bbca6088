import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { readFileSync } from 'node:fs';
import { startNode, unit, post, get, type RunningNode } from './support/nodes.js';

// Both REST servers: the engine's own HTTP/1.1 server (default) and node:http.
describe.each(['net', 'http'] as const)('REST serving: single model (%s server)', (httpServer) => {
  let node: RunningNode;
  let engine: EngineHandle;

  beforeAll(async () => {
    node = await startNode('classifier', {
      predict: (X: unknown) => X,
    } as never);
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      httpServer,
      deploymentName: 'mysdep',
      namespace: 'ns1',
      predictor: { name: 'default', graph: unit(node, 'MODEL') },
      log: () => undefined,
    });
    await engine.ready(5000);
  });

  afterAll(async () => {
    await engine?.close();
    await node?.close();
  });

  it('a client that goes away in the middle of its body is counted as SC_ERR_ENGINE_BODY_READ_FAILED and the engine serves on', async () => {
    const { connect } = await import('node:net');
    const socket = connect({ host: '127.0.0.1', port: engine.httpPort });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"data":',
    );
    await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    const line = 'seldon_engine_errors_total{code="SC_ERR_ENGINE_BODY_READ_FAILED",server="http"} 1';
    let metrics = '';
    for (let i = 0; i < 100 && !metrics.includes(line); i++) {
      await new Promise((r) => setTimeout(r, 10));
      metrics = await engine.metrics();
    }
    expect(metrics).toContain(line);
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[3]]}}');
    expect(res.status).toBe(200);
  });

  it('refuses a request with ambiguous framing (Content-Length and Transfer-Encoding) with 400 and closes', async () => {
    const { connect } = await import('node:net');
    const socket = connect({ host: '127.0.0.1', port: engine.httpPort });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      'POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    await closed;
    const answer = Buffer.concat(chunks).toString('latin1');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    if (httpServer === 'net') {
      // The own server names the problem in the usual status body and counts it.
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
      expect(body.status).toMatchObject({
        code: 400,
        reason: 'SC_ERR_ENGINE_HTTP_MALFORMED',
        status: 'FAILURE',
      });
      expect(body.status.info).toMatch(/both Content-Length and Transfer-Encoding/);
      expect(await engine.metrics()).toContain(
        'seldon_engine_errors_total{code="SC_ERR_ENGINE_HTTP_MALFORMED",server="http"} 1',
      );
    }
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[4]]}}');
    expect(res.status).toBe(200);
  });

  it('answers a chunked request body and keeps serving on the same connection', async () => {
    const { connect } = await import('node:net');
    const socket = connect({ host: '127.0.0.1', port: engine.httpPort });
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    const body = '{"data":{"ndarray":[[5,6]]}}';
    const request = (path: string) =>
      `POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n` +
      `${(10).toString(16)}\r\n${body.slice(0, 10)}\r\n${(body.length - 10).toString(16)};ext=1\r\n${body.slice(10)}\r\n0\r\n\r\n`;
    socket.write(request('/api/v1.0/predictions') + request('/api/v0.1/predictions'));
    for (let i = 0; i < 200 && (text.match(/"ndarray":\[\[5,6\]\]/g) ?? []).length < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    socket.destroy();
    expect(text.match(/HTTP\/1\.1 200 OK\r\n/g)).toHaveLength(2);
    expect(text.match(/"ndarray":\[\[5,6\]\]/g)).toHaveLength(2);
  });

  it('runs a prediction through the model and returns its body and puid', async () => {
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1,2]]}}', {
      'seldon-puid': 'abc-123',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('seldon-puid')).toBe('abc-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.json().data.ndarray).toEqual([[1, 2]]);
  });

  it('generates a puid when the client sends none', async () => {
    const res = await post(engine.httpPort, '/api/v0.1/predictions', '{"data":{"ndarray":[[3]]}}');
    expect(res.status).toBe(200);
    expect(res.headers.get('seldon-puid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers probes and exposes the reference metric names', async () => {
    expect((await get(engine.httpPort, '/live')).status).toBe(200);
    expect((await get(engine.httpPort, '/ready')).status).toBe(200);
    const verbose = await get(engine.httpPort, '/ready?verbose=1');
    expect(verbose.json()).toEqual({ ready: true, nodes: { classifier: true } });
    const metrics = await get(engine.httpPort, '/metrics');
    expect(metrics.text).toContain(
      'seldon_api_executor_server_requests_seconds_bucket{le="0.005",deployment_name="mysdep",predictor_name="default",predictor_version="",service="predictions",method="post",code="200"}',
    );
    expect(metrics.text).toMatch(
      /seldon_api_executor_client_requests_seconds_count\{deployment_name="mysdep",predictor_name="default",predictor_version="",service="\/predict",model_name="classifier",model_image="",model_version="",method="post",code="200"\} \d+/,
    );
    expect(metrics.text).toContain('seldon_api_executor_server_requests_seconds_summary{quantile="0.5"');
  });

  it('answers CORS preflight, 404 and 405', async () => {
    const pre = await fetch(`http://127.0.0.1:${engine.httpPort}/api/v1.0/predictions`, {
      method: 'OPTIONS',
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('OPTIONS,POST');
    expect((await get(engine.httpPort, '/nope')).status).toBe(404);
    const wrong = await get(engine.httpPort, '/api/v1.0/predictions');
    expect(wrong.status).toBe(405);
    expect(wrong.json().status.reason).toBe('SC_ERR_ENGINE_METHOD_NOT_ALLOWED');
  });

  it('the Grafana dashboard only queries metrics the engine exposes', async () => {
    const dashboard = readFileSync(
      new URL('../../../deploy/grafana/seldon-engine-dashboard.json', import.meta.url),
      'utf8',
    );
    const names = new Set(
      [...dashboard.matchAll(/seldon_[a-z_]+(?![a-z_*])/g)].map((m) =>
        m[0].replace(/_(bucket|count|sum)$/, ''),
      ),
    );
    expect(names.size).toBeGreaterThan(5);
    const metrics = await engine.metrics();
    for (const name of names) expect(metrics).toContain(`# TYPE ${name} `);
  });
});

// Regression: a model's whole doubles lost their ".0" on the way to a REST client ([1.5,2] where
// the reference writes [1.5,2.0]), so a Python client's np.array(...) of an all-whole answer was
// int64, not float64. A component's own list of ints stays ints, as the Python wrapper writes it.
describe("a model's doubles reach the REST client as doubles", () => {
  let node: RunningNode;
  let engine: EngineHandle;
  beforeAll(async () => {
    node = await startNode('scores', {
      // A numeric result (a Float64Array, numpy's float64) for input 1, a JS list of ints otherwise.
      predict: (X: { get(...i: number[]): unknown }) =>
        X.get(0, 0) === 1 ? Float64Array.of(1, 0, 1.5, 2) : [[1, 0]],
    } as never);
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      predictor: { name: 'default', graph: unit(node, 'MODEL') },
      log: () => undefined,
    });
    await engine.ready(5000);
  });
  afterAll(async () => {
    await engine?.close();
    await node?.close();
  });

  it('ndarray and tensor answers keep the ".0" of whole doubles', async () => {
    const nd = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1,2]]}}');
    expect(nd.status).toBe(200);
    expect(nd.text).toContain('"data":{"names":[],"ndarray":[1.0,0.0,1.5,2.0]}');
    const tensor = await post(
      engine.httpPort,
      '/api/v1.0/predictions',
      '{"data":{"tensor":{"shape":[1,2],"values":[1,2]}}}',
    );
    expect(tensor.text).toContain('"data":{"names":[],"tensor":{"shape":[4],"values":[1.0,0.0,1.5,2.0]}}');
  });

  it("a component's own list of ints is answered as ints", async () => {
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[5,6]]}}');
    expect(res.text).toContain('"data":{"names":["t:0","t:1"],"ndarray":[[1,0]]}');
  });
});
