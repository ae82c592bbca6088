// Shared Jest settings: native ESM, TypeScript through SWC (type-checking is `tsc -b`),
// workspace packages resolved to their sources so tests never need a prior build.
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('.', import.meta.url));

const workspace = {
  '@seldon-ts/payload': 'packages/payload',
  '@seldon-ts/crd-types': 'packages/crd-types',
  '@seldon-ts/graph-executor': 'packages/graph-executor',
  '@seldon-ts/model-wrapper': 'packages/model-wrapper',
  '@seldon-ts/operator': 'packages/operator',
  'seldon-engine': 'apps/engine',
  'seldon-operator': 'apps/operator',
  'seldon-batch-processor': 'apps/batch-processor',
};

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
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30000,
};
