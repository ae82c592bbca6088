// gRPC server reflection (grpc.reflection.v1 and v1alpha, served by @grpc/reflection) for the
// services the engine's gRPC port serves for its protocol, so grpcurl and other reflection clients
// can list and call them without .proto files. The descriptors are built once per protocol per
// process, on the first engine start (protobufjs parses the sources in some tens of ms).
import { createRequire } from 'node:module';
import type * as grpc from '@grpc/grpc-js';
import type * as Reflection from '@grpc/reflection';
import type { EngineProtocol } from '../config.js';
import { loadFileDescriptors } from './proto-descriptors.js';

/** The engine's own dependencies, loaded when first needed. */
const require = createRequire(import.meta.url);

/** What reflection describes: the .proto files to load and the services to list. */
export interface ReflectedApi {
  files: string[];
  services: string[];
}

/** Registers the reflection services on a server (before it binds). */
export type AddReflection = (server: grpc.Server) => void;

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

const loaded = new Map<EngineProtocol, Promise<AddReflection>>();

/**
 * The reflection service of `protocol`'s API, built once per process.
 * @throws Error naming the file or package that could not be loaded (a later call tries again).
 */
export function loadReflection(protocol: EngineProtocol): Promise<AddReflection> {
  let pending = loaded.get(protocol);
  if (!pending) {
    pending = buildReflection(reflectedApi(protocol));
    pending.catch(() => loaded.delete(protocol));
    loaded.set(protocol, pending);
  }
  return pending;
}

async function buildReflection(api: ReflectedApi): Promise<AddReflection> {
  const fileDescriptorProtos = await loadFileDescriptors(api.files);
  const { ReflectionService } = require('@grpc/reflection') as typeof Reflection;
  // ReflectionService reads only each entry's fileDescriptorProtos (the files are the same for all).
  const definition = { files: { fileDescriptorProtos } } as unknown as ConstructorParameters<
    typeof ReflectionService
  >[0];
  const service = new ReflectionService(definition, { services: api.services });
  return (server) => service.addToServer(server);
}
