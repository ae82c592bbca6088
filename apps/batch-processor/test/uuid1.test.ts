import { describe, expect, it } from '@jest/globals';
import { uuid1 } from '../src/internal/uuid1.js';

describe('uuid1', () => {
  it('makes unique RFC 4122 version-1 ids even when many are made in one millisecond', () => {
    const ids = Array.from({ length: 50_000 }, () => uuid1());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('encodes the current time (60-bit count of 100 ns since 1582-10-15)', () => {
    const before = Date.now();
    const [low, mid, high] = uuid1().split('-');
    const ticks = (BigInt(`0x${high.slice(1)}`) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
    const ms = Number(ticks / 10_000n) - 12_219_292_800_000;
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 60_000);
  });
});
