/**
 * @seldon-ts/payload/json — the package without its protobuf side: message types, errors, the
 * proto3-JSON codec, content encodings, n-d arrays, response shaping and v2 conversion. Loading it
 * does not load protobufjs or the generated protobuf code (about 10 MB of a process's memory), so a
 * REST-only process (an engine serving REST to REST nodes) imports this entry; the main entry adds
 * the protobuf codec, the wire reader and the gRPC descriptors.
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
} from './json-codec.js';
export type { JsonInput, GraphMetadataJsonForm, EncodeOptions } from './json-codec.js';

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
