import { describe, it, expect } from '@jest/globals';
import { nestedToNd, ndToNested } from '@seldon-ts/payload';
import { NdArray } from '@seldon-ts/model-wrapper';

describe('NdArray is payload NdValue with a class around it', () => {
  it('fromNested infers the shape as payload does; numbers land in a Float64Array', () => {
    const a = NdArray.fromNested([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.shape).toEqual([2, 3]);
    expect(a.values).toBeInstanceOf(Float64Array);
    expect(a.numeric).toBe(true);
    expect(a.get(1, 2)).toBe(6);
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect({ shape: a.shape, values: a.values }).toEqual(
      nestedToNd([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
  });

  it('keeps numpy-like rules for strings, ragged lists and scalars', () => {
    const s = NdArray.fromNested([['a', 'b']], 'ndarray');
    expect(s.numeric).toBe(false);
    expect(s.kind).toBe('ndarray');
    expect(s.toArray()).toEqual([['a', 'b']]);
    const ragged = NdArray.fromNested([[1], [2, 3]]);
    expect(ragged.shape).toEqual([2]);
    expect(ragged.toArray()).toEqual([[1], [2, 3]]);
    expect(NdArray.fromNested(7).shape).toEqual([]);
    expect(NdArray.fromNested(7).toArray()).toBe(7);
    expect(ndToNested(NdArray.fromNested([[true, false]]))).toEqual([[true, false]]);
  });

  it('refuses values that do not fill the shape', () => {
    expect(() => new NdArray([1, 2, 3], [2, 2])).toThrow('NdArray: shape [2,2] needs 4 values, got 3');
  });
});
