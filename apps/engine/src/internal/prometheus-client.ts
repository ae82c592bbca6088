// prom-client's Registry, Counter and Gauge and its default process metrics, loaded module by
// module. prom-client's entry loads its default metrics, and their CPU counter requires
// @opentelemetry/api for exemplars: 5.8 MB of RSS in a fresh process (8.2 MB for the entry, 0.4 MB
// for the four modules the engine uses), in every pod, for exemplars the engine never asks for.
// Here the default metrics are prom-client's own modules (lib/metrics/*) except that CPU counter,
// which is written below on prom-client's Counter with the same names and help. prom-client has no
// `exports` map; test/prometheus-client.test.ts checks that the engine registers exactly the
// default metrics prom-client's entry would, so a moved module fails there.
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

const load = createRequire(import.meta.url);

export const Registry = load('prom-client/lib/registry.js') as typeof PromClient.Registry;
export type Registry = PromClient.Registry;
export const Counter = load('prom-client/lib/counter.js') as typeof PromClient.Counter;
export type Counter<T extends string = string> = PromClient.Counter<T>;
export const Gauge = load('prom-client/lib/gauge.js') as typeof PromClient.Gauge;
export type Gauge<T extends string = string> = PromClient.Gauge<T>;

/** prom-client's default metric modules other than the CPU counters, in its order. */
const DEFAULT_METRIC_MODULES = [
  'processStartTime',
  'osMemoryHeap',
  'processOpenFileDescriptors',
  'processMaxFileDescriptors',
  'eventLoopLag',
  'processResources',
  'processHandles',
  'processRequests',
  'heapSizeAndUsed',
  'heapSpacesSizeAndUsed',
  'version',
  'gc',
] as const;

type DefaultMetric = (register: Registry, config: { eventLoopMonitoringPrecision: number }) => void;

/** Registers prom-client's default metrics (process_*, nodejs_*) on `register`. */
export function collectDefaultMetrics(register: Registry): void {
  registerCpuCounters(register);
  for (const name of DEFAULT_METRIC_MODULES)
    (load(`prom-client/lib/metrics/${name}.js`) as DefaultMetric)(register, {
      eventLoopMonitoringPrecision: 10,
    });
}

/** process_cpu_user_seconds_total, process_cpu_system_seconds_total, process_cpu_seconds_total. */
function registerCpuCounters(register: Registry): void {
  let last = process.cpuUsage();
  const registers = [register];
  // One metric's collect sets all three, as prom-client's does.
  const user: Counter = new Counter({
    name: 'process_cpu_user_seconds_total',
    help: 'Total user CPU time spent in seconds.',
    registers,
    collect() {
      const now = process.cpuUsage();
      const userMicros = now.user - last.user;
      const systemMicros = now.system - last.system;
      last = now;
      user.inc(userMicros / 1e6);
      system.inc(systemMicros / 1e6);
      total.inc((userMicros + systemMicros) / 1e6);
    },
  });
  const system = new Counter({
    name: 'process_cpu_system_seconds_total',
    help: 'Total system CPU time spent in seconds.',
    registers,
  });
  const total = new Counter({
    name: 'process_cpu_seconds_total',
    help: 'Total user and system CPU time spent in seconds.',
    registers,
  });
}
