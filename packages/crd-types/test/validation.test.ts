// One failing manifest per webhook rule of reference 06 §7, with its exact message, code and path;
// plus structural (schema) errors and aggregation.
import { describe, it, expect } from '@jest/globals';
import {
  validateSeldonDeployment,
  formatValidationErrors,
  formatAdmissionMessage,
  type SeldonDeployment,
  type PredictorSpec,
  type ValidationError,
} from '@seldon-ts/crd-types';

function predictor(name: string, extra: Partial<PredictorSpec> = {}): PredictorSpec {
  return {
    name,
    componentSpecs: [
      { spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier:1.18.2' }] } },
    ],
    graph: { name: 'classifier', type: 'MODEL' },
    ...extra,
  };
}

function sdep(spec: Partial<SeldonDeployment['spec']> = {}): SeldonDeployment {
  return {
    apiVersion: 'machinelearning.seldon.io/v1',
    kind: 'SeldonDeployment',
    metadata: { name: 'mydep' },
    spec: { predictors: [predictor('main')], ...spec },
  };
}

function errorsOf(obj: unknown): ValidationError[] {
  const result = validateSeldonDeployment(obj);
  expect(result.valid).toBe(result.errors.length === 0);
  return result.errors;
}

const kafkaEnv = [
  { name: 'KAFKA_BROKER', value: '127.0.0.1:9092' },
  { name: 'KAFKA_INPUT_TOPIC', value: 'in' },
  { name: 'KAFKA_OUTPUT_TOPIC', value: 'out' },
];

interface RuleCase {
  rule: number;
  obj: SeldonDeployment;
  expected: ValidationError[];
}

const cases: RuleCase[] = [
  {
    rule: 1,
    obj: sdep({ protocol: 'soap' }),
    expected: [
      { path: 'spec', value: 'soap', message: 'Invalid protocol', code: 'SC_ERR_CRD_RULE_PROTOCOL' },
    ],
  },
  {
    rule: 2,
    obj: sdep({ transport: 'http' }),
    expected: [
      { path: 'spec', value: 'http', message: 'Invalid transport', code: 'SC_ERR_CRD_RULE_TRANSPORT' },
    ],
  },
  {
    rule: 3,
    obj: sdep({ serverType: 'batch' }),
    expected: [
      { path: 'spec', value: 'batch', message: 'Invalid serverType', code: 'SC_ERR_CRD_RULE_SERVER_TYPE' },
    ],
  },
  {
    rule: 4,
    obj: sdep({
      serverType: 'kafka',
      predictors: [predictor('main', { svcOrchSpec: { env: kafkaEnv.slice(0, 2) } })],
    }),
    expected: [
      {
        path: 'spec.predictors[0]',
        value: 'main',
        message:
          'For kafka please supply svcOrchSpec envs KAFKA_BROKER, KAFKA_INPUT_TOPIC, KAFKA_OUTPUT_TOPIC',
        code: 'SC_ERR_CRD_RULE_KAFKA_ENV',
      },
    ],
  },
  {
    rule: 5,
    obj: sdep({ predictors: [predictor('main', { shadow: true })] }),
    expected: [
      {
        path: 'spec.predictors[0]',
        value: 'main',
        message: 'Shadow can not exist as only predictor',
        code: 'SC_ERR_CRD_RULE_SHADOW_ALONE',
      },
    ],
  },
  {
    rule: 6,
    obj: sdep({
      predictors: [
        predictor('a', { traffic: 50, annotations: { 'seldon.io/svc-name': 'mysvc' } }),
        predictor('b', { traffic: 50, annotations: { 'seldon.io/svc-name': 'mysvc' } }),
      ],
    }),
    expected: [
      {
        path: 'spec.predictors[1]',
        value: 'mysvc',
        message: 'Found duplicate service name in seldon.io/svc-name with value mysvc',
        code: 'SC_ERR_CRD_RULE_DUPLICATE_SVC_NAME',
      },
    ],
  },
  {
    rule: 7,
    obj: sdep({ predictors: [] }),
    expected: [
      {
        path: 'spec',
        value: '',
        message: 'Graph contains no predictors',
        code: 'SC_ERR_CRD_RULE_NO_PREDICTORS',
      },
    ],
  },
  {
    rule: 8,
    obj: sdep({
      predictors: [
        predictor('main', {
          annotations: { 'seldon.io/no-engine': 'false' },
          componentSpecs: [
            {
              spec: {
                containers: [
                  { name: 'a', image: 'x' },
                  { name: 'b', image: 'y' },
                ],
              },
            },
          ],
          graph: { name: 'a', type: 'MODEL', children: [{ name: 'b', type: 'MODEL' }] },
        }),
      ],
    }),
    expected: [
      {
        path: 'spec.predictors[0]',
        value: 'main',
        message: 'Running without engine only valid for single element graphs',
        code: 'SC_ERR_CRD_RULE_NO_ENGINE_GRAPH',
      },
    ],
  },
  {
    rule: 9,
    obj: sdep({ predictors: [predictor('main', { traffic: 50 }), predictor('main', { traffic: 50 })] }),
    expected: [
      {
        path: 'spec.predictors[1]',
        value: 'main',
        message: 'Duplicate predictor name',
        code: 'SC_ERR_CRD_RULE_DUPLICATE_PREDICTOR',
      },
    ],
  },
  {
    rule: 10,
    obj: sdep({
      predictors: [
        predictor('main', {
          graph: { name: 'classifier', type: 'MODEL', children: [{ name: 'missing', type: 'MODEL' }] },
        }),
      ],
    }),
    expected: [
      {
        path: 'spec.predictors[0].graph.children[0]',
        value: 'missing',
        message: "Can't find container for Predictive Unit",
        code: 'SC_ERR_CRD_RULE_NO_CONTAINER',
      },
    ],
  },
  {
    rule: 11,
    obj: sdep({ predictors: [predictor('main', { graph: { name: 'classifier', type: 'UNKNOWN_TYPE' } })] }),
    expected: [
      {
        path: 'spec.predictors[0].graph',
        value: 'classifier',
        message:
          'Predictive Unit has no implementation methods defined. Change to a known type or add what methods it defines',
        code: 'SC_ERR_CRD_RULE_NO_METHODS',
      },
    ],
  },
  {
    rule: 12,
    obj: sdep({ predictors: [{ name: 'main', graph: { name: 'sk', implementation: 'SKLEARN_SERVER' } }] }),
    expected: [
      {
        path: 'spec.predictors[0].graph',
        value: 'sk',
        message: 'Predictive unit modelUri required when using standalone servers',
        code: 'SC_ERR_CRD_RULE_MODEL_URI',
      },
    ],
  },
  {
    rule: 13,
    obj: sdep({
      protocol: 'tensorflow',
      predictors: [
        { name: 'main', graph: { name: 'xg', implementation: 'XGBOOST_SERVER', modelUri: 'gs://m' } },
      ],
    }),
    expected: [
      {
        path: 'spec.predictors[0].graph',
        value: 'xg',
        message: 'Prepackaged server does not handle tensorflow protocol XGBOOST_SERVER',
        code: 'SC_ERR_CRD_RULE_TENSORFLOW_PROTOCOL',
      },
    ],
  },
  {
    rule: 14,
    obj: sdep({
      predictors: [{ name: 'main', graph: { name: 'm', implementation: 'MY_SERVER', modelUri: 's3://m' } }],
    }),
    expected: [
      {
        path: 'spec.predictors[0].graph',
        value: 'm',
        message: 'No entry in predictors map for MY_SERVER',
        code: 'SC_ERR_CRD_RULE_UNKNOWN_SERVER',
      },
    ],
  },
  {
    rule: 15,
    obj: sdep({
      predictors: [
        predictor('main', { graph: { name: 'classifier', type: 'MODEL', logger: { url: 'http://x' } } }),
      ],
    }),
    expected: [
      {
        path: 'spec.predictors[0].graph',
        value: '',
        message: 'No logger mode specified',
        code: 'SC_ERR_CRD_RULE_LOGGER_MODE',
      },
    ],
  },
  {
    rule: 16,
    obj: sdep({
      predictors: [
        predictor('a', { traffic: 50, graph: { name: 'classifier', endpoint: { type: 'REST' } } }),
        predictor('b', { traffic: 50, graph: { name: 'classifier', endpoint: { type: 'GRPC' } } }),
      ],
    }),
    expected: [
      {
        path: 'spec',
        value: '',
        message: 'Multiple endpoint.types found - can only have 1 type in graph. Please use spec.transport',
        code: 'SC_ERR_CRD_RULE_MULTIPLE_ENDPOINT_TYPES',
      },
    ],
  },
  {
    rule: 17,
    obj: sdep({
      transport: 'grpc',
      predictors: [predictor('main', { graph: { name: 'classifier', endpoint: { type: 'REST' } } })],
    }),
    expected: [
      {
        path: 'spec',
        value: '',
        message:
          'Mixed transport types found. Remove graph endpoint.types if transport set at deployment level',
        code: 'SC_ERR_CRD_RULE_MIXED_TRANSPORT',
      },
    ],
  },
  {
    rule: 18,
    obj: sdep({
      predictors: [
        predictor('main', { traffic: 100 }),
        predictor('s1', { shadow: true }),
        predictor('s2', { shadow: true }),
      ],
    }),
    expected: [
      {
        path: 'spec',
        value: 's2',
        message: 'Multiple shadows are not allowed',
        code: 'SC_ERR_CRD_RULE_MULTIPLE_SHADOWS',
      },
    ],
  },
  {
    rule: 19,
    obj: sdep({
      predictors: [predictor('main', { traffic: 100 }), predictor('s', { shadow: true, traffic: 101 })],
    }),
    expected: [
      {
        path: 'spec',
        value: 's',
        message: 'shadow traffic is illegal, the traffic number should be between [0, 100]',
        code: 'SC_ERR_CRD_RULE_SHADOW_TRAFFIC',
      },
    ],
  },
  {
    rule: 20,
    obj: sdep({ predictors: [predictor('main', { traffic: 75 }), predictor('canary', { traffic: 20 })] }),
    expected: [
      {
        path: 'spec',
        value: 'main',
        message: 'Traffic must sum to 100 for multiple predictors',
        code: 'SC_ERR_CRD_RULE_TRAFFIC_SUM',
      },
    ],
  },
  {
    rule: 21,
    obj: sdep({ predictors: [predictor('main', { traffic: 50 })] }),
    expected: [
      {
        path: 'spec',
        value: 'main',
        message: 'Traffic must sum be 100 for a single predictor when set',
        code: 'SC_ERR_CRD_RULE_SINGLE_TRAFFIC',
      },
    ],
  },
];

describe('webhook rules (06 §7)', () => {
  it('covers all 21 rules', () => {
    expect(cases.map((c) => c.rule)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  for (const c of cases) {
    it(`rule ${c.rule}: ${c.expected[0].message}`, () => {
      expect(errorsOf(c.obj)).toEqual(c.expected);
    });
  }

  it('the base manifest of these cases is valid', () => {
    expect(errorsOf(sdep())).toEqual([]);
  });

  it('returns every violation, not just the first, in the reference order', () => {
    const obj = sdep({
      protocol: 'soap',
      transport: 'http',
      predictors: [
        predictor('main', { traffic: 30, graph: { name: 'nope', type: 'UNKNOWN_TYPE' } }),
        predictor('main', { traffic: 30 }),
      ],
    });
    expect(errorsOf(obj).map((e) => e.code)).toEqual([
      'SC_ERR_CRD_RULE_PROTOCOL',
      'SC_ERR_CRD_RULE_TRANSPORT',
      'SC_ERR_CRD_RULE_NO_CONTAINER',
      'SC_ERR_CRD_RULE_NO_METHODS',
      'SC_ERR_CRD_RULE_DUPLICATE_PREDICTOR',
      'SC_ERR_CRD_RULE_TRAFFIC_SUM',
    ]);
  });

  it('accepts what the reference accepts', () => {
    // A lone predictor may omit traffic or use 100 or more; v2 protocol; HuggingFace without modelUri;
    // a prepackaged server with its own image needs no config entry; a shadow with traffic 0.
    expect(errorsOf(sdep({ predictors: [predictor('main', { traffic: 100 })] }))).toEqual([]);
    expect(errorsOf(sdep({ predictors: [predictor('main', { traffic: 150 })] }))).toEqual([]);
    expect(
      errorsOf(
        sdep({
          protocol: 'v2',
          predictors: [{ name: 'hf', graph: { name: 'hf', implementation: 'HUGGINGFACE_SERVER' } }],
        }),
      ),
    ).toEqual([]);
    expect(
      errorsOf(
        sdep({
          predictors: [
            {
              name: 'main',
              componentSpecs: [{ spec: { containers: [{ name: 'm', image: 'me/server:1' }] } }],
              graph: { name: 'm', implementation: 'MY_SERVER', modelUri: 's3://m' },
            },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      errorsOf(sdep({ predictors: [predictor('main', { traffic: 100 }), predictor('s', { shadow: true })] })),
    ).toEqual([]);
    expect(
      errorsOf(
        sdep({
          transport: 'grpc',
          predictors: [predictor('main', { graph: { name: 'classifier', endpoint: { type: 'GRPC' } } })],
        }),
      ),
    ).toEqual([]);
  });
});

describe('structural (schema) errors', () => {
  it('reports missing required fields and wrong types with paths (in schema order)', () => {
    const obj = {
      apiVersion: 'machinelearning.seldon.io/v1',
      kind: 'SeldonDeployment',
      metadata: { name: 'x' },
      spec: {
        predictors: [
          {
            name: 'main',
            traffic: '50',
            graph: { type: 'MODEL', parameters: [{ name: 'a', value: 1, type: 'INT' }] },
          },
          { graph: { name: 'g', children: [{ name: 7 }] } },
        ],
      },
    };
    expect(errorsOf(obj)).toEqual([
      { path: 'spec.predictors[0].graph.name', message: 'Required value', code: 'SC_ERR_CRD_SCHEMA' },
      {
        path: 'spec.predictors[0].graph.parameters[0].value',
        message: 'must be of type string, got integer',
        code: 'SC_ERR_CRD_SCHEMA',
      },
      {
        path: 'spec.predictors[0].traffic',
        message: 'must be of type integer, got string',
        code: 'SC_ERR_CRD_SCHEMA',
      },
      { path: 'spec.predictors[1].name', message: 'Required value', code: 'SC_ERR_CRD_SCHEMA' },
      {
        path: 'spec.predictors[1].graph.children[0].name',
        message: 'must be of type string, got integer',
        code: 'SC_ERR_CRD_SCHEMA',
      },
    ]);
  });

  it('handles non-objects without throwing', () => {
    for (const bad of [null, 42, 'text', [], {}, { spec: null }, { spec: { predictors: {} } }]) {
      const result = validateSeldonDeployment(bad);
      expect(result.valid).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors.every((e) => e.code === 'SC_ERR_CRD_SCHEMA')).toBe(true);
    }
    expect(errorsOf({})).toEqual([{ path: 'spec', message: 'Required value', code: 'SC_ERR_CRD_SCHEMA' }]);
  });

  it('checks int32 ranges and int-or-string fields', () => {
    const obj = sdep({
      replicas: 2 ** 31,
      predictors: [
        predictor('main', {
          componentSpecs: [
            {
              pdbSpec: { minAvailable: true as unknown as number },
              spec: { containers: [{ name: 'classifier', image: 'x' }] },
            },
          ],
        }),
      ],
    });
    expect(errorsOf(obj)).toEqual([
      {
        path: 'spec.predictors[0].componentSpecs[0].pdbSpec.minAvailable',
        message: 'must be an integer or a string',
        code: 'SC_ERR_CRD_SCHEMA',
      },
      { path: 'spec.replicas', message: 'must be a 32-bit integer', code: 'SC_ERR_CRD_SCHEMA' },
    ]);
  });

  it('validates a recursive graph at any depth', () => {
    let graph: Record<string, unknown> = { name: 'leaf', type: 'MODEL', children: [{ type: 'MODEL' }] };
    for (let i = 0; i < 12; i++) graph = { name: `n${i}`, children: [graph] };
    const errors = errorsOf({ ...sdep(), spec: { predictors: [{ name: 'p', graph }] } });
    expect(errors).toEqual([
      {
        path: `spec.predictors[0].graph${'.children[0]'.repeat(13)}.name`,
        message: 'Required value',
        code: 'SC_ERR_CRD_SCHEMA',
      },
    ]);
  });
});

describe('hostile input', () => {
  it('refuses a graph deeper than maxGraphDepth before any recursion', () => {
    let graph: Record<string, unknown> = { name: 'leaf' };
    for (let i = 0; i < 100_000; i++) graph = { name: `n${i}`, children: [graph] };
    const obj = { ...sdep(), spec: { predictors: [{ name: 'p', graph }] } };
    expect(errorsOf(obj)).toEqual([
      {
        path: 'spec.predictors[0].graph',
        message: 'graph is deeper than 64 levels',
        code: 'SC_ERR_CRD_GRAPH_TOO_DEEP',
      },
    ]);
    let small: Record<string, unknown> = { name: 'leaf', implementation: 'SIMPLE_MODEL' };
    for (let i = 0; i < 3; i++) small = { name: `n${i}`, implementation: 'SIMPLE_MODEL', children: [small] };
    const fits = { ...sdep(), spec: { predictors: [{ name: 'p', graph: small }] } };
    expect(validateSeldonDeployment(fits, { maxGraphDepth: 4 }).errors).toEqual([]);
    expect(validateSeldonDeployment(fits, { maxGraphDepth: 3 }).errors.map((e) => e.code)).toEqual([
      'SC_ERR_CRD_GRAPH_TOO_DEEP',
    ]);
  });
});

describe('formatting', () => {
  const errors = errorsOf(
    sdep({ predictors: [predictor('main', { graph: { name: 'classifier2', type: 'MODEL' } })] }),
  );

  it('formats the admission message as the reference does', () => {
    expect(formatAdmissionMessage('mydep', errors)).toBe(
      'SeldonDeployment.machinelearing.seldon.io "mydep" is invalid: spec.predictors[0].graph: Invalid value: "classifier2": Can\'t find container for Predictive Unit',
    );
    const two = errorsOf(sdep({ protocol: 'x', transport: 'y' }));
    expect(formatAdmissionMessage('mydep', two)).toBe(
      'SeldonDeployment.machinelearing.seldon.io "mydep" is invalid: [spec: Invalid value: "x": Invalid protocol, spec: Invalid value: "y": Invalid transport]',
    );
  });

  it('formats a human-readable list with codes', () => {
    expect(formatValidationErrors(errors)).toBe(
      '  - spec.predictors[0].graph: Invalid value: "classifier2": Can\'t find container for Predictive Unit [SC_ERR_CRD_RULE_NO_CONTAINER]',
    );
    expect(formatValidationErrors([])).toBe('');
  });
});
