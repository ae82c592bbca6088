// The published artefacts are what is tested: every workspace package is packed with `npm pack`,
// the tarballs are installed into a scratch project, and each package's entry point is imported
// from there by a separate Node process. Needs a prior build (`npm test` runs `tsc -b` first).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Workspace {
  dir: string;
  name: string;
  bin: string[];
  types?: string;
}

function workspaces(): Workspace[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(root, group))
      .filter((d) => existsSync(join(root, group, d, 'package.json')))
      .map((d) => {
        const pkg = JSON.parse(readFileSync(join(root, group, d, 'package.json'), 'utf8'));
        const bin = typeof pkg.bin === 'string' ? [pkg.name] : Object.keys(pkg.bin ?? {});
        return {
          dir: join(root, group, d),
          name: pkg.name as string,
          bin,
          types: pkg.exports?.['.']?.types ?? pkg.types,
        };
      }),
  );
}

function run(cmd: string, args: string[], cwd: string, timeoutMs = 120_000) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

/** Package names of the bare module specifiers a package's built JS imports (static and dynamic). */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  // A module specifier has no whitespace or comma (so a string like 'from' in a list is not one).
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"\s,]+)['"]/gm;
  for (const file of jsFiles(join(dir, 'dist'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(specifier)) {
      const spec = m[1];
      if (
        spec.startsWith('.') ||
        spec.startsWith('/') ||
        spec.startsWith('node:') ||
        builtinModules.includes(spec.split('/')[0])
      )
        continue;
      found.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return found;
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Spawns a long-running command and resolves once `find` extracts a value from its output. */
function spawnUntil(
  cmd: string,
  args: string[],
  cwd: string,
  find: (output: string) => string | undefined,
): Promise<{ value: string; stop: () => Promise<void> }> {
  const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const value = find(output);
      if (value !== undefined) resolve({ value, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`${cmd} ${args.join(' ')} exited:\n${output}`)));
  });
}

describe('declared dependencies', () => {
  for (const w of workspaces()) {
    it(`${w.name}: every package its dist imports is a dependency (or peer dependency)`, () => {
      const pkg = JSON.parse(readFileSync(join(w.dir, 'package.json'), 'utf8'));
      const declared = new Set([
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
        pkg.name,
      ]);
      const undeclared = [...importedPackages(w.dir)].filter((p) => !declared.has(p));
      expect({ pkg: w.name, undeclared }).toEqual({ pkg: w.name, undeclared: [] });
    });
  }
});

describe('published packages (npm pack + install + import)', () => {
  const all = workspaces();
  let scratch: string;
  const tarballs = new Map<string, string>();

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'seldon-ts-pack-'));
    const packDir = join(scratch, 'tarballs');
    const project = join(scratch, 'project');
    for (const d of [packDir, project]) spawnSync('mkdir', ['-p', d]);
    const missing = all.filter((w) => !existsSync(join(w.dir, 'dist')));
    if (missing.length > 0)
      throw new Error(`not built (run npx tsc -b first): ${missing.map((w) => w.name).join(', ')}`);

    const packed = run('npm', ['pack', '--workspaces', '--json', '--pack-destination', packDir], root);
    if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.out}`);
    const report = JSON.parse(packed.out.slice(packed.out.indexOf('['), packed.out.lastIndexOf(']') + 1)) as {
      name: string;
      filename: string;
    }[];
    for (const r of report) tarballs.set(r.name, join(packDir, r.filename));

    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'pack-scratch', private: true, type: 'module' }),
    );
    // The lock serialises npm runs with other installs on a shared machine (when flock exists).
    const npmInstall = [
      'npm',
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      ...tarballs.values(),
    ];
    const hasFlock = spawnSync('flock', ['--version']).status === 0;
    const installed = hasFlock
      ? run('flock', ['/tmp/npm.lock', ...npmInstall], project, 110_000)
      : run(npmInstall[0], npmInstall.slice(1), project, 110_000);
    if (installed.status !== 0) throw new Error(`npm install of the tarballs failed:\n${installed.out}`);
  }, 240_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('packs every workspace package', () => {
    expect([...tarballs.keys()].sort()).toEqual(all.map((w) => w.name).sort());
  });

  for (const w of workspaces()) {
    it(`${w.name}: entry point imports from the installed tarball, types and bins are shipped`, () => {
      const project = join(scratch, 'project');
      const installedDir = join(project, 'node_modules', w.name);
      const r = run(
        process.execPath,
        ['--input-type=module', '-e', `await import(${JSON.stringify(w.name)});`],
        project,
        60_000,
      );
      expect({ pkg: w.name, status: r.status, out: r.status === 0 ? '' : r.out }).toEqual({
        pkg: w.name,
        status: 0,
        out: '',
      });
      if (w.types) expect(existsSync(join(installedDir, w.types))).toBe(true);
      for (const b of w.bin) expect(existsSync(join(project, 'node_modules', '.bin', b))).toBe(true);
    });
  }

  it('a model project outside the repository serves its .ts model with the installed bins', async () => {
    const project = join(scratch, 'project');
    // The model imports the wrapper the way docs/model-wrapper.md shows.
    writeFileSync(
      join(project, 'doubler.ts'),
      [
        "import type { ComponentInput } from '@seldon-ts/model-wrapper';",
        "import { NdArray } from '@seldon-ts/model-wrapper';",
        'export default class Doubler {',
        '  predict(X: ComponentInput): number[] {',
        '    return [...(X as NdArray).toFloat64Array()].map((v) => v * 2);',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const service = await spawnUntil(
      join(project, 'node_modules', '.bin', 'seldon-microservice'),
      ['doubler.ts', '--http-port', '0', '--grpc-port', '0', '--metrics-port', '0', '--host', '127.0.0.1'],
      project,
      (out) => /"httpPort":(\d+)/.exec(out)?.[1],
    );
    try {
      const answer = await postJson(`http://127.0.0.1:${service.value}/predict`, {
        data: { ndarray: [1, 2.5] },
      });
      expect(answer).toEqual({ data: { names: [], ndarray: [2.0, 5.0] }, meta: {} });
    } finally {
      await service.stop();
    }

    writeFileSync(
      join(project, 'seldondeployment.yaml'),
      [
        'apiVersion: machinelearning.seldon.io/v1',
        'kind: SeldonDeployment',
        'metadata:',
        '  name: doubler',
        '  annotations:',
        "    seldon.io/local-doubler: 'module:./doubler.ts'",
        'spec:',
        '  predictors:',
        '    - name: default',
        '      graph: { name: doubler, type: MODEL }',
        '      componentSpecs:',
        '        - spec: { containers: [{ name: doubler, image: doubler:0.1 }] }',
        '',
      ].join('\n'),
    );
    const engine = await spawnUntil(
      join(project, 'node_modules', '.bin', 'seldon-engine'),
      ['run', 'seldondeployment.yaml', '--http-port', '0', '--grpc-port', '0'],
      project,
      (out) => /http:\/\/127\.0\.0\.1:(\d+)\/api\/v1\.0\/predictions/.exec(out)?.[1],
    );
    try {
      const answer = await postJson(`http://127.0.0.1:${engine.value}/api/v1.0/predictions`, {
        data: { ndarray: [3] },
      });
      expect(answer.data).toEqual({ names: [], ndarray: [6.0] });
    } finally {
      await engine.stop();
    }
  }, 120_000);

  it('@seldon-ts/payload works from the tarball (generated code and .proto files shipped)', () => {
    const project = join(scratch, 'project');
    const script = `
      import { decodeMessage, messageToProto, messageFromProto, encodeMessage, proto } from '@seldon-ts/payload';
      import { existsSync } from 'node:fs';
      import { fileURLToPath } from 'node:url';
      const m = decodeMessage('{"data":{"tensor":{"shape":[1,2],"values":[1,2]}}}');
      const back = encodeMessage(messageFromProto(messageToProto(m)));
      const file = fileURLToPath(import.meta.resolve('@seldon-ts/payload/proto/prediction.proto'));
      console.log(JSON.stringify({ back, generated: typeof proto.seldon.protos.SeldonMessage.decode, proto: existsSync(file) }));
    `;
    const r = run(process.execPath, ['--input-type=module', '-e', script], project, 60_000);
    expect(r.status).toBe(0);
    // Through protobuf the values are doubles, written as Python's protobuf JSON writes them (docs/payload.md).
    expect(JSON.parse(r.out.trim().split('\n').pop()!)).toEqual({
      back: '{"data":{"tensor":{"shape":[1,2],"values":[1.0,2.0]}}}',
      generated: 'function',
      proto: true,
    });
  });
});
