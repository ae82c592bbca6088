// The front door: the public REST and gRPC ports of a deployment with several predictors. In the
// cluster, Istio or Ambassador split traffic by the predictors' `traffic` weights and mirror it to
// a shadow predictor; locally this small proxy does the same in front of one engine per predictor.
// Payloads are forwarded as opaque bytes (no decoding), like the engine itself does. The REST side
// is front-door-rest.ts, the gRPC side front-door-grpc.ts, the weighted pick traffic-picker.ts.
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { EngineError } from '../errors.js';
import { TrafficSplit } from '../graph-page/traffic-split.js';
import { GrpcDoor } from './front-door-grpc.js';
import { RestDoor } from './front-door-rest.js';
import { createPicker, type DoorRouting, type FrontDoorBackend } from './traffic-picker.js';

export { createPicker } from './traffic-picker.js';
export type { FrontDoorBackend } from './traffic-picker.js';

export interface FrontDoorOptions {
  backends: FrontDoorBackend[];
  /** Listen address. Default `127.0.0.1`. */
  host?: string;
  /** Public REST port (0 = any free). */
  httpPort: number;
  /** Public gRPC port (0 = any free). */
  grpcPort: number;
  /** Largest REST body or gRPC message accepted, in bytes. Default 104857600. */
  maxBodyBytes?: number;
  /**
   * Answer `/graph/split` (requests per predictor over the last minute) and pass the other `/graph`
   * paths to the engine of `?predictor=NAME` (default the first non-shadow one). Default false.
   */
  graphPage?: boolean;
  /** Random source in [0, 1) for the traffic split (tests make it deterministic). Default Math.random. */
  random?: () => number;
  log?: (line: string) => void;
}

/** A running front door. */
export interface FrontDoor {
  httpPort: number;
  grpcPort: number;
  /** Requests sent to each predictor (shadow copies included under the shadow's name). */
  readonly counts: Record<string, number>;
  close(): Promise<void>;
}

/** Starts the front door on the public ports. */
export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const host = options.host ?? '127.0.0.1';
  const counts: Record<string, number> = Object.fromEntries(options.backends.map((b) => [b.name, 0]));
  const split = options.graphPage ? new TrafficSplit(options.backends) : undefined;
  const routing: DoorRouting = {
    backends: options.backends,
    picker: createPicker(options.backends, options.random),
    count: (name) => {
      counts[name]++;
      split?.count(name);
    },
    maxBodyBytes: options.maxBodyBytes ?? 104_857_600,
    log: options.log ?? ((line: string) => process.stderr.write(line + '\n')),
  };
  const rest = new RestDoor(routing, split);
  const grpcDoor = new GrpcDoor(routing);
  const { httpPort, grpcPort } = await listen(rest, grpcDoor, host, options);
  return {
    httpPort,
    grpcPort,
    counts,
    async close() {
      await Promise.all([rest.close(), grpcDoor.shutdown()]);
      grpcDoor.closeClients();
      await rest.closePools();
    },
  };
}

/** Binds both public ports; on failure everything is closed and the error says which host. */
async function listen(
  rest: RestDoor,
  grpcDoor: GrpcDoor,
  host: string,
  ports: { httpPort: number; grpcPort: number },
): Promise<{ httpPort: number; grpcPort: number }> {
  try {
    const httpPort = await new Promise<number>((resolve, reject) => {
      rest.server.once('error', reject);
      rest.server.listen(ports.httpPort, host, () => resolve((rest.server.address() as AddressInfo).port));
    });
    const grpcPort = await new Promise<number>((resolve, reject) =>
      grpcDoor.server.bindAsync(
        `${host}:${ports.grpcPort}`,
        grpc.ServerCredentials.createInsecure(),
        (err, port) => (err ? reject(err) : resolve(port)),
      ),
    );
    return { httpPort, grpcPort };
  } catch (err) {
    rest.server.close();
    grpcDoor.server.forceShutdown();
    grpcDoor.closeClients();
    await rest.closePools(true);
    const message = (err as Error).message;
    const hint = /EADDRINUSE|address already in use/i.test(message)
      ? ' (another program uses the port: pick others with --http-port/--grpc-port)'
      : '';
    throw new EngineError(
      'SC_ERR_ENGINE_RUN_PROCESS',
      `front door cannot listen on ${host}: ${message}${hint}`,
      {
        cause: err,
      },
    );
  }
}
