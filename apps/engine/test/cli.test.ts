// The seldon-engine CLI as users run it (through tsx, so no build is needed), and the graph file watch.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEngine } from 'seldon-engine';
import { startNode, post, get, type RunningNode } from './support/nodes.js';

const engineDir = fileURLToPath(new URL('..', import.meta.url));

function cli(
  args: string[],
  env: Record<string, string> = {},
  onStdout?: (text: string, kill: () => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: engineDir,
      env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: 'test/support/tsconfig.paths.json', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      onStdout?.(stderr, () => child.kill('SIGTERM'));
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const sdep = (graph: string) => `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata:
  name: demo
spec:
  predictors:
  - name: default
    componentSpecs:
    - spec:
        containers:
        - name: classifier
          image: seldonio/mock_classifier:1.0
    graph:
${graph}
`;

describe('seldon-engine CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'engine-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validate: a valid manifest exits 0, an invalid one exits 1 naming the problem', async () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, sdep('      name: classifier\n      type: MODEL'));
    const ok = await cli(['validate', good]);
    expect(ok.stdout).toContain('SeldonDeployment "demo" is valid');
    expect(ok.code).toBe(0);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, sdep('      name: router\n      type: ROUTER\n      children: []'));
    const res = await cli(['validate', bad]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('SeldonDeployment "demo" is invalid');
    expect(res.stderr).toContain('router');
  }, 30_000);

  it('serve refuses an invalid graph with a message naming the node', async () => {
    const predictor = Buffer.from(
      JSON.stringify({ name: 'p', graph: { name: 'lonely-router', type: 'ROUTER' } }),
    ).toString('base64');
    const res = await cli(['--sdep', 's', '--namespace', 'n', '--http_port', '0', '--grpc_port', '0'], {
      ENGINE_PREDICTOR: predictor,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('SC_ERR_ENGINE_GRAPH_INVALID');
    expect(res.stderr).toContain('node "lonely-router"');
  }, 30_000);

  it('serve starts from ENGINE_PREDICTOR, logs the effective configuration and stops on SIGTERM', async () => {
    const predictor = Buffer.from(
      JSON.stringify({ name: 'p', graph: { name: 'simple', implementation: 'SIMPLE_MODEL' } }),
    ).toString('base64');
    let port = 0;
    const res = await cli(
      ['--sdep', 's', '--namespace', 'n', '--http_port', '0', '--grpc_port', '0', '--host', '127.0.0.1'],
      { ENGINE_PREDICTOR: predictor },
      (text, kill) => {
        const m = /http 127\.0\.0\.1:(\d+)/.exec(text);
        if (m && !port) {
          port = Number(m[1]);
          void get(port, '/ready').then((r) => {
            expect(r.status).toBe(200);
            kill();
          });
        }
      },
    );
    expect(port).toBeGreaterThan(0);
    expect(res.stderr).toContain('effective configuration');
    expect(res.code).toBe(0);
  }, 30_000);
});

describe('graph file watch', () => {
  let a: RunningNode;
  let b: RunningNode;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-watch-'));
    a = await startNode('a', { predict: () => [[1]] } as never);
    b = await startNode('b', { predict: () => [[2]] } as never);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const graphYaml = (n: RunningNode) =>
    `name: ${n.name}\ntype: MODEL\nendpoint: {service_host: 127.0.0.1, service_port: ${n.httpPort}, httpPort: ${n.httpPort}}\n`;

  it('applies a changed graph without a restart, and keeps the old one when the new one is invalid', async () => {
    const file = join(dir, 'graph.yaml');
    writeFileSync(file, graphYaml(a));
    const { resolveConfig } = await import('seldon-engine');
    const config = resolveConfig(
      ['--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0', file],
      {},
      { annotationsPath: '/nonexistent' },
    );
    const logs: string[] = [];
    const engine = await startEngine({ ...config, log: (_l, m) => logs.push(m) });
    try {
      expect(
        (await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[0]]}}')).json().data
          .ndarray,
      ).toEqual([[1]]);
      writeFileSync(file, graphYaml(b));
      for (let i = 0; i < 100 && !logs.some((l) => l.includes('graph reloaded')); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(
        (await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[0]]}}')).json().data
          .ndarray,
      ).toEqual([[2]]);
      writeFileSync(file, 'name: broken\ntype: ROUTER\n');
      for (let i = 0; i < 100 && !logs.some((l) => l.includes('was not applied')); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(logs.find((l) => l.includes('was not applied'))).toContain('node "broken"');
      expect(
        (await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[0]]}}')).json().data
          .ndarray,
      ).toEqual([[2]]);
    } finally {
      await engine.close();
    }
  }, 30_000);
});
