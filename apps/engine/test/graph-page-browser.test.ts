// The graph page in a real headless browser (Debian's chromium driven by playwright-core) on
// example 2 run by `seldon-engine run`: the drawing has the graph's nodes, its figures change as
// requests come, the router's share moves to the branch its client rewards, the try-it panel gets
// an answer and marks its path. Saves a screenshot to tmp/graph-page.png (ignored by git); copy it
// to docs/images/graph-page.png to refresh the one docs/engine.md shows.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LocalDeployment } from '../src/run/index.js';
import { startForTest, example, postJson, repoRoot } from './run-helpers.js';
import { HEADLESS_CHROMIUM_ARGS } from './support/chromium.js';

jest.setTimeout(60_000);

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = `${repoRoot}tmp/graph-page.png`;
const REQUEST = { data: { ndarray: [[1.0, 2.0, 5.0]] } };

describe('graph page in headless chromium (example 2, epsilon-greedy router)', () => {
  let deployment: LocalDeployment;
  let url: (path: string) => string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    // CI installs chromium (scripts/setup-test-deps.sh); a machine without it fails here, not silently.
    expect(existsSync(CHROMIUM)).toBe(true);
    ({ deployment, url } = await startForTest(example('egreedy-router')));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: HEADLESS_CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    // A script error or a request the page's CSP refuses would show here.
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await deployment?.close();
  });

  const nodeText = (name: string) => page.locator(`g.node[data-node="${name}"]`).textContent();

  it('is announced in the start banner and draws the graph with its nodes', async () => {
    expect(deployment.banner()).toContain(`Graph ${url('/graph/')}`);
    await page.goto(url('/graph'));
    expect(page.url()).toBe(url('/graph/'));
    await page.locator('g.node').nth(3).waitFor();
    const names = await page
      .locator('g.node')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node')));
    expect(names).toEqual(['eg-router', 'classifier-1', 'classifier-2', 'classifier-3']);
    expect(await nodeText('eg-router')).toContain('ROUTER');
    expect(await page.locator('path.edge').count()).toBe(3);
    await expect(page.locator('#summary').textContent()).resolves.toMatch(/^0 predictions/);
  });

  it('changes its figures after requests; the router share moves to the rewarded branch', async () => {
    const rewarded = 2;
    const client = async (rounds: number) => {
      for (let i = 0; i < rounds; i++) {
        const prediction = await postJson(url('/api/v1.0/predictions'), REQUEST);
        const route = prediction.json.meta.routing['eg-router'] as number;
        await postJson(url('/api/v1.0/feedback'), {
          request: REQUEST,
          response: prediction.json,
          reward: route === rewarded ? 1 : 0,
        });
      }
    };
    await Promise.all([client(75), client(75), client(75), client(75)]);
    // The page polls once a second: wait for it to show the 300 predictions (locators, not
    // evaluated strings: the page's CSP allows no eval).
    await page.locator('#summary', { hasText: /^300 predictions/ }).waitFor();
    expect(await nodeText('eg-router')).toMatch(/req\/s · p50 .+ · p99 /);
    const shares = await page
      .locator('text.share')
      .evaluateAll((ts) => ts.map((t) => Number((t.textContent ?? '').replace('%', ''))));
    expect(shares).toHaveLength(3);
    expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(98);
    expect(shares.indexOf(Math.max(...shares))).toBe(rewarded);
  });

  it('try it: sends the prefilled request, shows the answer and marks its path', async () => {
    expect(JSON.parse(await page.locator('#try-body').inputValue())).toEqual(REQUEST);
    await page.locator('#try-send').click();
    await page.locator('#try-answer', { hasText: 'requestPath' }).waitFor();
    const answer = JSON.parse((await page.locator('#try-answer').textContent()) ?? '');
    expect(await page.locator('#try-status').textContent()).toMatch(/^HTTP 200/);
    const route = answer.meta.routing['eg-router'] as number;
    const marked = await page
      .locator('g.node.on-path')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node')));
    expect(marked).toEqual(['eg-router', `classifier-${route + 1}`]);
    expect(await page.locator('path.edge.on-path').count()).toBe(1);
  });

  it('lists the last errors with their node and message', async () => {
    // A request the engine cannot use: the list names no node, and gives the code and message.
    const bad = await postJson(url('/api/v1.0/predictions'), {
      data: { ndarray: [[1, 2]], tensor: { shape: [1] } },
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    await page.locator('#errors li:not(.muted)').first().waitFor();
    expect(await page.locator('#errors li').first().textContent()).toMatch(/SC_ERR_|MICROSERVICE|:/);
  });

  it('reads well: screenshot for docs/engine.md, no script or CSP errors', async () => {
    mkdirSync(`${repoRoot}tmp`, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // A rendered page of boxes, lines and text, not a blank one (which compresses to a few KB).
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(20_000);
    expect(problems).toEqual([]);
  });
});
