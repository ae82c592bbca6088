import { describe, it, expect } from '@jest/globals';
import { parseParameters, convertParameter, WrapperError } from '@seldon-ts/model-wrapper';

describe('parameters (05 §3)', () => {
  it('converts the reference example', () => {
    expect(
      parseParameters(
        '[{"name":"threshold","value":"0.5","type":"FLOAT"},{"name":"verbose","value":"true","type":"BOOL"}]',
      ),
    ).toEqual({
      threshold: 0.5,
      verbose: true,
    });
  });

  it('INT parses integers only', () => {
    expect(convertParameter({ name: 'n', value: ' -12 ', type: 'INT' })).toBe(-12);
    expect(() => convertParameter({ name: 'n', value: '1.0', type: 'INT' })).toThrow(
      "Bad model parameter: n with value 1.0 can't be parsed as a INT",
    );
    expect(() => convertParameter({ name: 'n', value: '', type: 'INT' })).toThrow(WrapperError);
  });

  it('FLOAT/DOUBLE follow Python float()', () => {
    expect(convertParameter({ name: 'f', value: '1e3', type: 'DOUBLE' })).toBe(1000);
    expect(convertParameter({ name: 'f', value: '.5', type: 'FLOAT' })).toBe(0.5);
    expect(convertParameter({ name: 'f', value: 'inf', type: 'FLOAT' })).toBe(Infinity);
    expect(Number.isNaN(convertParameter({ name: 'f', value: 'NaN', type: 'FLOAT' }))).toBe(true);
    expect(() => convertParameter({ name: 'f', value: 'abc', type: 'FLOAT' })).toThrow(
      "Bad model parameter: f with value abc can't be parsed as a FLOAT",
    );
  });

  it('BOOL accepts the reference words case-insensitively', () => {
    for (const w of ['y', 'YES', 't', 'True', 'on', '1'])
      expect(convertParameter({ name: 'b', value: w, type: 'BOOL' })).toBe(true);
    for (const w of ['n', 'No', 'f', 'FALSE', 'off', '0'])
      expect(convertParameter({ name: 'b', value: w, type: 'BOOL' })).toBe(false);
    expect(() => convertParameter({ name: 'b', value: 'maybe', type: 'BOOL' })).toThrow(
      "can't be parsed as a BOOL",
    );
  });

  it('STRING is kept; unknown types are named', () => {
    expect(convertParameter({ name: 's', value: ' x ', type: 'STRING' })).toBe(' x ');
    expect(() => parseParameters('[{"name":"x","value":"1","type":"LONG"}]')).toThrow(
      'Bad model parameter type: LONG valid are INT, FLOAT, DOUBLE, STRING, BOOL',
    );
  });

  it('rejects malformed lists with SC_ERR_WRAPPER_BAD_PARAMETER', () => {
    for (const bad of ['{', '{"a":1}', '[1]', '[{"value":"1","type":"INT"}]']) {
      try {
        parseParameters(bad);
        throw new Error('no error');
      } catch (err) {
        expect(err).toBeInstanceOf(WrapperError);
        expect((err as WrapperError).code).toBe('SC_ERR_WRAPPER_BAD_PARAMETER');
        expect((err as WrapperError).reason).toBe('MICROSERVICE_BAD_PARAMETER');
      }
    }
    expect(parseParameters('')).toEqual({});
    expect(parseParameters(undefined)).toEqual({});
  });

  it('a parameter named __proto__ is just a parameter', () => {
    const p = parseParameters('[{"name":"__proto__","value":"1","type":"INT"}]');
    expect(Object.getOwnPropertyDescriptor(p, '__proto__')?.value).toBe(1);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
  });
});
