import type {
  Feedback,
  SeldonGraphMetadata,
  SeldonMessage,
  SeldonMessageList,
  SeldonModelMetadata,
  SeldonModelMetadataRequest,
} from './types.js';
import * as codec from './internal/proto-codec.js';
import { proto } from './proto.js';
import type { DecodeOptions } from './options.js';

/**
 * One rpc, structurally a grpc-js `MethodDefinition` (usable in a grpc-js `ServiceDefinition`
 * for `server.addService` and `makeGenericClientConstructor`). Deserializers throw PayloadError,
 * which grpc-js reports to the caller as an INTERNAL/INVALID_ARGUMENT status.
 */
export interface MethodDefinition<Req, Res> {
  /** Full method path, e.g. `/seldon.protos.Model/Predict`. */
  readonly path: string;
  readonly requestStream: false;
  readonly responseStream: false;
  readonly requestSerialize: (value: Req) => Buffer;
  readonly requestDeserialize: (bytes: Buffer) => Req;
  readonly responseSerialize: (value: Res) => Buffer;
  readonly responseDeserialize: (bytes: Buffer) => Res;
  /** lowerCamelCase method name (grpc-js accepts implementations under either name). */
  readonly originalName: string;
}

type Empty = Record<string, never>;
type M<Req, Res> = MethodDefinition<Req, Res>;

/** Every Seldon service of `prediction.proto` with every rpc (01-payload §1.2). */
export interface SeldonServices {
  Generic: {
    TransformInput: M<SeldonMessage, SeldonMessage>;
    TransformOutput: M<SeldonMessage, SeldonMessage>;
    Route: M<SeldonMessage, SeldonMessage>;
    Aggregate: M<SeldonMessageList, SeldonMessage>;
    SendFeedback: M<Feedback, SeldonMessage>;
  };
  Model: {
    Predict: M<SeldonMessage, SeldonMessage>;
    SendFeedback: M<Feedback, SeldonMessage>;
    Metadata: M<Empty, SeldonModelMetadata>;
  };
  Router: {
    Route: M<SeldonMessage, SeldonMessage>;
    SendFeedback: M<Feedback, SeldonMessage>;
  };
  Transformer: { TransformInput: M<SeldonMessage, SeldonMessage> };
  OutputTransformer: { TransformOutput: M<SeldonMessage, SeldonMessage> };
  Combiner: { Aggregate: M<SeldonMessageList, SeldonMessage> };
  Seldon: {
    Predict: M<SeldonMessage, SeldonMessage>;
    SendFeedback: M<Feedback, SeldonMessage>;
    ModelMetadata: M<SeldonModelMetadataRequest, SeldonModelMetadata>;
    GraphMetadata: M<Empty, SeldonGraphMetadata>;
  };
}

interface Codec<T> {
  write: (v: T) => Buffer;
  read: (b: Buffer) => T;
}

function codecOf<T>(write: codec.Writer<T>, read: codec.Reader<T>, opts?: DecodeOptions): Codec<T> {
  return {
    write: (v) => toBuffer(codec.encodeTop(write, v)),
    read: (b) => codec.decodeTop(read, b, opts),
  };
}

function toBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

const empty: Codec<Empty> = { write: () => Buffer.alloc(0), read: () => ({}) };

function method<Req, Res>(service: string, name: string, req: Codec<Req>, res: Codec<Res>): M<Req, Res> {
  return Object.freeze({
    path: `/${service}/${name}`,
    requestStream: false,
    responseStream: false,
    requestSerialize: req.write,
    requestDeserialize: req.read,
    responseSerialize: res.write,
    responseDeserialize: res.read,
    originalName: name[0].toLowerCase() + name.slice(1),
  });
}

const P = 'seldon.protos';

/**
 * Descriptors whose deserializers apply `opts` (limits on depth, elements, size) to every
 * incoming message. {@link seldonServices} uses the defaults.
 */
export function makeSeldonServices(opts?: DecodeOptions): SeldonServices {
  const msg = codecOf(codec.writeMessage, codec.readMessage, opts);
  const list = codecOf(codec.writeMessageList, codec.readMessageList, opts);
  const feedback = codecOf(codec.writeFeedback, codec.readFeedback, opts);
  const modelMeta = codecOf(codec.writeModelMetadata, codec.readModelMetadata, opts);
  const graphMeta = codecOf(codec.writeGraphMetadata, codec.readGraphMetadata, opts);
  const metaReq = codecOf(codec.writeModelMetadataRequest, codec.readModelMetadataRequest, opts);
  return {
    Generic: {
      TransformInput: method(`${P}.Generic`, 'TransformInput', msg, msg),
      TransformOutput: method(`${P}.Generic`, 'TransformOutput', msg, msg),
      Route: method(`${P}.Generic`, 'Route', msg, msg),
      Aggregate: method(`${P}.Generic`, 'Aggregate', list, msg),
      SendFeedback: method(`${P}.Generic`, 'SendFeedback', feedback, msg),
    },
    Model: {
      Predict: method(`${P}.Model`, 'Predict', msg, msg),
      SendFeedback: method(`${P}.Model`, 'SendFeedback', feedback, msg),
      Metadata: method(`${P}.Model`, 'Metadata', empty, modelMeta),
    },
    Router: {
      Route: method(`${P}.Router`, 'Route', msg, msg),
      SendFeedback: method(`${P}.Router`, 'SendFeedback', feedback, msg),
    },
    Transformer: { TransformInput: method(`${P}.Transformer`, 'TransformInput', msg, msg) },
    OutputTransformer: { TransformOutput: method(`${P}.OutputTransformer`, 'TransformOutput', msg, msg) },
    Combiner: { Aggregate: method(`${P}.Combiner`, 'Aggregate', list, msg) },
    Seldon: {
      Predict: method(`${P}.Seldon`, 'Predict', msg, msg),
      SendFeedback: method(`${P}.Seldon`, 'SendFeedback', feedback, msg),
      ModelMetadata: method(`${P}.Seldon`, 'ModelMetadata', metaReq, modelMeta),
      GraphMetadata: method(`${P}.Seldon`, 'GraphMetadata', empty, graphMeta),
    },
  };
}

/** grpc-js compatible descriptors for every Seldon service and rpc (default decode limits). */
export const seldonServices: SeldonServices = makeSeldonServices();

// ---- v2 dataplane (inference.GRPCInferenceService): raw generated messages as plain objects ----

type Generated = {
  encode(m: unknown): { finish(): Uint8Array };
  decode(b: Uint8Array): unknown;
  fromObject(o: Record<string, unknown>): unknown;
  toObject(m: unknown, o: Record<string, unknown>): Record<string, unknown>;
};

/**
 * Plain-object form of the generated v2 messages: field names lowerCamelCase
 * (`modelName`, `rawInputContents`...), int64 as strings, bytes as Uint8Array/Buffer, enums as numbers.
 */
export type InferenceObject = Record<string, unknown>;

function generatedCodec(type: unknown): Codec<InferenceObject> {
  const t = type as Generated;
  return {
    write: (v) => toBuffer(t.encode(t.fromObject(v)).finish()),
    read: (b) => {
      try {
        return t.toObject(t.decode(b), { longs: String, defaults: false, arrays: false });
      } catch (err) {
        throw codec.badProto(err);
      }
    },
  };
}

const inf = proto.inference;
const I = 'inference.GRPCInferenceService';
function v2<N extends string>(name: N, req: unknown, res: unknown): M<InferenceObject, InferenceObject> {
  return method(I, name, generatedCodec(req), generatedCodec(res));
}

/** The v2 GRPCInferenceService rpcs (messages as generated-code plain objects). */
export interface InferenceServices {
  GRPCInferenceService: Record<
    | 'ServerLive'
    | 'ServerReady'
    | 'ModelReady'
    | 'ServerMetadata'
    | 'ModelMetadata'
    | 'ModelInfer'
    | 'RepositoryIndex'
    | 'RepositoryModelLoad'
    | 'RepositoryModelUnload',
    M<InferenceObject, InferenceObject>
  >;
}

/** grpc-js compatible descriptors for `inference.GRPCInferenceService` (v2 dataplane). */
export const inferenceServices: InferenceServices = {
  GRPCInferenceService: {
    ServerLive: v2('ServerLive', inf.ServerLiveRequest, inf.ServerLiveResponse),
    ServerReady: v2('ServerReady', inf.ServerReadyRequest, inf.ServerReadyResponse),
    ModelReady: v2('ModelReady', inf.ModelReadyRequest, inf.ModelReadyResponse),
    ServerMetadata: v2('ServerMetadata', inf.ServerMetadataRequest, inf.ServerMetadataResponse),
    ModelMetadata: v2('ModelMetadata', inf.ModelMetadataRequest, inf.ModelMetadataResponse),
    ModelInfer: v2('ModelInfer', inf.ModelInferRequest, inf.ModelInferResponse),
    RepositoryIndex: v2('RepositoryIndex', inf.RepositoryIndexRequest, inf.RepositoryIndexResponse),
    RepositoryModelLoad: v2(
      'RepositoryModelLoad',
      inf.RepositoryModelLoadRequest,
      inf.RepositoryModelLoadResponse,
    ),
    RepositoryModelUnload: v2(
      'RepositoryModelUnload',
      inf.RepositoryModelUnloadRequest,
      inf.RepositoryModelUnloadResponse,
    ),
  },
};
