import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { downloadModel } from '../src/index.js';
import { startS3rver, S3RVER_KEY, type S3Fixture } from './support/s3rver.js';
import { closeServers, closedPort, serve } from './support/http-server.js';
import { entries, removeTempDirs, tempDir, tree } from './support/fs.js';

let s3: S3Fixture;
let env: Record<string, string>;

beforeAll(async () => {
  s3 = await startS3rver();
  env = { AWS_ACCESS_KEY_ID: S3RVER_KEY, AWS_SECRET_ACCESS_KEY: S3RVER_KEY, AWS_ENDPOINT_URL: s3.endpoint };
  await s3.createBucket('models');
  await s3.put('models', 'sklearn/iris/model.joblib', 'joblib-bytes');
  await s3.put('models', 'sklearn/iris/metadata.yaml', 'name: iris\n');
  await s3.put('models', 'sklearn/iris/sub/deeper/weights.bin', Buffer.alloc(3000, 7));
  await s3.put('models', 'sklearn/iris2/other.txt', 'not under iris/');
  await s3.put('models', 'single/model.onnx', 'onnx');
});

afterAll(async () => {
  await s3.close();
  await closeServers();
  removeTempDirs();
});

describe('s3://', () => {
  it('downloads every object under a nested prefix, keeping the folders, not the sibling prefix', async () => {
    const dest = join(tempDir(), 'models');
    const result = await downloadModel('s3://models/sklearn/iris', dest, { env });
    expect(tree(dest)).toEqual({
      'metadata.yaml': 'name: iris\n',
      'model.joblib': 'joblib-bytes',
      'sub/deeper/weights.bin': '\u0007'.repeat(3000),
    });
    expect(result).toMatchObject({ files: 3, bytes: 12 + 11 + 3000, credentialSource: 'AWS_ACCESS_KEY_ID' });
  });

  it('downloads a single object named by the URI into the destination', async () => {
    const dest = tempDir();
    await downloadModel('s3://models/single/model.onnx', dest, { env });
    expect(tree(dest)).toEqual({ 'model.onnx': 'onnx' });
  });

  it('reads the rclone secret format of the reference default initializer (remote "s3" and another name)', async () => {
    const rclone = (name: string) => ({
      [`RCLONE_CONFIG_${name}_TYPE`]: 's3',
      [`RCLONE_CONFIG_${name}_PROVIDER`]: 'minio',
      [`RCLONE_CONFIG_${name}_ENV_AUTH`]: 'false',
      [`RCLONE_CONFIG_${name}_ACCESS_KEY_ID`]: S3RVER_KEY,
      [`RCLONE_CONFIG_${name}_SECRET_ACCESS_KEY`]: S3RVER_KEY,
      [`RCLONE_CONFIG_${name}_ENDPOINT`]: s3.endpoint,
    });
    const a = tempDir();
    await downloadModel('s3://models/sklearn/iris', a, { env: rclone('S3') });
    expect(Object.keys(tree(a))).toHaveLength(3);
    const b = tempDir();
    const result = await downloadModel('minio:models/single', b, { env: rclone('MINIO') });
    expect(tree(b)).toEqual({ 'model.onnx': 'onnx' });
    expect(result.credentialSource).toBe('RCLONE_CONFIG_MINIO_ACCESS_KEY_ID');
  });

  it('sends unsigned requests for an rclone remote without keys (public bucket)', async () => {
    // s3rver rejects a signed request with an unknown key id, so success means no signature was sent.
    const dest = tempDir();
    const result = await downloadModel('s3://models/single', dest, {
      env: { RCLONE_CONFIG_S3_TYPE: 's3', RCLONE_CONFIG_S3_ENDPOINT: s3.endpoint },
    });
    expect(result.credentialSource).toBe('anonymous');
    expect(tree(dest)).toEqual({ 'model.onnx': 'onnx' });
  });

  it('gives NOT_FOUND for a missing prefix and a missing bucket, leaving nothing behind', async () => {
    const parent = tempDir();
    await expect(downloadModel('s3://models/sklearn/nope', join(parent, 'm'), { env })).rejects.toMatchObject(
      {
        code: 'SC_ERR_STORAGE_NOT_FOUND',
        message: expect.stringContaining('no object s3://models/sklearn/nope and no objects under'),
      },
    );
    await expect(downloadModel('s3://no-such-bucket/x', join(parent, 'm'), { env })).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_NOT_FOUND',
      message: expect.stringContaining('NoSuchBucket'),
    });
    expect(entries(parent)).toEqual([]);
  });

  it('gives ACCESS_DENIED for an unknown access key id (s3rver checks key ids, not V4 signatures)', async () => {
    const parent = tempDir();
    await expect(
      downloadModel('s3://models/sklearn/iris', join(parent, 'm'), {
        env: { ...env, AWS_ACCESS_KEY_ID: 'WRONG' },
      }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_ACCESS_DENIED',
      message: expect.stringContaining('InvalidAccessKeyId'),
    });
    expect(entries(parent)).toEqual([]);
  });

  it('gives ACCESS_DENIED for a wrong secret, as an S3 server answers it (SignatureDoesNotMatch)', async () => {
    // s3rver 3.7 does not verify V4 signatures, so a peer answers the 403 real S3 and MinIO send.
    let authorization = '';
    const endpoint = await serve((req, res) => {
      authorization = req.headers.authorization ?? '';
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code>' +
          '<Message>The request signature we calculated does not match the signature you provided.</Message></Error>',
      );
    });
    await expect(
      downloadModel('s3://models/iris', tempDir(), {
        env: { AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'wrong', AWS_ENDPOINT_URL: endpoint },
      }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_ACCESS_DENIED',
      message: expect.stringContaining('SignatureDoesNotMatch'),
    });
    expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=id\//);
  });

  it('gives UNREACHABLE for a wrong endpoint after the configured retries', async () => {
    const port = await closedPort();
    await expect(
      downloadModel('s3://models/sklearn/iris', tempDir(), {
        env: { ...env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
        retries: 1,
        retryBaseDelayMs: 1,
      }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_UNREACHABLE',
      message: expect.stringContaining('after 2 attempts'),
    });
  });

  it('refuses a prefix larger than maxTotalBytes or with more than maxFiles before writing', async () => {
    const parent = tempDir();
    await expect(
      downloadModel('s3://models/sklearn/iris', join(parent, 'm'), { env, maxTotalBytes: 1000 }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_TOO_LARGE',
      message: expect.stringContaining('3023 bytes'),
    });
    await expect(
      downloadModel('s3://models/sklearn/iris', join(parent, 'm'), { env, maxFiles: 2 }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_TOO_LARGE',
    });
    expect(entries(parent)).toEqual([]);
  });

  it('refuses an object key with a ".." segment before downloading anything', async () => {
    // s3rver normalises keys on disk, so an S3 peer lists the hostile key itself.
    const fetched: string[] = [];
    const endpoint = await serve((req, res) => {
      if (req.url?.includes('list-type=2')) {
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>models</Name><Prefix>iris/</Prefix>' +
            '<KeyCount>2</KeyCount><IsTruncated>false</IsTruncated>' +
            '<Contents><Key>iris/ok.txt</Key><Size>2</Size></Contents>' +
            '<Contents><Key>iris/../../etc/evil</Key><Size>4</Size></Contents></ListBucketResult>',
        );
        return;
      }
      fetched.push(req.url ?? '');
      res.end('ok');
    });
    const parent = tempDir();
    await expect(
      downloadModel('s3://models/iris', join(parent, 'm'), { env: { ...env, AWS_ENDPOINT_URL: endpoint } }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_UNSAFE_PATH',
      message: expect.stringContaining('iris/../../etc/evil'),
    });
    expect(fetched).toEqual([]);
    expect(entries(parent)).toEqual([]);
  });

  it('into an existing destination (the emptyDir mount point): replaces same-named entries, keeps others', async () => {
    const dest = tempDir();
    await downloadModel('s3://models/single', dest, { env });
    await downloadModel('s3://models/sklearn/iris', dest, { env });
    expect(Object.keys(tree(dest)).sort()).toEqual([
      'metadata.yaml',
      'model.joblib',
      'model.onnx',
      'sub/deeper/weights.bin',
    ]);
    expect(entries(dest).some((e) => e.startsWith('.seldon-storage-'))).toBe(false);
    expect(existsSync(join(dest, 'sub'))).toBe(true);
  });
});
