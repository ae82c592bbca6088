import tseslint from 'typescript-eslint';

/** Package boundaries: a package is used through its exports, never through its files. */
const boundaries = {
  patterns: [
    {
      group: [
        '@seldon-ts/*/src/*',
        '@seldon-ts/*/dist/*',
        '@seldon-ts/*/internal/*',
        'seldon-*/src/*',
        'seldon-*/dist/*',
      ],
      message: 'Import a package through its exports (package.json "exports"), not its files.',
    },
    { group: ['**/node_modules/**'], message: 'Import packages by name, not by a node_modules path.' },
  ],
};

/** graph-executor may use crd-types for types only (a devDependency). */
const crdTypesForTypesOnly = {
  name: '@seldon-ts/crd-types',
  allowTypeImports: true,
  message: 'graph-executor may use crd-types for types only (a devDependency).',
};

/**
 * The socket transports of graph-executor: only their own files (and the `./rest`, `./grpc`
 * subpath entry points) may load them, so the core knows nothing but the NodeClient interface.
 */
const graphExecutorTransports = [
  'packages/graph-executor/src/rest.ts',
  'packages/graph-executor/src/grpc.ts',
  'packages/graph-executor/src/node-client/rest.ts',
  'packages/graph-executor/src/node-client/rest-*.ts',
  'packages/graph-executor/src/node-client/grpc.ts',
  'packages/graph-executor/src/node-client/grpc-*.ts',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '.nx/**', 'benchmarks/node_modules/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', boundaries],
    },
  },
  {
    // The graph core checks its graph type against crd-types at compile time only: ajv and yaml
    // must not ship to embedders for a type check.
    files: ['packages/graph-executor/src/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { ...boundaries, paths: [crdTypesForTypesOnly] }],
    },
  },
  {
    // Node clients are plugins of the graph core (issue 15): the core talks to the NodeClient
    // interface and the app hands it the REST and gRPC clients, so importing the core loads
    // neither undici nor @grpc/grpc-js.
    files: ['packages/graph-executor/src/**/*.ts'],
    ignores: graphExecutorTransports,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            crdTypesForTypesOnly,
            { name: 'undici', message: 'Only the REST node client (node-client/rest*.ts) loads undici.' },
            {
              name: '@grpc/grpc-js',
              message: 'Only the gRPC node client (node-client/grpc*.ts) loads @grpc/grpc-js.',
            },
          ],
          patterns: [
            ...boundaries.patterns,
            {
              group: ['**/node-client/rest*', '**/node-client/grpc*', './rest*', './grpc*'],
              allowTypeImports: true,
              message:
                'The graph core must not load a socket transport: the app passes RestNodeClient / GrpcNodeClient (subpaths ./rest, ./grpc) in GraphExecutorInit.clients.',
            },
          ],
        },
      ],
    },
  },
  {
    // express is an optional peer of the model wrapper: only its `./express` subpath may load it.
    files: ['packages/model-wrapper/src/**/*.ts'],
    ignores: ['packages/model-wrapper/src/express.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...boundaries,
          paths: [
            { name: 'express', message: 'express is loaded only by src/express.ts (an optional peer).' },
          ],
        },
      ],
    },
  },
);
