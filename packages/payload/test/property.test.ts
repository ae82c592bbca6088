import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  dataToNd,
  decodeFeedback,
  decodeMessage,
  encodeFeedback,
  encodeMessage,
  feedbackFromProto,
  feedbackToProto,
  messageFromProto,
  messageToProto,
  nestedToNd,
  ndToData,
  ndToNested,
  type Feedback,
  type JsonValue,
  type SeldonMessage,
} from '../src/index.js';
import { float32Shortest } from '../src/internal/util.js';
import { protoNormalise } from './golden.js';

const int32 = fc.integer({ min: -2147483648, max: 2147483647 });
const float32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map((f) => float32Shortest(f));
const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);
const jsonObject = fc.dictionary(fc.string(), json, { maxKeys: 4 });
const double = fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d));

const tensor = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }).chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    values: fc.array(double, {
      minLength: shape.reduce((a, b) => a * b, 1),
      maxLength: shape.reduce((a, b) => a * b, 1),
    }),
  }),
);

const defaultData = fc
  .record(
    {
      names: fc.array(fc.string(), { maxLength: 3 }),
      kind: fc.oneof(
        tensor.map((t) => ({ tensor: t })),
        fc.array(json, { maxLength: 4 }).map((a) => ({ ndarray: a })),
        fc.array(float32, { minLength: 1, maxLength: 4 }).map((v) => ({
          tftensor: {
            dtype: 'DT_FLOAT' as const,
            tensorShape: { dim: [{ size: String(v.length) }] },
            floatVal: v,
          },
        })),
        fc.constant({}),
      ),
    },
    { requiredKeys: ['kind'] },
  )
  .map(({ names, kind }) => (names === undefined ? { ...kind } : { names, ...kind }));

const metric = fc.record(
  {
    key: fc.string(),
    type: fc.constantFrom('COUNTER' as const, 'GAUGE' as const, 'TIMER' as const),
    value: float32,
    tags: fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);

const meta = fc.record(
  {
    puid: fc.string(),
    tags: jsonObject,
    routing: fc.dictionary(fc.string(), int32, { maxKeys: 3 }),
    requestPath: fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    metrics: fc.array(metric, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const status = fc.record(
  {
    code: int32,
    info: fc.string(),
    reason: fc.string(),
    status: fc.constantFrom('SUCCESS' as const, 'FAILURE' as const),
  },
  { requiredKeys: [] },
);

const payload = fc.oneof(
  defaultData.map((data) => ({ data })),
  fc.uint8Array({ maxLength: 20 }).map((b) => ({ binData: Buffer.from(b).toString('base64') })),
  fc.string().map((strData) => ({ strData })),
  json.map((jsonData) => ({ jsonData })),
  fc.constant({}),
);

export const seldonMessage: fc.Arbitrary<SeldonMessage> = fc
  .record({ status, meta, payload }, { requiredKeys: ['payload'] })
  .map(
    ({ status: s, meta: m, payload: p }) =>
      ({ ...(s ? { status: s } : {}), ...(m ? { meta: m } : {}), ...p }) as SeldonMessage,
  );

const feedback: fc.Arbitrary<Feedback> = fc.record(
  { request: seldonMessage, response: seldonMessage, truth: seldonMessage, reward: float32 },
  { requiredKeys: [] },
);

describe('property: any valid message round-trips', () => {
  it('through JSON', () => {
    fc.assert(
      fc.property(seldonMessage, (m) => {
        const text = encodeMessage(m);
        const back = decodeMessage(text);
        expect(encodeMessage(back)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('through protobuf (zero values dropped, as the reference)', () => {
    fc.assert(
      fc.property(seldonMessage, (m) => {
        const back = messageFromProto(messageToProto(m));
        expect(JSON.parse(encodeMessage(back))).toEqual(protoNormalise(JSON.parse(encodeMessage(m))));
      }),
      { numRuns: 1000 },
    );
  });

  it('feedback through JSON and protobuf', () => {
    fc.assert(
      fc.property(feedback, (f) => {
        const text = encodeFeedback(f);
        expect(encodeFeedback(decodeFeedback(text))).toBe(text);
        expect(JSON.parse(encodeFeedback(feedbackFromProto(feedbackToProto(f))))).toEqual(
          protoNormalise(JSON.parse(text)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('n-d arrays through every data kind', () => {
    const nd = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }).chain((shape) =>
      fc
        .array(double, {
          minLength: shape.reduce((a, b) => a * b, 1),
          maxLength: shape.reduce((a, b) => a * b, 1),
        })
        .map((v) => ({ shape, values: Float64Array.from(v) })),
    );
    fc.assert(
      fc.property(
        nd,
        fc.constantFrom('tensor' as const, 'ndarray' as const, 'tftensor' as const),
        (a, kind) => {
          const back = dataToNd(messageFromProto(messageToProto({ data: ndToData(a, kind) })).data!);
          expect(back.shape).toEqual(a.shape);
          expect(Array.from(back.values as Float64Array)).toEqual(Array.from(a.values));
          expect(nestedToNd(ndToNested(a))).toEqual({ shape: a.shape, values: a.values });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
