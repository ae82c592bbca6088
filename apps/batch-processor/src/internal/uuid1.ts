import { randomBytes } from 'node:crypto';

// Time-based UUIDs (RFC 4122 version 1) as the reference's `uuid.uuid1()`: ids sort roughly by
// creation time, which helps when reading request logs. The node id is random (multicast bit set)
// rather than a MAC address, as RFC 4122 §4.5 allows.
const GREGORIAN_OFFSET_MS = 12_219_292_800_000;
const node = randomBytes(6);
node[0] |= 0x01;
const nodeHex = node.toString('hex');
const clockSeq = randomBytes(2).readUInt16BE(0) & 0x3fff;
let lastMs = 0;
let ticks = 0;

/** A new version-1 UUID string. */
export function uuid1(): string {
  // Never step back in time (clock adjustments), so ids from this process stay unique.
  let ms = Math.max(Date.now(), lastMs);
  if (ms === lastMs) {
    ticks++;
    if (ticks >= 10_000) {
      // 10,000 ids in one millisecond exhausted the 100 ns ticks: borrow the next millisecond.
      ms = lastMs + 1;
      ticks = 0;
    }
  } else {
    ticks = 0;
  }
  lastMs = ms;
  const timestamp = BigInt(ms + GREGORIAN_OFFSET_MS) * 10_000n + BigInt(ticks);
  const timeLow = (timestamp & 0xffff_ffffn).toString(16).padStart(8, '0');
  const timeMid = ((timestamp >> 32n) & 0xffffn).toString(16).padStart(4, '0');
  const timeHigh = (((timestamp >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
  const seq = (clockSeq | 0x8000).toString(16).padStart(4, '0');
  return `${timeLow}-${timeMid}-${timeHigh}-${seq}-${nodeHex}`;
}
