// Regression: whole-number doubles lost their ".0" in JSON ([1.5,2] where the reference writes
// [1.5,2.0]), so a Python client's np.array(...) of an all-whole answer became int64, not float64.
// Values held as doubles are written as Python writes a float; values parsed from JSON text are
// written as they came (the Python wrapper keeps a JSON int an int).
import { describe, it, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import {
  buildResponse,
  buildRouteResponse,
  dataToNd,
  decodeMessage,
  encodeFeedback,
  encodeMessage,
  encodeMessageList,
  feedbackFromProto,
  feedbackToProto,
  messageFromProto,
  messageListFromProto,
  messageListToProto,
  messageToProto,
  type SeldonMessage,
} from '../src/index.js';

const viaProto = (json: string): SeldonMessage => messageFromProto(messageToProto(decodeMessage(json)));
const tensorOf = (values: Float64Array): SeldonMessage => ({
  data: { tensor: { shape: [values.length], values } },
});
/** The JSON text of a tensor's values as encodeMessage writes them. */
const valuesText = (values: Float64Array): string => {
  const text = encodeMessage(tensorOf(values));
  return text.slice(text.indexOf('"values":') + 9, -3);
};

const ndarrayRequest = decodeMessage('{"data":{"names":["a","b"],"ndarray":[[1,1]]}}');
const tensorRequest = decodeMessage('{"data":{"tensor":{"shape":[1,2],"values":[1,1]}}}');

describe('doubles keep their ".0" in JSON', () => {
  it('tensor values decoded from protobuf (repeated double)', () => {
    expect(encodeMessage(viaProto('{"data":{"tensor":{"shape":[2],"values":[1.5,2]}}}'))).toBe(
      '{"data":{"tensor":{"shape":[2],"values":[1.5,2.0]}}}',
    );
    expect(encodeMessage(viaProto('{"data":{"tensor":{"shape":[1,3],"values":[0,1,-7]}}}'))).toBe(
      '{"data":{"tensor":{"shape":[1,3],"values":[0.0,1.0,-7.0]}}}',
    );
  });

  it('ndarray numbers decoded from protobuf (ListValue numbers are doubles), other values untouched', () => {
    expect(
      encodeMessage(viaProto('{"data":{"names":["a"],"ndarray":[[1.5,2],[3,"x",true,null,{"k":1}]]}}')),
    ).toBe('{"data":{"names":["a"],"ndarray":[[1.5,2.0],[3.0,"x",true,null,{"k":1}]]}}');
    expect(encodeMessage(viaProto('{"data":{"ndarray":[4,[]]}}'))).toBe('{"data":{"ndarray":[4.0,[]]}}');
    // Validated again by the JSON decoder (as a graph node's answer object is), still doubles.
    expect(encodeMessage(decodeMessage(viaProto('{"data":{"ndarray":[[1,0.5]]}}')))).toBe(
      '{"data":{"ndarray":[[1.0,0.5]]}}',
    );
  });

  it("a model's numeric n-d result (a Float64Array) as ndarray, tensor, and tensor for a non-data request", () => {
    const result = { array: { shape: [1, 2], values: Float64Array.of(1.5, 2) } };
    expect(encodeMessage(buildResponse(result, ndarrayRequest))).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"ndarray":[[1.5,2.0]]}}',
    );
    expect(encodeMessage(buildResponse(result, tensorRequest))).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"tensor":{"shape":[1,2],"values":[1.5,2.0]}}}',
    );
    expect(encodeMessage(buildResponse(result, decodeMessage('{"jsonData":{}}')))).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"tensor":{"shape":[1,2],"values":[1.5,2.0]}}}',
    );
    // Every value whole: the case where a Python client's np.array(...) turned int64.
    expect(
      encodeMessage(buildResponse({ array: { shape: [2], values: Float64Array.of(1, 0) } }, ndarrayRequest)),
    ).toBe('{"meta":{},"data":{"names":[],"ndarray":[1.0,0.0]}}');
  });

  it('keys sorted as Flask writes them keep the doubles', () => {
    expect(
      encodeMessage(viaProto('{"meta":{"tags":{"b":1,"a":2}},"data":{"ndarray":[[1,{"z":1,"y":2}]]}}'), {
        sortKeys: true,
      }),
    ).toBe('{"data":{"ndarray":[[1.0,{"y":2,"z":1}]]},"meta":{"tags":{"a":2,"b":1}}}');
    expect(
      encodeMessage(viaProto('{"data":{"names":["a"],"tensor":{"shape":[1],"values":[3]}}}'), {
        sortKeys: true,
      }),
    ).toBe('{"data":{"names":["a"],"tensor":{"shape":[1],"values":[3.0]}}}');
  });

  it('inside a Feedback and a SeldonMessageList decoded from protobuf', () => {
    const fb = feedbackFromProto(
      feedbackToProto({
        request: { data: { tensor: { shape: [1], values: [2] } } },
        response: { data: { ndarray: [[1]] } },
        reward: 1,
      }),
    );
    expect(encodeFeedback(fb)).toBe(
      '{"request":{"data":{"tensor":{"shape":[1],"values":[2.0]}}},"response":{"data":{"ndarray":[[1.0]]}},"reward":1}',
    );
    const list = messageListFromProto(
      messageListToProto({ seldonMessages: [{ data: { ndarray: [1] } }, { data: { ndarray: [2.5] } }] }),
    );
    expect(encodeMessageList(list)).toBe(
      '{"seldonMessages":[{"data":{"ndarray":[1.0]}},{"data":{"ndarray":[2.5]}}]}',
    );
    expect(encodeMessageList(list, { form: 'array' })).toBe(
      '[{"data":{"ndarray":[1.0]}},{"data":{"ndarray":[2.5]}}]',
    );
  });
});

describe("a JSON request's integers answered unchanged stay integers (numpy int64)", () => {
  const echo = (json: string): string => {
    const request = decodeMessage(json);
    return encodeMessage(buildResponse({ array: dataToNd(request.data!) }, request));
  };

  it('ndarray and tensor of integers come back as integers; one fraction makes the array doubles', () => {
    expect(echo('{"data":{"ndarray":[[5,6]]}}')).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"ndarray":[[5,6]]}}',
    );
    expect(echo('{"data":{"tensor":{"shape":[2],"values":[5,6]}}}')).toBe(
      '{"meta":{},"data":{"names":[],"tensor":{"shape":[2],"values":[5,6]}}}',
    );
    expect(echo('{"data":{"ndarray":[[1.5,6]]}}')).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"ndarray":[[1.5,6.0]]}}',
    );
  });

  it('values computed from them are doubles, and a protobuf request (doubles) comes back as doubles', () => {
    const request = decodeMessage('{"data":{"ndarray":[[5,6]]}}');
    const nd = dataToNd(request.data!);
    const doubled = { shape: nd.shape, values: (nd.values as Float64Array).map((x) => x * 2) };
    expect(encodeMessage(buildResponse({ array: doubled }, request))).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"ndarray":[[10.0,12.0]]}}',
    );
    const proto = viaProto('{"data":{"ndarray":[[5,6]]}}');
    expect(encodeMessage(buildResponse({ array: dataToNd(proto.data!) }, proto))).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"ndarray":[[5.0,6.0]]}}',
    );
  });
});

describe('numbers that are not known doubles are written as they came', () => {
  it('numbers parsed from JSON text (JSON.parse cannot tell 2 from 2.0)', () => {
    for (const text of [
      '{"data":{"names":["a","b"],"ndarray":[[1,2],[3.5,4]]}}',
      '{"data":{"tensor":{"shape":[2],"values":[1,2.5]}}}',
      '{"jsonData":{"a":1,"b":[2,3.5]}}',
      '{"meta":{"tags":{"n":3},"metrics":[{"key":"c","type":"COUNTER","value":1}]},"strData":"x"}',
    ])
      expect(encodeMessage(decodeMessage(text))).toBe(text);
  });

  it("a router's route and a component's plain JS list stay integers, as the Python wrapper writes them", () => {
    expect(encodeMessage(buildRouteResponse(1, ndarrayRequest))).toBe(
      '{"meta":{},"data":{"names":["t:0"],"ndarray":[[1]]}}',
    );
    expect(encodeMessage(buildRouteResponse(1, tensorRequest))).toBe(
      '{"meta":{},"data":{"names":["t:0"],"tensor":{"shape":[1,1],"values":[1]}}}',
    );
    expect(encodeMessage(buildResponse({ array: [[1, 0]] }, ndarrayRequest))).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"ndarray":[[1,0]]}}',
    );
    expect(encodeMessage(buildResponse({ array: [[1, 0]] }, tensorRequest))).toBe(
      '{"meta":{},"data":{"names":["t:0","t:1"],"tensor":{"shape":[1,2],"values":[1,0]}}}',
    );
  });
});

describe("doubles are written as Python's repr of a float (json.dumps)", () => {
  it.each([
    [2, '2.0'],
    [-7, '-7.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [100, '100.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e-7, '1e-07'],
    [-2.5e-10, '-2.5e-10'],
    [5e-324, '5e-324'],
    [2 ** 53, '9007199254740992.0'],
    [9999999999999998, '9999999999999998.0'],
    [1e16, '1e+16'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [1e21, '1e+21'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [NaN, '"NaN"'],
    [Infinity, '"Infinity"'],
    [-Infinity, '"-Infinity"'],
  ])('%p -> %s', (value, text) => {
    expect(valuesText(Float64Array.of(value))).toBe(`[${text}]`);
  });

  it('any double: the text parses back to the same double and is never a bare integer', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 50 }), (xs) => {
        const text = valuesText(Float64Array.from(xs));
        const back = JSON.parse(text) as number[];
        expect(back.length).toBe(xs.length);
        back.forEach((b, i) => expect(Object.is(b, xs[i])).toBe(true));
        for (const token of text
          .slice(1, -1)
          .split(',')
          .filter((t) => t !== ''))
          expect(token).toMatch(/[.e]/);
      }),
      { numRuns: 500 },
    );
  });

  const python =
    spawnSync('python3', ['-c', 'import json, struct, base64'], { encoding: 'utf8' }).status === 0;
  (python || process.env.CI ? it : it.skip)(
    'matches Python json.dumps of the same floats, byte for byte',
    () => {
      const samples = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), {
        numRuns: 3000,
        seed: 42,
      });
      const special = [
        0,
        -0,
        1,
        -1,
        1e-4,
        9.999999999999999e-5,
        1e-5,
        1e15,
        1e16 - 2,
        1e16,
        1e17,
        1e20,
        1e21,
        1e22,
      ];
      const fractions = samples
        .map((x) => (x % 1 === 0 || Math.abs(x) < 1e-4 ? x / 3 + 0.5 : x))
        .filter((x) => x % 1 !== 0 && Math.abs(x) >= 1e-4);
      const whole = samples.map((x) => Math.trunc(x % 1e15)).filter((x) => !Object.is(x, -0));
      // Each writer of doublesText: per value (exponents, -0), fractions only, whole only (with -0),
      // half whole, and fractions with a few whole and tiny values among them.
      const cases = [
        [...special, ...samples],
        fractions,
        [...whole, -0],
        fractions.flatMap((x, i) => [x, whole[i] ?? 1]),
        fractions.map((x, i) => (i % 97 === 0 ? (whole[i] ?? 1) : i % 89 === 0 ? x * 1e-9 : x)),
      ];
      const script =
        'import base64, json, struct, sys\n' +
        'b = base64.b64decode(sys.stdin.read())\n' +
        "xs = struct.unpack('<%dd' % (len(b) // 8), b)\n" +
        "sys.stdout.write(json.dumps(list(xs), separators=(',', ':')))\n";
      for (const xs of cases) {
        const values = Float64Array.from(xs);
        const run = spawnSync('python3', ['-c', script], {
          input: Buffer.from(values.buffer).toString('base64'),
          encoding: 'utf8',
        });
        expect(run.status).toBe(0);
        expect(valuesText(values)).toBe(run.stdout);
      }
    },
  );
});
