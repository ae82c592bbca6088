// Regression tests, each named after the problem it pins down.
import { describe, it, expect } from '@jest/globals';
import protobuf from 'protobufjs/minimal.js';
import {
  decodeMessage,
  feedbackFromProto,
  feedbackToProto,
  messageFromProto,
  messageListFromProto,
  messageToProto,
  type SeldonMessage,
  type TfTensor,
} from '../src/index.js';
import { expectError } from './support/errors.js';

/** Two serialised messages back to back: on the wire, the merge of both (protobuf spec). */
function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('a non-repeated message field that occurs twice is merged, not replaced', () => {
  it('meta appended by a proxy keeps the original puid, tags, routing and metrics', () => {
    const original = messageToProto({
      meta: { puid: 'p-1', tags: { a: 1 }, routing: { r: 0 }, metrics: [{ key: 'm1', value: 1 }] },
      data: { ndarray: [[1, 2]] },
    });
    const appended = messageToProto({
      meta: { tags: { b: 'x' }, requestPath: { proxy: 'img:1' }, metrics: [{ key: 'm2', value: 2 }] },
    });
    expect(messageFromProto(concat(original, appended))).toEqual({
      meta: {
        puid: 'p-1',
        tags: { a: 1, b: 'x' },
        routing: { r: 0 },
        requestPath: { proxy: 'img:1' },
        metrics: [
          { key: 'm1', value: 1 },
          { key: 'm2', value: 2 },
        ],
      },
      data: { ndarray: [[1, 2]] },
    });
  });

  it('a later scalar and a repeated map key win, as the spec says', () => {
    const bytes = concat(
      messageToProto({ meta: { puid: 'old', tags: { k: 1 } }, status: { code: 200, info: 'a' } }),
      messageToProto({ meta: { puid: 'new', tags: { k: 2 } }, status: { reason: 'r' } }),
    );
    expect(messageFromProto(bytes)).toEqual({
      meta: { puid: 'new', tags: { k: 2 } },
      status: { code: 200, info: 'a', reason: 'r' },
    });
  });

  it('the same data member merges (ndarray rows concatenate, names too); another member replaces', () => {
    const a = messageToProto({ data: { names: ['x'], ndarray: [[1]] } });
    const b = messageToProto({ data: { names: ['y'], ndarray: [[2]] } });
    expect(messageFromProto(concat(a, b))).toEqual({ data: { names: ['x', 'y'], ndarray: [[1], [2]] } });
    expect(messageFromProto(concat(a, messageToProto({ strData: 's' })))).toEqual({ strData: 's' });
    expect(messageFromProto(concat(messageToProto({ strData: 's' }), a))).toEqual({
      data: { names: ['x'], ndarray: [[1]] },
    });
  });

  it('a tensor split over two occurrences is checked as a whole', () => {
    const shapeOnly = messageToProto({ data: { tensor: { shape: [1, 2] } } as never });
    const valuesOnly = messageToProto({ data: { tensor: { values: [3, 4] } } as never });
    const m = messageFromProto(concat(shapeOnly, valuesOnly));
    expect(m.data?.tensor?.shape).toEqual([1, 2]);
    expect(Array.from(m.data?.tensor?.values ?? [])).toEqual([3, 4]);
    expectError(
      () => messageFromProto(concat(shapeOnly, valuesOnly, valuesOnly)),
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      '$.data.tensor.values',
    );
  });

  it('jsonData structs merge key by key', () => {
    const bytes = concat(
      messageToProto({ jsonData: { a: 1, o: { x: 1 } } }),
      messageToProto({ jsonData: { b: 2 } }),
    );
    expect(messageFromProto(bytes)).toEqual({ jsonData: { a: 1, o: { x: 1 }, b: 2 } });
  });

  it('feedback request and response merge recursively', () => {
    const bytes = concat(
      feedbackToProto({
        request: { data: { ndarray: [1] } },
        response: { meta: { routing: { r: 1 } } },
        reward: 1,
      }),
      feedbackToProto({ response: { meta: { puid: 'p' } } }),
    );
    expect(feedbackFromProto(bytes)).toEqual({
      request: { data: { ndarray: [1] } },
      response: { meta: { puid: 'p', routing: { r: 1 } } },
      reward: 1,
    });
  });
});

describe('malformed protobuf errors name the field path', () => {
  it('a string running past the end of the second metric names $.meta.metrics[1]', () => {
    const w = protobuf.Writer.create();
    w.uint32(18).fork(); // meta
    w.uint32(42).fork().uint32(10).string('ok').ldelim(); // metrics[0]
    w.uint32(42).fork().uint32(10).uint32(5).uint32(0x61).ldelim(); // metrics[1]: key claims 5 bytes, has 1
    w.ldelim();
    const err = expectError(
      () => messageFromProto(w.finish()),
      'SC_ERR_PAYLOAD_BAD_PROTO',
      '$.meta.metrics[1]',
    );
    expect(err.message).toContain('malformed protobuf');
  });

  it('packed tensor values of a length that is not a multiple of 8 name $.data.tensor.values', () => {
    const w = protobuf.Writer.create();
    w.uint32(26).fork().uint32(18).fork().uint32(18).bytes(new Uint8Array(12)).ldelim().ldelim();
    expectError(() => messageFromProto(w.finish()), 'SC_ERR_PAYLOAD_BAD_PROTO', '$.data.tensor.values');
  });

  it('a truncated message names the outermost field whose length runs past the end', () => {
    const bytes = messageToProto({ data: { ndarray: [[1, 2], ['abc']] } });
    expectError(
      () => messageFromProto(bytes.subarray(0, bytes.length - 2)),
      'SC_ERR_PAYLOAD_BAD_PROTO',
      '$.data',
    );
  });

  it('a malformed ndarray element names its index', () => {
    const w = protobuf.Writer.create();
    w.uint32(26).fork().uint32(26).fork(); // data.ndarray
    w.uint32(10).fork().uint32(17).double(1).ldelim(); // [0] = 1
    w.uint32(10).fork().uint32(0).uint32(0).ldelim(); // [1]: field number 0
    w.ldelim().ldelim();
    expectError(() => messageFromProto(w.finish()), 'SC_ERR_PAYLOAD_BAD_PROTO', '$.data.ndarray[1]');
  });

  it('a string longer than what remains is refused, not silently cut (protobufjs clamps it)', () => {
    const w = protobuf.Writer.create();
    w.uint32(42).uint32(10).uint32(0x61); // strData claims 10 bytes, has 1
    const err = expectError(() => messageFromProto(w.finish()), 'SC_ERR_PAYLOAD_BAD_PROTO', '$');
    expect(err.detail).toBe('malformed protobuf: string of 10 bytes runs past the end');
  });

  it('field number 0 inside a tag value names the tag key', () => {
    const w = protobuf.Writer.create();
    w.uint32(18).fork(); // meta
    w.uint32(18).fork().uint32(10).string('my key').uint32(18).fork().uint32(0).uint32(0).ldelim().ldelim();
    w.ldelim();
    expectError(() => messageFromProto(w.finish()), 'SC_ERR_PAYLOAD_BAD_PROTO', '$.meta.tags["my key"]');
  });

  it('an error inside the second message of a list names $.seldonMessages[1]', () => {
    const w = protobuf.Writer.create();
    w.uint32(10).bytes(messageToProto({ strData: 'fine' }));
    w.uint32(10).fork().uint32(0).uint32(0).ldelim();
    expectError(() => messageListFromProto(w.finish()), 'SC_ERR_PAYLOAD_BAD_PROTO', '$.seldonMessages[1]');
  });
});

describe('tftensor content is checked against its shape at decode time', () => {
  const floats2: TfTensor = { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }] } };
  const short: SeldonMessage = { data: { tftensor: { ...floats2, tensorContent: 'AAAAAA==' } } };

  it('JSON: 4 bytes of tensorContent for two floats is refused with the path', () => {
    const err = expectError(
      () => decodeMessage(JSON.stringify(short)),
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      '$.data.tftensor.tensorContent',
    );
    expect(err.detail).toBe('tensorContent has 4 bytes but shape [2] of DT_FLOAT needs 8');
    expect(err.httpStatus).toBe(400);
  });

  it('protobuf: the same tensor is refused with the same path', () => {
    expectError(
      () => messageFromProto(messageToProto(short)),
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      '$.data.tftensor.tensorContent',
    );
    const nested = feedbackToProto({ request: short });
    expectError(
      () => feedbackFromProto(nested),
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      '$.request.data.tftensor.tensorContent',
    );
  });

  it('more *_val values than the shape holds are refused; fewer are padded by TensorFlow and pass', () => {
    const tooMany = { data: { tftensor: { ...floats2, floatVal: [1, 2, 3] } } };
    expectError(() => decodeMessage(tooMany), 'SC_ERR_PAYLOAD_SHAPE_MISMATCH', '$.data.tftensor.floatVal');
    expectError(
      () => messageFromProto(messageToProto(tooMany)),
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      '$.data.tftensor.floatVal',
    );
    expect(
      decodeMessage({ data: { tftensor: { ...floats2, floatVal: [1] } } }).data?.tftensor?.floatVal,
    ).toEqual([1]);
    const complex = {
      data: {
        tftensor: { dtype: 'DT_COMPLEX64', tensorShape: { dim: [{ size: '1' }] }, scomplexVal: [1, 2] },
      },
    };
    expect(decodeMessage(complex).data?.tftensor?.scomplexVal).toEqual([1, 2]);
  });

  it('a partly unknown shape (-1) or a dtype without a fixed size is not checked', () => {
    const unknownDim = {
      dtype: 'DT_FLOAT',
      tensorShape: { dim: [{ size: '-1' }] },
      tensorContent: 'AAAAAA==',
    };
    expect(decodeMessage({ data: { tftensor: unknownDim } }).data?.tftensor?.tensorContent).toBe('AAAAAA==');
    const strings = { dtype: 'DT_STRING', tensorShape: { dim: [{ size: '1' }] }, tensorContent: 'AAAAAA==' };
    expect(
      messageFromProto(messageToProto({ data: { tftensor: strings } as never })).data?.tftensor?.dtype,
    ).toBe('DT_STRING');
  });
});
