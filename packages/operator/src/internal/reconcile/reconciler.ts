// One reconcile of one SeldonDeployment (07 §10): desired objects, apply, cleanup, status.
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import type { OperatorConfig } from '../../config.js';
import { isConflict } from '../../errors.js';
import { desiredState, type DesiredState } from '../desired/desired-state.js';
import { SELDON_ID_LABEL } from '../desired/metadata.js';
import type { EventRecorder } from '../events.js';
import type { KubeClient, KubeObject, ResourceType } from '../kube/client.js';
import { Applier } from './applier.js';
import { readClusterFacts } from './cluster-facts.js';
import { ownedBy, type OwnedKind, type OwnedKinds } from './owned-kinds.js';
import { computeStatus } from './status.js';
import { StatusWriter } from './status-writer.js';

export interface ReconcileResult {
  /** Reconcile again after this delay (status not final yet is handled by watches, so rarely used). */
  requeueAfterMs?: number;
  applied: number;
  deleted: number;
  state: string;
}

/** Kinds whose leftovers wait for the new Deployments to be ready (no gap when a predictor is renamed). */
const WAIT_FOR_READY = ['Deployment', 'Service', 'ConfigMap'];

/**
 * Level-based: compute the desired objects, apply those whose desired hash differs from the live
 * object with server-side apply (fields owned by others — an HPA's replicas, `kubectl rollout restart`
 * annotations — are left alone), delete owned objects that are no longer desired, and write the status
 * subresource when it changed.
 */
export class Reconciler {
  private readonly applier: Applier;
  private readonly status: StatusWriter;

  constructor(
    private readonly client: KubeClient,
    private readonly getConfig: () => OperatorConfig,
    private readonly kinds: OwnedKinds,
    private readonly events: EventRecorder,
    versionMap: Record<string, ResourceType>,
  ) {
    this.applier = new Applier(client, kinds, events, versionMap);
    this.status = new StatusWriter(client, events);
  }

  async reconcile(sdep: SeldonDeployment, force = false): Promise<ReconcileResult> {
    if (sdep.metadata.deletionTimestamp) return { applied: 0, deleted: 0, state: 'Deleting' };
    let desired: DesiredState;
    try {
      desired = desiredState(sdep, this.getConfig(), await readClusterFacts(this.client, sdep));
    } catch (err) {
      await this.status.fail(sdep, err);
      throw err;
    }
    try {
      const applied = await this.applyAll(sdep, desired, force);
      const status = computeStatus(sdep, desired, this.kinds);
      const allDeploymentsReady =
        status.conditions!.find((c) => c.type === 'DeploymentsReady')?.status === 'True';
      const deleted = await this.cleanup(sdep, desired, allDeploymentsReady);
      await this.status.write(sdep, status);
      return { applied, deleted, state: status.state ?? '' };
    } catch (err) {
      if (!isConflict(err)) await this.status.fail(sdep, err);
      throw err;
    }
  }

  /** Graph ConfigMaps first (pods mount them), then everything else concurrently. */
  private async applyAll(sdep: SeldonDeployment, desired: DesiredState, force: boolean): Promise<number> {
    const owner = sdep as unknown as KubeObject;
    const first = desired.objects.filter((o) => o.kind === 'ConfigMap');
    const rest = desired.objects.filter((o) => o.kind !== 'ConfigMap');
    let applied = 0;
    for (const wave of [first, rest]) {
      const results = await Promise.all(wave.map((obj) => this.applier.apply(owner, obj, force)));
      applied += results.filter(Boolean).length;
    }
    return applied;
  }

  /**
   * Deletes owned objects that are no longer desired (with a UID precondition). Deployments, Services
   * and ConfigMaps keep serving until all desired Deployments are ready.
   */
  private async cleanup(
    sdep: SeldonDeployment,
    desired: DesiredState,
    allDeploymentsReady: boolean,
  ): Promise<number> {
    const wanted = new Set(desired.objects.map((o) => `${o.kind}/${o.metadata.name}`));
    let deleted = 0;
    for (const kind of Object.values(this.kinds)) {
      if (!kind.enabled || kind.rt.kind === 'SeldonDeployment') continue;
      if (WAIT_FOR_READY.includes(kind.rt.kind) && !allDeploymentsReady) continue;
      for (const obj of await this.ownedObjects(kind, desired)) {
        if (!ownedBy(obj, sdep.metadata.uid) || wanted.has(`${kind.rt.kind}/${obj.metadata.name}`)) continue;
        if (await this.deleteOwned(sdep, kind, obj)) deleted++;
      }
    }
    return deleted;
  }

  /** Candidates of one kind in the namespace: from the cache, else listed by the seldon-deployment-id label. */
  private async ownedObjects(kind: OwnedKind, desired: DesiredState): Promise<KubeObject[]> {
    if (kind.informer) return kind.informer.list().filter((o) => o.metadata.namespace === desired.namespace);
    const list = await this.client.list(kind.rt, desired.namespace, {
      labelSelector: `${SELDON_ID_LABEL}=${desired.seldonId}`,
    });
    return list.items;
  }

  private async deleteOwned(sdep: SeldonDeployment, kind: OwnedKind, obj: KubeObject): Promise<boolean> {
    const { namespace, name, uid } = obj.metadata;
    if (!(await this.client.delete(kind.rt, namespace, name!, { uid, propagationPolicy: 'Background' })))
      return false;
    this.applier.forget(kind.rt.kind, namespace, name);
    this.events.record(
      sdep as unknown as KubeObject,
      'Normal',
      `Delete${kind.noun}`,
      `Deleted ${kind.rt.kind} "${name}"`,
    );
    return true;
  }
}
