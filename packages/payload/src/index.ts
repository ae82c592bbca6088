/**
 * @seldon-ts/payload — the SeldonMessage codec of seldon-ts: proto3-JSON and protobuf for every
 * message of Seldon Core v1's `prediction.proto`, n-d array conversion, the wrapper's
 * response-shaping rules, route parsing, gRPC method descriptors and v2 conversion.
 */

// Everything that does not need protobufjs (also importable alone: `@seldon-ts/payload/json`).
export * from './json.js';

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

// Raw generated protobufjs static code (namespaces `seldon.protos`, `tensorflow`, `google.protobuf`,
// `inference`) for anyone needing direct access.
export { proto } from './proto.js';
