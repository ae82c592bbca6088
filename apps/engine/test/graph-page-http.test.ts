// The graph page's HTTP routes on a real engine: the page and its assets from the engine alone,
// the graph it draws, live figures that follow requests, off by default; and the traffic split
// `seldon-engine run`'s front door adds in front of several predictors.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { startFrontDoor, type FrontDoor } from '../src/run/front-door.js';

type Msg = { data?: { ndarray?: number[][] } };
const first = (m: Msg) => m.data?.ndarray?.[0]?.[0] ?? 0;

/** A router over two in-process models: x < 10 goes to `small`, else to `large`; x < 0 makes `small` fail. */
function startRouterEngine(predictorName: string, graphPage = true): Promise<EngineHandle> {
  return startEngine({
    httpPort: 0,
    grpcPort: 0,
    host: '127.0.0.1',
    deploymentName: 'page-test',
    graphPage,
    routingInjection: true,
    graphPageExample: '{"data":{"ndarray":[[3]]}}',
    predictor: {
      name: predictorName,
      graph: {
        name: 'size-router',
        type: 'ROUTER',
        children: [
          { name: 'small', type: 'MODEL' },
          { name: 'large', type: 'MODEL' },
        ],
      },
    },
    nodes: {
      'size-router': {
        transport: 'in-process',
        component: { route: (m: Msg) => ({ data: { ndarray: [[first(m) < 10 ? 0 : 1]] } }) },
      },
      small: {
        transport: 'in-process',
        component: {
          predict: (m: Msg) => {
            if (first(m) < 0) throw new Error(`negative input ${first(m)}`);
            return m;
          },
        },
      },
      large: { transport: 'in-process', component: { predict: (m: Msg) => m } },
    },
  });
}

/** GET and parse JSON (the tests read the answers' fields freely). */
async function getJson(url: string): Promise<any> {
  return (await fetch(url)).json();
}

async function predict(port: number, x: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1.0/predictions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { ndarray: [[x]] } }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('graph page routes', () => {
  let engine: EngineHandle;
  let base: string;
  beforeAll(async () => {
    engine = await startRouterEngine('main');
    base = `http://127.0.0.1:${engine.httpPort}`;
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('redirects /graph to /graph/ relatively, so a path prefix in front of the engine is kept', async () => {
    const res = await fetch(`${base}/graph`, { redirect: 'manual' });
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('graph/');
  });

  it('serves the page and every asset from the engine, nothing from elsewhere', async () => {
    const res = await fetch(`${base}/graph/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await res.text();
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain('page-test / main');
    const assets = [...page.matchAll(/(?:href|src)="(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(['assets/page.css', 'assets/favicon.svg', 'assets/page.js']);
    // page.js imports the others; every one is served and none reaches outside.
    let total = Buffer.byteLength(page);
    for (const name of [
      'page.css',
      'favicon.svg',
      'page.js',
      'draw.js',
      'live.js',
      'try-it.js',
      'split.js',
      'format.js',
    ]) {
      const r = await fetch(`${base}/graph/assets/${name}`);
      const text = await r.text();
      expect({ name, status: r.status }).toEqual({ name, status: 200 });
      expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
      total += Buffer.byteLength(text);
    }
    // The weight docs/engine.md states (uncompressed): well under 40 KB.
    expect(total).toBeLessThan(40 * 1024);
    for (const bad of ['assets/../stats.ts', 'assets/page.ts', 'assets/%2e%2e/page-routes.js', 'nothing'])
      expect({ bad, status: (await fetch(`${base}/graph/${bad}`)).status }).toEqual({ bad, status: 404 });
    expect((await fetch(`${base}/graph/stats`, { method: 'POST', body: '{}' })).status).toBe(405);
    // A lone engine has no traffic split: the page hides that panel.
    expect((await fetch(`${base}/graph/split`)).status).toBe(204);
  });

  it('describes the graph: nodes, roles, transports, children in branch order, a try-it example', async () => {
    const model = await getJson(`${base}/graph/model`);
    expect(model).toMatchObject({
      deployment: 'page-test',
      predictor: 'main',
      protocol: 'seldon',
      root: 'size-router',
      predictionPath: '/api/v1.0/predictions',
      exampleRequest: '{"data":{"ndarray":[[3]]}}',
    });
    expect(
      model.nodes.map((n: { name: string; role: string; children: string[] }) => [
        n.name,
        n.role,
        n.children,
      ]),
    ).toEqual([
      ['size-router', 'router', ['small', 'large']],
      ['small', 'model', []],
      ['large', 'model', []],
    ]);
  });

  it('stats follow requests: rates, latencies, branch counts and the last errors', async () => {
    const before = await getJson(`${base}/graph/stats`);
    expect(before.requests.calls).toBe(0);
    expect(before.nodes).toEqual({});
    for (let i = 0; i < 6; i++) expect(await predict(engine.httpPort, 1)).toBe(200);
    for (let i = 0; i < 3; i++) expect(await predict(engine.httpPort, 50)).toBe(200);
    expect(await predict(engine.httpPort, -7)).toBe(500);
    const res = await fetch(`${base}/graph/stats`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const stats = (await res.json()) as any;
    expect(stats.requests).toMatchObject({ calls: 10, errors: 1 });
    expect(stats.routers).toEqual({ 'size-router': { branches: [6, 3] } });
    expect(stats.nodes.small).toMatchObject({ calls: 7, errors: 1, transport: 'in-process' });
    expect(stats.nodes.large).toMatchObject({ calls: 3, errors: 0 });
    expect(stats.nodes['size-router'].calls).toBe(10);
    expect(stats.nodes.small.p50Ms).toBeGreaterThan(0);
    expect(stats.nodes.small.p99Ms).toBeGreaterThanOrEqual(stats.nodes.small.p50Ms);
    expect(stats.errors).toHaveLength(1);
    expect(stats.errors[0]).toMatchObject({ node: 'small', code: 'SC_ERR_GRAPH_NODE_ERROR_RESPONSE' });
    expect(stats.errors[0].message).toContain('negative input -7');
  });

  it('is off unless asked for: no /graph routes', async () => {
    const off = await startRouterEngine('off', false);
    try {
      expect((await fetch(`http://127.0.0.1:${off.httpPort}/graph/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${off.httpPort}/graph/stats`)).status).toBe(404);
      expect(off.config.graphPage).toBe(false);
    } finally {
      await off.close();
    }
  });
});

describe('graph page behind the front door of several predictors', () => {
  let main: EngineHandle;
  let canary: EngineHandle;
  let door: FrontDoor;
  let base: string;
  beforeAll(async () => {
    main = await startRouterEngine('main');
    canary = await startRouterEngine('canary');
    let r = 0;
    door = await startFrontDoor({
      backends: [
        { name: 'main', traffic: 75, shadow: false, httpPort: main.httpPort, grpcPort: main.grpcPort },
        { name: 'canary', traffic: 25, shadow: false, httpPort: canary.httpPort, grpcPort: canary.grpcPort },
      ],
      httpPort: 0,
      grpcPort: 0,
      graphPage: true,
      // Deterministic split: 3 of every 4 requests to main.
      random: () => [0.1, 0.3, 0.5, 0.9][r++ % 4],
      log: () => undefined,
    });
    base = `http://127.0.0.1:${door.httpPort}`;
  });
  afterAll(async () => {
    await door?.close();
    await main?.close();
    await canary?.close();
  });

  it('answers the split of the last minute and shows each predictor through ?predictor=', async () => {
    for (let i = 0; i < 8; i++) expect(await predict(door.httpPort, 1)).toBe(200);
    const split = await getJson(`${base}/graph/split`);
    expect(split).toEqual({
      windowSeconds: 60,
      current: 'main',
      predictors: [
        { name: 'main', traffic: 75, shadow: false, requests: 6 },
        { name: 'canary', traffic: 25, shadow: false, requests: 2 },
      ],
    });
    const canaryModel = await getJson(`${base}/graph/model?predictor=canary`);
    expect(canaryModel.predictor).toBe('canary');
    const canaryStats = await getJson(`${base}/graph/stats?predictor=canary`);
    expect(canaryStats.requests.calls).toBe(2);
    expect((await getJson(`${base}/graph/split?predictor=canary`)).current).toBe('canary');
    const page = await fetch(`${base}/graph/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('page-test / main');
    const unknown = await fetch(`${base}/graph/stats?predictor=nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain(
      'no predictor "nope" in this deployment (predictors: main, canary)',
    );
    // Page requests are not traffic.
    expect(door.counts).toEqual({ main: 6, canary: 2 });
  });
});
