// Bundles the sidecar engine for the engine image: apps/engine/dist/cli.js and the workspace code it
// serves with (graph-executor, payload, crd-types) become a few ES module files in dist/bundle/,
// with esbuild. A pod's engine then starts without resolving and compiling some 85 module files:
// docs/benchmarks.md "Fourth pass: one bundle for the image" has the measurement.
//
// What stays outside the bundle, loaded from node_modules as without it:
// - every third-party package (undici, prom-client, grpc-js, protobufjs, OpenTelemetry, kafkajs, ...);
// - @seldon-ts/model-wrapper and the other workspace packages a pod's engine does not serve with;
// - the subcommands `run`, `validate`, `kafka-proxy` and `call`: cli.js imports their unbundled
//   files, so a local run shares one copy of payload with the model wrapper and the components it
//   loads, as with the module files.
// Two things keep one copy of each module inside the bundle:
// - the lazily required protobuf side of payload and crd-types' defaulting are entry points of
//   their own (bundle/payload.mjs, bundle/crd-types-defaults.mjs) sharing chunks with cli.mjs, and
//   the two `createRequire(...)('<package>')` calls that load them are pointed at those files;
// - `import.meta.url` in the engine's own files is the URL of the file it was compiled to, so
//   `../package.json`, the graph page's assets and every `createRequire` resolve as before.
// Usage: node apps/engine/scripts/bundle.mjs   (after `tsc -b apps/engine`)
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const engineDir = fileURLToPath(new URL('..', import.meta.url));
const dist = join(engineDir, 'dist');
const outdir = join(dist, 'bundle');

/** Workspace packages compiled into the bundle (with their subpath entries). */
const BUNDLED_PACKAGES = ['@seldon-ts/payload', '@seldon-ts/graph-executor', '@seldon-ts/crd-types'];

/** cli.js's subcommand modules, left as files: imported from dist/bundle/ as `../<path>`. */
const UNBUNDLED_SUBCOMMANDS = [
  './run/index.js',
  './internal/validate-command.js',
  './kafka-proxy.js',
  './internal/call-command.js',
];

/** Synchronous loads of a package entry that must find the bundle's copy: specifier -> bundle file. */
const LAZY_ENTRIES = {
  '@seldon-ts/payload': 'payload',
  '@seldon-ts/crd-types/defaults': 'crd-types-defaults',
};

const isBundledPackage = (specifier) =>
  BUNDLED_PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`));

/** Resolves what stays outside: third-party and unbundled workspace packages, cli's subcommands. */
const externals = {
  name: 'seldon-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('node:') || isBundledPackage(args.path)
        ? undefined
        : { path: args.path, external: true },
    );
    b.onResolve({ filter: /^\.\// }, (args) =>
      args.importer === join(dist, 'cli.js') && UNBUNDLED_SUBCOMMANDS.includes(args.path)
        ? { path: `.${args.path}`, external: true }
        : undefined,
    );
  },
};

/** Escapes a string for a RegExp. */
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Each lazy load of LAZY_ENTRIES as compiled by tsc, and the load of the bundle's entry instead. */
const LAZY_LOADS = Object.entries(LAZY_ENTRIES).map(([specifier, entry]) => ({
  specifier,
  call: new RegExp(`createRequire\\(import\\.meta\\.url\\)\\(\\s*'${literal(specifier)}',?\\s*\\)`, 'g'),
  bundled: `createRequire(import.meta.url /* the bundle's */)('./${entry}.mjs')`,
}));

/**
 * Rewrites the lazy `createRequire(import.meta.url)('<entry>')` loads to the bundle's entry files,
 * and `import.meta.url` in the engine's own files to the URL of their compiled file. Fails the
 * build when a lazy load it must rewrite is not found, so a refactor cannot silently load a
 * second copy of a package.
 */
function rewrites(found) {
  return {
    name: 'seldon-rewrites',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        for (const { specifier, call, bundled } of LAZY_LOADS) {
          text = text.replace(call, () => {
            found.add(specifier);
            return bundled;
          });
        }
        if (args.path.startsWith(`${dist}/`) && text.includes('import.meta.url')) {
          const original = relative(outdir, args.path);
          text = text.replace(
            /import\.meta\.url(?! \/\* the bundle's)/g,
            `new URL(${JSON.stringify(original)}, import.meta.url).href`,
          );
        }
        return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

export async function bundleEngine() {
  await rm(outdir, { recursive: true, force: true });
  const found = new Set();
  const result = await build({
    absWorkingDir: engineDir,
    entryPoints: {
      cli: join(dist, 'cli.js'),
      payload: '@seldon-ts/payload',
      'crd-types-defaults': '@seldon-ts/crd-types/defaults',
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [externals, rewrites(found)],
  });
  const missing = Object.keys(LAZY_ENTRIES).filter((s) => !found.has(s));
  if (missing.length > 0) {
    throw new Error(`bundle: no createRequire(import.meta.url)('${missing.join("') or ('")}') to rewrite`);
  }
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const metafile = await bundleEngine();
  const files = Object.entries(metafile.outputs).filter(([name]) => name.endsWith('.mjs'));
  const bytes = files.reduce((n, [, o]) => n + o.bytes, 0);
  process.stdout.write(`bundle: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB in ${outdir}\n`);
}
