// A pod's engine loads only what its deployment uses: started the way the operator starts it (its
// flags, a graph file, tracing off, no Kafka), it serves without loading a Kafka client, the
// OpenTelemetry SDK, gRPC reflection or its descriptors. Each of those is loaded at its point of use
// (docs/benchmarks.md "A lean sidecar"); the tracing case shows the check sees a package loaded later.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const engineDir = fileURLToPath(new URL('..', import.meta.url));
const reportLoaded = fileURLToPath(new URL('./support/report-loaded.mjs', import.meta.url));

let dir: string;
let graphFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lean-start-'));
  graphFile = join(dir, 'predictor.json');
  const endpoint = { service_host: '127.0.0.1', service_port: 1, httpPort: 1, grpcPort: 2 };
  writeFileSync(graphFile, JSON.stringify({ name: 'p', graph: { name: 'model', type: 'MODEL', endpoint } }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the CLI with the operator's flags, stops it once serving; resolves with what it loaded. */
function loadedByServingEngine(env: Record<string, string> = {}): Promise<string[]> {
  const args = [
    ...['--sdep', 's', '--namespace', 'ns', '--predictor', 'p', '--host', '127.0.0.1'],
    ...['--http_port', '0', '--grpc_port', '0', '--protocol', 'seldon', '--transport', 'rest'],
    ...['--server_type', 'rpc', '--full_health_checks=false', '--file', graphFile],
  ];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', reportLoaded, 'src/cli.ts', ...args],
    {
      cwd: engineDir,
      env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: 'test/support/tsconfig.paths.json', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      const first = !stderr.includes('serving predictor');
      stderr += d.toString();
      // The CLI handles SIGTERM once startEngine returned, just after this line.
      if (first && stderr.includes('serving predictor')) setTimeout(() => child.kill('SIGTERM'), 500);
    });
    child.once('close', () => {
      const line = /^LOADED (.*)$/m.exec(stderr);
      if (!line) reject(new Error(`no LOADED line; stderr:\n${stderr}`));
      else resolve(JSON.parse(line[1]) as string[]);
    });
  });
}

const packageOf = (path: string) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');

describe('a pod engine start', () => {
  it('loads no Kafka client, OpenTelemetry SDK, gRPC reflection or descriptors', async () => {
    const loaded = await loadedByServingEngine();
    const packages = new Set(loaded.map(packageOf));
    expect(packages).toContain('@grpc/grpc-js'); // the check sees what the engine does load
    for (const lazy of [
      'kafkajs',
      '@opentelemetry/sdk-trace-base',
      '@opentelemetry/sdk-trace-node',
      '@opentelemetry/core',
      '@grpc/reflection',
      '@grpc/proto-loader',
    ])
      expect(packages).not.toContain(lazy);
    expect(loaded.filter((p) => p.startsWith('protobufjs/ext/descriptor'))).toEqual([]);
  }, 60000);

  it('loads the OpenTelemetry SDK when tracing is on', async () => {
    const loaded = await loadedByServingEngine({ OTEL_TRACES_EXPORTER: 'console' });
    expect(loaded.map(packageOf)).toContain('@opentelemetry/sdk-trace-base');
  }, 60000);
});
