// The engine's front doors (apps/engine/dist/internal/http-server.js and grpc-server.js) served
// alone, for the server benchmarks: a stand-in runtime answers every prediction with its request
// (no graph, no node call), while routing, puid, response headers, metrics and in-flight accounting
// are the engine's own. Needs `npx tsc -b apps/engine/tsconfig.lib.json` (or the root build) first.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = new URL('../../apps/engine/dist/', import.meta.url);
const dist = (path) => pathToFileURL(fileURLToPath(new URL(path, DIST))).href;

/** True when apps/engine is built. */
export function engineBuilt() {
  return existsSync(fileURLToPath(new URL('internal/http-server.js', DIST)));
}

/**
 * A stand-in for the engine's runtime whose predict answers with the request: `decode` is called on
 * the request payload first (the REST echo parses its JSON, as every echo server of the REST
 * benchmarks does; the gRPC echo keeps bytes, as the gRPC ones do).
 */
async function echoRuntime(decode) {
  const { normalizeConfig } = await import(dist('config.js'));
  const { EngineMetrics } = await import(dist('internal/metrics.js'));
  const config = normalizeConfig({
    host: '127.0.0.1',
    deploymentName: 'bench',
    predictor: { name: 'bench', graph: { name: 'echo', implementation: 'SIMPLE_MODEL' } },
  });
  return {
    config,
    metrics: new EngineMetrics(config),
    tracer: undefined,
    draining: false,
    inFlightGraph: 0,
    async predict(payload) {
      decode(payload);
      return payload;
    },
    readiness: async () => ({ ready: true, nodes: {} }),
    notifyIdle() {},
    log() {},
  };
}

/** The engine's REST front door on 127.0.0.1 (a free port), echoing predictions; resolves with its port. */
export async function startRestFrontDoor() {
  const { createHttpFrontDoor } = await import(dist('internal/http-server.js'));
  const runtime = await echoRuntime((payload) => {
    const bytes = payload.bytes();
    JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString());
  });
  return createHttpFrontDoor(runtime).listen(0, '127.0.0.1');
}

/** The engine's gRPC front door on 127.0.0.1 (a free port), echoing Predict's bytes; resolves with its port. */
export async function startGrpcFrontDoor() {
  const { createGrpcFrontDoor } = await import(dist('internal/grpc-server.js'));
  const runtime = await echoRuntime(() => undefined);
  return createGrpcFrontDoor(runtime).listen('127.0.0.1', 0);
}
