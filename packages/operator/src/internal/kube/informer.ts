import type { KubeClient, KubeObject, ResourceType, Watch, WatchEvent } from './client.js';

export interface InformerOptions {
  /** Restrict to one namespace; undefined = all namespaces. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Every resync period all cached objects are handed to `onResync`. Default 300000 ms (0 = never). */
  resyncMs?: number;
  /** Server-side watch timeout before the stream is reopened. Default 300 s. */
  watchTimeoutSeconds?: number;
  /** Delay before reopening a failed list/watch. Default 1000 ms. */
  retryDelayMs?: number;
  /** Told about each failed list (then retried), e.g. a missing CRD or RBAC. */
  onError?: (err: Error) => void;
}

export type InformerEvent = 'add' | 'update' | 'delete' | 'resync';

/**
 * List-then-watch cache of one kind, the piece `@kubernetes/client-node` leaves thin: watches are
 * reopened from the last resourceVersion when they end, a 410 Gone (or any watch error) relists and
 * reports the difference, and a periodic resync re-delivers everything so a missed event cannot leave
 * an object unreconciled.
 */
export class Informer<T extends KubeObject = KubeObject> {
  readonly store = new Map<string, T>();
  private resourceVersion = '';
  private watch: Watch | undefined;
  private stopped = false;
  private resyncTimer: NodeJS.Timeout | undefined;
  private syncedResolve!: () => void;
  /** Resolves after the first successful list. */
  readonly synced: Promise<void> = new Promise((r) => (this.syncedResolve = r));
  private loop: Promise<void> | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private sleepResolve: (() => void) | undefined;
  /** Number of relists (first list included). */
  listCount = 0;
  /** Number of watch streams opened. */
  watchCount = 0;
  /**
   * Number of watches the API server ended with 410 Gone: the resourceVersion they resumed from was
   * compacted away, so events may have been missed and the next step is a relist.
   */
  expiredCount = 0;

  constructor(
    private readonly client: KubeClient,
    readonly rt: ResourceType,
    private readonly handler: (event: InformerEvent, obj: T, old?: T) => void,
    private readonly options: InformerOptions = {},
  ) {}

  static key(obj: KubeObject): string {
    return obj.metadata.namespace
      ? `${obj.metadata.namespace}/${obj.metadata.name}`
      : (obj.metadata.name ?? '');
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.store.get(namespace ? `${namespace}/${name}` : name);
  }

  /**
   * Records an object the caller just wrote (e.g. an apply response) so that reads before the watch
   * event arrives see it. No handler is called; the watch event later is delivered as usual.
   */
  remember(obj: T): void {
    slim(obj);
    const key = Informer.key(obj);
    const old = this.store.get(key);
    if (!old || Number(old.metadata.resourceVersion ?? 0) < Number(obj.metadata.resourceVersion ?? 0))
      this.store.set(key, obj);
  }

  list(): T[] {
    return [...this.store.values()];
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    const resync = this.options.resyncMs ?? 300_000;
    if (resync > 0) {
      this.resyncTimer = setInterval(() => {
        for (const obj of this.store.values()) this.handler('resync', obj);
      }, resync);
      this.resyncTimer.unref?.();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.watch?.abort();
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.sleepResolve?.();
    await this.loop;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepResolve = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
    });
  }

  private query(): Record<string, string> {
    const q: Record<string, string> = {};
    if (this.options.labelSelector) q.labelSelector = this.options.labelSelector;
    if (this.options.fieldSelector) q.fieldSelector = this.options.fieldSelector;
    return q;
  }

  private async relist(): Promise<void> {
    const list = await this.client.list<T>(this.rt, this.options.namespace, this.query());
    this.listCount++;
    const seen = new Set<string>();
    for (const item of list.items) {
      slim(item);
      item.apiVersion ??= this.rt.apiVersion;
      item.kind ??= this.rt.kind;
      const key = Informer.key(item);
      seen.add(key);
      const old = this.store.get(key);
      this.store.set(key, item);
      if (!old) this.handler('add', item);
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion)
        this.handler('update', item, old);
    }
    for (const [key, obj] of [...this.store]) {
      if (!seen.has(key)) {
        this.store.delete(key);
        this.handler('delete', obj);
      }
    }
    this.resourceVersion = list.metadata.resourceVersion ?? '';
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.relist();
          needList = false;
          this.syncedResolve();
        }
        let gone = false;
        this.watchCount++;
        this.watch = this.client.watch<T>(
          this.rt,
          this.options.namespace,
          {
            ...this.query(),
            resourceVersion: this.resourceVersion,
            timeoutSeconds: String(this.options.watchTimeoutSeconds ?? 300),
          },
          (ev: WatchEvent<T>) => this.onEvent(ev, () => (gone = true)),
        );
        await this.watch.done;
        this.watch = undefined;
        if (gone) {
          needList = true;
          if (!this.stopped) await this.sleep(this.options.retryDelayMs ?? 1000);
        }
      } catch (err) {
        needList = true;
        if (!this.stopped) {
          this.options.onError?.(err as Error);
          await this.sleep(this.options.retryDelayMs ?? 1000);
        }
      }
    }
  }

  private onEvent(ev: WatchEvent<T>, markGone: () => void): void {
    const obj = ev.object;
    if (ev.type === 'ERROR') {
      if ((obj as unknown as { code?: number } | undefined)?.code === 410) this.expiredCount++;
      markGone();
      this.watch?.abort();
      return;
    }
    if (obj?.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
    if (ev.type === 'BOOKMARK') return;
    obj.apiVersion ??= this.rt.apiVersion;
    obj.kind ??= this.rt.kind;
    slim(obj);
    const key = Informer.key(obj);
    const old = this.store.get(key);
    if (ev.type === 'DELETED') {
      this.store.delete(key);
      this.handler('delete', obj);
    } else {
      this.store.set(key, obj);
      this.handler(old ? 'update' : 'add', obj, old);
    }
  }
}

/** managedFields are the largest part of most objects and never read from the cache. */
function slim(obj: KubeObject): void {
  if (obj?.metadata && 'managedFields' in obj.metadata) delete obj.metadata.managedFields;
}
