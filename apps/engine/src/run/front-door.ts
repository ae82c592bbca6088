// The front door: the public REST and gRPC ports of a deployment with several predictors. In the
// cluster, Istio or Ambassador split traffic by the predictors' `traffic` weights and mirror it to
// a shadow predictor; locally this small proxy does the same in front of one engine per predictor.
// Payloads are forwarded as opaque bytes (no decoding), like the engine itself does.
import { ENGINE_PROMETHEUS_PATH } from './plan.js';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
  type Server as HttpServer,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { Pool } from 'undici';
import { EngineError } from '../errors.js';
import { identity, rawMethod } from '../internal/grpc-raw.js';
import { TrafficSplit } from '../graph-page/traffic-split.js';

/** One predictor engine behind the front door. */
export interface FrontDoorBackend {
  /** Predictor name (sent back in the `Seldon-Predictor` response header). */
  name: string;
  /** Traffic weight (percent); ignored for the shadow. */
  traffic: number;
  /** A shadow receives a copy of every request; its answers are discarded. */
  shadow: boolean;
  /** Engine REST port on 127.0.0.1. */
  httpPort: number;
  /** Engine gRPC port on 127.0.0.1. */
  grpcPort: number;
}

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

// Hop-by-hop headers (RFC 9110 §7.6.1) and those the HTTP client recomputes.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  // curl sends `Expect: 100-continue` for large bodies; node:http already answered it, and the
  // HTTP client to the engine refuses the header.
  'expect',
]);

// The gRPC methods a Seldon engine serves, per protocol; all are unary.
const GRPC_SERVICES: Record<string, string[]> = {
  'seldon.protos.Seldon': ['Predict', 'SendFeedback', 'ModelMetadata', 'GraphMetadata'],
  'inference.GRPCInferenceService': [
    'ServerLive',
    'ServerReady',
    'ModelReady',
    'ServerMetadata',
    'ModelMetadata',
    'ModelInfer',
  ],
  'tensorflow.serving.PredictionService': [
    'Predict',
    'Classify',
    'Regress',
    'MultiInference',
    'GetModelMetadata',
  ],
  'tensorflow.serving.ModelService': ['GetModelStatus', 'HandleReloadConfigRequest'],
  'grpc.health.v1.Health': ['Check'],
};

/** Picks backends by weight; the shadow (if any) is returned separately. */
export function createPicker(
  backends: FrontDoorBackend[],
  random: () => number = Math.random,
): { pick(): FrontDoorBackend; shadow?: FrontDoorBackend } {
  const live = backends.filter((b) => !b.shadow);
  if (live.length === 0)
    throw new EngineError('SC_ERR_ENGINE_RUN_INVALID', 'a deployment needs one non-shadow predictor');
  const shadow = backends.find((b) => b.shadow);
  const total = live.reduce((s, b) => s + Math.max(0, b.traffic), 0);
  if (live.length === 1 || total === 0) {
    // A lone predictor takes everything; weights of 0 everywhere mean an even split.
    return { pick: () => (live.length === 1 ? live[0] : live[Math.floor(random() * live.length)]), shadow };
  }
  return {
    pick() {
      let r = random() * total;
      for (const b of live) {
        r -= Math.max(0, b.traffic);
        if (r < 0) return b;
      }
      return live[live.length - 1];
    },
    shadow,
  };
}

/** Starts the front door on the public ports. */
export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? 104_857_600;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const picker = createPicker(options.backends, options.random);
  const counts: Record<string, number> = Object.fromEntries(options.backends.map((b) => [b.name, 0]));
  const split = options.graphPage ? new TrafficSplit(options.backends) : undefined;
  const count = (name: string): void => {
    counts[name]++;
    split?.count(name);
  };
  const pools = new Map(
    options.backends.map((b) => [b.name, new Pool(`http://127.0.0.1:${b.httpPort}`, { connections: 32 })]),
  );
  let shadowFailures = 0;

  const fail = (res: ServerResponse, err: EngineError) => {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    const body = JSON.stringify(err.toSeldonStatus());
    res.writeHead(err.httpStatus, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };

  const readBody = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          req.removeAllListeners('data');
          req.resume();
          reject(
            new EngineError(
              'SC_ERR_ENGINE_RUN_BODY_TOO_LARGE',
              `request body is over the front door's limit of ${maxBodyBytes} bytes (--max-body-bytes)`,
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      req.once('end', () => resolve(Buffer.concat(chunks)));
      req.once('error', reject);
    });

  const forwardHeaders = (req: IncomingMessage): Record<string, string | string[]> => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
    }
    return out;
  };

  const readyAll = async (): Promise<boolean> => {
    const results = await Promise.all(
      options.backends
        .filter((b) => !b.shadow)
        .map(async (b) => {
          try {
            const r = await pools.get(b.name)!.request({ path: '/ready', method: 'GET' });
            await r.body.dump();
            return r.statusCode === 200;
          } catch {
            return false;
          }
        }),
    );
    return results.every(Boolean);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (path === '/live') {
      res.writeHead(200).end();
      return;
    }
    if (path === '/ready') {
      res.writeHead((await readyAll()) ? 200 : 503).end();
      return;
    }
    if (
      split !== undefined &&
      (path === '/graph' || path.startsWith('/graph/') || path.startsWith('/graph?'))
    ) {
      await serveGraphPage(req, res, split);
      return;
    }
    if (path === '/prometheus' || path === '/metrics') {
      // As in the cluster, where Prometheus scrapes each engine pod rather than the ingress:
      // a random predictor's numbers on the public port would only mislead.
      const where = options.backends
        .map((b) => `${b.name}: http://127.0.0.1:${b.httpPort}${ENGINE_PROMETHEUS_PATH}`)
        .join('\n');
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`metrics are per predictor engine; scrape\n${where}\n`);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      fail(
        res,
        err instanceof EngineError ? err : new EngineError('SC_ERR_ENGINE_RUN_UNAVAILABLE', String(err)),
      );
      return;
    }
    const headers = forwardHeaders(req);
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const target = picker.pick();
    count(target.name);
    if (picker.shadow) {
      const shadow = picker.shadow;
      count(shadow.name);
      pools
        .get(shadow.name)!
        .request({ path, method: method as 'POST', headers, body: hasBody ? body : undefined })
        .then((r) => r.body.dump())
        .catch((err: Error) => {
          // Mirrored traffic never affects the caller; say so once in a while rather than per request.
          if (shadowFailures++ % 100 === 0)
            log(`[runner] shadow predictor "${shadow.name}" failed: ${err.message}`);
        });
    }
    try {
      const upstream = await pools
        .get(target.name)!
        .request({ path, method: method as 'POST', headers, body: hasBody ? body : undefined });
      const outHeaders: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(upstream.headers)) {
        if (v !== undefined && !HOP_BY_HOP.has(k)) outHeaders[k] = v;
      }
      outHeaders['seldon-predictor'] = target.name;
      res.writeHead(upstream.statusCode, outHeaders);
      for await (const chunk of upstream.body) res.write(chunk);
      res.end();
    } catch (err) {
      fail(
        res,
        new EngineError(
          'SC_ERR_ENGINE_RUN_UNAVAILABLE',
          `predictor "${target.name}" is unreachable on 127.0.0.1:${target.httpPort}: ${(err as Error).message}`,
          { where: target.name, cause: err },
        ),
      );
    }
  };

  // The graph page of one predictor's engine, and the split over all of them.
  const serveGraphPage = async (req: IncomingMessage, res: ServerResponse, split: TrafficSplit) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://front-door');
    const shown = split.pick(url.searchParams.get('predictor'));
    if (shown === undefined) {
      // A page address, like the engine's other unknown paths: a plain 404 naming what exists.
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(
        `no predictor "${url.searchParams.get('predictor')}" in this deployment (predictors: ${split.predictors.map((p) => p.name).join(', ')})\n`,
      );
      return;
    }
    if (url.pathname === '/graph/split') {
      const body = JSON.stringify(split.snapshot(shown.name));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    const upstream = await pools.get(shown.name)!.request({ path: req.url ?? '/', method: 'GET' });
    const outHeaders: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(upstream.headers)) {
      if (v !== undefined && !HOP_BY_HOP.has(k)) outHeaders[k] = v;
    }
    res.writeHead(upstream.statusCode, outHeaders);
    for await (const chunk of upstream.body) res.write(chunk);
    res.end();
  };

  const http: HttpServer = createServer((req, res) => {
    handle(req, res).catch((err: Error) =>
      fail(res, new EngineError('SC_ERR_ENGINE_RUN_UNAVAILABLE', err.message)),
    );
  });
  http.keepAliveTimeout = 65_000;

  // gRPC: one raw-bytes client per predictor engine; every unary method of GRPC_SERVICES is relayed.
  const channelOptions: grpc.ChannelOptions = {
    'grpc.max_receive_message_length': maxBodyBytes,
    'grpc.max_send_message_length': maxBodyBytes,
  };
  const clients = new Map(
    options.backends.map((b) => [
      b.name,
      new grpc.Client(`127.0.0.1:${b.grpcPort}`, grpc.credentials.createInsecure(), channelOptions),
    ]),
  );
  const relay = (
    backend: FrontDoorBackend,
    path: string,
    request: Buffer,
    call: grpc.ServerUnaryCall<Buffer, Buffer>,
  ) =>
    new Promise<{ err: grpc.ServiceError | null; value?: Buffer; header?: grpc.Metadata }>((resolve) => {
      const deadline = call.getDeadline();
      let header: grpc.Metadata | undefined;
      const c = clients
        .get(backend.name)!
        .makeUnaryRequest(
          path,
          identity,
          identity,
          request,
          call.metadata.clone(),
          deadline === Infinity ? {} : { deadline },
          (err, value) => resolve({ err, value, header }),
        );
      c.on('metadata', (md: grpc.Metadata) => (header = md));
    });

  const grpcServer = new grpc.Server(channelOptions);
  for (const [service, methods] of Object.entries(GRPC_SERVICES)) {
    const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const m of methods) {
      const path = `/${service}/${m}`;
      definition[m] = rawMethod(path, m);
      implementation[m] = ((
        call: grpc.ServerUnaryCall<Buffer, Buffer>,
        callback: grpc.sendUnaryData<Buffer>,
      ) => {
        const target = picker.pick();
        count(target.name);
        if (picker.shadow) {
          count(picker.shadow.name);
          void relay(picker.shadow, path, call.request, call);
        }
        void relay(target, path, call.request, call).then(({ err, value, header }) => {
          const md = header?.clone() ?? new grpc.Metadata();
          md.set('seldon-predictor', target.name);
          call.sendMetadata(md);
          if (err) callback({ code: err.code, details: err.details, metadata: err.metadata });
          else callback(null, value);
        });
      }) as grpc.handleUnaryCall<Buffer, Buffer>;
    }
    grpcServer.addService(definition as grpc.ServiceDefinition, implementation);
  }

  let boundHttp = 0;
  let boundGrpc = 0;
  try {
    boundHttp = await new Promise<number>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.httpPort, host, () => resolve((http.address() as AddressInfo).port));
    });
    boundGrpc = await new Promise<number>((resolve, reject) =>
      grpcServer.bindAsync(
        `${host}:${options.grpcPort}`,
        grpc.ServerCredentials.createInsecure(),
        (err, port) => (err ? reject(err) : resolve(port)),
      ),
    );
  } catch (err) {
    http.close();
    grpcServer.forceShutdown();
    for (const c of clients.values()) c.close();
    await Promise.all([...pools.values()].map((p) => p.destroy()));
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

  return {
    httpPort: boundHttp,
    grpcPort: boundGrpc,
    counts,
    async close() {
      await Promise.all([
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeIdleConnections();
        }),
        new Promise<void>((resolve) => grpcServer.tryShutdown(() => resolve())),
      ]);
      for (const c of clients.values()) c.close();
      await Promise.all([...pools.values()].map((p) => p.close()));
    },
  };
}
