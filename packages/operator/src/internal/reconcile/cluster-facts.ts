// 07 §5: the only cluster reads of a reconcile besides the caches: the Secrets of the ServiceAccounts
// that download models, so the storage initializer can be given their credentials.
import type { PredictiveUnit, SeldonDeployment } from '@seldon-ts/crd-types';
import type { ClusterFacts, CredentialSecret } from '../desired/cluster-facts.js';
import type { KubeClient, KubeObject } from '../kube/client.js';
import { RT } from '../kube/resources.js';

/** ServiceAccounts that download a `modelUri`: the node's, the pods' of its predictor, `default`. */
export function modelServiceAccounts(sdep: SeldonDeployment): Set<string> {
  const accounts = new Set<string>();
  const visit = (n: PredictiveUnit, podAccounts: string[]) => {
    if (n.modelUri) for (const a of [n.serviceAccountName, ...podAccounts, 'default']) if (a) accounts.add(a);
    for (const c of n.children ?? []) visit(c, podAccounts);
  };
  for (const p of sdep.spec.predictors ?? []) {
    const podAccounts = (p.componentSpecs ?? [])
      .map((cs) => cs.spec?.serviceAccountName)
      .filter((a): a is string => !!a);
    visit(p.graph, podAccounts);
    if (p.explainer?.modelUri) accounts.add(p.explainer.serviceAccountName || 'default');
  }
  return accounts;
}

/**
 * Secrets of the service accounts that download models. Read only for SeldonDeployments with a
 * `modelUri`; unreadable ones (RBAC, missing) are skipped: the download then has no credentials.
 */
export async function readClusterFacts(client: KubeClient, sdep: SeldonDeployment): Promise<ClusterFacts> {
  const accounts = modelServiceAccounts(sdep);
  if (accounts.size === 0) return {};
  const ns = sdep.metadata.namespace || 'default';
  const serviceAccountSecrets: Record<string, CredentialSecret[]> = {};
  for (const name of accounts) {
    try {
      serviceAccountSecrets[name] = await serviceAccountSecretsOf(client, ns, name);
    } catch {
      // Not allowed or unreachable: build without credentials rather than block the SeldonDeployment.
    }
  }
  return { serviceAccountSecrets };
}

/** The Secrets a ServiceAccount lists (names, keys and annotations; never the values). */
async function serviceAccountSecretsOf(
  client: KubeClient,
  ns: string,
  name: string,
): Promise<CredentialSecret[]> {
  const sa = await client.getOrUndefined<KubeObject & { secrets?: { name?: string }[] }>(
    RT.serviceAccount,
    ns,
    name,
  );
  const list: CredentialSecret[] = [];
  for (const ref of sa?.secrets ?? []) {
    if (!ref.name) continue;
    const secret = await client.getOrUndefined<KubeObject & { data?: Record<string, string> }>(
      RT.secret,
      ns,
      ref.name,
    );
    if (secret)
      list.push({
        name: ref.name,
        keys: Object.keys(secret.data ?? {}),
        annotations: secret.metadata.annotations ?? {},
      });
  }
  return list;
}
