import { DoubleData } from './doubles.js';

/** A JSON path segment appended to `path`: `.key` for identifiers, `["k"]` otherwise. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Sets an own data property even for keys such as `__proto__` (plain assignment would change the prototype). */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** A plain JSON-like object (prototype Object.prototype or null, or a DoubleData; not an array). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null || p === DoubleData.prototype;
}

/** Human-readable JSON type name for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (ArrayBuffer.isView(v)) return v.constructor.name;
  return typeof v;
}

/** Shortest decimal that round-trips a float32 (what proto serialisers print for `float` fields). */
export function float32Shortest(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f) || f === 0 || Number.isInteger(f)) return f;
  for (let p = 1; p <= 9; p++) {
    const c = Number(f.toPrecision(p));
    if (Math.fround(c) === f) return c;
  }
  return f;
}

export const FLOAT32_MAX = 3.4028234663852886e38;
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
