// Writes a SeldonDeployment's status subresource: only when it changed, as a merge patch that removes
// entries which disappeared, and `Failed` with the error when a reconcile fails.
import type { Condition, SeldonDeployment, SeldonDeploymentStatus } from '@seldon-ts/crd-types';
import type { EventRecorder } from '../events.js';
import type { KubeClient, KubeObject } from '../kube/client.js';
import { RT } from '../kube/resources.js';

/** Entries kept before the memory of written statuses is cleared. */
const MAX_REMEMBERED = 100_000;

/**
 * Compared without what moves by itself (transition times) and without the per-condition
 * observedGeneration: a CRD installed before it was in the schema prunes it, and comparing it would
 * then rewrite the status forever. The top-level observedGeneration still counts.
 */
function comparable(s: SeldonDeploymentStatus): string {
  return JSON.stringify({
    ...s,
    description: s.description || undefined,
    conditions: (s.conditions ?? []).map(
      ({ lastTransitionTime: _t, observedGeneration: _g, ...c }: Condition) => c,
    ),
  });
}

/** The merge patch turning `old` into `status`: maps' vanished entries are sent as null. */
function statusPatch(old: SeldonDeploymentStatus, status: SeldonDeploymentStatus): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...status };
  // An empty description is sent as a deletion: the v1.20 test API server rejects "" here.
  if (!status.description) patch.description = null;
  for (const key of ['deploymentStatus', 'serviceStatus'] as const) {
    const merged: Record<string, unknown> = { ...(status[key] ?? {}) };
    for (const k of Object.keys(old[key] ?? {})) if (!(k in merged)) merged[k] = null;
    patch[key] = merged;
  }
  return patch;
}

export class StatusWriter {
  /** What was last written per SeldonDeployment (`uid/status`): the cache may not show it yet. */
  private readonly written = new Map<string, string>();

  constructor(
    private readonly client: KubeClient,
    private readonly events: EventRecorder,
  ) {}

  /** Writes `status` unless the SeldonDeployment already has it (or it was just written). */
  async write(sdep: SeldonDeployment, status: SeldonDeploymentStatus): Promise<void> {
    const old = sdep.status ?? {};
    const key = `${sdep.metadata.namespace}/${sdep.metadata.name}`;
    const next = comparable(status);
    // The cached object may not show our last write yet (its watch event can trail the owned
    // objects' events): remember what was written so it is not written twice.
    if (comparable(old) === next || this.written.get(key) === `${sdep.metadata.uid}/${next}`) return;
    await this.client.mergePatch(
      RT.seldonDeployment,
      sdep.metadata.namespace,
      sdep.metadata.name!,
      { status: statusPatch(old, status) },
      'status',
    );
    this.written.set(key, `${sdep.metadata.uid}/${next}`);
    if (this.written.size > MAX_REMEMBERED) this.written.clear();
    this.events.record(
      sdep as unknown as KubeObject,
      'Normal',
      'Updated',
      `Updated SeldonDeployment "${sdep.metadata.name}"`,
    );
  }

  /** Records a Warning event and sets state `Failed` with the error as description (best effort). */
  async fail(sdep: SeldonDeployment, err: unknown): Promise<void> {
    this.written.delete(`${sdep.metadata.namespace}/${sdep.metadata.name}`);
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
