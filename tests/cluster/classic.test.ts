// The classic deployments served from pods: `kubectl apply` of SeldonDeployments as users write
// them (only the images are this repo's), through the operator installed by `kubectl apply -k deploy`
// (global setup), on a real single-node cluster. Each deployment is called through its predictor
// Service's ClusterIP and through `kubectl port-forward`, over REST and gRPC; then day-2 changes.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  getJson,
  isReady,
  kubectl,
  kubectlRaw,
  podsOf,
  portForward,
  sleep,
  waitAvailable,
  waitFor,
  withDiagnostics,
  type Pod,
} from './support/kube.js';
import { grpcPredict, postJson, predict } from './support/clients.js';

const NS = 'seldon-e2e';
const manifest = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`./manifests/${name}.yaml`, import.meta.url)), 'utf8');
const apply = (name: string): string => kubectl(['-n', NS, 'apply', '-f', '-'], manifest(name));
const clusterIp = (svc: string): string =>
  getJson<{ spec: { clusterIP: string } }>(['-n', NS, 'get', 'svc', svc]).spec.clusterIP;
const inNamespace =
  <T>(body: () => Promise<T>) =>
  () =>
    withDiagnostics([NS, 'seldon-system'], body);
const REQUEST = { data: { ndarray: [[1.0, 2.0, 5.0]] } };

/** `kubectl patch sdep --type json`: what a user does to change a running deployment. */
const patch = (sdep: string, ops: unknown[]): string =>
  kubectl(['-n', NS, 'patch', 'sdep', sdep, '--type', 'json', '-p', JSON.stringify(ops)]);

/** The engine's request counter, read from the pod as Prometheus scrapes it, counts this deployment. */
async function expectEngineMetrics(sdep: string): Promise<void> {
  const [pod] = podsOf(NS, sdep);
  const res = await fetch(`http://${pod.status.podIP}:8000/prometheus`);
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(
    new RegExp(
      `seldon_api_executor_server_requests_seconds_count\\{[^}]*deployment_name="${sdep}"[^}]*\\} [1-9]`,
    ),
  );
}

/**
 * Deletes a SeldonDeployment and waits until its pods are gone. The node has 2 CPUs and every
 * engine requests the reference's 500m, so a finished deployment makes room for the next ones.
 */
async function remove(sdep: string): Promise<void> {
  kubectl(['-n', NS, 'delete', 'sdep', sdep]);
  await waitFor(`the pods of ${sdep} gone`, () => podsOf(NS, sdep).length === 0);
}

beforeAll(() => {
  kubectlRaw(['delete', 'namespace', NS, '--wait=true', '--timeout=120s']);
  kubectl(['create', 'namespace', NS]);
});

afterAll(() => {
  kubectlRaw(['delete', 'namespace', NS, '--wait=false']);
});

describe('the operator installed with kubectl apply -k deploy', () => {
  test(
    'runs as a pod under its ServiceAccount and fills in its webhook certificate',
    inNamespace(async () => {
      const pods = getJson<{ items: (Pod & { spec: { serviceAccountName?: string } })[] }>([
        '-n',
        'seldon-system',
        'get',
        'pods',
        '-l',
        'app.kubernetes.io/name=seldon-operator',
      ]).items;
      expect(pods.filter(isReady)).toHaveLength(1);
      expect(pods[0].spec.serviceAccountName).toBe('seldon-manager');
      expect(pods[0].spec.containers[0].image).toBe('seldon-ts/operator:0.1.0');
      const caBundle = await waitFor('the webhook caBundle', () => {
        const hook = getJson<{ webhooks: { clientConfig: { caBundle?: string } }[] }>([
          'get',
          'validatingwebhookconfiguration',
          'seldon-validating-webhook-configuration-seldon-system',
        ]);
        return hook.webhooks[0].clientConfig.caBundle;
      });
      expect(Buffer.from(caBundle, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    }),
  );

  test(
    'refuses an invalid manifest at kubectl apply with the reference message',
    inNamespace(async () => {
      const res = kubectlRaw(['-n', NS, 'apply', '-f', '-'], manifest('invalid'));
      expect(res.status).not.toBe(0);
      expect(res.stderr).toContain('admission webhook "v1.vseldondeployment.kb.io" denied the request');
      expect(res.stderr).toContain(
        `SeldonDeployment.machinelearing.seldon.io "invalid" is invalid: spec.predictors[0].graph: Invalid value: "classifier": Can't find container for Predictive Unit`,
      );
      expect(kubectlRaw(['-n', NS, 'get', 'sdep', 'invalid']).status).not.toBe(0);
    }),
  );
});

describe('the one-model graph', () => {
  beforeAll(() => {
    apply('mock-classifier');
  });

  test(
    'becomes Ready through its probes, its pod running as the user it names',
    inNamespace(async () => {
      const [pod] = await waitAvailable(NS, 'mock-classifier');
      expect(pod.spec.securityContext?.runAsUser).toBe(1000);
      expect(pod.spec.containers.map((c) => c.image).sort()).toEqual([
        'seldon-ts-examples/mock-classifier:0.1.0',
        'seldon-ts/engine:0.1.0',
      ]);
      expect(pod.status.containerStatuses?.every((c) => c.ready && c.restartCount === 0)).toBe(true);
    }),
  );

  test(
    'answers REST through the Service ClusterIP and through kubectl port-forward',
    inNamespace(async () => {
      const expected = { names: ['proba'], ndarray: [[0.43782349911420193]] };
      const viaService = await predict(`http://${clusterIp('mock-classifier-default')}:8000`, REQUEST);
      expect(viaService.data).toEqual(expected);
      expect(viaService.meta?.requestPath).toEqual({
        classifier: 'seldon-ts-examples/mock-classifier:0.1.0',
      });
      const pf = await portForward(NS, 'svc/mock-classifier-default', 8000);
      try {
        expect((await predict(`http://127.0.0.1:${pf.localPort}`, REQUEST)).data).toEqual(expected);
      } finally {
        pf.close();
      }
    }),
  );

  test(
    'answers gRPC on 5001 through the Service',
    inNamespace(async () => {
      const answer = await grpcPredict(`${clusterIp('mock-classifier-default')}:5001`, {
        data: { tensor: { shape: [1, 3], values: [1, 2, 5] } },
      });
      expect(answer.data).toMatchObject({
        names: ['proba'],
        tensor: { shape: [1, 1], values: [0.43782349911420193] },
      });
    }),
  );

  test(
    "exposes the engine's Prometheus metrics on the pod",
    inNamespace(() => expectEngineMetrics('mock-classifier')),
  );
});

describe('the three-step chain', () => {
  afterAll(() => remove('three-step-chain'));

  test(
    'serves input transformer -> model -> output transformer behind the seldon.io/svc-name Service',
    inNamespace(async () => {
      apply('three-step-chain');
      await waitAvailable(NS, 'three-step-chain');
      const answer = await predict(`http://${clusterIp('chain')}:8000`, {
        data: { names: ['a', 'b'], ndarray: [[10.0, 20.0]] },
      });
      expect(answer.data).toEqual({ names: ['t:0', 't:1'], ndarray: [[0.438, 0.562]] });
      expect(answer.meta?.tags).toEqual({ label: 'positive' });
      expect(Object.keys(answer.meta?.requestPath ?? {}).sort()).toEqual([
        'input-transformer',
        'model',
        'output-transformer',
      ]);
      const pf = await portForward(NS, 'svc/chain', 8000);
      try {
        const again = await predict(`http://127.0.0.1:${pf.localPort}`, {
          data: { names: ['a', 'b'], ndarray: [[10.0, 20.0]] },
        });
        expect(again.data).toEqual(answer.data);
      } finally {
        pf.close();
      }
      const overGrpc = await grpcPredict(`${clusterIp('chain')}:5001`, {
        data: { names: ['a', 'b'], tensor: { shape: [1, 2], values: [10, 20] } },
      });
      expect(overGrpc.data).toMatchObject({ tensor: { shape: [1, 2], values: [0.438, 0.562] } });
      await expectEngineMetrics('three-step-chain');
    }),
  );
});

/** Sends `rounds` predictions through `base`, rewarding the answers routed to `best`; returns the routes. */
async function teach(base: string, rounds: number, best: number): Promise<number[]> {
  const routes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const response = await predict(base, REQUEST);
    const route = response.meta?.routing?.['eg-router'];
    if (route === undefined) throw new Error(`no meta.routing: ${JSON.stringify(response)}`);
    routes.push(route);
    const fb = await postJson(`${base}/api/v1.0/feedback`, {
      request: REQUEST,
      response,
      reward: route === best ? 1 : 0,
    });
    if (fb.status !== 200) throw new Error(`feedback answered ${fb.status}: ${JSON.stringify(fb.json)}`);
  }
  return routes;
}

describe('the epsilon-greedy router', () => {
  let base = '';
  afterAll(() => remove('egreedy'));

  test(
    'learns from feedback sent through the Service',
    inNamespace(async () => {
      apply('egreedy');
      await waitAvailable(NS, 'egreedy');
      base = `http://${clusterIp('egreedy-default')}:8000`;
      const first = await teach(base, 60, 2);
      const later = await teach(base, 60, 2);
      // epsilon 0.2 explores: some answers come from other branches (all 120 on one: p < 1e-11).
      expect([...first, ...later].some((r) => r !== 2)).toBe(true);
      const overGrpc = await grpcPredict(`${clusterIp('egreedy-default')}:5001`, {
        data: { tensor: { shape: [1, 3], values: [1, 2, 5] } },
      });
      expect(overGrpc.data).toMatchObject({ names: ['proba'], tensor: { shape: [1, 1] } });
      await expectEngineMetrics('egreedy');
      const pf = await portForward(NS, 'svc/egreedy-default', 8000);
      try {
        const viaForward = await predict(`http://127.0.0.1:${pf.localPort}`, REQUEST);
        expect(viaForward.meta?.routing?.['eg-router']).toEqual(expect.any(Number));
      } finally {
        pf.close();
      }
      expect(later.filter((r) => r === 2).length).toBeGreaterThanOrEqual(40);
    }),
  );

  test(
    'takes a changed parameter (epsilon 0) in the running router: no pod restarts, what it learned stays',
    inNamespace(async () => {
      const [before] = podsOf(NS, 'egreedy');
      patch('egreedy', [
        { op: 'replace', path: '/spec/predictors/0/graph/parameters/1/value', value: '0.0' },
      ]);
      // The operator rewrites the graph ConfigMap; the kubelet updates the router's mounted file; the
      // router's wrapper applies it in place (updateParameters) and logs it.
      const logLine = await waitFor('the router to log the new parameters', () =>
        kubectl(['-n', NS, 'logs', before.metadata.name, '-c', 'eg-router'])
          .split('\n')
          .find((l) => l.includes('parameters changed to')),
      );
      expect(logLine).toContain('"epsilon":0');
      expect(logLine).toContain('applied in place');
      const after = podsOf(NS, 'egreedy');
      expect(after.map((p) => p.metadata.uid)).toEqual([before.metadata.uid]);
      expect(after[0].status.containerStatuses!.map((c) => c.restartCount)).toEqual(
        after[0].status.containerStatuses!.map(() => 0),
      );
      // Epsilon 0 never explores and the router still knows branch 2 is best: every answer comes
      // from it (with epsilon 0.2, 60 alike would have p = 0.8^60 < 1e-5).
      const routes: number[] = [];
      for (let i = 0; i < 60; i++)
        routes.push((await predict(base, REQUEST)).meta?.routing?.['eg-router'] ?? -1);
      expect(new Set(routes)).toEqual(new Set([2]));
    }),
  );
});

describe('day 2 on the one-model graph', () => {
  const base = (): string => `http://${clusterIp('mock-classifier-default')}:8000`;

  test(
    'replicas 1 -> 2: both pods answer',
    inNamespace(async () => {
      patch('mock-classifier', [{ op: 'replace', path: '/spec/predictors/0/replicas', value: 2 }]);
      const pods = await waitAvailable(NS, 'mock-classifier', 2);
      for (const pod of pods) {
        const answer = await predict(`http://${pod.status.podIP}:8000`, REQUEST);
        expect(answer.data?.ndarray).toEqual([[0.43782349911420193]]);
      }
    }),
  );

  test(
    'a new model image tag rolls out under load with no failed request',
    inNamespace(async () => {
      patch('mock-classifier', [
        {
          op: 'replace',
          path: '/spec/predictors/0/componentSpecs/0/spec/containers/0/image',
          value: 'seldon-ts-examples/mock-classifier:0.1.1',
        },
      ]);
      const url = base();
      let sent = 0;
      const failures: string[] = [];
      // Rolled out: the Deployment has two updated, available replicas and no old pod is left.
      const rolled = (): boolean => {
        const deploys = getJson<{
          items: {
            spec: { replicas: number };
            status: { replicas?: number; updatedReplicas?: number; availableReplicas?: number };
          }[];
        }>(['-n', NS, 'get', 'deploy', '-l', 'seldon-deployment-id=mock-classifier']).items;
        const pods = podsOf(NS, 'mock-classifier');
        return (
          deploys.length === 1 &&
          deploys[0].status.replicas === 2 &&
          deploys[0].status.updatedReplicas === 2 &&
          deploys[0].status.availableReplicas === 2 &&
          pods.length === 2 &&
          pods.every((p) =>
            p.spec.containers.some((c) => c.image === 'seldon-ts-examples/mock-classifier:0.1.1'),
          )
        );
      };
      // A bounded load loop, two requests at a time about 10 times a second: at most 3000 requests
      // or 240 s, stopping once the rollout is done (about a minute: 20 s readiness delay a pod).
      const started = Date.now();
      let done = false;
      while (sent < 3000 && Date.now() - started < 240_000) {
        const batch = await Promise.allSettled(
          Array.from({ length: 2 }, () => postJson(`${url}/api/v1.0/predictions`, REQUEST)),
        );
        for (const r of batch) {
          sent++;
          if (r.status === 'rejected') failures.push(String(r.reason));
          else if (r.value.status !== 200) failures.push(`${r.value.status} ${JSON.stringify(r.value.json)}`);
        }
        if (sent % 20 === 0 && rolled()) {
          done = true;
          break;
        }
        await sleep(150);
      }
      const summary = `${sent} requests in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures.length} failed`;
      process.stderr.write(`rolling update: ${summary}\n`);
      expect({ done, summary }).toEqual({ done: true, summary: expect.stringContaining('requests') });
      expect(sent).toBeGreaterThanOrEqual(100);
      expect(failures).toEqual([]);
    }),
  );

  test(
    'a deleted pod is recreated and serving resumes',
    inNamespace(async () => {
      const [victim] = podsOf(NS, 'mock-classifier');
      kubectl(['-n', NS, 'delete', 'pod', victim.metadata.name, '--wait=false']);
      const pods = await waitFor('a replacement pod', () => {
        const now = podsOf(NS, 'mock-classifier').filter(isReady);
        return now.length === 2 && !now.some((p) => p.metadata.uid === victim.metadata.uid) ? now : undefined;
      });
      for (const pod of pods)
        expect((await predict(`http://${pod.status.podIP}:8000`, REQUEST)).data).toBeDefined();
      expect((await predict(base(), REQUEST)).data?.ndarray).toEqual([[0.43782349911420193]]);
    }),
  );

  test(
    'a deleted predictor Service is restored by the operator',
    inNamespace(async () => {
      const uid = getJson<{ metadata: { uid: string } }>(['-n', NS, 'get', 'svc', 'mock-classifier-default'])
        .metadata.uid;
      kubectl(['-n', NS, 'delete', 'svc', 'mock-classifier-default']);
      await waitFor('the Service restored', () => {
        const res = kubectlRaw([
          '-n',
          NS,
          'get',
          'svc',
          'mock-classifier-default',
          '-o',
          'jsonpath={.metadata.uid}',
        ]);
        return res.status === 0 && res.stdout !== '' && res.stdout !== uid;
      });
      const answer = await waitFor(
        'a prediction through the restored Service',
        () => predict(base(), REQUEST),
        60_000,
      );
      expect(answer.data?.ndarray).toEqual([[0.43782349911420193]]);
    }),
  );

  test(
    'deleting the SeldonDeployment removes every object it owned',
    inNamespace(async () => {
      kubectl(['-n', NS, 'delete', 'sdep', 'mock-classifier']);
      await waitFor('no object labelled seldon-deployment-id=mock-classifier', () => {
        const left = kubectl([
          '-n',
          NS,
          'get',
          'deploy,rs,svc,cm,pods',
          '-l',
          'seldon-deployment-id=mock-classifier',
          '-o',
          'name',
        ]);
        return left.trim() === '';
      });
      const owned = kubectl(['-n', NS, 'get', 'deploy,svc,cm', '-o', 'name'])
        .split('\n')
        .filter((n) => n.includes('mock-classifier'));
      expect(owned).toEqual([]);
    }),
  );
});
