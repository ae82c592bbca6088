// Prometheus metrics of a wrapper (03-logging-tracing-metrics §4): custom COUNTER/GAUGE/TIMER
// series with dynamic tag sets kept in our own store (prom-client needs label names fixed up
// front), plus request-latency histograms and process metrics through prom-client.
import promClient from 'prom-client';
import type { CustomMetric } from '../types.js';
import { WrapperError } from '../errors.js';

/** The `method` label for each endpoint, as the reference writes it. */
export const METRIC_METHOD = {
  predict: 'predict',
  transformInput: 'inputtransform',
  transformOutput: 'outputtransform',
  route: 'router',
  aggregate: 'aggregate',
  sendFeedback: 'feedback',
  health: 'health',
} as const;

/** 50 log-spaced bounds from 0.001 s to 30 s: the reference's TIMER histogram. */
export function defaultTimerBuckets(): number[] {
  const lo = -3;
  const hi = Math.log10(30);
  const out: number[] = [];
  for (let k = 0; k < 50; k++) out.push(Number((10 ** (lo + (k * (hi - lo)) / 49)).toPrecision(15)));
  return out;
}

/** Labels every series carries (03 §4.1); missing env values become `NOT_IMPLEMENTED`. */
export function defaultLabels(env: NodeJS.ProcessEnv, workerId: string): Record<string, string> {
  const NI = 'NOT_IMPLEMENTED';
  const image = env.PREDICTIVE_UNIT_IMAGE;
  let imageName = NI;
  let imageVersion = NI;
  if (image !== undefined && image !== '') {
    const at = image.lastIndexOf(':');
    imageName = at >= 0 ? image.slice(0, at) : image;
    imageVersion = at >= 0 ? image.slice(at + 1) : NI;
  }
  let predictorVersion = NI;
  try {
    const labels = JSON.parse(env.PREDICTOR_LABELS ?? '{}') as Record<string, unknown>;
    if (typeof labels.version === 'string') predictorVersion = labels.version;
  } catch {
    // Unparseable labels leave the default, as the reference does.
  }
  const deployment = env.SELDON_DEPLOYMENT_ID || NI;
  return {
    deployment_name: deployment,
    model_name: env.PREDICTIVE_UNIT_ID || NI,
    model_image: imageName,
    model_version: imageVersion,
    predictor_name: env.PREDICTOR_ID || NI,
    predictor_version: predictorVersion,
    seldon_deployment_name: deployment,
    image_name: imageName,
    image_version: imageVersion,
    worker_id: workerId,
  };
}

interface Series {
  labels: Record<string, string>;
  value: number;
  buckets?: Float64Array;
  count?: number;
}

interface Family {
  type: CustomMetric['type'];
  series: Map<string, Series>;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Record<string, string>, extra?: [string, string]): string {
  const parts: string[] = [];
  for (const k of Object.keys(labels)) parts.push(`${k}="${escapeLabel(labels[k])}"`);
  if (extra !== undefined) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return `{${parts.join(',')}}`;
}

function num(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function histogramLines(lines: string[], name: string, s: Series, bounds: readonly number[]): void {
  const b = s.buckets!;
  for (let i = 0; i < b.length; i++)
    lines.push(`${name}_bucket${labelText(s.labels, ['le', num(bounds[i])])} ${b[i]}`);
  lines.push(`${name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
  lines.push(`${name}_count${labelText(s.labels)} ${s.count}`);
  lines.push(`${name}_sum${labelText(s.labels)} ${num(s.value)}`);
}

/** Options of {@link WrapperMetrics}. */
export interface WrapperMetricsOptions {
  env: NodeJS.ProcessEnv;
  workerId: string;
  /** Upper bounds (seconds) of TIMER histograms; default: 50 log-spaced from 0.001 to 30. */
  timerBucketsSeconds?: number[];
  /** Upper bounds (seconds) of the request-latency histogram; default: the executor's buckets. */
  requestBucketsSeconds?: number[];
  /** Record the request-latency histogram (an addition to the reference); default true. */
  requestMetrics?: boolean;
  /** Include Node process metrics (`process_*`, `nodejs_*`); default true. */
  processMetrics?: boolean;
}

/** The executor's histogram buckets, reused for the wrapper's request histogram. */
export const REQUEST_BUCKETS_SECONDS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** One wrapper's metrics: what the metrics port exposes. */
export class WrapperMetrics {
  readonly registry: promClient.Registry;
  private readonly families = new Map<string, Family>();
  private readonly base: Record<string, string>;
  private readonly timerBuckets: number[];
  private readonly requestMetrics: boolean;
  private readonly requestBuckets: number[];
  /** Request-latency series keyed by service/transport/code (kept here: prom-client's label hashing costs ~4 µs a call). */
  private readonly requestSeries = new Map<string, Series>();

  constructor(options: WrapperMetricsOptions) {
    this.base = defaultLabels(options.env, options.workerId);
    this.timerBuckets = options.timerBucketsSeconds ?? defaultTimerBuckets();
    this.registry = new promClient.Registry();
    if (options.processMetrics !== false) promClient.collectDefaultMetrics({ register: this.registry });
    this.requestMetrics = options.requestMetrics !== false;
    this.requestBuckets = options.requestBucketsSeconds ?? REQUEST_BUCKETS_SECONDS;
  }

  /** Observes one served request. `service` is the endpoint method; `code` the HTTP status or gRPC code name. */
  observeRequest(service: string, transport: 'rest' | 'grpc', code: string, seconds: number): void {
    if (!this.requestMetrics) return;
    const key = `${service}\u0000${transport}\u0000${code}`;
    let series = this.requestSeries.get(key);
    if (series === undefined) {
      series = {
        labels: { ...this.base, service, transport, code },
        value: 0,
        count: 0,
        buckets: new Float64Array(this.requestBuckets.length),
      };
      this.requestSeries.set(key, series);
    }
    series.value += seconds;
    series.count! += 1;
    const b = series.buckets!;
    const bounds = this.requestBuckets;
    for (let i = b.length - 1; i >= 0 && seconds <= bounds[i]; i--) b[i] += 1;
  }

  /**
   * Records custom metrics (already validated) under a `method` tag, with the reference's
   * semantics: COUNTER adds, GAUGE sets, TIMER observes milliseconds as seconds.
   */
  record(metrics: readonly CustomMetric[], method: string, workerId?: string): void {
    for (const m of metrics) {
      let family = this.families.get(m.key);
      if (family === undefined) {
        family = { type: m.type, series: new Map() };
        this.families.set(m.key, family);
      } else if (family.type !== m.type) {
        throw new WrapperError(
          'SC_ERR_WRAPPER_BAD_METRIC',
          `Bad metric created during request: ${m.key} was a ${family.type} and is now sent as a ${m.type}`,
        );
      }
      const labels: Record<string, string> = { ...m.tags, method, ...this.base };
      if (workerId !== undefined) labels.worker_id = workerId;
      const id = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
      let series = family.series.get(id);
      if (series === undefined) {
        series = { labels, value: 0 };
        if (m.type === 'TIMER') {
          series.buckets = new Float64Array(this.timerBuckets.length);
          series.count = 0;
        }
        family.series.set(id, series);
      }
      switch (m.type) {
        case 'COUNTER':
          series.value += m.value;
          break;
        case 'GAUGE':
          series.value = m.value;
          break;
        case 'TIMER': {
          const seconds = m.value / 1000;
          series.value += seconds;
          series.count! += 1;
          const b = series.buckets!;
          for (let i = 0; i < b.length; i++) if (seconds <= this.timerBuckets[i]) b[i] += 1;
          break;
        }
      }
    }
  }

  /** Records metrics produced by a worker thread, labelled with its `worker_id`. */
  recordFor(workerId: string, metrics: readonly CustomMetric[], method: string): void {
    this.record(metrics, method, workerId);
  }

  /** The Prometheus text exposition (format 0.0.4). */
  async exposition(): Promise<string> {
    const lines: string[] = [];
    for (const [key, family] of this.families) {
      if (family.type === 'COUNTER') {
        lines.push(`# HELP ${key}_total `, `# TYPE ${key}_total counter`);
        for (const s of family.series.values())
          lines.push(`${key}_total${labelText(s.labels)} ${num(s.value)}`);
      } else if (family.type === 'GAUGE') {
        lines.push(`# HELP ${key} `, `# TYPE ${key} gauge`);
        for (const s of family.series.values()) lines.push(`${key}${labelText(s.labels)} ${num(s.value)}`);
      } else {
        lines.push(`# HELP ${key} `, `# TYPE ${key} histogram`);
        for (const s of family.series.values()) histogramLines(lines, key, s, this.timerBuckets);
      }
    }
    if (this.requestSeries.size > 0) {
      const name = 'seldon_api_wrapper_requests_seconds';
      lines.push(
        `# HELP ${name} Latency of requests served by the model wrapper`,
        `# TYPE ${name} histogram`,
      );
      for (const s of this.requestSeries.values()) histogramLines(lines, name, s, this.requestBuckets);
    }
    const custom = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    return custom + (await this.registry.metrics());
  }

  /** The exposition's content type. */
  get contentType(): string {
    return 'text/plain; version=0.0.4; charset=utf-8';
  }
}
