// Every classic SeldonDeployment (and every one under the repository's examples/) validates, and
// the fixtures default to their checked-in golden output. Regenerate goldens deliberately with
// UPDATE_GOLDEN=1 and review the diff.
import { describe, it, expect } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultSeldonDeployment,
  parseSeldonDeployment,
  parseSeldonDeployments,
  validateSeldonDeployment,
  formatValidationErrors,
} from '@seldon-ts/crd-types';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, 'fixtures');
const repoRoot = join(here, '../../..');
const names = readdirSync(fixtures)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

function load(name: string) {
  return parseSeldonDeployment(readFileSync(join(fixtures, `${name}.yaml`), 'utf8'));
}

describe('classic examples', () => {
  it('has all eight classic examples plus the reference example', () => {
    expect(names.sort()).toEqual(
      [
        'canary',
        'egreedy-router',
        'kafka',
        'minimal-model',
        'reference-example',
        'security-context',
        'shadow',
        'sklearn-prepackaged',
        'three-step-chain',
      ].sort(),
    );
  });

  for (const name of names) {
    it(`${name}: validates and defaults to the golden output`, () => {
      const sdep = load(name);
      const result = validateSeldonDeployment(sdep);
      expect(formatValidationErrors(result.errors)).toBe('');
      expect(result.valid).toBe(true);

      const defaulted = defaultSeldonDeployment(sdep);
      const goldenPath = join(fixtures, `${name}.defaulted.json`);
      const actual = `${JSON.stringify(defaulted, null, 2)}\n`;
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, actual);
      expect(actual).toBe(readFileSync(goldenPath, 'utf8'));

      // Defaulted output is still valid, and defaulting it again changes nothing.
      expect(validateSeldonDeployment(defaulted).errors).toEqual([]);
      expect(defaultSeldonDeployment(defaulted)).toEqual(defaulted);
    });
  }
});

describe('reference 06 §9 example', () => {
  it('gets the ports, hosts and image the reference documents', () => {
    const d = defaultSeldonDeployment(load('reference-example'));
    const [main, canary] = d.spec.predictors;
    expect(main.graph.endpoint).toEqual({
      service_host: 'localhost',
      service_port: 9000,
      httpPort: 9000,
      grpcPort: 9500,
    });
    expect(main.graph.children?.[0].endpoint).toEqual({
      service_host: 'localhost',
      service_port: 9001,
      httpPort: 9001,
      grpcPort: 9501,
    });
    const mainContainers = main.componentSpecs?.[0].spec?.containers ?? [];
    expect(mainContainers.map((c) => c.ports)).toEqual([
      [{ name: 'metrics', containerPort: 6000, protocol: 'TCP' }],
      [{ name: 'metrics', containerPort: 6001, protocol: 'TCP' }],
    ]);
    expect(canary.graph).toMatchObject({
      type: 'MODEL',
      endpoint: { service_host: 'localhost', service_port: 9002, httpPort: 9002, grpcPort: 9502 },
    });
    const sk = canary.componentSpecs?.[0].spec?.containers?.[0];
    expect(sk).toMatchObject({
      name: 'sk',
      image: 'seldonio/sklearnserver:1.18.2',
      ports: [{ name: 'metrics', containerPort: 6002, protocol: 'TCP' }],
      volumeMounts: [{ name: 'seldon-podinfo', mountPath: '/etc/podinfo' }],
    });
    expect(main.labels).toEqual({ version: 'main' });
    expect(d.metadata.namespace).toBe('models');
  });

  it('does not modify its input', () => {
    const input = load('reference-example');
    const before = JSON.stringify(input);
    defaultSeldonDeployment(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("the repository's examples", () => {
  function* manifests(dir: string): Generator<string> {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) yield* manifests(path);
      else if (/\.(ya?ml|json)$/.test(entry)) yield path;
    }
  }

  it('every SeldonDeployment under examples/ validates and defaults idempotently', () => {
    for (const path of manifests(join(repoRoot, 'examples'))) {
      const text = readFileSync(path, 'utf8');
      if (!/kind["']?\s*:\s*["']?SeldonDeployment\b/.test(text)) continue;
      const sdeps = parseSeldonDeployments(text);
      expect({ path, found: sdeps.length > 0 }).toEqual({ path, found: true });
      for (const sdep of sdeps) {
        const result = validateSeldonDeployment(sdep);
        expect({ path, errors: formatValidationErrors(result.errors) }).toEqual({ path, errors: '' });
        const defaulted = defaultSeldonDeployment(sdep);
        expect(defaultSeldonDeployment(defaulted)).toEqual(defaulted);
      }
    }
    // The fixtures themselves go through the same path, so this test never passes vacuously.
    for (const name of names) {
      const sdeps = parseSeldonDeployments(readFileSync(join(fixtures, `${name}.yaml`), 'utf8'));
      expect(sdeps).toHaveLength(1);
    }
  });
});
