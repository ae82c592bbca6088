import { describe, it, expect } from '@jest/globals';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import { loadFixture } from './helpers/fixtures.js';
import {
  configFromEnv,
  desiredState,
  convertHpaMetric,
  OperatorError,
  GRAPH_FILE,
  type KubeObject,
} from '@seldon-ts/operator';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = readdirSync(`${here}fixtures`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const env = {
  EXECUTOR_CONTAINER_IMAGE_AND_VERSION: 'seldonio/seldon-ts-engine:0.1.0',
  ISTIO_ENABLED: 'true',
  AMBASSADOR_ENABLED: 'true',
  AMBASSADOR_VERSION: 'v2',
};

const byKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const pod = (d: KubeObject) =>
  (
    d.spec as {
      template: {
        spec: {
          containers: { name: string; env?: { name: string; value?: string }[]; args?: string[] }[];
          volumes?: { name: string }[];
        };
      };
    }
  ).template.spec;

describe('desiredState golden files', () => {
  for (const file of fixtures) {
    it(`${file} produces the golden objects`, () => {
      const state = desiredState(loadFixture(file), configFromEnv(env));
      const golden = `${here}golden/${file.replace('.yaml', '.json')}`;
      const actual = JSON.stringify(state, null, 2) + '\n';
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, actual);
      // Compared as data, so reformatting the golden files (prettier) does not matter.
      expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});

describe('desiredState', () => {
  const config = configFromEnv(env);

  it('is pure: the same input gives the same objects and the input is not modified', () => {
    const sdep = loadFixture('three-step-chain.yaml');
    const before = JSON.stringify(sdep);
    expect(JSON.stringify(desiredState(sdep, config))).toBe(JSON.stringify(desiredState(sdep, config)));
    expect(JSON.stringify(sdep)).toBe(before);
  });

  it('injects the engine with args, probes, non-root user and the graph file mount', () => {
    const state = desiredState(loadFixture('minimal-model.yaml'), config);
    const [dep] = byKind(state.objects, 'Deployment');
    const spec = pod(dep);
    const engine = spec.containers.find((c) => c.name === 'seldon-container-engine')!;
    expect(engine.args).toEqual(
      expect.arrayContaining([
        '--sdep',
        'seldon-model',
        '--predictor',
        'example',
        '--http_port',
        '8000',
        '--file',
        `/etc/seldon/graph/${GRAPH_FILE}`,
      ]),
    );
    expect((engine as unknown as { securityContext: unknown }).securityContext).toEqual({
      runAsUser: 8888,
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
    });
    expect((spec as unknown as { securityContext: unknown }).securityContext).toEqual({
      runAsUser: 8888,
      runAsNonRoot: true,
    });
    expect(spec.volumes!.map((v) => v.name).sort()).toEqual(['seldon-graph', 'seldon-podinfo']);
    const model = spec.containers.find((c) => c.name === 'classifier')!;
    expect(model.env).toEqual(
      expect.arrayContaining([
        { name: 'PREDICTIVE_UNIT_SERVICE_PORT', value: '9000' },
        { name: 'PREDICTOR_ID', value: 'example' },
        { name: 'SELDON_DEPLOYMENT_ID', value: 'seldon-model' },
      ]),
    );
    const cm = byKind(state.objects, 'ConfigMap')[0] as KubeObject & { data: Record<string, string> };
    const predictor = JSON.parse(cm.data[GRAPH_FILE]);
    expect(predictor.graph.endpoint).toEqual({
      type: 'REST',
      service_host: 'localhost',
      service_port: 9000,
      httpPort: 9000,
      grpcPort: 9500,
    });
    expect(state.address).toBe(
      'http://seldon-model-example.default.svc.cluster.local:8000/api/v1.0/predictions',
    );
  });

  it('keeps replicas and traffic out of pod templates (no rollout when they change)', () => {
    const a = loadFixture('canary.yaml');
    const b = structuredClone(a);
    b.spec.predictors[0].traffic = 50;
    b.spec.predictors[1].traffic = 50;
    b.spec.predictors[0].replicas = 5;
    const templates = (s: SeldonDeployment) =>
      byKind(desiredState(s, config).objects, 'Deployment').map((d) =>
        JSON.stringify((d.spec as { template: unknown }).template),
      );
    expect(templates(b)).toEqual(templates(a));
    const replicas = byKind(desiredState(b, config).objects, 'Deployment').map(
      (d) => (d.spec as { replicas?: number }).replicas,
    );
    expect(replicas).toEqual([5, 1]);
  });

  it('keeps node parameters out of pod templates: a change rewrites only the graph ConfigMap', () => {
    const a = loadFixture('egreedy-router.yaml');
    const b = structuredClone(a);
    b.spec.predictors[0].graph.parameters![1].value = '0.0';
    b.spec.predictors[0].graph.children![0].parameters = [{ name: 'seed', type: 'INT', value: '7' }];
    const [before, after] = [a, b].map((s) => desiredState(s, config).objects);
    const templates = (objects: KubeObject[]) =>
      byKind(objects, 'Deployment').map((d) => (d.spec as { template: unknown }).template);
    expect(templates(after)).toEqual(templates(before));
    const data = (objects: KubeObject[]) =>
      (byKind(objects, 'ConfigMap')[0] as KubeObject & { data: Record<string, string> }).data;
    expect(JSON.parse(data(after)['parameters.eg-router.json'])[1]).toEqual({
      name: 'epsilon',
      value: '0.0',
      type: 'FLOAT',
    });
    expect(JSON.parse(data(after)['parameters.model-a.json'])).toEqual([
      { name: 'seed', type: 'INT', value: '7' },
    ]);
    expect(JSON.parse(data(before)['parameters.model-a.json'])).toEqual([]);
    const router = pod(byKind(after, 'Deployment')[0]).containers.find((c) => c.name === 'eg-router')!;
    expect(router.env).toEqual(
      expect.arrayContaining([
        {
          name: 'PREDICTIVE_UNIT_PARAMETERS',
          valueFrom: { configMapKeyRef: { name: 'egreedy-egreedy-graph', key: 'parameters.eg-router.json' } },
        },
        { name: 'PREDICTIVE_UNIT_PARAMETERS_FILE', value: '/etc/seldon/graph/parameters.eg-router.json' },
      ]),
    );
  });

  it('keeps a PREDICTIVE_UNIT_PARAMETERS the user set on the container', () => {
    const sdep = loadFixture('egreedy-router.yaml');
    const spec = sdep.spec.predictors[0].componentSpecs![0].spec!;
    spec.containers![0].env = [{ name: 'PREDICTIVE_UNIT_PARAMETERS', value: '[]' }];
    const objects = desiredState(sdep, config).objects;
    const router = pod(byKind(objects, 'Deployment')[0]).containers.find((c) => c.name === 'eg-router')!;
    expect(router.env!.filter((e) => e.name.startsWith('PREDICTIVE_UNIT_PARAMETERS'))).toEqual([
      { name: 'PREDICTIVE_UNIT_PARAMETERS', value: '[]' },
    ]);
    const cm = byKind(objects, 'ConfigMap')[0] as KubeObject & { data: Record<string, string> };
    expect(cm.data['parameters.eg-router.json']).toBeUndefined();
  });

  it("gives the engine --shutdown_delay=10s, or the operator's SELDON_ENGINE_SHUTDOWN_DELAY_SECONDS (0: none)", () => {
    const engineArgs = (extraEnv: Record<string, string>) =>
      pod(
        byKind(
          desiredState(loadFixture('minimal-model.yaml'), configFromEnv({ ...env, ...extraEnv })).objects,
          'Deployment',
        )[0],
      )
        .containers.find((c) => c.name === 'seldon-container-engine')!
        .args!.filter((a) => a.startsWith('--shutdown_delay'));
    expect(engineArgs({})).toEqual(['--shutdown_delay=10s']);
    expect(engineArgs({ SELDON_ENGINE_SHUTDOWN_DELAY_SECONDS: '25' })).toEqual(['--shutdown_delay=25s']);
    expect(engineArgs({ SELDON_ENGINE_SHUTDOWN_DELAY_SECONDS: '0' })).toEqual([]);
  });

  it('ENGINE_PREDICTOR env mode carries the predictor with traffic and replicas zeroed', () => {
    const envConfig = configFromEnv({ ...env, SELDON_ENGINE_GRAPH_DELIVERY: 'env' });
    const state = desiredState(loadFixture('canary.yaml'), envConfig);
    const engine = pod(byKind(state.objects, 'Deployment')[0]).containers.find(
      (c) => c.name === 'seldon-container-engine',
    )!;
    const value = engine.env!.find((e) => e.name === 'ENGINE_PREDICTOR')!.value!;
    const predictor = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
    expect(predictor.traffic).toBe(0);
    expect(predictor.replicas).toBe(0);
    expect(byKind(state.objects, 'ConfigMap')).toHaveLength(0);
  });

  it('leaves replicas to the HPA and converts v2beta1 metrics', () => {
    const state = desiredState(loadFixture('hpa-pdb.yaml'), config);
    const [dep] = byKind(state.objects, 'Deployment');
    expect((dep.spec as { replicas?: number }).replicas).toBeUndefined();
    const [hpa] = byKind(state.objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: dep.metadata.name },
      minReplicas: 1,
      maxReplicas: 3,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ],
    });
    expect(byKind(state.objects, 'PodDisruptionBudget')[0].spec).toEqual({
      minAvailable: 1,
      selector: { matchLabels: { 'seldon-deployment-id': 'hpa-pdb' } },
    });
    const engine = pod(dep).containers.find((c) => c.name === 'seldon-container-engine')!;
    expect(engine.env).toContainEqual({ name: 'LOG_LEVEL', value: 'DEBUG' });
  });

  it('gives the engine a payload-log spool on an emptyDir when a node logs, and nothing otherwise', () => {
    const engineOf = (sdep: SeldonDeployment) => {
      const dep = byKind(desiredState(sdep, config).objects, 'Deployment')[0]!;
      const spec = pod(dep) as ReturnType<typeof pod> & {
        volumes?: { name: string; emptyDir?: { sizeLimit?: string } }[];
      };
      const engine = spec.containers.find((c) => c.name === 'seldon-container-engine')! as {
        env?: { name: string; value?: string }[];
        volumeMounts?: { name: string; mountPath: string }[];
      };
      return { engine, volumes: spec.volumes ?? [] };
    };
    const plain = engineOf(loadFixture('minimal-model.yaml'));
    expect(plain.volumes.map((v) => v.name)).not.toContain('seldon-payload-spool');
    expect(plain.engine.env?.some((v) => v.name === 'LOGGER_SPOOL_DIR')).toBe(false);

    const logged = loadFixture('minimal-model.yaml');
    logged.spec.predictors[0]!.graph.logger = { mode: 'all', url: 'http://sink' };
    const { engine, volumes } = engineOf(logged);
    expect(engine.env).toContainEqual({ name: 'LOGGER_SPOOL_DIR', value: '/var/spool/seldon-payloads' });
    expect(engine.volumeMounts).toContainEqual({
      name: 'seldon-payload-spool',
      mountPath: '/var/spool/seldon-payloads',
    });
    expect(volumes).toContainEqual({ name: 'seldon-payload-spool', emptyDir: { sizeLimit: '1152Mi' } });

    // The user's own setting (here: spool off) wins and is not duplicated.
    logged.spec.predictors[0]!.svcOrchSpec = { env: [{ name: 'LOGGER_SPOOL_DIR', value: '' }] };
    const own = engineOf(logged).engine.env!.filter((v) => v.name === 'LOGGER_SPOOL_DIR');
    expect(own).toEqual([{ name: 'LOGGER_SPOOL_DIR', value: '' }]);
  });

  it('splits traffic and mirrors the shadow in the Istio VirtualService', () => {
    const vs = byKind(
      desiredState(loadFixture('shadow.yaml'), config).objects,
      'VirtualService',
    )[0] as KubeObject & { spec: { http: { route: { weight: number }[]; mirror?: { host: string } }[] } };
    expect(vs.spec.http[0].route).toHaveLength(1);
    expect(vs.spec.http[0].mirror?.host).toBe('example-shadow-shadow.default.svc.cluster.local');
    const canary = byKind(
      desiredState(loadFixture('canary.yaml'), config).objects,
      'VirtualService',
    )[0] as KubeObject & { spec: { http: { route: { weight: number }[] }[] } };
    expect(canary.spec.http[0].route.map((r) => r.weight)).toEqual([75, 25]);
  });

  it('adds the storage initializer for prepackaged servers', () => {
    const state = desiredState(loadFixture('sklearn-prepackaged.yaml'), config);
    const spec = pod(byKind(state.objects, 'Deployment')[0]) as unknown as {
      initContainers: { name: string; args: string[] }[];
      containers: { name: string; image: string }[];
    };
    expect(spec.initContainers[0].args[1]).toBe('/mnt/models');
    expect(spec.initContainers[0].name).toMatch(/-model-initializer$/);
  });

  it('passes S3 and GCS credentials from the service account Secrets to the storage initializer', () => {
    const state = desiredState(loadFixture('sklearn-prepackaged.yaml'), config, {
      serviceAccountSecrets: {
        default: [
          {
            name: 's3',
            keys: ['awsAccessKeyID', 'awsSecretAccessKey'],
            annotations: {
              'machinelearning.seldon.io/s3-endpoint': 'minio:9000',
              'machinelearning.seldon.io/s3-usehttps': '0',
            },
          },
          { name: 'gcs', keys: ['gcloud-application-credentials.json'], annotations: {} },
        ],
      },
    });
    const spec = pod(byKind(state.objects, 'Deployment')[0]) as unknown as {
      initContainers: { env: unknown[]; volumeMounts: { name: string }[] }[];
      volumes: { name: string }[];
    };
    expect(spec.initContainers[0].env).toEqual([
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 's3', key: 'awsAccessKeyID' } } },
      {
        name: 'AWS_SECRET_ACCESS_KEY',
        valueFrom: { secretKeyRef: { name: 's3', key: 'awsSecretAccessKey' } },
      },
      { name: 'S3_ENDPOINT', value: 'minio:9000' },
      { name: 'AWS_ENDPOINT_URL', value: 'http://minio:9000' },
      { name: 'S3_USE_HTTPS', value: '0' },
      { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/var/secrets/gcloud-application-credentials.json' },
    ]);
    expect(spec.volumes.map((v) => v.name)).toContain('user-gcp-sa');
    expect(spec.initContainers[0].volumeMounts.map((m) => m.name)).toContain('user-gcp-sa');
  });

  it('creates a separate svc-orch Deployment and an explainer', () => {
    const state = desiredState(loadFixture('explainer-separate-engine.yaml'), config);
    expect(state.deployments.map((d) => d.name).sort()).toEqual([
      'income-default-0-classifier',
      'income-default-explainer',
      'income-default-svc-orch',
    ]);
    expect(state.services.find((s) => s.explainerFor)?.name).toBe('income-default-explainer');
  });

  it('fails with SC_ERR_OPERATOR_NO_EXECUTOR_IMAGE when no engine image is configured', () => {
    const noImage = configFromEnv({});
    expect(() => desiredState(loadFixture('minimal-model.yaml'), noImage)).toThrow(OperatorError);
    try {
      desiredState(loadFixture('minimal-model.yaml'), noImage);
    } catch (err) {
      expect((err as OperatorError).code).toBe('SC_ERR_OPERATOR_NO_EXECUTOR_IMAGE');
      expect((err as Error).message).toContain('EXECUTOR_CONTAINER_IMAGE_AND_VERSION');
    }
  });

  it('rejects a non-integer logger queue annotation with a clear error', () => {
    const sdep = loadFixture('minimal-model.yaml');
    sdep.spec.annotations = { 'seldon.io/executor-logger-queue-size': 'lots' };
    expect(() => desiredState(sdep, config)).toThrow(
      'annotation seldon.io/executor-logger-queue-size="lots" must be an integer',
    );
  });

  it('converts Pods metrics of v2beta1', () => {
    expect(convertHpaMetric({ type: 'Pods', pods: { metricName: 'rps', targetAverageValue: '10' } })).toEqual(
      {
        type: 'Pods',
        pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '10' } },
      },
    );
  });
});
