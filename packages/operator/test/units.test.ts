import { describe, it, expect } from '@jest/globals';
import https from 'node:https';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  WorkQueue,
  issueCertificate,
  configFromEnv,
  parseSeldonConfig,
  DEFAULT_SELDON_CONFIG,
  OperatorError,
  operatorErrorCatalogue,
  WebhookServer,
  WEBHOOK_PATH,
  type KubeClient,
  type KubeObject,
} from '@seldon-ts/operator';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parseDocument } from 'yaml';
import { DEFAULT_PREDICTOR_SERVERS } from '@seldon-ts/crd-types';
import { loadFixture } from './helpers/fixtures.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('WorkQueue', () => {
  it('dedupes keys and never hands one key to two workers', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.length).toBe(2);
    const first = await q.get();
    expect(first).toBe('a');
    q.add('a'); // while processing: queued again only after done()
    expect(await q.get()).toBe('b');
    expect(q.length).toBe(0);
    q.done('a');
    expect(await q.get()).toBe('a');
    q.shutdown();
    expect(await q.get()).toBeUndefined();
  });

  it('backs off exponentially per key and forget() resets it', () => {
    const q = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 50 });
    expect([
      q.addRateLimited('k'),
      q.addRateLimited('k'),
      q.addRateLimited('k'),
      q.addRateLimited('k'),
    ]).toEqual([10, 20, 40, 50]);
    q.forget('k');
    expect(q.addRateLimited('k')).toBe(10);
    q.shutdown();
  });

  it('wakes a waiting worker when a key arrives', async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.add('x');
    expect(await waiting).toBe('x');
    q.shutdown();
  });
});

describe('issueCertificate', () => {
  const openssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
  if (!openssl)
    console.warn('issueCertificate key-usage case skipped: openssl not on PATH (in CI it runs and fails)');

  const issue = async (now = new Date()) => {
    const ca = await issueCertificate({ commonName: 'test-ca', isCA: true, validityMs: 3600_000, now });
    const leaf = await issueCertificate({
      commonName: 'seldon-webhook-service.seldon-system',
      hosts: ['seldon-webhook-service.seldon-system.svc', '127.0.0.1', '::1'],
      validityMs: 600_000,
      issuer: { certPem: ca.certPem, keyPem: ca.keyPem },
      now,
    });
    return { ca, leaf, caX: new X509Certificate(ca.certPem), leafX: new X509Certificate(leaf.certPem) };
  };

  it('issues a CA and a serving certificate that verify with node:crypto', async () => {
    const { caX, leafX } = await issue();
    expect(caX.ca).toBe(true);
    expect(leafX.ca).toBe(false);
    expect(leafX.verify(caX.publicKey)).toBe(true);
    expect(leafX.checkIssued(caX)).toBe(true);
    expect(caX.checkIssued(caX)).toBe(true);
    expect(leafX.checkHost('seldon-webhook-service.seldon-system.svc')).toBe(
      'seldon-webhook-service.seldon-system.svc',
    );
    expect(leafX.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leafX.checkHost('elsewhere.example')).toBeUndefined();
  });

  it('names subject, issuer and SANs, and is valid from 5 minutes before issue for the requested time', async () => {
    const now = new Date('2030-01-02T03:04:05Z');
    const { ca, leaf, caX, leafX } = await issue(now);
    expect(caX.subject).toBe('CN=test-ca');
    expect(caX.issuer).toBe('CN=test-ca');
    expect(leafX.subject).toBe('CN=seldon-webhook-service.seldon-system');
    expect(leafX.issuer).toBe('CN=test-ca');
    expect(leafX.subjectAltName).toBe(
      'DNS:seldon-webhook-service.seldon-system.svc, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(caX.subjectAltName).toBeUndefined();
    expect(new Date(leafX.validFrom).toISOString()).toBe('2030-01-02T02:59:05.000Z');
    expect(new Date(leafX.validTo).toISOString()).toBe('2030-01-02T03:14:05.000Z');
    expect(leaf.notAfter.toISOString()).toBe('2030-01-02T03:14:05.000Z');
    expect(new Date(caX.validTo).toISOString()).toBe('2030-01-02T04:04:05.000Z');
    expect(ca.notAfter.toISOString()).toBe('2030-01-02T04:04:05.000Z');
    // Extended key usage: TLS server authentication only; the CA has none.
    expect(leafX.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(caX.keyUsage).toBeUndefined();
    // ECDSA P-256 keys; the private key matches the certificate.
    expect(leafX.publicKey.asymmetricKeyType).toBe('ec');
    expect(leafX.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(leafX.checkPrivateKey(createPrivateKey(leaf.keyPem))).toBe(true);
    expect(leafX.serialNumber).not.toBe(caX.serialNumber);
  });

  (openssl || process.env.CI ? it : it.skip)(
    'sets the key usages and basic constraints a CA and a TLS server need',
    async () => {
      const { ca, leaf } = await issue();
      const extensions = (pem: string) => {
        const out = spawnSync(
          'openssl',
          ['x509', '-noout', '-ext', 'basicConstraints,keyUsage,extendedKeyUsage'],
          {
            input: pem,
            encoding: 'utf8',
          },
        );
        expect(out.stderr).toBe('');
        return out.stdout.replace(/[ \t]+$/gm, '');
      };
      expect(extensions(ca.certPem)).toBe(
        [
          'X509v3 Basic Constraints: critical',
          '    CA:TRUE',
          'X509v3 Key Usage: critical',
          '    Digital Signature, Certificate Sign, CRL Sign',
          '',
        ].join('\n'),
      );
      expect(extensions(leaf.certPem)).toBe(
        [
          'X509v3 Basic Constraints: critical',
          '    CA:FALSE',
          'X509v3 Key Usage: critical',
          '    Digital Signature, Key Encipherment',
          'X509v3 Extended Key Usage:',
          '    TLS Web Server Authentication',
          '',
        ].join('\n'),
      );
    },
  );
});

describe('configuration', () => {
  it('reads the operator environment with the documented defaults', () => {
    const c = configFromEnv({});
    expect(c.operatorNamespace).toBe('seldon-system');
    expect(c.defaultUserId).toBe(8888);
    expect(c.engine.user).toBe(8888);
    expect(c.nodePorts).toEqual({ http: 9000, grpc: 9500, metrics: 6000, metricsPortName: 'metrics' });
    expect(configFromEnv({ DEFAULT_USER_ID: '' }).defaultUserId).toBeUndefined();
    expect(
      configFromEnv({ RELATED_IMAGE_EXECUTOR: 'a', EXECUTOR_CONTAINER_IMAGE_AND_VERSION: 'b' }).engine.image,
    ).toBe('a');
  });

  it('names the bad variable or ConfigMap key', () => {
    expect(() => configFromEnv({ ENGINE_SERVER_PORT: 'eighty' })).toThrow(
      'ENGINE_SERVER_PORT="eighty" is not an integer',
    );
    expect(() => configFromEnv({ AMBASSADOR_VERSION: 'v3' })).toThrow(
      'AMBASSADOR_VERSION="v3" must be v1 or v2',
    );
    expect(() => parseSeldonConfig({ predictor_servers: '{not json' })).toThrow(
      /seldon-config key "predictor_servers" is not valid JSON/,
    );
    expect(() => parseSeldonConfig({ storageInitializer: '{"cpuRequest":"lots"}' })).toThrow(
      'seldon-config storageInitializer.cpuRequest "lots" is not a Kubernetes quantity',
    );
    try {
      parseSeldonConfig({ explainer: '[1]' });
    } catch (err) {
      expect((err as OperatorError).code).toBe('SC_ERR_OPERATOR_SELDON_CONFIG');
    }
    const custom = parseSeldonConfig({
      predictor_servers:
        '{"MY_SERVER":{"protocols":{"seldon":{"image":"me/server","defaultImageVersion":"1"}}}}',
    });
    expect(Object.keys(custom.predictorServers)).toEqual(['MY_SERVER']);
  });

  it('maps every error code to an HTTP and a gRPC status', () => {
    for (const [code, info] of Object.entries(operatorErrorCatalogue)) {
      expect(code).toMatch(/^SC_ERR_OPERATOR_[A-Z_]+$/);
      expect(info.httpStatus).toBeGreaterThanOrEqual(400);
      expect(info.grpcStatus).toBeGreaterThan(0);
    }
  });
});

describe('WebhookServer (certificates from a directory, no API server involved)', () => {
  it('answers AdmissionReviews and rejects malformed bodies with a clear error', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/hook-`);
    const ca = await issueCertificate({ commonName: 'ca', isCA: true, validityMs: 3600_000 });
    const leaf = await issueCertificate({
      commonName: 'localhost',
      hosts: ['127.0.0.1'],
      validityMs: 3600_000,
      issuer: { certPem: ca.certPem, keyPem: ca.keyPem },
    });
    writeFileSync(`${dir}/tls.crt`, leaf.certPem);
    writeFileSync(`${dir}/tls.key`, leaf.keyPem);
    const config = configFromEnv({});
    const server = new WebhookServer(
      {} as KubeClient,
      { port: 0, host: '127.0.0.1', certDir: dir },
      () => config,
    );
    await server.start();
    const post = (body: string) =>
      new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
        const req = https.request(
          {
            host: '127.0.0.1',
            port: server.port,
            path: WEBHOOK_PATH,
            method: 'POST',
            ca: ca.certPem,
            headers: { 'Content-Type': 'application/json' },
          },
          (res) => {
            let text = '';
            res.on('data', (c) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const bad = loadFixture('minimal-model.yaml');
      bad.spec.predictors[0].graph.name = 'nope';
      const denied = await post(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          request: { uid: 'u1', operation: 'CREATE', object: bad },
        }),
      );
      expect(denied.status).toBe(200);
      expect(denied.json.response).toMatchObject({
        uid: 'u1',
        allowed: false,
        status: { code: 422, reason: 'Invalid' },
      });
      expect(JSON.stringify(denied.json.response)).toContain("Can't find container for Predictive Unit");
      const ok = await post(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1beta1',
          kind: 'AdmissionReview',
          request: { uid: 'u2', operation: 'CREATE', object: loadFixture('canary.yaml') },
        }),
      );
      expect(ok.json).toEqual({
        apiVersion: 'admission.k8s.io/v1beta1',
        kind: 'AdmissionReview',
        response: { uid: 'u2', allowed: true },
      });
      const garbage = await post('{"kind":');
      expect(garbage.status).toBe(400);
      expect(garbage.json.code).toBe('SC_ERR_OPERATOR_BAD_ADMISSION_REVIEW');
      const notReview = await post('{"kind":"Pod"}');
      expect(notReview.status).toBe(400);
      expect(String(notReview.json.message)).toContain('AdmissionReview');
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/ overlays (kustomize build, no cluster)', () => {
  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  if (!kubectl)
    console.warn('deploy/ kustomize cases skipped: kubectl not on PATH (in CI they run and fail)');
  const build = (dir: string) => {
    const out = spawnSync('kubectl', ['kustomize', `${repoRoot}deploy/${dir}`], { encoding: 'utf8' });
    expect(out.stderr).toBe('');
    return parseAllDocuments(out.stdout).map((d) => d.toJS() as KubeObject);
  };
  const manager = (objects: KubeObject[]) =>
    (
      objects.find((o) => o.kind === 'Deployment') as KubeObject & {
        spec: {
          replicas: number;
          template: {
            spec: {
              containers: { args: string[]; env: { name: string; value?: string; valueFrom?: unknown }[] }[];
            };
          };
        };
      }
    ).spec;

  it('the seldon-config ConfigMap of deploy/base holds exactly the built-in defaults', () => {
    const [configMap] = parseAllDocuments(readFileSync(`${repoRoot}deploy/base/configmap.yaml`, 'utf8')).map(
      (d) => d.toJS() as KubeObject & { data: Record<string, string> },
    );
    expect(parseSeldonConfig(configMap.data)).toEqual(DEFAULT_SELDON_CONFIG);
    expect(JSON.parse(configMap.data.predictor_servers)).toEqual(DEFAULT_PREDICTOR_SERVERS);
  });

  (kubectl || process.env.CI ? it : it.skip)(
    'deploy/ and every overlay install the CRD of deploy/crd, cluster-scoped',
    () => {
      const generated = parseDocument(
        readFileSync(`${repoRoot}deploy/crd/seldondeployments.yaml`, 'utf8'),
      ).toJS() as KubeObject;
      for (const dir of ['', 'crd', 'overlays/namespaced', 'overlays/ha', 'overlays/istio']) {
        const crds = build(dir).filter((o) => o.kind === 'CustomResourceDefinition');
        expect(crds).toHaveLength(1);
        expect(crds[0].metadata.namespace).toBeUndefined();
        expect(crds[0]).toEqual(generated);
      }
    },
  );

  (kubectl || process.env.CI ? it : it.skip)(
    'namespaced: everything in namespace seldon, watching only it, no cluster-wide workload rights',
    () => {
      const objects = build('overlays/namespaced');
      expect(JSON.stringify(objects)).not.toContain('seldon-system');
      const spec = manager(objects);
      expect(spec.template.spec.containers[0].env.find((e) => e.name === 'WATCH_NAMESPACE')).toEqual({
        name: 'WATCH_NAMESPACE',
        valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
      });
      expect(spec.template.spec.containers[0].args).toContain(
        '--webhook-configuration-name=seldon-validating-webhook-configuration-seldon',
      );
      const clusterRoles = objects.filter((o) => o.kind === 'ClusterRole') as (KubeObject & {
        rules: { resources: string[] }[];
      })[];
      expect(clusterRoles.flatMap((r) => r.rules.flatMap((x) => x.resources)).sort()).toEqual([
        'customresourcedefinitions',
        'validatingwebhookconfigurations',
      ]);
      expect(objects.find((o) => o.kind === 'Namespace')).toBeUndefined();
    },
  );

  (kubectl || process.env.CI ? it : it.skip)(
    'ha: two replicas and a PodDisruptionBudget; istio: ISTIO_ENABLED=true',
    () => {
      const ha = build('overlays/ha');
      expect(manager(ha).replicas).toBe(2);
      expect(manager(ha).template.spec.containers[0].args).toContain('--enable-leader-election');
      expect(ha.some((o) => o.kind === 'PodDisruptionBudget')).toBe(true);
      const istio = build('overlays/istio');
      expect(
        manager(istio).template.spec.containers[0].env.find((e) => e.name === 'ISTIO_ENABLED')?.value,
      ).toBe('true');
      expect(
        manager(istio).template.spec.containers[0].env.filter((e) => e.name === 'ISTIO_ENABLED'),
      ).toHaveLength(1);
    },
  );
});
