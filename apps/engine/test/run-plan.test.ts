import { describe, it, expect, jest } from '@jest/globals';
import { resolve } from 'node:path';
import { parseLocalComponent } from '../src/run/local-component.js';
import { parseRunArgs } from '../src/run/options.js';
import { parseManifest, validateManifest, defaultManifest } from '../src/run/manifest.js';
import {
  planDeployment,
  applyEndpoints,
  componentEnv,
  engineInvocation,
  annotationsFileText,
  predictionPath,
} from '../src/run/plan.js';
import { resolveEngineConfig } from '../src/run/engine-adapter.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const CANARY = `
apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: shop
  annotations:
    seldon.io/local-classifier: "module:./classifier.ts"
    seldon.io/local-request: '{"data":{"ndarray":[[9]]}}'
spec:
  annotations:
    seldon.io/engine-seldon-enable-routing-injection: "true"
    seldon.io/rest-timeout: "1500"
  predictors:
  - name: main
    traffic: 75
    graph:
      name: ab
      implementation: RANDOM_ABTEST
      children:
      - name: classifier
        type: MODEL
        parameters: [{name: threshold, type: FLOAT, value: "0.5"}]
      - name: legacy
        type: MODEL
    componentSpecs:
    - metadata:
        annotations:
          seldon.io/local-legacy: "url:http://127.0.0.1:9100,grpc://127.0.0.1:9600"
      spec:
        containers:
        - name: classifier
          image: example/classifier:1
          env: [{name: MODE, value: fast}, {name: SECRET, valueFrom: {secretKeyRef: {name: s, key: k}}}]
        - name: legacy
          image: example/legacy:1
    svcOrchSpec:
      env: [{name: SELDON_LOG_LEVEL, value: DEBUG}]
  - name: canary
    traffic: 25
    annotations:
      seldon.io/local-classifier: "process:./classifier-v2.ts:Classifier"
    graph: {name: classifier, type: MODEL}
    componentSpecs:
    - spec:
        containers: [{name: classifier, image: example/classifier:2}]
`;

describe('run: local component annotations', () => {
  it('parses every kind', () => {
    expect(parseLocalComponent('module:./m.ts', '/srv', 'x')).toEqual({
      kind: 'module',
      modulePath: '/srv/m.ts',
      exportName: undefined,
      isolation: 'inprocess',
      source: 'module:./m.ts',
    });
    expect(parseLocalComponent('process: lib/router.mjs:EGreedy', '/srv', 'x')).toMatchObject({
      kind: 'module',
      modulePath: '/srv/lib/router.mjs',
      exportName: 'EGreedy',
      isolation: 'process',
    });
    const url = parseLocalComponent('url:http://127.0.0.1:9000,grpc://localhost:9500', '/srv', 'x');
    expect(url).toMatchObject({ kind: 'url', grpcAddress: { host: 'localhost', port: 9500 } });
    expect(url.kind === 'url' && url.httpUrl?.port).toBe('9000');
    expect(parseLocalComponent('command:python model.py --port {httpPort}', '/srv', 'x')).toEqual({
      kind: 'command',
      command: 'python model.py --port {httpPort}',
      cwd: '/srv',
      source: 'command:python model.py --port {httpPort}',
    });
  });

  it.each([
    ['docker:seldonio/x', 'unknown kind "docker"'],
    ['module:./model.py', 'must be a .ts/.mts/.js/.mjs/.cjs file'],
    ['url:ftp://host:1', 'must start with http://, https:// or grpc://'],
    ['url:grpc://host', 'needs a port'],
    ['command:', 'the command is empty'],
  ])('refuses %s naming the problem', (value, why) => {
    expect(() => parseLocalComponent(value, '/srv', 'predictor "p" container "c"')).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_ENGINE_RUN_COMPONENT',
        message: expect.stringMatching(
          new RegExp(`^predictor "p" container "c": .*${why.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
        ),
      }),
    );
  });
});

describe('run: arguments', () => {
  it('parses flags in both spellings and repeatable --component', () => {
    expect(
      parseRunArgs([
        'sdep.yaml',
        '--http-port',
        '0',
        '--grpc_port=0',
        '--component',
        'a=module:./a.ts',
        '--component=b=url:http://127.0.0.1:1',
        '--watch',
        '--isolation',
        'process',
        '--kafka-broker',
        '127.0.0.1:9092',
      ]),
    ).toEqual({
      manifestPath: 'sdep.yaml',
      httpPort: 0,
      grpcPort: 0,
      components: { a: 'module:./a.ts', b: 'url:http://127.0.0.1:1' },
      watch: true,
      isolation: 'process',
      kafkaBroker: '127.0.0.1:9092',
    });
    expect(parseRunArgs(['--help'])).toBe('help');
  });

  it.each([
    [['a.yaml', '--http-port', '70000'], '--http-port expects an integer in [0, 65535], got "70000"'],
    [['a.yaml', '--nope'], 'unknown option --nope'],
    [[], 'missing the SeldonDeployment manifest'],
    [['a.yaml', 'b.yaml'], 'expected one manifest, got 2'],
    [['a.yaml', '--isolation', 'docker'], '--isolation expects inprocess or process'],
    [['a.yaml', '--component', 'nothing'], '--component expects <container>=<spec>'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseRunArgs(argv)).toThrow(
      expect.objectContaining({ code: 'SC_ERR_ENGINE_RUN_USAGE', message: expect.stringContaining(message) }),
    );
  });
});

describe('run: plan', () => {
  const sdep = parseManifest(CANARY, 'canary.yaml');
  validateManifest(sdep, 'canary.yaml');
  const plan = planDeployment(defaultManifest(sdep, 'default'), {
    baseDir: '/srv',
    namespace: 'default',
    overrides: {},
  });

  it('maps each container of each predictor to its local component, most specific annotation first', () => {
    expect(plan.name).toBe('shop');
    expect(plan.namespace).toBe('default');
    expect(plan.predictors.map((p) => [p.name, p.traffic, p.shadow])).toEqual([
      ['main', 75, false],
      ['canary', 25, false],
    ]);
    const [main, canary] = plan.predictors;
    // RANDOM_ABTEST is built into the engine: no component.
    expect(main.nodes.map((n) => [n.name, n.component.kind, n.serviceType])).toEqual([
      ['classifier', 'module', 'MODEL'],
      ['legacy', 'url', 'MODEL'],
    ]);
    expect(main.nodes[0].component).toMatchObject({
      modulePath: '/srv/classifier.ts',
      isolation: 'inprocess',
    });
    expect(canary.nodes[0].component).toMatchObject({
      modulePath: '/srv/classifier-v2.ts',
      exportName: 'Classifier',
      isolation: 'process',
    });
    expect(plan.exampleRequest).toBe('{"data":{"ndarray":[[9]]}}');
    expect(predictionPath(plan)).toBe('/api/v1.0/predictions');
    expect(plan.warnings).toEqual([
      'predictor "main" node "classifier": env SECRET uses valueFrom, which has no local equivalent; skipped',
    ]);
  });

  it('gives components the environment the operator gives their containers', () => {
    const [main] = plan.predictors;
    const env = componentEnv(plan, main, main.nodes[0], {
      httpPort: 1001,
      grpcPort: 1002,
      metricsPort: 1003,
    });
    expect(env).toMatchObject({
      MODE: 'fast',
      PREDICTIVE_UNIT_SERVICE_PORT: '1001',
      PREDICTIVE_UNIT_HTTP_SERVICE_PORT: '1001',
      PREDICTIVE_UNIT_GRPC_SERVICE_PORT: '1002',
      PREDICTIVE_UNIT_METRICS_SERVICE_PORT: '1003',
      PREDICTIVE_UNIT_ID: 'classifier',
      PREDICTIVE_UNIT_IMAGE: 'example/classifier:1',
      PREDICTIVE_UNIT_PARAMETERS: '[{"name":"threshold","type":"FLOAT","value":"0.5"}]',
      PREDICTOR_ID: 'main',
      SELDON_DEPLOYMENT_ID: 'shop',
    });
    expect(env.SECRET).toBeUndefined();
  });

  it('builds the engine invocation the operator would: flags, ENGINE_PREDICTOR, engine env and pod annotations', () => {
    // Clone only the spec this test mutates: the plan's components are not cloneable data
    // (Node 24's structuredClone refuses them).
    const main = { ...plan.predictors[0], predictor: structuredClone(plan.predictors[0].predictor) };
    applyEndpoints(
      main.predictor,
      new Map([
        ['classifier', { host: '127.0.0.1', httpPort: 1001, grpcPort: 1002 }],
        ['legacy', { host: '127.0.0.1', httpPort: 9100, grpcPort: 9600 }],
      ]),
      plan.transport,
    );
    const inv = engineInvocation(plan, main, {
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      gracefulTimeoutMs: 5000,
    });
    expect(inv.env.SELDON_ENABLE_ROUTING_INJECTION).toBe('true');
    expect(inv.env.SELDON_LOG_LEVEL).toBe('DEBUG');
    const predictor = JSON.parse(Buffer.from(inv.env.ENGINE_PREDICTOR, 'base64').toString());
    expect(predictor.traffic).toBe(0);
    expect(predictor.graph.children[0].endpoint).toMatchObject({
      service_host: '127.0.0.1',
      service_port: 1001,
      httpPort: 1001,
      grpcPort: 1002,
    });
    const annotations = annotationsFileText(main);
    expect(annotations).toContain('seldon.io/rest-timeout="1500"');
    expect(annotations).not.toContain('seldon.io/local-');

    const config = resolveEngineConfig({
      ...inv,
      annotationsText: annotations,
      inProcess: {},
      log: () => undefined,
    });
    expect(config).toMatchObject({
      deploymentName: 'shop',
      namespace: 'default',
      predictorName: 'main',
      httpPort: 0,
      grpcPort: 0,
      protocol: 'seldon',
      transport: 'rest',
      serverType: 'rpc',
      prometheusPath: '/prometheus',
      routingInjection: true,
      restTimeoutMs: 1500,
      gracefulTimeoutMs: 5000,
    });
  });

  it('names the node and the fix when a container has no local component', () => {
    const bare = parseManifest(
      CANARY.replace('seldon.io/local-classifier: "module:./classifier.ts"', 'x: y'),
      'c.yaml',
    );
    expect(() => planDeployment(bare, { baseDir: '/srv', namespace: 'default', overrides: {} })).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_ENGINE_RUN_COMPONENT',
        message:
          'predictor "main" node "classifier" has no local component: add the annotation ' +
          'seldon.io/local-classifier: "module:./classifier.ts" to metadata.annotations (or url:/command:), ' +
          'or pass --component classifier=module:./classifier.ts',
      }),
    );
    // A --component override fills the gap and is relative to the current directory.
    const planned = planDeployment(bare, {
      baseDir: '/srv',
      namespace: 'default',
      overrides: { classifier: 'process:./c.ts' },
    });
    expect(planned.predictors[0].nodes[0].component).toMatchObject({
      modulePath: resolve('c.ts'),
      isolation: 'process',
    });
    expect(() =>
      planDeployment(bare, {
        baseDir: '/srv',
        namespace: 'default',
        overrides: { clasifier: 'module:./c.ts', classifier: 'module:./c.ts' },
      }),
    ).toThrow('--component clasifier=…: no graph node is named "clasifier"');
  });

  it("refuses an invalid SeldonDeployment with the webhook's messages", () => {
    const bad = parseManifest(CANARY.replace('traffic: 25', 'traffic: 20'), 'bad.yaml');
    expect(() => validateManifest(bad, 'bad.yaml')).toThrow(
      expect.objectContaining({
        code: 'SC_ERR_ENGINE_RUN_INVALID',
        message: expect.stringContaining('Traffic must sum to 100 for multiple predictors'),
      }),
    );
  });

  it('uses --kafka-broker over KAFKA_BROKER of svcOrchSpec.env', () => {
    const kafka = parseManifest(
      `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: {name: k, annotations: {seldon.io/local-m: "module:./m.ts"}}
spec:
  serverType: kafka
  predictors:
  - name: default
    graph: {name: m, type: MODEL}
    componentSpecs: [{spec: {containers: [{name: m, image: x}]}}]
    svcOrchSpec:
      env: [{name: KAFKA_BROKER, value: "kafka:9092"}, {name: KAFKA_INPUT_TOPIC, value: in}, {name: KAFKA_OUTPUT_TOPIC, value: out}]
`,
      'k.yaml',
    );
    validateManifest(kafka, 'k.yaml');
    const p = planDeployment(kafka, {
      baseDir: '/srv',
      namespace: 'default',
      overrides: {},
      kafkaBroker: '127.0.0.1:1234',
    });
    expect(p.predictors[0].engineEnv).toEqual({
      KAFKA_BROKER: '127.0.0.1:1234',
      KAFKA_INPUT_TOPIC: 'in',
      KAFKA_OUTPUT_TOPIC: 'out',
    });
    expect(p.warnings).toEqual([]);
    // Without the flag the cluster's broker is used, and the user is told how to change it.
    const cluster = planDeployment(kafka, { baseDir: '/srv', namespace: 'default', overrides: {} });
    expect(cluster.predictors[0].engineEnv.KAFKA_BROKER).toBe('kafka:9092');
    expect(cluster.warnings).toEqual([
      'serverType kafka: using KAFKA_BROKER=kafka:9092 from svcOrchSpec.env; pass --kafka-broker HOST:PORT to use a broker on this machine',
    ]);
  });

  it('warns that module components speak only the Seldon protocol under protocol v2', () => {
    const v2 = parseManifest(
      `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: {name: v2, annotations: {seldon.io/local-m: "module:./m.ts", seldon.io/local-t: "url:http://127.0.0.1:8080"}}
spec:
  protocol: v2
  predictors:
  - name: default
    graph: {name: m, type: MODEL, children: [{name: t, type: MODEL}]}
    componentSpecs: [{spec: {containers: [{name: m, image: x}, {name: t, image: y}]}}]
`,
      'v2.yaml',
    );
    const p = planDeployment(v2, { baseDir: '/srv', namespace: 'default', overrides: {} });
    expect(p.warnings).toEqual([
      'protocol v2: module components (m) are served by the model wrapper, which speaks the Seldon protocol only; ' +
        'use url: or command: for servers that speak v2',
    ]);
    expect(predictionPath(p)).toBe('/v2/models/m/infer');
    expect(p.exampleRequest).toContain('"inputs"');
  });
});
