import { describe, it, expect } from '@jest/globals';
import * as payload from '../src/index.js';

describe('workspace', () => {
  it('loads the payload package', () => {
    expect(typeof payload).toBe('object');
  });
});
