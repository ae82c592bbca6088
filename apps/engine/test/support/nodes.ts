// Real graph nodes for engine tests: model-wrapper microservices on loopback, and helpers to
// build graphs pointing at them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { startEngine, type EngineConfig, type EngineHandle } from 'seldon-engine';
import { startMicroservice, type SeldonComponent } from '@seldon-ts/model-wrapper';
import type { PredictiveUnit } from '@seldon-ts/crd-types';

export interface RunningNode {
  name: string;
  httpPort: number;
  grpcPort: number;
  close(): Promise<void>;
}

export async function startNode(name: string, component: SeldonComponent): Promise<RunningNode> {
  const ms = await startMicroservice(component, {
    httpPort: 0,
    grpcPort: 0,
    metricsPort: null,
    host: '127.0.0.1',
    annotationsPath: '/nonexistent',
    env: { PREDICTIVE_UNIT_ID: name },
  } as never);
  return { name, httpPort: ms.httpPort, grpcPort: ms.grpcPort, close: () => ms.close() };
}

export function endpoint(node: { httpPort: number; grpcPort: number }, transport: 'rest' | 'grpc' = 'rest') {
  return {
    service_host: '127.0.0.1',
    service_port: transport === 'grpc' ? node.grpcPort : node.httpPort,
    httpPort: node.httpPort,
    grpcPort: node.grpcPort,
    type: transport === 'grpc' ? 'GRPC' : 'REST',
  };
}

export function unit(
  node: RunningNode,
  type: string,
  extra: Partial<PredictiveUnit> = {},
  transport: 'rest' | 'grpc' = 'rest',
): PredictiveUnit {
  return { name: node.name, type, endpoint: endpoint(node, transport), ...extra };
}

/** A plain HTTP server for sinks and misbehaving nodes. */
export interface TestServer {
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startHttp(
  handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
): Promise<TestServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  server.keepAliveTimeout = 60000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function post(
  port: number,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json(): any }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export async function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json(): any }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Binds a grpc-js server to a free loopback port (insecure) and resolves with the port. */
export function bindGrpc(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
}

/** A Seldon-protocol engine on free ports whose graph (`graph`) is called over gRPC. */
export async function startGrpcEngine(
  graph: PredictiveUnit,
  options: Partial<EngineConfig> = {},
): Promise<EngineHandle> {
  const engine = await startEngine({
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    transport: 'grpc',
    log: () => undefined,
    predictor: { name: 'p', graph },
    ...options,
  });
  await engine.ready(5000);
  return engine;
}

/** An engine serving `protocol` over gRPC with a two-model chain (first -> second), both nodes on `port`. */
export function startGrpcChainEngine(port: number, protocol: 'tensorflow' | 'v2'): Promise<EngineHandle> {
  const ep = { service_host: '127.0.0.1', service_port: port, grpcPort: port, httpPort: port };
  return startEngine({
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    protocol,
    transport: 'grpc',
    log: () => undefined,
    predictor: {
      name: 'p',
      graph: {
        name: 'first',
        type: 'MODEL',
        endpoint: ep,
        children: [{ name: 'second', type: 'MODEL', endpoint: ep }],
      },
    },
  } as never);
}

/** An engine on 127.0.0.1 (free ports) whose graph is the built-in SIMPLE_MODEL: no node to start. */
export function startSimpleEngine(options: Partial<EngineConfig> = {}): Promise<EngineHandle> {
  return startEngine({
    host: '127.0.0.1',
    httpPort: 0,
    grpcPort: 0,
    predictor: { name: 'p', graph: { name: 'simple', implementation: 'SIMPLE_MODEL' } },
    log: () => undefined,
    ...options,
  });
}

/**
 * Sends `n` predictions (`{"data":{"ndarray":[[i]]}}`, puid `p-<i>`, i from `offset`) with
 * `concurrency` clients; resolves with how many were answered 200.
 */
export async function predictMany(port: number, n: number, concurrency: number, offset = 0): Promise<number> {
  let next = 0;
  let ok = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = offset + next++;
        const res = await fetch(`http://127.0.0.1:${port}/api/v1.0/predictions`, {
          method: 'POST',
          body: `{"data":{"ndarray":[[${i}]]}}`,
          headers: { 'content-type': 'application/json', 'seldon-puid': `p-${i}` },
        });
        await res.arrayBuffer();
        if (res.status === 200) ok++;
      }
    }),
  );
  return ok;
}
