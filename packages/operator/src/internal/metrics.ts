// The operator's Prometheus metrics and the HTTP server for them and the health probes.
import http from 'node:http';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function createOperatorMetrics(registry: Registry) {
  return {
    reconciles: new Counter({
      name: 'seldon_operator_reconcile_total',
      help: 'Reconciles by result',
      labelNames: ['result'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'seldon_operator_reconcile_duration_seconds',
      help: 'Reconcile duration',
      registers: [registry],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    depth: new Gauge({
      name: 'seldon_operator_workqueue_depth',
      help: 'Keys waiting in the work queue',
      registers: [registry],
    }),
    leader: new Gauge({
      name: 'seldon_operator_leader',
      help: '1 when this replica leads',
      registers: [registry],
    }),
    apiRequests: new Gauge({
      name: 'seldon_operator_kube_api_requests',
      help: 'Requests sent to the Kubernetes API since start',
      registers: [registry],
    }),
    events: new Gauge({
      name: 'seldon_operator_events_recorded',
      help: 'Kubernetes Events recorded since start',
      registers: [registry],
    }),
  };
}

export type OperatorMetrics = ReturnType<typeof createOperatorMetrics>;

export interface MetricsServerOptions {
  registry: Registry;
  port: number;
  host: string;
  /** Called before `/metrics` is answered, to update gauges read from elsewhere. */
  beforeScrape: () => void;
  /** `/readyz` answers 200 when true, else 503 `syncing`. */
  ready: () => boolean;
}

/** `/metrics` (Prometheus), `/healthz` and `/livez` (always ok), `/readyz`; resolves once listening. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const text = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(body);
    };
    if (url.startsWith('/metrics')) {
      options.beforeScrape();
      options.registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'Content-Type': options.registry.contentType });
          res.end(body);
        },
        (err: Error) => {
          res.writeHead(500);
          res.end(err.message);
        },
      );
      return;
    }
    if (url === '/healthz' || url === '/livez') return text(200, 'ok');
    if (url === '/readyz') return options.ready() ? text(200, 'ok') : text(503, 'syncing');
    text(404, 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
