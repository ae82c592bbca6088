// Prometheus metrics. The four seldon_api_executor_* families keep the reference's names, labels,
// buckets and summary objectives (03 §3) so existing Seldon dashboards keep working; the
// seldon_engine_* families are our additions.
import { Registry, Histogram, Summary, Counter, Gauge, collectDefaultMetrics } from 'prom-client';
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

export interface MetricsIdentity {
  deploymentName: string;
  predictorName: string;
  predictor: PredictorSpec;
}

/** Engine metrics with cached label children, so the hot path does no label hashing. */
export class EngineMetrics {
  readonly registry = new Registry();
  readonly #serverHistogram: Histogram;
  readonly #serverSummary: Summary;
  readonly #clientHistogram: Histogram;
  readonly #clientSummary: Summary;
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
    this.#serverHistogram = new Histogram({
      name: 'seldon_api_executor_server_requests_seconds',
      help: 'A histogram of latencies for executor server',
      labelNames: SERVER_LABELS,
      buckets: SERVER_BUCKETS,
      registers,
    });
    this.#serverSummary = new Summary({
      name: 'seldon_api_executor_server_requests_seconds_summary',
      help: 'A summary of latencies for executor server',
      labelNames: SERVER_LABELS,
      percentiles: SUMMARY_PERCENTILES,
      maxAgeSeconds: 600,
      ageBuckets: 5,
      registers,
    });
    this.#clientHistogram = new Histogram({
      name: 'seldon_api_executor_client_requests_seconds',
      help: 'A histogram of latencies for client calls from executor',
      labelNames: CLIENT_LABELS,
      buckets: SERVER_BUCKETS,
      registers,
    });
    this.#clientSummary = new Summary({
      name: 'seldon_api_executor_client_requests_seconds_summary',
      help: 'A summary of latencies for client calls from executor',
      labelNames: CLIENT_LABELS,
      percentiles: SUMMARY_PERCENTILES,
      maxAgeSeconds: 600,
      ageBuckets: 5,
      registers,
    });
    this.inFlight = new Gauge({
      name: 'seldon_engine_in_flight_requests',
      help: 'Requests being served by the engine, by server (http, grpc, kafka)',
      labelNames: ['server'],
      registers,
    });
    this.errors = new Counter({
      name: 'seldon_engine_errors_total',
      help: 'Requests that ended in an error, by error code (SC_ERR_*) and server',
      labelNames: ['code', 'server'],
      registers,
    });
    this.payloadLogDropped = new Counter({
      name: 'seldon_engine_payload_log_dropped_total',
      help: 'Payload-log events dropped because the queue stayed full for log_write_timeout_ms',
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
    });
    this.kafkaMessages = new Counter({
      name: 'seldon_engine_kafka_messages_total',
      help: 'Kafka server mode messages by outcome (ok, error, skipped)',
      labelNames: ['outcome'],
      registers,
    });
    collectDefaultMetrics({ register: this.registry });
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
  }

  /** One server-side request (HTTP `service` = predictions|feedback|status|metadata; gRPC = full method). */
  observeServer(service: string, method: string, code: string, seconds: number): void {
    const key = `${service}\u0000${method}\u0000${code}`;
    let pair = this.#serverCache.get(key);
    if (!pair) {
      const labels = {
        deployment_name: this.#deployment,
        predictor_name: this.#predictorName,
        predictor_version: this.#predictorVersion,
        service,
        method,
        code,
      };
      pair = [this.#serverHistogram.labels(labels), this.#serverSummary.labels(labels)];
      this.#serverCache.set(key, pair);
    }
    pair[0].observe(seconds);
    pair[1].observe(seconds);
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
      pair = [this.#clientHistogram.labels(labels), this.#clientSummary.labels(labels)];
      this.#clientCache.set(key, pair);
    }
    pair[0].observe(seconds);
    pair[1].observe(seconds);
  }
}
