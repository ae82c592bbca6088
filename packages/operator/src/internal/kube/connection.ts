import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { parse } from 'yaml';
import { OperatorError } from '../../errors.js';

/** How to reach and authenticate to the API server. */
export interface ClusterConnection {
  server: URL;
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipTlsVerify?: boolean;
  /** Returns the `Authorization` header value (re-read for rotating token files), if any. */
  authorization?: () => string | undefined | Promise<string | undefined>;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function tokenFileReader(path: string): () => string | undefined {
  let cached = '';
  let readAt = 0;
  return () => {
    // Projected service-account tokens rotate: re-read at most once a minute.
    if (Date.now() - readAt > 60_000) {
      try {
        cached = readFileSync(path, 'utf8').trim();
        readAt = Date.now();
      } catch {
        // keep the previous token
      }
    }
    return cached ? `Bearer ${cached}` : undefined;
  };
}

function inCluster(): ClusterConnection | undefined {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT;
  if (!host || !port || !existsSync(join(SA_DIR, 'token'))) return undefined;
  const h = host.includes(':') ? `[${host}]` : host;
  return {
    server: new URL(`https://${h}:${port}`),
    ca: existsSync(join(SA_DIR, 'ca.crt')) ? readFileSync(join(SA_DIR, 'ca.crt'), 'utf8') : undefined,
    authorization: tokenFileReader(join(SA_DIR, 'token')),
  };
}

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name: string; context: { cluster: string; user?: string } }[];
  clusters?: { name: string; cluster: Record<string, unknown> }[];
  users?: { name: string; user: Record<string, unknown> }[];
}

/**
 * Reads a kubeconfig file. Returns `undefined` when the user entry needs what this small loader
 * does not do (exec plugins, auth providers): the caller then uses @kubernetes/client-node.
 */
function fromFile(path: string): ClusterConnection | undefined {
  let doc: KubeconfigFile;
  try {
    doc = parse(readFileSync(path, 'utf8')) as KubeconfigFile;
  } catch (err) {
    throw new OperatorError(
      'SC_ERR_OPERATOR_CONFIG',
      `cannot read kubeconfig ${path}: ${(err as Error).message}`,
    );
  }
  const base = dirname(resolve(path));
  const file = (p: unknown) => readFileSync(resolve(base, String(p)), 'utf8');
  const data = (p: unknown) => Buffer.from(String(p), 'base64').toString('utf8');
  const ctx = doc.contexts?.find((c) => c.name === doc['current-context']) ?? doc.contexts?.[0];
  const cluster = doc.clusters?.find((c) => c.name === ctx?.context.cluster)?.cluster;
  if (!cluster?.server)
    throw new OperatorError(
      'SC_ERR_OPERATOR_CONFIG',
      `kubeconfig ${path}: no server for the current context`,
    );
  const user = doc.users?.find((u) => u.name === ctx?.context.user)?.user ?? {};
  if (user.exec || user['auth-provider']) return undefined;
  const conn: ClusterConnection = { server: new URL(String(cluster.server)) };
  if (cluster['certificate-authority-data']) conn.ca = data(cluster['certificate-authority-data']);
  else if (cluster['certificate-authority']) conn.ca = file(cluster['certificate-authority']);
  if (cluster['insecure-skip-tls-verify'] === true) conn.insecureSkipTlsVerify = true;
  if (user['client-certificate-data']) conn.cert = data(user['client-certificate-data']);
  else if (user['client-certificate']) conn.cert = file(user['client-certificate']);
  if (user['client-key-data']) conn.key = data(user['client-key-data']);
  else if (user['client-key']) conn.key = file(user['client-key']);
  if (typeof user.token === 'string' && user.token) {
    const header = `Bearer ${user.token}`;
    conn.authorization = () => header;
  } else if (user.tokenFile) conn.authorization = tokenFileReader(resolve(base, String(user.tokenFile)));
  else if (user.username && user.password) {
    const header = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
    conn.authorization = () => header;
  }
  return conn;
}

/**
 * The cluster found the standard way: an explicit kubeconfig path, else in-cluster service account,
 * else `KUBECONFIG` (first existing file), else `~/.kube/config`. `undefined` = needs the full loader.
 */
export function loadConnection(kubeconfigPath?: string): ClusterConnection | undefined {
  if (kubeconfigPath) return fromFile(kubeconfigPath);
  const cluster = inCluster();
  if (cluster) return cluster;
  const candidates = [
    ...(process.env.KUBECONFIG ?? '').split(':').filter(Boolean),
    join(homedir(), '.kube', 'config'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new OperatorError(
      'SC_ERR_OPERATOR_CONFIG',
      'no Kubernetes cluster found: not in a pod, and no KUBECONFIG or ~/.kube/config',
    );
  return fromFile(found);
}
