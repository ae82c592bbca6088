// Fast encoder for google.protobuf.Value trees (ndarray, jsonData, schema). protobufjs's Writer
// allocates several operation objects per field, which dominates for large ndarrays; here one
// post-order pass computes every sub-message size, then one pre-order pass writes the bytes
// into a single buffer.
import { PayloadError } from '../errors.js';
import { isPlainObject, typeName } from './util.js';

const utf8 = new TextEncoder();

function varintLen(n: number): number {
  return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
}

const MAX_DEPTH = 10_000;

/** Sizes of every Value (content bytes), in pre-order; strings' UTF-8 lengths likewise. */
class Sizer {
  sizes: number[] = [];

  value(v: unknown, depth: number): number {
    switch (typeof v) {
      case 'number':
        return 9;
      case 'boolean':
        return 2;
      case 'string': {
        const n = Buffer.byteLength(v, 'utf8');
        return 1 + varintLen(n) + n;
      }
      case 'object': {
        if (v === null) return 2;
        if (depth > MAX_DEPTH)
          throw new PayloadError('SC_ERR_PAYLOAD_TOO_DEEP', '$', 'value nests too deeply to encode');
        if (Array.isArray(v)) {
          const slot = this.sizes.length;
          this.sizes.push(0);
          const l = this.list(v, depth);
          this.sizes[slot] = l;
          return 1 + varintLen(l) + l;
        }
        if (isPlainObject(v)) {
          const slot = this.sizes.length;
          this.sizes.push(0);
          const s = this.struct(v, depth);
          this.sizes[slot] = s;
          return 1 + varintLen(s) + s;
        }
      }
    }
    throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', '$', `a ${typeName(v)} is not a JSON value`);
  }

  /** ListValue content size. */
  list(items: readonly unknown[], depth: number): number {
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      if (typeof x === 'number') {
        total += 11;
        continue;
      }
      const slot = this.sizes.length;
      this.sizes.push(0);
      const s = this.value(x, depth + 1);
      this.sizes[slot] = s;
      total += 1 + varintLen(s) + s;
    }
    return total;
  }

  /** Struct content size. */
  struct(o: Record<string, unknown>, depth: number): number {
    let total = 0;
    for (const k of Object.keys(o)) {
      const kl = Buffer.byteLength(k, 'utf8');
      const slot = this.sizes.length;
      this.sizes.push(0, 0);
      const vs = this.value(o[k], depth + 1);
      const entry = 1 + varintLen(kl) + kl + 1 + varintLen(vs) + vs;
      this.sizes[slot] = entry;
      this.sizes[slot + 1] = vs;
      total += 1 + varintLen(entry) + entry;
    }
    return total;
  }
}

class Out {
  pos = 0;
  next = 0;
  readonly buf: Uint8Array;
  readonly dv: DataView;
  constructor(
    size: number,
    readonly sizes: number[],
  ) {
    this.buf = new Uint8Array(size);
    this.dv = new DataView(this.buf.buffer);
  }

  varint(n: number): void {
    while (n > 0x7f) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.pos++] = n;
  }

  str(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    this.varint(n);
    utf8.encodeInto(s, this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'number':
        this.buf[this.pos++] = 0x11;
        this.dv.setFloat64(this.pos, v, true);
        this.pos += 8;
        return;
      case 'boolean':
        this.buf[this.pos++] = 0x20;
        this.buf[this.pos++] = v ? 1 : 0;
        return;
      case 'string':
        this.buf[this.pos++] = 0x1a;
        this.str(v);
        return;
      default:
        if (v === null) {
          this.buf[this.pos++] = 0x08;
          this.buf[this.pos++] = 0;
        } else if (Array.isArray(v)) {
          this.buf[this.pos++] = 0x32;
          this.varint(this.sizes[this.next++]);
          this.list(v);
        } else {
          this.buf[this.pos++] = 0x2a;
          this.varint(this.sizes[this.next++]);
          this.struct(v as Record<string, unknown>);
        }
    }
  }

  list(items: readonly unknown[]): void {
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      this.buf[this.pos++] = 0x0a;
      if (typeof x === 'number') {
        this.buf[this.pos++] = 9;
        this.buf[this.pos++] = 0x11;
        this.dv.setFloat64(this.pos, x, true);
        this.pos += 8;
      } else {
        this.varint(this.sizes[this.next++]);
        this.value(x);
      }
    }
  }

  struct(o: Record<string, unknown>): void {
    for (const k of Object.keys(o)) {
      const entry = this.sizes[this.next++];
      const vs = this.sizes[this.next++];
      this.buf[this.pos++] = 0x0a;
      this.varint(entry);
      this.buf[this.pos++] = 0x0a;
      this.str(k);
      this.buf[this.pos++] = 0x12;
      this.varint(vs);
      this.value(o[k]);
    }
  }
}

/** Content bytes of a google.protobuf.Value. */
export function valueBytes(v: unknown): Uint8Array {
  const s = new Sizer();
  const size = s.value(v, 0);
  const out = new Out(size, s.sizes);
  out.value(v);
  return out.buf;
}

/** Content bytes of a google.protobuf.ListValue. */
export function listValueBytes(items: readonly unknown[]): Uint8Array {
  const s = new Sizer();
  const size = s.list(items, 0);
  const out = new Out(size, s.sizes);
  out.list(items);
  return out.buf;
}

/** Content bytes of a google.protobuf.Struct. */
export function structBytes(o: Record<string, unknown>): Uint8Array {
  const s = new Sizer();
  const size = s.struct(o, 0);
  const out = new Out(size, s.sizes);
  out.struct(o);
  return out.buf;
}
