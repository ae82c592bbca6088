// Misspelled fields are named with their path and the nearest known name; every manifest the
// project ships (the classic examples, the test fixtures, the cluster suite's) has none.
import { describe, it, expect } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  findUnknownFields,
  formatUnknownField,
  nearestName,
  parseSeldonDeployments,
} from '@seldon-ts/crd-types';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const sdep = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name: 'typos' },
  spec,
  ...extra,
});

describe('findUnknownFields', () => {
  it('names misspelled fields of the CRD and of the embedded PodSpec and Container, with the nearest name', () => {
    const found = findUnknownFields(
      sdep({
        predictors: [
          {
            name: 'default',
            graph: { name: 'classifier', typ: 'MODEL', children: [{ name: 'c', paramters: [] }] },
            componentSpec: [],
            componentSpecs: [
              {
                spec: {
                  containers: [{ name: 'classifier', imgae: 'x:1', env: [{ name: 'A', vaule: '1' }] }],
                  serviceAcountName: 'sa',
                },
              },
            ],
          },
        ],
        annotaions: {},
      }),
    );
    expect(found.map(formatUnknownField)).toEqual([
      'spec.predictors[0].graph.typ: unknown field (did you mean "type"?)',
      'spec.predictors[0].graph.children[0].paramters: unknown field (did you mean "parameters"?)',
      'spec.predictors[0].componentSpec: unknown field (did you mean "componentSpecs"?)',
      'spec.predictors[0].componentSpecs[0].spec.containers[0].imgae: unknown field (did you mean "image"?)',
      'spec.predictors[0].componentSpecs[0].spec.containers[0].env[0].vaule: unknown field (did you mean "value"?)',
      'spec.predictors[0].componentSpecs[0].spec.serviceAcountName: unknown field (did you mean "serviceAccountName"?)',
      'spec.annotaions: unknown field (did you mean "annotations"?)',
    ]);
  });

  it('names a field with no near name without a suggestion, and checks metadata and the top level', () => {
    const found = findUnknownFields(
      sdep(
        { predictors: [{ name: 'p', graph: { name: 'm', flavour: 'x' } }] },
        { metadata: { nmae: 'x' }, specs: {} },
      ),
    );
    expect(found).toEqual([
      { path: 'metadata.nmae', suggestion: 'name' },
      { path: 'spec.predictors[0].graph.flavour' },
      { path: 'specs', suggestion: 'spec' },
    ]);
  });

  it('leaves maps and objects it does not describe field by field alone', () => {
    const found = findUnknownFields(
      sdep({
        annotations: { 'seldon.io/anything': 'x' },
        predictors: [
          {
            name: 'p',
            graph: { name: 'm' },
            labels: { whatever: 'x' },
            componentSpecs: [
              { spec: { affinity: { nodeAffinity: { anything: 1 } }, volumes: [{ weird: 1 }] } },
            ],
          },
        ],
      }),
    );
    expect(found).toEqual([]);
  });

  it('finds nothing in the manifests the project ships', () => {
    const files = [
      ...readdirSync(`${root}examples`, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `examples/${d.name}/seldondeployment.yaml`),
      ...readdirSync(`${root}packages/crd-types/test/fixtures`)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `packages/crd-types/test/fixtures/${f}`),
      ...readdirSync(`${root}packages/operator/test/fixtures`)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `packages/operator/test/fixtures/${f}`),
      ...readdirSync(`${root}tests/cluster/manifests`).map((f) => `tests/cluster/manifests/${f}`),
    ];
    let documents = 0;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(`${root}${file}`, 'utf8');
      } catch {
        continue; // an example folder without a manifest
      }
      for (const doc of parseSeldonDeployments(text)) {
        documents++;
        expect({ file, unknown: findUnknownFields(doc).map(formatUnknownField) }).toEqual({
          file,
          unknown: [],
        });
      }
    }
    expect(documents).toBeGreaterThan(20);
  });
});

describe('nearestName', () => {
  it('matches another case, a transposition, and a few edits; nothing when too far', () => {
    expect(nearestName('Image', ['image', 'name'])).toBe('image');
    expect(nearestName('imgae', ['image', 'name'])).toBe('image');
    expect(nearestName('replica', ['replicas', 'traffic'])).toBe('replicas');
    expect(nearestName('colour', ['image', 'name'])).toBeUndefined();
  });
});
