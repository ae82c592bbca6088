// Names of generated objects (07 §2): the reference's names when they are valid, otherwise
// deterministic valid names within 63 characters.
import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  containerServiceLabelKey,
  containerServiceName,
  deploymentName,
  explainerName,
  isValidLabelValue,
  isValidName,
  modelInitializerName,
  predictorServiceName,
  provisionLocationVolumeName,
  seldonId,
  svcOrchDeploymentName,
  toKubernetesName,
  toLabelValue,
  type PredictorSpec,
  type SeldonDeployment,
} from '@seldon-ts/crd-types';

const sdep: SeldonDeployment = {
  apiVersion: 'machinelearning.seldon.io/v1',
  kind: 'SeldonDeployment',
  metadata: { name: 'mydep', namespace: 'models' },
  spec: { predictors: [] },
};
const main: PredictorSpec = {
  name: 'main',
  graph: { name: 'transformer' },
  componentSpecs: [
    { spec: { containers: [{ name: 'transformer' }, { name: 'classifier' }] } },
    { metadata: { name: 'gpu' }, spec: { containers: [{ name: 'big' }] } },
  ],
};

describe('reference names when they fit', () => {
  it('names every object as the reference does', () => {
    expect(seldonId(sdep)).toBe('mydep');
    expect(predictorServiceName(sdep, main)).toBe('mydep-main');
    expect(predictorServiceName(sdep, { ...main, annotations: { 'seldon.io/svc-name': 'custom-svc' } })).toBe(
      'custom-svc',
    );
    expect(containerServiceName(sdep, main, 'classifier')).toBe('mydep-main-classifier');
    expect(deploymentName(sdep, main, 0)).toBe('mydep-main-0-transformer-classifier');
    expect(deploymentName(sdep, main, 1)).toBe('mydep-main-1-gpu');
    expect(deploymentName('mydep', 'main', 0, { spec: { containers: [{ name: 'a' }] } })).toBe(
      'mydep-main-0-a',
    );
    expect(svcOrchDeploymentName(sdep, main)).toBe('mydep-main-svc-orch');
    expect(explainerName(sdep, 'main')).toBe('mydep-main-explainer');
    expect(containerServiceLabelKey('classifier')).toBe('seldon-app-svc-classifier');
    expect(modelInitializerName('classifier')).toBe('classifier-model-initializer');
    expect(provisionLocationVolumeName('classifier')).toBe('classifier-provision-location');
  });

  it('keeps a valid dotted deployment name (DNS-1123 subdomain) but not for Services', () => {
    expect(deploymentName('my.dep', 'main', 0, { spec: { containers: [{ name: 'a' }] } })).toBe(
      'my.dep-main-0-a',
    );
    const svc = predictorServiceName('my.dep', 'main');
    expect(svc).toMatch(/^my-dep-main-[0-9a-f]{8}$/);
  });
});

describe('names that do not fit', () => {
  const longDep = 'a-very-long-seldon-deployment-name-that-goes-on';
  it('truncates and appends a short hash, deterministically', () => {
    const name = containerServiceName(longDep, 'predictor-with-long-name', 'classifier');
    expect(name).toHaveLength(63);
    expect(name.startsWith('a-very-long-seldon-deployment-name-that-goes-on-predic')).toBe(true);
    expect(name).toMatch(/-[0-9a-f]{8}$/);
    expect(containerServiceName(longDep, 'predictor-with-long-name', 'classifier')).toBe(name);
    expect(containerServiceName(longDep, 'predictor-with-long-name', 'classifier2')).not.toBe(name);
  });

  it('fixes characters the API refuses', () => {
    expect(toKubernetesName('My_Model', 'dns1123-label')).toMatch(/^my-model-[0-9a-f]{8}$/);
    expect(toKubernetesName('9lives', 'dns1035-label')).toMatch(/^lives-[0-9a-f]{8}$/);
    expect(toKubernetesName('___', 'dns1035-label')).toMatch(/^seldon-[0-9a-f]{8}$/);
    expect(toLabelValue('ok.value_1')).toBe('ok.value_1');
    expect(toLabelValue('-bad value-')).toMatch(/^bad-value-[0-9a-f]{8}$/);
    expect(toLabelValue('x'.repeat(80))).toHaveLength(63);
    expect(containerServiceLabelKey('c'.repeat(63))).toHaveLength(63);
  });
});

describe('properties', () => {
  const anyText = fc.string({ unit: 'grapheme', maxLength: 120 });
  const dnsLike = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,70}[a-z0-9])?$/);
  const text = fc.oneof(anyText, dnsLike, fc.string({ maxLength: 300 }));

  it('every helper returns a valid name of at most 63 characters for any input', () => {
    fc.assert(
      fc.property(text, text, text, fc.nat(20), (dep, pred, container, index) => {
        const checks: [string, 'dns1035-label' | 'dns1123-label' | 'dns1123-subdomain'][] = [
          [predictorServiceName(dep, pred), 'dns1035-label'],
          [containerServiceName(dep, pred, container), 'dns1035-label'],
          [explainerName(dep, pred), 'dns1035-label'],
          [
            deploymentName(dep, pred, index, { spec: { containers: [{ name: container }] } }),
            'dns1123-subdomain',
          ],
          [svcOrchDeploymentName(dep, pred), 'dns1123-subdomain'],
          [seldonId(dep), 'dns1123-subdomain'],
          [containerServiceLabelKey(container), 'dns1123-label'],
        ];
        for (const [name, kind] of checks) {
          expect(name.length).toBeLessThanOrEqual(63);
          expect(isValidName(name, kind)).toBe(true);
        }
        expect(isValidLabelValue(seldonId(dep))).toBe(true);
        expect(isValidLabelValue(toLabelValue(dep))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic, and valid inputs are returned unchanged', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(toKubernetesName(s, 'dns1035-label')).toBe(toKubernetesName(s, 'dns1035-label'));
        if (isValidName(s, 'dns1123-label')) expect(toKubernetesName(s, 'dns1123-label')).toBe(s);
        if (isValidLabelValue(s)) expect(toLabelValue(s)).toBe(s);
        // A produced name is a fixed point.
        const once = toKubernetesName(s, 'dns1035-label');
        expect(toKubernetesName(once, 'dns1035-label')).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
