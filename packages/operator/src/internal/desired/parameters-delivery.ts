// A node's parameters through the graph ConfigMap instead of a literal environment value, so that a
// parameter change updates a ConfigMap, not the pod template, and rolls no pod.
//
// Each node container gets `PREDICTIVE_UNIT_PARAMETERS` from the ConfigMap key
// `parameters.<container>.json` (the value the reference writes, resolved when the container starts:
// the reference's Python wrapper reads it unchanged) and the mounted file itself as
// `PREDICTIVE_UNIT_PARAMETERS_FILE`, which seldon-microservice watches to apply a change while it
// serves. A container whose env already names PREDICTIVE_UNIT_PARAMETERS keeps the user's value.
import type { Container, PodSpec, PredictiveUnit } from '@seldon-ts/crd-types';

/** The pod volume of the graph ConfigMap (the engine's and the nodes'). */
export const GRAPH_VOLUME = 'seldon-graph';

/** The ConfigMap key of one container's parameters. */
export function parametersKey(containerName: string): string {
  return `parameters.${containerName}.json`;
}

/** Adds the graph ConfigMap volume to `pod` unless it is there. */
export function addGraphVolume(pod: PodSpec, configMap: string): void {
  const volumes = (pod.volumes ??= []);
  if (!volumes.some((v) => v.name === GRAPH_VOLUME))
    volumes.push({ name: GRAPH_VOLUME, configMap: { name: configMap, defaultMode: 0o644 } });
}

/** Where a pod's node containers find their parameters. */
export interface GraphParameters {
  pod: PodSpec;
  /** The graph ConfigMap's name and where it is mounted. */
  configMap: string;
  mountPath: string;
  /** The ConfigMap's data: each container's key is added here. */
  data: Record<string, string>;
}

/**
 * Points `c` at its parameters in the graph ConfigMap and stores them there, unless the user set
 * PREDICTIVE_UNIT_PARAMETERS on the container (then their value stays, as in the reference).
 */
export function deliverParameters(c: Container, node: PredictiveUnit, graph: GraphParameters): void {
  const env = (c.env ??= []);
  if (env.some((e) => e.name === 'PREDICTIVE_UNIT_PARAMETERS')) return;
  const key = parametersKey(c.name);
  env.push({
    name: 'PREDICTIVE_UNIT_PARAMETERS',
    valueFrom: { configMapKeyRef: { name: graph.configMap, key } },
  });
  env.push({ name: 'PREDICTIVE_UNIT_PARAMETERS_FILE', value: `${graph.mountPath}/${key}` });
  const mounts = (c.volumeMounts ??= []);
  if (!mounts.some((m) => m.name === GRAPH_VOLUME))
    mounts.push({ name: GRAPH_VOLUME, mountPath: graph.mountPath, readOnly: true });
  addGraphVolume(graph.pod, graph.configMap);
  graph.data[key] = JSON.stringify(node.parameters ?? []);
}
