// The gRPC API of a wrapper (05 §6): every service of prediction.proto the reference wrapper
// registers. Messages travel as raw bytes through grpc-js so that decode failures become
// INVALID_ARGUMENT with the codec's message (grpc-js would answer INTERNAL for a throwing
// deserializer).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import {
  feedbackFromProto,
  messageFromProto,
  messageListFromProto,
  messageToProto,
  modelMetadataToProto,
  isPayloadError,
  type DecodeOptions,
} from '@seldon-ts/payload';
import { WrapperError, toWrapperError } from '../errors.js';
import type { ComponentRuntime } from '../runtime.js';
import type { Gate } from './gate.js';
import type { WrapperMetrics } from './metrics.js';

type Rpc =
  | 'Predict'
  | 'TransformInput'
  | 'TransformOutput'
  | 'Route'
  | 'Aggregate'
  | 'SendFeedback'
  | 'Metadata'
  | 'ModelMetadata'
  | 'GraphMetadata';

/** Services and their RPCs (01-payload §1.2). */
export const GRPC_SERVICES: Readonly<Record<string, readonly Rpc[]>> = {
  Generic: ['TransformInput', 'TransformOutput', 'Route', 'Aggregate', 'SendFeedback'],
  Model: ['Predict', 'SendFeedback', 'Metadata'],
  Router: ['Route', 'SendFeedback'],
  Transformer: ['TransformInput'],
  OutputTransformer: ['TransformOutput'],
  Combiner: ['Aggregate'],
  Seldon: ['Predict', 'SendFeedback', 'ModelMetadata', 'GraphMetadata'],
};

const identity = (b: Buffer): Buffer => b;

export interface GrpcContext {
  runtime: ComponentRuntime;
  gate: Gate;
  metrics: WrapperMetrics | undefined;
  decodeOptions: DecodeOptions;
}

function decodeFailure(err: unknown): WrapperError {
  if (isPayloadError(err)) return new WrapperError('SC_ERR_WRAPPER_BAD_DATA', err.message, { cause: err });
  return toWrapperError(err);
}

async function serve(ctx: GrpcContext, rpc: Rpc, request: Buffer): Promise<Uint8Array> {
  const rt = ctx.runtime;
  const opts = ctx.decodeOptions;
  const decode = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      throw decodeFailure(err);
    }
  };
  switch (rpc) {
    case 'Predict':
      return messageToProto(await rt.predict(decode(() => messageFromProto(request, opts))));
    case 'TransformInput':
      return messageToProto(await rt.transformInput(decode(() => messageFromProto(request, opts))));
    case 'TransformOutput':
      return messageToProto(await rt.transformOutput(decode(() => messageFromProto(request, opts))));
    case 'Route':
      return messageToProto(await rt.route(decode(() => messageFromProto(request, opts))));
    case 'Aggregate':
      return messageToProto(await rt.aggregate(decode(() => messageListFromProto(request, opts))));
    case 'SendFeedback':
      return messageToProto(await rt.sendFeedback(decode(() => feedbackFromProto(request, opts))));
    case 'Metadata':
    case 'ModelMetadata':
      try {
        return modelMetadataToProto(await rt.metadata());
      } catch (err) {
        // The reference answers an empty SeldonModelMetadata when the metadata is invalid.
        if (err instanceof WrapperError && err.code === 'SC_ERR_WRAPPER_BAD_METADATA')
          return new Uint8Array(0);
        throw err;
      }
    case 'GraphMetadata':
      throw new WrapperError(
        'SC_ERR_WRAPPER_NOT_IMPLEMENTED',
        'GraphMetadata is not available at model level',
      );
  }
}

/** Gate-free RPCs: metadata must answer even under load. */
const UNGATED = new Set<Rpc>(['Metadata', 'ModelMetadata', 'GraphMetadata']);

function handler(ctx: GrpcContext, service: string, rpc: Rpc): grpc.handleUnaryCall<Buffer, Buffer> {
  const label = `/seldon.protos.${service}/${rpc}`;
  return (call, callback) => {
    const started = process.hrtime.bigint();
    const done = (err: WrapperError | null, reply?: Uint8Array): void => {
      if (err !== null) callback({ code: err.grpcStatus, details: err.message });
      else callback(null, Buffer.from(reply!.buffer, reply!.byteOffset, reply!.byteLength));
      ctx.metrics?.observeRequest(
        label,
        'grpc',
        grpc.status[err === null ? 0 : err.grpcStatus] ?? 'UNKNOWN',
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    };
    const gated = !UNGATED.has(rpc);
    try {
      if (gated) ctx.gate.enter();
    } catch (err) {
      done(toWrapperError(err));
      return;
    }
    serve(ctx, rpc, call.request).then(
      (reply) => {
        done(null, reply);
        if (gated) ctx.gate.leave();
      },
      (err: unknown) => {
        done(toWrapperError(err));
        if (gated) ctx.gate.leave();
      },
    );
  };
}

/** Options of the gRPC server. */
export interface GrpcServerOptions {
  maxMessageBytes: number;
  /** Registers gRPC server reflection (from {@link loadReflection}); absent = no reflection. */
  addReflection?: (server: grpc.Server) => void;
}

let reflection: Promise<(server: grpc.Server) => void> | undefined;

/**
 * Server reflection for the Seldon services, as the reference registers it. prediction.proto is
 * loaded with proto-loader for the descriptors only (the served methods move raw bytes). Loaded
 * once per process, and only when wanted: the two packages cost ~0.1-0.2 s to import and parse.
 */
export function loadReflection(): Promise<(server: grpc.Server) => void> {
  reflection ??= (async () => {
    const [{ loadSync }, { ReflectionService }] = await Promise.all([
      import('@grpc/proto-loader'),
      import('@grpc/reflection'),
    ]);
    const file = createRequire(import.meta.url).resolve('@seldon-ts/payload/proto/prediction.proto');
    const definition = loadSync(file, { includeDirs: [dirname(file)] });
    const services = Object.keys(GRPC_SERVICES).map((s) => `seldon.protos.${s}`);
    const service = new ReflectionService(definition, { services });
    return (server: grpc.Server) => service.addToServer(server);
  })().catch((err: unknown) => {
    reflection = undefined;
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_OPTION',
      `gRPC reflection unavailable (${(err as Error).message}); set grpcReflection: false to serve without it`,
      { cause: err },
    );
  });
  return reflection;
}

/** A grpc-js server with every Seldon service registered. */
export function createGrpcServer(ctx: GrpcContext, options: GrpcServerOptions): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxMessageBytes,
    'grpc.max_send_message_length': options.maxMessageBytes,
    // Channelz bookkeeping costs CPU on every call and nothing here reads it.
    'grpc.enable_channelz': 0,
  });
  for (const [service, rpcs] of Object.entries(GRPC_SERVICES)) {
    const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const rpc of rpcs) {
      definition[rpc] = {
        path: `/seldon.protos.${service}/${rpc}`,
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
        originalName: rpc.charAt(0).toLowerCase() + rpc.slice(1),
      };
      implementation[rpc] = handler(ctx, service, rpc);
    }
    server.addService(definition as grpc.ServiceDefinition, implementation);
  }
  options.addReflection?.(server);
  return server;
}

/** Binds and resolves the bound port. */
export function bindGrpc(server: grpc.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
      if (err !== null)
        reject(
          new WrapperError(
            'SC_ERR_WRAPPER_BAD_OPTION',
            `gRPC cannot listen on ${host}:${port}: ${err.message}`,
          ),
        );
      else resolve(bound);
    });
  });
}
