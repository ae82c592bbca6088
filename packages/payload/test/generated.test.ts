import { describe, it, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('generated protobuf code', () => {
  it('is what regenerating from /proto produces (run `npm run generate:proto -w @seldon-ts/payload`)', () => {
    const out = mkdtempSync(join(tmpdir(), 'payload-gen-'));
    try {
      const r = spawnSync(process.execPath, [join(pkg, 'scripts/generate-proto.mjs'), out], {
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const generated = [...files(join(out, 'generated')), ...files(join(out, 'proto'))]
        .map((f) => relative(out, f))
        .sort();
      const checkedIn = [...files(join(pkg, 'generated')), ...files(join(pkg, 'proto'))]
        .map((f) => relative(pkg, f))
        .sort();
      expect(checkedIn).toEqual(generated);
      for (const f of generated) {
        expect({ file: f, text: readFileSync(join(pkg, f), 'utf8') }).toEqual({
          file: f,
          text: readFileSync(join(out, f), 'utf8'),
        });
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
