// The kinds a SeldonDeployment may own, as the controller set them up: API resource, informer cache
// (if watched) and the noun of their Events.
import type { OperatorConfig } from '../../config.js';
import type { KubeObject, ResourceType } from '../kube/client.js';
import type { Informer } from '../kube/informer.js';
import { RT } from '../kube/resources.js';

/** Kinds that may be owned, with the informer that caches them (if any) and the event noun. */
export interface OwnedKind {
  rt: ResourceType;
  informer?: Informer;
  noun: string;
  enabled: boolean;
}

/** Owned kinds by key (`deployment`, `service`, `configmap`, `hpa`, `pdb`, ...). */
export type OwnedKinds = Record<string, OwnedKind>;

/** The owned kind of `obj`, matched by kind name. */
export function ownedKindOf(kinds: OwnedKinds, obj: KubeObject): OwnedKind | undefined {
  return Object.values(kinds).find((k) => k.rt.kind === obj.kind);
}

/** True when `obj` has an ownerReference to the SeldonDeployment with this uid. */
export function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  return (obj.metadata.ownerReferences ?? []).some((o) => o.uid === uid && o.kind === 'SeldonDeployment');
}

/** A kind the controller may watch and own. */
export interface OwnedKindSpec {
  key: string;
  rt: ResourceType;
  /** Noun of its Events (`CreateHPA`, `DeleteAmbassadorMapping`, ...). */
  noun: string;
  enabled: boolean;
  /** Core kinds are always watched; the others only when enabled and served. */
  core: boolean;
}

/** Core Kubernetes kinds, always watched (labelled `app.kubernetes.io/managed-by=seldon-core`). */
const CORE_KINDS = [
  ['deployment', RT.deployment, 'Deployment'],
  ['service', RT.service, 'Service'],
  ['configmap', RT.configMap, 'ConfigMap'],
  ['hpa', RT.hpa, 'HPA'],
  ['pdb', RT.pdb, 'PDB'],
] as const;

/**
 * The kinds an operator with `config` owns: the core ones (through the version the API server serves,
 * see `resolveVersions`) and KEDA, Istio and Ambassador v2 kinds, enabled by the configuration.
 */
export function ownedKindSpecs(
  config: OperatorConfig,
  versions: Record<string, ResourceType>,
): OwnedKindSpec[] {
  const ambassadorObjects = config.ambassador.enabled && config.ambassador.version !== 'v1';
  return [
    ...CORE_KINDS.map(([key, rt, noun]) => ({
      key,
      rt: versions[`${rt.apiVersion}/${rt.kind}`] ?? rt,
      noun,
      enabled: true,
      core: true,
    })),
    {
      key: 'scaledobject',
      rt: RT.scaledObject,
      noun: 'ScaledObject',
      enabled: config.kedaEnabled,
      core: false,
    },
    {
      key: 'virtualservice',
      rt: RT.virtualService,
      noun: 'VirtualService',
      enabled: config.istio.enabled,
      core: false,
    },
    {
      key: 'destinationrule',
      rt: RT.destinationRule,
      noun: 'DestinationRule',
      enabled: config.istio.enabled,
      core: false,
    },
    { key: 'mapping', rt: RT.mapping, noun: 'AmbassadorMapping', enabled: ambassadorObjects, core: false },
    {
      key: 'tlscontext',
      rt: RT.tlsContext,
      noun: 'AmbassadorTLSContext',
      enabled: ambassadorObjects,
      core: false,
    },
  ];
}
