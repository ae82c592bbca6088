// The request forms of the reference's REST parsing (05 §4.1): multipart form fields, a form
// field `json`, a query parameter `json`, or the body.
import { WrapperError } from '../errors.js';

export interface FormPart {
  name: string;
  filename: string | undefined;
  content: Buffer;
}

/** Splits a multipart/form-data body into its parts. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (m === null)
    throw new WrapperError(
      'SC_ERR_WRAPPER_NO_JSON',
      "Can't find JSON in data: multipart body without boundary",
    );
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    let start = pos + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing delimiter "--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    let end = next;
    if (body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    const part = body.subarray(start, end);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined) parts.push({ name, filename, content: part.subarray(headerEnd + 4) });
    }
    pos = next;
  }
  return parts;
}

function jsonField(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new WrapperError(
      'SC_ERR_WRAPPER_BAD_DATA',
      `Invalid JSON in form field ${name}: ${(err as Error).message}`,
    );
  }
}

/**
 * The reference's multipart rule: `strData` kept as text, other fields JSON-decoded; file
 * fields: `binData` → base64 of the bytes, any other → its UTF-8 text.
 */
export function multipartToMessage(parts: FormPart[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const p of parts) {
    if (p.filename !== undefined) {
      out[p.name] = p.name === 'binData' ? p.content.toString('base64') : p.content.toString('utf8');
    } else if (p.name === 'strData') {
      out[p.name] = p.content.toString('utf8');
    } else {
      out[p.name] = jsonField(p.name, p.content.toString('utf8'));
    }
  }
  return { ...out };
}

/**
 * Finds the JSON of a request: multipart fields, else form field `json`, else query `json`,
 * else the body. Returns text/bytes for the codec, or an already-built object (multipart).
 */
export function requestJson(
  contentType: string,
  body: Buffer,
  query: string | undefined,
): string | Buffer | Record<string, unknown> {
  const ct = contentType.toLowerCase();
  if (ct.includes('multipart/form-data')) return multipartToMessage(parseMultipart(body, contentType));
  if (ct.includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(body.toString('utf8'));
    const json = form.get('json');
    if (json !== null) return json;
  }
  if (query !== undefined && query !== '') {
    const json = new URLSearchParams(query).get('json');
    if (json !== null) return json;
  }
  if (body.length === 0 || ct.includes('application/x-www-form-urlencoded')) {
    throw new WrapperError('SC_ERR_WRAPPER_NO_JSON', "Can't find JSON in data");
  }
  return body;
}
