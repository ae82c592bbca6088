import { describe, it, expect } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseOperatorArgs } from 'seldon-operator';
import { KubeClient, RESOURCE_TYPES as RT, type KubeObject } from '@seldon-ts/operator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
// @ts-expect-error plain ESM module without type declarations
import { startEnvtest, envtestUnavailableReason } from '../../../scripts/kube-envtest/envtest.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// The command as npm installs it: the package's declared `bin` (it runs the built CLI).
const packageDir = fileURLToPath(new URL('../', import.meta.url));
const { bin } = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8')) as {
  bin: Record<string, string>;
};
const cli = join(packageDir, bin['seldon-operator']);

describe('parseOperatorArgs', () => {
  it('applies flags over environment over defaults', () => {
    const o = parseOperatorArgs(
      [
        '--metrics-addr',
        '127.0.0.1:9090',
        '--enable-leader-election',
        '--namespace',
        'models',
        '--webhook-port',
        '0',
      ],
      { POD_NAMESPACE: 'ops' },
    );
    expect(o.metricsHost).toBe('127.0.0.1');
    expect(o.metricsPort).toBe(9090);
    expect(o.leaderElection).toBe(true);
    expect(o.config.watchNamespace).toBe('models');
    expect(o.config.operatorNamespace).toBe('ops');
    expect(o.webhookConfigurationName).toBe('seldon-validating-webhook-configuration-ops');
    expect(parseOperatorArgs(['--namespace', 'a'], { WATCH_NAMESPACE: 'b' }).config.watchNamespace).toBe('b');
    // `--flag=value`, as deploy/ writes them; lease timing flags are seconds.
    const eq = parseOperatorArgs(
      ['--metrics-addr=:9090', '--leader-election-lease-duration-secs=30', '-h'],
      {},
    );
    expect([eq.metricsHost, eq.metricsPort, eq.leaseDurationMs, eq.renewDeadlineMs, eq.help]).toEqual([
      '0.0.0.0',
      9090,
      30_000,
      10_000,
      true,
    ]);
  });

  it('names the bad flag', () => {
    expect(() => parseOperatorArgs(['--workers', '0'])).toThrow('--workers="0" must be an integer >= 1');
    expect(() => parseOperatorArgs(['--metrics-addr', 'nowhere'])).toThrow(
      '--metrics-addr="nowhere" must be [host]:port',
    );
    expect(() => parseOperatorArgs(['--frobnicate'])).toThrow(/Unknown option '--frobnicate'/);
  });
});

describe('seldon-operator binary', () => {
  it('--version prints the name and the package version, exit 0', () => {
    const out = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^seldon-operator \d+\.\d+\.\d+\n$/);
  });

  it('exits 2 with a message on a bad flag and prints its effective config', () => {
    const bad = spawnSync(process.execPath, [cli, '--log-level', 'LOUD'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--log-level="LOUD" must be DEBUG, INFO, WARN or ERROR');
    const printed = spawnSync(process.execPath, [cli, '--print-config'], {
      encoding: 'utf8',
      env: { ...process.env, EXECUTOR_CONTAINER_IMAGE_AND_VERSION: 'img:1' },
    });
    expect(printed.status).toBe(0);
    expect(JSON.parse(printed.stdout).config.engine.image).toBe('img:1');
  }, 60_000);

  const unavailable = envtestUnavailableReason();
  if (unavailable) console.warn(`seldon-operator envtest case skipped: ${unavailable}`);
  (unavailable && !process.env.CI ? it.skip : it)(
    'runs against a kube-apiserver from KUBECONFIG, reconciles, and stops cleanly on SIGTERM',
    async () => {
      const env = await startEnvtest();
      const client = await KubeClient.create({ kubeconfigPath: env.kubeconfigPath });
      let child: ReturnType<typeof spawn> | undefined;
      try {
        const [crd] = parseAllDocuments(readFileSync(`${root}deploy/crd/seldondeployments.yaml`, 'utf8')).map(
          (d) => d.toJS() as KubeObject,
        );
        await client.apply(RT.crd, crd, 'test');
        await client.apply(
          RT.namespace,
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'seldon-system' } },
          'test',
        );
        child = spawn(
          process.execPath,
          [
            cli,
            '--metrics-addr',
            '127.0.0.1:0',
            '--webhook-port',
            '0',
            '--enable-leader-election',
            '--leader-election-retry-period-secs',
            '1',
          ],
          {
            env: {
              ...process.env,
              KUBECONFIG: env.kubeconfigPath,
              EXECUTOR_CONTAINER_IMAGE_AND_VERSION: 'img:1',
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        child.stdout!.on('data', (c) => (out += c));
        child.stderr!.on('data', (c) => (out += c));
        const deadline = Date.now() + 20_000;
        while (!out.includes('"msg":"became leader"')) {
          if (Date.now() > deadline) throw new Error(`operator did not lead: ${out}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        for (;;) {
          try {
            await client.request('GET', '/apis/machinelearning.seldon.io/v1/seldondeployments');
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        await client.create(RT.seldonDeployment, {
          apiVersion: 'machinelearning.seldon.io/v1',
          kind: 'SeldonDeployment',
          metadata: { name: 'cli', namespace: 'default' },
          spec: {
            predictors: [
              {
                name: 'p',
                graph: { name: 'm', type: 'MODEL' },
                componentSpecs: [{ spec: { containers: [{ name: 'm', image: 'model:1' }] } }],
              },
            ],
          },
        } as KubeObject);
        let dep: KubeObject | undefined;
        while (!dep) {
          if (Date.now() > deadline + 10_000) throw new Error(`no Deployment: ${out}`);
          dep = await client.getOrUndefined(RT.deployment, 'default', 'cli-p-0-m');
          if (!dep) await new Promise((r) => setTimeout(r, 100));
        }
        const exited = new Promise<number | null>((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
        const lease = await client.get<KubeObject & { spec: { holderIdentity?: string } }>(
          RT.lease,
          'seldon-system',
          'a33bd623.machinelearning.seldon.io',
        );
        expect(lease.spec.holderIdentity ?? '').toBe('');
      } finally {
        if (child && child.exitCode === null) child.kill('SIGKILL');
        client.close();
        await env.stop();
      }
    },
    60_000,
  );
});
