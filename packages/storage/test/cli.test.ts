// Spawns the built CLI through its bin launcher (run `npx tsc -b packages/storage` first).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startS3rver, S3RVER_KEY, type S3Fixture } from './support/s3rver.js';
import { entries, removeTempDirs, tempDir, tree } from './support/fs.js';

const bin = fileURLToPath(new URL('../bin/seldon-storage-initializer.js', import.meta.url));
let s3: S3Fixture;

beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket('models');
  await s3.put('models', 'iris/model.joblib', 'joblib');
  await s3.put('models', 'iris/a/b.txt', 'nested');
});

afterAll(async () => {
  await s3.close();
  removeTempDirs();
});

async function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

describe('seldon-storage-initializer', () => {
  it('copies s3://bucket/prefix to the destination with the operator-injected variables', async () => {
    const dest = join(tempDir(), 'mnt-models');
    const r = await run(['s3://models/iris', dest], {
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_ENDPOINT: s3.endpoint.replace('http://', ''),
      S3_USE_HTTPS: '0',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      event: 'downloaded',
      destination: dest,
      files: 2,
      bytes: 12,
      credentials: 'AWS_ACCESS_KEY_ID',
    });
    expect(tree(dest)).toEqual({ 'a/b.txt': 'nested', 'model.joblib': 'joblib' });
  });

  it('copies a relative path against --base-dir', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'models/iris'), { recursive: true });
    writeFileSync(join(root, 'models/iris/m.onnx'), 'onnx');
    const dest = join(tempDir(), 'out');
    const r = await run(['file://./models/iris', dest, '--base-dir', root]);
    expect(r.code).toBe(0);
    expect(tree(dest)).toEqual({ 'm.onnx': 'onnx' });
  });

  it('exits 4 with the code and a hint for a missing prefix, writing nothing', async () => {
    const parent = tempDir();
    const r = await run(['s3://models/nope', join(parent, 'm')], {
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
      AWS_ENDPOINT_URL: s3.endpoint,
    });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('SC_ERR_STORAGE_NOT_FOUND: no object s3://models/nope');
    expect(r.stderr).toContain('hint:');
    expect(entries(parent)).toEqual([]);
  });

  it('reads limits from SELDON_STORAGE_* (exit 8 when over) and rejects bad values and usage (exit 2)', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
      AWS_ENDPOINT_URL: s3.endpoint,
    };
    const over = await run(['s3://models/iris', join(tempDir(), 'm')], {
      ...env,
      SELDON_STORAGE_MAX_FILES: '1',
    });
    expect(over.code).toBe(8);
    expect(over.stderr).toContain('SC_ERR_STORAGE_TOO_LARGE');
    const bad = await run(['s3://models/iris', '/tmp/x'], { SELDON_STORAGE_RETRIES: 'many' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SELDON_STORAGE_RETRIES must be a non-negative integer, got "many"');
    const usage = await run(['s3://models/iris']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('expected 2 arguments <modelUri> <destination>, got 1');
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: seldon-storage-initializer <modelUri> <destination>');
  });
});
