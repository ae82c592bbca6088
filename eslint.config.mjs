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
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...boundaries,
          paths: [
            {
              name: '@seldon-ts/crd-types',
              allowTypeImports: true,
              message: 'graph-executor may use crd-types for types only (a devDependency).',
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
