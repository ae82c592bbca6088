// gRPC server reflection (grpc.reflection.v1 and v1alpha, served by @grpc/reflection) for the
// services the engine's gRPC port serves for its protocol, so grpcurl and other reflection clients
// can list and call them without .proto files. The reflection methods are registered at start
// with raw (bytes) messages; @grpc/reflection and the descriptors (protobufjs parses the sources in
// some tens of ms and keeps them) are loaded on the first reflection call, once per protocol per
// process: most engines are never asked, and their start-up and memory do not pay for it.
import { createRequire } from 'node:module';
import type * as grpc from '@grpc/grpc-js';
import type * as Reflection from '@grpc/reflection';
import type { EngineProtocol } from '../config.js';
import { identity } from './grpc-raw.js';

/** The engine's own dependencies, loaded when first needed. */
const require = createRequire(import.meta.url);

/** What reflection describes: the .proto files to load and the services to list. */
export interface ReflectedApi {
  files: string[];
  services: string[];
}

/** A reflection method as @grpc/reflection defines and implements it (decoded messages). */
interface ReflectionMethod {
  definition: grpc.MethodDefinition<unknown, unknown>;
  handler: (stream: MessageStream) => void;
}

/** The part of a server duplex stream @grpc/reflection's handlers use. */
interface MessageStream {
  on(event: string, listener: (...args: never[]) => void): MessageStream;
  write(message: unknown): boolean;
  end(): void;
}

/** The paths of the reflection methods (v1 and v1alpha): one bidi-streaming method each. */
export const REFLECTION_PATHS = [
  '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
  '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo',
] as const;

const SELDON: ReflectedApi = {
  files: ['prediction.proto', 'grpc/health/v1/health.proto'],
  services: ['seldon.protos.Seldon', 'grpc.health.v1.Health'],
};
const V2: ReflectedApi = { files: ['v2/dataplane.proto'], services: ['inference.GRPCInferenceService'] };
const TENSORFLOW: ReflectedApi = {
  files: ['tensorflow_serving/apis/prediction_service.proto', 'tensorflow_serving/apis/model_service.proto'],
  services: ['tensorflow.serving.PredictionService', 'tensorflow.serving.ModelService'],
};

/** The services the gRPC front door serves for `protocol` (seldon.protos.Seldon and health always). */
export function reflectedApi(protocol: EngineProtocol): ReflectedApi {
  const extra =
    protocol === 'v2' || protocol === 'kfserving' ? V2 : protocol === 'tensorflow' ? TENSORFLOW : undefined;
  if (!extra) return SELDON;
  return { files: [...SELDON.files, ...extra.files], services: [...SELDON.services, ...extra.services] };
}

const loaded = new Map<EngineProtocol, Promise<Map<string, ReflectionMethod>>>();
/** grpc.status.UNIMPLEMENTED (grpc-js is only a type import here). */
const UNIMPLEMENTED = 12;

/**
 * Registers the reflection methods of `protocol`'s API on `server` (before it binds). The first call
 * loads them; when the descriptors cannot be built the call ends UNIMPLEMENTED with the reason, and
 * `onError` is told (the engine logs it), and a later call tries again.
 */
export function registerReflection(
  server: grpc.Server,
  protocol: EngineProtocol,
  onError: (err: Error) => void,
): void {
  for (const path of REFLECTION_PATHS) {
    const handler = (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
      // No listener is attached until the implementation is loaded: the stream holds the messages.
      loadReflection(protocol)
        .then((methods) => {
          const method = methods.get(path);
          if (!method) throw new Error(`@grpc/reflection does not implement ${path}`);
          method.handler(decodedView(call, method.definition));
        })
        .catch((err: Error) => {
          onError(err);
          const details = `server reflection is not available: ${err.message}`;
          call.emit('error', { code: UNIMPLEMENTED, details });
        });
    };
    server.register(path, handler, identity, identity, 'bidi');
  }
}

/** `call` as @grpc/reflection's handlers see a stream: decoded messages in and out. */
function decodedView(
  call: grpc.ServerDuplexStream<Buffer, Buffer>,
  definition: grpc.MethodDefinition<unknown, unknown>,
): MessageStream {
  const view: MessageStream = {
    on(event, listener) {
      const l = listener as (...args: unknown[]) => void;
      call.on(event, event === 'data' ? (bytes: Buffer) => l(definition.requestDeserialize(bytes)) : l);
      return view;
    },
    write: (message) => call.write(definition.responseSerialize(message)),
    end: () => call.end(),
  };
  return view;
}

/**
 * The reflection methods of `protocol`'s API (by path), built once per process.
 * @throws Error naming the file or package that could not be loaded (a later call tries again).
 */
export function loadReflection(protocol: EngineProtocol): Promise<Map<string, ReflectionMethod>> {
  let pending = loaded.get(protocol);
  if (!pending) {
    pending = buildReflection(reflectedApi(protocol));
    pending.catch(() => loaded.delete(protocol));
    loaded.set(protocol, pending);
  }
  return pending;
}

async function buildReflection(api: ReflectedApi): Promise<Map<string, ReflectionMethod>> {
  const { loadFileDescriptors } = await import('./proto-descriptors.js');
  const fileDescriptorProtos = await loadFileDescriptors(api.files);
  const { ReflectionService } = require('@grpc/reflection') as typeof Reflection;
  // ReflectionService reads only each entry's fileDescriptorProtos (the files are the same for all).
  const definition = { files: { fileDescriptorProtos } } as unknown as ConstructorParameters<
    typeof ReflectionService
  >[0];
  const service = new ReflectionService(definition, { services: api.services });
  // The service adds itself to a server; a recorder in the server's place keeps its methods.
  const methods = new Map<string, ReflectionMethod>();
  const recorder = {
    addService(added: grpc.ServiceDefinition, implementation: Record<string, ReflectionMethod['handler']>) {
      for (const [name, method] of Object.entries(added))
        if (implementation[name])
          methods.set(method.path, { definition: method, handler: implementation[name] });
    },
  };
  service.addToServer(recorder as unknown as grpc.Server);
  return methods;
}
