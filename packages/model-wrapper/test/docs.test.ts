// The guide's tables must not drift from the code.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { WRAPPER_ERRORS, MICROSERVICE_DEFAULTS } from '@seldon-ts/model-wrapper';

const guide = readFileSync(new URL('../../../docs/model-wrapper.md', import.meta.url), 'utf8');
/** Table rows as trimmed cells. */
const rows = guide
  .split('\n')
  .filter((l) => l.startsWith('|'))
  .map((l) =>
    l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim()),
  );
const rowFor = (first: string): string[] | undefined => rows.find((r) => r[0] === first);

const GRPC_NAMES: Record<number, string> = {
  2: 'UNKNOWN',
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  12: 'UNIMPLEMENTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
};

describe('docs/model-wrapper.md', () => {
  it('lists every error code with its HTTP status, gRPC code and reason', () => {
    for (const [code, entry] of Object.entries(WRAPPER_ERRORS)) {
      const row = rowFor(`\`${code}\``);
      expect(row).toBeDefined();
      expect(row![2]).toBe(GRPC_NAMES[entry.grpcStatus]);
      if (code !== 'SC_ERR_WRAPPER_USER') {
        expect(row![1]).toBe(String(entry.httpStatus));
        expect(row![3]).toBe(entry.reason);
      }
    }
  });

  it('documents the option defaults', () => {
    expect(rowFor('`maxMessageBytes`')?.[1]).toContain(String(MICROSERVICE_DEFAULTS.maxMessageBytes));
    expect(rowFor('`maxInFlight`')?.[1]).toBe(String(MICROSERVICE_DEFAULTS.maxInFlight));
    expect(rowFor('`drainTimeoutMs`')?.[1]).toBe(String(MICROSERVICE_DEFAULTS.drainTimeoutMs));
    expect(rowFor('`workers`')?.[1]).toBe(String(MICROSERVICE_DEFAULTS.workers));
    expect(rowFor('`restTimeoutMs`')?.[1]).toContain(String(MICROSERVICE_DEFAULTS.restTimeoutMs));
    expect(rowFor('`grpcReflection`')?.[1]).toBe(String(MICROSERVICE_DEFAULTS.grpcReflection));
    expect(rowFor('`host`')?.[1]).toBe(`\`${MICROSERVICE_DEFAULTS.host}\``);
    const { httpPort, grpcPort, metricsPort } = MICROSERVICE_DEFAULTS;
    expect(rowFor('`httpPort` / `grpcPort` / `metricsPort`')?.[1]).toBe(
      `${httpPort} / ${grpcPort} / ${metricsPort}`,
    );
  });
});
