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

// Regression: the engine ran the operator's defaulting over a SeldonDeployment file, so an endpoint
// written in it (127.0.0.1:<port>) became localhost:9000 and every call failed with
// SC_ERR_GRAPH_NODE_UNREACHABLE. The reference executor takes the predictor as written.
describe('a graph file keeps the endpoints written in it', () => {
  let node: RunningNode;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-endpoints-'));
    node = await startNode('classifier', { predict: () => [[0.25, 0.75]] } as never);
  });
  afterAll(async () => {
    await node?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const written = () => ({ service_host: '127.0.0.1', service_port: node.httpPort, type: 'REST' });
  const sdepYaml = () =>
    sdep(
      `      name: classifier\n      type: MODEL\n      endpoint: {service_host: 127.0.0.1, service_port: ${node.httpPort}, type: REST}`,
    );
  const predictor = () => ({
    name: 'default',
    graph: { name: 'classifier', type: 'MODEL', endpoint: written() },
  });

  it('seldon-engine --file sdep.yaml answers a prediction from the node at the written address', async () => {
    const file = join(dir, 'sdep.yaml');
    writeFileSync(file, sdepYaml());
    let answer: { status: number; text: string } | undefined;
    const res = await cli(
      ['--file', file, '--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0', '--watch=false'],
      {},
      (text, kill) => {
        const m = /http 127\.0\.0\.1:(\d+)/.exec(text);
        if (m && !answer) {
          answer = { status: 0, text: '' };
          void post(Number(m[1]), '/api/v1.0/predictions', '{"data":{"ndarray":[[1,2]]}}')
            .then((r) => (answer = { status: r.status, text: r.text }))
            .finally(kill);
        }
      },
    );
    expect(res.code).toBe(0);
    expect(answer?.status).toBe(200);
    expect(JSON.parse(answer?.text ?? '{}').data.ndarray).toEqual([[0.25, 0.75]]);
  }, 30_000);

  it.each([
    ['a SeldonDeployment YAML file', 'sdep.yaml', () => sdepYaml(), {}],
    [
      'a SeldonDeployment JSON file',
      'sdep.json',
      () =>
        JSON.stringify({
          apiVersion: 'machinelearning.seldon.io/v1',
          kind: 'SeldonDeployment',
          metadata: { name: 'demo' },
          spec: {
            predictors: [
              {
                ...predictor(),
                componentSpecs: [
                  { spec: { containers: [{ name: 'classifier', image: 'seldonio/mock_classifier:1.0' }] } },
                ],
              },
            ],
          },
        }),
      {},
    ],
    ['a PredictorSpec JSON file', 'predictor.json', () => JSON.stringify(predictor()), {}],
  ])('%s: the endpoint is kept as written and the prediction answers', async (_what, name, text) => {
    const file = join(dir, name);
    writeFileSync(file, text());
    const { resolveConfig } = await import('seldon-engine');
    const config = resolveConfig(
      ['--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0', '--watch=false', '--file', file],
      {},
      { annotationsPath: '/nonexistent' },
    );
    expect(config.predictor.graph.endpoint).toMatchObject(written());
    const engine = await startEngine({ ...config, log: () => undefined });
    try {
      const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1,2]]}}');
      expect(res.status).toBe(200);
      expect(res.json().data.ndarray).toEqual([[0.25, 0.75]]);
    } finally {
      await engine.close();
    }
  });

  it('ENGINE_PREDICTOR: the endpoint is kept as written and the prediction answers', async () => {
    const { resolveConfig } = await import('seldon-engine');
    const config = resolveConfig(
      ['--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0'],
      { ENGINE_PREDICTOR: Buffer.from(JSON.stringify(predictor())).toString('base64') },
      { annotationsPath: '/nonexistent' },
    );
    expect(config.predictor.graph.endpoint).toEqual(written());
    const engine = await startEngine({ ...config, log: () => undefined });
    try {
      const res = await post(engine.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1,2]]}}');
      expect(res.json().data.ndarray).toEqual([[0.25, 0.75]]);
    } finally {
      await engine.close();
    }
  });

  it('only what is missing is defaulted as the operator would (type, endpoint address and ports)', async () => {
    const file = join(dir, 'partial.yaml');
    writeFileSync(
      file,
      sdep(
        [
          '      name: classifier',
          '      endpoint: {type: REST}',
          '      children:',
          '      - name: second',
          '        type: MODEL',
          '        endpoint: {service_host: 10.0.0.7}',
          '      - name: third',
          '        type: MODEL',
          '        endpoint: {service_port: 7001, type: GRPC}',
        ].join('\n'),
      ).replace(
        '          image: seldonio/mock_classifier:1.0',
        '          image: seldonio/mock_classifier:1.0\n        - name: second\n          image: x/second:1\n        - name: third\n          image: x/third:1',
      ),
    );
    const { resolveConfig } = await import('seldon-engine');
    const graph = resolveConfig(['--file', file], {}, { annotationsPath: '/nonexistent' }).predictor.graph;
    // Nothing written: the operator's values.
    expect(graph).toMatchObject({
      type: 'MODEL',
      endpoint: {
        type: 'REST',
        service_host: 'localhost',
        service_port: 9000,
        httpPort: 9000,
        grpcPort: 9500,
      },
    });
    // A host written, no port: the host is kept, the ports are the operator's.
    expect(graph.children?.[0].endpoint).toEqual({
      service_host: '10.0.0.7',
      service_port: 9001,
      httpPort: 9001,
      grpcPort: 9501,
    });
    // A port written: kept, and no allocated port is added beside it.
    expect(graph.children?.[1].endpoint).toEqual({
      service_host: 'localhost',
      service_port: 7001,
      type: 'GRPC',
    });
  });
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
