// The graph page's collector: per-node calls, errors and latency percentiles over a one-minute
// ring of per-second rows, router branch counts and the last errors, on a fake clock.
import { describe, it, expect, beforeEach, afterEach, jest } from '@jest/globals';
import { GraphStats } from '../src/graph-page/stats.js';
import { TrafficSplit } from '../src/graph-page/traffic-split.js';
import { latencyBin, binUpperMs, quantileMs, LATENCY_BINS } from '../src/graph-page/latency-bins.js';

const GRAPH = {
  name: 'router',
  type: 'ROUTER',
  children: [
    { name: 'a', type: 'MODEL' },
    { name: 'b', type: 'MODEL' },
  ],
};
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('GraphStats', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts calls, errors and latency percentiles per node over the window', () => {
    const stats = new GraphStats(GRAPH);
    // 98 fast calls (2 ms) and 2 slow ones (200 ms), one of them failed, over 10 seconds.
    for (let s = 0; s < 10; s++) {
      for (let i = 0; i < 10; i++) {
        const n = s * 10 + i;
        if (n === 50) stats.nodeError('a', 'predict', 200, 'rest');
        else stats.nodeCall('a', 'predict', n === 99 ? 200 : 2, 'rest');
      }
      jest.advanceTimersByTime(1000);
    }
    const a = stats.snapshot().nodes.a;
    expect(a.calls).toBe(100);
    expect(a.errors).toBe(1);
    expect(a.errorRate).toBeCloseTo(0.01, 10);
    expect(a.transport).toBe('rest');
    // Up for 11 seconds (the 11th just begun): 100 calls / 11 s.
    expect(a.ratePerSecond).toBeCloseTo(100 / 11, 10);
    // Bins are 25% wide: a percentile is its bin's upper bound, within 25% above the truth.
    expect(a.p50Ms).toBeGreaterThanOrEqual(2);
    expect(a.p50Ms).toBeLessThan(2 * 1.25);
    expect(a.p99Ms).toBeGreaterThanOrEqual(200);
    expect(a.p99Ms).toBeLessThan(200 * 1.25);
    expect(stats.snapshot().nodes.b).toBeUndefined();
  });

  it('forgets what is older than the window, slot by slot', () => {
    const stats = new GraphStats(GRAPH, { windowSeconds: 60 });
    stats.nodeCall('a', 'predict', 1, 'grpc');
    jest.advanceTimersByTime(30_000);
    stats.nodeCall('a', 'predict', 1, 'grpc');
    stats.nodeCall('a', 'predict', 1, 'grpc');
    expect(stats.snapshot().nodes.a.calls).toBe(3);
    jest.advanceTimersByTime(30_000); // the first call's second is now 60 s old
    expect(stats.snapshot().nodes.a.calls).toBe(2);
    expect(stats.snapshot().coveredSeconds).toBe(60);
    jest.advanceTimersByTime(30_000);
    const a = stats.snapshot().nodes.a;
    expect(a).toMatchObject({ calls: 0, errors: 0, errorRate: 0, p50Ms: null, p99Ms: null });
    // A slot reused a minute later starts from zero.
    stats.nodeCall('a', 'predict', 1, 'grpc');
    expect(stats.snapshot().nodes.a.calls).toBe(1);
  });

  it('does not count health and metadata calls', () => {
    const stats = new GraphStats(GRAPH);
    stats.nodeCall('a', 'status', 1, 'rest');
    stats.nodeError('a', 'metadata', 1, 'rest');
    expect(stats.snapshot().nodes.a).toBeUndefined();
  });

  it('counts the branch each router took, from the routing map', () => {
    const stats = new GraphStats(GRAPH);
    for (let i = 0; i < 7; i++) stats.request({ router: 1, b: -1 });
    for (let i = 0; i < 3; i++) stats.request({ router: 0, a: -1 });
    stats.request({ router: -1 }); // all children: no branch
    stats.request({ router: 5 }); // out of range: ignored
    const snap = stats.snapshot();
    expect(snap.routers).toEqual({ router: { branches: [3, 7] } });
    expect(snap.requests).toMatchObject({ calls: 12, errors: 0 });
  });

  it('keeps the last errors, newest first, bounded and cut', () => {
    const stats = new GraphStats(GRAPH, { recentErrors: 3, maxErrorMessageChars: 10 });
    for (let i = 0; i < 5; i++) {
      stats.requestError(
        Object.assign(new Error(`failure number ${i}`), { code: 'SC_ERR_X', nodeName: 'a' }),
      );
      jest.advanceTimersByTime(1000);
    }
    stats.requestError(new Error('no node'));
    const snap = stats.snapshot();
    expect(snap.errors).toHaveLength(3);
    expect(snap.errors[0]).toEqual({ time: T0 + 5000, node: null, code: 'UNKNOWN', message: 'no node' });
    expect(snap.errors[1]).toEqual({ time: T0 + 4000, node: 'a', code: 'SC_ERR_X', message: 'failure nu…' });
    expect(snap.requests).toMatchObject({ calls: 6, errors: 6 });
  });

  it('follows a reloaded graph: new routers, gone nodes dropped', () => {
    const stats = new GraphStats(GRAPH);
    stats.nodeCall('a', 'predict', 1, 'rest');
    stats.nodeCall('b', 'predict', 1, 'rest');
    stats.setGraph({
      name: 'combiner',
      type: 'COMBINER',
      children: [{ name: 'a' }, { name: 'c' }, { name: 'd' }],
    });
    stats.request({ combiner: 2 });
    const snap = stats.snapshot();
    expect(Object.keys(snap.nodes)).toEqual(['a']);
    expect(snap.routers).toEqual({ combiner: { branches: [0, 0, 1] } });
  });

  it('refuses invalid limits with a configuration error naming the option', () => {
    expect(() => new GraphStats(GRAPH, { windowSeconds: 0 })).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_ENGINE_CONFIG_INVALID',
        message: expect.stringMatching(/windowSeconds/),
      }),
    );
    expect(() => new GraphStats(GRAPH, { recentErrors: 1.5 })).toThrow(/recentErrors/);
  });
});

describe('latency bins', () => {
  it('put each duration in the bin whose upper bound is the first at or above it', () => {
    for (const ms of [0.001, 0.01, 0.5, 1, 3.7, 42, 999, 12_000]) {
      const bin = latencyBin(ms);
      expect(binUpperMs(bin)).toBeGreaterThanOrEqual(Math.min(ms, binUpperMs(LATENCY_BINS - 1)));
      if (bin > 0) expect(binUpperMs(bin - 1)).toBeLessThan(ms);
    }
    expect(latencyBin(1e9)).toBe(LATENCY_BINS - 1);
    expect(quantileMs(new Uint32Array(LATENCY_BINS), 0, 0.5)).toBeUndefined();
  });
});

describe('TrafficSplit', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('counts requests per predictor over the last minute and picks the shown predictor', () => {
    const split = new TrafficSplit([
      { name: 'main', traffic: 75, shadow: false },
      { name: 'canary', traffic: 25, shadow: false },
      { name: 'mirror', traffic: 0, shadow: true },
    ]);
    for (let i = 0; i < 3; i++) split.count('main');
    split.count('canary');
    split.count('unknown');
    jest.advanceTimersByTime(61_000);
    split.count('canary');
    expect(split.snapshot('main')).toEqual({
      windowSeconds: 60,
      current: 'main',
      predictors: [
        { name: 'main', traffic: 75, shadow: false, requests: 0 },
        { name: 'canary', traffic: 25, shadow: false, requests: 1 },
        { name: 'mirror', traffic: 0, shadow: true, requests: 0 },
      ],
    });
    expect(split.pick(null)?.name).toBe('main');
    expect(split.pick('canary')?.name).toBe('canary');
    expect(split.pick('nope')).toBeUndefined();
  });
});
