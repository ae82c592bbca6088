// The operator against a real kube-apiserver (no kubelet: the tests write Deployment status).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import tls from 'node:tls';
import { spawn, spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { X509Certificate } from 'node:crypto';
import {
  Operator,
  WebhookServer,
  KubeClient,
  Informer,
  configFromEnv,
  desiredState,
  RESOURCE_TYPES as RT,
  FIELD_MANAGER,
  WEBHOOK_PATH,
  type KubeObject,
} from '@seldon-ts/operator';
import {
  repoRoot,
  startCluster,
  installCrd,
  ensureNamespace,
  waitFor,
  subsetDiff,
  setDeploymentStatus,
  installStubCrd,
  unavailable,
  type Envtest,
} from './helpers/cluster.js';
import { loadFixture } from './helpers/fixtures.js';

const ENGINE_IMAGE = 'seldonio/seldon-ts-engine:0.1.0';
const env = { EXECUTOR_CONTAINER_IMAGE_AND_VERSION: ENGINE_IMAGE, POD_NAMESPACE: 'seldon-system' };
// In CI a missing API server fails the suite instead of skipping it.
const d = unavailable && !process.env.CI ? describe.skip : describe;
if (unavailable) console.warn(`operator envtest skipped: ${unavailable}`);

type Sdep = SeldonDeployment & KubeObject;
type Dep = KubeObject & {
  spec: {
    replicas?: number;
    template: { metadata: { annotations?: Record<string, string> }; spec: unknown };
  };
};

d('operator against a real kube-apiserver', () => {
  let cluster: Envtest;
  let client: KubeClient;
  let operator: Operator;
  const config = configFromEnv(env);

  beforeAll(async () => {
    const started = await startCluster();
    cluster = started.env;
    client = started.client;
    await installCrd(client);
    for (const ns of ['seldon-system', 'golden', 'life', 'leader', 'hooks'])
      await ensureNamespace(client, ns);
    // The webhook configuration points at the operator on loopback; the operator fills in caBundle.
    operator = new Operator({
      config,
      client,
      workers: 2,
      retryBaseDelayMs: 50,
      retryMaxDelayMs: 1000,
      webhook: {
        port: 0,
        host: '127.0.0.1',
        hosts: ['127.0.0.1', 'localhost'],
        configurationName: 'seldon-validating-webhook-configuration',
      },
      metricsPort: 0,
      metricsHost: '127.0.0.1',
    });
    await operator.start();
  }, 90_000);

  afterAll(async () => {
    await operator?.stop();
    client?.close();
    await cluster?.stop();
  }, 60_000);

  const create = async (sdep: SeldonDeployment, namespace: string): Promise<Sdep> => {
    const obj = structuredClone(sdep) as Sdep;
    obj.apiVersion = 'machinelearning.seldon.io/v1';
    obj.metadata = {
      name: sdep.metadata.name,
      namespace,
      ...(sdep.metadata.labels ? { labels: sdep.metadata.labels } : {}),
    };
    return client.create<Sdep>(RT.seldonDeployment, obj);
  };
  /** Creates `sdep` as `name` in `namespace`, labelled for the operator with `controllerId`. */
  const createFor = (sdep: SeldonDeployment, name: string, controllerId: string, namespace: string) =>
    create({ ...sdep, metadata: { name, labels: { 'seldon.io/controller-id': controllerId } } }, namespace);
  const getSdep = (ns: string, name: string) => client.get<Sdep>(RT.seldonDeployment, ns, name);
  const getDep = (ns: string, name: string) => client.get<Dep>(RT.deployment, ns, name);
  const patchSdep = (ns: string, name: string, patch: unknown) =>
    client.mergePatch<Sdep>(RT.seldonDeployment, ns, name, patch);
  const exists = (rt: (typeof RT)[keyof typeof RT], ns: string, name: string) =>
    client.getOrUndefined(rt, ns, name);
  const waitGone = (rt: (typeof RT)[keyof typeof RT], ns: string, name: string, what: string) =>
    waitFor(async () => !(await exists(rt, ns, name)), what);

  it('installs the CRD of deploy/crd: v1 stored, v1alpha2 and v1alpha3 served', async () => {
    for (const v of ['v1', 'v1alpha2', 'v1alpha3']) {
      const res = await client.request<{ resources: { name: string }[] }>(
        'GET',
        `/apis/machinelearning.seldon.io/${v}`,
      );
      expect(res.resources.map((r) => r.name)).toEqual(
        expect.arrayContaining(['seldondeployments', 'seldondeployments/status']),
      );
    }
    const crd = await client.get<KubeObject & { spec: { versions: { name: string; storage: boolean }[] } }>(
      RT.crd,
      undefined,
      'seldondeployments.machinelearning.seldon.io',
    );
    expect(crd.spec.versions.find((x) => x.storage)?.name).toBe('v1');
    const old = {
      ...loadFixture('minimal-model.yaml'),
      apiVersion: 'machinelearning.seldon.io/v1alpha2',
    } as Sdep;
    old.metadata = { name: 'alpha', namespace: 'hooks', labels: { 'seldon.io/controller-id': 'nobody' } };
    await client.request(
      'POST',
      '/apis/machinelearning.seldon.io/v1alpha2/namespaces/hooks/seldondeployments',
      old,
    );
    const asV1 = await getSdep('hooks', 'alpha');
    expect(asV1.apiVersion).toBe('machinelearning.seldon.io/v1');
    expect(asV1.spec.predictors[0].graph.name).toBe('classifier');
  }, 60_000);

  it('reconciles each example SeldonDeployment to its golden objects', async () => {
    const files = [
      'minimal-model.yaml',
      'three-step-chain.yaml',
      'canary.yaml',
      'shadow.yaml',
      'sklearn-prepackaged.yaml',
      'hpa-pdb.yaml',
      'explainer-separate-engine.yaml',
      'egreedy-router.yaml',
    ];
    const created = await Promise.all(files.map((f) => create(loadFixture(f), 'golden')));
    for (const live of created) {
      const expected = desiredState(live as SeldonDeployment, config);
      for (const obj of expected.objects) {
        const rt =
          obj.kind === 'HorizontalPodAutoscaler'
            ? RT.hpaV2beta2
            : obj.kind === 'PodDisruptionBudget'
              ? RT.pdbV1beta1
              : Object.values(RT).find((r) => r.kind === obj.kind)!;
        const got = await waitFor(
          () => exists(rt, 'golden', obj.metadata.name!),
          `${obj.kind} ${obj.metadata.name}`,
        );
        const { apiVersion: _a, metadata, ...body } = obj;
        const diff = subsetDiff(
          { ...body, metadata: { labels: metadata.labels, ownerReferences: metadata.ownerReferences } },
          got,
        );
        expect(`${obj.kind}/${obj.metadata.name}: ${diff ?? 'same'}`).toBe(
          `${obj.kind}/${obj.metadata.name}: same`,
        );
        expect(got!.metadata.managedFields).toEqual(
          expect.arrayContaining([expect.objectContaining({ manager: FIELD_MANAGER, operation: 'Apply' })]),
        );
      }
    }
  }, 60_000);

  it('moves status Creating -> Available when the Deployments report ready', async () => {
    const sdep = loadFixture('minimal-model.yaml');
    sdep.metadata.name = 'lifecycle';
    await create(sdep, 'life');
    const creating = await waitFor(async () => {
      const s = await getSdep('life', 'lifecycle');
      return s.status?.state === 'Creating' ? s : undefined;
    }, 'state Creating');
    expect(creating.status!.address?.url).toBe(
      'http://lifecycle-example.life.svc.cluster.local:8000/api/v1.0/predictions',
    );
    expect(creating.status!.serviceStatus!['lifecycle-example']).toEqual({
      svcName: 'lifecycle-example',
      httpEndpoint: 'lifecycle-example.life:8000',
      grpcEndpoint: 'lifecycle-example.life:5001',
    });
    await setDeploymentStatus(client, 'life', 'lifecycle-example-0-classifier');
    const available = await waitFor(async () => {
      const s = await getSdep('life', 'lifecycle');
      return s.status?.state === 'Available' ? s : undefined;
    }, 'state Available');
    expect(available.status!.deploymentStatus!['lifecycle-example-0-classifier']).toEqual({
      replicas: 1,
      availableReplicas: 1,
    });
    expect(available.status!.replicas).toBe(1);
    const ready = available.status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready.status).toBe('True');
    expect(available.status!.observedGeneration).toBe(available.metadata.generation);
    // Read back from the API server: the CRD schema keeps each condition's observedGeneration.
    expect(available.status!.conditions!.length).toBeGreaterThan(1);
    for (const c of available.status!.conditions!)
      expect(c.observedGeneration).toBe(available.metadata.generation);
    await waitFor(
      () => operator.recordedEvents.some((e) => e.reason === 'Updated' && e.object === 'life/lifecycle'),
      'Updated event',
    );
    const events = await client.list(RT.event, 'life');
    expect(events.items.map((e) => (e as { reason?: string }).reason)).toEqual(
      expect.arrayContaining(['CreateDeployment', 'CreateService', 'Updated']),
    );
  }, 60_000);

  it('scaling replicas changes only replicas and keeps rollout-restart annotations', async () => {
    const name = 'lifecycle-example-0-classifier';
    // What `kubectl rollout restart` does: another field manager adds a pod-template annotation.
    await client.request(
      'PATCH',
      `/apis/apps/v1/namespaces/life/deployments/${name}?fieldManager=kubectl-rollout`,
      {
        spec: {
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } },
          },
        },
      },
      'application/strategic-merge-patch+json',
    );
    const before = await getDep('life', name);
    await patchSdep('life', 'lifecycle', {
      spec: { predictors: [{ ...loadFixture('minimal-model.yaml').spec.predictors[0], replicas: 3 }] },
    });
    const after = await waitFor(async () => {
      const dep = await getDep('life', name);
      return dep.spec.replicas === 3 ? dep : undefined;
    }, 'replicas 3');
    expect(JSON.stringify(after.spec.template)).toBe(JSON.stringify(before.spec.template));
    expect(after.spec.template.metadata.annotations!['kubectl.kubernetes.io/restartedAt']).toBe(
      '2026-01-01T00:00:00Z',
    );
    expect(after.metadata.generation).toBe(before.metadata.generation! + 1);
  }, 60_000);

  it('a parameter change rewrites the graph ConfigMap and leaves the pod template (no rollout)', async () => {
    const name = 'lifecycle-example-0-classifier';
    const before = await getDep('life', name);
    const predictor = { ...loadFixture('minimal-model.yaml').spec.predictors[0], replicas: 3 };
    predictor.graph = {
      ...predictor.graph,
      parameters: [{ name: 'threshold', type: 'FLOAT', value: '0.7' }],
    };
    await patchSdep('life', 'lifecycle', { spec: { predictors: [predictor] } });
    const graph = await waitFor(async () => {
      const cm = await client.get<KubeObject & { data: Record<string, string> }>(
        RT.configMap,
        'life',
        'lifecycle-example-graph',
      );
      return cm.data['parameters.classifier.json'].includes('threshold') ? cm : undefined;
    }, 'the parameters in the graph ConfigMap');
    expect(JSON.parse(graph.data['parameters.classifier.json'])).toEqual([
      { name: 'threshold', type: 'FLOAT', value: '0.7' },
    ]);
    const after = await getDep('life', name);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(JSON.stringify(after.spec.template)).toBe(JSON.stringify(before.spec.template));
  }, 60_000);

  it('recreates a deleted owned Deployment and Service', async () => {
    await client.delete(RT.deployment, 'life', 'lifecycle-example-0-classifier');
    await client.delete(RT.service, 'life', 'lifecycle-example');
    const dep = await waitFor(
      () => exists(RT.deployment, 'life', 'lifecycle-example-0-classifier'),
      'Deployment recreated',
    );
    await waitFor(() => exists(RT.service, 'life', 'lifecycle-example'), 'Service recreated');
    expect((dep as Dep).spec.replicas).toBe(3);
  }, 60_000);

  let last: unknown;
  it('adding a canary leaves the main predictor pods untouched; removing it removes its objects', async () => {
    const base = loadFixture('canary.yaml');
    const main = { ...base.spec.predictors[0], traffic: 100 };
    await create(
      { ...base, metadata: { name: 'ab' }, spec: { predictors: [main] } } as SeldonDeployment,
      'life',
    );
    const mainDep = 'ab-main-0-classifier';
    await waitFor(() => exists(RT.deployment, 'life', mainDep), 'main Deployment');
    await setDeploymentStatus(client, 'life', mainDep);
    const before = await getDep('life', mainDep);
    const graphBefore = await client.get<KubeObject & { data: Record<string, string> }>(
      RT.configMap,
      'life',
      'ab-main-graph',
    );
    await patchSdep('life', 'ab', {
      spec: { predictors: [{ ...main, traffic: 75 }, base.spec.predictors[1]] },
    });
    await waitFor(() => exists(RT.deployment, 'life', 'ab-canary-0-classifier'), 'canary Deployment');
    await waitFor(() => exists(RT.service, 'life', 'ab-canary'), 'canary Service');
    const after = await getDep('life', mainDep);
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(JSON.stringify(after.spec.template)).toBe(JSON.stringify(before.spec.template));
    const graphAfter = await client.get<KubeObject & { data: Record<string, string> }>(
      RT.configMap,
      'life',
      'ab-main-graph',
    );
    expect(graphAfter.data).toEqual(graphBefore.data);

    await setDeploymentStatus(client, 'life', 'ab-canary-0-classifier');
    await patchSdep('life', 'ab', { spec: { predictors: [{ ...main, traffic: 100 }] } });
    await waitGone(RT.deployment, 'life', 'ab-canary-0-classifier', 'canary Deployment deleted');
    await waitGone(RT.service, 'life', 'ab-canary', 'canary Service deleted');
    await waitGone(RT.configMap, 'life', 'ab-canary-graph', 'canary graph deleted');
    await waitGone(RT.service, 'life', 'ab-canary-classifier', 'canary node Service deleted');
    expect(await exists(RT.deployment, 'life', mainDep)).toBeDefined();
    const status = await waitFor(async () => {
      const s = await getSdep('life', 'ab');
      last = s.status;
      return s.status?.deploymentStatus && !s.status.deploymentStatus['ab-canary-0-classifier']
        ? s
        : undefined;
    }, 'status without canary').catch((err) => {
      console.log(JSON.stringify(last, null, 1));
      throw err;
    });
    expect(Object.keys(status.status!.serviceStatus!)).toEqual(['ab-main']);
  }, 60_000);

  it('recreates a Deployment whose selector must change (immutable field)', async () => {
    const one = {
      name: 'p',
      graph: { name: 'a', type: 'MODEL' },
      componentSpecs: [{ metadata: { name: 'fixed' }, spec: { containers: [{ name: 'a', image: 'a:1' }] } }],
    };
    await create(
      {
        apiVersion: 'machinelearning.seldon.io/v1',
        kind: 'SeldonDeployment',
        metadata: { name: 'sel' },
        spec: { predictors: [one] },
      } as SeldonDeployment,
      'life',
    );
    const first = await waitFor(() => exists(RT.deployment, 'life', 'sel-p-0-fixed'), 'Deployment');
    const two = {
      ...one,
      graph: { name: 'a', type: 'TRANSFORMER', children: [{ name: 'b', type: 'MODEL' }] },
      componentSpecs: [
        {
          metadata: { name: 'fixed' },
          spec: {
            containers: [
              { name: 'a', image: 'a:1' },
              { name: 'b', image: 'b:1' },
            ],
          },
        },
      ],
    };
    await patchSdep('life', 'sel', { spec: { predictors: [two] } });
    const second = await waitFor(async () => {
      const dep = (await exists(RT.deployment, 'life', 'sel-p-0-fixed')) as
        (Dep & { spec: { selector: { matchLabels: Record<string, string> } } }) | undefined;
      return dep &&
        dep.metadata.uid !== first!.metadata.uid &&
        dep.spec.selector.matchLabels['seldon-app-svc-b']
        ? dep
        : undefined;
    }, 'Deployment recreated with the new selector');
    expect(second.spec.selector.matchLabels['seldon-app-svc-b']).toBe('sel-p-b');
  }, 60_000);

  it('an HPA-managed Deployment keeps the replica count the HPA set', async () => {
    const sdep = loadFixture('hpa-pdb.yaml');
    sdep.metadata.name = 'scaled';
    await create(sdep, 'life');
    const name = 'scaled-main-0-classifier';
    await waitFor(() => exists(RT.deployment, 'life', name), 'Deployment');
    await waitFor(() => exists(RT.hpaV2beta2, 'life', name), 'HPA');
    // What the HPA controller does: write the scale subresource.
    await client.mergePatch(
      RT.deployment,
      'life',
      name,
      { spec: { replicas: 3 } },
      'scale',
      'horizontal-pod-autoscaler',
    );
    // A spec change that rolls the pods must still leave replicas alone.
    await patchSdep('life', 'scaled', { spec: { annotations: { 'seldon.io/engine-log-level': 'INFO' } } });
    const after = await waitFor(async () => {
      const dep = await getDep('life', name);
      return JSON.stringify(dep.spec.template).includes('"INFO"') ? dep : undefined;
    }, 'template updated');
    expect(after.spec.replicas).toBe(3);
  }, 60_000);

  it('reports Failed with the reason: a Deployment that stopped progressing, and a reconcile error', async () => {
    const sdep = loadFixture('minimal-model.yaml');
    sdep.metadata.name = 'broken';
    await create(sdep, 'life');
    await waitFor(() => exists(RT.deployment, 'life', 'broken-example-0-classifier'), 'Deployment');
    await setDeploymentStatus(client, 'life', 'broken-example-0-classifier', 'failed');
    const failed = await waitFor(async () => {
      const s = await getSdep('life', 'broken');
      return s.status?.state === 'Failed' ? s : undefined;
    }, 'state Failed');
    expect(failed.status!.description).toBe('Deployment is no longer progressing and not available.');

    await patchSdep('life', 'broken', {
      spec: { annotations: { 'seldon.io/executor-logger-queue-size': 'lots' } },
    });
    const errored = await waitFor(async () => {
      const s = await getSdep('life', 'broken');
      return s.status?.description?.includes('executor-logger-queue-size') ? s : undefined;
    }, 'Failed with the reconcile error');
    expect(errored.status!.state).toBe('Failed');
    expect(errored.status!.description).toBe(
      'annotation seldon.io/executor-logger-queue-size="lots" must be an integer',
    );
    await waitFor(
      () => operator.recordedEvents.some((e) => e.reason === 'InternalError' && e.object === 'life/broken'),
      'InternalError event',
    );
  }, 60_000);

  it('refuses an invalid SeldonDeployment through the webhook with the rule message', async () => {
    const port = operator.webhookPort!;
    await client.apply(
      RT.validatingWebhookConfiguration,
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingWebhookConfiguration',
        metadata: { name: 'seldon-validating-webhook-configuration' },
        webhooks: [
          {
            name: 'v1.vseldondeployment.kb.io',
            clientConfig: { url: `https://127.0.0.1:${port}${WEBHOOK_PATH}` },
            rules: [
              {
                apiGroups: ['machinelearning.seldon.io'],
                apiVersions: ['v1', 'v1alpha2', 'v1alpha3'],
                operations: ['CREATE', 'UPDATE'],
                resources: ['seldondeployments'],
              },
            ],
            failurePolicy: 'Fail',
            sideEffects: 'None',
            admissionReviewVersions: ['v1', 'v1beta1'],
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'hooks' } },
          },
        ],
      },
      'test',
      true,
    );
    await ensureNamespace(client, 'hooks', { 'kubernetes.io/metadata.name': 'hooks' });
    // The operator notices the configuration at its next certificate check: trigger it now.
    await (operator as unknown as { webhook: { refresh(): Promise<void> } }).webhook.refresh();
    const vwc = await client.get<KubeObject & { webhooks: { clientConfig: { caBundle?: string } }[] }>(
      RT.validatingWebhookConfiguration,
      undefined,
      'seldon-validating-webhook-configuration',
    );
    expect(vwc.webhooks[0].clientConfig.caBundle).toBeTruthy();
    const bad = loadFixture('minimal-model.yaml');
    bad.spec.predictors[0].graph.name = 'missing';
    let message = '';
    await waitFor(async () => {
      try {
        await create({ ...bad, metadata: { name: 'invalid' } } as SeldonDeployment, 'hooks');
        await client.delete(RT.seldonDeployment, 'hooks', 'invalid');
        return false;
      } catch (err) {
        message = (err as Error).message;
        return message.includes('denied the request');
      }
    }, 'webhook denial');
    expect(message).toContain('SeldonDeployment.machinelearing.seldon.io "invalid" is invalid');
    expect(message).toContain("Can't find container for Predictive Unit");
    const good = loadFixture('minimal-model.yaml');
    await createFor(good, 'valid', 'nobody', 'hooks');
  }, 60_000);

  it('issues its webhook certificate into a Secret and rotates it before expiry', async () => {
    const hook = new WebhookServer(
      client,
      {
        port: 0,
        host: '127.0.0.1',
        hosts: ['127.0.0.1'],
        secretName: 'rotating-cert',
        certValidityMs: 60_000,
        rotateBeforeMs: 120_000,
      },
      () => config,
    );
    await hook.start();
    try {
      const servedCert = () =>
        new Promise<string>((resolve, reject) => {
          const sock = tls.connect(
            { host: '127.0.0.1', port: hook.port!, ca: hook.caPem, servername: undefined },
            () => {
              resolve(sock.getPeerX509Certificate()!.serialNumber);
              sock.end();
            },
          );
          sock.on('error', reject);
        });
      const first = new X509Certificate(hook.certPem);
      const firstSerial = first.serialNumber;
      const firstCa = hook.caPem;
      expect(await servedCert()).toBe(firstSerial);
      // The issued serving certificate: signed by the CA in the Secret, for the requested host only,
      // valid for certValidityMs (60 s) from 5 minutes before it was issued, for TLS server auth.
      const ca = new X509Certificate(hook.caPem);
      expect(ca.ca).toBe(true);
      expect(ca.subject).toBe('CN=seldon-webhook-ca');
      expect(first.ca).toBe(false);
      expect(first.subject).toBe('CN=127.0.0.1');
      expect(first.issuer).toBe(ca.subject);
      expect(first.checkIssued(ca)).toBe(true);
      expect(first.verify(ca.publicKey)).toBe(true);
      expect(first.subjectAltName).toBe('IP Address:127.0.0.1');
      expect(first.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
      const lifetimeMs = new Date(first.validTo).getTime() - new Date(first.validFrom).getTime();
      expect(lifetimeMs).toBe(60_000 + 5 * 60_000);
      expect(new Date(first.validTo).getTime()).toBeGreaterThan(Date.now());
      expect(new Date(ca.validTo).getTime() - Date.now()).toBeGreaterThan(9 * 365 * 24 * 3600_000);
      const secret = await client.get<KubeObject & { data: Record<string, string> }>(
        RT.secret,
        'seldon-system',
        'rotating-cert',
      );
      expect(Object.keys(secret.data).sort()).toEqual(['ca.crt', 'ca.key', 'tls.crt', 'tls.key']);
      await hook.refresh();
      const secondSerial = new X509Certificate(hook.certPem).serialNumber;
      expect(secondSerial).not.toBe(firstSerial);
      expect(hook.caPem).toBe(firstCa);
      expect(await servedCert()).toBe(secondSerial);
    } finally {
      await hook.stop();
    }
  }, 60_000);

  it('informers reopen watches that end and keep delivering events', async () => {
    const seen: string[] = [];
    const informer = new Informer(
      client,
      RT.configMap,
      (ev, obj) => seen.push(`${ev}:${obj.metadata.name}`),
      { namespace: 'hooks', watchTimeoutSeconds: 1, resyncMs: 0 },
    );
    informer.start();
    try {
      await informer.synced;
      // Let at least one watch time out on the server, then change something.
      await waitFor(() => informer.watchCount >= 2, 'watch reopened', 20_000);
      await client.create(RT.configMap, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'after-restart', namespace: 'hooks' },
        data: { a: '1' },
      });
      await waitFor(() => seen.includes('add:after-restart'), 'event after restart');
      await client.delete(RT.configMap, 'hooks', 'after-restart');
      await waitFor(() => seen.includes('delete:after-restart'), 'delete event');
      expect(informer.listCount).toBe(1);
    } finally {
      await informer.stop();
    }
  }, 60_000);

  it('serves metrics and health', async () => {
    const port = operator.metricsPort!;
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/seldon_operator_reconcile_total\{result="success"\} \d+/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  }, 60_000);

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  if (!kubectl && !unavailable) console.warn('deploy/ install cases skipped: kubectl not on PATH');
  (kubectl || process.env.CI ? it : it.skip)(
    'deploy/ installs, and its RBAC is enough for the operator (run as the ServiceAccount)',
    async () => {
      const built = spawnSync('kubectl', ['kustomize', `${repoRoot}deploy`], { encoding: 'utf8' });
      expect(built.status).toBe(0);
      const objects = parseAllDocuments(built.stdout).map((doc) => doc.toJS() as KubeObject);
      expect(objects.map((o) => o.kind).sort()).toEqual([
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'CustomResourceDefinition',
        'Deployment',
        'Namespace',
        'Role',
        'RoleBinding',
        'Service',
        'Service',
        'ServiceAccount',
        'ValidatingWebhookConfiguration',
      ]);
      const order = [
        'CustomResourceDefinition',
        'Namespace',
        'ServiceAccount',
        'ClusterRole',
        'ClusterRoleBinding',
        'Role',
        'RoleBinding',
        'ConfigMap',
        'Service',
        'Deployment',
        'ValidatingWebhookConfiguration',
      ];
      objects.sort((a, b) => order.indexOf(a.kind!) - order.indexOf(b.kind!));
      for (const obj of objects)
        await client.apply(
          Object.values(RT).find((r) => r.kind === obj.kind && r.apiVersion === obj.apiVersion)!,
          obj,
          'kubectl',
          true,
        );
      const sa = await KubeClient.create({
        kubeconfigPath: cluster.kubeconfigPath,
        impersonate: 'system:serviceaccount:seldon-system:seldon-manager',
      });
      await ensureNamespace(client, 'rbac');
      const asSa = new Operator({
        config: configFromEnv({ ...env, CONTROLLER_ID: 'rbac' }),
        client: sa,
        workers: 1,
        leaderElection: { identity: 'rbac-check', name: 'rbac-check', retryPeriodMs: 200 },
        webhook: {
          port: 0,
          host: '127.0.0.1',
          configurationName: 'seldon-validating-webhook-configuration-seldon-system',
          secretName: 'rbac-check-cert',
        },
      });
      const errors: string[] = [];
      (asSa as unknown as { options: { log: (e: Record<string, unknown>) => void } }).options.log = (e) => {
        if (e.level === 'error') errors.push(String(e.error));
      };
      try {
        await asSa.start();
        await waitFor(() => asSa.isLeader, 'SA operator leads');
        const sdep = loadFixture('hpa-pdb.yaml');
        await createFor(sdep, 'rbac', 'rbac', 'rbac');
        const s = await waitFor(async () => {
          const got = await getSdep('rbac', 'rbac');
          return got.status?.state === 'Creating' && got.status.observedGeneration === got.metadata.generation
            ? got
            : undefined;
        }, 'reconciled by the ServiceAccount');
        expect(s.status!.conditions!.find((c) => c.type === 'HpasReady')?.status).toBe('True');
        // Model-download credentials come from the Secrets of the ServiceAccount (read as the operator's SA).
        await client.create(RT.secret, {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: 's3creds',
            namespace: 'rbac',
            annotations: { 'machinelearning.seldon.io/s3-endpoint': 'minio.rbac:9000' },
          },
          data: { awsAccessKeyID: 'YQ==', awsSecretAccessKey: 'Yg==' },
        });
        await client.apply(
          RT.serviceAccount,
          {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default', namespace: 'rbac' },
            secrets: [{ name: 's3creds' }],
          },
          'test',
          true,
        );
        const sk = loadFixture('sklearn-prepackaged.yaml');
        await createFor(sk, 'sk', 'rbac', 'rbac');
        const skDep = await waitFor(async () => {
          const list = await client.list<Dep>(RT.deployment, 'rbac', {
            labelSelector: 'seldon-deployment-id=sk',
          });
          return list.items[0];
        }, 'sklearn Deployment');
        expect(
          JSON.stringify((skDep.spec.template.spec as { initContainers: unknown[] }).initContainers),
        ).toContain('"secretKeyRef":{"name":"s3creds","key":"awsSecretAccessKey"}');
        expect(JSON.stringify(skDep.spec.template.spec)).toContain('"value":"https://minio.rbac:9000"');
        expect(errors).toEqual([]);
        const vwc = await client.get<KubeObject & { webhooks: { clientConfig: { caBundle?: string } }[] }>(
          RT.validatingWebhookConfiguration,
          undefined,
          'seldon-validating-webhook-configuration-seldon-system',
        );
        expect(vwc.webhooks[0].clientConfig.caBundle).toBeTruthy();
      } finally {
        await asSa.stop();
        sa.close();
        // No pod serves this webhook here: remove it so later requests are not refused.
        await client.delete(
          RT.validatingWebhookConfiguration,
          undefined,
          'seldon-validating-webhook-configuration-seldon-system',
        );
      }
    },
    60_000,
  );

  (kubectl || process.env.CI ? it : it.skip)(
    'one `kubectl apply --server-side -k deploy/overlays/namespaced` installs the CRD and the operator',
    async () => {
      await ensureNamespace(client, 'seldon');
      const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
        const p = spawn(
          'kubectl',
          [
            '--kubeconfig',
            cluster.kubeconfigPath,
            'apply',
            '--server-side',
            '-k',
            `${repoRoot}deploy/overlays/namespaced`,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let text = '';
        p.stdout.on('data', (d: Buffer) => (text += d));
        p.stderr.on('data', (d: Buffer) => (text += d));
        p.on('close', (code) => resolve({ code, text }));
      });
      try {
        expect(out).toMatchObject({ code: 0 });
        expect(out.text).toContain(
          'customresourcedefinition.apiextensions.k8s.io/seldondeployments.machinelearning.seldon.io serverside-applied',
        );
        expect(await exists(RT.deployment, 'seldon', 'seldon-controller-manager')).toBeDefined();
        expect(await exists(RT.configMap, 'seldon', 'seldon-config')).toBeDefined();
      } finally {
        // No pod serves this webhook here: remove it so it can never refuse a request.
        await client
          .delete(
            RT.validatingWebhookConfiguration,
            undefined,
            'seldon-validating-webhook-configuration-seldon',
          )
          .catch(() => undefined);
      }
    },
    60_000,
  );

  it('Istio, Ambassador v2 and KEDA objects: traffic split, shadow mirror, updates and cleanup', async () => {
    await installStubCrd(client, 'networking.istio.io', 'v1alpha3', 'VirtualService', 'virtualservices');
    await installStubCrd(client, 'networking.istio.io', 'v1alpha3', 'DestinationRule', 'destinationrules');
    await installStubCrd(client, 'getambassador.io', 'v2', 'Mapping', 'mappings');
    await installStubCrd(client, 'getambassador.io', 'v2', 'TLSContext', 'tlscontexts');
    await installStubCrd(client, 'keda.sh', 'v1alpha1', 'ScaledObject', 'scaledobjects');
    await ensureNamespace(client, 'mesh');
    const mesh = new Operator({
      config: configFromEnv({
        ...env,
        CONTROLLER_ID: 'mesh',
        WATCH_NAMESPACE: 'mesh',
        ISTIO_ENABLED: 'true',
        AMBASSADOR_ENABLED: 'true',
        AMBASSADOR_VERSION: 'v2',
        KEDA_ENABLED: 'true',
      }),
      client,
      workers: 2,
      recordEvents: false,
    });
    await mesh.start();
    try {
      const base = loadFixture('canary.yaml');
      const [main, canary] = base.spec.predictors;
      const shadow = { ...structuredClone(canary), name: 'shadow', shadow: true, traffic: 10 };
      canary.ssl = { certSecretName: 'canary-tls' };
      canary.componentSpecs![0].kedaSpec = {
        minReplicaCount: 1,
        maxReplicaCount: 4,
        triggers: [{ type: 'cpu', metadata: { value: '50' } }],
      };
      await create(
        {
          ...base,
          metadata: { name: 'mesh', labels: { 'seldon.io/controller-id': 'mesh' } },
          spec: { predictors: [main, canary, shadow] },
        } as SeldonDeployment,
        'mesh',
      );
      type Vs = KubeObject & {
        spec: {
          http: {
            route: { destination: { subset: string }; weight: number }[];
            mirror?: { subset: string };
            mirrorPercentage?: { value: number };
          }[];
        };
      };
      const vs = await waitFor(
        () => exists(RT.virtualService, 'mesh', 'mesh') as Promise<Vs | undefined>,
        'VirtualService',
      );
      expect(vs.spec.http[0].route.map((r) => [r.destination.subset, r.weight])).toEqual([
        ['main', 75],
        ['canary', 25],
      ]);
      expect(vs.spec.http[0].mirror?.subset).toBe('shadow');
      expect(vs.spec.http[0].mirrorPercentage?.value).toBe(10);
      for (const dr of ['mesh-main', 'mesh-canary', 'mesh-shadow'])
        await waitFor(() => exists(RT.destinationRule, 'mesh', dr), `DestinationRule ${dr}`);
      const canaryMapping = await waitFor(
        () => exists(RT.mapping, 'mesh', 'seldon-mesh-mesh-canary-rest'),
        'Ambassador Mapping',
      );
      expect((canaryMapping.spec as { tls?: string }).tls).toBe('seldon-mesh-mesh-canary-tls');
      const tlsContext = await waitFor(
        () => exists(RT.tlsContext, 'mesh', 'seldon-mesh-mesh-canary-tls'),
        'Ambassador TLSContext',
      );
      expect(tlsContext.spec).toEqual({ hosts: [], secret: 'canary-tls' });
      await waitFor(() => exists(RT.scaledObject, 'mesh', 'mesh-canary-0-classifier'), 'ScaledObject');
      const canaryDep = await waitFor(
        () => exists(RT.deployment, 'mesh', 'mesh-canary-0-classifier') as Promise<Dep | undefined>,
        'canary Deployment',
      );
      // KEDA owns the replica count: the operator's applied fields do not include spec.replicas.
      const mine = (
        canaryDep.metadata.managedFields as {
          manager: string;
          fieldsV1: { 'f:spec': Record<string, unknown> };
        }[]
      ).find((f) => f.manager === FIELD_MANAGER)!;
      expect(Object.keys(mine.fieldsV1['f:spec'])).not.toContain('f:replicas');
      for (const d of ['mesh-main-0-classifier', 'mesh-canary-0-classifier', 'mesh-shadow-0-classifier'])
        await setDeploymentStatus(client, 'mesh', d);
      const before = await getDep('mesh', 'mesh-main-0-classifier');

      // A traffic change only touches the ingress objects.
      await patchSdep('mesh', 'mesh', {
        spec: { predictors: [{ ...main, traffic: 50 }, { ...canary, traffic: 50 }, shadow] },
      });
      await waitFor(async () => {
        const v = (await exists(RT.virtualService, 'mesh', 'mesh')) as Vs;
        return v.spec.http[0].route[0].weight === 50;
      }, 'VirtualService weights 50/50');
      const after = await getDep('mesh', 'mesh-main-0-classifier');
      expect(after.metadata.generation).toBe(before.metadata.generation);

      // Removing the shadow and the canary removes their ingress objects too.
      await patchSdep('mesh', 'mesh', { spec: { predictors: [{ ...main, traffic: 100 }] } });
      await waitGone(RT.destinationRule, 'mesh', 'mesh-shadow', 'shadow DestinationRule deleted');
      await waitGone(RT.mapping, 'mesh', 'seldon-mesh-mesh-canary-rest', 'canary Mapping deleted');
      await waitGone(RT.tlsContext, 'mesh', 'seldon-mesh-mesh-canary-tls', 'canary TLSContext deleted');
      await waitGone(RT.scaledObject, 'mesh', 'mesh-canary-0-classifier', 'ScaledObject deleted');
      const last = (await exists(RT.virtualService, 'mesh', 'mesh')) as Vs;
      expect(last.spec.http[0].mirror).toBeUndefined();
      expect(last.spec.http[0].route.map((r) => r.destination.subset)).toEqual(['main']);
    } finally {
      await mesh.stop();
    }
  }, 60_000);

  it('Ambassador v1: the getambassador.io/config annotation follows traffic changes through the API server', async () => {
    await ensureNamespace(client, 'amb1');
    const amb = new Operator({
      config: configFromEnv({
        ...env,
        CONTROLLER_ID: 'amb1',
        WATCH_NAMESPACE: 'amb1',
        AMBASSADOR_ENABLED: 'true',
        AMBASSADOR_VERSION: 'v1',
      }),
      client,
      workers: 1,
      recordEvents: false,
    });
    await amb.start();
    try {
      const base = loadFixture('canary.yaml');
      const [main, canary] = base.spec.predictors;
      canary.ssl = { certSecretName: 'canary-tls' };
      await create(
        {
          ...base,
          metadata: { name: 'amb', labels: { 'seldon.io/controller-id': 'amb1' } },
          spec: {
            annotations: { 'seldon.io/ambassador-circuit-breakers-max-connections': '50' },
            predictors: [main, canary],
          },
        } as SeldonDeployment,
        'amb1',
      );
      const docsOf = async (svc: string) => {
        const obj = await exists(RT.service, 'amb1', svc);
        const text = obj?.metadata.annotations?.['getambassador.io/config'];
        return text ? parseAllDocuments(text).map((d) => d.toJSON() as Record<string, unknown>) : undefined;
      };
      const docs = await waitFor(() => docsOf('amb-canary'), 'canary Service with Ambassador config');
      expect(docs.map((d) => [d.kind, d.name, d.weight, d.tls])).toEqual([
        ['Mapping', 'seldon_amb1_amb_canary_rest_mapping', 25, 'seldon_amb1_amb_canary_tls_config'],
        ['Mapping', 'seldon_amb1_amb_canary_grpc_mapping', 25, 'seldon_amb1_amb_canary_tls_config'],
        ['TLSContext', 'seldon_amb1_amb_canary_tls_config', undefined, undefined],
      ]);
      expect(docs[0].circuit_breakers).toEqual([{ max_connections: 50 }]);
      await patchSdep('amb1', 'amb', {
        spec: {
          predictors: [
            { ...main, traffic: 40 },
            { ...canary, traffic: 60 },
          ],
        },
      });
      await waitFor(async () => (await docsOf('amb-canary'))?.[0].weight === 60, 'canary weight 60');
    } finally {
      await amb.stop();
    }
  }, 60_000);

  it('skips namespaces claimed by another controller and SeldonDeployments of another controller-id', async () => {
    await ensureNamespace(client, 'claimed', { 'seldon.io/controller-id': 'other' });
    const sdep = loadFixture('minimal-model.yaml');
    await create({ ...sdep, metadata: { name: 'claimed' } } as SeldonDeployment, 'claimed');
    await createFor(sdep, 'foreign', 'other', 'life');
    // A SeldonDeployment created afterwards in a free namespace is reconciled: the two above were seen first.
    await create({ ...sdep, metadata: { name: 'marker' } } as SeldonDeployment, 'life');
    await waitFor(() => exists(RT.deployment, 'life', 'marker-example-0-classifier'), 'marker reconciled');
    expect(await exists(RT.deployment, 'claimed', 'claimed-example-0-classifier')).toBeUndefined();
    expect(await exists(RT.deployment, 'life', 'foreign-example-0-classifier')).toBeUndefined();
    expect((await getSdep('claimed', 'claimed')).status).toBeUndefined();
  }, 60_000);

  it('a leader that cannot renew its Lease steps down, and leads again once the Lease is free', async () => {
    const op = new Operator({
      config: configFromEnv({ ...env, CONTROLLER_ID: 'steal', WATCH_NAMESPACE: 'leader' }),
      client,
      workers: 1,
      recordEvents: false,
      leaderElection: {
        identity: 'victim',
        name: 'steal-test',
        namespace: 'seldon-system',
        leaseDurationMs: 1000,
        renewDeadlineMs: 800,
        retryPeriodMs: 100,
      },
    });
    await op.start();
    try {
      await waitFor(() => op.isLeader, 'leads');
      // Another holder takes the Lease (as after a network partition); the victim renews every 100 ms,
      // so the write is retried until it wins the optimistic-concurrency race.
      await waitFor(async () => {
        const lease = await client.get<KubeObject & { spec: Record<string, unknown> }>(
          RT.lease,
          'seldon-system',
          'steal-test',
        );
        const spec = {
          ...lease.spec,
          holderIdentity: 'intruder',
          leaseDurationSeconds: 2,
          renewTime: new Date().toISOString().replace('Z', '000Z'),
        };
        return client.replace(RT.lease, { ...lease, spec }).then(
          () => true,
          () => false,
        );
      }, 'Lease taken over');
      await waitFor(() => !op.isLeader, 'stepped down', 20_000);
      expect(op.isLeader).toBe(false);
      // The intruder never renews: after its lease the victim takes over again and reconciles.
      await waitFor(() => op.isLeader, 'leads again', 20_000);
      const lease = await client.get<KubeObject & { spec: { holderIdentity?: string } }>(
        RT.lease,
        'seldon-system',
        'steal-test',
      );
      expect(lease.spec.holderIdentity).toBe('victim');
      const sdep = loadFixture('minimal-model.yaml');
      await createFor(sdep, 'relead', 'steal', 'leader');
      const dep = await waitFor(
        () => exists(RT.deployment, 'leader', 'relead-example-0-classifier'),
        'reconciled after re-election',
      );
      expect(dep.metadata.ownerReferences?.map((o) => [o.kind, o.name, o.controller])).toEqual([
        ['SeldonDeployment', 'relead', true],
      ]);
      // The status is written by the re-elected leader too.
      const status = await waitFor(async () => (await getSdep('leader', 'relead')).status, 'status written');
      expect(Object.keys(status.deploymentStatus ?? {})).toEqual(['relead-example-0-classifier']);
      expect(status.observedGeneration).toBe(1);
    } finally {
      await op.stop();
    }
  }, 60_000);

  it('two replicas: only the leader reconciles, the other takes over when it stops', async () => {
    const leConfig = configFromEnv({ ...env, CONTROLLER_ID: 'le', WATCH_NAMESPACE: 'leader' });
    const mk = (identity: string) =>
      new Operator({
        config: leConfig,
        client,
        workers: 1,
        recordEvents: false,
        leaderElection: {
          identity,
          name: 'le-test',
          namespace: 'seldon-system',
          leaseDurationMs: 6000,
          renewDeadlineMs: 5000,
          retryPeriodMs: 200,
        },
      });
    const a = mk('replica-a');
    const b = mk('replica-b');
    await a.start();
    await waitFor(() => a.isLeader, 'a leads');
    await b.start();
    try {
      const first = loadFixture('minimal-model.yaml');
      await createFor(first, 'led-1', 'le', 'leader');
      await waitFor(() => exists(RT.deployment, 'leader', 'led-1-example-0-classifier'), 'led-1 reconciled');
      expect(a.reconcileCount).toBeGreaterThan(0);
      expect(b.isLeader).toBe(false);
      expect(b.reconcileCount).toBe(0);
      // The main operator (controller-id "") ignores these SeldonDeployments.
      expect(operator.recordedEvents.some((e) => e.object.startsWith('leader/'))).toBe(false);

      await a.stop();
      await waitFor(() => b.isLeader, 'b takes over', 20_000);
      await createFor(first, 'led-2', 'le', 'leader');
      await waitFor(
        () => exists(RT.deployment, 'leader', 'led-2-example-0-classifier'),
        'led-2 reconciled by b',
      );
      expect(b.reconcileCount).toBeGreaterThan(0);
      const lease = await client.get<KubeObject & { spec: { holderIdentity: string } }>(
        RT.lease,
        'seldon-system',
        'le-test',
      );
      expect(lease.spec.holderIdentity).toBe('replica-b');
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
