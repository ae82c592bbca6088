import http from 'node:http';
import { hostname } from 'node:os';
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { parseSeldonConfig, type OperatorConfig } from './config.js';
import { OperatorError } from './errors.js';
import { KubeClient, type KubeObject, type ResourceType } from './internal/kube/client.js';
import { Informer, type InformerEvent } from './internal/kube/informer.js';
import { RT } from './internal/kube/resources.js';
import { WorkQueue } from './internal/workqueue.js';
import { LeaderElector } from './internal/leader.js';
import { EventRecorder } from './internal/events.js';
import { Reconciler, type OwnedKind } from './internal/reconciler.js';
import { MANAGED_BY, MANAGED_BY_VALUE } from './internal/desired/objects.js';
import { WebhookServer, type WebhookOptions } from './internal/webhook/server.js';

/** Options of {@link Operator}; every field has a default. */
export interface OperatorOptions {
  /** Operator settings (see `configFromEnv`). */
  config: OperatorConfig;
  /** Kubeconfig file; default: in-cluster, else `KUBECONFIG`/~/.kube/config. */
  kubeconfigPath?: string;
  /** A ready client (tests, benchmarks). */
  client?: KubeClient;
  /** Concurrent reconciles. Default 4. */
  workers?: number;
  /** Informer resync period; a resync re-applies everything. Default 600000 ms. */
  resyncMs?: number;
  /** Retry backoff of a failing SeldonDeployment: first delay (default 100 ms) and cap (default 60000 ms). */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Lease leader election; disabled when undefined. */
  leaderElection?: {
    /** Lease name. Default `a33bd623.machinelearning.seldon.io`. */
    name?: string;
    /** Default `config.operatorNamespace`. */
    namespace?: string;
    /** Default `<hostname>_<random>`. */
    identity?: string;
    leaseDurationMs?: number;
    renewDeadlineMs?: number;
    retryPeriodMs?: number;
  };
  /** Metrics + health server port (`/metrics`, `/healthz`, `/readyz`) on `metricsHost`; undefined = not started; 0 = any free port. */
  metricsPort?: number;
  /** Default `0.0.0.0`. */
  metricsHost?: string;
  /** Validating admission webhook; not started when undefined. */
  webhook?: WebhookOptions;
  /** Write core/v1 Events. Default true. */
  recordEvents?: boolean;
  /** Called with log lines (JSON objects); default: nothing is logged. */
  log?: (entry: Record<string, unknown>) => void;
}

const WATCHED_KINDS = [
  ['deployment', RT.deployment, 'Deployment'],
  ['service', RT.service, 'Service'],
  ['configmap', RT.configMap, 'ConfigMap'],
  ['hpa', RT.hpa, 'HPA'],
  ['pdb', RT.pdb, 'PDB'],
] as const;

/**
 * The SeldonDeployment controller: informers on SeldonDeployments and every owned kind, a keyed work
 * queue with per-key exponential backoff, N workers running {@link Reconciler}, optional Lease leader
 * election (only the leader runs informers and workers), the validating webhook and a metrics/health
 * server.
 */
export class Operator {
  readonly registry = new Registry();
  private client!: KubeClient;
  private config: OperatorConfig;
  private queue: WorkQueue;
  private sdepInformer: Informer<KubeObject> | undefined;
  private readonly owned: Record<string, OwnedKind> = {};
  private informers: Informer[] = [];
  private reconciler: Reconciler | undefined;
  private elector: LeaderElector | undefined;
  private webhook: WebhookServer | undefined;
  private metricsServer: http.Server | undefined;
  private workers: Promise<void>[] = [];
  private running = false;
  private stopping = false;
  private events!: EventRecorder;
  private readonly metrics;
  private readonly log: (entry: Record<string, unknown>) => void;
  /** Reconciles done (all results). */
  reconcileCount = 0;
  /** Resolves when the informers of a leading replica have synced. */
  private syncedResolve!: () => void;
  readonly synced: Promise<void> = new Promise((r) => (this.syncedResolve = r));

  constructor(private readonly options: OperatorOptions) {
    this.config = options.config;
    this.queue = new WorkQueue({
      baseDelayMs: options.retryBaseDelayMs ?? 100,
      maxDelayMs: options.retryMaxDelayMs ?? 60_000,
    });
    this.log = options.log ?? (() => undefined);
    this.metrics = {
      reconciles: new Counter({
        name: 'seldon_operator_reconcile_total',
        help: 'Reconciles by result',
        labelNames: ['result'],
        registers: [this.registry],
      }),
      duration: new Histogram({
        name: 'seldon_operator_reconcile_duration_seconds',
        help: 'Reconcile duration',
        registers: [this.registry],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
      depth: new Gauge({
        name: 'seldon_operator_workqueue_depth',
        help: 'Keys waiting in the work queue',
        registers: [this.registry],
      }),
      leader: new Gauge({
        name: 'seldon_operator_leader',
        help: '1 when this replica leads',
        registers: [this.registry],
      }),
      apiRequests: new Gauge({
        name: 'seldon_operator_kube_api_requests',
        help: 'Requests sent to the Kubernetes API since start',
        registers: [this.registry],
      }),
      events: new Gauge({
        name: 'seldon_operator_events_recorded',
        help: 'Kubernetes Events recorded since start',
        registers: [this.registry],
      }),
    };
  }

  /** The live configuration (replaced when `seldon-config` changes). */
  get currentConfig(): OperatorConfig {
    return this.config;
  }

  get kubeClient(): KubeClient {
    return this.client;
  }

  get isLeader(): boolean {
    return this.running;
  }

  /** Events recorded by this replica (most recent last). */
  get recordedEvents() {
    return this.events.recorded;
  }

  /** Port of the metrics server (after start). */
  get metricsPort(): number | undefined {
    const a = this.metricsServer?.address();
    return a && typeof a === 'object' ? a.port : undefined;
  }

  get webhookPort(): number | undefined {
    return this.webhook?.port;
  }

  async start(): Promise<void> {
    this.client =
      this.options.client ?? (await KubeClient.create({ kubeconfigPath: this.options.kubeconfigPath }));
    this.events = new EventRecorder(this.client, this.options.recordEvents ?? true);
    if (this.options.webhook) {
      this.webhook = new WebhookServer(this.client, this.options.webhook, () => this.config);
      await this.webhook.start();
    }
    if (this.options.metricsPort !== undefined) await this.startMetricsServer();
    const le = this.options.leaderElection;
    if (le) {
      this.elector = new LeaderElector(
        this.client,
        {
          namespace: le.namespace ?? this.config.operatorNamespace,
          name: le.name ?? 'a33bd623.machinelearning.seldon.io',
          identity: le.identity ?? `${hostname()}_${Math.random().toString(16).slice(2, 10)}`,
          leaseDurationMs: le.leaseDurationMs,
          renewDeadlineMs: le.renewDeadlineMs,
          retryPeriodMs: le.retryPeriodMs,
        },
        {
          onStartedLeading: () => {
            this.log({ level: 'info', msg: 'became leader' });
            this.starting = this.startControllers().catch((err: Error) =>
              this.log({ level: 'error', msg: 'controllers failed to start', error: err.message }),
            );
          },
          onStoppedLeading: () => {
            this.log({ level: 'info', msg: 'lost leadership' });
            void this.stopControllers();
          },
        },
      );
      this.elector.start();
    } else {
      this.starting = this.startControllers();
      await this.starting;
    }
  }

  private async served(rt: ResourceType): Promise<boolean> {
    try {
      const list = await this.client.request<{ resources?: { name: string }[] }>(
        'GET',
        rt.apiVersion.includes('/') ? `/apis/${rt.apiVersion}` : `/api/${rt.apiVersion}`,
      );
      return (list.resources ?? []).some((r) => r.name === rt.plural);
    } catch {
      return false;
    }
  }

  private async resolveVersions(): Promise<Record<string, ResourceType>> {
    const map: Record<string, ResourceType> = {};
    const served = async (apiVersion: string) => {
      try {
        await this.client.request('GET', `/apis/${apiVersion}`);
        return true;
      } catch {
        return false;
      }
    };
    // Kubernetes < 1.23 has no autoscaling/v2 and < 1.21 no policy/v1: the same objects are sent
    // through the older version, whose fields used here are identical.
    const hpa = (await served('autoscaling/v2')) ? RT.hpa : RT.hpaV2beta2;
    const pdb = (await served('policy/v1')) ? RT.pdb : RT.pdbV1beta1;
    map['autoscaling/v2/HorizontalPodAutoscaler'] = hpa;
    map['policy/v1/PodDisruptionBudget'] = pdb;
    for (const rt of Object.values(RT))
      if (!map[`${rt.apiVersion}/${rt.kind}`]) map[`${rt.apiVersion}/${rt.kind}`] = rt;
    map['autoscaling/v2/HorizontalPodAutoscaler'] = hpa;
    map['policy/v1/PodDisruptionBudget'] = pdb;
    return map;
  }

  private async loadSeldonConfig(): Promise<void> {
    const cm = await this.client.getOrUndefined<KubeObject & { data?: Record<string, string> }>(
      RT.configMap,
      this.config.operatorNamespace,
      'seldon-config',
    );
    try {
      this.config = { ...this.config, seldonConfig: parseSeldonConfig(cm?.data) };
    } catch (err) {
      this.log({
        level: 'error',
        msg: 'invalid seldon-config, keeping the previous one',
        error: (err as Error).message,
      });
    }
  }

  private async startControllers(): Promise<void> {
    if (this.running || this.stopping) return;
    // A previous term may still be shutting down its informers and workers.
    await this.stoppingControllers;
    if (this.running || this.stopping) return;
    this.running = true;
    this.metrics.leader.set(1);
    // A queue shut down by a previous leadership term cannot be reused.
    this.queue = new WorkQueue({
      baseDelayMs: this.options.retryBaseDelayMs ?? 100,
      maxDelayMs: this.options.retryMaxDelayMs ?? 60_000,
    });
    const versions = await this.resolveVersions();
    await this.loadSeldonConfig().catch(() => undefined);
    const ns = this.config.watchNamespace;
    const resyncMs = this.options.resyncMs ?? 600_000;
    const kinds: [string, ResourceType, string, boolean][] = [
      ...WATCHED_KINDS.map(
        ([k, rt, noun]) =>
          [k, versions[`${rt.apiVersion}/${rt.kind}`] ?? rt, noun, true] as [
            string,
            ResourceType,
            string,
            boolean,
          ],
      ),
      ['scaledobject', RT.scaledObject, 'ScaledObject', this.config.kedaEnabled],
      ['virtualservice', RT.virtualService, 'VirtualService', this.config.istio.enabled],
      ['destinationrule', RT.destinationRule, 'DestinationRule', this.config.istio.enabled],
      [
        'mapping',
        RT.mapping,
        'AmbassadorMapping',
        this.config.ambassador.enabled && this.config.ambassador.version !== 'v1',
      ],
      [
        'tlscontext',
        RT.tlsContext,
        'AmbassadorTLSContext',
        this.config.ambassador.enabled && this.config.ambassador.version !== 'v1',
      ],
    ];
    this.informers = [];
    for (const [key, rt, noun, enabled] of kinds) {
      // Optional kinds (Istio, Ambassador, KEDA) are watched only when enabled and served; an enabled
      // but missing kind is reported by the reconciles that need it (status Failed with the API error).
      const kind: OwnedKind = { rt, noun, enabled };
      const core = WATCHED_KINDS.some(([k]) => k === key);
      if (enabled && !core && !(await this.served(rt))) {
        this.log({
          level: 'error',
          msg: `${rt.kind} (${rt.apiVersion}) is enabled but not served by the API server: is its CRD installed?`,
        });
      } else if (enabled) {
        kind.informer = new Informer(this.client, rt, (ev, obj) => this.onOwnedEvent(ev, obj), {
          namespace: ns,
          labelSelector: `${MANAGED_BY}=${MANAGED_BY_VALUE}`,
          resyncMs: 0,
          onError: this.informerError,
        });
        this.informers.push(kind.informer);
      }
      this.owned[key] = kind;
    }
    const seldonConfigInformer = new Informer(this.client, RT.configMap, (ev) => this.onSeldonConfig(ev), {
      namespace: this.config.operatorNamespace,
      fieldSelector: 'metadata.name=seldon-config',
      resyncMs: 0,
    });
    this.informers.push(seldonConfigInformer);
    this.sdepInformer = new Informer(
      this.client,
      RT.seldonDeployment,
      (ev, obj) => this.onSdepEvent(ev, obj),
      { namespace: ns, resyncMs, onError: this.informerError },
    );
    this.informers.push(this.sdepInformer);
    if (!ns) {
      const nsInformer = new Informer(
        this.client,
        RT.namespace,
        (ev, obj) => this.onNamespaceEvent(ev, obj),
        { resyncMs: 0 },
      );
      this.owned.namespaceCache = {
        rt: RT.namespace,
        noun: 'Namespace',
        enabled: false,
        informer: nsInformer,
      };
      this.informers.push(nsInformer);
    }
    this.reconciler = new Reconciler(this.client, () => this.config, this.owned, this.events, versions);
    // Owned objects first, SeldonDeployments last: the first reconciles then see a complete cache.
    for (const inf of this.informers) if (inf !== this.sdepInformer) inf.start();
    await Promise.all(this.informers.filter((i) => i !== this.sdepInformer).map((i) => i.synced));
    this.sdepInformer.start();
    await this.sdepInformer.synced;
    this.syncedResolve();
    const n = this.options.workers ?? 4;
    for (let i = 0; i < n; i++) this.workers.push(this.worker());
  }

  private stoppingControllers: Promise<void> | undefined;

  private stopControllers(): Promise<void> {
    if (!this.running) return this.stoppingControllers ?? Promise.resolve();
    this.stoppingControllers = this.doStopControllers();
    return this.stoppingControllers;
  }

  private async doStopControllers(): Promise<void> {
    this.running = false;
    this.metrics.leader.set(0);
    this.queue.shutdown();
    await this.starting;
    await Promise.all(this.informers.map((i) => i.stop()));
    await Promise.all(this.workers);
    this.workers = [];
  }

  private onSeldonConfig(ev: InformerEvent): void {
    if (ev === 'resync') return;
    void this.loadSeldonConfig().then(() => {
      for (const s of this.sdepInformer?.list() ?? []) this.queue.add(Informer.key(s));
    });
  }

  private onNamespaceEvent(ev: InformerEvent, obj: KubeObject): void {
    // A namespace (un)labelled with seldon.io/controller-id changes which SeldonDeployments are ours.
    if (ev !== 'update') return;
    for (const s of this.sdepInformer?.list() ?? [])
      if (s.metadata.namespace === obj.metadata.name) this.queue.add(Informer.key(s));
  }

  /** Namespace and `seldon.io/controller-id` filtering (07 §10 step 2), from the caches. */
  private isOurs(obj: KubeObject): boolean {
    const id = obj.metadata.labels?.['seldon.io/controller-id'] ?? '';
    if (id !== this.config.controllerId) return false;
    if (!this.config.watchNamespace) {
      const ns = this.owned.namespaceCache?.informer?.get(undefined, obj.metadata.namespace ?? '');
      if (ns?.metadata.labels?.['seldon.io/controller-id']) return false;
    }
    return true;
  }

  /** As {@link isOurs}, but reads a namespace the cache has not seen yet (its watch event may trail). */
  private async isOursChecked(obj: KubeObject): Promise<boolean> {
    if (!this.isOurs(obj)) return false;
    const nsName = obj.metadata.namespace ?? '';
    const cache = this.owned.namespaceCache?.informer;
    if (this.config.watchNamespace || !cache || cache.get(undefined, nsName)) return true;
    const ns = await this.client.getOrUndefined(RT.namespace, undefined, nsName);
    return !ns?.metadata.labels?.['seldon.io/controller-id'];
  }

  private onSdepEvent(ev: InformerEvent, obj: KubeObject): void {
    if (ev === 'delete') return;
    if (!this.isOurs(obj)) return;
    // Status-only updates (our own writes) change neither generation nor labels: nothing to do.
    if (ev === 'update') {
      const cached = obj as KubeObject & { status?: { observedGeneration?: number } };
      if (
        cached.status?.observedGeneration === obj.metadata.generation &&
        !this.pendingResync.has(Informer.key(obj))
      ) {
        const last = this.lastReconciled.get(Informer.key(obj));
        if (
          last &&
          last ===
            `${obj.metadata.generation}/${JSON.stringify(obj.metadata.labels ?? {})}/${JSON.stringify(obj.metadata.annotations ?? {})}`
        )
          return;
      }
    }
    if (ev === 'resync') this.pendingResync.add(Informer.key(obj));
    this.queue.add(Informer.key(obj));
  }

  private starting: Promise<void> | undefined;
  private readonly informerError = (err: Error) =>
    this.log({
      level: 'warn',
      msg: 'list failed, retrying',
      code: (err as OperatorError).code,
      error: err.message,
    });
  private readonly pendingResync = new Set<string>();
  private readonly lastReconciled = new Map<string, string>();

  private onOwnedEvent(ev: InformerEvent, obj: KubeObject): void {
    if (ev === 'resync') return;
    const owner = obj.metadata.ownerReferences?.find((o) => o.kind === 'SeldonDeployment' && o.controller);
    if (!owner) return;
    this.queue.add(`${obj.metadata.namespace}/${owner.name}`);
  }

  private async worker(): Promise<void> {
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      this.metrics.depth.set(this.queue.length);
      const end = this.metrics.duration.startTimer();
      try {
        const sdep = this.sdepInformer?.store.get(key) as unknown as SeldonDeployment | undefined;
        if (sdep && (await this.isOursChecked(sdep as unknown as KubeObject))) {
          const force = this.pendingResync.delete(key);
          const result = await this.reconciler!.reconcile(sdep, force);
          this.lastReconciled.set(
            key,
            `${sdep.metadata.generation}/${JSON.stringify(sdep.metadata.labels ?? {})}/${JSON.stringify(sdep.metadata.annotations ?? {})}`,
          );
          this.log({ level: 'debug', msg: 'reconciled', key, ...result });
        }
        this.metrics.reconciles.inc({ result: 'success' });
        this.queue.forget(key);
      } catch (err) {
        this.metrics.reconciles.inc({ result: 'error' });
        const delay = this.queue.addRateLimited(key);
        this.log({
          level: 'error',
          msg: 'reconcile failed',
          key,
          code: (err as OperatorError).code,
          error: (err as Error).message,
          retryInMs: delay,
        });
      } finally {
        end();
        this.reconcileCount++;
        this.queue.done(key);
        this.metrics.apiRequests.set(this.client.requestCount);
      }
    }
  }

  private startMetricsServer(): Promise<void> {
    this.metricsServer = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/metrics')) {
        this.metrics.apiRequests.set(this.client.requestCount);
        this.metrics.events.set(this.events.count);
        this.metrics.depth.set(this.queue.length);
        this.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'Content-Type': this.registry.contentType });
            res.end(text);
          },
          (err: Error) => {
            res.writeHead(500);
            res.end(err.message);
          },
        );
        return;
      }
      if (url === '/healthz' || url === '/livez') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (url === '/readyz') {
        // A standby replica is ready (it serves the webhook); a leader once its caches synced.
        const ok = !this.running || this.sdepInformer !== undefined;
        res.writeHead(ok ? 200 : 503, { 'Content-Type': 'text/plain' });
        res.end(ok ? 'ok' : 'syncing');
        return;
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    });
    return new Promise((resolve, reject) => {
      this.metricsServer!.once('error', reject);
      this.metricsServer!.listen(this.options.metricsPort, this.options.metricsHost ?? '0.0.0.0', () =>
        resolve(),
      );
    });
  }

  /** Stops everything; a leader releases its Lease first so a peer takes over promptly. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.elector) await this.elector.stop();
    await this.stopControllers();
    await this.webhook?.stop();
    if (this.metricsServer) await new Promise<void>((r) => this.metricsServer!.close(() => r()));
    if (!this.options.client) this.client?.close();
  }
}
