// Starts a throw-away etcd + kube-apiserver on loopback with free ports (the "envtest" of
// controller-runtime: no kubelet, scheduler or controller-manager) and writes a kubeconfig.
// Used by the operator tests and benchmark; `node envtest.mjs` runs one until Ctrl-C.
// Binaries come from ensure.sh: $K/bin/kube-apiserver (K = ${SELDON_TS_CACHE:-~/.cache/seldon-ts}/kube)
// and `etcd` on PATH (Debian etcd-server).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import https from 'node:https';
import { randomBytes } from 'node:crypto';

export const kubeDir = () =>
  process.env.K ?? join(process.env.SELDON_TS_CACHE ?? join(homedir(), '.cache', 'seldon-ts'), 'kube');
export const apiserverBinary = () => join(kubeDir(), 'bin', 'kube-apiserver');

function which(cmd) {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Why the envtest cannot run here, or undefined when it can. */
export function envtestUnavailableReason() {
  if (!existsSync(apiserverBinary()))
    return `kube-apiserver not built at ${apiserverBinary()} (run scripts/kube-envtest/ensure.sh as root)`;
  if (!which('etcd'))
    return 'etcd not on PATH (apt-get install etcd-server, or run scripts/kube-envtest/ensure.sh)';
  if (!which('openssl')) return 'openssl not on PATH';
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function openssl(dir, args) {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function waitFor(check, timeoutMs, what, proc, logFile) {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = async () => {
      if (proc.exitCode !== null) {
        reject(
          new Error(`${what} exited with ${proc.exitCode}: ${readFileSync(logFile, 'utf8').slice(-2000)}`),
        );
        return;
      }
      if (await check().catch(() => false)) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error(`${what} not ready after ${timeoutMs} ms`));
      setTimeout(tick, 100);
    };
    tick();
  });
}

function httpsGetOk(url, ca, token) {
  return new Promise((resolve) => {
    const req = https.get(
      url,
      { ca, headers: { Authorization: `Bearer ${token}` }, timeout: 2000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

function httpGetOk(url) {
  return fetch(url).then(
    (r) => r.ok,
    () => false,
  );
}

/**
 * Starts etcd + kube-apiserver. Resolves to { server, kubeconfigPath, token, caPem, dir, stop() }.
 * `stop()` kills both processes (by pid) and removes the state directory.
 */
export async function startEnvtest({ readyTimeoutMs = 60_000, extraApiserverArgs = [] } = {}) {
  const reason = envtestUnavailableReason();
  if (reason) throw new Error(reason);
  const dir = mkdtempSync(join(tmpdir(), 'seldon-envtest-'));
  // PKI: CA, serving cert for 127.0.0.1, service-account key pair, a static admin token.
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    '/CN=envtest-ca',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
  ]);
  openssl(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=kube-apiserver',
    '-keyout',
    'apiserver.key',
    '-out',
    'apiserver.csr',
  ]);
  writeFileSync(
    join(dir, 'ext.cnf'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n',
  );
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    'apiserver.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '3650',
    '-extfile',
    'ext.cnf',
    '-out',
    'apiserver.crt',
  ]);
  openssl(dir, ['genrsa', '-out', 'sa.key', '2048']);
  openssl(dir, ['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);
  const token = randomBytes(16).toString('hex');
  writeFileSync(join(dir, 'tokens.csv'), `${token},admin,admin-uid,system:masters\n`);

  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const etcdLog = join(dir, 'etcd.log');
  const { openSync } = await import('node:fs');
  const etcd = spawn(
    'etcd',
    [
      '--name',
      'default',
      '--data-dir',
      join(dir, 'etcd-data'),
      '--listen-client-urls',
      `http://127.0.0.1:${etcdClient}`,
      '--advertise-client-urls',
      `http://127.0.0.1:${etcdClient}`,
      '--listen-peer-urls',
      `http://127.0.0.1:${etcdPeer}`,
      '--initial-advertise-peer-urls',
      `http://127.0.0.1:${etcdPeer}`,
      '--initial-cluster',
      `default=http://127.0.0.1:${etcdPeer}`,
      '--listen-metrics-urls',
      'http://127.0.0.1:0',
      '--quota-backend-bytes',
      String(1024 * 1024 * 1024),
    ],
    { stdio: ['ignore', openSync(etcdLog, 'a'), openSync(etcdLog, 'a')] },
  );
  const procs = [etcd];
  const stop = async () => {
    for (const p of procs.reverse()) {
      if (p.exitCode === null && p.signalCode === null) {
        const exited = new Promise((r) => p.once('exit', r));
        p.kill('SIGTERM');
        const t = setTimeout(() => p.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      () => httpGetOk(`http://127.0.0.1:${etcdClient}/health`),
      readyTimeoutMs,
      'etcd',
      etcd,
      etcdLog,
    );
    const apiLog = join(dir, 'apiserver.log');
    const apiserver = spawn(
      apiserverBinary(),
      [
        `--etcd-servers=http://127.0.0.1:${etcdClient}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        '--insecure-port=0',
        `--tls-cert-file=${join(dir, 'apiserver.crt')}`,
        `--tls-private-key-file=${join(dir, 'apiserver.key')}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--authorization-mode=RBAC',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${join(dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        '--service-cluster-ip-range=10.0.0.0/16',
        '--allow-privileged=true',
        '--disable-admission-plugins=ServiceAccount',
        `--cert-dir=${join(dir, 'certs')}`,
        '--profiling=false',
        ...extraApiserverArgs,
      ],
      { stdio: ['ignore', openSync(apiLog, 'a'), openSync(apiLog, 'a')] },
    );
    procs.push(apiserver);
    const caPem = readFileSync(join(dir, 'ca.crt'), 'utf8');
    const server = `https://127.0.0.1:${apiPort}`;
    await waitFor(
      () => httpsGetOk(`${server}/readyz`, caPem, token),
      readyTimeoutMs,
      'kube-apiserver',
      apiserver,
      apiLog,
    );
    const kubeconfigPath = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfigPath,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: envtest`,
        `  cluster: {server: "${server}", certificate-authority: "${join(dir, 'ca.crt')}"}`,
        'users:',
        '- name: admin',
        `  user: {token: "${token}"}`,
        'contexts:',
        '- name: envtest',
        '  context: {cluster: envtest, user: admin, namespace: default}',
        'current-context: envtest',
        '',
      ].join('\n'),
    );
    return { server, kubeconfigPath, token, caPem, dir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = await startEnvtest();
  console.log(`kube-apiserver at ${env.server}\nexport KUBECONFIG=${env.kubeconfigPath}\n(Ctrl-C stops it)`);
  const bye = () => env.stop().then(() => process.exit(0));
  process.on('SIGINT', bye);
  process.on('SIGTERM', bye);
}
