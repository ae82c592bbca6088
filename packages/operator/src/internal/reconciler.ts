import { createHash } from 'node:crypto';
import type {
  Condition,
  PredictiveUnit,
  SeldonDeployment,
  SeldonDeploymentStatus,
} from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../config.js';
import { OperatorError, isConflict } from '../errors.js';
import type { KubeClient, KubeObject, ResourceType } from './kube/client.js';
import type { Informer } from './kube/informer.js';
import { RT } from './kube/resources.js';
import { desiredState, SELDON_ID_LABEL, type DesiredState } from './desired/objects.js';
import type { EventRecorder } from './events.js';
import type { ClusterFacts, CredentialSecret } from './desired/prepackaged.js';

export const FIELD_MANAGER = 'seldon-operator';
/** Hash of the last applied desired object; an equal hash on the live object means "nothing to apply". */
export const DESIRED_HASH = 'seldon.io/desired-hash';

/** Kinds that may be owned, with the informer that caches them (if any) and the event noun. */
export interface OwnedKind {
  rt: ResourceType;
  informer?: Informer;
  noun: string;
  enabled: boolean;
}

export interface ReconcileResult {
  /** Reconcile again after this delay (status not final yet is handled by watches, so rarely used). */
  requeueAfterMs?: number;
  applied: number;
  deleted: number;
  state: string;
}

interface DeploymentLive extends KubeObject {
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }[];
  };
}

const NOT_PROGRESSING = 'Deployment is no longer progressing and not available.';

function hashOf(obj: unknown): string {
  return createHash('sha256').update(JSON.stringify(obj)).digest('hex').slice(0, 32);
}

function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  return (obj.metadata.ownerReferences ?? []).some((o) => o.uid === uid && o.kind === 'SeldonDeployment');
}

/**
 * One reconcile of one SeldonDeployment (07 §10), level-based: compute the desired objects, apply
 * those whose desired hash differs from the live object with server-side apply (fields owned by
 * others — an HPA's replicas, `kubectl rollout restart` annotations — are left alone), delete owned
 * objects that are no longer desired, and write the status subresource when it changed.
 */
export class Reconciler {
  /** In-memory hashes for kinds without an informer cache. */
  private readonly appliedHashes = new Map<string, string>();
  private readonly writtenStatus = new Map<string, string>();

  constructor(
    private readonly client: KubeClient,
    private readonly getConfig: () => OperatorConfig,
    private readonly kinds: Record<string, OwnedKind>,
    private readonly events: EventRecorder,
    private readonly versionMap: Record<string, ResourceType>,
  ) {}

  async reconcile(sdep: SeldonDeployment, force = false): Promise<ReconcileResult> {
    const sdepObj = sdep as unknown as KubeObject;
    if (sdep.metadata.deletionTimestamp) return { applied: 0, deleted: 0, state: 'Deleting' };
    const config = this.getConfig();
    let desired: DesiredState;
    try {
      desired = desiredState(sdep, config, await this.clusterFacts(sdep));
    } catch (err) {
      await this.fail(sdep, err);
      throw err;
    }
    let applied = 0;
    let deleted = 0;
    try {
      // Graph ConfigMaps first (pods mount them), then everything else concurrently.
      const first = desired.objects.filter((o) => o.kind === 'ConfigMap');
      const rest = desired.objects.filter((o) => o.kind !== 'ConfigMap');
      for (const wave of [first, rest]) {
        const results = await Promise.all(wave.map((obj) => this.applyOne(sdepObj, obj, force)));
        applied += results.filter(Boolean).length;
      }
      const status = this.computeStatus(sdep, desired);
      const allDeploymentsReady =
        status.conditions!.find((c) => c.type === 'DeploymentsReady')?.status === 'True';
      deleted = await this.cleanup(sdep, desired, allDeploymentsReady);
      await this.writeStatus(sdep, status);
      return { applied, deleted, state: status.state ?? '' };
    } catch (err) {
      if (!isConflict(err)) await this.fail(sdep, err);
      throw err;
    }
  }

  /**
   * Secrets of the service accounts that download models (07 §5). Read only for SeldonDeployments with
   * a `modelUri`; unreadable ones (RBAC, missing) are skipped: the download then has no credentials.
   */
  private async clusterFacts(sdep: SeldonDeployment): Promise<ClusterFacts> {
    const accounts = new Set<string>();
    const visit = (n: PredictiveUnit, podAccounts: string[]) => {
      if (n.modelUri)
        for (const a of [n.serviceAccountName, ...podAccounts, 'default']) if (a) accounts.add(a);
      for (const c of n.children ?? []) visit(c, podAccounts);
    };
    for (const p of sdep.spec.predictors ?? []) {
      const podAccounts = (p.componentSpecs ?? [])
        .map((cs) => cs.spec?.serviceAccountName)
        .filter((a): a is string => !!a);
      visit(p.graph, podAccounts);
      if (p.explainer?.modelUri) accounts.add(p.explainer.serviceAccountName || 'default');
    }
    if (accounts.size === 0) return {};
    const ns = sdep.metadata.namespace || 'default';
    const serviceAccountSecrets: Record<string, CredentialSecret[]> = {};
    for (const name of accounts) {
      try {
        const sa = await this.client.getOrUndefined<KubeObject & { secrets?: { name?: string }[] }>(
          RT.serviceAccount,
          ns,
          name,
        );
        const list: CredentialSecret[] = [];
        for (const ref of sa?.secrets ?? []) {
          if (!ref.name) continue;
          const secret = await this.client.getOrUndefined<KubeObject & { data?: Record<string, string> }>(
            RT.secret,
            ns,
            ref.name,
          );
          if (secret)
            list.push({
              name: ref.name,
              keys: Object.keys(secret.data ?? {}),
              annotations: secret.metadata.annotations ?? {},
            });
        }
        serviceAccountSecrets[name] = list;
      } catch {
        // Not allowed or unreachable: build without credentials rather than block the SeldonDeployment.
      }
    }
    return { serviceAccountSecrets };
  }

  private rtFor(obj: KubeObject): ResourceType {
    const key = `${obj.apiVersion}/${obj.kind}`;
    const rt = this.versionMap[key] ?? Object.values(this.kinds).find((k) => k.rt.kind === obj.kind)?.rt;
    if (!rt) throw new OperatorError('SC_ERR_OPERATOR_CONFIG', `no API resource known for ${key}`);
    return rt;
  }

  private kindOf(obj: KubeObject): OwnedKind | undefined {
    return Object.values(this.kinds).find((k) => k.rt.kind === obj.kind);
  }

  private async applyOne(owner: KubeObject, desired: KubeObject, force: boolean): Promise<boolean> {
    const rt = this.rtFor(desired);
    const obj: KubeObject = { ...desired, apiVersion: rt.apiVersion };
    const hash = hashOf(obj);
    obj.metadata = {
      ...obj.metadata,
      annotations: { ...(obj.metadata.annotations ?? {}), [DESIRED_HASH]: hash },
    };
    const kind = this.kindOf(desired);
    const memKey = `${rt.kind}/${obj.metadata.namespace}/${obj.metadata.name}`;
    const live = kind?.informer?.get(obj.metadata.namespace, obj.metadata.name!);
    if (!force) {
      if (kind?.informer) {
        if (live && live.metadata.annotations?.[DESIRED_HASH] === hash && !live.metadata.deletionTimestamp)
          return false;
      } else if (this.appliedHashes.get(memKey) === hash) return false;
    }
    let written: KubeObject;
    try {
      written = await this.client.apply(rt, obj, FIELD_MANAGER, true);
    } catch (err) {
      // A Deployment selector is immutable: like v1, delete and recreate when it changed (background
      // propagation: the garbage collector removes the old ReplicaSets).
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
    this.appliedHashes.set(memKey, hash);
    // Status is computed from the caches right after: let them see what was just written.
    if (written?.metadata && kind?.informer)
      kind.informer.remember({
        ...written,
        apiVersion: written.apiVersion ?? rt.apiVersion,
        kind: written.kind ?? rt.kind,
      });
    const noun = kind?.noun ?? rt.kind;
    if (rt.kind === 'ConfigMap') return true;
    if (live) {
      if (live.metadata.annotations?.[DESIRED_HASH] !== hash)
        this.events.record(owner, 'Normal', `Update${noun}`, `Updated ${rt.kind} "${obj.metadata.name}"`);
    } else if (kind?.informer) {
      // Without a cache (a kind not watched) create and update cannot be told apart: no event.
      this.events.record(owner, 'Normal', `Create${noun}`, `Created ${rt.kind} "${obj.metadata.name}"`);
    }
    return true;
  }

  private async cleanup(
    sdep: SeldonDeployment,
    desired: DesiredState,
    allDeploymentsReady: boolean,
  ): Promise<number> {
    const wanted = new Set(desired.objects.map((o) => `${o.kind}/${o.metadata.name}`));
    let deleted = 0;
    for (const kind of Object.values(this.kinds)) {
      if (!kind.enabled || kind.rt.kind === 'SeldonDeployment') continue;
      // Old Deployments keep serving until the new ones are ready (no gap when a predictor is renamed);
      // their Services and graph ConfigMaps go with them.
      const waits = ['Deployment', 'Service', 'ConfigMap'].includes(kind.rt.kind);
      if (waits && !allDeploymentsReady) continue;
      let candidates: KubeObject[];
      if (kind.informer) {
        candidates = kind.informer.list().filter((o) => o.metadata.namespace === desired.namespace);
      } else {
        candidates = (
          await this.client.list(kind.rt, desired.namespace, {
            labelSelector: `${SELDON_ID_LABEL}=${desired.seldonId}`,
          })
        ).items;
      }
      for (const obj of candidates) {
        if (!ownedBy(obj, sdep.metadata.uid) || wanted.has(`${kind.rt.kind}/${obj.metadata.name}`)) continue;
        if (
          await this.client.delete(kind.rt, obj.metadata.namespace, obj.metadata.name!, {
            uid: obj.metadata.uid,
            propagationPolicy: 'Background',
          })
        ) {
          deleted++;
          this.appliedHashes.delete(`${kind.rt.kind}/${obj.metadata.namespace}/${obj.metadata.name}`);
          this.events.record(
            sdep as unknown as KubeObject,
            'Normal',
            `Delete${kind.noun}`,
            `Deleted ${kind.rt.kind} "${obj.metadata.name}"`,
          );
        }
      }
    }
    return deleted;
  }

  private condition(
    prev: Condition[] | undefined,
    type: string,
    ok: boolean,
    reason: string,
    message = '',
  ): Condition {
    const status = ok ? 'True' : 'False';
    const old = prev?.find((c) => c.type === type);
    return {
      type,
      status,
      reason,
      ...(message ? { message } : {}),
      lastTransitionTime:
        old && old.status === status && old.lastTransitionTime
          ? old.lastTransitionTime
          : new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
  }

  /** 07 §10 steps 6–8 from the informer caches. */
  computeStatus(sdep: SeldonDeployment, desired: DesiredState): SeldonDeploymentStatus {
    const prev = sdep.status?.conditions;
    const depInformer = this.kinds.deployment?.informer;
    const deploymentStatus: NonNullable<SeldonDeploymentStatus['deploymentStatus']> = {};
    let allReady = true;
    let notProgressing = false;
    let replicas: number | undefined;
    let availableCondition: { status: string; reason?: string; message?: string } | undefined;
    for (const d of desired.deployments) {
      const live = depInformer?.get(desired.namespace, d.name) as DeploymentLive | undefined;
      const st = live?.status ?? {};
      deploymentStatus[d.name] = {
        replicas: st.replicas ?? 0,
        availableReplicas: st.availableReplicas ?? 0,
        ...(d.explainerFor ? { explainerFor: d.explainerFor } : {}),
      };
      if (d.predictorIndex === 0 && d.componentIndex === 0) replicas = st.replicas ?? 0;
      const wantReplicas = live?.spec?.replicas ?? 1;
      const stale =
        st.observedGeneration !== undefined &&
        live?.metadata.generation !== undefined &&
        st.observedGeneration < live.metadata.generation;
      const ready =
        !!live &&
        !stale &&
        (wantReplicas === 0
          ? (st.replicas ?? 0) === 0
          : (st.readyReplicas ?? 0) > 0 && !((st.unavailableReplicas ?? 0) > 0));
      if (!ready) allReady = false;
      const progressing = st.conditions?.find((c) => c.type === 'Progressing');
      const available = st.conditions?.find((c) => c.type === 'Available');
      if (!ready && progressing?.status === 'False' && available?.status === 'False') notProgressing = true;
      if (available && (!availableCondition || available.status !== 'True')) availableCondition = available;
    }
    const svcInformer = this.kinds.service?.informer;
    const serviceStatus: NonNullable<SeldonDeploymentStatus['serviceStatus']> = {};
    let servicesReady = true;
    for (const s of desired.services) {
      if (!svcInformer?.get(desired.namespace, s.name)) servicesReady = false;
      serviceStatus[s.name] = {
        svcName: s.name,
        httpEndpoint: `${s.name}.${desired.namespace}:${s.httpPort}`,
        ...(s.explainerFor
          ? { explainerFor: s.explainerFor }
          : { grpcEndpoint: `${s.name}.${desired.namespace}:${s.grpcPort}` }),
      };
    }
    const count = (kind: string) => desired.objects.filter((o) => o.kind === kind).length;
    const existsAll = (kindKey: string, kind: string) => {
      const inf = this.kinds[kindKey]?.informer;
      return (
        !inf ||
        desired.objects
          .filter((o) => o.kind === kind)
          .every((o) => inf.get(desired.namespace, o.metadata.name!))
      );
    };
    const hpas = count('HorizontalPodAutoscaler');
    const pdbs = count('PodDisruptionBudget');
    const keda = count('ScaledObject');
    const vs = count('VirtualService');
    const maps = count('Mapping');
    const hpaReady = existsAll('hpa', 'HorizontalPodAutoscaler');
    const pdbReady = existsAll('pdb', 'PodDisruptionBudget');
    const conditions: Condition[] = [
      {
        ...this.condition(
          prev,
          'DeploymentsReady',
          allReady,
          availableCondition?.reason ?? (allReady ? 'MinimumReplicasAvailable' : 'DeploymentsNotReady'),
          availableCondition?.message ?? '',
        ),
      },
      this.condition(
        prev,
        'ServicesReady',
        servicesReady,
        servicesReady ? 'All services created' : 'Not all services created',
      ),
      this.condition(
        prev,
        'HpasReady',
        hpaReady,
        hpas === 0 ? 'No HPAs defined' : hpaReady ? 'All HPAs resources ready' : 'HPAs not ready',
      ),
      this.condition(
        prev,
        'PdbsReady',
        pdbReady,
        pdbs === 0 ? 'No PDBs defined' : pdbReady ? 'All PDBs resources ready' : 'PDBs not ready',
      ),
      this.condition(
        prev,
        'KedaReady',
        true,
        keda === 0 ? 'No KEDA resources defined' : 'All KEDA resources ready',
      ),
      this.condition(
        prev,
        'istioVirtualServicesReady',
        true,
        vs === 0 ? 'No VirtualServices defined' : 'All VirtualServices created',
      ),
      this.condition(
        prev,
        'AmbassadorMappingsReady',
        true,
        maps === 0 ? 'No Ambassador Mappaings defined' : 'All Ambassador Mappings created',
      ),
    ];
    const everythingReady = conditions.every((c) => c.status === 'True');
    conditions.push(
      this.condition(prev, 'Ready', everythingReady, everythingReady ? 'Available' : 'NotReady'),
    );
    for (const c of conditions) c.observedGeneration = sdep.metadata.generation;
    const state = everythingReady ? 'Available' : notProgressing ? 'Failed' : 'Creating';
    return {
      state,
      ...(state === 'Failed' ? { description: NOT_PROGRESSING } : {}),
      deploymentStatus,
      serviceStatus,
      ...(replicas !== undefined ? { replicas } : {}),
      ...(desired.address ? { address: { url: desired.address } } : {}),
      conditions,
      observedGeneration: sdep.metadata.generation,
    };
  }

  private async writeStatus(sdep: SeldonDeployment, status: SeldonDeploymentStatus): Promise<void> {
    const old = sdep.status ?? {};
    // Compared without what moves by itself (transition times) and without the per-condition
    // observedGeneration: a CRD installed before it was in the schema prunes it, and comparing it
    // would then rewrite the status forever. The top-level observedGeneration still counts.
    const strip = (s: SeldonDeploymentStatus) =>
      JSON.stringify({
        ...s,
        description: s.description || undefined,
        conditions: (s.conditions ?? []).map(
          ({ lastTransitionTime: _t, observedGeneration: _g, ...c }: Condition) => c,
        ),
      });
    const key = `${sdep.metadata.namespace}/${sdep.metadata.name}`;
    const next = strip(status);
    // The cached object may not show our last write yet (its watch event can trail the owned
    // objects' events): remember what was written so it is not written twice.
    if (strip(old) === next || this.writtenStatus.get(key) === `${sdep.metadata.uid}/${next}`) return;
    // A merge patch merges maps: entries that disappeared must be sent as null.
    const patch: Record<string, unknown> = { ...status };
    // An empty description is sent as a deletion: the v1.20 test API server rejects "" here.
    if (!status.description) patch.description = null;
    for (const key of ['deploymentStatus', 'serviceStatus'] as const) {
      const merged: Record<string, unknown> = { ...(status[key] ?? {}) };
      for (const k of Object.keys(old[key] ?? {})) if (!(k in merged)) merged[k] = null;
      patch[key] = merged;
    }
    await this.client.mergePatch(
      RT.seldonDeployment,
      sdep.metadata.namespace,
      sdep.metadata.name!,
      { status: patch },
      'status',
    );
    this.writtenStatus.set(key, `${sdep.metadata.uid}/${next}`);
    if (this.writtenStatus.size > 100_000) this.writtenStatus.clear();
    this.events.record(
      sdep as unknown as KubeObject,
      'Normal',
      'Updated',
      `Updated SeldonDeployment "${sdep.metadata.name}"`,
    );
  }

  private async fail(sdep: SeldonDeployment, err: unknown): Promise<void> {
    this.writtenStatus.delete(`${sdep.metadata.namespace}/${sdep.metadata.name}`);
    const message = err instanceof Error ? err.message : String(err);
    this.events.record(sdep as unknown as KubeObject, 'Warning', 'InternalError', message);
    if (sdep.status?.state === 'Failed' && sdep.status.description === message) return;
    try {
      await this.client.mergePatch(
        RT.seldonDeployment,
        sdep.metadata.namespace,
        sdep.metadata.name!,
        { status: { state: 'Failed', description: message, observedGeneration: sdep.metadata.generation } },
        'status',
      );
    } catch {
      // The reconcile is retried anyway.
    }
  }
}
