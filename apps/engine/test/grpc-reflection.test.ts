// gRPC server reflection on the engine's port, asked as grpcurl asks it: list the services, fetch
// the file declaring one (with its dependencies), and build a working client from nothing but those
// descriptors. Descriptors must be self-contained: every type a file uses is declared in it or in a
// file it lists as a dependency (what grpcurl's and protoc's descriptor pools require).
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import descriptorExt from 'protobufjs/ext/descriptor/index.js';
import type { EngineHandle } from 'seldon-engine';
import MockClassifier from '../../../examples/mock-classifier/mock-classifier.js';
import { startGrpcChainEngine, startGrpcEngine, startNode, unit, type RunningNode } from './support/nodes.js';
import { rawMethod } from '../src/internal/grpc-raw.js';

type Obj = Record<string, any>;
type ReflectionVersion = 'v1' | 'v1alpha';

const reflectionProtoDir = join(
  dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
  '../proto/grpc/reflection',
);

/** A grpc.reflection.<version>.ServerReflection client of the engine on `port`. */
function reflectionClient(port: number, version: ReflectionVersion): grpc.Client {
  const definition = protoLoader.loadSync(join(reflectionProtoDir, version, 'reflection.proto'));
  const pkg = grpc.loadPackageDefinition(definition) as Obj;
  const Client = pkg.grpc.reflection[version].ServerReflection as typeof grpc.Client;
  return new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}

/** One request on the ServerReflectionInfo stream; resolves with its answer. */
function ask(client: grpc.Client, request: Obj): Promise<Obj> {
  return new Promise((resolve, reject) => {
    const stream = (client as unknown as Obj).ServerReflectionInfo() as grpc.ClientDuplexStream<Obj, Obj>;
    stream.once('data', (answer: Obj) => {
      resolve(answer);
      stream.end();
    });
    stream.once('error', reject);
    stream.write(request);
  });
}

async function listServices(client: grpc.Client): Promise<string[]> {
  const answer = await ask(client, { listServices: '*' });
  return (answer.listServicesResponse.service as Obj[]).map((s) => s.name as string).sort();
}

/** The decoded FileDescriptorProtos answering file_containing_symbol (the file first, then its dependencies). */
async function filesContaining(client: grpc.Client, symbol: string): Promise<Obj[]> {
  const answer = await ask(client, { fileContainingSymbol: symbol });
  if (answer.errorResponse) throw new Error(`${symbol}: ${answer.errorResponse.errorMessage}`);
  return (answer.fileDescriptorResponse.fileDescriptorProto as Buffer[]).map((bytes) =>
    descriptorExt.FileDescriptorProto.toObject(descriptorExt.FileDescriptorProto.decode(bytes), {
      arrays: true,
    }),
  );
}

/** `.pkg.Type` → file name for every message and enum the files declare (nested ones included). */
function declarations(files: Obj[]): Map<string, string> {
  const out = new Map<string, string>();
  const add = (scope: string, messages: Obj[], enums: Obj[], file: string): void => {
    for (const e of enums) out.set(`${scope}.${e.name}`, file);
    for (const m of messages) {
      out.set(`${scope}.${m.name}`, file);
      add(`${scope}.${m.name}`, m.nestedType ?? [], m.enumType ?? [], file);
    }
  };
  for (const f of files) add(f.package ? `.${f.package}` : '', f.messageType, f.enumType, f.name);
  return out;
}

/** References a strict descriptor pool would refuse: undeclared types, or declared in a file not imported. */
function unresolvedReferences(files: Obj[]): string[] {
  const declaredIn = declarations(files);
  const problems: string[] = [];
  for (const f of files) {
    const check = (where: string, typeName: string | undefined): void => {
      if (!typeName) return;
      const file = declaredIn.get(typeName);
      if (file === undefined) problems.push(`${f.name}: ${where} uses ${typeName}, declared nowhere`);
      else if (file !== f.name && !f.dependency.includes(file))
        problems.push(`${f.name}: ${where} uses ${typeName} from ${file}, which it does not import`);
    };
    const walk = (messages: Obj[], scope: string): void => {
      for (const m of messages) {
        for (const field of m.field) check(`${scope}.${m.name}.${field.name}`, field.typeName);
        walk(m.nestedType, `${scope}.${m.name}`);
      }
    };
    walk(f.messageType, f.package);
    for (const s of f.service)
      for (const m of s.method) {
        check(`${s.name}.${m.name}`, m.inputType);
        check(`${s.name}.${m.name}`, m.outputType);
      }
  }
  for (const f of files)
    for (const dep of f.dependency)
      if (!files.some((g) => g.name === dep)) problems.push(`${f.name}: dependency ${dep} was not sent`);
  return problems;
}

function service(files: Obj[], fullName: string): Obj {
  const dot = fullName.lastIndexOf('.');
  const file = files.find((f) => f.package === fullName.slice(0, dot));
  const found = file?.service.find((s: Obj) => s.name === fullName.slice(dot + 1));
  if (!found) throw new Error(`no service ${fullName} in ${files.map((f) => f.name).join(', ')}`);
  return found;
}

const methods = (svc: Obj): Obj[] =>
  svc.method.map((m: Obj) => ({ name: m.name, inputType: m.inputType, outputType: m.outputType }));

describe('gRPC server reflection, protocol seldon', () => {
  let node: RunningNode;
  let engine: EngineHandle;
  const clients: grpc.Client[] = [];
  const client = (version: ReflectionVersion = 'v1'): grpc.Client => {
    const c = reflectionClient(engine.grpcPort, version);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    node = await startNode('classifier', new MockClassifier());
    engine = await startGrpcEngine(unit(node, 'MODEL', {}, 'grpc'));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await engine?.close();
    await node?.close();
  });

  it('lists seldon.protos.Seldon and grpc.health.v1.Health over v1 and v1alpha', async () => {
    const expected = ['grpc.health.v1.Health', 'seldon.protos.Seldon'];
    expect(await listServices(client('v1'))).toEqual(expected);
    expect(await listServices(client('v1alpha'))).toEqual(expected);
  });

  it('sends prediction.proto with Predict and every file it imports, self-contained', async () => {
    const files = await filesContaining(client(), 'seldon.protos.Seldon');
    expect(files[0].name).toBe('prediction.proto');
    expect(files[0].dependency).toEqual([
      'google/protobuf/any.proto',
      'google/protobuf/empty.proto',
      'google/protobuf/struct.proto',
      'tensorflow/core/framework/tensor.proto',
    ]);
    expect(methods(service(files, 'seldon.protos.Seldon'))).toEqual([
      {
        name: 'Predict',
        inputType: '.seldon.protos.SeldonMessage',
        outputType: '.seldon.protos.SeldonMessage',
      },
      {
        name: 'SendFeedback',
        inputType: '.seldon.protos.Feedback',
        outputType: '.seldon.protos.SeldonMessage',
      },
      {
        name: 'ModelMetadata',
        inputType: '.seldon.protos.SeldonModelMetadataRequest',
        outputType: '.seldon.protos.SeldonModelMetadata',
      },
      {
        name: 'GraphMetadata',
        inputType: '.google.protobuf.Empty',
        outputType: '.seldon.protos.SeldonGraphMetadata',
      },
    ]);
    // Map fields are repeated <Field>Entry messages, as protoc writes them (Meta.requestPath).
    const meta = files[0].messageType.find((m: Obj) => m.name === 'Meta');
    expect(meta.nestedType.map((n: Obj) => [n.name, n.options?.mapEntry])).toEqual([
      ['TagsEntry', true],
      ['RoutingEntry', true],
      ['RequestPathEntry', true],
    ]);
    expect(unresolvedReferences(files)).toEqual([]);
  });

  it('describes health and looks up a file by name and a message by symbol', async () => {
    const health = await filesContaining(client(), 'grpc.health.v1.Health');
    expect(methods(service(health, 'grpc.health.v1.Health')).map((m) => m.name)).toEqual(['Check', 'Watch']);
    const byName = await ask(client(), { fileByFilename: 'tensorflow/core/framework/tensor.proto' });
    expect(byName.fileDescriptorResponse.fileDescriptorProto).toHaveLength(3);
    const message = await filesContaining(client(), 'seldon.protos.SeldonMessage');
    expect(message[0].name).toBe('prediction.proto');
    const unknown = await ask(client(), { fileContainingSymbol: 'seldon.protos.Nope' });
    expect(unknown.errorResponse).toMatchObject({ errorCode: grpc.status.NOT_FOUND });
  });

  it('a client built only from the reflected descriptors calls Predict', async () => {
    const files = await filesContaining(client(), 'seldon.protos.Seldon');
    const root = (protobuf.Root as unknown as { fromDescriptor(set: Obj): protobuf.Root }).fromDescriptor({
      file: files,
    });
    const SeldonMessage = root.lookupType('seldon.protos.SeldonMessage');
    const row = { listValue: { values: [1, 2, 5].map((numberValue) => ({ numberValue })) } };
    const request = SeldonMessage.encode(
      SeldonMessage.fromObject({ data: { ndarray: { values: [row] } } }),
    ).finish();
    const Client = grpc.makeGenericClientConstructor(
      { Predict: rawMethod('/seldon.protos.Seldon/Predict') } as never,
      'Seldon',
    );
    const seldon = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    clients.push(seldon);
    const bytes = await new Promise<Buffer>((resolve, reject) =>
      (seldon as unknown as Obj).Predict(Buffer.from(request), (err: Error | null, res: Buffer) =>
        err ? reject(err) : resolve(res),
      ),
    );
    const answer = SeldonMessage.toObject(SeldonMessage.decode(bytes)) as Obj;
    expect(answer.data.names).toEqual(['proba']);
    expect(answer.data.ndarray.values[0].listValue.values[0].numberValue).toBeCloseTo(
      0.43782349911420193,
      15,
    );
  });
});

describe.each([
  {
    protocol: 'v2' as const,
    services: ['grpc.health.v1.Health', 'inference.GRPCInferenceService', 'seldon.protos.Seldon'],
    symbol: 'inference.GRPCInferenceService',
    file: 'v2/dataplane.proto',
    method: {
      name: 'ModelInfer',
      inputType: '.inference.ModelInferRequest',
      outputType: '.inference.ModelInferResponse',
    },
  },
  {
    protocol: 'tensorflow' as const,
    services: [
      'grpc.health.v1.Health',
      'seldon.protos.Seldon',
      'tensorflow.serving.ModelService',
      'tensorflow.serving.PredictionService',
    ],
    symbol: 'tensorflow.serving.PredictionService',
    file: 'tensorflow_serving/apis/prediction_service.proto',
    method: {
      name: 'Predict',
      inputType: '.tensorflow.serving.PredictRequest',
      outputType: '.tensorflow.serving.PredictResponse',
    },
  },
])('gRPC server reflection, protocol $protocol', ({ protocol, services, symbol, file, method }) => {
  let engine: EngineHandle;
  let client: grpc.Client;
  beforeAll(async () => {
    // Reflection needs no node: the graph's (unreachable) node is never called.
    engine = await startGrpcChainEngine(9, protocol);
    client = reflectionClient(engine.grpcPort, 'v1');
  });
  afterAll(async () => {
    client?.close();
    await engine?.close();
  });

  it('lists the protocol services next to seldon.protos.Seldon and health', async () => {
    expect(await listServices(client)).toEqual(services);
  });

  it(`sends ${file} with ${method.name}, self-contained`, async () => {
    const files = await filesContaining(client, symbol);
    expect(files[0].name).toBe(file);
    expect(methods(service(files, symbol))).toContainEqual(method);
    expect(unresolvedReferences(files)).toEqual([]);
  });

  if (protocol === 'tensorflow')
    it('describes ModelService.GetModelStatus and the SignatureDefMap of GetModelMetadata', async () => {
      const status = await filesContaining(client, 'tensorflow.serving.ModelService');
      expect(methods(service(status, 'tensorflow.serving.ModelService'))).toEqual([
        {
          name: 'GetModelStatus',
          inputType: '.tensorflow.serving.GetModelStatusRequest',
          outputType: '.tensorflow.serving.GetModelStatusResponse',
        },
      ]);
      expect(unresolvedReferences(status)).toEqual([]);
      const metadata = await filesContaining(client, 'tensorflow.serving.SignatureDefMap');
      expect(metadata[0].name).toBe('tensorflow_serving/apis/get_model_metadata.proto');
      expect(unresolvedReferences(metadata)).toEqual([]);
    });
});
