import { describe, it, expect } from '@jest/globals';
import {
  chainV2Payload,
  decodeV2Request,
  decodeV2Response,
  messageToV2Request,
  messageToV2Response,
  v2RequestToMessage,
  v2ResponseToMessage,
  encodeMessage,
} from '../src/index.js';

describe('v2 payloads (01 §8)', () => {
  const req = '{"id":"r1","inputs":[{"name":"x","shape":[2,2],"datatype":"FP32","data":[1,2,3,4]}]}';

  it('decodes and validates requests and responses', () => {
    expect(decodeV2Request(req)).toEqual(JSON.parse(req));
    expect(
      decodeV2Request('{"inputs":[{"name":"x","shape":[2],"datatype":"BYTES","data":["a","b"]}]}').inputs[0]
        .data,
    ).toEqual(['a', 'b']);
    expect(
      decodeV2Response(
        '{"model_name":"m","outputs":[{"name":"y","shape":[1],"datatype":"INT64","data":[[5]]}]}',
      ).outputs[0].data,
    ).toEqual([[5]]);
    const bad: [string, string, string][] = [
      [
        '{"inputs":[{"name":"x","shape":[3],"datatype":"FP32","data":[1,2]}]}',
        'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
        '$.inputs[0].data',
      ],
      [
        '{"inputs":[{"name":"x","shape":[1],"datatype":"FLOAT","data":[1]}]}',
        'SC_ERR_PAYLOAD_BAD_ENUM',
        '$.inputs[0].datatype',
      ],
      [
        '{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":["1"]}]}',
        'SC_ERR_PAYLOAD_WRONG_TYPE',
        '$.inputs[0].data[0]',
      ],
      ['{"outputs":[]}', 'SC_ERR_PAYLOAD_NO_DATA', '$'],
      ['[]', 'SC_ERR_PAYLOAD_NOT_OBJECT', '$'],
    ];
    for (const [input, code, path] of bad)
      expect(() => decodeV2Request(input)).toThrow(expect.objectContaining({ code, path }));
  });

  it('converts to and from SeldonMessage', () => {
    const msg = v2RequestToMessage(decodeV2Request(req));
    expect(JSON.parse(encodeMessage(msg))).toEqual({
      meta: { puid: 'r1' },
      data: { names: ['x'], tensor: { shape: [2, 2], values: [1, 2, 3, 4] } },
    });
    expect(messageToV2Request(msg)).toEqual({
      id: 'r1',
      inputs: [{ name: 'x', shape: [2, 2], datatype: 'FP64', data: [1, 2, 3, 4] }],
    });
    const res = messageToV2Response(
      { data: { ndarray: [['a', 'b']] } },
      { modelName: 'm', modelVersion: '1' },
    );
    expect(res).toEqual({
      model_name: 'm',
      model_version: '1',
      outputs: [{ name: 'output-0', shape: [1, 2], datatype: 'BYTES', data: ['a', 'b'] }],
    });
    expect(JSON.parse(encodeMessage(v2ResponseToMessage(res)))).toEqual({
      data: { names: ['output-0'], ndarray: [['a', 'b']] },
    });
    expect(() => v2RequestToMessage({ inputs: [] })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_PAYLOAD_UNSUPPORTED' }),
    );
  });

  it('chains outputs into inputs as the executor does', () => {
    expect(chainV2Payload('{"model_name":"m","outputs":[1],"id":"i"}')).toEqual({
      body: { model_name: 'm', inputs: [1], id: 'i' },
      changed: true,
    });
    expect(chainV2Payload({ inputs: [] }).changed).toBe(false);
    expect(() => chainV2Payload('{"x":1}')).toThrow(
      'Failed to convert kfserving response so it could be chained to new input',
    );
  });
});
