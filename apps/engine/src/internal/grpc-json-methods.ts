// The engine's gRPC methods as `seldon-engine call` sends them: each turns the JSON a user sends to
// the REST API into the method's protobuf request, and its protobuf response into the JSON the
// REST API answers. Seldon messages go through @seldon-ts/payload's codecs (an ndarray becomes a
// google.protobuf.ListValue as the proto requires), v2 inference through v2-grpc-json.ts.
import {
  PayloadError,
  decodeFeedback,
  decodeMessage,
  decodeModelMetadataRequest,
  encodeGraphMetadata,
  encodeMessage,
  encodeModelMetadata,
  feedbackToProto,
  graphMetadataFromProto,
  messageFromProto,
  messageToProto,
  modelMetadataFromProto,
  modelMetadataRequestToProto,
  proto,
} from '@seldon-ts/payload';
import { inferRequestToProto, inferResponseFromProto, withRestParameters } from './v2-grpc-json.js';

export type CallProtocol = 'seldon' | 'v2';
export const CALL_PROTOCOLS: readonly CallProtocol[] = ['seldon', 'v2'];

/** What the request is built from: the JSON text (absent when none was given) and `--model`. */
export interface RequestInput {
  json?: string;
  model?: string;
}

/** One gRPC method with its JSON conversions. */
export interface JsonMethod {
  /** The RPC's name (`Predict`). */
  readonly name: string;
  /** Other names `--method` accepts for it. */
  readonly aliases: readonly string[];
  /** The gRPC path (`/seldon.protos.Seldon/Predict`). */
  readonly path: string;
  /** Whether a JSON request is required (otherwise the request may be empty). */
  readonly needsJson: boolean;
  /** @throws PayloadError naming what in the JSON cannot be sent */
  request(input: RequestInput): Uint8Array;
  /** The response as REST JSON text. */
  response(bytes: Uint8Array): string;
}

const SELDON = '/seldon.protos.Seldon/';
const V2 = '/inference.GRPCInferenceService/';

const SELDON_METHODS: readonly JsonMethod[] = [
  {
    name: 'Predict',
    aliases: [],
    path: `${SELDON}Predict`,
    needsJson: true,
    request: ({ json }) => messageToProto(decodeMessage(json)),
    response: (bytes) => encodeMessage(messageFromProto(bytes)),
  },
  {
    name: 'SendFeedback',
    aliases: ['Feedback'],
    path: `${SELDON}SendFeedback`,
    needsJson: true,
    request: ({ json }) => feedbackToProto(decodeFeedback(json)),
    response: (bytes) => encodeMessage(messageFromProto(bytes)),
  },
  {
    name: 'ModelMetadata',
    aliases: ['Metadata'],
    path: `${SELDON}ModelMetadata`,
    needsJson: false,
    request: ({ json, model }) =>
      modelMetadataRequestToProto({
        ...(json === undefined ? {} : decodeModelMetadataRequest(json)),
        ...(model === undefined ? {} : { name: model }),
      }),
    response: (bytes) => encodeModelMetadata(modelMetadataFromProto(bytes)),
  },
  {
    name: 'GraphMetadata',
    aliases: [],
    path: `${SELDON}GraphMetadata`,
    needsJson: false,
    request: () => new Uint8Array(0),
    response: (bytes) => encodeGraphMetadata(graphMetadataFromProto(bytes), { form: 'rest' }),
  },
];

/** A protobufjs generated message class of the v2 dataplane. */
interface GeneratedType {
  verify(o: Record<string, unknown>): string | null;
  fromObject(o: Record<string, unknown>): unknown;
  encode(m: unknown): { finish(): Uint8Array };
  decode(b: Uint8Array): unknown;
  toObject(m: unknown, o: Record<string, unknown>): Record<string, unknown>;
  /** Holds every field's default: the field names (lowerCamelCase). */
  prototype: object;
}

/** A small v2 method: the request's JSON fields are the proto's (snake_case), `--model` fills `name`. */
function simpleV2(name: string, req: unknown, res: unknown, withModel: boolean): JsonMethod {
  const reqType = req as GeneratedType;
  const resType = res as GeneratedType;
  return {
    name,
    aliases: [],
    path: `${V2}${name}`,
    needsJson: false,
    request: ({ json, model }) => {
      const fields = { ...parseObject(json), ...(withModel && model !== undefined ? { name: model } : {}) };
      const camel = Object.fromEntries(Object.entries(fields).map(([k, v]) => [snakeToCamel(k), v]));
      for (const key of Object.keys(fields))
        if (!(snakeToCamel(key) in reqType.prototype))
          throw new PayloadError(
            'SC_ERR_PAYLOAD_UNKNOWN_FIELD',
            `$.${key}`,
            `${name} requests have no field "${key}"`,
          );
      const problem = reqType.verify(camel);
      if (problem) throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', '$', `${name} request: ${problem}`);
      return reqType.encode(reqType.fromObject(camel)).finish();
    },
    response: (bytes) =>
      JSON.stringify(
        withRestParameters(resType.toObject(resType.decode(bytes), { longs: Number, defaults: true })),
      ),
  };
}

const inf = proto.inference;
const V2_METHODS: readonly JsonMethod[] = [
  {
    name: 'ModelInfer',
    aliases: ['Infer'],
    path: `${V2}ModelInfer`,
    needsJson: true,
    request: ({ json, model }) => inferRequestToProto(json, model ?? ''),
    response: (bytes) => JSON.stringify(inferResponseFromProto(bytes)),
  },
  {
    ...simpleV2('ModelMetadata', inf.ModelMetadataRequest, inf.ModelMetadataResponse, true),
    aliases: ['Metadata'],
  },
  simpleV2('ModelReady', inf.ModelReadyRequest, inf.ModelReadyResponse, true),
  simpleV2('ServerLive', inf.ServerLiveRequest, inf.ServerLiveResponse, false),
  simpleV2('ServerReady', inf.ServerReadyRequest, inf.ServerReadyResponse, false),
  simpleV2('ServerMetadata', inf.ServerMetadataRequest, inf.ServerMetadataResponse, false),
  simpleV2('RepositoryIndex', inf.RepositoryIndexRequest, inf.RepositoryIndexResponse, false),
];

/** The methods `call` can send for `protocol`; the first is the default. */
export function jsonMethods(protocol: CallProtocol): readonly JsonMethod[] {
  return protocol === 'v2' ? V2_METHODS : SELDON_METHODS;
}

/** The method `name` (or an alias; any case) names, if `protocol` has it. */
export function findMethod(protocol: CallProtocol, name: string): JsonMethod | undefined {
  const wanted = name.toLowerCase();
  return jsonMethods(protocol).find(
    (m) => m.name.toLowerCase() === wanted || m.aliases.some((a) => a.toLowerCase() === wanted),
  );
}

function parseObject(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new PayloadError('SC_ERR_PAYLOAD_INVALID_JSON', '$', `invalid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PayloadError('SC_ERR_PAYLOAD_NOT_OBJECT', '$', 'expected a JSON object');
  return value as Record<string, unknown>;
}

function snakeToCamel(key: string): string {
  return key.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());
}
