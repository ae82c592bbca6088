// A pod's engine loads only what its deployment uses: started the way the operator starts it (its
// flags, a graph file, tracing off, no Kafka), it serves REST without loading @grpc/grpc-js, a
// Kafka client, OpenTelemetry, gRPC reflection or its descriptors, the YAML parser, ajv, or all of
// undici. Each of those is loaded at its point of use (docs/benchmarks.md "A lean sidecar"); the
// tracing and gRPC cases show the check sees a package loaded later, and the payload-logging case
// that sink sends use undici's Pool module, not its entry. The image runs the engine bundled
// (scripts/bundle.mjs): the same checks run against the bundle, which must also load one copy of
// the workspace packages (its own) when it serves gRPC, and leave the subcommands working.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { messageFromProto } from '@seldon-ts/payload';
import { until } from './support/until.js';
import { SeldonClient, predict } from './support/seldon-grpc-client.js';
import { post, startNode, type RunningNode } from './support/nodes.js';

const engineDir = fileURLToPath(new URL('..', import.meta.url));
const reportLoaded = fileURLToPath(new URL('./support/report-loaded.mjs', import.meta.url));

/** Node arguments that run the engine: from its TypeScript sources, or the image's bundle. */
const FROM_SOURCES = ['--import', 'tsx', '--import', reportLoaded, 'src/cli.ts'];
const FROM_BUNDLE = ['--import', reportLoaded, 'dist/bundle/cli.mjs'];

let dir: string;
let graphFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lean-start-'));
  graphFile = join(dir, 'predictor.json');
  const endpoint = { service_host: '127.0.0.1', service_port: 1, httpPort: 1, grpcPort: 2 };
  writeFileSync(graphFile, JSON.stringify({ name: 'p', graph: { name: 'model', type: 'MODEL', endpoint } }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EnginePorts {
  http: number;
  grpc: number;
}

/**
 * Starts the CLI with the operator's flags, stops it once serving (after `whileServing`, given its
 * ports); resolves with what it loaded, or rejects with what `whileServing` threw.
 */
function loadedByServingEngine(
  env: Record<string, string> = {},
  whileServing: (ports: EnginePorts) => Promise<void> = async () => undefined,
  file = graphFile,
  engine = FROM_SOURCES,
): Promise<string[]> {
  const args = [
    ...['--sdep', 's', '--namespace', 'ns', '--predictor', 'p', '--host', '127.0.0.1'],
    ...['--http_port', '0', '--grpc_port', '0', '--protocol', 'seldon', '--transport', 'rest'],
    ...['--server_type', 'rpc', '--full_health_checks=false', '--file', file],
  ];
  const child = spawn(process.execPath, [...engine, ...args], {
    cwd: engineDir,
    env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: 'test/support/tsconfig.paths.json', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let failed: { error: unknown } | undefined;
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      const first = !stderr.includes('serving predictor');
      stderr += d.toString();
      // The CLI handles SIGTERM once startEngine returned, just after this line.
      const ports = /http 127\.0\.0\.1:(\d+), grpc 127\.0\.0\.1:(\d+)/.exec(stderr);
      if (first && ports)
        whileServing({ http: Number(ports[1]), grpc: Number(ports[2]) })
          .catch((error: unknown) => (failed = { error }))
          .finally(() => setTimeout(() => child.kill('SIGTERM'), 500));
    });
    child.once('close', () => {
      const line = /^LOADED (.*)$/m.exec(stderr);
      if (failed) reject(failed.error);
      else if (!line) reject(new Error(`no LOADED line; stderr:\n${stderr}`));
      else resolve(JSON.parse(line[1]) as string[]);
    });
  });
}

/** An HTTP/2 frame header: length 0, type SETTINGS (4), no flags, stream 0. */
const HTTP2_EMPTY_SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);

const packageOf = (path: string) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');

describe('a pod engine start', () => {
  it('loads no gRPC, Kafka client, OpenTelemetry, gRPC reflection, YAML parser, ajv, protobuf codec or undici entry', async () => {
    const loaded = await loadedByServingEngine();
    const packages = new Set(loaded.map(packageOf));
    // The check sees what the engine does load: prom-client's modules and undici's Pool.
    expect(packages).toContain('prom-client');
    expect(loaded).toContain('undici/lib/dispatcher/pool.js');
    for (const lazy of [
      '@grpc/grpc-js',
      'kafkajs',
      '@opentelemetry/api',
      '@opentelemetry/sdk-trace-base',
      '@opentelemetry/sdk-trace-node',
      '@opentelemetry/core',
      '@grpc/reflection',
      '@grpc/proto-loader',
      'yaml',
      'ajv',
      'protobufjs',
    ])
      expect(packages).not.toContain(lazy);
    expect(loaded).not.toContain('undici/index.js');
    expect(loaded).not.toContain('prom-client/index.js');
    expect(loaded.filter((p) => p.startsWith('protobufjs/ext/descriptor'))).toEqual([]);
  }, 60000);

  it('loads @grpc/grpc-js when the first gRPC client connects', async () => {
    const loaded = await loadedByServingEngine({}, async ({ grpc: grpcPort }) => {
      // A connection to the gRPC port makes the engine load its gRPC service, which then answers
      // the client's HTTP/2 preface and empty SETTINGS frame with its own SETTINGS.
      const socket = connect(grpcPort, '127.0.0.1');
      socket.end(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), HTTP2_EMPTY_SETTINGS]));
      const answer = await new Promise<Buffer>((resolve, reject) => {
        socket.once('data', resolve).once('error', reject);
      });
      socket.destroy();
      expect(answer[3]).toBe(0x04); // frame type SETTINGS
    });
    expect(loaded.map(packageOf)).toContain('@grpc/grpc-js');
    // ... and with it the protobuf codec.
    expect(loaded.map(packageOf)).toContain('protobufjs');
  }, 60000);

  it('loads the OpenTelemetry SDK when tracing is on', async () => {
    const loaded = await loadedByServingEngine({ OTEL_TRACES_EXPORTER: 'console' });
    expect(loaded.map(packageOf)).toContain('@opentelemetry/sdk-trace-base');
  }, 60000);

  it('sends payload logs with the Pool module of undici, not its entry', async () => {
    // One server is both the model (answers every prediction) and the sink (counts POSTs to /log).
    let events = 0;
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/log') events++;
        res.setHeader('content-type', 'application/json');
        res.end('{"data":{"ndarray":[[1]]}}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const logged = join(dir, 'logged.json');
    const endpoint = { service_host: '127.0.0.1', service_port: port, httpPort: port, grpcPort: 2 };
    const logger = { mode: 'all', url: `http://127.0.0.1:${port}/log` };
    writeFileSync(
      logged,
      JSON.stringify({ name: 'p', graph: { name: 'model', type: 'MODEL', endpoint, logger } }),
    );
    try {
      const loaded = await loadedByServingEngine(
        {},
        async ({ http }) => {
          const res = await post(http, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}');
          expect(res.status).toBe(200);
          await until('the request and response events at the sink', () => events >= 2, 5000);
        },
        logged,
      );
      expect(events).toBe(2); // the request and the response
      expect(loaded).toContain('undici/lib/dispatcher/pool.js');
      expect(loaded).not.toContain('undici/index.js');
    } finally {
      server.close();
    }
  }, 60000);
});

describe("the image's bundled engine (dist/bundle)", () => {
  let model: RunningNode;
  let router: RunningNode;
  let modelGraph: string;
  let routerGraph: string;
  const workspaceFile = (path: string) => /\/packages\/[^/]+\/dist\//.test(path);
  const endpointOf = (node: RunningNode) => ({
    service_host: '127.0.0.1',
    service_port: node.httpPort,
    httpPort: node.httpPort,
    grpcPort: node.grpcPort,
  });

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: engineDir, encoding: 'utf8' });
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    model = await startNode('model', { predict: () => [[7]] });
    router = await startNode('router', { route: () => 0 });
    const modelUnit = { name: 'model', type: 'MODEL', endpoint: endpointOf(model) };
    modelGraph = join(dir, 'model.json');
    writeFileSync(modelGraph, JSON.stringify({ name: 'p', graph: modelUnit }));
    // A router's answer is read by the executor (the branch): with gRPC, a protobuf read.
    routerGraph = join(dir, 'router.json');
    const routerUnit = {
      name: 'router',
      type: 'ROUTER',
      endpoint: endpointOf(router),
      children: [modelUnit],
    };
    writeFileSync(routerGraph, JSON.stringify({ name: 'p', graph: routerUnit }));
  });

  afterAll(() => Promise.all([model.close(), router.close()]));

  it('serves REST from the bundle alone, without protobuf', async () => {
    let answer = '';
    const loaded = await loadedByServingEngine(
      {},
      async ({ http }) => {
        const res = await post(http, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}');
        answer = res.text;
        expect(res.status).toBe(200);
      },
      modelGraph,
      FROM_BUNDLE,
    );
    expect(JSON.parse(answer).data.ndarray).toEqual([[7]]);
    expect(loaded).toContain('undici/lib/dispatcher/pool.js');
    expect(loaded.map(packageOf)).not.toContain('protobufjs');
    expect(loaded.filter(workspaceFile)).toEqual([]);
  }, 60000);

  it("answers gRPC with the bundle's own protobuf side, not a second copy of payload", async () => {
    let answer: Buffer | undefined;
    const loaded = await loadedByServingEngine(
      {},
      async ({ grpc: grpcPort }) => {
        const client = new SeldonClient(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
        try {
          answer = await predict(client);
        } finally {
          client.close();
        }
      },
      routerGraph,
      FROM_BUNDLE,
    );
    expect(messageFromProto(answer as Buffer).data?.ndarray).toEqual([[7]]);
    expect(loaded).toContain(join(engineDir, 'dist/bundle/payload.mjs'));
    expect(loaded.map(packageOf)).toContain('protobufjs');
    expect(loaded.filter(workspaceFile)).toEqual([]);
  }, 60000);

  it('runs the subcommands from their module files', () => {
    const version = spawnSync(process.execPath, ['dist/bundle/cli.mjs', '--version'], {
      cwd: engineDir,
      encoding: 'utf8',
    });
    const pkg = JSON.parse(readFileSync(join(engineDir, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`seldon-engine ${pkg.version}\n`);
    const example = fileURLToPath(
      new URL('../../../examples/three-step-chain/seldondeployment.yaml', import.meta.url),
    );
    const validate = spawnSync(process.execPath, ['dist/bundle/cli.mjs', 'validate', example], {
      cwd: engineDir,
      encoding: 'utf8',
    });
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
  }, 60000);
});
