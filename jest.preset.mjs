// Shared Jest settings: native ESM, TypeScript through SWC (type-checking is `tsc -b`),
// workspace packages resolved to their sources so tests never need a prior build.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('.', import.meta.url));

const workspace = {
  '@seldon-ts/payload': 'packages/payload',
  '@seldon-ts/crd-types': 'packages/crd-types',
  '@seldon-ts/graph-executor': 'packages/graph-executor',
  '@seldon-ts/model-wrapper': 'packages/model-wrapper',
  '@seldon-ts/operator': 'packages/operator',
  '@seldon-ts/model-servers': 'packages/model-servers',
  '@seldon-ts/storage': 'packages/storage',
  'seldon-engine': 'apps/engine',
  'seldon-operator': 'apps/operator',
  'seldon-batch-processor': 'apps/batch-processor',
};

/** A package's subpath exports (`./mounted-file` -> its source `src/mounted-file.ts`). */
function subpaths(name, dir) {
  const { exports = {} } = JSON.parse(readFileSync(`${root}${dir}/package.json`, 'utf8'));
  return Object.keys(exports)
    .filter((k) => k !== '.' && k !== './package.json')
    .map((k) => [`^${name}/${k.slice(2)}$`, `${root}${dir}/src/${k.slice(2)}.ts`]);
}

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: {
    ...Object.fromEntries(
      Object.entries(workspace).map(([name, dir]) => [`^${name}$`, `${root}${dir}/src/index.ts`]),
    ),
    ...Object.fromEntries(Object.entries(workspace).flatMap(([name, dir]) => subpaths(name, dir))),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30000,
};
