// API discovery: which optional kinds the API server serves, and which version of HPA/PDB to use.
import type { KubeClient, ResourceType } from './client.js';
import { RT } from './resources.js';

/** True when the API server serves `rt` (its group/version lists the resource). */
export async function isServed(client: KubeClient, rt: ResourceType): Promise<boolean> {
  try {
    const list = await client.request<{ resources?: { name: string }[] }>(
      'GET',
      rt.apiVersion.includes('/') ? `/apis/${rt.apiVersion}` : `/api/${rt.apiVersion}`,
    );
    return (list.resources ?? []).some((r) => r.name === rt.plural);
  } catch {
    return false;
  }
}

async function isGroupVersionServed(client: KubeClient, apiVersion: string): Promise<boolean> {
  try {
    await client.request('GET', `/apis/${apiVersion}`);
    return true;
  } catch {
    return false;
  }
}

/**
 * `apiVersion/kind` → the resource to send it to. Kubernetes < 1.23 has no autoscaling/v2 and < 1.21
 * no policy/v1: the same objects are sent through the older version, whose fields used here are
 * identical.
 */
export async function resolveVersions(client: KubeClient): Promise<Record<string, ResourceType>> {
  const hpa = (await isGroupVersionServed(client, 'autoscaling/v2')) ? RT.hpa : RT.hpaV2beta2;
  const pdb = (await isGroupVersionServed(client, 'policy/v1')) ? RT.pdb : RT.pdbV1beta1;
  const map: Record<string, ResourceType> = {};
  for (const rt of Object.values(RT)) map[`${rt.apiVersion}/${rt.kind}`] ??= rt;
  map['autoscaling/v2/HorizontalPodAutoscaler'] = hpa;
  map['policy/v1/PodDisruptionBudget'] = pdb;
  return map;
}
