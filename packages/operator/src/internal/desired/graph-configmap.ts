// The graph ConfigMap of a predictor (`<predictor service>-graph`): the defaulted predictor as the
// engine reads it (`predictor.json`) and, with file delivery, each node container's parameters.
import type { PredictorSpec } from '@seldon-ts/crd-types';
import type { KubeObject } from '../kube/client.js';
import type { PredictorContext } from './context.js';

/** The ConfigMap key (and mounted file name) of the engine's graph. */
export const GRAPH_FILE = 'predictor.json';

/** The defaulted predictor as the executor reads it (06 §8 / 07 §3.3). */
export function enginePredictor(predictor: PredictorSpec): PredictorSpec {
  const p = structuredClone(predictor);
  p.traffic = 0;
  p.replicas = 0;
  delete p.explainer;
  for (const cs of p.componentSpecs ?? []) if (cs.metadata) cs.metadata.creationTimestamp = null;
  return p;
}

/** The name of a predictor's graph ConfigMap. */
export function graphConfigMapName(predictorServiceName: string): string {
  return `${predictorServiceName}-graph`;
}

/** The graph ConfigMap object; its `data` is the context's, so parameters added later are in it. */
export function graphConfigMap(ctx: PredictorContext): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: ctx.meta(ctx.graph.configMap, { 'seldon-app': ctx.serviceName }),
    data: ctx.graph.data,
  };
}
