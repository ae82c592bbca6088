// Defaulting (06 §8): specific behaviours, then idempotence and purity as properties.
import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  CrdError,
  defaultSeldonDeployment,
  validateSeldonDeployment,
  type Container,
  type PredictiveUnit,
  type PredictorSpec,
  type SeldonDeployment,
} from '@seldon-ts/crd-types';

function sdep(
  spec: SeldonDeployment['spec'],
  metadata: SeldonDeployment['metadata'] = { name: 'dep' },
): SeldonDeployment {
  return { apiVersion: 'machinelearning.seldon.io/v1', kind: 'SeldonDeployment', metadata, spec };
}

describe('defaultSeldonDeployment', () => {
  it('sets types from implementations and fills namespace and version label', () => {
    const d = defaultSeldonDeployment(
      sdep({
        predictors: [
          {
            name: 'p',
            labels: { version: 'v7' },
            componentSpecs: [{ spec: { containers: [{ name: 'r', image: 'x' }] } }],
            graph: {
              name: 'r',
              type: 'ROUTER',
              children: [
                { name: 'm', implementation: 'SIMPLE_MODEL' },
                { name: 'sk', implementation: 'SKLEARN_SERVER', type: 'TRANSFORMER', modelUri: 'gs://m' },
                { name: 'meth', methods: ['TRANSFORM_INPUT'] },
              ],
            },
          },
        ],
      }),
    );
    expect(d.metadata.namespace).toBe('default');
    const p = d.spec.predictors[0];
    expect(p.labels).toEqual({ version: 'v7' });
    const [m, sk, meth] = p.graph.children as PredictiveUnit[];
    expect(p.graph).toMatchObject({ type: 'ROUTER', implementation: 'UNKNOWN_IMPLEMENTATION' });
    expect(m).toEqual({ name: 'm', implementation: 'SIMPLE_MODEL' });
    expect(sk.type).toBe('MODEL');
    expect(meth).toMatchObject({ implementation: 'UNKNOWN_IMPLEMENTATION', methods: ['TRANSFORM_INPUT'] });
    expect(meth.type).toBeUndefined();
  });

  it('shares ports by container name across predictors and honours http/grpc/metrics ports', () => {
    const container = (name: string, extra: Partial<Container> = {}): Container => ({
      name,
      image: 'img',
      ...extra,
    });
    const d = defaultSeldonDeployment(
      sdep(
        {
          transport: 'grpc',
          predictors: [
            {
              name: 'a',
              traffic: 50,
              componentSpecs: [
                {
                  spec: {
                    containers: [
                      container('x', {
                        ports: [
                          { name: 'http', containerPort: 8080 },
                          { name: 'metrics', containerPort: 7000 },
                        ],
                      }),
                      container('y'),
                    ],
                  },
                },
                {
                  spec: {
                    containers: [
                      container('z', { volumeMounts: [{ name: 'podinfo', mountPath: '/etc/podinfo' }] }),
                    ],
                  },
                },
              ],
              graph: { name: 'x', children: [{ name: 'y' }, { name: 'z' }] },
            },
            {
              name: 'b',
              traffic: 50,
              componentSpecs: [{ spec: { containers: [container('y')] } }],
              graph: { name: 'y' },
            },
          ],
        },
        { name: 'dep', namespace: 'ns' },
      ),
    );
    const [a, b] = d.spec.predictors;
    const [y, z] = a.graph.children as PredictiveUnit[];
    expect(a.graph.endpoint).toEqual({
      service_host: 'localhost',
      service_port: 9500,
      httpPort: 8080,
      grpcPort: 9500,
    });
    expect(y.endpoint).toEqual({
      service_host: 'localhost',
      service_port: 9501,
      httpPort: 9001,
      grpcPort: 9501,
    });
    expect(z.endpoint).toEqual({
      service_host: 'dep-a-z.ns.svc.cluster.local',
      service_port: 9502,
      httpPort: 9002,
      grpcPort: 9502,
    });
    expect(b.graph.endpoint).toEqual({
      service_host: 'localhost',
      service_port: 9501,
      httpPort: 9001,
      grpcPort: 9501,
    });
    const containers = a.componentSpecs?.flatMap((c) => c.spec?.containers ?? []) ?? [];
    expect(containers.map((c) => c.ports?.find((p) => p.name === 'metrics')?.containerPort)).toEqual([
      7000, 6000, 6001,
    ]);
    expect(containers[2].volumeMounts).toEqual([{ name: 'seldon-podinfo', mountPath: '/etc/podinfo' }]);
    expect(b.componentSpecs?.[0].spec?.containers?.[0].ports).toEqual([
      { name: 'metrics', containerPort: 6002, protocol: 'TCP' },
    ]);
  });

  it('uses cluster DNS for every node when the engine runs in its own pod', () => {
    const d = defaultSeldonDeployment(
      sdep({
        annotations: { 'seldon.io/engine-separate-pod': 'true' },
        predictors: [
          {
            name: 'p',
            componentSpecs: [{ spec: { containers: [{ name: 'm', image: 'i' }] } }],
            graph: { name: 'm' },
          },
        ],
      }),
    );
    expect(d.spec.predictors[0].graph.endpoint?.service_host).toBe('dep-p-m.default.svc.cluster.local');
  });

  it('applies the options (ports, metrics port name, namespace, servers, timestamp)', () => {
    const d = defaultSeldonDeployment(
      sdep({
        protocol: 'v2',
        predictors: [
          { name: 'p', graph: { name: 'sk', implementation: 'SKLEARN_SERVER', modelUri: 'gs://m' } },
        ],
      }),
      {
        httpPortStart: 7000,
        grpcPortStart: 7500,
        metricsPortStart: 5000,
        metricsPortName: 'prom',
        defaultNamespace: 'team',
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
    );
    const spec = d.spec.predictors[0].componentSpecs?.[0];
    expect(d.metadata.namespace).toBe('team');
    expect(spec?.metadata).toEqual({ creationTimestamp: '2026-01-01T00:00:00Z' });
    expect(spec?.spec?.containers?.[0]).toMatchObject({
      name: 'sk',
      image: 'seldonio/mlserver:1.3.5-sklearn',
      ports: [{ name: 'prom', containerPort: 5000, protocol: 'TCP' }],
    });
    expect(d.spec.predictors[0].graph.endpoint).toMatchObject({ httpPort: 7000, grpcPort: 7500 });
  });

  it('leaves the image empty for tensorflow protocol and for servers without a protocol entry', () => {
    const tf = defaultSeldonDeployment(
      sdep({
        protocol: 'tensorflow',
        predictors: [
          { name: 'p', graph: { name: 't', implementation: 'TENSORFLOW_SERVER', modelUri: 'gs://m' } },
        ],
      }),
    );
    expect(tf.spec.predictors[0].componentSpecs?.[0].spec?.containers?.[0].image).toBeUndefined();
    const triton = defaultSeldonDeployment(
      sdep({
        predictors: [
          { name: 'p', graph: { name: 't', implementation: 'TRITON_SERVER', modelUri: 'gs://m' } },
        ],
      }),
    );
    expect(triton.spec.predictors[0].componentSpecs?.[0].spec?.containers?.[0].image).toBeUndefined();
  });

  it('refuses a too-deep graph with a CrdError', () => {
    let graph: PredictiveUnit = { name: 'leaf', implementation: 'SIMPLE_MODEL' };
    for (let i = 0; i < 70; i++) graph = { name: `n${i}`, implementation: 'SIMPLE_MODEL', children: [graph] };
    expect(() => defaultSeldonDeployment(sdep({ predictors: [{ name: 'p', graph }] }))).toThrow(
      expect.objectContaining({ code: 'SC_ERR_CRD_GRAPH_TOO_DEEP', path: 'spec.predictors[0].graph' }),
    );
  });

  it('rejects structurally invalid input with a CrdError instead of crashing', () => {
    expect(() =>
      defaultSeldonDeployment({ spec: { predictors: [{ name: 'p' }] } } as unknown as SeldonDeployment),
    ).toThrow(CrdError);
    expect(() =>
      defaultSeldonDeployment({ spec: { predictors: 'x' } } as unknown as SeldonDeployment),
    ).toThrow(expect.objectContaining({ code: 'SC_ERR_CRD_SCHEMA', path: 'spec.predictors' }));
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated deployments.
// ---------------------------------------------------------------------------------------------

const nodeNames = ['a', 'b', 'c', 'sk', 'tf'];
const implementations = [
  undefined,
  undefined,
  'UNKNOWN_IMPLEMENTATION',
  'SIMPLE_MODEL',
  'SKLEARN_SERVER',
  'TRITON_SERVER',
  'TENSORFLOW_SERVER',
  'MY_SERVER',
  '',
];
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

function strip<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const nodeArb: fc.Arbitrary<PredictiveUnit> = fc.letrec<{ node: PredictiveUnit }>((tie) => ({
  node: fc
    .record({
      name: fc.constantFrom(...nodeNames),
      type: optional(fc.constantFrom('MODEL', 'ROUTER', 'UNKNOWN_TYPE', 'TRANSFORMER')),
      implementation: fc.constantFrom(...implementations),
      methods: optional(fc.array(fc.constantFrom('TRANSFORM_INPUT', 'ROUTE'), { maxLength: 2 })),
      endpoint: optional(
        fc
          .record({ type: optional(fc.constantFrom('REST', 'GRPC')), service_port: optional(fc.nat(65535)) })
          .map(strip),
      ),
      modelUri: optional(fc.constant('gs://bucket/model')),
      children: optional(fc.array(tie('node'), { maxLength: 2, depthIdentifier: 'graph' })),
    })
    .map(strip),
})).node;

const containerArb: fc.Arbitrary<Container> = fc
  .record({
    name: fc.constantFrom(...nodeNames, 'sidecar'),
    image: optional(fc.constant('img:1')),
    ports: optional(
      fc.array(
        fc.record({
          name: fc.constantFrom('http', 'grpc', 'metrics', 'other'),
          containerPort: fc.integer({ min: 1, max: 65535 }),
        }),
        { maxLength: 2 },
      ),
    ),
    volumeMounts: optional(
      fc.array(
        fc.record({
          name: fc.constantFrom('podinfo', 'seldon-podinfo', 'data'),
          mountPath: fc.constant('/x'),
        }),
        { maxLength: 2 },
      ),
    ),
  })
  .map(strip);

const predictorArb: fc.Arbitrary<PredictorSpec> = fc
  .record({
    name: fc.constantFrom('main', 'canary', 'shadow'),
    graph: nodeArb,
    componentSpecs: optional(
      fc.array(fc.record({ spec: fc.record({ containers: fc.array(containerArb, { maxLength: 3 }) }) }), {
        maxLength: 3,
      }),
    ),
    labels: optional(fc.constantFrom<Record<string, string>>({ version: 'x' }, { team: 'y' })),
    traffic: optional(fc.integer({ min: 0, max: 100 })),
  })
  .map(strip);

const sdepArb: fc.Arbitrary<SeldonDeployment> = fc
  .record({
    predictors: fc.array(predictorArb, { minLength: 1, maxLength: 3 }),
    protocol: optional(fc.constantFrom('seldon', 'tensorflow', 'v2', 'kfserving')),
    transport: optional(fc.constantFrom('rest', 'grpc')),
    annotations: optional(fc.constant({ 'seldon.io/engine-separate-pod': 'true' })),
  })
  .chain((spec) =>
    fc
      .record({ namespace: optional(fc.constantFrom('ns1', '')) })
      .map((meta) => sdep(strip(spec), strip({ name: 'dep', ...meta }))),
  );

describe('defaulting properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(sdepArb, (input) => {
        const once = defaultSeldonDeployment(input);
        expect(defaultSeldonDeployment(once)).toEqual(once);
      }),
      { numRuns: 400 },
    );
  });

  it('is pure and keeps the deployment structurally valid', () => {
    fc.assert(
      fc.property(sdepArb, (input) => {
        const before = JSON.stringify(input);
        const out = defaultSeldonDeployment(input);
        expect(JSON.stringify(input)).toBe(before);
        expect(JSON.stringify(defaultSeldonDeployment(input))).toBe(JSON.stringify(out));
        expect(validateSeldonDeployment(out).errors.filter((e) => e.code === 'SC_ERR_CRD_SCHEMA')).toEqual(
          [],
        );
      }),
      { numRuns: 200 },
    );
  });

  it('gives every graph node that has a container an endpoint with both ports', () => {
    fc.assert(
      fc.property(sdepArb, (input) => {
        const out = defaultSeldonDeployment(input);
        for (const p of out.spec.predictors) {
          const containerNames = new Set(
            (p.componentSpecs ?? []).flatMap((c) => (c.spec?.containers ?? []).map((k) => k.name)),
          );
          const stack = [p.graph];
          while (stack.length) {
            const node = stack.pop() as PredictiveUnit;
            stack.push(...(node.children ?? []));
            if (!containerNames.has(node.name)) continue;
            // Only the first node of a name is bound to its container (as in the reference).
            if (node.endpoint?.httpPort !== undefined) {
              expect(Number.isInteger(node.endpoint.grpcPort)).toBe(true);
              expect([node.endpoint.httpPort, node.endpoint.grpcPort]).toContain(node.endpoint.service_port);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
