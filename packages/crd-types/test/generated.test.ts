// Drift checks for the build-time outputs of scripts/generate.ts, and the CRD's shape: structural,
// small, and not pruning anything a valid SeldonDeployment carries.
import { describe, it, expect } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { CRD_PATH, VALIDATOR_PATH, generateCrdYaml, generateValidatorSource } from '../scripts/generate.js';
import {
  defaultSeldonDeployment,
  parseSeldonDeployment,
  type JsonSchema,
  type SeldonDeploymentStatus,
} from '@seldon-ts/crd-types';

const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const HINT = 'regenerate with `npm run generate -w @seldon-ts/crd-types` and commit the result';

type Schema = JsonSchema & Record<string, unknown>;

describe('generated files are up to date', () => {
  it(`src/generated/structural-validator.ts matches src/schema.ts (${HINT})`, () => {
    expect(readFileSync(VALIDATOR_PATH, 'utf8') === generateValidatorSource()).toBe(true);
  });

  it(`deploy/crd/seldondeployments.yaml matches src/schema.ts (${HINT})`, () => {
    expect(readFileSync(CRD_PATH, 'utf8') === generateCrdYaml()).toBe(true);
  });
});

describe('the CRD manifest', () => {
  const text = readFileSync(CRD_PATH, 'utf8');
  const crd = parse(text);

  it('is well under the 256 KiB kubectl apply limit', () => {
    expect(Buffer.byteLength(text)).toBeLessThan(128 * 1024);
    // Stored as JSON by the API server; that form must fit too.
    expect(Buffer.byteLength(JSON.stringify(crd))).toBeLessThan(256 * 1024);
  });

  it('is apiextensions v1 with v1 stored and v1alpha2/v1alpha3 served', () => {
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.kind).toBe('CustomResourceDefinition');
    expect(crd.metadata.name).toBe('seldondeployments.machinelearning.seldon.io');
    expect(crd.spec.group).toBe('machinelearning.seldon.io');
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names).toEqual({
      kind: 'SeldonDeployment',
      listKind: 'SeldonDeploymentList',
      plural: 'seldondeployments',
      singular: 'seldondeployment',
      shortNames: ['sdep'],
    });
    expect(
      crd.spec.versions.map((v: { name: string; served: boolean; storage: boolean }) => [
        v.name,
        v.served,
        v.storage,
      ]),
    ).toEqual([
      ['v1', true, true],
      ['v1alpha2', true, false],
      ['v1alpha3', true, false],
    ]);
    for (const v of crd.spec.versions) {
      expect(v.subresources).toEqual({
        status: {},
        scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
      });
      expect(v.additionalPrinterColumns.map((c: { name: string }) => c.name)).toEqual([
        'State',
        'Replicas',
        'Address',
        'Age',
      ]);
      expect(v.schema).toEqual(crd.spec.versions[0].schema);
    }
  });

  it('is a structural schema (every node typed, no $ref, no properties+additionalProperties)', () => {
    const problems: string[] = [];
    const visit = (s: Schema, path: string): void => {
      if (s.$ref) problems.push(`${path}: $ref`);
      const exempt =
        s['x-kubernetes-int-or-string'] === true || s['x-kubernetes-preserve-unknown-fields'] === true;
      if (!s.type && !exempt) problems.push(`${path}: no type`);
      if (s.properties && s.additionalProperties)
        problems.push(`${path}: properties and additionalProperties`);
      if (
        s.type === 'object' &&
        !s.properties &&
        !s.additionalProperties &&
        !s['x-kubernetes-preserve-unknown-fields'] &&
        path !== '.metadata'
      ) {
        problems.push(`${path}: empty object would prune everything`);
      }
      if (
        s['x-kubernetes-int-or-string'] &&
        JSON.stringify(s.anyOf) !== '[{"type":"integer"},{"type":"string"}]'
      ) {
        problems.push(`${path}: int-or-string anyOf`);
      }
      for (const [k, v] of Object.entries(s.properties ?? {})) visit(v as Schema, `${path}.${k}`);
      if (s.items) visit(s.items as Schema, `${path}[]`);
      if (s.additionalProperties) visit(s.additionalProperties as Schema, `${path}{}`);
    };
    visit(crd.spec.versions[0].schema.openAPIV3Schema, '');
    expect(problems).toEqual([]);
  });

  it('keeps pod specs and deep graph levels as-is instead of expanding them', () => {
    const spec = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    const predictor = spec.properties.predictors.items;
    expect(predictor.properties.componentSpecs.items.properties.spec).toMatchObject({
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    });
    expect(predictor.properties.componentSpecs.items.properties.spec.properties).toBeUndefined();
    const level1 = predictor.properties.graph.properties.children.items;
    expect(level1.properties.name).toEqual({ type: 'string' });
    expect(level1.properties.children.items).toMatchObject({
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    });
  });

  // The API server prunes fields its schema does not know; simulate it to prove that nothing of a
  // valid (or defaulted) SeldonDeployment would be dropped.
  function prune(value: unknown, s: Schema): unknown {
    if (s['x-kubernetes-preserve-unknown-fields'] && !s.properties) return value;
    if (Array.isArray(value)) return s.items ? value.map((v) => prune(v, s.items as Schema)) : value;
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (s.properties?.[k]) out[k] = prune(v, s.properties[k] as Schema);
      else if (s.additionalProperties) out[k] = prune(v, s.additionalProperties as Schema);
      else if (s['x-kubernetes-preserve-unknown-fields']) out[k] = v;
    }
    return out;
  }

  it('prunes nothing from the fixtures, before or after defaulting', () => {
    const root = crd.spec.versions[0].schema.openAPIV3Schema as Schema;
    const rootWithoutMeta = {
      ...root,
      properties: {
        ...root.properties,
        metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    } as Schema;
    for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.yaml'))) {
      const sdep = parseSeldonDeployment(readFileSync(join(fixtures, file), 'utf8'));
      for (const obj of [sdep, defaultSeldonDeployment(sdep)]) {
        expect({ file, obj: prune(obj, rootWithoutMeta) }).toEqual({ file, obj });
      }
    }
  });

  // Regression: the condition schema lacked observedGeneration, so the API server dropped the
  // value the operator writes on every condition.
  it('prunes nothing from a status the operator writes, conditions observedGeneration included', () => {
    const statusSchema = crd.spec.versions[0].schema.openAPIV3Schema.properties.status as Schema;
    const status: SeldonDeploymentStatus = {
      state: 'Available',
      description: '',
      deploymentStatus: {
        'sd-p-0-c': {
          name: 'sd-p-0-c',
          status: 'Available',
          replicas: 2,
          availableReplicas: 2,
          explainerFor: 'p',
        },
      },
      serviceStatus: {
        'sd-p': {
          svcName: 'sd-p',
          httpEndpoint: 'sd-p.ns:8000',
          grpcEndpoint: 'sd-p.ns:5001',
          explainerFor: 'p',
        },
      },
      replicas: 2,
      address: { url: 'http://sd-p.ns.svc.cluster.local:8000/api/v1.0/predictions' },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          severity: 'Info',
          lastTransitionTime: '2026-01-01T00:00:00Z',
          reason: 'Available',
          message: '',
          observedGeneration: 7,
        },
      ],
      observedGeneration: 7,
      annotations: { a: 'b' },
    };
    expect(prune(status, statusSchema)).toEqual(status);
    expect(statusSchema.properties?.conditions?.items?.properties?.observedGeneration).toEqual({
      type: 'integer',
      format: 'int64',
    });
  });
});
