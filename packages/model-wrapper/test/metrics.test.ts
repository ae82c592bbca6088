import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { statusOf } from './support/http.js';
import { startMicroservice, SeldonResponse, type Microservice } from '@seldon-ts/model-wrapper';

let svc: Microservice;

beforeAll(async () => {
  svc = await startMicroservice(
    {
      metrics: () => [
        { key: 'mycounter', type: 'COUNTER', value: 1, tags: { mytag: 'x' } },
        { key: 'mygauge', type: 'GAUGE', value: 100 },
      ],
      predict: () => new SeldonResponse([1], undefined, [{ key: 'mytimer', type: 'TIMER', value: 20.2 }]),
      sendFeedback: () => undefined,
    },
    {
      httpPort: 0,
      grpcPort: null,
      metricsPort: 0,
      host: '127.0.0.1',
      metricsPath: '/prometheus',
      env: {
        PREDICTIVE_UNIT_ID: 'classifier',
        PREDICTIVE_UNIT_IMAGE: 'repo/clf:1.0',
        PREDICTOR_ID: 'default',
        SELDON_DEPLOYMENT_ID: 'sdep',
        PREDICTOR_LABELS: '{"version":"v7"}',
      },
    },
  );
});
afterAll(async () => {
  await svc.close();
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${svc.httpPort}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('metrics port (03 §4)', () => {
  it('exposes custom COUNTER/GAUGE/TIMER, feedback metrics and request histograms with the reference labels', async () => {
    await (await post('/predict', { data: { ndarray: [1] } })).text();
    await (await post('/predict', { data: { ndarray: [1] } })).text();
    await (await post('/send-feedback', { request: { data: { ndarray: [1] } }, reward: 0.5 })).text();
    const res = await fetch(`http://127.0.0.1:${svc.metricsPort}/prometheus`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const labels =
      'deployment_name="sdep",model_name="classifier",model_image="repo/clf",model_version="1.0",predictor_name="default",predictor_version="v7",' +
      'seldon_deployment_name="sdep",image_name="repo/clf",image_version="1.0",worker_id="' +
      process.pid +
      '"';
    expect(text).toContain('# TYPE mycounter_total counter');
    expect(text).toContain(`mycounter_total{mytag="x",method="predict",${labels}} 2`);
    expect(text).toContain(`mycounter_total{mytag="x",method="feedback",${labels}} 1`);
    expect(text).toContain(`mygauge{method="predict",${labels}} 100`);
    expect(text).toContain('# TYPE mytimer histogram');
    expect(text).toContain(`mytimer_count{method="predict",${labels}} 2`);
    expect(text).toMatch(/mytimer_sum\{method="predict",[^}]*\} 0\.0404/);
    expect(text).toContain(`mytimer_bucket{method="predict",${labels},le="0.001"} 0`);
    expect(text).toContain(`mytimer_bucket{method="predict",${labels},le="30"} 2`);
    expect(text).toContain(`mytimer_bucket{method="predict",${labels},le="+Inf"} 2`);
    expect(text).toContain(`seldon_api_model_feedback_total{method="feedback",${labels}} 1`);
    expect(text).toContain(`seldon_api_model_feedback_reward_total{method="feedback",${labels}} 0.5`);
    expect(text).toMatch(/seldon_api_wrapper_requests_seconds_count\{[^}]*service="predict"[^}]*\} 2/);
    expect(text).toContain('process_cpu_user_seconds_total');
    // 50 timer buckets + Inf.
    expect(text.split('\n').filter((l) => l.startsWith('mytimer_bucket')).length).toBe(51);
  });

  it('other paths on the metrics port answer 404', async () => {
    expect((await fetch(`http://127.0.0.1:${svc.metricsPort}/metrics`)).status).toBe(404);
  });

  it('a metric type clash is a 500 MICROSERVICE_BAD_METRIC', async () => {
    const other = await startMicroservice(
      {
        predict: (X: unknown) =>
          new SeldonResponse([1], undefined, [
            { key: 'clash', type: (X as { size: number }).size === 1 ? 'COUNTER' : 'GAUGE', value: 1 },
          ]),
      },
      { httpPort: 0, grpcPort: null, metricsPort: null, host: '127.0.0.1', env: {} },
    );
    try {
      const ok = await fetch(`http://127.0.0.1:${other.httpPort}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"data":{"ndarray":[1]}}',
      });
      expect(ok.status).toBe(200);
      const bad = await fetch(`http://127.0.0.1:${other.httpPort}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"data":{"ndarray":[1,2]}}',
      });
      expect(bad.status).toBe(500);
      expect((await statusOf(bad)).status.reason).toBe('MICROSERVICE_BAD_METRIC');
    } finally {
      await other.close();
    }
  });
});
