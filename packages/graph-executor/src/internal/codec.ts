// Conversions between JSON and protobuf payloads, for a payload that changes transport (a REST
// request reaching a gRPC node); the protobuf codec is loaded with the first one.
import {
  decodeFeedback,
  decodeMessage,
  decodeModelMetadata,
  encodeFeedback,
  encodeMessage,
  encodeModelMetadata,
} from '@seldon-ts/payload/json';
import { GraphError } from '../errors.js';
import { payloadProtobuf } from './payload-protobuf.js';

/** Message kinds the executor converts between JSON and protobuf. */
export type MessageKind = 'message' | 'feedback' | 'metadata';

function conversionError(
  kind: MessageKind,
  direction: string,
  err: unknown,
  nodeName: string | undefined,
): GraphError {
  const detail = (err as Error)?.message ?? String(err);
  const where = nodeName === undefined ? '' : ` for node ${nodeName}`;
  return new GraphError(
    'SC_ERR_GRAPH_BAD_PAYLOAD',
    `cannot convert a ${kind} ${direction}${where}: ${detail}`,
    { nodeName, cause: err },
  );
}

/**
 * JSON object → protobuf, needed only when a payload changes transport (a REST request reaching a
 * gRPC node) — the reference cannot mix transports, so it never does this.
 */
export function objectToProto(kind: MessageKind, value: unknown, nodeName?: string): Uint8Array {
  const codec = payloadProtobuf();
  try {
    switch (kind) {
      case 'message':
        return codec.messageToProto(decodeMessage(value));
      case 'feedback':
        return codec.feedbackToProto(decodeFeedback(value));
      case 'metadata':
        return codec.modelMetadataToProto(decodeModelMetadata(value));
    }
  } catch (err) {
    throw conversionError(kind, 'from JSON to protobuf', err, nodeName);
  }
}

/** Protobuf → decoded object (proto3-JSON shape; tensor values may be a Float64Array). */
export function protoToObject(kind: MessageKind, bytes: Uint8Array, nodeName?: string): unknown {
  const codec = payloadProtobuf();
  try {
    switch (kind) {
      case 'message':
        return codec.messageFromProto(bytes);
      case 'feedback':
        return codec.feedbackFromProto(bytes);
      case 'metadata':
        return codec.modelMetadataFromProto(bytes);
    }
  } catch (err) {
    throw conversionError(kind, 'from protobuf to JSON', err, nodeName);
  }
}

/** Protobuf → proto3-JSON text. */
export function protoToJsonText(kind: MessageKind, bytes: Uint8Array, nodeName?: string): string {
  const value = protoToObject(kind, bytes, nodeName);
  switch (kind) {
    case 'message':
      return encodeMessage(value as Parameters<typeof encodeMessage>[0]);
    case 'feedback':
      return encodeFeedback(value as Parameters<typeof encodeFeedback>[0]);
    case 'metadata':
      return encodeModelMetadata(value as Parameters<typeof encodeModelMetadata>[0]);
  }
}
