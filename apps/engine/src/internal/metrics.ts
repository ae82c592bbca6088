// Prometheus metrics. The four seldon_api_executor_* families keep the reference's names, labels,
// buckets and summary objectives (03 §3) so existing Seldon dashboards keep working; the
// seldon_engine_* families are our additions.
import { Registry, Counter, Gauge, collectDefaultMetrics } from './prometheus-client.js';
import type { PredictorSpec } from '@seldon-ts/crd-types';

export const SERVER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const SUMMARY_PERCENTILES = [0.5, 0.75, 0.9, 0.98, 0.99, 1.0];
const SERVER_LABELS = [
  'deployment_name',
  'predictor_name',
  'predictor_version',
  'service',
  'method',
  'code',
] as const;
const CLIENT_LABELS = [
  'deployment_name',
  'predictor_name',
  'predictor_version',
  'service',
  'model_name',
  'model_image',
  'model_version',
  'method',
  'code',
] as const;

interface Observer {
  observe(value: number): void;
}

type Labels = Record<string, string>;

/** What prom-client's Registry reads from a metric (its `get()` contract). */
interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/**
 * A Prometheus histogram whose label children are plain arrays. prom-client's labelled
 * `observe` hashes the label object on every call (~1-2 µs); here a request costs a bucket scan
 * and three additions. Exposition is the same as prom-client's (`le` first, then the labels).
 */
class FastHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #children = new Map<
    string,
    { labels: Labels; counts: Float64Array; sum: number; count: number }
  >();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  child(labels: Labels): Observer {
    // The same label set (e.g. again after a graph reload) keeps adding to its one series.
    const key = JSON.stringify(labels);
    let c = this.#children.get(key);
    if (c === undefined) {
      c = { labels, counts: new Float64Array(this.buckets.length), sum: 0, count: 0 };
      this.#children.set(key, c);
    }
    const series = c;
    const buckets = this.buckets;
    return {
      observe(value: number) {
        for (let i = 0; i < buckets.length; i++) {
          if (value <= buckets[i]) {
            series.counts[i]++;
            break;
          }
        }
        series.sum += value;
        series.count++;
      },
    };
  }

  reset(): void {
    this.#children.clear();
  }

  get() {
    const values: MetricValue[] = [];
    for (const c of this.#children.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += c.counts[i];
        values.push({
          labels: { le: this.buckets[i], ...c.labels },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        });
      }
      values.push({ labels: { le: '+Inf', ...c.labels }, value: c.count, metricName: `${this.name}_bucket` });
      values.push({ labels: c.labels, value: c.sum, metricName: `${this.name}_sum` });
      values.push({ labels: c.labels, value: c.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}

/** Relative width of the summary's log-spaced value bins: quantiles are exact to within ~1%. */
const SUMMARY_BIN_GROWTH = 1.02;
const SUMMARY_LOG_GROWTH = Math.log(SUMMARY_BIN_GROWTH);
/** Smallest value told apart (1 µs); anything below lands in the first bin. */
const SUMMARY_MIN_VALUE = 1e-6;
const SUMMARY_BINS = Math.ceil(Math.log(1e4 / SUMMARY_MIN_VALUE) / SUMMARY_LOG_GROWTH) + 1;

interface SummaryWindow {
  bins: Uint32Array;
  count: number;
  max: number;
}

/**
 * A Prometheus summary over a sliding window (`maxAgeSeconds` split into `ageBuckets` windows, as
 * prom-client's), with quantiles read from log-spaced bins instead of t-digests: prom-client
 * inserts every observation into one t-digest per age bucket (5 here), several µs per request.
 * Here an observation is one logarithm and one increment; quantiles are within ~1% of the true
 * value (bin width 2%), the 1.0 quantile is the exact maximum. `_sum` and `_count` are totals.
 */
class WindowedSummary {
  readonly type = 'summary';
  readonly aggregator = 'sum';
  readonly #children = new Map<
    string,
    { labels: Labels; windows: SummaryWindow[]; head: number; rotateAt: number; sum: number; count: number }
  >();
  readonly #windowMs: number;

  constructor(
    readonly name: string,
    readonly help: string,
    readonly percentiles: readonly number[],
    readonly maxAgeSeconds: number,
    readonly ageBuckets: number,
  ) {
    this.#windowMs = (maxAgeSeconds * 1000) / ageBuckets;
  }

  child(labels: Labels): Observer {
    const key = JSON.stringify(labels);
    let found = this.#children.get(key);
    if (found === undefined) {
      const windows = Array.from({ length: this.ageBuckets }, () => ({
        bins: new Uint32Array(SUMMARY_BINS),
        count: 0,
        max: 0,
      }));
      found = { labels, windows, head: 0, rotateAt: Date.now() + this.#windowMs, sum: 0, count: 0 };
      this.#children.set(key, found);
    }
    const c = found;
    return {
      observe: (value: number) => {
        this.#rotate(c);
        const w = c.windows[c.head];
        const bin =
          value <= SUMMARY_MIN_VALUE
            ? 0
            : Math.min(SUMMARY_BINS - 1, Math.ceil(Math.log(value / SUMMARY_MIN_VALUE) / SUMMARY_LOG_GROWTH));
        w.bins[bin]++;
        w.count++;
        if (value > w.max) w.max = value;
        c.sum += value;
        c.count++;
      },
    };
  }

  /** Starts a fresh window when the head one is older than maxAge/ageBuckets, dropping the oldest. */
  #rotate(c: { windows: SummaryWindow[]; head: number; rotateAt: number }): void {
    const now = Date.now();
    while (now >= c.rotateAt) {
      c.head = (c.head + 1) % c.windows.length;
      const w = c.windows[c.head];
      if (w.count > 0) {
        w.bins.fill(0);
        w.count = 0;
        w.max = 0;
      }
      c.rotateAt += this.#windowMs;
      // After a long quiet spell every window is stale: skip ahead instead of looping per window.
      if (now - c.rotateAt > this.#windowMs * c.windows.length) c.rotateAt = now + this.#windowMs;
    }
  }

  reset(): void {
    this.#children.clear();
  }

  get() {
    const values: MetricValue[] = [];
    for (const c of this.#children.values()) {
      this.#rotate(c);
      let total = 0;
      let max = 0;
      for (const w of c.windows) {
        total += w.count;
        if (w.max > max) max = w.max;
      }
      for (const q of this.percentiles) {
        let value = NaN;
        if (total > 0) {
          if (q >= 1) value = max;
          else {
            const rank = Math.max(1, Math.ceil(q * total));
            let seen = 0;
            for (let bin = 0; bin < SUMMARY_BINS; bin++) {
              for (const w of c.windows) seen += w.bins[bin];
              if (seen >= rank) {
                // The bin's geometric middle, never above the largest value seen.
                value = Math.min(
                  max,
                  bin === 0 ? SUMMARY_MIN_VALUE : SUMMARY_MIN_VALUE * SUMMARY_BIN_GROWTH ** (bin - 0.5),
                );
                break;
              }
            }
          }
        }
        values.push({ labels: { quantile: q, ...c.labels }, value });
      }
      values.push({ labels: c.labels, value: c.sum, metricName: `${this.name}_sum` });
      values.push({ labels: c.labels, value: c.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}

/** A gauge child kept as a plain number and copied into prom-client's gauge when scraped. */
export interface InFlightCounter {
  inc(): void;
  dec(): void;
}

export interface MetricsIdentity {
  deploymentName: string;
  predictorName: string;
  predictor: PredictorSpec;
}

/** Engine metrics with cached label children, so the hot path does no label hashing. */
export class EngineMetrics {
  readonly registry = new Registry();
  readonly #serverHistogram: FastHistogram;
  readonly #serverSummary: WindowedSummary;
  readonly #clientHistogram: FastHistogram;
  readonly #clientSummary: WindowedSummary;
  readonly #inFlightCounts = new Map<string, { value: number }>();
  readonly #nodeInFlightCounts = new Map<string, { value: number }>();
  readonly inFlight: Gauge;
  readonly errors: Counter;
  readonly payloadLogDropped: Counter;
  readonly payloadLogSent: Counter;
  readonly payloadLogFailed: Counter;
  readonly payloadLogQueue: Gauge;
  readonly nodeReady: Gauge;
  readonly nodeInFlight: Gauge;
  readonly kafkaMessages: Counter;
  readonly #serverCache = new Map<string, [Observer, Observer]>();
  readonly #clientCache = new Map<string, [Observer, Observer]>();
  /** The last series observed per server service / per node: requests mostly repeat the last one. */
  readonly #lastServer = new Map<
    string,
    { method: string; code: string | number; pair: [Observer, Observer] }
  >();
  readonly #lastClient = new Map<
    string,
    { service: string; modelName: string; method: string; code: string; pair: [Observer, Observer] }
  >();
  #deployment: string;
  #predictorName: string;
  #predictorVersion: string;
  #images = new Map<string, { image: string; version: string }>();

  constructor(identity: MetricsIdentity) {
    this.#deployment = identity.deploymentName;
    this.#predictorName = identity.predictorName;
    this.#predictorVersion = '';
    this.setIdentity(identity);
    const registers = [this.registry];
    this.#serverHistogram = new FastHistogram(
      'seldon_api_executor_server_requests_seconds',
      'A histogram of latencies for executor server',
      SERVER_BUCKETS,
    );
    this.#serverSummary = new WindowedSummary(
      'seldon_api_executor_server_requests_seconds_summary',
      'A summary of latencies for executor server',
      SUMMARY_PERCENTILES,
      600,
      5,
    );
    this.#clientHistogram = new FastHistogram(
      'seldon_api_executor_client_requests_seconds',
      'A histogram of latencies for client calls from executor',
      SERVER_BUCKETS,
    );
    this.#clientSummary = new WindowedSummary(
      'seldon_api_executor_client_requests_seconds_summary',
      'A summary of latencies for client calls from executor',
      SUMMARY_PERCENTILES,
      600,
      5,
    );
    for (const m of [this.#serverHistogram, this.#serverSummary, this.#clientHistogram, this.#clientSummary])
      this.registry.registerMetric(m as never);
    void SERVER_LABELS;
    void CLIENT_LABELS;
    this.inFlight = new Gauge({
      name: 'seldon_engine_in_flight_requests',
      help: 'Requests being served by the engine, by server (http, grpc, kafka)',
      labelNames: ['server'],
      registers,
      collect: () => {
        for (const [server, n] of this.#inFlightCounts) this.inFlight.set({ server }, n.value);
      },
    });
    this.errors = new Counter({
      name: 'seldon_engine_errors_total',
      help: 'Requests that ended in an error, by error code (SC_ERR_*) and server',
      labelNames: ['code', 'server'],
      registers,
    });
    this.payloadLogDropped = new Counter({
      name: 'seldon_engine_payload_log_dropped_total',
      help: 'Payload-log events dropped before they were sent: the queue stayed full for log_write_timeout_ms, or the spool held log_spool_max_bytes',
      labelNames: ['sink'],
      registers,
    });
    this.payloadLogSent = new Counter({
      name: 'seldon_engine_payload_log_sent_total',
      help: 'Payload-log events delivered to the sink',
      labelNames: ['sink'],
      registers,
    });
    this.payloadLogFailed = new Counter({
      name: 'seldon_engine_payload_log_failed_total',
      help: 'Payload-log events the sink refused or that failed to send (not retried)',
      labelNames: ['sink'],
      registers,
    });
    this.payloadLogQueue = new Gauge({
      name: 'seldon_engine_payload_log_queue_length',
      help: 'Payload-log events waiting in the queue',
      registers,
    });
    this.nodeReady = new Gauge({
      name: 'seldon_engine_node_ready',
      help: '1 when the graph node answered the last readiness check, else 0',
      labelNames: ['model_name'],
      registers,
    });
    this.nodeInFlight = new Gauge({
      name: 'seldon_engine_node_in_flight_requests',
      help: 'Calls in progress to each graph node',
      labelNames: ['model_name'],
      registers,
      collect: () => {
        for (const [model_name, n] of this.#nodeInFlightCounts)
          this.nodeInFlight.set({ model_name }, n.value);
      },
    });
    this.kafkaMessages = new Counter({
      name: 'seldon_engine_kafka_messages_total',
      help: 'Kafka server mode messages by outcome (ok, error, skipped)',
      labelNames: ['outcome'],
      registers,
    });
    collectDefaultMetrics(this.registry);
  }

  /** Updates labels after a graph reload. */
  setIdentity(identity: MetricsIdentity): void {
    this.#deployment = identity.deploymentName;
    this.#predictorName = identity.predictorName;
    this.#predictorVersion = identity.predictor.annotations?.version ?? '';
    this.#images.clear();
    for (const spec of identity.predictor.componentSpecs ?? []) {
      for (const c of spec.spec?.containers ?? []) {
        const parts = (c.image ?? '').split(':');
        this.#images.set(c.name, { image: parts[0] ?? '', version: parts.length === 2 ? parts[1] : '' });
      }
    }
    this.#serverCache.clear();
    this.#clientCache.clear();
    this.#lastServer.clear();
    this.#lastClient.clear();
  }

  /** The `seldon_engine_in_flight_requests` gauge of one server, counted without label hashing. */
  inFlightCounter(server: string): InFlightCounter {
    return counterIn(this.#inFlightCounts, server);
  }

  /** The `seldon_engine_node_in_flight_requests` gauge of one node, counted without label hashing. */
  nodeInFlightCounter(modelName: string): InFlightCounter {
    return counterIn(this.#nodeInFlightCounts, modelName);
  }

  /** One server-side request (HTTP `service` = predictions|feedback|status|metadata; gRPC = full method). */
  observeServer(service: string, method: string, code: string | number, seconds: number): void {
    // The same service/method/code comes back request after request: compare before hashing.
    let last = this.#lastServer.get(service);
    if (last === undefined || last.method !== method || last.code !== code) {
      const key = `${service}\u0000${method}\u0000${code}`;
      let pair = this.#serverCache.get(key);
      if (!pair) {
        const labels = {
          deployment_name: this.#deployment,
          predictor_name: this.#predictorName,
          predictor_version: this.#predictorVersion,
          service,
          method,
          code: String(code),
        };
        pair = [this.#serverHistogram.child(labels), this.#serverSummary.child(labels)];
        this.#serverCache.set(key, pair);
      }
      last = { method, code, pair };
      this.#lastServer.set(service, last);
    }
    last.pair[0].observe(seconds);
    last.pair[1].observe(seconds);
  }

  /** One node call (service = node path or gRPC method). */
  observeClient(
    service: string,
    modelName: string,
    nodeName: string,
    method: string,
    code: string,
    seconds: number,
  ): void {
    let last = this.#lastClient.get(nodeName);
    if (
      last === undefined ||
      last.service !== service ||
      last.modelName !== modelName ||
      last.method !== method ||
      last.code !== code
    ) {
      const key = `${service}\u0000${modelName}\u0000${nodeName}\u0000${method}\u0000${code}`;
      let pair = this.#clientCache.get(key);
      if (!pair) {
        const img = this.#images.get(nodeName) ?? { image: '', version: '' };
        const labels = {
          deployment_name: this.#deployment,
          predictor_name: this.#predictorName,
          predictor_version: this.#predictorVersion,
          service,
          model_name: modelName,
          model_image: img.image,
          model_version: img.version,
          method,
          code,
        };
        pair = [this.#clientHistogram.child(labels), this.#clientSummary.child(labels)];
        this.#clientCache.set(key, pair);
      }
      last = { service, modelName, method, code, pair };
      this.#lastClient.set(nodeName, last);
    }
    last.pair[0].observe(seconds);
    last.pair[1].observe(seconds);
  }
}

function counterIn(map: Map<string, { value: number }>, key: string): InFlightCounter {
  let n = map.get(key);
  if (n === undefined) {
    n = { value: 0 };
    map.set(key, n);
  }
  const cell = n;
  return {
    inc: () => {
      cell.value++;
    },
    dec: () => {
      cell.value--;
    },
  };
}
