// gRPC server reflection (05 §6: the reference registers it), spoken over the wire with a plain
// grpc-js client: tools such as grpcurl discover the Seldon services this way.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs/minimal.js';
import { startMicroservice, MICROSERVICE_DEFAULTS, type Microservice } from '@seldon-ts/model-wrapper';

const identity = (b: Buffer): Buffer => b;

/** Sends one ServerReflectionRequest on the bidi stream and returns the first response's bytes. */
function reflect(port: number, request: Uint8Array): Promise<Buffer> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise<Buffer>((resolve, reject) => {
    const call = client.makeBidiStreamRequest<Buffer, Buffer>(
      '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
      identity,
      identity,
    );
    call.on('data', (b: Buffer) => {
      resolve(b);
      call.end();
    });
    call.on('error', reject);
    call.write(Buffer.from(request));
  }).finally(() => client.close());
}

/** Every length-delimited field `num` of a message, as bytes. */
function fieldsOf(buf: Uint8Array, num: number): Uint8Array[] {
  const r = protobuf.Reader.create(buf);
  const out: Uint8Array[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === num && (tag & 7) === 2) out.push(r.bytes());
    else r.skipType(tag & 7);
  }
  return out;
}

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8');

let svc: Microservice;
beforeAll(async () => {
  svc = await startMicroservice(
    { predict: () => [1] },
    { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {} },
  );
});
afterAll(async () => {
  await svc.close();
});

describe('gRPC server reflection', () => {
  it('is on by default and lists every Seldon service the wrapper serves', async () => {
    expect(MICROSERVICE_DEFAULTS.grpcReflection).toBe(true);
    // ServerReflectionRequest{ list_services (7): "" }
    const reply = await reflect(svc.grpcPort, protobuf.Writer.create().uint32(58).string('').finish());
    // ServerReflectionResponse.list_services_response (6) → service (1) → name (1)
    const [list] = fieldsOf(reply, 6);
    const names = fieldsOf(list!, 1).map((s) => text(fieldsOf(s, 1)[0]!));
    expect(names.sort()).toEqual(
      [
        'seldon.protos.Combiner',
        'seldon.protos.Generic',
        'seldon.protos.Model',
        'seldon.protos.OutputTransformer',
        'seldon.protos.Router',
        'seldon.protos.Seldon',
        'seldon.protos.Transformer',
      ].sort(),
    );
  });

  it('describes a service by symbol with the seldon.protos file descriptor', async () => {
    // ServerReflectionRequest{ file_containing_symbol (4): "seldon.protos.Model" }
    const reply = await reflect(
      svc.grpcPort,
      protobuf.Writer.create().uint32(34).string('seldon.protos.Model').finish(),
    );
    // file_descriptor_response (4) → file_descriptor_proto (1): FileDescriptorProto with
    // package (2), message_type (4) and service (6), each named by field 1.
    const [files] = fieldsOf(reply, 4);
    const seldon = fieldsOf(files!, 1).find(
      (d) => text(fieldsOf(d, 2)[0] ?? new Uint8Array()) === 'seldon.protos',
    );
    expect(seldon).toBeDefined();
    const names = (num: number) => fieldsOf(seldon!, num).map((x) => text(fieldsOf(x, 1)[0]!));
    expect(names(6)).toEqual(expect.arrayContaining(['Model', 'Router', 'Seldon']));
    expect(names(4)).toEqual(expect.arrayContaining(['SeldonMessage', 'Feedback', 'SeldonMessageList']));
  });

  it('can be turned off', async () => {
    const plain = await startMicroservice(
      { predict: () => [1] },
      { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {}, grpcReflection: false },
    );
    try {
      await expect(
        reflect(plain.grpcPort, protobuf.Writer.create().uint32(58).string('').finish()),
      ).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    } finally {
      await plain.close();
    }
  });
});
