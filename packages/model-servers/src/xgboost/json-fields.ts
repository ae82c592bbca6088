// Typed access to the fields of a parsed XGBoost model (JSON or UBJSON), with errors naming the
// field's path. UBJSON gives typed arrays where JSON gives number lists; both are accepted.
import { ModelServerError } from '../errors.js';

/** A parsed JSON/UBJSON object. */
export type ModelObject = Record<string, unknown>;

function bad(path: string, what: string): never {
  throw new ModelServerError('SC_ERR_XGBOOST_BAD_MODEL', `${path}: ${what}`);
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (ArrayBuffer.isView(v)) return 'a numeric array';
  return `a ${typeof v}`;
}

/** The object at `obj[key]`. */
export function objectField(obj: ModelObject, key: string, path: string): ModelObject {
  const v = obj[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v))
    bad(`${path}.${key}`, `expected an object, got ${describe(v)}`);
  return v as ModelObject;
}

/** The list at `obj[key]` (a JSON list; typed arrays are not lists of objects). */
export function listField(obj: ModelObject, key: string, path: string): unknown[] {
  const v = obj[key];
  if (!Array.isArray(v)) bad(`${path}.${key}`, `expected a list, got ${describe(v)}`);
  return v;
}

/** The string at `obj[key]`, or `fallback` when absent. */
export function stringField(obj: ModelObject, key: string, path: string, fallback?: string): string {
  const v = obj[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string') bad(`${path}.${key}`, `expected a string, got ${describe(v)}`);
  return v;
}

/**
 * A number stored as XGBoost stores parameters: a decimal string (`"5E-1"`, `"3"`) or a number;
 * `fallback` when absent.
 */
export function numberParam(obj: ModelObject, key: string, path: string, fallback?: number): number {
  const v = obj[key];
  if (v === undefined && fallback !== undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isFinite(n)) bad(`${path}.${key}`, `expected a number, got ${JSON.stringify(v) ?? 'nothing'}`);
  return n;
}

/** A non-negative integer parameter (see {@link numberParam}). */
export function countParam(obj: ModelObject, key: string, path: string, fallback?: number): number {
  const n = numberParam(obj, key, path, fallback);
  if (!Number.isInteger(n) || n < 0) bad(`${path}.${key}`, `expected a non-negative integer, got ${n}`);
  return n;
}

/**
 * The numeric list at `obj[key]` (JSON numbers or booleans, or a UBJSON typed array), checked
 * to have `length` entries when given.
 */
export function numbersField(
  obj: ModelObject,
  key: string,
  path: string,
  length?: number,
): ArrayLike<number> {
  const v = obj[key];
  let out: ArrayLike<number>;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    out = v as unknown as ArrayLike<number>;
  } else if (Array.isArray(v)) {
    const list = v as unknown[];
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      if (typeof x === 'boolean') list[i] = x ? 1 : 0;
      else if (x === null)
        list[i] = NaN; // XGBoost's JSON NaN token
      else if (typeof x !== 'number') bad(`${path}.${key}[${i}]`, `expected a number, got ${describe(x)}`);
    }
    out = list as number[];
  } else {
    return bad(`${path}.${key}`, `expected a list of numbers, got ${describe(v)}`);
  }
  if (length !== undefined && out.length !== length)
    bad(`${path}.${key}`, `expected ${length} entries, got ${out.length}`);
  return out;
}

/** The string list at `obj[key]`, or `[]` when absent. */
export function stringsField(obj: ModelObject, key: string, path: string): string[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
    bad(`${path}.${key}`, `expected a list of strings, got ${describe(v)}`);
  return v as string[];
}

/** Throws `SC_ERR_XGBOOST_BAD_MODEL` for `path`. */
export function badModel(path: string, what: string): never {
  return bad(path, what);
}
