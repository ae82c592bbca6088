import https from 'node:https';
import http from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { OperatorError } from '../../errors.js';
import { loadConnection, type ClusterConnection } from './connection.js';

/** A Kubernetes object, loosely typed: the operator reads only the fields it names. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    deletionTimestamp?: string;
    creationTimestamp?: string | null;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Where a kind lives in the API. */
export interface ResourceType {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export interface WatchEvent<T = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface KubeList<T = KubeObject> {
  metadata: { resourceVersion?: string; continue?: string };
  items: T[];
}

export interface KubeClientOptions {
  /** Per-request timeout (not applied to watches). Default 30000 ms. */
  requestTimeoutMs?: number;
  /** Sent as `User-Agent`. Default `seldon-ts-operator`. */
  userAgent?: string;
  /** Largest accepted response body. Default 64 MiB. */
  maxResponseBytes?: number;
  /** Act as this user (`Impersonate-User`), e.g. to check RBAC with an admin credential. */
  impersonate?: string;
}

export interface Watch {
  /** Resolves when the stream ends (server timeout, network error or `abort()`). */
  readonly done: Promise<void>;
  abort(): void;
}

/** Builds the request path of a resource (collection when `name` is absent). */
export function resourcePath(
  rt: ResourceType,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  const base = rt.apiVersion.includes('/') ? `/apis/${rt.apiVersion}` : `/api/${rt.apiVersion}`;
  let p = base;
  if (rt.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${rt.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

/**
 * A small Kubernetes REST client: JSON over one keep-alive HTTPS agent, server-side apply, streaming
 * watches. The generated clients of `@kubernetes/client-node` are not used because the operator needs
 * generic kinds (CRDs, Istio, KEDA), exact request counting and full control over watch restarts; the
 * library still loads the kubeconfig (in-cluster, `KUBECONFIG`, exec/token auth).
 */
export class KubeClient {
  /** Number of HTTP requests sent (watches included). */
  requestCount = 0;
  private readonly server: URL;
  private readonly baseOptions: https.RequestOptions;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly authorization: () => Promise<string | undefined>;

  private constructor(conn: ClusterConnection, options: KubeClientOptions) {
    this.server = conn.server;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
    const tls: https.AgentOptions = {};
    if (conn.ca) tls.ca = conn.ca;
    if (conn.cert) tls.cert = conn.cert;
    if (conn.key) tls.key = conn.key;
    if (conn.insecureSkipTlsVerify) tls.rejectUnauthorized = false;
    const agentOptions = { keepAlive: true, maxSockets: 32 };
    this.agent =
      conn.server.protocol === 'https:'
        ? new https.Agent({ ...agentOptions, ...tls })
        : new http.Agent(agentOptions);
    this.baseOptions = {
      headers: {
        'User-Agent': options.userAgent ?? 'seldon-ts-operator',
        ...(options.impersonate ? { 'Impersonate-User': options.impersonate } : {}),
      },
    };
    const auth = conn.authorization;
    this.authorization = async () => (auth ? await auth() : undefined);
  }

  /**
   * Connects the standard way: `kubeconfigPath`, else in-cluster, else `KUBECONFIG`/`~/.kube/config`.
   * Token, token-file, client-certificate and basic auth are read by a small built-in loader; kubeconfigs
   * with exec plugins or auth providers go through @kubernetes/client-node, loaded only then (it costs
   * about 70 MiB of memory).
   */
  static async create(
    options: KubeClientOptions & { kubeconfigPath?: string; kubeConfig?: KubeConfig } = {},
  ): Promise<KubeClient> {
    const conn = options.kubeConfig ? undefined : loadConnection(options.kubeconfigPath);
    return new KubeClient(conn ?? (await libraryConnection(options)), options);
  }

  private async headers(): Promise<Record<string, string>> {
    const auth = await this.authorization();
    const h = { ...(this.baseOptions.headers as Record<string, string>) };
    if (auth) h.Authorization = auth;
    return h;
  }

  close(): void {
    this.agent.destroy();
  }

  /** One JSON request. 404 → SC_ERR_OPERATOR_NOT_FOUND, 409 → SC_ERR_OPERATOR_CONFLICT, others → SC_ERR_OPERATOR_KUBE_API. */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const headers: Record<string, string> = { ...(await this.headers()), Accept: 'application/json' };
    let payload: Buffer | undefined;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['Content-Type'] = contentType;
      headers['Content-Length'] = String(payload.length);
    }
    this.requestCount++;
    const { status, text } = await this.send(method, path, headers, payload);
    return apiResult<T>(method, path, status, text);
  }

  /** Sends one request and reads the whole answer (up to `maxResponseBytes`, within `timeoutMs`). */
  private send(
    method: string,
    path: string,
    headers: Record<string, string>,
    payload: Buffer | undefined,
  ): Promise<{ status: number; text: string }> {
    const mod = this.server.protocol === 'https:' ? https : http;
    const failure = (message: string, cause?: unknown) =>
      new OperatorError('SC_ERR_OPERATOR_KUBE_API', `${method} ${path}: ${message}`, { cause });
    return new Promise((resolve, reject) => {
      const req = mod.request(
        new URL(path, this.server),
        { ...this.baseOptions, method, headers, agent: this.agent, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > this.maxResponseBytes)
              req.destroy(failure(`response larger than ${this.maxResponseBytes} bytes`));
            else chunks.push(c);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(failure(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (err) => reject(err instanceof OperatorError ? err : failure(err.message, err)));
      req.end(payload);
    });
  }

  get<T extends KubeObject = KubeObject>(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Promise<T> {
    return this.request<T>('GET', resourcePath(rt, namespace, name));
  }

  async getOrUndefined<T extends KubeObject = KubeObject>(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): Promise<T | undefined> {
    try {
      return await this.get<T>(rt, namespace, name);
    } catch (err) {
      if (err instanceof OperatorError && err.code === 'SC_ERR_OPERATOR_NOT_FOUND') return undefined;
      throw err;
    }
  }

  list<T extends KubeObject = KubeObject>(
    rt: ResourceType,
    namespace?: string,
    query: Record<string, string> = {},
  ): Promise<KubeList<T>> {
    return this.request<KubeList<T>>('GET', withQuery(resourcePath(rt, namespace), query));
  }

  create<T extends KubeObject = KubeObject>(rt: ResourceType, obj: KubeObject): Promise<T> {
    return this.request<T>('POST', resourcePath(rt, obj.metadata.namespace), obj);
  }

  /** Server-side apply (`force` takes over fields another manager set with apply; updates by others are shared). */
  apply<T extends KubeObject = KubeObject>(
    rt: ResourceType,
    obj: KubeObject,
    fieldManager: string,
    force = true,
  ): Promise<T> {
    const q: Record<string, string> = { fieldManager };
    if (force) q.force = 'true';
    return this.request<T>(
      'PATCH',
      withQuery(resourcePath(rt, obj.metadata.namespace, obj.metadata.name), q),
      obj,
      'application/apply-patch+yaml',
    );
  }

  /** JSON merge patch, optionally of a subresource (`status`). */
  mergePatch<T extends KubeObject = KubeObject>(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    subresource?: string,
    fieldManager?: string,
  ): Promise<T> {
    const q: Record<string, string> = fieldManager ? { fieldManager } : {};
    return this.request<T>(
      'PATCH',
      withQuery(resourcePath(rt, namespace, name, subresource), q),
      patch,
      'application/merge-patch+json',
    );
  }

  replace<T extends KubeObject = KubeObject>(
    rt: ResourceType,
    obj: KubeObject,
    subresource?: string,
  ): Promise<T> {
    return this.request<T>(
      'PUT',
      resourcePath(rt, obj.metadata.namespace, obj.metadata.name, subresource),
      obj,
    );
  }

  /** Deletes; a missing object is not an error. `uid` makes the delete conditional on identity. */
  async delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    options: { propagationPolicy?: string; uid?: string } = {},
  ): Promise<boolean> {
    const body: Record<string, unknown> = {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: options.propagationPolicy ?? 'Background',
    };
    if (options.uid) body.preconditions = { uid: options.uid };
    try {
      await this.request('DELETE', resourcePath(rt, namespace, name), body);
      return true;
    } catch (err) {
      if (
        err instanceof OperatorError &&
        (err.code === 'SC_ERR_OPERATOR_NOT_FOUND' || err.code === 'SC_ERR_OPERATOR_CONFLICT')
      )
        return false;
      throw err;
    }
  }

  /**
   * Opens a watch stream; `onEvent` gets each decoded event. An `ERROR` event (e.g. 410 Gone) is
   * passed through: the caller decides to relist.
   */
  watch<T extends KubeObject = KubeObject>(
    rt: ResourceType,
    namespace: string | undefined,
    query: Record<string, string>,
    onEvent: (ev: WatchEvent<T>) => void,
  ): Watch {
    this.requestCount++;
    const mod = this.server.protocol === 'https:' ? https : http;
    let req: http.ClientRequest | undefined;
    let aborted = false;
    const done = (async () => {
      const headers = { ...(await this.headers()), Accept: 'application/json' };
      if (aborted) return;
      await new Promise<void>((resolve) => {
        req = mod.request(
          new URL(
            withQuery(resourcePath(rt, namespace), { ...query, watch: 'true', allowWatchBookmarks: 'true' }),
            this.server,
          ),
          { ...this.baseOptions, method: 'GET', headers, agent: this.agent },
          (res) => {
            if ((res.statusCode ?? 0) >= 300) {
              onEvent(watchError<T>(rt, res.statusCode));
              res.resume();
              res.on('end', resolve);
              res.on('error', () => resolve());
              return;
            }
            res.setEncoding('utf8');
            res.on(
              'data',
              lineSplitter((line) => {
                try {
                  onEvent(JSON.parse(line) as WatchEvent<T>);
                } catch {
                  // A malformed line ends this stream; the informer restarts it.
                  req?.destroy();
                }
              }),
            );
            res.on('end', () => resolve());
            res.on('error', () => resolve());
            res.on('close', () => resolve());
          },
        );
        req.on('error', () => resolve());
        req.end();
      });
    })();
    return {
      done,
      abort() {
        aborted = true;
        req?.destroy();
      },
    };
  }
}

/**
 * A connection through @kubernetes/client-node (exec plugins, auth providers): the library is loaded
 * only here. Its tokens expire: the Authorization header is asked again every minute.
 */
async function libraryConnection(options: {
  kubeconfigPath?: string;
  kubeConfig?: KubeConfig;
}): Promise<ClusterConnection> {
  const { KubeConfig: FullKubeConfig } = await import('@kubernetes/client-node');
  const kc = options.kubeConfig ?? new FullKubeConfig();
  if (!options.kubeConfig) {
    if (options.kubeconfigPath) kc.loadFromFile(options.kubeconfigPath);
    else kc.loadFromDefault();
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new OperatorError('SC_ERR_OPERATOR_CONFIG', 'no current cluster in the kubeconfig');
  const probe: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(probe);
  let header = (probe.headers as Record<string, string> | undefined)?.Authorization;
  let refreshedAt = Date.now();
  return {
    server: new URL(cluster.server),
    ca: probe.ca?.toString(),
    cert: probe.cert?.toString(),
    key: probe.key?.toString(),
    insecureSkipTlsVerify: probe.rejectUnauthorized === false,
    authorization: async () => {
      if (Date.now() - refreshedAt > 60_000) {
        refreshedAt = Date.now();
        const o: https.RequestOptions = {};
        await kc.applyToHTTPSOptions(o);
        header = (o.headers as Record<string, string> | undefined)?.Authorization ?? header;
      }
      return header;
    },
  };
}

/** A watch answered with an HTTP error, as the ERROR event the informer handles. */
function watchError<T>(rt: ResourceType, status: number | undefined): WatchEvent<T> {
  return {
    type: 'ERROR',
    object: { metadata: {}, code: status, message: `watch ${rt.plural}: HTTP ${status}` } as unknown as T,
  };
}

/** Calls `onLine` with each non-empty line of a chunked text stream (newline-delimited JSON). */
function lineSplitter(onLine: (line: string) => void): (chunk: string) => void {
  let buffered = '';
  return (chunk) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) onLine(line);
    }
  };
}

/** The parsed body of a 2xx answer, else the API error with a stable code. */
function apiResult<T>(method: string, path: string, status: number, text: string): T {
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (status >= 200 && status < 300) return parsed as T;
  const message = (parsed as { message?: string } | undefined)?.message ?? text.slice(0, 500);
  const code =
    status === 404
      ? 'SC_ERR_OPERATOR_NOT_FOUND'
      : status === 409
        ? 'SC_ERR_OPERATOR_CONFLICT'
        : 'SC_ERR_OPERATOR_KUBE_API';
  throw new OperatorError(code, `${method} ${path}: ${status} ${message}`, { apiStatus: status });
}

function withQuery(path: string, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}
