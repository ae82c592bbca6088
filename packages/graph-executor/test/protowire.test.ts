// Property tests: the wire-level helpers agree with @seldon-ts/payload's full protobuf codec.
import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { messageToProto, messageFromProto, feedbackToProto, protoFields as fields } from '@seldon-ts/payload';
import {
  setRouting,
  routingFromFeedback,
  routeFromSeldonMessage,
  seldonMessageList,
  v2ResponseToRequest,
} from '../src/internal/protowire.js';
import { messageListFromProto } from '@seldon-ts/payload';

const name = fc.string({ minLength: 1, maxLength: 12 });
const route = fc.integer({ min: -2, max: 1000 });
const routing = fc.dictionary(name, route, { maxKeys: 6 });
const message = fc.record(
  {
    strData: fc.string({ maxLength: 20 }),
    meta: fc.record({ puid: fc.string({ maxLength: 8 }), routing }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

describe('protowire', () => {
  it('setRouting replaces meta.routing and keeps every other field', () => {
    fc.assert(
      fc.property(message, routing, (msg, next) => {
        const bytes = messageToProto(msg);
        const out = messageFromProto(setRouting(bytes, new Map(Object.entries(next))));
        expect(out.meta?.routing ?? {}).toEqual(next);
        expect(out.meta?.puid ?? '').toBe(msg.meta?.puid ?? '');
        expect(out.strData ?? '').toBe(msg.strData ?? '');
      }),
    );
  });

  it('setRouting keeps tags and requestPath for protobufjs-style decoders', () => {
    const bytes = messageToProto({
      meta: { puid: 'p', tags: { a: 1 }, requestPath: { m: 'img' }, routing: { old: 3 } },
      strData: 's',
    });
    const out = messageFromProto(setRouting(bytes, new Map([['r', 1]])));
    expect(out.meta).toEqual({ puid: 'p', tags: { a: 1 }, requestPath: { m: 'img' }, routing: { r: 1 } });
  });

  it('routingFromFeedback reads response.meta.routing', () => {
    fc.assert(
      fc.property(routing, fc.float({ noNaN: true }), (r, reward) => {
        const bytes = feedbackToProto({
          request: { strData: 'x' },
          response: { meta: { routing: r }, strData: 'y' },
          reward,
        });
        const read = routingFromFeedback(bytes);
        if (Object.keys(r).length === 0) expect(read === undefined || read.size === 0).toBe(true);
        else expect(Object.fromEntries(read!)).toEqual(r);
      }),
    );
  });

  it('routeFromSeldonMessage reads ndarray, tensor and tftensor routes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 100000 }), (n) => {
        expect(routeFromSeldonMessage(messageToProto({ data: { ndarray: [[n]] } }))).toBe(n);
        expect(routeFromSeldonMessage(messageToProto({ data: { ndarray: [n] } }))).toBe(n);
        expect(
          routeFromSeldonMessage(messageToProto({ data: { tensor: { shape: [1, 1], values: [n] } } })),
        ).toBe(n);
        expect(
          routeFromSeldonMessage(messageToProto({ data: { tftensor: { dtype: 'DT_INT32', intVal: [n] } } })),
        ).toBe(n);
      }),
    );
    expect(routeFromSeldonMessage(messageToProto({ strData: 'x' }))).toBe(-1);
  });

  it('seldonMessageList is a SeldonMessageList of the given messages', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 5 }), (msgs) => {
        const list = messageListFromProto(seldonMessageList(msgs.map((m) => messageToProto(m))));
        expect((list.seldonMessages ?? []).map((m) => m.strData ?? '')).toEqual(
          msgs.map((m) => m.strData ?? ''),
        );
      }),
    );
  });

  it('v2ResponseToRequest moves outputs to inputs and raw output contents to raw input contents', () => {
    // response: model_name=1 "x", model_version=2 "1", id=3 "r", outputs=5 {name "o"}, raw_output_contents=6 "AB"
    const ld = (n: number, s: string) => [n * 8 + 2, s.length, ...Buffer.from(s)];
    const response = Uint8Array.from([
      ...ld(1, 'x'),
      ...ld(2, '1'),
      ...ld(3, 'r'),
      5 * 8 + 2,
      3,
      ...ld(1, 'o'),
      ...ld(6, 'AB'),
    ]);
    const request = v2ResponseToRequest(response, 'next');
    const got = [...fields(request)].map((f) => [
      f.num,
      Buffer.from(request.subarray(f.start, f.end)).toString('latin1'),
    ]);
    expect(got).toEqual([
      [1, 'next'],
      [3, 'r'],
      [5, '\n\u0001o'],
      [7, 'AB'],
    ]);
  });

  describe('a singular field that occurs twice is read as the merge of both (protobuf spec)', () => {
    const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

    it('routingFromFeedback keeps the routing of every response occurrence', () => {
      const bytes = join(
        feedbackToProto({ response: { meta: { routing: { a: 1, b: 2 } } } }),
        feedbackToProto({ response: { meta: { routing: { b: 0, c: -1 } } } }),
      );
      expect(Object.fromEntries(routingFromFeedback(bytes)!)).toEqual({ a: 1, b: 0, c: -1 });
    });

    it('routeFromSeldonMessage takes the first element of the merged data', () => {
      const nd = (rows: number[][]) => messageToProto({ data: { ndarray: rows } });
      // Same member twice: lists concatenate, so the first occurrence supplies the route.
      expect(routeFromSeldonMessage(join(nd([[2]]), nd([[5]])))).toBe(2);
      // An empty first list: the route comes from the next occurrence.
      expect(routeFromSeldonMessage(join(nd([]), nd([[5]])))).toBe(5);
      // Another member replaces the earlier one.
      const tensor = messageToProto({ data: { tensor: { shape: [1], values: [3] } } });
      expect(routeFromSeldonMessage(join(nd([[2]]), tensor))).toBe(3);
      expect(routeFromSeldonMessage(join(tensor, nd([[1]])))).toBe(1);
      // The full decoder agrees.
      expect(messageFromProto(join(nd([[2]]), nd([[5]]))).data?.ndarray).toEqual([[2], [5]]);
      expect(routeFromSeldonMessage(messageToProto({ strData: 'x' }))).toBe(-1);
      expect(routeFromSeldonMessage(nd([]))).toBeUndefined();
    });
  });
});
