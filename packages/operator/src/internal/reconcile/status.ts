// 07 §10 steps 6–8: the SeldonDeployment status computed from the informer caches: per-Deployment and
// per-Service status, the conditions (DeploymentsReady, ServicesReady, HpasReady, ...) and the state.
import type { Condition, SeldonDeployment, SeldonDeploymentStatus } from '@seldon-ts/crd-types';
import type { DesiredDeploymentInfo, DesiredState } from '../desired/desired-state.js';
import type { KubeObject } from '../kube/client.js';
import type { OwnedKinds } from './owned-kinds.js';

const NOT_PROGRESSING = 'Deployment is no longer progressing and not available.';

interface DeploymentCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

interface DeploymentLive extends KubeObject {
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: DeploymentCondition[];
  };
}

/** What the Deployments of a SeldonDeployment say together. */
interface DeploymentsSummary {
  deploymentStatus: NonNullable<SeldonDeploymentStatus['deploymentStatus']>;
  allReady: boolean;
  /** A Deployment gave up progressing while unavailable: the state is Failed. */
  notProgressing: boolean;
  /** `status.replicas`: the first Deployment of the first predictor. */
  replicas: number | undefined;
  /** The Available condition reported: the first not True, else the first. */
  availableCondition: DeploymentCondition | undefined;
}

/** Ready: observed at its generation, and all replicas up (a Deployment scaled to 0 counts as ready). */
function isReady(live: DeploymentLive | undefined): boolean {
  const st = live?.status ?? {};
  const wantReplicas = live?.spec?.replicas ?? 1;
  const stale =
    st.observedGeneration !== undefined &&
    live?.metadata.generation !== undefined &&
    st.observedGeneration < live.metadata.generation;
  return (
    !!live &&
    !stale &&
    (wantReplicas === 0
      ? (st.replicas ?? 0) === 0
      : (st.readyReplicas ?? 0) > 0 && !((st.unavailableReplicas ?? 0) > 0))
  );
}

function summariseDeployments(
  deployments: DesiredDeploymentInfo[],
  lookup: (name: string) => DeploymentLive | undefined,
): DeploymentsSummary {
  const out: DeploymentsSummary = {
    deploymentStatus: {},
    allReady: true,
    notProgressing: false,
    replicas: undefined,
    availableCondition: undefined,
  };
  for (const d of deployments) {
    const live = lookup(d.name);
    const st = live?.status ?? {};
    out.deploymentStatus[d.name] = {
      replicas: st.replicas ?? 0,
      availableReplicas: st.availableReplicas ?? 0,
      ...(d.explainerFor ? { explainerFor: d.explainerFor } : {}),
    };
    if (d.predictorIndex === 0 && d.componentIndex === 0) out.replicas = st.replicas ?? 0;
    const ready = isReady(live);
    if (!ready) out.allReady = false;
    const progressing = st.conditions?.find((c) => c.type === 'Progressing');
    const available = st.conditions?.find((c) => c.type === 'Available');
    if (!ready && progressing?.status === 'False' && available?.status === 'False') out.notProgressing = true;
    if (available && (!out.availableCondition || available.status !== 'True'))
      out.availableCondition = available;
  }
  return out;
}

/** `status.serviceStatus`, and whether every desired Service is in the cache. */
function summariseServices(desired: DesiredState, exists: (name: string) => boolean) {
  const serviceStatus: NonNullable<SeldonDeploymentStatus['serviceStatus']> = {};
  let servicesReady = true;
  for (const s of desired.services) {
    if (!exists(s.name)) servicesReady = false;
    serviceStatus[s.name] = {
      svcName: s.name,
      httpEndpoint: `${s.name}.${desired.namespace}:${s.httpPort}`,
      ...(s.explainerFor
        ? { explainerFor: s.explainerFor }
        : { grpcEndpoint: `${s.name}.${desired.namespace}:${s.grpcPort}` }),
    };
  }
  return { serviceStatus, servicesReady };
}

/** A condition; its transition time moves only when its status changes. */
function condition(
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

/** HpasReady … AmbassadorMappingsReady: the desired objects of each kind (HPAs and PDBs must be cached). */
function resourceConditions(
  prev: Condition[] | undefined,
  desired: DesiredState,
  kinds: OwnedKinds,
): Condition[] {
  const count = (kind: string) => desired.objects.filter((o) => o.kind === kind).length;
  const existsAll = (kindKey: string, kind: string) => {
    const inf = kinds[kindKey]?.informer;
    return (
      !inf ||
      desired.objects
        .filter((o) => o.kind === kind)
        .every((o) => inf.get(desired.namespace, o.metadata.name!))
    );
  };
  const hpaReady = existsAll('hpa', 'HorizontalPodAutoscaler');
  const pdbReady = existsAll('pdb', 'PodDisruptionBudget');
  const none = (kind: string, reason: string, otherwise: string) => (count(kind) === 0 ? reason : otherwise);
  return [
    condition(
      prev,
      'HpasReady',
      hpaReady,
      none(
        'HorizontalPodAutoscaler',
        'No HPAs defined',
        hpaReady ? 'All HPAs resources ready' : 'HPAs not ready',
      ),
    ),
    condition(
      prev,
      'PdbsReady',
      pdbReady,
      none(
        'PodDisruptionBudget',
        'No PDBs defined',
        pdbReady ? 'All PDBs resources ready' : 'PDBs not ready',
      ),
    ),
    condition(
      prev,
      'KedaReady',
      true,
      none('ScaledObject', 'No KEDA resources defined', 'All KEDA resources ready'),
    ),
    condition(
      prev,
      'istioVirtualServicesReady',
      true,
      none('VirtualService', 'No VirtualServices defined', 'All VirtualServices created'),
    ),
    // The reference's reason, typo included.
    condition(
      prev,
      'AmbassadorMappingsReady',
      true,
      none('Mapping', 'No Ambassador Mappaings defined', 'All Ambassador Mappings created'),
    ),
  ];
}

/** The conditions of the reference (their reasons verbatim), then Ready when all of them are True. */
function conditions(
  sdep: SeldonDeployment,
  desired: DesiredState,
  kinds: OwnedKinds,
  deployments: DeploymentsSummary,
  servicesReady: boolean,
): Condition[] {
  const prev = sdep.status?.conditions;
  const { allReady, availableCondition } = deployments;
  const list: Condition[] = [
    condition(
      prev,
      'DeploymentsReady',
      allReady,
      availableCondition?.reason ?? (allReady ? 'MinimumReplicasAvailable' : 'DeploymentsNotReady'),
      availableCondition?.message ?? '',
    ),
    condition(
      prev,
      'ServicesReady',
      servicesReady,
      servicesReady ? 'All services created' : 'Not all services created',
    ),
    ...resourceConditions(prev, desired, kinds),
  ];
  const everythingReady = list.every((c) => c.status === 'True');
  list.push(condition(prev, 'Ready', everythingReady, everythingReady ? 'Available' : 'NotReady'));
  for (const c of list) c.observedGeneration = sdep.metadata.generation;
  return list;
}

/** 07 §10 steps 6–8 from the informer caches of `kinds`. */
export function computeStatus(
  sdep: SeldonDeployment,
  desired: DesiredState,
  kinds: OwnedKinds,
): SeldonDeploymentStatus {
  const depInformer = kinds.deployment?.informer;
  const svcInformer = kinds.service?.informer;
  const deployments = summariseDeployments(
    desired.deployments,
    (name) => depInformer?.get(desired.namespace, name) as DeploymentLive | undefined,
  );
  const { serviceStatus, servicesReady } = summariseServices(
    desired,
    (name) => !!svcInformer?.get(desired.namespace, name),
  );
  const conds = conditions(sdep, desired, kinds, deployments, servicesReady);
  const everythingReady = conds.every((c) => c.status === 'True');
  const state = everythingReady ? 'Available' : deployments.notProgressing ? 'Failed' : 'Creating';
  return {
    state,
    ...(state === 'Failed' ? { description: NOT_PROGRESSING } : {}),
    deploymentStatus: deployments.deploymentStatus,
    serviceStatus,
    ...(deployments.replicas !== undefined ? { replicas: deployments.replicas } : {}),
    ...(desired.address ? { address: { url: desired.address } } : {}),
    conditions: conds,
    observedGeneration: sdep.metadata.generation,
  };
}
