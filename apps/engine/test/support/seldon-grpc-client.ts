// A grpc-js client of the engine's seldon.protos.Seldon/Predict with raw-bytes messages, and one
// fixed request, for the gRPC connection tests.
import * as grpc from '@grpc/grpc-js';
import { messageToProto } from '@seldon-ts/payload';
import { rawMethod } from '../../src/internal/grpc-raw.js';

export const SeldonClient = grpc.makeGenericClientConstructor(
  { Predict: rawMethod('/seldon.protos.Seldon/Predict') } as never,
  'Seldon',
);

/** The request `predict` sends: `{ data: { ndarray: [[1, 2]] } }`. */
export const PREDICT_REQUEST = Buffer.from(messageToProto({ data: { ndarray: [[1, 2]] } } as never));

/** Calls Predict with {@link PREDICT_REQUEST} (10 s deadline); resolves with the response bytes. */
export function predict(client: grpc.Client): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (...a: unknown[]) => void>).Predict(
      PREDICT_REQUEST,
      new grpc.Metadata(),
      { deadline: Date.now() + 10_000 },
      (err: grpc.ServiceError | null, res?: Buffer) => (err ? reject(err) : resolve(res as Buffer)),
    ),
  );
}
