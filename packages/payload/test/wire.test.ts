import { describe, it, expect } from '@jest/globals';
import {
  PayloadError,
  messageToProto,
  protoFields,
  readProtoDouble,
  readProtoInt32,
  proto,
} from '../src/index.js';

function fieldsOf(bytes: Uint8Array, start?: number, end?: number) {
  return [...protoFields(bytes, start, end)].map(({ num, wire, keyStart, start: s, end: e }) => ({
    num,
    wire,
    keyStart,
    start: s,
    end: e,
  }));
}

function thrown(fn: () => unknown): PayloadError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PayloadError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('protoFields', () => {
  it('gives every field of a SeldonMessage with offsets that copy it byte for byte', () => {
    const bytes = messageToProto({
      meta: { puid: 'p', routing: { r: -1 } },
      data: { tensor: { shape: [1, 2], values: [1.5, 2] } },
    });
    const fields = fieldsOf(bytes);
    expect(fields.map((f) => [f.num, f.wire])).toEqual([
      [2, 2],
      [3, 2],
    ]);
    expect(Buffer.concat(fields.map((f) => bytes.subarray(f.keyStart, f.end)))).toEqual(Buffer.from(bytes));
    const meta = fields[0];
    const puid = fieldsOf(bytes, meta.start, meta.end).find((f) => f.num === 1)!;
    expect(Buffer.from(bytes.subarray(puid.start, puid.end)).toString()).toBe('p');
    // meta.routing's value (an int32 of -1, a 10-byte varint) read in place.
    const routing = fieldsOf(bytes, meta.start, meta.end).find((f) => f.num === 3)!;
    const value = fieldsOf(bytes, routing.start, routing.end).find((f) => f.num === 2)!;
    expect(value.wire).toBe(0);
    expect(value.end - value.start).toBe(10);
    expect(readProtoInt32(bytes, value.start)).toBe(-1);
    // data.tensor.values[0], a packed double.
    const data = fields[1];
    const tensor = fieldsOf(bytes, data.start, data.end)[0];
    const values = fieldsOf(bytes, tensor.start, tensor.end).find((f) => f.num === 2)!;
    expect(readProtoDouble(bytes, values.start)).toBe(1.5);
  });

  it('reads fixed-width fields and agrees with protobufjs on a Metric', () => {
    const bytes = proto.seldon.protos.Metric.encode({ key: 'k', type: 1, value: 2.5 }).finish();
    expect(fieldsOf(bytes).map((f) => [f.num, f.wire, f.end - f.start])).toEqual([
      [1, 2, 1],
      [2, 0, 1],
      [3, 5, 4],
    ]);
  });

  it('refuses malformed bytes with SC_ERR_PAYLOAD_BAD_PROTO naming the byte', () => {
    const cases: [string, number[]][] = [
      ['truncated length-delimited field', [0x0a, 5, 1, 2]],
      ['truncated varint', [0x08, 0x80]],
      ['truncated fixed64', [0x09, 1, 2, 3]],
      ['field number 0', [0x02, 0]],
      ['group wire type', [0x0b]],
    ];
    for (const [what, bytes] of cases) {
      const err = thrown(() => fieldsOf(Uint8Array.from([0x10, 1, ...bytes])));
      expect([what, err.code]).toEqual([what, 'SC_ERR_PAYLOAD_BAD_PROTO']);
      expect(err.message).toContain('at byte 2');
    }
    expect(thrown(() => readProtoDouble(Uint8Array.of(1, 2), 0)).code).toBe('SC_ERR_PAYLOAD_BAD_PROTO');
    expect(thrown(() => readProtoInt32(Uint8Array.of(0x80), 0)).code).toBe('SC_ERR_PAYLOAD_BAD_PROTO');
  });

  it('stops at `end`: a field running past it is truncated', () => {
    const bytes = Uint8Array.from([0x0a, 2, 0x61, 0x62, 0x10, 1]);
    expect(fieldsOf(bytes, 0, 4)).toHaveLength(1);
    expect(thrown(() => fieldsOf(bytes, 0, 3)).code).toBe('SC_ERR_PAYLOAD_BAD_PROTO');
  });
});
