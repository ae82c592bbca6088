// Every JSON example of the reference's 01-payload document (placeholders made concrete).
// `sortedKeys`: the example is Flask output (keys sorted); the encoder writes proto field order.
export const goldenMessages: { name: string; json: string; normalised?: string; sortedKeys?: boolean }[] = [
  {
    name: 'ndarray with names',
    json: '{"data":{"names":["a","b"],"ndarray":[[1.0,2.0],[3.0,4.0]]}}',
    normalised: '{"data":{"names":["a","b"],"ndarray":[[1,2],[3,4]]}}',
  },
  { name: 'tensor', json: '{"data":{"names":["a","b"],"tensor":{"shape":[2,2],"values":[0,0,1,1]}}}' },
  {
    name: 'tftensor',
    json: '{"data":{"tftensor":{"dtype":"DT_FLOAT","tensorShape":{"dim":[{"size":"1"},{"size":"2"}]},"floatVal":[1,2]}}}',
  },
  { name: 'strData', json: '{"strData":"some text"}' },
  { name: 'binData', json: '{"binData":"aGVsbG8="}' },
  { name: 'jsonData', json: '{"jsonData":{"anything":["json",1,true]}}' },
  {
    name: 'meta',
    json: '{"meta":{"puid":"abc","tags":{"k":"v"},"routing":{"router":1},"requestPath":{"classifier":"myrepo/clf:1.0"},"metrics":[{"key":"mycounter","type":"COUNTER","value":1,"tags":{"t":"x"}}]},"data":{"ndarray":[1]}}',
  },
  { name: 'wrapper request (4.2)', json: '{"data":{"names":["a","b"],"ndarray":[[1,2]]}}' },
  {
    name: 'wrapper response (4.2)',
    json: '{"data":{"names":["t:0","t:1"],"ndarray":[[0.9,0.1]]},"meta":{"requestPath":{"classifier":"repo/clf:1.0"}}}',
    sortedKeys: true,
  },
  {
    name: 'router response (4.3)',
    json: '{"data":{"names":["t:0"],"ndarray":[[1]]},"meta":{}}',
    sortedKeys: true,
  },
  { name: 'feedback with no result (4.2)', json: '{"data":{"names":[],"ndarray":[]}}' },
  { name: 'executor error (6)', json: '{"status":{"code":500,"info":"<error text>","status":"FAILURE"}}' },
  {
    name: 'wrapper error (6)',
    json: '{"status":{"status":1,"info":"<message>","code":-1,"reason":"MICROSERVICE_BAD_DATA"}}',
    normalised:
      '{"status":{"code":-1,"info":"<message>","reason":"MICROSERVICE_BAD_DATA","status":"FAILURE"}}',
  },
  {
    name: 'metadata unavailable (5.1)',
    json: '{"status":{"status":1,"info":"Model metadata unavailable","code":-1,"reason":"MICROSERVICE_BAD_METADATA"}}',
    normalised:
      '{"status":{"code":-1,"info":"Model metadata unavailable","reason":"MICROSERVICE_BAD_METADATA","status":"FAILURE"}}',
  },
];

export const goldenFeedback =
  '{"request":{"data":{"ndarray":[[1,2]]}},"response":{"data":{"ndarray":[[0.9,0.1]]}},"reward":1.0,"truth":{"data":{"ndarray":[[1,0]]}}}';

export const goldenList = '{"seldonMessages":[{"data":{"ndarray":[1]}},{"data":{"ndarray":[2]}}]}';

export const goldenModelMetadata = [
  '{"name":"my-model","versions":["my-model/v1"],"platform":"seldon","inputs":[{"messagetype":"tensor","schema":{"names":["a","b","c","d"],"shape":[4]}}],"outputs":[{"messagetype":"tensor","schema":{"shape":[1]}}],"custom":{"author":"seldon-dev"}}',
  '{"name":"my-model","inputs":[{"name":"input","datatype":"BYTES","shape":[1,5]}]}',
];

export const goldenGraphMetadataRest =
  '{"name":"example","models":{"classifier":{"name":"my-model","platform":"seldon","versions":["my-model/v1"],"inputs":[{"messagetype":"tensor","schema":{"shape":[4]}}],"outputs":[{"messagetype":"tensor","schema":{"shape":[1]}}],"custom":{"author":"seldon-dev"}}},"graphinputs":[{"messagetype":"tensor","schema":{"shape":[4]}}],"graphoutputs":[{"messagetype":"tensor","schema":{"shape":[1]}}]}';

/**
 * What protobuf keeps of a message in proto3-JSON form: zero scalars, empty repeated fields and
 * empty maps vanish on the wire (JSON values inside Value/Struct/ListValue are kept).
 */
export function protoNormalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => protoNormalise(x));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'jsonData' || k === 'ndarray' || k === 'schema') {
      out[k] = x;
      continue;
    }
    if (x === '' && k !== 'strData' && k !== 'binData') continue;
    if (x === 0 && k !== 'jsonData') continue;
    if ((k === 'status' && x === 'SUCCESS') || (k === 'type' && x === 'COUNTER')) continue;
    if (Array.isArray(x) && x.length === 0) continue;
    if (
      ['tags', 'routing', 'requestPath', 'custom', 'models'].includes(k) &&
      typeof x === 'object' &&
      x !== null &&
      !Array.isArray(x)
    ) {
      // Map entries are kept whatever their values (a map entry is always on the wire).
      if (Object.keys(x).length === 0) continue;
      out[k] =
        k === 'models'
          ? Object.fromEntries(Object.entries(x).map(([mk, mv]) => [mk, protoNormalise(mv)]))
          : x;
      continue;
    }
    out[k] = protoNormalise(x);
  }
  return out;
}
