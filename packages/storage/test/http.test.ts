import { describe, it, expect, afterAll, afterEach, jest } from '@jest/globals';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { downloadModel, type StorageError } from '../src/index.js';
import { closeServers, closedPort, serve } from './support/http-server.js';
import { entries, removeTempDirs, tempDir, tree } from './support/fs.js';

afterEach(() => {
  jest.useRealTimers();
});

afterAll(async () => {
  await closeServers();
  removeTempDirs();
});

describe('http(s)://', () => {
  it('downloads one file named after the URL path, following a redirect', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/latest') {
        res.writeHead(302, { Location: '/models/iris%20v1/model.joblib?sig=abc' });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Length': '5' });
      res.end('bytes');
    });
    const dest = tempDir();
    await downloadModel(`${base}/models/iris%20v1/model.joblib?sig=abc`, dest);
    expect(tree(dest)).toEqual({ 'model.joblib': 'bytes' });
    const redirected = join(tempDir(), 'm');
    await downloadModel(`${base}/latest`, redirected);
    expect(tree(redirected)).toEqual({ latest: 'bytes' });
  });

  it('maps 404 to NOT_FOUND and 403 to ACCESS_DENIED, without retrying them', async () => {
    let hits = 0;
    const base = await serve((req, res) => {
      hits++;
      res.writeHead(req.url === '/secret.bin' ? 403 : 404);
      res.end();
    });
    const parent = tempDir();
    await expect(downloadModel(`${base}/missing.bin`, join(parent, 'm'))).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_NOT_FOUND',
      message: `${base}/missing.bin: HTTP 404`,
    });
    await expect(downloadModel(`${base}/secret.bin`, join(parent, 'm'))).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_ACCESS_DENIED',
    });
    expect(hits).toBe(2);
    expect(entries(parent)).toEqual([]);
  });

  it('gives PARTIAL_DOWNLOAD when the connection is cut mid-body, after retrying, leaving nothing', async () => {
    let hits = 0;
    const base = await serve((_req, res) => {
      hits++;
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write(Buffer.alloc(400, 1), () => res.socket?.destroy());
    });
    const parent = tempDir();
    const err = (await downloadModel(`${base}/model.bin`, join(parent, 'm'), {
      retries: 2,
      retryBaseDelayMs: 1,
    }).catch((e: unknown) => e)) as StorageError;
    expect(err.code).toBe('SC_ERR_STORAGE_PARTIAL_DOWNLOAD');
    expect(err.message).toContain('after 3 attempts');
    expect(hits).toBe(3);
    expect(entries(parent)).toEqual([]);
  });

  it('retries a 503 and succeeds on the next attempt', async () => {
    let hits = 0;
    const base = await serve((_req, res) => {
      hits++;
      if (hits === 1) res.writeHead(503).end();
      else res.end('second time');
    });
    const dest = tempDir();
    await downloadModel(`${base}/model.txt`, dest, { retryBaseDelayMs: 1 });
    expect(tree(dest)).toEqual({ 'model.txt': 'second time' });
    expect(hits).toBe(2);
  });

  it('refuses a body announced larger than maxTotalBytes, and one that grows past it (chunked)', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/announced.bin') res.writeHead(200, { 'Content-Length': '2048' });
      res.end(Buffer.alloc(2048));
    });
    const parent = tempDir();
    for (const name of ['announced.bin', 'chunked.bin']) {
      await expect(
        downloadModel(`${base}/${name}`, join(parent, 'm'), { maxTotalBytes: 1024 }),
      ).rejects.toMatchObject({
        code: 'SC_ERR_STORAGE_TOO_LARGE',
      });
    }
    expect(entries(parent)).toEqual([]);
  });

  it('gives UNREACHABLE when nothing listens', async () => {
    const port = await closedPort();
    await expect(
      downloadModel(`http://127.0.0.1:${port}/m.bin`, tempDir(), { retries: 0 }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('gives TIMEOUT when no headers come for requestTimeoutMs (fake timers)', async () => {
    let arrived!: () => void;
    const requested = new Promise<void>((resolve) => (arrived = resolve));
    const base = await serve(() => arrived());
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const parent = tempDir();
    const download = downloadModel(`${base}/slow.bin`, join(parent, 'm'), {
      retries: 0,
      requestTimeoutMs: 30_000,
    });
    const outcome = download.catch((e: unknown) => e);
    await requested;
    jest.advanceTimersByTime(29_999);
    jest.advanceTimersByTime(1);
    expect(await outcome).toMatchObject({
      code: 'SC_ERR_STORAGE_TIMEOUT',
      message: `${base}/slow.bin: no response headers for 30000 ms`,
    });
    expect(entries(parent)).toEqual([]);
  });

  it('gives TIMEOUT when the body stalls for requestTimeoutMs (fake timers)', async () => {
    let started!: () => void;
    const stalled = new Promise<void>((resolve) => (started = resolve));
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '10' });
      res.write('12345', () => started());
    });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const parent = tempDir();
    const outcome = downloadModel(`${base}/stall.bin`, join(parent, 'm'), {
      retries: 0,
      requestTimeoutMs: 5_000,
    }).catch((e: unknown) => e);
    await stalled;
    // The clock moves only once the first 5 bytes are in the staging file (the body has started).
    const staged = () => {
      const dir = readdirSync(parent).find((e) => e.startsWith('.m.seldon-storage-'));
      const file = dir === undefined ? undefined : join(parent, dir, 'stall.bin');
      return file !== undefined && existsSync(file) && statSync(file).size === 5;
    };
    while (!staged()) await new Promise((resolve) => setImmediate(resolve));
    jest.advanceTimersByTime(5_000);
    const err = await outcome;
    expect(err).toMatchObject({ code: 'SC_ERR_STORAGE_TIMEOUT' });
    expect((err as Error).message).toContain('no body bytes for 5000 ms');
    expect(entries(parent)).toEqual([]);
  });

  it('stops when the caller aborts, leaving nothing', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '10' });
      res.write('12345');
    });
    const controller = new AbortController();
    const parent = tempDir();
    const outcome = downloadModel(`${base}/m.bin`, join(parent, 'm'), { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    setTimeout(() => controller.abort(), 50);
    expect(await outcome).toMatchObject({ code: 'SC_ERR_STORAGE_ABORTED' });
    expect(entries(parent)).toEqual([]);
  });

  it('refuses gs://, Azure and pvc:// with a clear error before touching the destination', async () => {
    const parent = tempDir();
    await expect(downloadModel('gs://seldon-models/sklearn/iris', join(parent, 'm'))).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_UNSUPPORTED_SCHEME',
      message: expect.stringContaining('Google Cloud Storage is not supported yet'),
    });
    await expect(
      downloadModel('https://acct.blob.core.windows.net/c/p', join(parent, 'm')),
    ).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_UNSUPPORTED_SCHEME',
    });
    await expect(downloadModel('pvc://claim/iris', join(parent, 'm'))).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_UNSUPPORTED_SCHEME',
      message: expect.stringContaining('pass /mnt/pvc/iris'),
    });
    await expect(downloadModel('minio:models/iris', join(parent, 'm'), { env: {} })).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_UNSUPPORTED_SCHEME',
      message: expect.stringContaining('RCLONE_CONFIG_MINIO_TYPE=s3'),
    });
    expect(entries(parent)).toEqual([]);
  });

  it('rejects invalid options by name', async () => {
    await expect(downloadModel('x', tempDir(), { retries: -1 })).rejects.toMatchObject({
      code: 'SC_ERR_STORAGE_BAD_OPTION',
      message: 'option retries must be an integer >= 0, got -1',
    });
  });
});
