import type * as grpc from '@grpc/grpc-js';

/** Serializer that keeps gRPC messages as the bytes they arrived as. */
export const identity = (b: Buffer): Buffer => b;

/** A unary method whose messages stay raw bytes: the engine passes payloads through undecoded. */
export const rawMethod = (path: string, originalName?: string): grpc.MethodDefinition<Buffer, Buffer> => ({
  path,
  requestStream: false,
  responseStream: false,
  requestSerialize: identity,
  requestDeserialize: identity,
  responseSerialize: identity,
  responseDeserialize: identity,
  ...(originalName === undefined ? {} : { originalName }),
});
