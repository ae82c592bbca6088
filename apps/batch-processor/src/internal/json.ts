/** A JSON value as produced by `JSON.parse`. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shortens text for error messages so one bad line cannot produce a huge error record. */
export function excerpt(text: string, maxChars = 300): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}… (${text.length} chars)`;
}
