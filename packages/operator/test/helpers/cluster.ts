// Test helpers: a real kube-apiserver + etcd (scripts/kube-envtest/envtest.mjs), the CRD of
// deploy/crd/ installed, and small polling/compare utilities.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { KubeClient, RESOURCE_TYPES as RT, type KubeObject } from '@seldon-ts/operator';
// @ts-expect-error plain ESM module without type declarations
import { startEnvtest, envtestUnavailableReason } from '../../../../scripts/kube-envtest/envtest.mjs';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface Envtest {
  server: string;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export const unavailable: string | undefined = envtestUnavailableReason();

/** `extraApiserverArgs` go to kube-apiserver as they are (e.g. `--etcd-compaction-interval=1s`). */
export async function startCluster(
  options: { extraApiserverArgs?: string[] } = {},
): Promise<{ env: Envtest; client: KubeClient }> {
  const env = (await startEnvtest(options)) as Envtest;
  const client = await KubeClient.create({ kubeconfigPath: env.kubeconfigPath });
  return { env, client };
}

export function loadYamlObjects(path: string): KubeObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS() as KubeObject)
    .filter(Boolean);
}

/** Installs deploy/crd/seldondeployments.yaml and waits until it is Established. */
export async function installCrd(client: KubeClient): Promise<KubeObject> {
  const [crd] = loadYamlObjects(`${repoRoot}deploy/crd/seldondeployments.yaml`);
  await client.apply(RT.crd, crd, 'test', true);
  await waitFor(async () => {
    const live = await client.get<
      KubeObject & { status?: { conditions?: { type: string; status: string }[] } }
    >(RT.crd, undefined, crd.metadata.name!);
    return live.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
  }, 'CRD established');
  // Discovery of the new group takes a moment after Established.
  await waitFor(
    () =>
      client.request('GET', '/apis/machinelearning.seldon.io/v1/seldondeployments').then(
        () => true,
        () => false,
      ),
    'CRD served',
  );
  return crd;
}

export async function ensureNamespace(
  client: KubeClient,
  name: string,
  labels: Record<string, string> = {},
): Promise<void> {
  await client.apply(
    RT.namespace,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
    'test',
    true,
  );
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function quantity(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^([0-9.]+)(m|Mi|Gi|Ki|k|M|G)?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
  };
  return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
}

/** Every field of `expected` is in `actual` with an equal value (quantities compared by value). Returns the first difference. */
export function subsetDiff(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (expected === actual) return undefined;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${path}: expected array of ${expected.length}, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const d = subsetDiff(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object')
      return `${path}: expected object, got ${JSON.stringify(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      const d = subsetDiff(v, (actual as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  const qe = quantity(expected);
  if (qe !== undefined && qe === quantity(actual)) return undefined;
  return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Simulates the Deployment controller + kubelet: every pod ready (or not progressing). */
export async function setDeploymentStatus(
  client: KubeClient,
  namespace: string,
  name: string,
  mode: 'ready' | 'failed' = 'ready',
): Promise<void> {
  const d = await client.get<KubeObject & { spec: { replicas?: number } }>(RT.deployment, namespace, name);
  const replicas = d.spec.replicas ?? 1;
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const status =
    mode === 'ready'
      ? {
          observedGeneration: d.metadata.generation,
          replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
          updatedReplicas: replicas,
          conditions: [
            {
              type: 'Available',
              status: 'True',
              reason: 'MinimumReplicasAvailable',
              message: 'Deployment has minimum availability.',
              lastUpdateTime: now,
              lastTransitionTime: now,
            },
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
              message: 'ReplicaSet has successfully progressed.',
              lastUpdateTime: now,
              lastTransitionTime: now,
            },
          ],
        }
      : {
          observedGeneration: d.metadata.generation,
          replicas,
          readyReplicas: 0,
          availableReplicas: 0,
          unavailableReplicas: replicas,
          conditions: [
            {
              type: 'Available',
              status: 'False',
              reason: 'MinimumReplicasUnavailable',
              message: 'Deployment does not have minimum availability.',
              lastUpdateTime: now,
              lastTransitionTime: now,
            },
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet has timed out progressing.',
              lastUpdateTime: now,
              lastTransitionTime: now,
            },
          ],
        };
  await client.mergePatch(RT.deployment, namespace, name, { status }, 'status');
}

/** A schemaless CRD standing in for Istio/KEDA/Ambassador kinds (their real CRDs are not installed here). */
export async function installStubCrd(
  client: KubeClient,
  group: string,
  version: string,
  kind: string,
  plural: string,
): Promise<void> {
  await client.apply(
    RT.crd,
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
        versions: [
          {
            name: version,
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    },
    'test',
    true,
  );
  await waitFor(
    () =>
      client.request('GET', `/apis/${group}/${version}/${plural}`).then(
        () => true,
        () => false,
      ),
    `${kind} CRD served`,
  );
}
