import { describe, expect, it } from '@jest/globals';
import {
  batchOptionDefaults,
  batchOptionSpecs,
  isBatchError,
  parseBatchArgs,
  resolveBatchOptions,
} from '../src/index.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return isBatchError(error) ? error.code : `not a BatchError: ${String(error)}`;
  }
  return undefined;
};

describe('parseBatchArgs', () => {
  it('reads the reference flags, short flags and --flag=value', () => {
    const parsed = parseBatchArgs([
      '-d',
      'dep',
      '--gateway-type=seldon',
      '-h',
      '127.0.0.1:9',
      '-t',
      'grpc',
      '-a',
      'raw',
      '-p',
      'tensor',
      '-w',
      '4',
      '-r',
      '2',
      '-i',
      'in',
      '-o',
      'out',
      '-m',
      'predict',
      '-l',
      'debug',
      '-b',
      '-u',
      'id',
      '-s',
      '3',
      '--batch-interval',
      '0.5',
      '--use-ssl',
      'false',
      '--ssl-verify',
    ]);
    expect(parsed).toEqual({
      help: false,
      options: {
        deploymentName: 'dep',
        gatewayType: 'seldon',
        host: '127.0.0.1:9',
        transport: 'grpc',
        dataType: 'raw',
        payloadType: 'tensor',
        workers: 4,
        retries: 2,
        inputDataPath: 'in',
        outputDataPath: 'out',
        method: 'predict',
        logLevel: 'debug',
        benchmark: true,
        batchId: 'id',
        batchSize: 3,
        batchIntervalMs: 500,
        useSsl: false,
        sslVerify: true,
      },
    });
  });

  it('takes SELDON_BATCH_* environment variables, flags winning', () => {
    const parsed = parseBatchArgs(['-w', '8'], {
      SELDON_BATCH_DEPLOYMENT_NAME: 'envdep',
      SELDON_BATCH_WORKERS: '2',
      SELDON_BATCH_BENCHMARK: 'true',
      SELDON_BATCH_MIN_INTERVAL: '1.5',
    });
    expect(parsed).toEqual({
      help: false,
      options: { deploymentName: 'envdep', workers: 8, benchmark: true, batchIntervalMs: 1500 },
    });
  });

  it('rejects unknown flags, bad choices, bad numbers and missing values with SC_ERR_BATCH_INVALID_OPTION', () => {
    expect(codeOf(() => parseBatchArgs(['--nope']))).toBe('SC_ERR_BATCH_INVALID_OPTION');
    expect(codeOf(() => parseBatchArgs(['-t', 'http']))).toBe('SC_ERR_BATCH_INVALID_OPTION');
    expect(codeOf(() => parseBatchArgs(['-w', 'four']))).toBe('SC_ERR_BATCH_INVALID_OPTION');
    expect(codeOf(() => parseBatchArgs(['-w']))).toBe('SC_ERR_BATCH_INVALID_OPTION');
    expect(codeOf(() => parseBatchArgs([], { SELDON_BATCH_USE_SSL: 'maybe' }))).toBe(
      'SC_ERR_BATCH_INVALID_OPTION',
    );
    expect(parseBatchArgs(['--help'])).toEqual({ help: true });
  });
});

describe('resolveBatchOptions', () => {
  it('applies the documented defaults and makes a time-based batch id', () => {
    const o = resolveBatchOptions({ deploymentName: 'd' });
    expect(o).toMatchObject(batchOptionDefaults);
    expect(o.batchId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-/);
    expect(resolveBatchOptions({ deploymentName: 'd' }).batchId).not.toBe(o.batchId);
  });

  it('enforces the reference pre-checks and the new safety checks', () => {
    expect(codeOf(() => resolveBatchOptions({} as never))).toBe('SC_ERR_BATCH_MISSING_OPTION');
    expect(codeOf(() => resolveBatchOptions({ deploymentName: 'd', method: 'feedback' }))).toBe(
      'SC_ERR_BATCH_UNSUPPORTED_COMBINATION',
    );
    expect(codeOf(() => resolveBatchOptions({ deploymentName: 'd', batchSize: 2, dataType: 'json' }))).toBe(
      'SC_ERR_BATCH_UNSUPPORTED_COMBINATION',
    );
    expect(
      codeOf(() => resolveBatchOptions({ deploymentName: 'd', inputDataPath: '/a', outputDataPath: '/a' })),
    ).toBe('SC_ERR_BATCH_UNSUPPORTED_COMBINATION');
    expect(
      codeOf(() => resolveBatchOptions({ deploymentName: 'd', inputDataPath: 's3://bucket/in.txt' })),
    ).toBe('SC_ERR_BATCH_UNSUPPORTED_URL');
    expect(codeOf(() => resolveBatchOptions({ deploymentName: 'd', workers: 0 }))).toBe(
      'SC_ERR_BATCH_INVALID_OPTION',
    );
    expect(codeOf(() => resolveBatchOptions({ deploymentName: 'd', bogus: 1 } as never))).toBe(
      'SC_ERR_BATCH_INVALID_OPTION',
    );
    expect(resolveBatchOptions({ deploymentName: 'd', inputDataPath: 'file:///tmp/x' }).inputDataPath).toBe(
      '/tmp/x',
    );
  });

  it('has one CLI spec per option field, each with an env variable', () => {
    const keys = batchOptionSpecs.map((s) => s.key).sort();
    expect(keys).toEqual([...Object.keys(batchOptionDefaults), 'deploymentName', 'batchId'].sort());
    expect(new Set(batchOptionSpecs.map((s) => s.env)).size).toBe(batchOptionSpecs.length);
  });
});

describe('docs/batch.md', () => {
  it('lists every option with its flag, env variable and default', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/batch.md', import.meta.url), 'utf8');
    const rows = doc.split('\n').filter((l) => l.startsWith('| `--'));
    for (const spec of batchOptionSpecs) {
      const row = rows.find((r) => r.startsWith(`| \`${spec.flag}\``));
      expect(row ?? `no row for ${spec.flag}`).toContain(spec.env);
      const def = (batchOptionDefaults as Record<string, unknown>)[spec.key];
      if (typeof def === 'number' && spec.kind === 'int') expect(row).toContain(`\`${def}\``);
      if (typeof def === 'string' && def !== '' && spec.key !== 'progress')
        expect(row).toContain(`\`${def}\``);
    }
  });
});
