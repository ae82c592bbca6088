// The clients a user points at a deployment: REST with fetch, gRPC with @grpc/grpc-js and the
// project's prediction.proto (the reference's, wire-compatible).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { fileURLToPath } from 'node:url';

export type Json = Record<string, unknown> & {
  data?: { names?: string[]; ndarray?: unknown[] };
  meta?: {
    routing?: Record<string, number>;
    requestPath?: Record<string, string>;
    tags?: Record<string, unknown>;
  };
};

/** POSTs JSON; resolves with the status and the parsed answer. */
export async function postJson(url: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

/** A prediction that must succeed: throws with the answer otherwise. */
export async function predict(base: string, body: unknown): Promise<Json> {
  const { status, json } = await postJson(`${base}/api/v1.0/predictions`, body);
  if (status !== 200) throw new Error(`${base} answered ${status}: ${JSON.stringify(json)}`);
  return json;
}

const proto = protoLoader.loadSync('prediction.proto', {
  includeDirs: [fileURLToPath(new URL('../../../packages/payload/proto/', import.meta.url))],
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: false,
  oneofs: true,
});
const seldonProtos = (grpc.loadPackageDefinition(proto).seldon as grpc.GrpcObject).protos as grpc.GrpcObject;
const SeldonService = seldonProtos.Seldon as unknown as grpc.ServiceClientConstructor;

/** `seldon.protos.Seldon/Predict` over plaintext gRPC. */
export function grpcPredict(address: string, message: unknown): Promise<Json> {
  const client = new SeldonService(address, grpc.credentials.createInsecure());
  return new Promise<Json>((resolve, reject) => {
    client.Predict(message, { deadline: Date.now() + 20_000 }, (err: Error | null, answer: Json) => {
      client.close();
      if (err) reject(err);
      else resolve(answer);
    });
  });
}
