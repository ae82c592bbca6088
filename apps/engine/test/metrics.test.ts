// The executor histograms and summaries are our own label-cached implementations (prom-client's
// labelled observe and t-digest summaries dominated the request path); their exposition must stay
// what Prometheus and the reference's dashboards read.
import { describe, it, expect } from '@jest/globals';
import { EngineMetrics } from '../src/internal/metrics.js';

const identity = {
  deploymentName: 'd',
  predictorName: 'p',
  predictor: { name: 'p', graph: { name: 'm' } },
} as never;
const labels =
  'deployment_name="d",predictor_name="p",predictor_version="",service="predictions",method="post",code="200"';

function line(text: string, prefix: string): number {
  const found = text.split('\n').find((l) => l.startsWith(prefix + ' '));
  if (found === undefined) throw new Error(`no line ${prefix} in\n${text}`);
  return Number(found.slice(prefix.length + 1));
}

describe('engine metrics', () => {
  it('histogram buckets are cumulative with +Inf, _sum and _count', async () => {
    const m = new EngineMetrics(identity);
    for (const s of [0.001, 0.004, 0.02, 0.3, 20]) m.observeServer('predictions', 'post', 200, s);
    const text = await m.registry.metrics();
    const name = 'seldon_api_executor_server_requests_seconds';
    expect(text).toContain(`# TYPE ${name} histogram`);
    expect(line(text, `${name}_bucket{le="0.005",${labels}}`)).toBe(2);
    expect(line(text, `${name}_bucket{le="0.025",${labels}}`)).toBe(3);
    expect(line(text, `${name}_bucket{le="0.5",${labels}}`)).toBe(4);
    expect(line(text, `${name}_bucket{le="10",${labels}}`)).toBe(4);
    expect(line(text, `${name}_bucket{le="+Inf",${labels}}`)).toBe(5);
    expect(line(text, `${name}_count{${labels}}`)).toBe(5);
    expect(line(text, `${name}_sum{${labels}}`)).toBeCloseTo(20.325, 9);
  });

  it('summary quantiles are within 2% of the exact ones, 1.0 is the maximum', async () => {
    const m = new EngineMetrics(identity);
    // 1..1000 ms: the exact q-quantile is q seconds
    for (let i = 1; i <= 1000; i++) m.observeServer('predictions', 'post', '200', i / 1000);
    const text = await m.registry.metrics();
    const name = 'seldon_api_executor_server_requests_seconds_summary';
    expect(text).toContain(`# TYPE ${name} summary`);
    for (const q of [0.5, 0.75, 0.9, 0.98, 0.99]) {
      const v = line(text, `${name}{quantile="${q}",${labels}}`);
      expect(Math.abs(v - q) / q).toBeLessThan(0.02);
    }
    expect(line(text, `${name}{quantile="1",${labels}}`)).toBe(1);
    expect(line(text, `${name}_count{${labels}}`)).toBe(1000);
    expect(line(text, `${name}_sum{${labels}}`)).toBeCloseTo(500.5, 6);
  });

  it('the same label set after a reload keeps one series', async () => {
    const m = new EngineMetrics(identity);
    m.observeServer('predictions', 'post', 200, 0.01);
    m.setIdentity(identity);
    m.observeServer('predictions', 'post', 200, 0.01);
    const text = await m.registry.metrics();
    const prefix = `seldon_api_executor_server_requests_seconds_count{${labels}}`;
    expect(text.split('\n').filter((l) => l.startsWith(prefix))).toEqual([`${prefix} 2`]);
  });

  it('in-flight gauges read the plain counters when scraped', async () => {
    const m = new EngineMetrics(identity);
    const http = m.inFlightCounter('http');
    http.inc();
    http.inc();
    http.dec();
    m.nodeInFlightCounter('classifier').inc();
    const text = await m.registry.metrics();
    expect(line(text, 'seldon_engine_in_flight_requests{server="http"}')).toBe(1);
    expect(line(text, 'seldon_engine_node_in_flight_requests{model_name="classifier"}')).toBe(1);
  });
});
