// `seldon-engine run` serves prepackaged model servers with no annotation: XGBOOST_SERVER and
// ONNX_SERVER nodes with a `modelUri` next to the manifest (file://./model) or in an S3 bucket
// (downloaded by the storage initializer's code into a temporary folder, removed on close).
import { describe, it, expect, afterEach, jest } from '@jest/globals';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client, CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { EngineError } from 'seldon-engine';
import type { LocalDeployment } from '../src/run/index.js';
import { example, postJson, repoRoot, runCli, startForTest, stopStarted, until } from './run-helpers.js';

jest.setTimeout(60_000);

const IRIS = { data: { ndarray: [[5.1, 3.5, 1.4, 0.2]] } };

let deployment: LocalDeployment | undefined;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await deployment?.close();
  deployment = undefined;
  await stopStarted();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A copy of an example's manifest in a temporary folder, edited by `edit`. */
function manifestCopy(name: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'run-prepackaged-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'seldondeployment.yaml');
  writeFileSync(path, edit(readFileSync(example(name), 'utf8')));
  return path;
}

describe('seldon-engine run: prepackaged servers', () => {
  it('serves examples/xgboost-iris (XGBOOST_SERVER, model.json evaluated in TypeScript)', async () => {
    const started = await startForTest(example('xgboost-iris'));
    deployment = started.deployment;
    expect(started.logs.join('\n')).toContain(
      `default/classifier: XGBOOST_SERVER serves ${repoRoot}examples/xgboost-iris/model`,
    );
    const res = await postJson(started.url('/api/v1.0/predictions'), IRIS);
    expect(res.status).toBe(200);
    const [row] = res.json.data.ndarray as number[][];
    expect(row).toHaveLength(3);
    expect(row!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(row!.indexOf(Math.max(...row!))).toBe(0); // setosa
  });

  it('serves examples/onnx-iris (ONNX_SERVER) through the CLI, from the manifest folder', async () => {
    // The CLI runs from the repository root: file://./model resolves against the manifest, not the cwd.
    const run = runCli([example('onnx-iris'), '--http-port', '0', '--grpc-port', '0']);
    await until('the banner', () => /REST\s+http:\/\/127\.0\.0\.1:(\d+)/.test(run.out()), 30_000);
    const port = /REST\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(run.out())![1];
    const res = await postJson(`http://127.0.0.1:${port}/api/v1.0/predictions`, IRIS);
    expect(res.status).toBe(200);
    expect(res.json.data.names).toEqual(['probabilities:0', 'probabilities:1', 'probabilities:2']);
    const [row] = res.json.data.ndarray as number[][];
    expect(row![0]).toBeGreaterThan(0.9);
  });

  it('downloads an s3:// modelUri with the storage initializer and removes it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's3rver-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
    const { port } = (await s3.run()) as { port: number };
    cleanup.push(() => s3.close());
    const client = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    cleanup.push(() => client.destroy());
    await client.send(new CreateBucketCommand({ Bucket: 'models' }));
    await client.send(
      new PutObjectCommand({
        Bucket: 'models',
        Key: 'iris/v1/model.json',
        Body: readFileSync(`${repoRoot}examples/xgboost-iris/model/model.json`),
      }),
    );
    const manifest = manifestCopy('xgboost-iris', (t) =>
      t.replace('modelUri: file://./model', 'modelUri: s3://models/iris/v1'),
    );
    const env = {
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      S3_ENDPOINT: `127.0.0.1:${port}`,
      S3_USE_HTTPS: '0',
      AWS_REGION: 'us-east-1',
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    cleanup.push(() => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });
    const started = await startForTest(manifest);
    deployment = started.deployment;
    const served = /XGBOOST_SERVER serves (\S+)/.exec(started.logs.join('\n'))![1]!;
    expect(existsSync(join(served, 'model.json'))).toBe(true);
    const res = await postJson(started.url('/api/v1.0/predictions'), IRIS);
    expect(res.status).toBe(200);
    expect((res.json.data.ndarray as number[][])[0]).toHaveLength(3);
    await deployment.close();
    deployment = undefined;
    expect(existsSync(served)).toBe(false);
  });

  it('names the node and the cause when a model is missing or a server has no local build', async () => {
    const empty = manifestCopy('xgboost-iris', (t) => t.replace('file://./model', 'file://./nowhere'));
    mkdirSync(join(empty, '..', 'nowhere'));
    await expect(startForTest(empty)).rejects.toThrow(/classifier/);

    const noUri = manifestCopy('xgboost-iris', (t) => t.replace(/\s+modelUri: file:\/\/\.\/model/, ''));
    const err = await startForTest(noUri).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(EngineError);
    // The webhook's own rule refuses it first, naming the node and the field.
    expect((err as Error).message).toMatch(/invalid[\s\S]*classifier[\s\S]*modelUri/);

    const sklearn = manifestCopy('xgboost-iris', (t) =>
      t.replace('implementation: XGBOOST_SERVER', 'implementation: SKLEARN_SERVER'),
    );
    await expect(startForTest(sklearn)).rejects.toThrow(
      /prepackaged server SKLEARN_SERVER has no local build; served here: ONNX_SERVER, XGBOOST_SERVER/,
    );
  });

  it('copies nothing for a local model: the server reads the folder next to the manifest', async () => {
    const manifest = manifestCopy('xgboost-iris', (t) => t);
    cpSync(`${repoRoot}examples/xgboost-iris/model`, join(manifest, '..', 'model'), { recursive: true });
    const started = await startForTest(manifest);
    deployment = started.deployment;
    expect(started.logs.join('\n')).toContain(`XGBOOST_SERVER serves ${join(manifest, '..', 'model')}`);
  });
});
