// The gRPC front door: a net.Server on the gRPC port that hands each connection to the engine's
// gRPC service (grpc-server.ts, on @grpc/grpc-js). Most pods are called over REST only, so grpc-js
// and the gRPC service are loaded when the first gRPC client connects, not at start: connections
// accepted meanwhile wait, paused, and are served in order once it is loaded (about 80 ms, once per
// process). An engine whose graph transport is gRPC loads them at start. docs/benchmarks.md "A lean
// sidecar" has the memory and start-up this saves.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { EngineRuntime } from './runtime.js';
import type { GrpcService, GrpcTlsKeyPair } from './grpc-server.js';
import { listenOn } from './listen.js';

/** The gRPC front door of an engine. */
export interface GrpcFrontDoor {
  /** Listens on `host:port` (0 picks a free port); resolves with the bound port. */
  listen(host: string, port: number): Promise<number>;
  /** Graceful close: no new connections, GOAWAY on every connection, calls in progress finish; resolves once closed. */
  close(): Promise<void>;
  /** Cancels calls in progress and closes every connection. */
  forceClose(): void;
  /** Calls accepted and not yet answered. */
  inFlight(): number;
  /** Whether the gRPC service (and grpc-js) has been loaded: a client has connected. */
  loaded(): boolean;
}

/** Loads the gRPC service; a parameter so that tests can see a failed load handled. */
export type GrpcServiceLoader = (
  runtime: EngineRuntime,
  tls: GrpcTlsKeyPair | undefined,
) => Promise<GrpcService>;

const loadGrpcService: GrpcServiceLoader = async (runtime, tls) =>
  (await import('./grpc-server.js')).createGrpcService(runtime, tls);

/** Hands a paused socket to the service and lets it read. */
function serve(service: GrpcService, socket: Socket): void {
  service.serve(socket);
  socket.resume();
}

export function createGrpcFrontDoor(
  runtime: EngineRuntime,
  load: GrpcServiceLoader = loadGrpcService,
): GrpcFrontDoor {
  // Sockets stay paused (no bytes read) until the service takes them.
  const listener: Server = createServer({ pauseOnConnect: true, noDelay: true });
  let tls: GrpcTlsKeyPair | undefined;
  let service: GrpcService | undefined;
  let loading: Promise<GrpcService | undefined> | undefined;
  let closed = false;

  const startLoading = () =>
    load(runtime, tls).then(
      (loadedService) => (service = loadedService),
      (err: unknown) => {
        runtime.log('error', `the gRPC service could not be loaded: ${(err as Error).message}`);
        return undefined;
      },
    );
  listener.on('connection', (socket: Socket) => {
    if (service) return serve(service, socket);
    loading ??= startLoading();
    void loading.then((loadedService) => {
      if (loadedService && !closed) serve(loadedService, socket);
      else socket.destroy();
    });
  });

  return {
    listen(host, port) {
      // The certificate is read now, so that a missing file fails the start, not the first call.
      const files = runtime.config.tls;
      if (files) tls = { cert: readFileSync(files.certFile), key: readFileSync(files.keyFile) };
      const listening = listenOn(listener, port, host);
      // A gRPC graph's engine is called over gRPC too: load now rather than on the first call.
      if (runtime.config.transport === 'grpc') loading ??= startLoading();
      return listening;
    },
    async close() {
      closed = true;
      // Resolves when every connection, the served ones included, has ended.
      const listenerClosed = new Promise<void>((resolve) => listener.close(() => resolve()));
      const loadedService = service ?? (await loading);
      await Promise.all([loadedService?.close(), listenerClosed]);
    },
    forceClose() {
      closed = true;
      listener.close();
      service?.forceClose();
    },
    inFlight: () => service?.inFlight() ?? 0,
    loaded: () => service !== undefined,
  };
}
