import type http from 'node:http';
import { hostname } from 'node:os';
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import { Registry } from 'prom-client';
import type { OperatorConfig } from './config.js';
import { parseSeldonConfig } from './seldon-config.js';
import type { OperatorError } from './errors.js';
import { KubeClient, type KubeObject, type ResourceType } from './internal/kube/client.js';
import { isServed, resolveVersions } from './internal/kube/discovery.js';
import { Informer, type InformerEvent } from './internal/kube/informer.js';
import { RT } from './internal/kube/resources.js';
import { WorkQueue } from './internal/workqueue.js';
import { LeaderElector } from './internal/leader.js';
import { EventRecorder } from './internal/events.js';
import { createOperatorMetrics, startMetricsServer, type OperatorMetrics } from './internal/metrics.js';
import { Reconciler } from './internal/reconcile/reconciler.js';
import { ownedKindSpecs, type OwnedKind, type OwnedKinds } from './internal/reconcile/owned-kinds.js';
import { MANAGED_BY, MANAGED_BY_VALUE } from './internal/desired/metadata.js';
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

/** The Lease the reference's manager uses (`--leader-election-id`). */
const DEFAULT_LEASE_NAME = 'a33bd623.machinelearning.seldon.io';
const SELDON_CONFIG = 'seldon-config';

/** What a SeldonDeployment was last reconciled at: generation, labels, annotations. */
function reconcileFingerprint(obj: KubeObject): string {
  return `${obj.metadata.generation}/${JSON.stringify(obj.metadata.labels ?? {})}/${JSON.stringify(obj.metadata.annotations ?? {})}`;
}

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
  private readonly owned: OwnedKinds = {};
  private informers: Informer[] = [];
  private reconciler: Reconciler | undefined;
  private elector: LeaderElector | undefined;
  private webhook: WebhookServer | undefined;
  private metricsServer: http.Server | undefined;
  private workers: Promise<void>[] = [];
  private running = false;
  private stopping = false;
  private starting: Promise<void> | undefined;
  private stoppingControllers: Promise<void> | undefined;
  private events!: EventRecorder;
  private readonly metrics: OperatorMetrics;
  private readonly log: (entry: Record<string, unknown>) => void;
  /** Keys whose next reconcile re-applies everything (a periodic resync). */
  private readonly pendingResync = new Set<string>();
  /** Key → {@link reconcileFingerprint} of its last successful reconcile. */
  private readonly lastReconciled = new Map<string, string>();
  /** Reconciles done (all results). */
  reconcileCount = 0;
  /** Resolves when the informers of a leading replica have synced. */
  private syncedResolve!: () => void;
  readonly synced: Promise<void> = new Promise((r) => (this.syncedResolve = r));

  constructor(private readonly options: OperatorOptions) {
    this.config = options.config;
    this.queue = this.newQueue();
    this.log = options.log ?? (() => undefined);
    this.metrics = createOperatorMetrics(this.registry);
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
    if (this.options.metricsPort !== undefined) {
      this.metricsServer = await startMetricsServer({
        registry: this.registry,
        port: this.options.metricsPort,
        host: this.options.metricsHost ?? '0.0.0.0',
        beforeScrape: () => this.updateGauges(),
        // A standby replica is ready (it serves the webhook); a leader once its caches synced.
        ready: () => !this.running || this.sdepInformer !== undefined,
      });
    }
    if (this.options.leaderElection) this.startLeaderElection(this.options.leaderElection);
    else {
      this.starting = this.startControllers();
      await this.starting;
    }
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

  private newQueue(): WorkQueue {
    return new WorkQueue({
      baseDelayMs: this.options.retryBaseDelayMs ?? 100,
      maxDelayMs: this.options.retryMaxDelayMs ?? 60_000,
    });
  }

  private updateGauges(): void {
    this.metrics.apiRequests.set(this.client.requestCount);
    this.metrics.events.set(this.events.count);
    this.metrics.depth.set(this.queue.length);
  }

  /** Only the leader runs the controllers; they start and stop with the leadership. */
  private startLeaderElection(le: NonNullable<OperatorOptions['leaderElection']>): void {
    this.elector = new LeaderElector(
      this.client,
      {
        namespace: le.namespace ?? this.config.operatorNamespace,
        name: le.name ?? DEFAULT_LEASE_NAME,
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
  }

  private async loadSeldonConfig(): Promise<void> {
    const cm = await this.client.getOrUndefined<KubeObject & { data?: Record<string, string> }>(
      RT.configMap,
      this.config.operatorNamespace,
      SELDON_CONFIG,
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
    this.queue = this.newQueue();
    const versions = await resolveVersions(this.client);
    await this.loadSeldonConfig().catch(() => undefined);
    this.informers = [];
    await this.watchOwnedKinds(versions);
    this.watchControlObjects();
    this.reconciler = new Reconciler(this.client, () => this.config, this.owned, this.events, versions);
    await this.startInformers();
    this.syncedResolve();
    const n = this.options.workers ?? 4;
    for (let i = 0; i < n; i++) this.workers.push(this.worker());
  }

  /**
   * One informer per owned kind. Optional kinds (Istio, Ambassador, KEDA) are watched only when
   * enabled and served; an enabled but missing kind is reported by the reconciles that need it
   * (status Failed with the API error).
   */
  private async watchOwnedKinds(versions: Record<string, ResourceType>): Promise<void> {
    for (const { key, rt, noun, enabled, core } of ownedKindSpecs(this.config, versions)) {
      const kind: OwnedKind = { rt, noun, enabled };
      if (enabled && !core && !(await isServed(this.client, rt))) {
        this.log({
          level: 'error',
          msg: `${rt.kind} (${rt.apiVersion}) is enabled but not served by the API server: is its CRD installed?`,
        });
      } else if (enabled) {
        kind.informer = new Informer(this.client, rt, (ev, obj) => this.onOwnedEvent(ev, obj), {
          namespace: this.config.watchNamespace,
          labelSelector: `${MANAGED_BY}=${MANAGED_BY_VALUE}`,
          resyncMs: 0,
          onError: this.informerError,
        });
        this.informers.push(kind.informer);
      }
      this.owned[key] = kind;
    }
  }

  /** Informers on `seldon-config`, on SeldonDeployments and (cluster-wide) on Namespaces. */
  private watchControlObjects(): void {
    const ns = this.config.watchNamespace;
    this.informers.push(
      new Informer(this.client, RT.configMap, (ev) => this.onSeldonConfig(ev), {
        namespace: this.config.operatorNamespace,
        fieldSelector: `metadata.name=${SELDON_CONFIG}`,
        resyncMs: 0,
      }),
    );
    this.sdepInformer = new Informer(
      this.client,
      RT.seldonDeployment,
      (ev, obj) => this.onSdepEvent(ev, obj),
      {
        namespace: ns,
        resyncMs: this.options.resyncMs ?? 600_000,
        onError: this.informerError,
      },
    );
    this.informers.push(this.sdepInformer);
    if (ns) return;
    const nsInformer = new Informer(this.client, RT.namespace, (ev, obj) => this.onNamespaceEvent(ev, obj), {
      resyncMs: 0,
    });
    this.owned.namespaceCache = { rt: RT.namespace, noun: 'Namespace', enabled: false, informer: nsInformer };
    this.informers.push(nsInformer);
  }

  /** Owned objects first, SeldonDeployments last: the first reconciles then see a complete cache. */
  private async startInformers(): Promise<void> {
    const sdeps = this.sdepInformer!;
    const others = this.informers.filter((i) => i !== sdeps);
    for (const inf of others) inf.start();
    await Promise.all(others.map((i) => i.synced));
    sdeps.start();
    await sdeps.synced;
  }

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
    if (ev === 'update' && this.isOwnStatusWrite(obj)) return;
    if (ev === 'resync') this.pendingResync.add(Informer.key(obj));
    this.queue.add(Informer.key(obj));
  }

  /** Status-only updates (our own writes) change neither generation nor labels: nothing to do. */
  private isOwnStatusWrite(obj: KubeObject): boolean {
    const key = Informer.key(obj);
    const cached = obj as KubeObject & { status?: { observedGeneration?: number } };
    if (cached.status?.observedGeneration !== obj.metadata.generation || this.pendingResync.has(key))
      return false;
    return this.lastReconciled.get(key) === reconcileFingerprint(obj);
  }

  private readonly informerError = (err: Error) =>
    this.log({
      level: 'warn',
      msg: 'list failed, retrying',
      code: (err as OperatorError).code,
      error: err.message,
    });

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
        await this.reconcileKey(key);
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

  /** Reconciles the cached SeldonDeployment of `key`, if it still exists and is ours. */
  private async reconcileKey(key: string): Promise<void> {
    const cached = this.sdepInformer?.store.get(key);
    if (!cached || !(await this.isOursChecked(cached))) return;
    const force = this.pendingResync.delete(key);
    const result = await this.reconciler!.reconcile(cached as unknown as SeldonDeployment, force);
    this.lastReconciled.set(key, reconcileFingerprint(cached));
    this.log({ level: 'debug', msg: 'reconciled', key, ...result });
  }
}
