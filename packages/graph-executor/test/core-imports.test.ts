// Node clients are plugins of the core (issue 15): importing `@seldon-ts/graph-executor` loads
// neither undici nor @grpc/grpc-js; each comes with its subpath (`./rest`, `./grpc`). Checked in a
// fresh process, since this test process has loaded both already.
import { describe, it, expect } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The packages a fresh process has loaded from node_modules after importing `entries` (sources). */
function packagesLoadedBy(...entries: string[]): Promise<string[]> {
  const script = `
    import { createRequire } from 'node:module';
    for (const entry of ${JSON.stringify(entries)}) await import(entry);
    const cache = Object.keys(createRequire(process.cwd() + '/').cache);
    const names = cache
      .filter((p) => p.includes('/node_modules/'))
      .map((p) => p.slice(p.lastIndexOf('/node_modules/') + 14).split('/'))
      .map((parts) => (parts[0].startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/'));
    console.log(JSON.stringify([...new Set(names)]));
  `;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: packageDir },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

describe('the core entry point', () => {
  it('loads no socket transport; the ./rest and ./grpc subpaths load theirs', async () => {
    const [core, rest, grpc] = await Promise.all([
      packagesLoadedBy('./src/index.ts'),
      packagesLoadedBy('./src/index.ts', './src/rest.ts'),
      packagesLoadedBy('./src/index.ts', './src/grpc.ts'),
    ]);
    expect(core).not.toContain('undici');
    expect(core).not.toContain('@grpc/grpc-js');
    expect(rest).toContain('undici');
    expect(rest).not.toContain('@grpc/grpc-js');
    expect(grpc).toContain('@grpc/grpc-js');
    expect(grpc).not.toContain('undici');
  }, 60000);
});
