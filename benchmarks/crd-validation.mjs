// Cost of validating and defaulting a SeldonDeployment with @seldon-ts/crd-types, as ratios
// against baselines measured in the same run:
// - per call: JSON round-trip (structuredClone) of the same object is the baseline;
// - start-up: compiling the same schema with ajv at run time (what the standalone validator avoids).
// Run: npx tsc -b packages/crd-types && node benchmarks/crd-validation.mjs
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as crd from '@seldon-ts/crd-types';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The ajv that crd-types builds its validator with (v8; the root node_modules holds another major).
const fromCrdTypes = createRequire(fileURLToPath(import.meta.resolve('@seldon-ts/crd-types')));
const { default: Ajv2020Module } = await import(pathToFileURL(fromCrdTypes.resolve('ajv/dist/2020.js')).href);

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const fixture = new URL('../packages/crd-types/test/fixtures/reference-example.yaml', import.meta.url);
const sdep = crd.parseSeldonDeployment(readFileSync(fixture, 'utf8'));

function perOp(fn, minMs = 400) {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
  }
  return ((performance.now() - start) * 1000) / n; // µs per op
}

const baseline = perOp(() => structuredClone(sdep));
const validate = perOp(() => crd.validateSeldonDeployment(sdep));
const defaults = perOp(() => crd.defaultSeldonDeployment(sdep));

// Start-up: ajv compile of the spec schema at run time (fresh instance each time).
const compileMs = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  ajv.compile(crd.seldonDeploymentSpecSchema);
  compileMs.push(performance.now() - t);
}
compileMs.sort((a, b) => a - b);
const compiled = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(
  crd.seldonDeploymentSpecSchema,
);
const runtimeAjv = perOp(() => compiled(sdep.spec));

const rows = [
  ['structuredClone (baseline)', baseline],
  ['validateSeldonDeployment', validate],
  ['defaultSeldonDeployment', defaults],
  ['runtime-compiled ajv, schema only', runtimeAjv],
];
console.log('per call, reference 06 §9 example (2 predictors, 3 nodes):');
for (const [name, us] of rows)
  console.log(
    `  ${name.padEnd(36)} ${us.toFixed(2).padStart(8)} µs  ${(us / baseline).toFixed(2)}x baseline`,
  );
console.log(
  `start-up avoided by the standalone validator: ajv compile median ${compileMs[2].toFixed(1)} ms (min ${compileMs[0].toFixed(1)} ms), ` +
    `${((compileMs[2] * 1000) / validate).toFixed(0)}x one validateSeldonDeployment call`,
);
