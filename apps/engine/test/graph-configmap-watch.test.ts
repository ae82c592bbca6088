// Regression: the graph mounted from a ConfigMap is updated by the kubelet's atomic symlink swap
// (`..data` is re-pointed at a new timestamped directory); the visible `predictor.json` is a symlink
// that is never written, so a watcher that only reacts to events named `predictor.json` missed it.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startEngine, resolveConfig } from 'seldon-engine';
import { startNode, post, type RunningNode } from './support/nodes.js';
import { isMountedFileEvent } from '@seldon-ts/model-wrapper/mounted-file';
import { kubeletWrite, until } from '../../../packages/model-wrapper/test/support/configmap-dir.js';

const predictorJson = (n: RunningNode) =>
  JSON.stringify({
    name: 'default',
    graph: {
      name: n.name,
      type: 'MODEL',
      endpoint: { type: 'REST', service_host: '127.0.0.1', service_port: n.httpPort, httpPort: n.httpPort },
    },
  });

describe('graph file mounted from a ConfigMap', () => {
  let a: RunningNode;
  let b: RunningNode;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-configmap-'));
    a = await startNode('model-a', { predict: () => [[1]] } as never);
    b = await startNode('model-b', { predict: () => [[2]] } as never);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reloads on the kubelet symlink swap, and ignores swaps that leave the content as it was', async () => {
    let current = kubeletWrite(dir, { 'predictor.json': predictorJson(a) });
    const file = join(dir, 'predictor.json');
    const config = resolveConfig(
      ['--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0', '--file', file, '--log_level', 'DEBUG'],
      {},
      { annotationsPath: '/nonexistent' },
    );
    const logs: string[] = [];
    const engine = await startEngine({ ...config, log: (_l, m) => logs.push(m) });
    const predict = async () =>
      (await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[0]]}}')).json().data
        .ndarray;
    try {
      expect(await predict()).toEqual([[1]]);

      // Same content in a new directory: the kubelet does this on resyncs; no reload.
      current = kubeletWrite(dir, { 'predictor.json': predictorJson(a) }, current);
      await until('the unchanged-content check', () => logs.some((l) => l.includes('content unchanged')));
      expect(logs.filter((l) => l.includes('graph reloaded'))).toEqual([]);

      current = kubeletWrite(dir, { 'predictor.json': predictorJson(b) }, current);
      await until('the reload', () => logs.some((l) => l.includes('graph reloaded')));
      expect(await predict()).toEqual([[2]]);
      expect(logs.filter((l) => l.includes('graph reloaded'))).toHaveLength(1);

      // An invalid graph keeps the previous one serving and says why.
      kubeletWrite(
        dir,
        { 'predictor.json': '{"name":"default","graph":{"name":"r","type":"ROUTER"}}' },
        current,
      );
      await until('the refusal', () => logs.some((l) => l.includes('was not applied')));
      expect(logs.find((l) => l.includes('was not applied'))).toContain('node "r"');
      expect(await predict()).toEqual([[2]]);
    } finally {
      await engine.close();
    }
  }, 30_000);
});

describe('the graph file between reading the configuration and watching it', () => {
  let a: RunningNode;
  let b: RunningNode;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-startwatch-'));
    a = await startNode('model-a', { predict: () => [[1]] } as never);
    b = await startNode('model-b', { predict: () => [[2]] } as never);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const nextTimers = () => new Promise((r) => setTimeout(r, 10));

  it('a change made before the watch began is applied, not missed', async () => {
    const file = join(dir, 'predictor.json');
    writeFileSync(file, predictorJson(a));
    const config = resolveConfig(
      ['--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0', '--file', file],
      {},
      { annotationsPath: '/nonexistent' },
    );
    writeFileSync(file, predictorJson(b));
    const logs: string[] = [];
    const engine = await startEngine({ ...config, log: (_l, m) => logs.push(m) });
    try {
      await until('the reload', () => logs.some((l) => l.includes('graph reloaded')));
      const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[0]]}}');
      expect(res.json().data.ndarray).toEqual([[2]]);
    } finally {
      await engine.close();
    }
  });

  it('an unchanged file, SeldonDeployment or predictor, causes no reload at start', async () => {
    const sdep = fileURLToPath(
      new URL('../../../examples/mock-classifier/seldondeployment.yaml', import.meta.url),
    );
    const file = join(dir, 'same.json');
    writeFileSync(file, predictorJson(a));
    for (const path of [sdep, file]) {
      const config = resolveConfig(
        ['--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0', '--file', path],
        {},
        { annotationsPath: '/nonexistent' },
      );
      const logs: string[] = [];
      const engine = await startEngine({ ...config, log: (_l, m) => logs.push(m) });
      await nextTimers();
      await engine.close();
      expect({ path, reloads: logs.filter((l) => l.includes('graph reloaded')) }).toEqual({
        path,
        reloads: [],
      });
    }
  });
});

describe('which directory events make the watcher look', () => {
  it("reacts to the file, the kubelet's `..` entries and unnamed events, not to neighbours", () => {
    const file = '/etc/seldon/graph/predictor.json';
    expect(isMountedFileEvent(file, 'predictor.json')).toBe(true);
    expect(isMountedFileEvent(file, '..data')).toBe(true);
    expect(isMountedFileEvent(file, '..data_tmp')).toBe(true);
    expect(isMountedFileEvent(file, '..2026_05_01_10_00_00.123456789')).toBe(true);
    expect(isMountedFileEvent(file, null)).toBe(true);
    expect(isMountedFileEvent(file, 'other.json')).toBe(false);
    expect(isMountedFileEvent(file, 'predictor.json.swp')).toBe(false);
  });
});
