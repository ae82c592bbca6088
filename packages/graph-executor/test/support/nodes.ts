// Loopback graph nodes for tests: a REST node on node:http and a gRPC node on @grpc/grpc-js.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RestAnswer {
  status?: number;
  body?: unknown;
  contentType?: string;
  delayMs?: number;
}

export interface RestNode {
  port: number;
  requests: RecordedRequest[];
  /** Requests whose handling was cut short by the client going away. */
  aborted: number;
  close(): Promise<void>;
}

export async function startRestNode(
  handler: (req: RecordedRequest) => RestAnswer | Promise<RestAnswer>,
  port = 0,
): Promise<RestNode> {
  const requests: RecordedRequest[] = [];
  const node: RestNode = { port: 0, requests, aborted: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    // Registered when the request arrives, so a client that goes away at any point before the
    // answer (even before the body has been read) is counted.
    res.on('close', () => {
      if (res.writableEnded) return;
      node.aborted++;
      clearTimeout(timer);
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const recorded: RecordedRequest = {
        method: req.method!,
        path: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = await handler(recorded);
      const send = (): void => {
        if (res.destroyed) return;
        const body =
          answer.body === undefined
            ? ''
            : typeof answer.body === 'string' || Buffer.isBuffer(answer.body)
              ? answer.body
              : JSON.stringify(answer.body);
        res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? 'application/json' });
        res.end(body);
      };
      if (!answer.delayMs) send();
      else if (!res.destroyed) timer = setTimeout(send, answer.delayMs);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  node.port = (server.address() as AddressInfo).port;
  node.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return node;
}

export interface GrpcCallRecord {
  path: string;
  message: Buffer;
  metadata: grpc.Metadata;
  /** The call's deadline as the server saw it (from `grpc-timeout`); Infinity when none. */
  deadline: grpc.Deadline;
}

export type GrpcAnswer = Buffer | { code: grpc.status; details: string } | { delayMs: number; then: Buffer };

export interface GrpcNode {
  port: number;
  calls: GrpcCallRecord[];
  /** Calls the client cancelled (RST_STREAM) before they were answered. */
  cancelled: number;
  close(): Promise<void>;
}

const SELDON_METHODS = [
  '/seldon.protos.Model/Predict',
  '/seldon.protos.Model/SendFeedback',
  '/seldon.protos.Model/Metadata',
  '/seldon.protos.Transformer/TransformInput',
  '/seldon.protos.OutputTransformer/TransformOutput',
  '/seldon.protos.Router/Route',
  '/seldon.protos.Router/SendFeedback',
  '/seldon.protos.Combiner/Aggregate',
];

const identity = (b: Buffer): Buffer => b;

/** A unary method carrying raw bytes both ways (the test inspects and writes the wire itself). */
export function rawMethod(path: string, originalName: string): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
    originalName,
  };
}

/** Binds a grpc-js server on 127.0.0.1 (port 0: any free port) and returns the bound port. */
export function listenGrpc(server: grpc.Server, port = 0): Promise<number> {
  return new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
}

export async function startGrpcNode(
  handler: (call: GrpcCallRecord) => GrpcAnswer | Promise<GrpcAnswer>,
  port = 0,
): Promise<GrpcNode> {
  const calls: GrpcCallRecord[] = [];
  const node = { cancelled: 0 };
  const server = new grpc.Server();
  const services = new Map<string, grpc.ServiceDefinition>();
  const impls = new Map<string, grpc.UntypedServiceImplementation>();
  for (const path of SELDON_METHODS) {
    const [, service, method] = path.split('/') as [string, string, string];
    const def = (services.get(service) ?? {}) as Record<string, grpc.MethodDefinition<Buffer, Buffer>>;
    def[method] = rawMethod(path, method);
    services.set(service, def as grpc.ServiceDefinition);
    const impl = impls.get(service) ?? {};
    impl[method] = (async (
      call: grpc.ServerUnaryCall<Buffer, Buffer>,
      callback: grpc.sendUnaryData<Buffer>,
    ) => {
      const record = { path, message: call.request, metadata: call.metadata, deadline: call.getDeadline() };
      call.on('cancelled', () => node.cancelled++);
      calls.push(record);
      const answer = await handler(record);
      if (Buffer.isBuffer(answer)) callback(null, answer);
      else if ('delayMs' in answer) setTimeout(() => callback(null, answer.then), answer.delayMs).unref();
      else callback({ code: answer.code, details: answer.details });
    }) as grpc.handleUnaryCall<Buffer, Buffer>;
    impls.set(service, impl);
  }
  for (const [service, def] of services) server.addService(def, impls.get(service)!);
  const bound = await listenGrpc(server, port);
  return Object.assign(node, {
    port: bound,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  });
}

// ---- tiny protobuf writer for test messages ----

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

export function ld(num: number, body: Uint8Array | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return Buffer.concat([Buffer.from([...varint(num * 8 + 2), ...varint(b.length)]), b]);
}

/** SeldonMessage{ strData } */
export function strMessage(text: string): Buffer {
  return ld(5, text);
}

/** SeldonMessage{ data{ tensor{ shape, values } } } */
export function tensorMessage(values: number[], shape: number[] = [values.length]): Buffer {
  const shapeBytes = Buffer.from(shape.flatMap((s) => varint(s)));
  const valueBytes = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => valueBytes.writeDoubleLE(v, i * 8));
  const tensor = Buffer.concat([ld(1, shapeBytes), ld(2, valueBytes)]);
  return ld(3, ld(2, tensor));
}

/** Reads strData (field 5) of a SeldonMessage written by strMessage. */
export function readStrData(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes);
  let pos = 0;
  let found: string | undefined;
  while (pos < b.length) {
    const key = b[pos++]!;
    const wire = key & 7;
    if (wire !== 2) return found;
    let len = 0;
    let mul = 1;
    for (;;) {
      const x = b[pos++]!;
      len += (x & 0x7f) * mul;
      mul *= 128;
      if ((x & 0x80) === 0) break;
    }
    if (key >> 3 === 5) found = b.subarray(pos, pos + len).toString('utf8');
    pos += len;
  }
  return found;
}
