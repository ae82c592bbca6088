// Misspelled fields in a manifest: `seldon-engine validate` refuses them with the path and the nearest
// known name; `seldon-engine run` warns, and adds them to the error they cause.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../src/internal/validate-command.js';
import { planLocalDeployment } from '../src/run/deployment.js';
import { EngineError } from '../src/errors.js';

const manifest = (graph: string, componentSpecs: string): string => `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: typos
spec:
  predictors:
    - name: default
      graph:
${graph}
${componentSpecs}
`;

const GRAPH = `        name: classifier
        typ: MODEL`;
const SPECS = `      componentSpecs:
        - spec:
            containers:
              - name: classifier
                imgae: seldonio/mock_classifier:1.18.2`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'unknown-fields-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('seldon-engine validate', () => {
  it('refuses misspelled fields, naming the path and the nearest known name', () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = validateFile(
      ['typos.yaml'],
      () => manifest(GRAPH, SPECS),
      (s) => out.push(s),
      (s) => err.push(s),
    );
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('')).toBe(
      'typos.yaml: SeldonDeployment "typos" is invalid:\n' +
        '  - spec.predictors[0].graph.typ: unknown field (did you mean "type"?)\n' +
        '  - spec.predictors[0].componentSpecs[0].spec.containers[0].imgae: unknown field (did you mean "image"?)\n',
    );
  });
});

describe('seldon-engine run', () => {
  it('warns of misspelled fields it ignores', () => {
    const file = join(dir, 'warn.yaml');
    writeFileSync(
      file,
      manifest(
        `        name: classifier\n        type: MODEL\n        implementation: SIMPLE_MODEL\n        paramters: []`,
        '',
      ),
    );
    const plan = planLocalDeployment({ manifestPath: file });
    expect(plan.warnings).toContain(
      `${file}: spec.predictors[0].graph.paramters: unknown field (did you mean "parameters"?); it is ignored`,
    );
  });

  it('names the misspelled field in the error it causes (componentSpec: no container for the node)', () => {
    const file = join(dir, 'fail.yaml');
    writeFileSync(
      file,
      manifest(
        '        name: classifier\n        type: MODEL',
        '      componentSpec:\n        - spec:\n            containers:\n              - name: classifier\n                image: x:1',
      ),
    );
    let error: unknown;
    try {
      planLocalDeployment({ manifestPath: file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    const message = (error as Error).message;
    expect(message).toContain('classifier');
    expect(message).toContain(
      `${file}: spec.predictors[0].componentSpec: unknown field (did you mean "componentSpecs"?); it is ignored`,
    );
  });
});
