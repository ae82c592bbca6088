import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { readFileSync } from 'node:fs';
import { startNode, unit, post, get, type RunningNode } from './support/nodes.js';

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
