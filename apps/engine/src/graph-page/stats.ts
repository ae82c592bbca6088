// The figures of the graph page: per node the calls, errors and latency percentiles of the last
// minute, per router the branches it chose, and the last few failed requests. The engine's graph
// observer feeds it; each record is O(1) (a few counter increments in a fixed ring of per-second
// rows), and an engine without the page has no collector at all.
import type { GraphNodeSpec } from '@seldon-ts/graph-executor';
import { EngineError } from '../errors.js';
import { SecondRing } from './second-ring.js';
import { LATENCY_BINS, latencyBin, quantileMs } from './latency-bins.js';

/** Limits of {@link GraphStats}. */
export interface GraphStatsOptions {
  /** Length of the window the figures cover, in seconds. Default 60. */
  windowSeconds?: number;
  /** Failed requests kept for the page. Default 10. */
  recentErrors?: number;
  /** Longest error message kept, in characters (longer ones are cut). Default 300. */
  maxErrorMessageChars?: number;
  /** Clock in epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** Defaults of {@link GraphStatsOptions}. */
export const GRAPH_STATS_DEFAULTS = {
  windowSeconds: 60,
  recentErrors: 10,
  maxErrorMessageChars: 300,
} as const;

/** One node's figures over the window. */
export interface NodeFigures {
  calls: number;
  /** Calls per second over the part of the window the engine has been up. */
  ratePerSecond: number;
  errors: number;
  /** errors / calls (0 without calls). */
  errorRate: number;
  /** Median and 99th percentile latency in ms (upper bound of a 25%-wide bin); null without calls. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** The transport of the node's last call (`rest`, `grpc`, `in-process`, ...). */
  transport: string | null;
}

/** One failed request. */
export interface RecentError {
  /** Epoch ms. */
  time: number;
  /** The node the error names, or null when it is not a node's (e.g. an unreadable request). */
  node: string | null;
  code: string;
  message: string;
}

/** What `/graph/stats` answers. */
export interface GraphStatsSnapshot {
  windowSeconds: number;
  /** Seconds of the window the figures cover (less than windowSeconds just after start). */
  coveredSeconds: number;
  /** Epoch ms of the snapshot. */
  time: number;
  /** Predictions over the window: succeeded and failed. */
  requests: { calls: number; ratePerSecond: number; errors: number };
  nodes: Record<string, NodeFigures>;
  /** Per router: how many predictions took each branch (index = child position). */
  routers: Record<string, { branches: number[] }>;
  /** Newest first. */
  errors: RecentError[];
}

// Columns of a node's row: calls, errors, then the latency bins.
const CALLS = 0;
const ERRORS = 1;
const BINS = 2;

interface NodeSeries {
  ring: SecondRing;
  transport: string | null;
}

/** Collects the graph page's figures. */
export class GraphStats {
  readonly #window: number;
  readonly #maxErrors: number;
  readonly #maxMessage: number;
  readonly #now: () => number;
  readonly #startSecond: number;
  readonly #nodes = new Map<string, NodeSeries>();
  /** Graph-level predictions: column 0 calls, 1 errors. */
  readonly #requests: SecondRing;
  /** Routers (nodes with children) and their branch rings, rebuilt when the graph changes. */
  #routers: Array<{ name: string; ring: SecondRing }> = [];
  readonly #errors: RecentError[] = [];

  constructor(graph: GraphNodeSpec, options: GraphStatsOptions = {}) {
    this.#window = positiveInteger(
      options.windowSeconds,
      GRAPH_STATS_DEFAULTS.windowSeconds,
      'windowSeconds',
    );
    this.#maxErrors = positiveInteger(
      options.recentErrors,
      GRAPH_STATS_DEFAULTS.recentErrors,
      'recentErrors',
    );
    this.#maxMessage = positiveInteger(
      options.maxErrorMessageChars,
      GRAPH_STATS_DEFAULTS.maxErrorMessageChars,
      'maxErrorMessageChars',
    );
    this.#now = options.now ?? Date.now;
    this.#startSecond = Math.floor(this.#now() / 1000);
    this.#requests = new SecondRing(this.#window, 2);
    this.setGraph(graph);
  }

  /** Follows a new graph (a reload): routers are taken from it; figures of nodes that stay are kept. */
  setGraph(graph: GraphNodeSpec): void {
    const routers: Array<{ name: string; ring: SecondRing }> = [];
    const names = new Set<string>();
    const visit = (node: GraphNodeSpec): void => {
      names.add(node.name);
      const children = node.children ?? [];
      if (children.length > 0)
        routers.push({ name: node.name, ring: new SecondRing(this.#window, children.length) });
      for (const child of children) visit(child);
    };
    visit(graph);
    this.#routers = routers;
    for (const name of this.#nodes.keys()) if (!names.has(name)) this.#nodes.delete(name);
  }

  /** A node call that succeeded; health and metadata calls are not counted. */
  nodeCall(node: string, method: string, durationMs: number, transport: string): void {
    if (method === 'status' || method === 'metadata') return;
    const series = this.#series(node);
    const second = this.#second();
    series.transport = transport;
    series.ring.add(second, CALLS);
    series.ring.add(second, BINS + latencyBin(durationMs));
  }

  /** A node call that failed (counted as a call and an error); health and metadata calls are not counted. */
  nodeError(node: string, method: string, durationMs: number, transport: string): void {
    if (method === 'status' || method === 'metadata') return;
    const series = this.#series(node);
    const second = this.#second();
    series.transport = transport;
    series.ring.add(second, CALLS);
    series.ring.add(second, ERRORS);
    series.ring.add(second, BINS + latencyBin(durationMs));
  }

  /** A prediction that succeeded, with its routing map (node → branch; -1 all, -2 none). */
  request(routing: Readonly<Record<string, number>>): void {
    const second = this.#second();
    this.#requests.add(second, CALLS);
    for (const router of this.#routers) {
      const branch = routing[router.name];
      if (branch !== undefined && branch >= 0 && branch < router.ring.width) router.ring.add(second, branch);
    }
  }

  /** A prediction that failed: counted and kept among the recent errors. */
  requestError(error: unknown): void {
    const second = this.#second();
    this.#requests.add(second, CALLS);
    this.#requests.add(second, ERRORS);
    const e = error as { code?: unknown; message?: unknown; nodeName?: unknown };
    const message = typeof e?.message === 'string' ? e.message : String(error);
    this.#errors.unshift({
      time: this.#now(),
      node: typeof e?.nodeName === 'string' ? e.nodeName : null,
      code: typeof e?.code === 'string' ? e.code : 'UNKNOWN',
      message: message.length > this.#maxMessage ? `${message.slice(0, this.#maxMessage)}…` : message,
    });
    if (this.#errors.length > this.#maxErrors) this.#errors.length = this.#maxErrors;
  }

  /** The figures of the window ending now. */
  snapshot(): GraphStatsSnapshot {
    const time = this.#now();
    const second = Math.floor(time / 1000);
    const covered = Math.max(1, Math.min(this.#window, second - this.#startSecond + 1));
    const nodes: Record<string, NodeFigures> = {};
    for (const [name, series] of this.#nodes) {
      const t = series.ring.totals(second);
      const calls = t[CALLS];
      nodes[name] = {
        calls,
        ratePerSecond: calls / covered,
        errors: t[ERRORS],
        errorRate: calls === 0 ? 0 : t[ERRORS] / calls,
        p50Ms: quantileMs(t, BINS, 0.5) ?? null,
        p99Ms: quantileMs(t, BINS, 0.99) ?? null,
        transport: series.transport,
      };
    }
    const routers: GraphStatsSnapshot['routers'] = {};
    for (const r of this.#routers) routers[r.name] = { branches: [...r.ring.totals(second)] };
    const requests = this.#requests.totals(second);
    return {
      windowSeconds: this.#window,
      coveredSeconds: covered,
      time,
      requests: {
        calls: requests[CALLS],
        ratePerSecond: requests[CALLS] / covered,
        errors: requests[ERRORS],
      },
      nodes,
      routers,
      errors: this.#errors.map((e) => ({ ...e })),
    };
  }

  #second(): number {
    return Math.floor(this.#now() / 1000);
  }

  #series(node: string): NodeSeries {
    let series = this.#nodes.get(node);
    if (series === undefined) {
      series = { ring: new SecondRing(this.#window, BINS + LATENCY_BINS), transport: null };
      this.#nodes.set(node, series);
    }
    return series;
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new EngineError(
      'SC_ERR_ENGINE_CONFIG_INVALID',
      `graph page statistics: ${name} must be an integer >= 1, got ${value}`,
    );
  return value;
}
