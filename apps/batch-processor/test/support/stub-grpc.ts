// A loopback gRPC Seldon service (identity) for transport tests that must not depend on the engine.
import * as grpc from '@grpc/grpc-js';
import { seldonServices } from '@seldon-ts/payload';

export interface StubGrpcDeployment {
  readonly host: string;
  readonly calls: { method: string; metadata: Record<string, unknown>; request: any }[];
  close(): Promise<void>;
}

export async function startStubGrpc(
  fail?: (request: any) => grpc.status | undefined,
  tls?: { key: string; cert: string },
): Promise<StubGrpcDeployment> {
  const calls: StubGrpcDeployment['calls'] = [];
  const server = new grpc.Server();
  server.addService(seldonServices.Seldon as unknown as grpc.ServiceDefinition, {
    Predict: (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      calls.push({ method: 'Predict', metadata: call.metadata.getMap(), request: call.request });
      const code = fail?.(call.request);
      if (code !== undefined) return callback({ code, details: 'injected failure' });
      callback(null, {
        meta: call.request.meta,
        ...(call.request.data ? { data: call.request.data } : {}),
        ...(call.request.strData !== undefined ? { strData: call.request.strData } : {}),
        ...(call.request.jsonData !== undefined ? { jsonData: call.request.jsonData } : {}),
      });
    },
    SendFeedback: (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      calls.push({ method: 'SendFeedback', metadata: call.metadata.getMap(), request: call.request });
      callback(null, { meta: {} });
    },
    ModelMetadata: (_c: unknown, cb: grpc.sendUnaryData<any>) => cb({ code: grpc.status.UNIMPLEMENTED }),
    GraphMetadata: (_c: unknown, cb: grpc.sendUnaryData<any>) => cb({ code: grpc.status.UNIMPLEMENTED }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      '127.0.0.1:0',
      tls
        ? grpc.ServerCredentials.createSsl(null, [
            { private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) },
          ])
        : grpc.ServerCredentials.createInsecure(),
      (error, p) => (error ? reject(error) : resolve(p)),
    ),
  );
  return {
    host: `127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
