import { describe, it, expect } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import type { SeldonDeployment } from '@seldon-ts/crd-types';
import { loadFixture } from './helpers/fixtures.js';
import { configFromEnv, desiredState, OperatorError, type KubeObject } from '@seldon-ts/operator';

const base = {
  EXECUTOR_CONTAINER_IMAGE_AND_VERSION: 'seldonio/seldon-ts-engine:0.1.0',
  AMBASSADOR_ENABLED: 'true',
};
const v1 = configFromEnv({ ...base, AMBASSADOR_VERSION: 'v1' });
const v1Single = configFromEnv({ ...base, AMBASSADOR_VERSION: 'v1', AMBASSADOR_SINGLE_NAMESPACE: 'true' });
const v2 = configFromEnv({ ...base, AMBASSADOR_VERSION: 'v2' });
const v2Single = configFromEnv({ ...base, AMBASSADOR_VERSION: 'v2', AMBASSADOR_SINGLE_NAMESPACE: 'true' });

type Doc = Record<string, unknown>;
const service = (objects: KubeObject[], name: string) =>
  objects.find((o) => o.kind === 'Service' && o.metadata.name === name)!;
/** The YAML documents of a Service's `getambassador.io/config` annotation. */
const v1Docs = (objects: KubeObject[], svc: string): Doc[] => {
  const text = service(objects, svc).metadata.annotations!['getambassador.io/config'];
  expect(text.startsWith('---\n')).toBe(true);
  return parseAllDocuments(text).map((d) => d.toJSON() as Doc);
};
const byName = (docs: Doc[], name: string) => docs.find((d) => d.name === name)!;
const mapping = (objects: KubeObject[], name: string) =>
  objects.find((o) => o.kind === 'Mapping' && o.metadata.name === name)!.spec as Doc;
const withAnnotations = (file: string, annotations: Record<string, string>): SeldonDeployment => {
  const sdep = loadFixture(file);
  sdep.spec.annotations = { ...(sdep.spec.annotations ?? {}), ...annotations };
  return sdep;
};

describe('Ambassador v1: getambassador.io/config on the predictor Service', () => {
  it('writes the REST and gRPC Mappings of 07 §8.2 (first predictor without weight, canary with)', () => {
    const { objects } = desiredState(loadFixture('canary.yaml'), v1);
    const main = v1Docs(objects, 'example-canary-main');
    expect(main).toEqual([
      {
        apiVersion: 'ambassador/v1',
        kind: 'Mapping',
        name: 'seldon_default_example-canary_main_rest_mapping',
        prefix: '/seldon/default/example-canary/',
        rewrite: '/',
        service: 'example-canary-main.default:8000',
        timeout_ms: 3000,
      },
      {
        apiVersion: 'ambassador/v1',
        kind: 'Mapping',
        name: 'seldon_default_example-canary_main_grpc_mapping',
        grpc: true,
        prefix: '/(seldon.protos.*|tensorflow.serving.*|inference.*)/.*',
        prefix_regex: true,
        rewrite: '',
        service: 'example-canary-main.default:5001',
        timeout_ms: 3000,
        headers: { seldon: 'example-canary', namespace: 'default' },
      },
    ]);
    const canary = v1Docs(objects, 'example-canary-canary');
    expect(canary.map((d) => d.weight)).toEqual([25, 25]);
    expect(objects.some((o) => o.kind === 'Mapping')).toBe(false);
  });

  it('applies retries, timeouts, ids, headers, regex headers and circuit breakers', () => {
    const sdep = withAnnotations('minimal-model.yaml', {
      'seldon.io/rest-timeout': '400000',
      'seldon.io/grpc-timeout': '5000',
      'seldon.io/ambassador-retries': '2',
      'seldon.io/ambassador-id': 'blue',
      'seldon.io/ambassador-service-name': 'public',
      'seldon.io/ambassador-header': 'location: london',
      'seldon.io/ambassador-regex-header': 'user:^a.*',
      'seldon.io/ambassador-circuit-breakers-max-connections': '200',
      'seldon.io/ambassador-circuit-breakers-max-pending-requests': '100',
      'seldon.io/ambassador-circuit-breakers-max-requests': '300',
      'seldon.io/ambassador-circuit-breakers-max-retries': '4',
    });
    const { objects } = desiredState(sdep, v1);
    const svc = objects.find(
      (o) => o.kind === 'Service' && o.metadata.annotations?.['getambassador.io/config'],
    )!;
    const docs = v1Docs(objects, svc.metadata.name!);
    const rest = docs.find((d) => String(d.name).endsWith('_rest_mapping'))!;
    const grpc = docs.find((d) => String(d.name).endsWith('_grpc_mapping'))!;
    const circuit = [{ max_connections: 200, max_pending_requests: 100, max_requests: 300, max_retries: 4 }];
    expect(rest).toMatchObject({
      prefix: '/seldon/default/public/',
      timeout_ms: 400000,
      idle_timeout_ms: 400000,
      retry_policy: { retry_on: 'gateway-error', num_retries: 2 },
      ambassador_id: 'blue',
      headers: { location: 'london' },
      regex_headers: { user: '^a.*' },
      circuit_breakers: circuit,
    });
    expect(grpc).toMatchObject({
      timeout_ms: 5000,
      headers: { seldon: 'public', namespace: 'default', location: 'london' },
      regex_headers: { user: '^a.*' },
      circuit_breakers: circuit,
    });
    expect(grpc.idle_timeout_ms).toBeUndefined();
  });

  it('adds a TLSContext per scope when the predictor serves TLS, referenced by its Mappings', () => {
    const sdep = loadFixture('minimal-model.yaml');
    sdep.spec.predictors[0].ssl = { certSecretName: 'model-tls' };
    const { objects } = desiredState(sdep, v1Single);
    const svc = objects.find(
      (o) => o.kind === 'Service' && o.metadata.annotations?.['getambassador.io/config'],
    )!;
    const docs = v1Docs(objects, svc.metadata.name!);
    const [name, predictor] = [sdep.metadata.name!, sdep.spec.predictors[0].name];
    expect(docs.map((d) => d.name)).toEqual([
      `seldon_default_${name}_${predictor}_rest_mapping`,
      `seldon_default_${name}_${predictor}_grpc_mapping`,
      `seldon_default_${name}_${predictor}_tls_config`,
      `seldon_${name}_${predictor}_rest_mapping`,
      `seldon_${name}_${predictor}_grpc_mapping`,
      `seldon_${name}_${predictor}_tls_config`,
    ]);
    expect(byName(docs, `seldon_default_${name}_${predictor}_tls_config`)).toEqual({
      apiVersion: 'ambassador/v1',
      kind: 'TLSContext',
      name: `seldon_default_${name}_${predictor}_tls_config`,
      hosts: [],
      secret: 'model-tls',
    });
    expect(byName(docs, `seldon_default_${name}_${predictor}_rest_mapping`).tls).toBe(
      `seldon_default_${name}_${predictor}_tls_config`,
    );
    expect(byName(docs, `seldon_${name}_${predictor}_grpc_mapping`)).toMatchObject({
      tls: `seldon_${name}_${predictor}_tls_config`,
      headers: { seldon: name },
    });
    expect(byName(docs, `seldon_${name}_${predictor}_rest_mapping`).prefix).toBe(`/seldon/${name}/`);
  });

  it('routes the explainer over REST only, on its own prefix, without weight or shadow', () => {
    const sdep = loadFixture('explainer-separate-engine.yaml');
    const { objects } = desiredState(sdep, v1);
    expect(v1Docs(objects, 'income-default-explainer')).toEqual([
      {
        apiVersion: 'ambassador/v1',
        kind: 'Mapping',
        name: 'seldon_default_income_default-explainer_rest_mapping',
        prefix: '/seldon/default/income-explainer/default/',
        rewrite: '/',
        service: 'income-default-explainer.default:9000',
        timeout_ms: 3000,
      },
    ]);
  });

  it('uses seldon.io/ambassador-config verbatim', () => {
    const custom =
      '---\napiVersion: ambassador/v1\nkind: Mapping\nname: mine\nprefix: /x/\nservice: y:8000\n';
    const { objects } = desiredState(
      withAnnotations('minimal-model.yaml', { 'seldon.io/ambassador-config': custom }),
      v1,
    );
    const svc = objects.find(
      (o) => o.kind === 'Service' && o.metadata.annotations?.['getambassador.io/config'],
    )!;
    expect(svc.metadata.annotations!['getambassador.io/config']).toBe(custom);
  });
});

describe('Ambassador v2: Mapping and TLSContext objects', () => {
  it('creates a TLSContext object for a TLS predictor and carries circuit breakers and regex headers', () => {
    const sdep = withAnnotations('canary.yaml', {
      'seldon.io/ambassador-circuit-breakers-max-connections': '10',
      'seldon.io/ambassador-regex-header': 'x-user:^b.*',
      'seldon.io/ambassador-header': 'x-canary',
      'seldon.io/ambassador-id': 'blue',
    });
    sdep.spec.predictors[1].ssl = { certSecretName: 'canary-tls' };
    const { objects } = desiredState(sdep, v2);
    const tls = objects.filter((o) => o.kind === 'TLSContext');
    expect(tls.map((o) => [o.apiVersion, o.metadata.name, o.spec])).toEqual([
      [
        'getambassador.io/v2',
        'seldon-default-example-canary-canary-tls',
        { hosts: [], secret: 'canary-tls', ambassador_id: ['blue'] },
      ],
    ]);
    expect(tls[0].metadata.ownerReferences?.[0].kind).toBe('SeldonDeployment');
    const rest = mapping(objects, 'seldon-default-example-canary-canary-rest');
    expect(rest).toMatchObject({
      tls: 'seldon-default-example-canary-canary-tls',
      weight: 25,
      headers: { 'x-canary': true },
      regex_headers: { 'x-user': '^b.*' },
      circuit_breakers: [{ max_connections: 10 }],
      ambassador_id: ['blue'],
    });
    const mainGrpc = mapping(objects, 'seldon-default-example-canary-main-grpc');
    expect(mainGrpc.tls).toBeUndefined();
    expect(mainGrpc.weight).toBeUndefined();
    expect(mainGrpc.circuit_breakers).toEqual([{ max_connections: 10 }]);
  });

  it('adds the non-namespaced Mappings with AMBASSADOR_SINGLE_NAMESPACE and names the explainer Mapping -rest', () => {
    const sdep = withAnnotations('explainer-separate-engine.yaml', {
      'seldon.io/ambassador-service-name': 'pub',
    });
    const { objects } = desiredState(sdep, v2Single);
    const names = objects.filter((o) => o.kind === 'Mapping').map((o) => o.metadata.name);
    expect(names).toEqual([
      'seldon-default-income-default-rest',
      'seldon-default-income-default-grpc',
      'seldon-income-default-rest',
      'seldon-income-default-grpc',
      'seldon-default-income-default-explainer-rest',
      'seldon-income-default-explainer-rest',
    ]);
    expect(mapping(objects, 'seldon-income-default-rest').prefix).toBe('/seldon/pub/');
    expect(mapping(objects, 'seldon-income-default-grpc').headers).toEqual({ seldon: 'pub' });
    expect(mapping(objects, 'seldon-default-income-default-explainer-rest').prefix).toBe(
      '/seldon/default/pub-explainer/default/',
    );
  });
});

describe('Ambassador annotations: bad values are refused with the annotation named', () => {
  const cases: [string, string, string][] = [
    ['seldon.io/ambassador-circuit-breakers-max-requests', 'many', 'must be an integer'],
    ['seldon.io/ambassador-retries', 'x', 'must be an integer'],
    ['seldon.io/ambassador-regex-header', 'x-user', 'must be "<header>:<regex>"'],
    ['seldon.io/ambassador-header', ':v', 'must be "<header>:<value>"'],
  ];
  for (const [key, value, message] of cases) {
    it(`${key}="${value}"`, () => {
      for (const config of [v1, v2]) {
        const sdep = withAnnotations('minimal-model.yaml', { [key]: value });
        let caught: unknown;
        try {
          desiredState(sdep, config);
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(OperatorError);
        expect((caught as OperatorError).code).toBe('SC_ERR_OPERATOR_BAD_ANNOTATION');
        expect((caught as Error).message).toContain(`annotation ${key}="${value}" ${message}`);
      }
    });
  }
});

describe('explainer decisions (07 §6, §3.1)', () => {
  it('creates only the HTTP VirtualService for an explainer: it serves no gRPC', () => {
    const istio = configFromEnv({ ...base, ISTIO_ENABLED: 'true' });
    const { objects } = desiredState(loadFixture('explainer-separate-engine.yaml'), istio);
    const names = objects.filter((o) => o.kind === 'VirtualService').map((o) => o.metadata.name);
    expect(names).toContain('income-default-explainer-http');
    expect(names).not.toContain('income-default-explainer-grpc');
  });

  it('labels only the explainer Deployment with seldon.io/explainer, never a model Deployment', () => {
    const { objects } = desiredState(loadFixture('explainer-separate-engine.yaml'), v2);
    const labelled = objects
      .filter((o) => o.kind === 'Deployment' && o.metadata.labels?.['seldon.io/explainer'] === 'true')
      .map((o) => o.metadata.name);
    expect(labelled).toEqual(['income-default-explainer']);
  });
});
