import type {
  Feedback,
  MessageDataKind,
  RestGraphMetadata,
  SeldonGraphMetadata,
  SeldonMessage,
  SeldonMessageList,
  SeldonModelMetadata,
  SeldonModelMetadataRequest,
} from './types.js';
import type { DecodeOptions } from './options.js';
import * as dec from './internal/json-decode.js';
import * as enc from './internal/json-encode.js';
import { base64Decode, base64Encode } from './internal/base64.js';

/** JSON output options. */
export interface EncodeOptions {
  /**
   * Sort object keys at every level, as the Python wrapper's Flask `jsonify` does (its bodies
   * are then byte-identical). Default `false`: proto field order, like the proto serialisers.
   */
  sortKeys?: boolean;
}

/**
 * Escapes `<`, `>`, `&`, U+2028 and U+2029 in JSON text as `\u003c`... the way the reference
 * executor writes every JSON response body (Go's `json.HTMLEscape`). The JSON value is unchanged.
 */
export function escapeJsonForHtml(text: string): string {
  return enc.htmlEscape(text);
}

/** What a JSON decoder accepts: JSON text, UTF-8 bytes of JSON text, or an already parsed value. */
export type JsonInput = string | Uint8Array | unknown;

/**
 * Decodes and validates a SeldonMessage from JSON (text, UTF-8 bytes or a parsed value).
 * The result is a fresh, validated object (arrays of the input may be shared when the input was
 * already parsed). Enum numbers are normalised to names.
 * @throws PayloadError with a stable code and the JSON path of the problem.
 */
export function decodeMessage(input: JsonInput, opts?: DecodeOptions): SeldonMessage {
  return dec.decodeTop(input, opts, dec.readMessage);
}

/**
 * Encodes a SeldonMessage as proto3-JSON text: fields in proto field order, enums as names,
 * bytes as padded base64, non-finite tensor values as `"NaN"`/`"Infinity"`/`"-Infinity"`.
 * Fields are written as present in the object (a message decoded from protobuf has no
 * zero-valued fields, as the reference serialisers emit). Values held as doubles (a
 * `Float64Array` of tensor values; an ndarray decoded from protobuf or built from a numeric n-d
 * array) are written as Python writes a float, `2.0`, `1e-07`; other numbers as JSON.stringify
 * writes them (docs/payload.md, "Doubles in JSON").
 */
export function encodeMessage(msg: SeldonMessage, opts?: EncodeOptions): string {
  return enc.encodeMessage(msg, opts);
}

/**
 * Any JSON value as text, as `JSON.stringify` writes it (typed arrays as lists), except that when
 * it is a SeldonMessage, Feedback or SeldonMessageList (or a list of messages) whose data holds
 * doubles, those are written as {@link encodeMessage} writes them (`2.0`). For payloads whose
 * message type is not known, e.g. a graph node's answer object.
 */
export function encodeJsonValue(value: unknown): string {
  return enc.encodeJsonValue(value);
}

/** Decodes and validates a Feedback. @throws PayloadError */
export function decodeFeedback(input: JsonInput, opts?: DecodeOptions): Feedback {
  return dec.decodeTop(input, opts, dec.readFeedback);
}

/** Encodes a Feedback as proto3-JSON text. */
export function encodeFeedback(fb: Feedback, opts?: EncodeOptions): string {
  return enc.encodeFeedback(fb, opts);
}

/**
 * Decodes and validates a SeldonMessageList: `{"seldonMessages":[...]}` or the executor's bare
 * JSON array of messages (what a combiner receives from the executor, 02-engine).
 * @throws PayloadError
 */
export function decodeMessageList(input: JsonInput, opts?: DecodeOptions): SeldonMessageList {
  return dec.decodeTop(input, opts, dec.readMessageListOrArray);
}

/**
 * Encodes a SeldonMessageList. `form: 'object'` (default) gives `{"seldonMessages":[...]}`;
 * `form: 'array'` gives the executor's bare array.
 */
export function encodeMessageList(list: SeldonMessageList, opts?: { form?: 'object' | 'array' }): string {
  return enc.encodeMessageList(list, opts?.form ?? 'object');
}

/** Decodes and validates a SeldonModelMetadata (proto3-JSON form). @throws PayloadError */
export function decodeModelMetadata(input: JsonInput, opts?: DecodeOptions): SeldonModelMetadata {
  return dec.decodeTop(input, opts, dec.readModelMetadata);
}

/** Encodes a SeldonModelMetadata. */
export function encodeModelMetadata(meta: SeldonModelMetadata, opts?: EncodeOptions): string {
  return enc.encodeModelMetadata(meta, opts);
}

/**
 * Which JSON form of graph metadata: `'proto'` (proto3-JSON of SeldonGraphMetadata, edge lists
 * in `inputs`/`outputs`) or `'rest'` (the executor's REST body, `graphinputs`/`graphoutputs`).
 */
export type GraphMetadataJsonForm = 'proto' | 'rest';

/**
 * Decodes graph metadata in either JSON form (`inputs`/`outputs` or `graphinputs`/`graphoutputs`)
 * into the SeldonGraphMetadata shape. @throws PayloadError
 */
export function decodeGraphMetadata(input: JsonInput, opts?: DecodeOptions): SeldonGraphMetadata {
  return dec.decodeTop(input, opts, dec.readGraphMetadata);
}

/**
 * Encodes graph metadata; `form` defaults to `'proto'`. The `'rest'` form is the executor's Go
 * body: `name`, `models` (per model: name, platform, versions, inputs, outputs, custom, the
 * empty ones among name/platform/versions/custom omitted), `graphinputs`/`graphoutputs`
 * (`null` when absent).
 */
export function encodeGraphMetadata(
  meta: SeldonGraphMetadata | RestGraphMetadata,
  opts?: { form?: GraphMetadataJsonForm },
): string {
  return enc.encodeGraphMetadata(meta, opts?.form ?? 'proto');
}

/** Decodes a SeldonModelMetadataRequest (`{"name":"..."}`). @throws PayloadError */
export function decodeModelMetadataRequest(
  input: JsonInput,
  opts?: DecodeOptions,
): SeldonModelMetadataRequest {
  return dec.decodeTop(input, opts, dec.readModelMetadataRequest);
}

/** Encodes a SeldonModelMetadataRequest. */
export function encodeModelMetadataRequest(req: SeldonModelMetadataRequest): string {
  return enc.encodeModelMetadataRequest(req);
}

/** Which member of the SeldonMessage data oneof is set (undefined when none). */
export function messageDataKind(msg: SeldonMessage): MessageDataKind | undefined {
  if (msg.data !== undefined) return 'data';
  if (msg.binData !== undefined) return 'binData';
  if (msg.strData !== undefined) return 'strData';
  if (msg.jsonData !== undefined) return 'jsonData';
  if (msg.customData !== undefined) return 'customData';
  return undefined;
}

/**
 * Standard or URL-safe base64, padding optional (what proto3-JSON parsers accept) -> bytes.
 * @throws PayloadError `SC_ERR_PAYLOAD_BAD_BASE64`
 */
export function base64ToBytes(text: string, path = '$'): Uint8Array {
  return base64Decode(text, path);
}

/** Bytes -> standard base64 with padding (the reference's output form). */
export function bytesToBase64(bytes: Uint8Array): string {
  return base64Encode(bytes);
}
