// Server-side apply of desired objects: skipped when the live object already carries the same
// `seldon.io/desired-hash`, Events for creates and updates, and a Deployment whose selector changed
// deleted so that it can be recreated.
import { createHash } from 'node:crypto';
import { OperatorError } from '../../errors.js';
import type { EventRecorder } from '../events.js';
import type { KubeClient, KubeObject, ResourceType } from '../kube/client.js';
import { ownedKindOf, type OwnedKind, type OwnedKinds } from './owned-kinds.js';

export const FIELD_MANAGER = 'seldon-operator';
/** Hash of the last applied desired object; an equal hash on the live object means "nothing to apply". */
export const DESIRED_HASH = 'seldon.io/desired-hash';

function hashOf(obj: unknown): string {
  return createHash('sha256').update(JSON.stringify(obj)).digest('hex').slice(0, 32);
}

const memoryKey = (kind: string, namespace: string | undefined, name: string | undefined) =>
  `${kind}/${namespace}/${name}`;

export class Applier {
  /** In-memory hashes for kinds without an informer cache. */
  private readonly appliedHashes = new Map<string, string>();

  constructor(
    private readonly client: KubeClient,
    private readonly kinds: OwnedKinds,
    private readonly events: EventRecorder,
    /** `apiVersion/kind` → the resource the API server serves it as (e.g. HPA v2 → v2beta2). */
    private readonly versionMap: Record<string, ResourceType>,
  ) {}

  private rtFor(obj: KubeObject): ResourceType {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const rt = this.versionMap[key] ?? ownedKindOf(this.kinds, obj)?.rt;
    if (!rt) throw new OperatorError('SC_ERR_OPERATOR_CONFIG', `no API resource known for ${key}`);
    return rt;
  }

  /** Forgets the hash of a deleted object. */
  forget(kind: string, namespace: string | undefined, name: string | undefined): void {
    this.appliedHashes.delete(memoryKey(kind, namespace, name));
  }

  /** Applies `desired` (owned by `owner`) unless it is up to date; true when it was written. */
  async apply(owner: KubeObject, desired: KubeObject, force: boolean): Promise<boolean> {
    const rt = this.rtFor(desired);
    const obj: KubeObject = { ...desired, apiVersion: rt.apiVersion };
    const hash = hashOf(obj);
    obj.metadata = {
      ...obj.metadata,
      annotations: { ...(obj.metadata.annotations ?? {}), [DESIRED_HASH]: hash },
    };
    const kind = ownedKindOf(this.kinds, desired);
    const memKey = memoryKey(rt.kind, obj.metadata.namespace, obj.metadata.name);
    const live = kind?.informer?.get(obj.metadata.namespace, obj.metadata.name!);
    if (!force && this.upToDate(kind, live, memKey, hash)) return false;
    const written = await this.write(owner, rt, obj, live);
    this.appliedHashes.set(memKey, hash);
    // Status is computed from the caches right after: let them see what was just written.
    if (written?.metadata && kind?.informer)
      kind.informer.remember({
        ...written,
        apiVersion: written.apiVersion ?? rt.apiVersion,
        kind: written.kind ?? rt.kind,
      });
    this.recordApplied(owner, rt, obj, kind, live, hash);
    return true;
  }

  private upToDate(kind: OwnedKind | undefined, live: KubeObject | undefined, memKey: string, hash: string) {
    if (kind?.informer)
      return !!live && live.metadata.annotations?.[DESIRED_HASH] === hash && !live.metadata.deletionTimestamp;
    return this.appliedHashes.get(memKey) === hash;
  }

  /**
   * Server-side apply. A Deployment selector is immutable: like v1, delete it when it changed
   * (background propagation: the garbage collector removes the old ReplicaSets) and fail this
   * reconcile with a conflict, so that the retry recreates it.
   */
  private async write(
    owner: KubeObject,
    rt: ResourceType,
    obj: KubeObject,
    live: KubeObject | undefined,
  ): Promise<KubeObject> {
    try {
      return await this.client.apply(rt, obj, FIELD_MANAGER, true);
    } catch (err) {
      const e = err as OperatorError;
      if (rt.kind !== 'Deployment' || e.apiStatus !== 422 || !/selector/.test(e.message) || !live) throw err;
      await this.client.delete(rt, obj.metadata.namespace, obj.metadata.name!, {
        uid: live.metadata.uid,
        propagationPolicy: 'Background',
      });
      this.events.record(
        owner,
        'Normal',
        'DeleteDeployment',
        `Deleted Deployment "${obj.metadata.name}" to change its selector`,
      );
      throw new OperatorError(
        'SC_ERR_OPERATOR_CONFLICT',
        `Deployment ${obj.metadata.name}: selector changed, recreating`,
        { cause: err },
      );
    }
  }

  /** `Create<noun>` / `Update<noun>` Events as in v1 (none for graph ConfigMaps). */
  private recordApplied(
    owner: KubeObject,
    rt: ResourceType,
    obj: KubeObject,
    kind: OwnedKind | undefined,
    live: KubeObject | undefined,
    hash: string,
  ): void {
    const noun = kind?.noun ?? rt.kind;
    if (rt.kind === 'ConfigMap') return;
    if (live) {
      if (live.metadata.annotations?.[DESIRED_HASH] !== hash)
        this.events.record(owner, 'Normal', `Update${noun}`, `Updated ${rt.kind} "${obj.metadata.name}"`);
    } else if (kind?.informer) {
      // Without a cache (a kind not watched) create and update cannot be told apart: no event.
      this.events.record(owner, 'Normal', `Create${noun}`, `Created ${rt.kind} "${obj.metadata.name}"`);
    }
  }
}
