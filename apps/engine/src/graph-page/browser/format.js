// Number and text formatting shared by the page's panels.

/** `12.3`, `4.56`, `0.012`: a few significant digits, no exponent. */
export function num(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toPrecision(2);
}

/** A latency in ms as `850 µs`, `12.3 ms` or `1.20 s`. */
export function ms(x) {
  if (x === null || x === undefined) return '–';
  if (x < 1) return `${num(x * 1000)} µs`;
  if (x >= 1000) return `${num(x / 1000)} s`;
  return `${num(x)} ms`;
}

/** A fraction as a percentage. */
export function pct(x) {
  const p = x * 100;
  return `${p === 0 || p >= 9.95 ? p.toFixed(0) : p.toFixed(1)}%`;
}

/** JSON with two-space indentation, arrays of numbers or strings kept on one line. */
export function prettyJson(value) {
  let text = JSON.stringify(value, null, 2);
  // Innermost arrays first, until no array of plain values spans lines.
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner) => `[${inner.replace(/,\s+/g, ', ')}]`)
      .replace(/\[\s+((?:\[[^[\]\n]*\],?\s+)+)\]/g, (_, inner) => `[${inner.trim().replace(/,\s+/g, ', ')}]`);
  }
  return text;
}

/** Creates an SVG element with attributes. */
export function svg(tag, attrs = {}, text) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Creates an HTML element with a class and text. */
export function html(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}
