import { describe, it, expect } from '@jest/globals';
import {
  decodeFeedback,
  decodeGraphMetadata,
  decodeMessage,
  decodeMessageList,
  decodeModelMetadata,
  encodeFeedback,
  encodeGraphMetadata,
  encodeMessage,
  encodeMessageList,
  escapeJsonForHtml,
  encodeModelMetadata,
  feedbackFromProto,
  feedbackToProto,
  graphMetadataFromProto,
  graphMetadataToProto,
  messageFromProto,
  messageListFromProto,
  messageListToProto,
  messageToProto,
  modelMetadataFromProto,
  modelMetadataToProto,
  type PayloadErrorCode,
} from '../src/index.js';
import {
  goldenFeedback,
  goldenGraphMetadataRest,
  goldenList,
  goldenMessages,
  goldenModelMetadata,
  protoNormalise,
} from './golden.js';
import { thrown } from './support/errors.js';

describe('golden vectors of 01-payload', () => {
  for (const g of goldenMessages) {
    it(`${g.name}: decodes, re-encodes identically and survives JSON -> proto -> JSON`, () => {
      const msg = decodeMessage(g.json);
      const expected = g.normalised ?? g.json;
      if (g.sortedKeys) expect(JSON.parse(encodeMessage(msg))).toEqual(JSON.parse(expected));
      else expect(encodeMessage(msg)).toBe(JSON.stringify(JSON.parse(expected)));
      const again = encodeMessage(messageFromProto(messageToProto(msg)));
      expect(JSON.parse(again)).toEqual(protoNormalise(JSON.parse(expected)));
    });
  }

  it('feedback', () => {
    const fb = decodeFeedback(goldenFeedback);
    expect(encodeFeedback(fb)).toBe(JSON.stringify(JSON.parse(goldenFeedback)));
    expect(JSON.parse(encodeFeedback(feedbackFromProto(feedbackToProto(fb))))).toEqual(
      JSON.parse(goldenFeedback),
    );
  });

  it('message list, object form and the executor bare array form', () => {
    const list = decodeMessageList(goldenList);
    expect(encodeMessageList(list)).toBe(goldenList);
    const arr = '[{"data":{"ndarray":[1]}},{"data":{"ndarray":[2]}}]';
    expect(decodeMessageList(arr)).toEqual(list);
    expect(encodeMessageList(list, { form: 'array' })).toBe(arr);
    // Through protobuf the ndarray numbers are doubles (ListValue), written as Python's json_format does.
    expect(encodeMessageList(messageListFromProto(messageListToProto(list)))).toBe(
      '{"seldonMessages":[{"data":{"ndarray":[1.0]}},{"data":{"ndarray":[2.0]}}]}',
    );
  });

  it('model metadata', () => {
    for (const json of goldenModelMetadata) {
      const m = decodeModelMetadata(json);
      expect(encodeModelMetadata(m)).toBe(json);
      const viaProto = JSON.parse(encodeModelMetadata(modelMetadataFromProto(modelMetadataToProto(m))));
      // int64 shapes come back as strings (proto3-JSON), otherwise equal.
      const expected = JSON.parse(json, (k, v) => (k === 'shape' && !Array.isArray(v) ? v : v));
      for (const io of [...(expected.inputs ?? []), ...(expected.outputs ?? [])])
        if (io.shape) io.shape = io.shape.map(String);
      expect(viaProto).toEqual(expected);
    }
  });

  it('graph metadata in REST and proto forms', () => {
    const g = decodeGraphMetadata(goldenGraphMetadataRest);
    expect(encodeGraphMetadata(g, { form: 'rest' })).toBe(goldenGraphMetadataRest);
    const protoForm = encodeGraphMetadata(g);
    expect(JSON.parse(protoForm).inputs).toEqual([{ messagetype: 'tensor', schema: { shape: [4] } }]);
    expect(graphMetadataFromProto(graphMetadataToProto(g))).toEqual(g);
  });
});

describe('validation errors carry code, path and message', () => {
  const cases: { input: unknown; code: PayloadErrorCode; path: string; message?: RegExp }[] = [
    { input: '[1,2]', code: 'SC_ERR_PAYLOAD_NOT_OBJECT', path: '$', message: /JSON object/ },
    { input: '"x"', code: 'SC_ERR_PAYLOAD_NOT_OBJECT', path: '$' },
    { input: '{"data":', code: 'SC_ERR_PAYLOAD_INVALID_JSON', path: '$' },
    {
      input: new Uint8Array([0x7b, 0xff, 0x7d]),
      code: 'SC_ERR_PAYLOAD_INVALID_JSON',
      path: '$',
      message: /UTF-8/,
    },
    {
      input: '{"data":{"tensor":{"shape":[2,2],"values":[1,2,3]}}}',
      code: 'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      path: '$.data.tensor.values',
      message: /3 values but shape \[2,2\] needs 4/,
    },
    {
      input: '{"data":{"tensor":{"shape":[2],"values":[1,"x"]}}}',
      code: 'SC_ERR_PAYLOAD_WRONG_TYPE',
      path: '$.data.tensor.values[1]',
    },
    {
      input: '{"data":{"tensor":{"shape":[-1],"values":[]}}}',
      code: 'SC_ERR_PAYLOAD_OUT_OF_RANGE',
      path: '$.data.tensor.shape[0]',
    },
    {
      input: '{"data":{"tensor":{"shape":[1.5],"values":[1]}}}',
      code: 'SC_ERR_PAYLOAD_OUT_OF_RANGE',
      path: '$.data.tensor.shape[0]',
    },
    {
      input: '{"data":{"ndarray":[1]},"strData":"x"}',
      code: 'SC_ERR_PAYLOAD_MULTIPLE_DATA',
      path: '$',
      message: /data and strData/,
    },
    {
      input: '{"data":{"ndarray":[1],"tensor":{"shape":[1],"values":[1]}}}',
      code: 'SC_ERR_PAYLOAD_MULTIPLE_DATA',
      path: '$.data',
    },
    {
      input: '{"data":{"matrix":[1]}}',
      code: 'SC_ERR_PAYLOAD_UNKNOWN_FIELD',
      path: '$.data.matrix',
      message: /unknown data kind/,
    },
    { input: '{"foo":1}', code: 'SC_ERR_PAYLOAD_UNKNOWN_FIELD', path: '$.foo' },
    { input: '{"binData":"a$b="}', code: 'SC_ERR_PAYLOAD_BAD_BASE64', path: '$.binData' },
    { input: '{"binData":"abcde"}', code: 'SC_ERR_PAYLOAD_BAD_BASE64', path: '$.binData' },
    { input: '{"binData":3}', code: 'SC_ERR_PAYLOAD_WRONG_TYPE', path: '$.binData' },
    { input: '{"data":{"ndarray":{"a":1}}}', code: 'SC_ERR_PAYLOAD_WRONG_TYPE', path: '$.data.ndarray' },
    { input: '{"data":{"names":["a",1]}}', code: 'SC_ERR_PAYLOAD_WRONG_TYPE', path: '$.data.names[1]' },
    {
      input: '{"meta":{"metrics":[{"key":"k","type":"HISTOGRAM"}]}}',
      code: 'SC_ERR_PAYLOAD_BAD_ENUM',
      path: '$.meta.metrics[0].type',
    },
    {
      input: '{"meta":{"routing":{"r":3000000000}}}',
      code: 'SC_ERR_PAYLOAD_OUT_OF_RANGE',
      path: '$.meta.routing.r',
    },
    {
      input: '{"meta":{"requestPath":{"a b":1}}}',
      code: 'SC_ERR_PAYLOAD_WRONG_TYPE',
      path: '$.meta.requestPath["a b"]',
    },
    { input: '{"status":{"status":"BROKEN"}}', code: 'SC_ERR_PAYLOAD_BAD_ENUM', path: '$.status.status' },
    { input: '{"customData":{"value":1}}', code: 'SC_ERR_PAYLOAD_WRONG_TYPE', path: '$.customData["@type"]' },
    {
      input: '{"data":{"tftensor":{"dtype":"DT_NOPE"}}}',
      code: 'SC_ERR_PAYLOAD_BAD_ENUM',
      path: '$.data.tftensor.dtype',
    },
    {
      input: '{"data":{"tftensor":{"tensorShape":{"dim":[{"size":"x"}]}}}}',
      code: 'SC_ERR_PAYLOAD_WRONG_TYPE',
      path: '$.data.tftensor.tensorShape.dim[0].size',
    },
    {
      input: { data: { ndarray: [1, Number.NaN] } },
      code: 'SC_ERR_PAYLOAD_OUT_OF_RANGE',
      path: '$.data.ndarray[1]',
    },
    {
      input: { jsonData: { when: new Date(0) } },
      code: 'SC_ERR_PAYLOAD_WRONG_TYPE',
      path: '$.jsonData.when',
    },
  ];
  for (const c of cases) {
    it(`${c.code} at ${c.path} for ${typeof c.input === 'string' ? c.input : JSON.stringify(c.input)}`, () => {
      const err = thrown(() => decodeMessage(c.input));
      expect(err.code).toBe(c.code);
      expect(err.path).toBe(c.path);
      expect(err.message).toContain(`(at ${c.path})`);
      if (c.message) expect(err.message).toMatch(c.message);
      expect(err.httpStatus).toBeGreaterThanOrEqual(400);
    });
  }

  it('maps to both Seldon status bodies', () => {
    const err = thrown(() => decodeMessage('[]'));
    expect(err.toSeldonStatus()).toEqual({
      status: { status: 1, info: err.message, code: -1, reason: 'MICROSERVICE_BAD_DATA' },
    });
    expect(err.toSeldonStatus('executor')).toEqual({
      status: { code: 400, info: err.message, reason: err.code, status: 'FAILURE' },
    });
    expect(err.grpcStatus).toBe(3);
  });

  it('unknown fields can be allowed', () => {
    expect(decodeMessage('{"foo":1,"data":{"ndarray":[1],"bar":2}}', { rejectUnknownFields: false })).toEqual(
      { data: { ndarray: [1] } },
    );
  });
});

describe('accepted proto3-JSON variants', () => {
  it('enum numbers, int64 numbers, numeric strings, non-finite doubles, URL-safe base64, snake_case TF names', () => {
    const m = decodeMessage(
      '{"status":{"status":1,"code":"7"},"meta":{"metrics":[{"key":"k","type":2,"value":"NaN"}]},"data":{"tensor":{"shape":["2"],"values":["Infinity",-1]}}}',
    );
    expect(m.status).toEqual({ status: 'FAILURE', code: 7 });
    expect(Number.isNaN(m.meta?.metrics?.[0].value)).toBe(true);
    expect(m.meta?.metrics?.[0].type).toBe('TIMER');
    expect(m.data?.tensor?.values).toEqual([Number.POSITIVE_INFINITY, -1]);
    expect(encodeMessage(m)).toBe(
      '{"status":{"code":7,"status":"FAILURE"},"meta":{"metrics":[{"key":"k","type":"TIMER","value":"NaN"}]},"data":{"tensor":{"shape":[2],"values":["Infinity",-1]}}}',
    );
    expect(decodeMessage('{"binData":"-_8"}').binData).toBe('+/8=');
    const tf = decodeMessage(
      '{"data":{"tftensor":{"dtype":1,"tensor_shape":{"dim":[{"size":2}]},"float_val":[1,2]}}}',
    );
    expect(tf.data?.tftensor).toEqual({
      dtype: 'DT_FLOAT',
      tensorShape: { dim: [{ size: 2 }] },
      floatVal: [1, 2],
    });
  });

  it('null fields are absent, except jsonData where null is the JSON value', () => {
    expect(decodeMessage('{"meta":null,"data":null,"strData":"x"}')).toEqual({ strData: 'x' });
    expect(decodeMessage('{"jsonData":null}')).toEqual({ jsonData: null });
    expect(encodeMessage({ jsonData: null })).toBe('{"jsonData":null}');
  });

  it('an empty tensor is accepted', () => {
    expect(decodeMessage('{"data":{"tensor":{}}}')).toEqual({ data: { tensor: {} } });
  });
});

describe('hostile input', () => {
  it('__proto__ and constructor keys stay data', () => {
    const text =
      '{"jsonData":{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}},"meta":{"tags":{"__proto__":{"polluted":true}},"requestPath":{"__proto__":"x"}}}';
    const m = decodeMessage(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const jd = m.jsonData as Record<string, unknown>;
    expect(Object.getPrototypeOf(jd)).toBe(Object.prototype);
    expect(Object.keys(jd)).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(encodeMessage(m))).toEqual(JSON.parse(text));
    const back = messageFromProto(messageToProto(m));
    expect(Object.keys(back.meta!.tags!)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(back.meta!.tags)).toBe(Object.prototype);
    expect(encodeMessage(back)).toBe(encodeMessage(m));
  });

  it('depth is bounded by maxDepth', () => {
    const deep = `{"jsonData":${'['.repeat(150)}${']'.repeat(150)}}`;
    const err = thrown(() => decodeMessage(deep));
    expect(err.code).toBe('SC_ERR_PAYLOAD_TOO_DEEP');
    expect(decodeMessage(deep, { maxDepth: 200 }).jsonData).toBeDefined();
    const veryDeep = `{"jsonData":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(thrown(() => decodeMessage(veryDeep, { maxDepth: 1_000_000 })).code).toBe(
      'SC_ERR_PAYLOAD_TOO_DEEP',
    );
  });

  it('element count and size are bounded', () => {
    expect(thrown(() => decodeMessage('{"data":{"ndarray":[1,2,3,4,5]}}', { maxElements: 4 })).code).toBe(
      'SC_ERR_PAYLOAD_TOO_LARGE',
    );
    const err = thrown(() => decodeMessage('{"strData":"xxxxxxxx"}', { maxMessageBytes: 5 }));
    expect(err.code).toBe('SC_ERR_PAYLOAD_TOO_LARGE');
    expect(err.httpStatus).toBe(413);
  });
});

describe('output forms', () => {
  it('sortKeys writes what Flask jsonify writes', () => {
    const m = decodeMessage(
      '{"meta":{"tags":{"b":1,"a":{"d":1,"c":[{"z":1,"y":2}]}}},"data":{"names":["t:0"],"ndarray":[[1]]}}',
    );
    expect(encodeMessage(m, { sortKeys: true })).toBe(
      '{"data":{"names":["t:0"],"ndarray":[[1]]},"meta":{"tags":{"a":{"c":[{"y":2,"z":1}],"d":1},"b":1}}}',
    );
  });

  it('escapeJsonForHtml escapes like Go json.HTMLEscape', () => {
    const text = encodeMessage({ strData: '<a href="x">&\u2028\u2029</a>' });
    const escaped = escapeJsonForHtml(text);
    expect(escaped).toBe('{"strData":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u2028\\u2029\\u003c/a\\u003e"}');
    expect(JSON.parse(escaped)).toEqual(JSON.parse(text));
    expect(escapeJsonForHtml('{"a":1}')).toBe('{"a":1}');
    expect(escapeJsonForHtml(text)).toBe(escaped);
  });
});

describe('graph metadata REST form (Go struct output)', () => {
  it('omits empty model fields and writes absent edge lists as null', () => {
    const text = encodeGraphMetadata(
      {
        name: 'p',
        models: {
          a: { name: '', versions: [], platform: '', inputs: [], custom: {} },
          b: { name: 'b', outputs: [{ messagetype: 'ndarray' }] },
        },
      },
      { form: 'rest' },
    );
    expect(text).toBe(
      '{"name":"p","models":{"a":{"inputs":[]},"b":{"name":"b","outputs":[{"messagetype":"ndarray"}]}},"graphinputs":null,"graphoutputs":null}',
    );
    expect(decodeGraphMetadata(text)).toEqual({
      name: 'p',
      models: { a: { inputs: [] }, b: { name: 'b', outputs: [{ messagetype: 'ndarray' }] } },
    });
  });
});
