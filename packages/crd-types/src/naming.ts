/**
 * Names of the Kubernetes objects generated for a SeldonDeployment (07 §2).
 *
 * Every helper returns the reference's name when that name is a valid Kubernetes name of at most
 * 63 characters. Otherwise the name is made valid deterministically: invalid characters become
 * `-`, the result is truncated, and `-<hash>` (8 hex characters of SHA-256 of the reference name)
 * is appended, so distinct reference names stay distinct and the readable prefix is kept.
 */
import { createHash } from 'node:crypto';
import type { PredictorSpec, SeldonDeployment, SeldonPodSpec } from './types.js';
import { ANNOTATION_SVC_NAME } from './annotations.js';

/** Longest name/label value produced. */
export const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Kinds of Kubernetes names. */
export type NameKind =
  /** Services: lower-case alphanumerics and `-`, starting with a letter. */
  | 'dns1035-label'
  /** Most names: lower-case alphanumerics and `-`. */
  | 'dns1123-label'
  /** Deployments and most objects: dot-separated DNS-1123 labels (here also at most 63 chars). */
  | 'dns1123-subdomain';

/** A deployment by name or object; a predictor by name or object. */
export type SdepRef = string | { metadata: { name?: string } };
export type PredictorRef =
  string | (Pick<PredictorSpec, 'name'> & Partial<Pick<PredictorSpec, 'annotations' | 'componentSpecs'>>);

function nameOf(ref: SdepRef | PredictorRef): string {
  if (typeof ref === 'string') return ref;
  if ('metadata' in ref) return ref.metadata.name ?? '';
  return ref.name;
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/** True when `name` is a valid name of `kind` of at most 63 characters. */
export function isValidName(name: string, kind: NameKind): boolean {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return false;
  const pattern =
    kind === 'dns1035-label' ? DNS1035_LABEL : kind === 'dns1123-label' ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  return pattern.test(name);
}

/** True when `value` is a valid label value (at most 63 characters, may be empty). */
export function isValidLabelValue(value: string): boolean {
  return value.length <= MAX_NAME_LENGTH && LABEL_VALUE.test(value);
}

/** `candidate` itself when valid, else a deterministic valid name derived from it. */
export function toKubernetesName(candidate: string, kind: NameKind = 'dns1123-label'): string {
  if (isValidName(candidate, kind)) return candidate;
  const hash = shortHash(candidate);
  let base = candidate.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  base = kind === 'dns1035-label' ? base.replace(/^[^a-z]+/, '') : base.replace(/^-+/, '');
  base = base.slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1).replace(/-+$/, '');
  // The hash may start with a digit, which a DNS-1035 label may not.
  return base ? `${base}-${hash}` : `seldon-${hash}`;
}

/** `value` itself when it is a valid label value, else a deterministic valid one derived from it. */
export function toLabelValue(value: string): string {
  if (isValidLabelValue(value)) return value;
  const hash = shortHash(value);
  const base = value
    .replace(/[^-A-Za-z0-9_.]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return base ? `${base}-${hash}` : hash;
}

/**
 * Reference truncation (storage initializer names, explainer VirtualServices): cut to 63 and drop
 * trailing `-`; falls back to `toKubernetesName` when the result is still invalid.
 */
export function truncateName(name: string): string {
  const cut = name.slice(0, MAX_NAME_LENGTH).replace(/-+$/, '');
  return isValidName(cut, 'dns1123-label') ? cut : toKubernetesName(name, 'dns1123-label');
}

/** The "seldon id": label `seldon-deployment-id` value and VirtualService name. */
export function seldonId(sdep: SdepRef): string {
  const name = nameOf(sdep);
  return isValidName(name, 'dns1123-subdomain') ? name : toKubernetesName(name, 'dns1123-label');
}

/** Predictor Service: annotation `seldon.io/svc-name`, else `<sdep>-<predictor>`. */
export function predictorServiceName(sdep: SdepRef, predictor: PredictorRef): string {
  const custom = typeof predictor === 'string' ? undefined : predictor.annotations?.[ANNOTATION_SVC_NAME];
  return toKubernetesName(custom ?? `${nameOf(sdep)}-${nameOf(predictor)}`, 'dns1035-label');
}

/** Service of a graph-node container: `<sdep>-<predictor>-<container>`. */
export function containerServiceName(sdep: SdepRef, predictor: PredictorRef, containerName: string): string {
  return toKubernetesName(`${nameOf(sdep)}-${nameOf(predictor)}-${containerName}`, 'dns1035-label');
}

/**
 * Component Deployment: `<sdep>-<predictor>-<index>-<suffix>`, suffix = `metadata.name` of the
 * componentSpec when set, else its container names joined by `-`.
 */
export function deploymentName(
  sdep: SdepRef,
  predictor: PredictorRef,
  componentIndex: number,
  componentSpec?: SeldonPodSpec,
): string {
  const spec =
    componentSpec ?? (typeof predictor === 'string' ? undefined : predictor.componentSpecs?.[componentIndex]);
  const suffix = spec?.metadata?.name || (spec?.spec?.containers ?? []).map((c) => c.name).join('-');
  return toKubernetesName(
    `${nameOf(sdep)}-${nameOf(predictor)}-${componentIndex}-${suffix}`,
    'dns1123-subdomain',
  );
}

/** Separate executor Deployment: `<sdep>-<predictor>-svc-orch`. */
export function svcOrchDeploymentName(sdep: SdepRef, predictor: PredictorRef): string {
  return toKubernetesName(`${nameOf(sdep)}-${nameOf(predictor)}-svc-orch`, 'dns1123-subdomain');
}

/** Explainer Deployment and Service: `<sdep>-<predictor>-explainer`. */
export function explainerName(sdep: SdepRef, predictor: PredictorRef): string {
  return toKubernetesName(`${nameOf(sdep)}-${nameOf(predictor)}-explainer`, 'dns1035-label');
}

/** Label key whose value selects a node container's pods: `seldon-app-svc-<container>`. */
export function containerServiceLabelKey(containerName: string): string {
  const key = `seldon-app-svc-${containerName}`;
  return isValidName(key, 'dns1123-label') ? key : toKubernetesName(key, 'dns1123-label');
}

/** Storage-initializer init container: `<container>-model-initializer` (reference truncation). */
export function modelInitializerName(containerName: string): string {
  return truncateName(`${containerName}-model-initializer`);
}

/** Storage-initializer volume: `<container>-provision-location` (reference truncation). */
export function provisionLocationVolumeName(containerName: string): string {
  return truncateName(`${containerName}-provision-location`);
}

/** Deployment `SeldonDeployment` helper: the object's namespace or `default`. */
export function namespaceOf(sdep: Pick<SeldonDeployment, 'metadata'>): string {
  return sdep.metadata.namespace || 'default';
}
