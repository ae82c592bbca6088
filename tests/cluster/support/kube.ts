// kubectl as a user runs it, plus the waits and the diagnostics of the cluster suite.
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';

export const KUBECONFIG =
  process.env.KUBECONFIG ??
  `${process.env.SELDON_TS_CACHE ?? `${homedir()}/.cache/seldon-ts`}/kube/kubeconfig`;
const env = { ...process.env, KUBECONFIG };

export interface KubectlResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl; `input` goes to its standard input. Never throws: callers check `status`. */
export function kubectlRaw(args: string[], input?: string): KubectlResult {
  const res = spawnSync('kubectl', args, { env, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: res.status ?? 1, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

/** Runs kubectl and returns its standard output; throws with its stderr when it fails. */
export function kubectl(args: string[], input?: string): string {
  const res = kubectlRaw(args, input);
  if (res.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${res.stderr || res.stdout}`);
  return res.stdout;
}

export function getJson<T>(args: string[]): T {
  return JSON.parse(kubectl([...args, '-o', 'json'])) as T;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined/false; throws naming `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 180_000,
  intervalMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = undefined;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    await sleep(intervalMs);
  }
}

export interface Pod {
  metadata: { name: string; uid: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec: { containers: { name: string; image: string }[]; securityContext?: { runAsUser?: number } };
  status: {
    podIP?: string;
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: { name: string; ready: boolean; restartCount: number; image: string }[];
  };
}

export function podsOf(ns: string, sdep: string): Pod[] {
  return getJson<{ items: Pod[] }>(['-n', ns, 'get', 'pods', '-l', `seldon-deployment-id=${sdep}`]).items;
}

export const isReady = (p: Pod): boolean =>
  !p.metadata.deletionTimestamp &&
  (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Waits until the SeldonDeployment is Available and exactly `replicas` pods of it are Ready. */
export async function waitAvailable(ns: string, sdep: string, replicas = 1): Promise<Pod[]> {
  await waitFor(`SeldonDeployment ${ns}/${sdep} Available`, () => {
    const s = getJson<{ status?: { state?: string } }>(['-n', ns, 'get', 'sdep', sdep]);
    return s.status?.state === 'Available';
  });
  return waitFor(`${replicas} Ready pod(s) of ${ns}/${sdep}`, () => {
    const pods = podsOf(ns, sdep);
    const ready = pods.filter(isReady);
    return ready.length === replicas && pods.length === replicas ? ready : undefined;
  });
}

/** The describe output, events and container logs of a namespace, for a failing test's report. */
export function diagnostics(ns: string): string {
  const parts = [
    kubectlRaw(['-n', ns, 'get', 'all,sdep,cm', '-o', 'wide']).stdout,
    kubectlRaw(['-n', ns, 'describe', 'pods']).stdout,
    kubectlRaw(['-n', ns, 'get', 'events', '--sort-by=.lastTimestamp']).stdout,
  ];
  for (const pod of getJson<{ items: Pod[] }>(['-n', ns, 'get', 'pods']).items)
    for (const c of pod.spec.containers)
      parts.push(
        `--- logs ${pod.metadata.name}/${c.name}\n${kubectlRaw(['-n', ns, 'logs', pod.metadata.name, '-c', c.name, '--tail=60']).stdout}`,
      );
  return parts.join('\n');
}

/** Runs `body`; when it throws, prints the namespaces' diagnostics before rethrowing. */
export async function withDiagnostics<T>(namespaces: string[], body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    for (const ns of namespaces)
      process.stderr.write(`\n===== diagnostics of namespace ${ns}\n${diagnostics(ns)}\n`);
    throw err;
  }
}

export interface PortForward {
  localPort: number;
  close(): void;
}

/** `kubectl port-forward <target> :<port>` on a free local port, as a user would run it. */
export function portForward(ns: string, target: string, port: number): Promise<PortForward> {
  const child = spawn('kubectl', ['-n', ns, 'port-forward', target, `:${port}`], { env });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`kubectl port-forward ${target} did not start: ${out}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ localPort: Number(m[1]), close: () => child.kill() });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kubectl port-forward ${target} exited ${code}: ${out}`));
    });
  });
}
