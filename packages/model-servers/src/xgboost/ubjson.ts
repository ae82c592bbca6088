// A Universal Binary JSON (https://ubjson.org, draft 12) decoder for XGBoost's `.ubj` models.
// Strongly typed containers (`[$d#L…`) decode to typed arrays, which is how XGBoost writes its
// per-node arrays, so a large model needs no per-number objects.
import { ModelServerError } from '../errors.js';

/** A decoded UBJSON value. */
export type UbjValue =
  | null
  | boolean
  | number
  | string
  | UbjValue[]
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Int32Array
  | { [key: string]: UbjValue };

/** Limits of {@link decodeUbjson}. */
export interface UbjsonOptions {
  /** Deepest container nesting accepted. Default 64 (an XGBoost model nests 6 deep). */
  maxDepth?: number;
}

const TYPED: Record<
  string,
  { size: number; make: (n: number) => ArrayLike<number> & { [i: number]: number } }
> = {
  i: { size: 1, make: (n) => new Int8Array(n) },
  U: { size: 1, make: (n) => new Uint8Array(n) },
  I: { size: 2, make: (n) => new Int16Array(n) },
  l: { size: 4, make: (n) => new Int32Array(n) },
  d: { size: 4, make: (n) => new Float32Array(n) },
  D: { size: 8, make: (n) => new Float64Array(n) },
};

class Reader {
  pos = 0;
  private readonly view: DataView;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxDepth: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(what: string): never {
    throw new ModelServerError('SC_ERR_XGBOOST_BAD_MODEL', `UBJSON: ${what} at byte ${this.pos}`);
  }

  need(n: number): void {
    if (this.pos + n > this.bytes.length) this.fail(`truncated (${n} more bytes needed)`);
  }

  marker(): string {
    this.need(1);
    return String.fromCharCode(this.bytes[this.pos++]);
  }

  peek(): string {
    this.need(1);
    return String.fromCharCode(this.bytes[this.pos]);
  }

  number(type: string): number {
    const v = this.view;
    const p = this.pos;
    switch (type) {
      case 'i':
        this.need(1);
        this.pos += 1;
        return v.getInt8(p);
      case 'U':
        this.need(1);
        this.pos += 1;
        return v.getUint8(p);
      case 'I':
        this.need(2);
        this.pos += 2;
        return v.getInt16(p);
      case 'l':
        this.need(4);
        this.pos += 4;
        return v.getInt32(p);
      case 'L': {
        this.need(8);
        this.pos += 8;
        const big = v.getBigInt64(p);
        if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER))
          this.fail(`int64 ${big} is beyond 2^53`);
        return Number(big);
      }
      case 'd':
        this.need(4);
        this.pos += 4;
        return v.getFloat32(p);
      case 'D':
        this.need(8);
        this.pos += 8;
        return v.getFloat64(p);
      default:
        return this.fail(`'${type}' is not a numeric type`);
    }
  }

  length(): number {
    const n = this.number(this.marker());
    if (!Number.isInteger(n) || n < 0) this.fail(`invalid length ${n}`);
    return n;
  }

  text(n: number): string {
    this.need(n);
    try {
      return this.decoder.decode(this.bytes.subarray(this.pos, (this.pos += n)));
    } catch {
      return this.fail('invalid UTF-8 in a string');
    }
  }

  value(type: string, depth: number): UbjValue {
    switch (type) {
      case 'Z':
        return null;
      case 'T':
        return true;
      case 'F':
        return false;
      case 'C':
        return this.text(1);
      case 'S':
        return this.text(this.length());
      case 'H':
        return Number(this.text(this.length()));
      case '[':
        return this.array(depth + 1);
      case '{':
        return this.object(depth + 1);
      default:
        return this.number(type);
    }
  }

  /** Reads the optional `$type` and `#count` after an opening bracket. */
  header(): { type: string | undefined; count: number | undefined } {
    let type: string | undefined;
    let count: number | undefined;
    if (this.peek() === '$') {
      this.pos++;
      type = this.marker();
      if (this.peek() !== '#') this.fail('a typed container without a count');
    }
    if (this.peek() === '#') {
      this.pos++;
      count = this.length();
    }
    return { type, count };
  }

  array(depth: number): UbjValue {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    const { type, count } = this.header();
    if (type !== undefined && count !== undefined && TYPED[type] !== undefined) {
      const spec = TYPED[type];
      this.need(count * spec.size);
      const out = spec.make(count);
      for (let i = 0; i < count; i++) out[i] = this.number(type);
      return out as UbjValue;
    }
    const out: UbjValue[] = [];
    if (count !== undefined) {
      // Every element takes at least one byte unless the type marker carries the value.
      if (type === undefined) this.need(count);
      for (let i = 0; i < count; i++) out.push(this.value(type ?? this.marker(), depth));
      return out;
    }
    for (;;) {
      const m = this.marker();
      if (m === ']') return out;
      if (m === 'N') continue;
      out.push(this.value(m, depth));
    }
  }

  object(depth: number): UbjValue {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    const { type, count } = this.header();
    const out: Record<string, UbjValue> = Object.create(null) as Record<string, UbjValue>;
    const entry = (): void => {
      const key = this.text(this.length());
      out[key] = this.value(type ?? this.marker(), depth);
    };
    if (count !== undefined) {
      for (let i = 0; i < count; i++) entry();
      return out;
    }
    for (;;) {
      const m = this.peek();
      if (m === '}') {
        this.pos++;
        return out;
      }
      if (m === 'N') {
        this.pos++;
        continue;
      }
      entry();
    }
  }
}

/**
 * Decodes one UBJSON value. Typed numeric arrays become typed arrays (`d` → Float32Array,
 * `l` → Int32Array, `U` → Uint8Array…); int64 values beyond 2^53 are refused.
 * Throws `SC_ERR_XGBOOST_BAD_MODEL` naming the byte offset of the problem.
 */
export function decodeUbjson(bytes: Uint8Array, options: UbjsonOptions = {}): UbjValue {
  const r = new Reader(bytes, options.maxDepth ?? 64);
  const value = r.value(r.marker(), 0);
  if (r.pos !== bytes.length) r.fail('trailing bytes after the value');
  return value;
}
