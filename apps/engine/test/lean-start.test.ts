// A pod's engine loads only what its deployment uses: started the way the operator starts it (its
// flags, a graph file, tracing off, no Kafka), it serves REST without loading @grpc/grpc-js, a
// Kafka client, OpenTelemetry, gRPC reflection or its descriptors, the YAML parser, ajv, or all of
// undici. Each of those is loaded at its point of use (docs/benchmarks.md "A lean sidecar"); the
// tracing and gRPC cases show the check sees a package loaded later.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
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

/**
 * Starts the CLI with the operator's flags, stops it once serving (after `whileServing`, given the
 * gRPC port); resolves with what it loaded.
 */
function loadedByServingEngine(
  env: Record<string, string> = {},
  whileServing: (grpcPort: number) => Promise<void> = async () => undefined,
): Promise<string[]> {
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
      const grpcPort = /grpc 127\.0\.0\.1:(\d+)/.exec(stderr)?.[1];
      if (first && grpcPort)
        void whileServing(Number(grpcPort)).finally(() => setTimeout(() => child.kill('SIGTERM'), 500));
    });
    child.once('close', () => {
      const line = /^LOADED (.*)$/m.exec(stderr);
      if (!line) reject(new Error(`no LOADED line; stderr:\n${stderr}`));
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
    const loaded = await loadedByServingEngine({}, async (grpcPort) => {
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
});
