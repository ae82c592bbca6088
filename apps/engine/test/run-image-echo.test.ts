// Example 4 end to end: a PNG in binData, its pixels back as a tensor; the example's client script
// sends a file and writes the returned image.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pngjs from 'pngjs';
import type { LocalDeployment } from '../src/run/index.js';
import { startForTest, example, postJson, repoRoot } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const run = promisify(execFile);
const SAMPLE = `${repoRoot}examples/image-echo/sample.png`;

describe('run example 4: image echo', () => {
  let deployment: LocalDeployment;
  let url: (path: string) => string;
  let dir: string;

  beforeAll(async () => {
    ({ deployment, url } = await startForTest(example('image-echo')));
    dir = mkdtempSync(join(tmpdir(), 'seldon-image-echo-'));
  }, 30_000);
  afterAll(async () => {
    await deployment?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a base64 PNG with its pixels as a [height, width, 3] tensor', async () => {
    const file = readFileSync(SAMPLE);
    const res = await postJson(url('/api/v1.0/predictions'), { binData: file.toString('base64') });
    expect(res.status).toBe(200);
    expect(res.json.data.tensor.shape).toEqual([24, 32, 3]);
    const png = pngjs.PNG.sync.read(file);
    // Pixel (x=5, y=7): R = 5*8, G = 7*10, B = 255 - 5*4 (see how sample.png was drawn).
    const at = (7 * 32 + 5) * 3;
    expect(res.json.data.tensor.values.slice(at, at + 3)).toEqual([40, 70, 235]);
    expect(res.json.data.tensor.values.slice(at, at + 3)).toEqual([
      ...png.data.subarray((7 * 32 + 5) * 4, (7 * 32 + 5) * 4 + 3),
    ]);
    expect(res.json.meta.tags).toEqual({ format: 'png', width: 32, height: 24 });
  });

  it('the client script writes back the same image', async () => {
    const out = join(dir, 'echo.png');
    const { stdout } = await run(
      process.execPath,
      [`${repoRoot}examples/image-echo/client.mjs`, SAMPLE, out, '--url', url('')],
      {
        timeout: 20_000,
      },
    );
    expect(stdout).toContain('got pixels [24, 32, 3]');
    const before = pngjs.PNG.sync.read(readFileSync(SAMPLE));
    const after = pngjs.PNG.sync.read(readFileSync(out));
    expect([after.width, after.height]).toEqual([32, 24]);
    expect(Buffer.from(after.data).equals(Buffer.from(before.data))).toBe(true);
  }, 30_000);

  it('refuses something that is not an image with a clear error', async () => {
    const res = await postJson(url('/api/v1.0/predictions'), {
      binData: Buffer.from('hello').toString('base64'),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(res.json)).toContain('cannot decode image: not a PNG or JPEG file');
  });
});
