// The Swagger UI page at /api/v1.0/doc/ renders in a real headless browser (Debian's chromium) with
// nothing but the engine reachable: its assets come from the engine, not from a CDN.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineHandle } from 'seldon-engine';
import { startSimpleEngine } from './support/nodes.js';
import { HEADLESS_CHROMIUM_ARGS } from './support/chromium.js';

const CHROMIUM = ['chromium', 'chromium-browser'].find(
  (c) => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0,
);

describe('Swagger UI', () => {
  let engine: EngineHandle;
  let profile: string;
  beforeAll(async () => {
    engine = await startSimpleEngine();
    profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('serves its page and assets from the engine only', async () => {
    const base = `http://127.0.0.1:${engine.httpPort}/api/v1.0/doc/`;
    const page = await (await fetch(base)).text();
    expect(page).not.toMatch(/https?:\/\//);
    for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']) {
      const res = await fetch(`${base}${asset}`);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    expect((await fetch(`${base}../../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${base}package.json`)).status).toBe(404);
  });

  it('renders the engine API in headless chromium', async () => {
    // CI installs chromium (scripts/setup-test-deps.sh); a machine without it fails here, not silently.
    expect(CHROMIUM).toBeDefined();
    // Spawned without blocking: the engine answering the browser runs in this process.
    const browser = spawn(
      CHROMIUM!,
      [
        ...HEADLESS_CHROMIUM_ARGS,
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=10000',
        '--dump-dom',
        `http://127.0.0.1:${engine.httpPort}/api/v1.0/doc/`,
      ],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let dom = '';
    browser.stdout!.on('data', (d: Buffer) => (dom += d.toString()));
    const [code] = (await once(browser, 'exit')) as [number | null];
    const result = { status: code };
    expect(result.status).toBe(0);
    // Swagger UI fetched seldon.json and drew an operation block per path.
    expect(dom).toContain('opblock-summary-path');
    expect(dom).toContain('/api/v1.0/predictions');
    expect(dom).toContain('Seldon engine');
  }, 90_000);
});
