// Reading protobuf bytes field by field without decoding the message, on protobufjs's Reader: where
// each field's key and value lie, so that a caller can read one value (a route, a model name) or
// copy fields byte for byte (meta.routing rewritten, a v2 response chained into a request).
import protobuf from 'protobufjs/minimal.js';
import { PayloadError } from './errors.js';

const { Reader } = protobuf;

/** One field of a protobuf message, as offsets into the bytes it was read from. */
export interface ProtoField {
  /** Field number. */
  readonly num: number;
  /** Wire type: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  readonly wire: number;
  /** Where the field's key starts: `bytes.subarray(keyStart, end)` is the whole field. */
  readonly keyStart: number;
  /** Where the value starts (for wire type 2, after the length). */
  readonly start: number;
  /** Where the value ends. */
  readonly end: number;
}

/**
 * The fields of the message in `bytes[start, end)`, in wire order; repeated and split fields
 * appear as often as they occur. Throws a PayloadError `SC_ERR_PAYLOAD_BAD_PROTO` on malformed
 * bytes (truncated field, field number 0, group wire types), before yielding the broken field.
 */
export function* protoFields(bytes: Uint8Array, start = 0, end = bytes.length): Generator<ProtoField> {
  const r = Reader.create(bytes);
  r.pos = start;
  r.len = end;
  while (r.pos < end) yield nextField(r);
}

function nextField(r: protobuf.Reader): ProtoField {
  const keyStart = r.pos;
  try {
    const key = r.uint32();
    const num = key >>> 3;
    const wire = key & 7;
    if (num === 0) throw new Error('field number 0');
    if (wire === 2) {
      const length = r.uint32();
      const start = r.pos;
      r.skip(length);
      return { num, wire, keyStart, start, end: r.pos };
    }
    if (wire !== 0 && wire !== 1 && wire !== 5) throw new Error(`unsupported wire type ${wire}`);
    const start = r.pos;
    r.skipType(wire);
    return { num, wire, keyStart, start, end: r.pos };
  } catch (err) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_BAD_PROTO',
      '$',
      `malformed protobuf at byte ${keyStart}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}

/** The varint at `bytes[pos]` as an int32 (int32 and enum fields; negatives are 10-byte varints). */
export function readProtoInt32(bytes: Uint8Array, pos: number): number {
  const r = Reader.create(bytes);
  r.pos = pos;
  try {
    return r.int32();
  } catch (err) {
    throw new PayloadError('SC_ERR_PAYLOAD_BAD_PROTO', '$', `malformed varint at byte ${pos}`, {
      cause: err,
    });
  }
}

/** The little-endian double at `bytes[pos]` (a fixed64 double field, or one of packed doubles). */
export function readProtoDouble(bytes: Uint8Array, pos: number): number {
  if (pos + 8 > bytes.length)
    throw new PayloadError('SC_ERR_PAYLOAD_BAD_PROTO', '$', `truncated double at byte ${pos}`);
  return new DataView(bytes.buffer, bytes.byteOffset + pos, 8).getFloat64(0, true);
}
