import { describe, it, expect } from '@jest/globals';
import {
  PayloadError,
  decodeMessage,
  encodeMessage,
  feedbackFromProto,
  feedbackToProto,
  graphMetadataFromProto,
  graphMetadataToProto,
  messageFromProto,
  messageToProto,
  modelMetadataFromProto,
  modelMetadataRequestFromProto,
  modelMetadataRequestToProto,
  modelMetadataToProto,
  proto,
  type SeldonMessage,
} from '../src/index.js';
import { goldenMessages, protoNormalise } from './golden.js';

const pb = proto.seldon.protos;

const rich: SeldonMessage[] = [
  ...goldenMessages.map((g) => decodeMessage(g.json)),
  {
    status: { code: 3, info: 'i', reason: 'r', status: 'FAILURE' },
    meta: {
      puid: 'p',
      tags: { a: [1, 'x', true, null, { b: {} }], n: -2.5 },
      routing: { r: -2, s: 7 },
      requestPath: { m: 'img:1' },
      metrics: [
        { key: 'k', type: 'GAUGE', value: 0.25, tags: { x: 'y' } },
        { key: 't', type: 'TIMER', value: 12.5 },
      ],
    },
    data: { names: ['a', 'b', 'c'], tensor: { shape: [1, 3], values: [1.5, -2, 1e300] } },
  },
  {
    data: {
      tftensor: {
        dtype: 'DT_INT64',
        tensorShape: { dim: [{ size: '2', name: 'batch' }, { size: '1' }], unknownRank: true },
        versionNumber: 2,
        tensorContent: 'AQID',
        halfVal: [1, 2],
        floatVal: [0.5],
        doubleVal: [1.25],
        intVal: [-3],
        stringVal: ['aGk='],
        scomplexVal: [1, 2],
        int64Val: ['-9223372036854775808', '9007199254740993'],
        boolVal: [true, false],
        dcomplexVal: [3, 4],
        uint32Val: [4294967295],
        uint64Val: ['18446744073709551615'],
        float8Val: 'AA==',
      },
    },
  },
  { customData: { '@type': 'type.googleapis.com/seldon.protos.Tensor', shape: [2], values: [1, 2] } },
  { customData: { '@type': 'type.googleapis.com/google.protobuf.Value', value: { any: ['json'] } } },
  { customData: { '@type': 'type.googleapis.com/acme.Unknown', value: 'AQID' } },
  { jsonData: 'just a string' },
  { strData: '' },
];

describe('protobuf codec', () => {
  it('round-trips every message (proto drops only zero values)', () => {
    for (const m of rich) {
      const back = messageFromProto(messageToProto(m));
      expect(JSON.parse(encodeMessage(back))).toEqual(protoNormalise(JSON.parse(encodeMessage(m))));
    }
  });

  it('writes what the generated protobufjs code reads, and reads what it writes', () => {
    for (const m of rich) {
      const bytes = messageToProto(m);
      const generated = pb.SeldonMessage.decode(bytes);
      const rewritten = pb.SeldonMessage.encode(generated).finish();
      expect(encodeMessage(messageFromProto(rewritten))).toBe(encodeMessage(messageFromProto(bytes)));
    }
    const fromGenerated = pb.SeldonMessage.encode(
      pb.SeldonMessage.fromObject({
        meta: { puid: 'x', tags: { k: { stringValue: 'v' } }, metrics: [{ key: 'c', type: 1, value: 2 }] },
        data: {
          names: ['a'],
          ndarray: {
            values: [{ listValue: { values: [{ numberValue: 1 }, { boolValue: true }, { nullValue: 0 }] } }],
          },
        },
      }),
    ).finish();
    expect(encodeMessage(messageFromProto(fromGenerated))).toBe(
      // ndarray numbers from protobuf are doubles (ListValue): 1.0, as Python's json_format writes them.
      '{"meta":{"puid":"x","tags":{"k":"v"},"metrics":[{"key":"c","type":"GAUGE","value":2}]},"data":{"names":["a"],"ndarray":[[1.0,true,null]]}}',
    );
  });

  it('decodes packed tensor doubles to a Float64Array', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i / 3);
    const m = messageFromProto(messageToProto({ data: { tensor: { shape: [10, 100], values } } }));
    expect(m.data?.tensor?.values).toBeInstanceOf(Float64Array);
    expect(Array.from(m.data!.tensor!.values!)).toEqual(Array.from(values));
    // unpacked (wire type 1) doubles are accepted as well
    const w = proto.seldon.protos.Tensor.encode({ shape: [2] }).finish();
    const unpacked = new Uint8Array([
      ...w,
      0x11,
      ...new Uint8Array(Float64Array.of(7).buffer),
      0x11,
      ...new Uint8Array(Float64Array.of(8).buffer),
    ]);
    const t = messageFromProto(
      new Uint8Array([0x1a, unpacked.length + 2, 0x12, unpacked.length, ...unpacked]),
    );
    expect(Array.from(t.data!.tensor!.values!)).toEqual([7, 8]);
  });

  it('float fields come back at float32 precision in their shortest form', () => {
    const fb = feedbackFromProto(
      feedbackToProto({ reward: 0.1, request: { meta: { metrics: [{ key: 'k', value: 0.3 }] } } }),
    );
    expect(fb.reward).toBe(0.1);
    expect(fb.request?.meta?.metrics?.[0].value).toBe(0.3);
  });

  it('metadata messages round-trip', () => {
    const mm = {
      name: 'm',
      versions: ['v1'],
      platform: 'seldon',
      inputs: [{ messagetype: 'tensor', schema: { shape: [4] } }],
      outputs: [{ name: 'o', datatype: 'FP32', shape: ['1', '-1'] }],
      custom: { a: 'b' },
    };
    expect(modelMetadataFromProto(modelMetadataToProto(mm))).toEqual(mm);
    expect(pb.SeldonModelMetadata.decode(modelMetadataToProto(mm)).outputs[0]?.shape?.map(String)).toEqual([
      '1',
      '-1',
    ]);
    const g = { name: 'g', models: { m: mm, __proto__x: {} }, inputs: mm.inputs, outputs: mm.outputs };
    expect(graphMetadataFromProto(graphMetadataToProto(g))).toEqual(g);
    expect(modelMetadataRequestFromProto(modelMetadataRequestToProto({ name: 'n' }))).toEqual({ name: 'n' });
  });

  it('malformed bytes are a PayloadError, never a crash', () => {
    const good = messageToProto({ data: { ndarray: [[1, 2]] }, meta: { puid: 'abc' } });
    for (let cut = 1; cut < good.length; cut++) {
      try {
        messageFromProto(good.subarray(0, cut));
      } catch (err) {
        expect(err).toBeInstanceOf(PayloadError);
        expect((err as PayloadError).code).toBe('SC_ERR_PAYLOAD_BAD_PROTO');
      }
    }
    const err = (() => {
      try {
        messageFromProto(new Uint8Array([0x1a, 0x05, 0x12, 0x09]));
      } catch (e) {
        return e as PayloadError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('SC_ERR_PAYLOAD_BAD_PROTO');
    expect(err?.grpcStatus).toBe(3);
  });

  it('applies the same depth limit as the JSON decoder', () => {
    const nest = (levels: number) => `{"jsonData":${'['.repeat(levels)}${']'.repeat(levels)}}`;
    const ok = decodeMessage(nest(10), { maxDepth: 10 });
    expect(messageFromProto(messageToProto(ok), { maxDepth: 10 })).toEqual(ok);
    expect(() => decodeMessage(nest(11), { maxDepth: 10 })).toThrow(/maxDepth/);
    const deeper = messageToProto(decodeMessage(nest(11)));
    expect(() => messageFromProto(deeper, { maxDepth: 10 })).toThrow(/maxDepth/);
  });

  it('validates tensor shape against values like the JSON decoder', () => {
    const bytes = pb.SeldonMessage.encode({ data: { tensor: { shape: [3], values: [1] } } }).finish();
    expect(() => messageFromProto(bytes)).toThrow(
      expect.objectContaining({ code: 'SC_ERR_PAYLOAD_SHAPE_MISMATCH' }),
    );
  });

  it('bounds element counts and nesting in protobuf input', () => {
    const bytes = messageToProto({ data: { ndarray: [1, 2, 3, 4, 5] } });
    expect(() => messageFromProto(bytes, { maxElements: 3 })).toThrow(PayloadError);
    let nested: unknown = 1;
    for (let i = 0; i < 200; i++) nested = [nested];
    const deep = messageToProto({ jsonData: nested as never });
    expect(() => messageFromProto(deep)).toThrow(/maxDepth/);
    expect(messageFromProto(deep, { maxDepth: 500 }).jsonData).toEqual(nested);
  });
});
