// 07 §7: what scales a component Deployment and protects it from disruption: a KEDA ScaledObject (if
// KEDA_ENABLED) or an HPA, and a PodDisruptionBudget.
import type { SeldonPodSpec } from '@seldon-ts/crd-types';
import type { KubeObject } from '../kube/client.js';
import type { SdepContext } from './context.js';
import { SELDON_ID_LABEL } from './metadata.js';

/** An HPA or ScaledObject owns the Deployment's `spec.replicas`. */
export function isAutoscaled(cs: SeldonPodSpec, ctx: SdepContext): boolean {
  return Boolean(cs.hpaSpec) || Boolean(cs.kedaSpec && ctx.config.kedaEnabled);
}

/** The ScaledObject or HPA (KEDA wins when both are set), then the PDB, of Deployment `depName`. */
export function autoscalingObjects(cs: SeldonPodSpec, depName: string, ctx: SdepContext): KubeObject[] {
  const scaler =
    cs.kedaSpec && ctx.config.kedaEnabled ? scaledObject(cs, depName, ctx) : hpa(cs, depName, ctx);
  const pdb = podDisruptionBudget(cs, depName, ctx);
  return [...(scaler ? [scaler] : []), ...(pdb ? [pdb] : [])];
}

function scaledObject(cs: SeldonPodSpec, depName: string, ctx: SdepContext): KubeObject {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: ctx.meta(depName, { [SELDON_ID_LABEL]: ctx.seldonId }),
    spec: { scaleTargetRef: { name: depName }, ...cs.kedaSpec },
  };
}

function hpa(cs: SeldonPodSpec, depName: string, ctx: SdepContext): KubeObject | undefined {
  const h = cs.hpaSpec;
  if (!h) return undefined;
  const metrics = h.metrics ? h.metrics.map(convertHpaMetric) : h.metricsv2;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: ctx.meta(depName, { [SELDON_ID_LABEL]: ctx.seldonId }),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: depName },
      ...(h.minReplicas !== undefined ? { minReplicas: h.minReplicas } : {}),
      maxReplicas: h.maxReplicas,
      ...(metrics ? { metrics } : {}),
    },
  };
}

function podDisruptionBudget(cs: SeldonPodSpec, depName: string, ctx: SdepContext): KubeObject | undefined {
  const p = cs.pdbSpec;
  if (!p) return undefined;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: ctx.meta(depName, { [SELDON_ID_LABEL]: ctx.seldonId }),
    spec: {
      ...(p.minAvailable !== undefined ? { minAvailable: p.minAvailable } : {}),
      ...(p.maxUnavailable !== undefined ? { maxUnavailable: p.maxUnavailable } : {}),
      // The reference selects every pod of the SeldonDeployment (quirk, kept: see docs).
      selector: { matchLabels: { [SELDON_ID_LABEL]: ctx.seldonId } },
    },
  };
}

function metricIdentifier(name: unknown, selector: unknown): Record<string, unknown> {
  return { name, ...(selector ? { selector } : {}) };
}

/** The autoscaling/v2 target of a v2beta1 metric source. */
function metricTarget(src: Record<string, unknown>): Record<string, unknown> {
  return src.targetAverageUtilization !== undefined
    ? { type: 'Utilization', averageUtilization: src.targetAverageUtilization }
    : src.targetAverageValue !== undefined
      ? { type: 'AverageValue', averageValue: src.targetAverageValue }
      : { type: 'Value', value: src.targetValue };
}

/** v2beta1 MetricSpec → autoscaling/v2 (07 §7). A metric already in v2 form is returned as it is. */
export function convertHpaMetric(m: Record<string, unknown>): Record<string, unknown> {
  const type = m.type as string;
  if (type === 'Resource' && m.resource) {
    const r = m.resource as Record<string, unknown>;
    if ('target' in r) return m;
    return { type, resource: { name: r.name, target: metricTarget(r) } };
  }
  // Pods and External differ only in the field names of the source and of its selector.
  const source = type === 'Pods' ? 'pods' : type === 'External' ? 'external' : undefined;
  if (source && m[source]) {
    const src = m[source] as Record<string, unknown>;
    if ('target' in src) return m;
    const selector = source === 'pods' ? src.selector : src.metricSelector;
    return {
      type,
      [source]: { metric: metricIdentifier(src.metricName, selector), target: metricTarget(src) },
    };
  }
  if (type === 'Object' && m.object) return convertObjectMetric(m);
  return m;
}

function convertObjectMetric(m: Record<string, unknown>): Record<string, unknown> {
  const o = m.object as Record<string, unknown>;
  if ('target' in o && typeof o.target === 'object' && o.target && 'type' in (o.target as object)) return m;
  return {
    type: m.type,
    object: {
      describedObject: o.target,
      metric: metricIdentifier(o.metricName, o.selector),
      target:
        o.averageValue !== undefined
          ? { type: 'AverageValue', averageValue: o.averageValue }
          : { type: 'Value', value: o.targetValue },
    },
  };
}
