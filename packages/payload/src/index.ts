/**
 * @seldon-ts/payload — the SeldonMessage codec of seldon-ts: proto3-JSON and protobuf for every
 * message of Seldon Core v1's `prediction.proto`, n-d array conversion, the wrapper's
 * response-shaping rules, route parsing, gRPC method descriptors and v2 conversion.
 */

// Message types (proto3-JSON shapes).
export type {
  JsonValue,
  JsonObject,
  TensorValues,
  Tensor,
  TfDataType,
  TfDim,
  TfTensorShape,
  TfTensor,
  DefaultData,
  DefaultDataKind,
  MessageDataKind,
  MetricType,
  Metric,
  Meta,
  StatusFlag,
  Status,
  AnyMessage,
  SeldonMessage,
  SeldonMessageList,
  Feedback,
  RequestResponse,
  SeldonModelMetadataRequest,
  SeldonMessageMetadata,
  SeldonModelMetadata,
  SeldonGraphMetadata,
  RestGraphMetadata,
  SeldonStatusBody,
  V2Datatype,
  V2Parameters,
  V2RequestInput,
  V2RequestOutput,
  V2InferenceRequest,
  V2ResponseOutput,
  V2InferenceResponse,
} from './types.js';

// Errors: the base class of every seldon-ts error, the one gRPC status table, this package's catalogue.
// (Also importable alone, without the codec: `@seldon-ts/payload/seldon-error`, `.../grpc-status`.)
export { SeldonError, isSeldonError } from './seldon-error.js';
export type { SeldonErrorSpec, SeldonErrorOptions, SeldonStatusForm } from './seldon-error.js';
export { GrpcStatus, httpToGrpcStatus, grpcToHttpStatus } from './grpc-status.js';
export type { GrpcStatusCode } from './grpc-status.js';
export { PayloadError, isPayloadError, payloadErrorCatalogue } from './errors.js';
export type { PayloadErrorCode } from './errors.js';
export { decodeContentEncoding, isIdentityEncoding } from './content-encoding.js';

// Options.
export { defaultDecodeOptions } from './options.js';
export type { DecodeOptions } from './options.js';

// JSON codec.
export {
  decodeMessage,
  encodeMessage,
  encodeJsonValue,
  decodeFeedback,
  encodeFeedback,
  decodeMessageList,
  encodeMessageList,
  decodeModelMetadata,
  encodeModelMetadata,
  decodeGraphMetadata,
  encodeGraphMetadata,
  decodeModelMetadataRequest,
  encodeModelMetadataRequest,
  messageDataKind,
  base64ToBytes,
  bytesToBase64,
  escapeJsonForHtml,
} from './json.js';
export type { JsonInput, GraphMetadataJsonForm, EncodeOptions } from './json.js';

// Protobuf codec.
export {
  messageToProto,
  messageFromProto,
  feedbackToProto,
  feedbackFromProto,
  messageListToProto,
  messageListFromProto,
  modelMetadataToProto,
  modelMetadataFromProto,
  graphMetadataToProto,
  graphMetadataFromProto,
  modelMetadataRequestToProto,
  modelMetadataRequestFromProto,
} from './protobuf.js';

// Field-level protobuf reading (offsets into the bytes, nothing decoded): the one wire reader.
export { protoFields, readProtoInt32, readProtoDouble } from './wire.js';
export type { ProtoField } from './wire.js';

// gRPC method descriptors (structurally grpc-js ServiceDefinitions; no grpc-js dependency).
export { seldonServices, makeSeldonServices, inferenceServices } from './grpc.js';
export type { MethodDefinition, SeldonServices, InferenceServices, InferenceObject } from './grpc.js';

// n-d arrays.
export { dataToNd, ndToData, nestedToNd, ndToNested, isNumericNd } from './arrays.js';
export type { NdValue } from './arrays.js';

// Wrapper response shaping and routes (01-payload §4).
export {
  extractRequestParts,
  buildResponse,
  buildAggregateResponse,
  buildRouteResponse,
  buildFeedbackResponse,
  responseDataKind,
  mergeMeta,
  parseRoute,
  feedbackRoute,
  ROUTE_ALL_CHILDREN,
  ROUTE_NO_CHILDREN,
} from './shaping.js';
export type { RequestParts, ResponsePayload, ResponseOptions } from './shaping.js';

// v2 (Open Inference Protocol).
export {
  decodeV2Request,
  decodeV2Response,
  v2RequestToMessage,
  v2ResponseToMessage,
  messageToV2Request,
  messageToV2Response,
  chainV2Payload,
  chainV2InferResponse,
  V2_DATATYPES,
} from './v2.js';

// Raw generated protobufjs static code (namespaces `seldon.protos`, `tensorflow`, `google.protobuf`,
// `inference`) for anyone needing direct access.
export { proto } from './proto.js';
