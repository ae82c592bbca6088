import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultDecodeOptions, payloadErrorCatalogue } from '../src/index.js';

const docs = readFileSync(fileURLToPath(new URL('../../../docs/payload.md', import.meta.url)), 'utf8');

describe('docs/payload.md matches the code', () => {
  it('lists every error code with its HTTP status and gRPC code', () => {
    const rows = new Map(
      [...docs.matchAll(/^\| `(SC_ERR_PAYLOAD_[A-Z0-9_]+)` +\| (\d+) +\| [A-Z_]+ \((\d+)\) +\|/gm)].map(
        (m) => [m[1], [Number(m[2]), Number(m[3])]],
      ),
    );
    const catalogue = new Map(
      Object.entries(payloadErrorCatalogue).map(([code, c]) => [code, [c.httpStatus, c.grpcStatus]]),
    );
    expect(rows).toEqual(catalogue);
  });

  it('documents every decode option with its default', () => {
    for (const [name, value] of Object.entries(defaultDecodeOptions)) {
      expect(docs).toMatch(new RegExp(`^\\| \`${name}\` +\\| \`${String(value)}\``, 'm'));
    }
  });
});
