import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { startNode, unit, post, get, type RunningNode } from './support/nodes.js';

/**
 * Writes `request` on a new connection and resolves with everything the engine sent, once
 * `complete(text)` is true or the engine closed the connection (`closed`).
 */
function rawExchange(
  port: number,
  request: string,
  complete: (text: string) => boolean = () => false,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (complete(text)) {
        socket.destroy();
        resolve({ text, closed: false });
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closed: true }));
    socket.write(request);
  });
}

/** The status JSON of an answer in `text` (its first answer). */
function statusOf(text: string): { code: number; info: string; reason: string; status: string } {
  const head = text.indexOf('\r\n\r\n');
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head))?.[1]);
  return JSON.parse(text.slice(head + 4, head + 4 + length)).status;
}

describe('REST serving: single model', () => {
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
    const answer = await rawExchange(
      engine.httpPort,
      'POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-length: 4\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n',
    );
    expect(answer.closed).toBe(true);
    expect(answer.text).toMatch(/^HTTP\/1\.1 400 /);
    // The problem is named in the usual status body and counted.
    const status = statusOf(answer.text);
    expect(status).toMatchObject({ code: 400, reason: 'SC_ERR_ENGINE_HTTP_MALFORMED', status: 'FAILURE' });
    expect(status.info).toMatch(/Transfer-Encoding can't be present with Content-Length/);
    expect(await engine.metrics()).toContain(
      'seldon_engine_errors_total{code="SC_ERR_ENGINE_HTTP_MALFORMED",server="http"} 1',
    );
    const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[4]]}}');
    expect(res.status).toBe(200);
  });

  it('refuses a head over maxHeaderBytes with 431 naming the limit, and an HTTP/1.1 request without Host with 400', async () => {
    const big = await rawExchange(
      engine.httpPort,
      `GET /live HTTP/1.1\r\nhost: x\r\nx-filler: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big.closed).toBe(true);
    expect(big.text).toMatch(/^HTTP\/1\.1 431 /);
    expect(statusOf(big.text)).toMatchObject({
      reason: 'SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE',
      info: 'the request head exceeds 16384 bytes (maxHeaderBytes)',
    });
    const hostless = await rawExchange(engine.httpPort, 'GET /live HTTP/1.1\r\n\r\n');
    expect(hostless.closed).toBe(true);
    expect(hostless.text).toMatch(/^HTTP\/1\.1 400 /);
    expect(statusOf(hostless.text)).toMatchObject({
      reason: 'SC_ERR_ENGINE_HTTP_MALFORMED',
      info: 'an HTTP/1.1 request needs a Host header',
    });
    const metrics = await engine.metrics();
    expect(metrics).toContain(
      'seldon_engine_errors_total{code="SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE",server="http"} 1',
    );
    // An HTTP/1.0 request needs no Host.
    const old = await rawExchange(engine.httpPort, 'GET /live HTTP/1.0\r\n\r\n');
    expect(old.text).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('reduces an absolute-form request target to its path and query', async () => {
    const { text } = await rawExchange(
      engine.httpPort,
      'GET http://engine.example:8000/ready?verbose=1 HTTP/1.1\r\nhost: engine.example\r\n\r\n',
      (t) => t.endsWith('}'),
    );
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toContain('"nodes":{"classifier":true}');
  });

  it('refuses, as llhttp does, a target without a leading slash and raw bytes 0x80-0xFF in it (400)', async () => {
    for (const request of [
      Buffer.from('POST api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}', 'latin1'),
      Buffer.from('GET /ready\x80\xff HTTP/1.1\r\nhost: x\r\n\r\n', 'latin1'),
    ]) {
      const { text } = await rawExchange(engine.httpPort, request.toString('latin1'), (t) => t.endsWith('}'));
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      expect(statusOf(text).reason).toBe('SC_ERR_ENGINE_HTTP_MALFORMED');
    }
  });

  it('refuses HTTP/2.0 on the REST port (505), another expectation than 100-continue (417) and a transfer coding other than chunked (501)', async () => {
    const cases: [string, number, string][] = [
      ['GET /live HTTP/2.0\r\nhost: x\r\n\r\n', 505, 'SC_ERR_ENGINE_HTTP_VERSION'],
      [
        'POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\nexpect: the-moon\r\ncontent-length: 2\r\n\r\n{}',
        417,
        'SC_ERR_ENGINE_HTTP_EXPECTATION',
      ],
      [
        'POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ntransfer-encoding: gzip\r\n\r\n',
        501,
        'SC_ERR_ENGINE_HTTP_NOT_IMPLEMENTED',
      ],
    ];
    for (const [request, code, reason] of cases) {
      const answer = await rawExchange(engine.httpPort, request);
      expect(answer.closed).toBe(true);
      expect(answer.text.slice(0, 13)).toBe(`HTTP/1.1 ${code} `);
      expect(statusOf(answer.text)).toMatchObject({ code, reason, status: 'FAILURE' });
    }
  });

  it('answers a chunked request body and keeps serving on the same connection', async () => {
    const body = '{"data":{"ndarray":[[5,6]]}}';
    const request = (path: string) =>
      `POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n` +
      `${(10).toString(16)}\r\n${body.slice(0, 10)}\r\n${(body.length - 10).toString(16)};ext=1\r\n${body.slice(10)}\r\n0\r\n\r\n`;
    const { text, closed } = await rawExchange(
      engine.httpPort,
      request('/api/v1.0/predictions') + request('/api/v0.1/predictions'),
      (t) => (t.match(/"ndarray":\[\[5,6\]\]/g) ?? []).length === 2,
    );
    expect(closed).toBe(false);
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

describe('REST body limit (maxBodyBytes 1024)', () => {
  let node: RunningNode;
  let engine: EngineHandle;
  const over = `{"data":{"ndarray":[[${'1,'.repeat(1100)}1]]}}`;
  beforeAll(async () => {
    node = await startNode('identity', { predict: (X: unknown) => X } as never);
    engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      maxBodyBytes: 1024,
      predictor: { name: 'default', graph: unit(node, 'MODEL') },
      log: () => undefined,
    });
    await engine.ready(5000);
  });
  afterAll(async () => {
    await engine?.close();
    await node?.close();
  });
  const twoAnswers = (t: string) =>
    (t.match(/HTTP\/1\.1 \d\d\d /g) ?? []).length === 2 && t.endsWith('\r\n\r\n');

  it('answers a declared Content-Length over the limit 413 naming the limit, drops the body and serves the next request', async () => {
    const { text, closed } = await rawExchange(
      engine.httpPort,
      `POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${over.length}\r\n\r\n${over}` +
        'GET /live HTTP/1.1\r\nhost: x\r\n\r\n',
      twoAnswers,
    );
    expect(closed).toBe(false);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(statusOf(text)).toEqual({
      code: 413,
      info: `request body of ${over.length} bytes exceeds the limit of 1024 bytes (maxBodyBytes)`,
      reason: 'SC_ERR_ENGINE_BODY_TOO_LARGE',
      status: 'FAILURE',
    });
    expect(text.slice(text.lastIndexOf('HTTP/1.1'))).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('answers a chunked body that grows over the limit 413 and serves the next request', async () => {
    const chunks = [over.slice(0, 1000), over.slice(1000)].map((c) => `${c.length.toString(16)}\r\n${c}\r\n`);
    const { text } = await rawExchange(
      engine.httpPort,
      `POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n${chunks.join('')}0\r\n\r\n` +
        'GET /live HTTP/1.1\r\nhost: x\r\n\r\n',
      twoAnswers,
    );
    expect(statusOf(text)).toMatchObject({
      code: 413,
      info: 'request body exceeds the limit of 1024 bytes (maxBodyBytes)',
      reason: 'SC_ERR_ENGINE_BODY_TOO_LARGE',
    });
    expect(text.slice(text.lastIndexOf('HTTP/1.1'))).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('sends no 100 Continue for a body over the limit: the 413 at once, then the connection closes', async () => {
    const { text, closed } = await rawExchange(
      engine.httpPort,
      `POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nexpect: 100-continue\r\ncontent-length: ${over.length}\r\n\r\n`,
    );
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nConnection: close\r\n/i);
    expect(statusOf(text).reason).toBe('SC_ERR_ENGINE_BODY_TOO_LARGE');
  });

  it('sends 100 Continue for a body within the limit, then the answer', async () => {
    const socket = connect({ host: '127.0.0.1', port: engine.httpPort });
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
    /** Resolves once what the engine sent matches `what` (checked after each chunk). */
    const seen = (what: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!what.test(text)) return;
          socket.off('data', check);
          resolve();
        };
        socket.on('data', check);
      });
    const body = '{"data":{"ndarray":[[7]]}}';
    const continued = seen(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    socket.write(
      `POST /api/v1.0/predictions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nexpect: 100-continue\r\ncontent-length: ${body.length}\r\n\r\n`,
    );
    await continued;
    const answered = seen(/"ndarray":\[\[7\]\]/);
    socket.write(body);
    await answered;
    socket.destroy();
    expect(text).toMatch(/\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
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
