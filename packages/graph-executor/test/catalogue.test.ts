// The README's error table and options table are checked against the code, so the docs cannot drift.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { graphErrors, GraphError } from '@seldon-ts/graph-executor';
import { GrpcStatus, SeldonError } from '@seldon-ts/payload';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('error catalogue', () => {
  it('every code is in the README table with its HTTP and gRPC status', () => {
    for (const [code, spec] of Object.entries(graphErrors)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${code}\``));
      expect(row).toBeDefined();
      const [, , http, grpc] = row!.split('|').map((c) => c.trim());
      if (code === 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE') {
        expect(http).toBe("node's");
        continue;
      }
      expect(http).toBe(String(spec.httpStatus));
      const name = Object.entries(GrpcStatus).find(([, v]) => v === spec.grpcStatus)![0];
      expect(grpc).toBe(`${spec.grpcStatus} ${name}`);
    }
  });

  it('codes are prefixed, unique, and every error carries both statuses', () => {
    for (const code of Object.keys(graphErrors)) {
      expect(code.startsWith('SC_ERR_GRAPH_')).toBe(true);
      const err = new GraphError(code as keyof typeof graphErrors, 'x', { nodeName: 'n' });
      expect(err.httpStatus).toBeGreaterThanOrEqual(400);
      expect(err).toBeInstanceOf(SeldonError);
      expect(err.grpcStatus).toBeGreaterThan(0);
      expect(err.toSeldonStatus()).toEqual({
        status: { code: err.httpStatus, info: 'x', reason: code, status: 'FAILURE' },
      });
    }
  });

  it('every executor option is documented with its default', () => {
    const documented = [
      'protocol',
      'defaultTransport',
      'routingInjection',
      'timeoutMs',
      'nodeTimeoutMs',
      'maxDecodedBytes',
      'fullHealthChecks',
      'readyTimeoutMs',
      'random',
    ];
    const source = readFileSync(new URL('../src/graph-executor.ts', import.meta.url), 'utf8');
    const block = source.slice(
      source.indexOf('export interface GraphExecutorOptions'),
      source.indexOf('\n}\n', source.indexOf('export interface GraphExecutorOptions')),
    );
    const declared = [...block.matchAll(/readonly (\w+)\?:/g)].map((m) => m[1]);
    expect(declared.sort()).toEqual([...documented].sort());
    for (const name of documented) expect(readme).toMatch(new RegExp(`\\| \`${name}\` +\\| `));
  });

  it('every node client option is documented in the README with its default', () => {
    for (const [file, iface] of [
      ['rest.ts', 'RestNodeClientOptions'],
      ['grpc.ts', 'GrpcNodeClientOptions'],
    ] as const) {
      const source = readFileSync(new URL(`../src/node-client/${file}`, import.meta.url), 'utf8');
      const start = source.indexOf(`export interface ${iface}`);
      const block = source.slice(start, source.indexOf('\n}\n', start));
      const declared = [...block.matchAll(/readonly (\w+)\?:/g)].map((m) => m[1]!);
      expect(declared.length).toBeGreaterThan(5);
      const paragraph = readme.slice(readme.indexOf(`\n\`${iface}\` (`));
      const text = paragraph.slice(0, paragraph.indexOf('\n\n'));
      for (const name of declared) expect(text).toMatch(new RegExp(`\`${name}\` (\\d|\\{\\})`));
    }
  });
});
