import { describe, it, expect } from '@jest/globals';
import {
  PayloadError,
  buildAggregateResponse,
  buildFeedbackResponse,
  buildResponse,
  buildRouteResponse,
  dataToNd,
  decodeMessage,
  encodeMessage,
  extractRequestParts,
  feedbackRoute,
  messageFromProto,
  messageToProto,
  ndToData,
  nestedToNd,
  ndToNested,
  parseRoute,
  responseDataKind,
  type NdValue,
} from '../src/index.js';

const json = (s: string) => decodeMessage(s);
const enc = (m: Parameters<typeof encodeMessage>[0]) => JSON.parse(encodeMessage(m));

describe('request -> user input (01 §4.1)', () => {
  it('tensor becomes a Float64Array with its shape', () => {
    const p = extractRequestParts(
      json('{"data":{"names":["a","b"],"tensor":{"shape":[2,2],"values":[0,0,1,1]}}}'),
    );
    expect(p.kind).toBe('tensor');
    expect(p.names).toEqual(['a', 'b']);
    const nd = p.features as NdValue;
    expect(nd.shape).toEqual([2, 2]);
    expect(nd.values).toBeInstanceOf(Float64Array);
  });

  it('ndarray infers the shape; mixed or ragged lists stay JSON values', () => {
    expect(
      nestedToNd([
        [1, 2],
        [3, 4],
      ]),
    ).toEqual({ shape: [2, 2], values: Float64Array.of(1, 2, 3, 4) });
    expect(nestedToNd([['a', 1]])).toEqual({ shape: [1, 2], values: ['a', 1] });
    expect(nestedToNd([[1], [2, 3]])).toEqual({ shape: [2], values: [[1], [2, 3]] });
    expect(nestedToNd([])).toEqual({ shape: [0], values: new Float64Array(0) });
    expect(ndToNested({ shape: [2, 1], values: Float64Array.of(5, 6) })).toEqual([[5], [6]]);
  });

  it('tftensor decodes tensorContent, typed values, broadcast and padding like make_ndarray', () => {
    const content = Buffer.from(new Float32Array([1.5, 2.5]).buffer).toString('base64');
    const a = dataToNd({
      tftensor: {
        dtype: 'DT_FLOAT',
        tensorShape: { dim: [{ size: '1' }, { size: '2' }] },
        tensorContent: content,
      },
    });
    expect(a).toEqual({ shape: [1, 2], values: Float64Array.of(1.5, 2.5), dtype: 'DT_FLOAT' });
    const b = dataToNd({
      tftensor: { dtype: 'DT_INT32', tensorShape: { dim: [{ size: '3' }] }, intVal: [7] },
    });
    expect(Array.from(b.values)).toEqual([7, 7, 7]);
    const c = dataToNd({
      tftensor: { dtype: 'DT_INT64', tensorShape: { dim: [{ size: 3 }] }, int64Val: ['1', '2'] },
    });
    expect(Array.from(c.values)).toEqual([1, 2, 2]);
    const s = dataToNd({
      tftensor: { dtype: 'DT_STRING', tensorShape: { dim: [{ size: '1' }] }, stringVal: ['aGk='] },
    });
    expect(s.values).toEqual(['hi']);
    const h = dataToNd({
      tftensor: { dtype: 'DT_HALF', tensorShape: { dim: [{ size: '2' }] }, halfVal: [0x3c00, 0xc000] },
    });
    expect(Array.from(h.values)).toEqual([1, -2]);
    expect(() => dataToNd({ tftensor: { dtype: 'DT_COMPLEX64' } })).toThrow(PayloadError);
    expect(() =>
      dataToNd({
        tftensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '3' }] }, tensorContent: content },
      }),
    ).toThrow(/tensorContent has 8 bytes/);
    expect(() =>
      dataToNd({
        tftensor: {
          dtype: 'DT_FLOAT',
          tensorShape: { dim: [{ size: '100000' }, { size: '100000' }] },
          floatVal: [1],
        },
      }),
    ).toThrow(/maxElements/);
  });

  it('numeric arrays round-trip through every data kind', () => {
    const nd: NdValue = { shape: [2, 3], values: Float64Array.of(1, 2, 3, 4, 5.5, -6) };
    for (const kind of ['tensor', 'ndarray', 'tftensor'] as const) {
      const d = ndToData(nd, kind);
      const back = dataToNd(messageFromProto(messageToProto({ data: d })).data!);
      expect(back.shape).toEqual([2, 3]);
      expect(Array.from(back.values as Float64Array)).toEqual(Array.from(nd.values as Float64Array));
    }
  });

  it('other data kinds', () => {
    expect(extractRequestParts(json('{"jsonData":{"a":1}}'))).toMatchObject({
      kind: 'jsonData',
      features: { a: 1 },
      names: [],
    });
    expect(extractRequestParts(json('{"strData":"hi"}'))).toMatchObject({ kind: 'strData', features: 'hi' });
    const bin = extractRequestParts(json('{"binData":"aGVsbG8="}'));
    expect(Buffer.from(bin.features as Uint8Array).toString()).toBe('hello');
    expect(extractRequestParts(json('{"data":{"names":["x"]}}'))).toMatchObject({
      kind: 'data',
      names: ['x'],
    });
    const custom = json('{"customData":{"@type":"type.googleapis.com/x.Y","value":"AA=="}}');
    expect(() => extractRequestParts(custom)).toThrow(
      expect.objectContaining({ code: 'SC_ERR_PAYLOAD_UNSUPPORTED' }),
    );
    expect(extractRequestParts(custom, { transport: 'grpc' }).kind).toBe('customData');
    expect(() => extractRequestParts(json('{"meta":{}}'))).toThrow(
      expect.objectContaining({ code: 'SC_ERR_PAYLOAD_NO_DATA' }),
    );
  });
});

describe('user result -> response (01 §4.2)', () => {
  const opts = { unitId: 'classifier', unitImage: 'repo/clf:1.0' };

  it('reproduces the reference example', () => {
    const req = json('{"data":{"names":["a","b"],"ndarray":[[1,2]]}}');
    const res = buildResponse({ array: [[0.9, 0.1]] }, req, opts);
    expect(enc(res)).toEqual({
      data: { names: ['t:0', 't:1'], ndarray: [[0.9, 0.1]] },
      meta: { requestPath: { classifier: 'repo/clf:1.0' } },
    });
  });

  it('chooses the data kind by request kind and numericness', () => {
    const tensorReq = json('{"data":{"tensor":{"shape":[1],"values":[1]}}}');
    const tfReq = json(
      '{"data":{"tftensor":{"dtype":"DT_FLOAT","tensorShape":{"dim":[{"size":"1"}]},"floatVal":[1]}}}',
    );
    expect(responseDataKind(tensorReq, true)).toBe('tensor');
    expect(responseDataKind(tensorReq, false)).toBe('ndarray');
    expect(responseDataKind(tfReq, true)).toBe('tftensor');
    expect(responseDataKind(json('{"data":{}}'), true)).toBe('ndarray');
    expect(responseDataKind(json('{"strData":"x"}'), true)).toBe('tensor');
    expect(responseDataKind(undefined, false)).toBe('ndarray');
    expect(enc(buildResponse({ array: [1, 2] }, tensorReq))).toEqual({
      data: { names: [], tensor: { shape: [2], values: [1, 2] } },
      meta: {},
    });
    expect(enc(buildResponse({ array: [['a']] }, tensorReq))).toEqual({
      data: { names: ['t:0'], ndarray: [['a']] },
      meta: {},
    });
    expect(
      enc(buildResponse({ array: [[3, 4]] }, json('{"jsonData":{}}'), { classNames: ['x', 'y'] })),
    ).toEqual({
      data: { names: ['x', 'y'], tensor: { shape: [1, 2], values: [3, 4] } },
      meta: {},
    });
    const tf = buildResponse({ array: { shape: [1], values: Float64Array.of(2), dtype: 'DT_FLOAT' } }, tfReq);
    expect(tf.data?.tftensor?.dtype).toBe('DT_FLOAT');
    expect(Array.from(dataToNd(tf.data!).values)).toEqual([2]);
  });

  it('merges meta: tags, metrics, puid, requestPath; drops routing', () => {
    const req = json(
      '{"meta":{"puid":"p1","tags":{"a":1,"b":1},"routing":{"r":0},"requestPath":{"classifier":"other:2","up":"u:1"},"metrics":[{"key":"m0","value":1}]},"strData":"x"}',
    );
    const res = buildResponse({ strData: 'y' }, req, {
      ...opts,
      tags: { b: 2, c: 2 },
      runtimeTags: { c: 3 },
      metrics: [{ key: 'm1', type: 'GAUGE', value: 2 }],
      runtimeMetrics: [{ key: 'm2', type: 'TIMER', value: 3 }],
    });
    expect(res.meta).toEqual({
      puid: 'p1',
      tags: { a: 1, b: 2, c: 3 },
      metrics: [
        { key: 'm0', value: 1 },
        { key: 'm1', type: 'GAUGE', value: 2 },
        { key: 'm2', type: 'TIMER', value: 3 },
      ],
      requestPath: { classifier: 'other:2', up: 'u:1' },
    });
    const noMetrics = buildResponse({ strData: 'y' }, req, {
      metrics: [{ key: 'm1' }],
      includeMetricsInResponse: false,
    });
    expect(noMetrics.meta?.metrics).toEqual([{ key: 'm0', value: 1 }]);
  });

  it('other result kinds, and a clear error for unknown ones', () => {
    expect(enc(buildResponse({ jsonData: { a: [1] } }, undefined))).toEqual({
      jsonData: { a: [1] },
      meta: {},
    });
    expect(enc(buildResponse({ binData: Buffer.from('hello') }, undefined))).toEqual({
      binData: 'aGVsbG8=',
      meta: {},
    });
    expect(() => buildResponse({ nonsense: 1 } as never, undefined)).toThrow(
      expect.objectContaining({ code: 'SC_ERR_PAYLOAD_BAD_RESULT' }),
    );
  });

  it('aggregate merges all inputs, first decides kind and puid', () => {
    const a = json(
      '{"meta":{"puid":"first","tags":{"x":1},"requestPath":{"a":"a:1"}},"data":{"tensor":{"shape":[1],"values":[1]}}}',
    );
    const b = json(
      '{"meta":{"puid":"second","tags":{"x":2,"y":2},"requestPath":{"b":"b:1"},"metrics":[{"key":"k"}]},"data":{"ndarray":[2]}}',
    );
    const res = buildAggregateResponse({ array: [3] }, [a, b]);
    expect(enc(res)).toEqual({
      meta: {
        puid: 'first',
        tags: { x: 2, y: 2 },
        requestPath: { a: 'a:1', b: 'b:1' },
        metrics: [{ key: 'k' }],
      },
      data: { names: [], tensor: { shape: [1], values: [3] } },
    });
  });

  it('route and feedback responses carry no request meta', () => {
    const req = json('{"meta":{"puid":"p","tags":{"a":1}},"data":{"ndarray":[[1]]}}');
    expect(enc(buildRouteResponse(1, req, { tags: { s: 1 } }))).toEqual({
      data: { names: ['t:0'], ndarray: [[1]] },
      meta: { tags: { s: 1 } },
    });
    expect(() => buildRouteResponse(1.5, req)).toThrow(/Routing response must be int but got 1.5/);
    expect(enc(buildFeedbackResponse(null, { request: req, reward: 1 }))).toEqual({
      data: { names: [], ndarray: [] },
      meta: {},
    });
  });
});

describe('routes (01 §4.3)', () => {
  it('reads every accepted form', () => {
    expect(parseRoute('{"data":{"names":["t:0"],"ndarray":[[1]]},"meta":{}}')).toBe(1);
    expect(parseRoute('{"data":{"ndarray":[2, 0]}}')).toBe(2);
    expect(parseRoute('{"data":{"tensor":{"shape":[1,1],"values":[-2]}}}')).toBe(-2);
    expect(parseRoute('{"data":{"tftensor":{"dtype":"DT_INT32","intVal":[3]}}}')).toBe(3);
    expect(parseRoute('{"strData":"x"}')).toBe(-1);
    expect(parseRoute('[1, 2]')).toBe(1);
    expect(parseRoute(Buffer.from('[0]'))).toBe(0);
    expect(parseRoute({ data: { ndarray: [[0]] } })).toBe(0);
    expect(
      parseRoute(messageFromProto(messageToProto({ data: { tensor: { shape: [1], values: [1] } } }))),
    ).toBe(1);
  });

  it('rejects answers without a usable route', () => {
    for (const bad of [
      'not json',
      '[]',
      '["a"]',
      '{"data":{"ndarray":[]}}',
      '{"data":{"ndarray":["x"]}}',
      '{"unknown":1}',
      '42',
    ]) {
      expect(() => parseRoute(bad)).toThrow(expect.objectContaining({ code: 'SC_ERR_PAYLOAD_BAD_ROUTE' }));
    }
  });

  it('feedback routing comes from response meta.routing', () => {
    expect(feedbackRoute({ response: { meta: { routing: { r: 1 } } } }, 'r')).toBe(1);
    expect(feedbackRoute({ response: { meta: { routing: { r: 1 } } } }, 'other')).toBe(-1);
    expect(feedbackRoute({}, 'toString')).toBe(-1);
  });
});
