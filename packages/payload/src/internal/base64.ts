import { PayloadError } from '../errors.js';

// Standard and URL-safe alphabets, optional padding: what proto3-JSON parsers accept.
const BASE64 = /^[A-Za-z0-9+/_-]*$/;
const STANDARD_PADDED = /^[A-Za-z0-9+/]*={0,2}$/;

function fail(path: string, why: string): never {
  throw new PayloadError('SC_ERR_PAYLOAD_BAD_BASE64', path, `invalid base64: ${why}`);
}

/** Validates base64 text (standard or URL-safe, padding optional) and returns its bytes. */
export function base64Decode(text: string, path: string): Uint8Array {
  let body = text;
  let pad = 0;
  while (pad < 2 && body.endsWith('=')) {
    body = body.slice(0, -1);
    pad++;
  }
  if (!BASE64.test(body)) fail(path, 'characters outside the base64 alphabet');
  if (body.length % 4 === 1) fail(path, 'length is not a whole number of bytes');
  if (pad > 0 && (body.length + pad) % 4 !== 0) fail(path, 'wrong padding');
  const buf = Buffer.from(body, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Returns the standard padded form of valid base64 text (unchanged if already so). */
export function base64Normalize(text: string, path: string): string {
  if (text.length % 4 === 0 && STANDARD_PADDED.test(text)) {
    base64Decode(text, path); // checks padding position
    return text;
  }
  return base64Encode(base64Decode(text, path));
}

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
