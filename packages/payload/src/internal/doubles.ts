// JSON text of values known to be doubles, as the Python wrapper writes a float (json.dumps, i.e.
// Python's repr): whole numbers keep ".0", so a Python client reading the answer gets float64,
// not int64. JavaScript has one number type, so a double is recognised by how it is held: the
// elements of a Float64Array, and the ndarray numbers of a DefaultData made a DoubleData (decoded
// from protobuf, whose ListValue numbers are doubles, or built from a numeric n-d array).
//
// Speed: one classifying pass picks the writer. JSON.stringify prints a fraction between 1e-4 and
// 1e16 as Python's repr does (shortest round-trip digits, fixed notation), so it writes lists with
// no whole number, and the runs between the few values that need their own text (a 3e-05 among
// probabilities); lists of whole numbers are written digit by digit into one buffer. Only lists
// where many values need their own text are written value by value.

/**
 * A DefaultData whose ndarray numbers, at any depth, are doubles. Otherwise a plain DefaultData
 * (no own fields of its own, so `toEqual` and JSON see no difference); a copy (`{...data}`,
 * structuredClone) is a plain object again. The class costs nothing where the object is made
 * anyway; a WeakSet of marked lists cost about 0.7 µs per decoded message.
 */
export class DoubleData {}

/** True for a DefaultData made a {@link DoubleData}. */
export function holdsDoubles(data: unknown): boolean {
  return data instanceof DoubleData;
}

/**
 * The numbers of a JSON request that were all integers: numpy reads such a list as int64, and the
 * Python wrapper answers an int64 array returned unchanged with integers (`[[5, 6]]`). Written as
 * JSON.stringify writes them. Arrays derived from one (`map`, `slice`, `subarray`) are plain
 * Float64Arrays, i.e. doubles.
 */
export class JsonIntegers extends Float64Array {
  static get [Symbol.species](): Float64ArrayConstructor {
    return Float64Array;
  }
}

/**
 * One double as Python's repr writes it: the shortest digits that read back as the same double
 * (what JavaScript prints too), ".0" on whole numbers, and the exponent form below 1e-4 and from
 * 1e16 on, with at least two exponent digits (`1e-07`, `1e+16`; JavaScript would print `1e-7`,
 * `10000000000000000`). `-0` is `-0.0`. Non-finite values are proto3-JSON's strings.
 */
export function doubleText(x: number): string {
  if (Number.isInteger(x)) {
    if (x < 1e16 && x > -1e16) return x === 0 && 1 / x < 0 ? '-0.0' : `${x}.0`;
  } else if (x !== x) {
    return '"NaN"';
  } else if (x === Infinity || x === -Infinity) {
    return x > 0 ? '"Infinity"' : '"-Infinity"';
  } else if (x >= 1e-4 || x <= -1e-4) {
    // A fraction is below 2^52 < 1e16, where both languages print fixed notation.
    return String(x);
  }
  const text = x.toExponential();
  const sign = text.charCodeAt(text.length - 2);
  return sign === 0x2b || sign === 0x2d ? `${text.slice(0, -1)}0${text.slice(-1)}` : text;
}

/** How a number is written: 0 as JSON.stringify writes it, 1 whole with ".0", 2 by doubleText. */
function kindOf(x: number): 0 | 1 | 2 {
  if (Number.isInteger(x)) return x < 1e16 && x > -1e16 ? 1 : 2;
  // A fraction in [1e-4, 1e16); NaN and ±Infinity fail one of the comparisons.
  return (x >= 1e-4 && x < 1e16) || (x <= -1e-4 && x > -1e16) ? 0 : 2;
}

/**
 * A JSON array of doubles. Non-finite values: proto3-JSON strings (`"NaN"`, tensor values) or
 * `null` (ndarray lists, as JSON.stringify writes them).
 */
export function doublesText(
  values: Float64Array | readonly number[],
  nonFinite: 'string' | 'null' = 'string',
): string {
  const n = values.length;
  // Indices of the values JSON.stringify would not write as Python does, while they are few.
  const few = n >> 4;
  const own: number[] = [];
  let whole = 0;
  let special = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const kind = kindOf(x);
    if (kind === 0) continue;
    if (own.length <= few) own.push(i);
    if (kind === 2) special++;
    else {
      whole++;
      if (x > largest) largest = x;
      else if (-x > largest) largest = -x;
    }
  }
  if (special === 0 && whole === 0)
    return JSON.stringify(Array.isArray(values) ? values : Array.from(values));
  if (special === 0 && whole === n) return wholeText(values, n, largest, 1);
  const text = (x: number): string => (nonFinite === 'null' && !Number.isFinite(x) ? 'null' : doubleText(x));
  // A few values need their own text (a probability of 3e-05, a 0 among fractions): the runs
  // between them are still written natively.
  if (own.length <= few) return runsText(values, own, text);
  const parts = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    parts[i] = kindOf(x) === 0 ? String(x) : text(x);
  }
  return `[${parts.join(',')}]`;
}

/** The values: those at the indices `own` by `text`, the runs between them by JSON.stringify. */
function runsText(
  values: Float64Array | readonly number[],
  own: readonly number[],
  text: (x: number) => string,
): string {
  let out = '';
  let start = 0;
  const run = (end: number): void => {
    if (end === start) return;
    const slice =
      values instanceof Float64Array ? Array.from(values.subarray(start, end)) : values.slice(start, end);
    out += `${out === '' ? '' : ','}${JSON.stringify(slice).slice(1, -1)}`;
  };
  for (const i of own) {
    run(i);
    out += `${out === '' ? '' : ','}${text(values[i])}`;
    start = i + 1;
  }
  run(values.length);
  return `[${out}]`;
}

/**
 * A list (or nested lists) of whole numbers below 1e16 in magnitude, `count` of them, the largest
 * `largest` in magnitude, in `lists` lists, each number written `1.0` digit by digit into one
 * buffer: about 2x faster than JSON.stringify of the same numbers and 3x faster than
 * `join('.0,')` (see docs/payload.md, Benchmark). Quotients are exact: below 1e16 the rounding
 * error of x / 10 is under 0.07, less than the 0.1 gap to the next integer.
 */
function wholeText(
  list: Float64Array | readonly unknown[],
  count: number,
  largest: number,
  lists: number,
): string {
  const width = largest < 10 ? 1 : Math.ceil(Math.log10(largest + 1)) + 1;
  // Per number: '-', digits, '.0', ','; per list: '[', ']', ','.
  const out = Buffer.allocUnsafe(count * (width + 4) + lists * 3);
  const digits = new Uint8Array(17);
  let p = 0;
  const walk = (l: Float64Array | readonly unknown[]): void => {
    out[p++] = 0x5b; // [
    for (let i = 0; i < l.length; i++) {
      if (i > 0) out[p++] = 0x2c; // ,
      const v = l[i];
      if (typeof v !== 'number') {
        walk(v as readonly unknown[]);
        continue;
      }
      let x = v;
      if (x < 0 || (x === 0 && 1 / x < 0)) {
        out[p++] = 0x2d; // - (also of -0, which Python writes -0.0)
        x = -x;
      }
      let k = 0;
      do {
        const q = x < 2147483648 ? (x / 10) | 0 : Math.floor(x / 10);
        digits[k++] = 0x30 + (x - q * 10);
        x = q;
      } while (x > 0);
      while (k > 0) out[p++] = digits[--k];
      out[p++] = 0x2e; // .
      out[p++] = 0x30; // 0
    }
    out[p++] = 0x5d; // ]
  };
  walk(list);
  return out.toString('latin1', 0, p);
}

/**
 * A list whose numbers, at any depth, are doubles (an ndarray). Non-finite numbers are `null`, as
 * JSON.stringify writes them; other values are written by `other` (objects, sorted or not).
 */
export function doubleListText(list: readonly unknown[], other: (value: unknown) => string): string {
  const seen: Seen = {
    numbers: 0,
    whole: 0,
    largest: 0,
    lists: 1,
    perValue: false,
    objects: false,
    others: false,
  };
  classify(list, seen);
  if (!seen.perValue) {
    // Nothing gets a ".0" (the usual model scores): one native write of the whole tree.
    if (seen.whole === 0 && !seen.objects) return JSON.stringify(list);
    // Only whole numbers in (nested) lists: one buffer.
    if (seen.whole === seen.numbers && !seen.others)
      return wholeText(list, seen.numbers, seen.largest, seen.lists);
  }
  return listText(list, other);
}

interface Seen {
  numbers: number;
  whole: number;
  largest: number;
  lists: number;
  perValue: boolean;
  /** Objects, written by the caller's writer (which may sort their keys). */
  objects: boolean;
  /** Anything but numbers and lists. */
  others: boolean;
}

function classify(list: readonly unknown[], seen: Seen): void {
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x === 'number') {
      seen.numbers++;
      const kind = kindOf(x);
      if (kind === 1) {
        seen.whole++;
        if (x > seen.largest) seen.largest = x;
        else if (-x > seen.largest) seen.largest = -x;
      } else if (kind === 2) seen.perValue = true;
    } else if (Array.isArray(x)) {
      seen.lists++;
      classify(x, seen);
    } else {
      seen.others = true;
      if (typeof x === 'object' && x !== null) seen.objects = true;
    }
  }
}

function listText(list: readonly unknown[], other: (value: unknown) => string): string {
  let numbers = list.length > 0;
  for (let i = 0; numbers && i < list.length; i++) numbers = typeof list[i] === 'number';
  if (numbers) return doublesText(list as readonly number[], 'null');
  const parts = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    parts[i] =
      typeof x === 'number'
        ? Number.isFinite(x)
          ? doubleText(x)
          : 'null'
        : Array.isArray(x)
          ? listText(x, other)
          : other(x);
  }
  return `[${parts.join(',')}]`;
}
