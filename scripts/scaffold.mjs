// One-off scaffold of a workspace project (kept for adding new packages consistently).
// usage: node scripts/scaffold.mjs <packages|apps> <dir> <npm-name> "<description>" [dep ...]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
const [kind, dir, name, description, ...deps] = process.argv.slice(2);
const root = join(kind, dir);
mkdirSync(join(root, 'src'), { recursive: true });
mkdirSync(join(root, 'test'), { recursive: true });
const w = (p, s) => {
  if (!existsSync(join(root, p))) writeFileSync(join(root, p), s);
};
const internal = deps.filter((d) => d.startsWith('@seldon-ts/'));
w(
  'package.json',
  JSON.stringify(
    {
      name,
      version: '0.1.0',
      description,
      type: 'module',
      license: 'Apache-2.0',
      engines: { node: '>=20.19' },
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './package.json': './package.json',
      },
      main: './dist/index.js',
      types: './dist/index.d.ts',
      files: ['dist', '!dist/**/*.tsbuildinfo', 'README.md'],
      dependencies: Object.fromEntries(internal.map((d) => [d, '0.1.0'])),
    },
    null,
    2,
  ) + '\n',
);
w(
  'tsconfig.json',
  JSON.stringify({ files: [], references: [{ path: './tsconfig.lib.json' }] }, null, 2) + '\n',
);
const refDir = (d) => {
  const n = d.replace('@seldon-ts/', '');
  return ['engine', 'operator-app', 'batch-processor'].includes(n)
    ? null
    : `../../packages/${n}/tsconfig.lib.json`;
};
w(
  'tsconfig.lib.json',
  JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist', tsBuildInfoFile: 'dist/tsconfig.lib.tsbuildinfo' },
      include: ['src/**/*.ts', 'src/**/*.json'],
      references: internal
        .map(refDir)
        .filter(Boolean)
        .map((path) => ({ path })),
    },
    null,
    2,
  ) + '\n',
);
w(
  'jest.config.mjs',
  `import preset from '../../jest.preset.mjs';\n\nexport default { ...preset, displayName: '${dir}' };\n`,
);
w('README.md', `# ${name}\n\n${description}\n`);
w('src/index.ts', `export {};\n`);
console.log('scaffolded', root);
