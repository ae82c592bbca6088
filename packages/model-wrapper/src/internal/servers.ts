// The listening servers of a microservice: REST, gRPC (optional) and metrics (optional), each on
// its own port; started together (what started is closed again if one fails) and shut down by
// draining in-flight requests first.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import { WrapperError } from '../errors.js';
import type { Gate } from './gate.js';
import { bindGrpc, createGrpcServer, loadReflection, type GrpcContext } from './grpc.js';
import type { WrapperMetrics } from './metrics.js';
import { createRestListener } from './rest.js';
import type { RestContext } from './rest-dispatch.js';

/** Where and how to listen. A `null` port disables that server. */
export interface ServersSpec {
  host: string;
  httpPort: number;
  grpcPort: number | null;
  metricsPort: number | null;
  metricsPath: string;
  maxMessageBytes: number;
  grpcReflection: boolean;
}

/** The running servers and the ports they listen on (-1: disabled). */
export interface Servers {
  readonly http: Server;
  readonly httpPort: number;
  readonly grpc: GrpcServer | undefined;
  readonly grpcPort: number;
  readonly metrics: Server | undefined;
  readonly metricsPort: number;
}

/** Starts REST, then gRPC, then metrics; on a failure closes those already listening and rethrows. */
export async function startServers(
  spec: ServersSpec,
  restCtx: RestContext,
  grpcCtx: GrpcContext,
  metrics: WrapperMetrics,
): Promise<Servers> {
  const opened: (() => Promise<void>)[] = [];
  try {
    const http = createServer({ keepAliveTimeout: 65_000 }, createRestListener(restCtx));
    const httpPort = await listen(http, spec.host, spec.httpPort, 'REST server');
    opened.push(() => closeHttp(http).then(() => http.closeAllConnections()));

    let grpc: GrpcServer | undefined;
    let grpcPort = -1;
    if (spec.grpcPort !== null) {
      grpc = createGrpcServer(grpcCtx, {
        maxMessageBytes: spec.maxMessageBytes,
        addReflection: spec.grpcReflection ? await loadReflection() : undefined,
      });
      grpcPort = await bindGrpc(grpc, spec.host, spec.grpcPort);
      const g = grpc;
      opened.push(() => new Promise<void>((resolve) => g.tryShutdown(() => resolve())));
    }

    let metricsServer: Server | undefined;
    let metricsPort = -1;
    if (spec.metricsPort !== null) {
      metricsServer = createServer(metricsListener(metrics, spec.metricsPath));
      metricsPort = await listen(metricsServer, spec.host, spec.metricsPort, 'metrics server');
    }
    return { http, httpPort, grpc, grpcPort, metrics: metricsServer, metricsPort };
  } catch (err) {
    await Promise.all(opened.map((fn) => fn().catch(() => undefined)));
    throw err;
  }
}

/** Closes servers that never served (a later start step failed), without draining. */
export async function closeServers(servers: Servers): Promise<void> {
  const { http, grpc, metrics } = servers;
  await Promise.all([
    closeHttp(http).then(() => http.closeAllConnections()),
    grpc === undefined ? undefined : new Promise<void>((resolve) => grpc.tryShutdown(() => resolve())),
    metrics === undefined ? undefined : closeHttp(metrics),
  ]);
}

/**
 * Stops taking connections, lets in-flight requests finish (up to `drainTimeoutMs`), then drops
 * what is left and closes every server.
 */
export async function drainServers(servers: Servers, gate: Gate, drainTimeoutMs: number): Promise<void> {
  const { http, grpc, metrics } = servers;
  http.close();
  http.closeIdleConnections();
  const grpcDone =
    grpc === undefined ? Promise.resolve() : new Promise<void>((r) => grpc.tryShutdown(() => r()));
  await gate.drain(drainTimeoutMs);
  http.closeAllConnections();
  // Replies of the drained calls are queued; give them a moment to flush before forcing.
  const flushed = await Promise.race([grpcDone.then(() => true), delay(1000).then(() => false)]);
  if (!flushed) grpc?.forceShutdown();
  if (metrics !== undefined) {
    metrics.closeAllConnections();
    await new Promise<void>((r) => metrics.close(() => r()));
  }
}

/** `GET <metricsPath>` answers the Prometheus exposition; any other request 404. */
function metricsListener(
  metrics: WrapperMetrics,
  metricsPath: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === metricsPath) {
      metrics.exposition().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': metrics.contentType });
          res.end(text);
        },
        (err: Error) => {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end(err.message);
        },
      );
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(`Not found: use GET ${metricsPath}`);
    }
  };
}

function listen(server: Server, host: string, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void =>
      reject(
        new WrapperError(
          'SC_ERR_WRAPPER_BAD_OPTION',
          `${what} cannot listen on ${host}:${port}: ${err.message}`,
        ),
      );
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
