import type {
  Feedback,
  SeldonGraphMetadata,
  SeldonMessage,
  SeldonMessageList,
  SeldonModelMetadata,
  SeldonModelMetadataRequest,
} from './types.js';
import type { DecodeOptions } from './options.js';
import * as codec from './internal/proto-codec.js';

// Protobuf binary codec of the seldon.protos messages, to and from the proto3-JSON shapes of
// this package. Decoders produce what the reference's proto->JSON serialisers produce: zero
// scalars omitted, enums as names, int64 as strings, bytes as base64, float fields at float32
// precision, packed tensor doubles as a Float64Array (one memcpy, no per-element work).
// Decoders throw PayloadError (`SC_ERR_PAYLOAD_BAD_PROTO` for malformed bytes).

/** SeldonMessage -> protobuf bytes. @throws PayloadError for values the wire cannot carry. */
export function messageToProto(msg: SeldonMessage): Uint8Array {
  return codec.encodeTop(codec.writeMessage, msg);
}

/** Protobuf bytes -> SeldonMessage. @throws PayloadError */
export function messageFromProto(bytes: Uint8Array, opts?: DecodeOptions): SeldonMessage {
  return codec.decodeTop(codec.readMessage, bytes, opts);
}

/** Feedback -> protobuf bytes. */
export function feedbackToProto(fb: Feedback): Uint8Array {
  return codec.encodeTop(codec.writeFeedback, fb);
}

/** Protobuf bytes -> Feedback. @throws PayloadError */
export function feedbackFromProto(bytes: Uint8Array, opts?: DecodeOptions): Feedback {
  return codec.decodeTop(codec.readFeedback, bytes, opts);
}

/** SeldonMessageList -> protobuf bytes. */
export function messageListToProto(list: SeldonMessageList): Uint8Array {
  return codec.encodeTop(codec.writeMessageList, list);
}

/** Protobuf bytes -> SeldonMessageList. @throws PayloadError */
export function messageListFromProto(bytes: Uint8Array, opts?: DecodeOptions): SeldonMessageList {
  return codec.decodeTop(codec.readMessageList, bytes, opts);
}

/** SeldonModelMetadata -> protobuf bytes. */
export function modelMetadataToProto(meta: SeldonModelMetadata): Uint8Array {
  return codec.encodeTop(codec.writeModelMetadata, meta);
}

/** Protobuf bytes -> SeldonModelMetadata. @throws PayloadError */
export function modelMetadataFromProto(bytes: Uint8Array, opts?: DecodeOptions): SeldonModelMetadata {
  return codec.decodeTop(codec.readModelMetadata, bytes, opts);
}

/** SeldonGraphMetadata -> protobuf bytes. */
export function graphMetadataToProto(meta: SeldonGraphMetadata): Uint8Array {
  return codec.encodeTop(codec.writeGraphMetadata, meta);
}

/** Protobuf bytes -> SeldonGraphMetadata. @throws PayloadError */
export function graphMetadataFromProto(bytes: Uint8Array, opts?: DecodeOptions): SeldonGraphMetadata {
  return codec.decodeTop(codec.readGraphMetadata, bytes, opts);
}

/** SeldonModelMetadataRequest -> protobuf bytes. */
export function modelMetadataRequestToProto(req: SeldonModelMetadataRequest): Uint8Array {
  return codec.encodeTop(codec.writeModelMetadataRequest, req);
}

/** Protobuf bytes -> SeldonModelMetadataRequest. @throws PayloadError */
export function modelMetadataRequestFromProto(
  bytes: Uint8Array,
  opts?: DecodeOptions,
): SeldonModelMetadataRequest {
  return codec.decodeTop(codec.readModelMetadataRequest, bytes, opts);
}
