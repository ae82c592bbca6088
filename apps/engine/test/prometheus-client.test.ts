// The engine loads prom-client module by module (src/internal/prometheus-client.ts) to leave out the
// OpenTelemetry API its entry loads. A Prometheus scrape must not tell the difference: the default
// metrics are the ones prom-client's entry registers, same names, help, types and order, and the
// CPU counters written in the engine count the process's CPU time.
import { describe, it, expect } from '@jest/globals';
import * as promClient from 'prom-client';
import { collectDefaultMetrics, Counter, Gauge, Registry } from '../src/internal/prometheus-client.js';

/** name, help and type of every metric of a registry, in exposition order. */
async function shape(registry: { getMetricsAsJSON(): Promise<object[]> }) {
  const metrics = (await registry.getMetricsAsJSON()) as { name: string; help: string; type: string }[];
  return metrics.map(({ name, help, type }) => ({ name, help, type: String(type) }));
}

describe("the engine's prom-client", () => {
  it("registers the default metrics prom-client's entry registers", async () => {
    const ours = new Registry();
    collectDefaultMetrics(ours);
    const reference = new promClient.Registry();
    promClient.collectDefaultMetrics({ register: reference });
    const expected = await shape(reference);
    expect(expected.length).toBeGreaterThan(20);
    expect(await shape(ours)).toEqual(expected);
  });

  it('is the same Registry, Counter and Gauge classes as the entry exports', () => {
    expect(Registry).toBe(promClient.Registry);
    expect(Counter).toBe(promClient.Counter);
    expect(Gauge).toBe(promClient.Gauge);
  });

  it('counts the CPU time the process used since the metrics were registered', async () => {
    const registry = new Registry();
    collectDefaultMetrics(registry);
    const before = process.cpuUsage();
    // Burn some CPU so that the counters have something to count.
    let x = 0;
    for (let i = 0; i < 5e6; i++) x += Math.sqrt(i);
    expect(x).toBeGreaterThan(0);
    const used = process.cpuUsage(before);
    const value = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0]!.value;
    const user = await value('process_cpu_user_seconds_total');
    const system = await value('process_cpu_system_seconds_total');
    expect(user).toBeGreaterThanOrEqual(used.user / 1e6);
    expect(await value('process_cpu_seconds_total')).toBeCloseTo(user + system, 6);
  });
});
