import { expect } from '@jest/globals';
import { PayloadError, type PayloadErrorCode } from '../../src/index.js';

/** Runs `fn`, asserts that it throws a PayloadError, and returns that error. */
export function thrown(fn: () => unknown): PayloadError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PayloadError);
    return err as PayloadError;
  }
  throw new Error('expected a PayloadError');
}

/** Asserts that `fn` throws a PayloadError with this code at this JSON path, and returns it. */
export function expectError(fn: () => unknown, code: PayloadErrorCode, path: string): PayloadError {
  const err = thrown(fn);
  expect({ code: err.code, path: err.path }).toEqual({ code, path });
  return err;
}
