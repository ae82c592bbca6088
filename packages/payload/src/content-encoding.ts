// Decoding a body's Content-Encoding (gzip, deflate, br) with a bound on the decoded size.
//
// A few megabytes of gzip inflate to gigabytes, so the decoded size is limited like the raw body
// is: zlib stops at `maxBytes` (its `maxOutputLength`) instead of allocating the whole result, and
// the work runs on libuv's thread pool, never on the event loop. node:zlib is loaded with the first
// encoded body: most bodies are not encoded, and a process that never sees one does not load it.
import type { ZlibOptions } from 'node:zlib';
import { PayloadError } from './errors.js';

type Decoder = (
  bytes: Uint8Array,
  options: ZlibOptions,
  done: (err: Error | null, out: Buffer) => void,
) => void;

const CODINGS: Readonly<Record<string, 'gunzip' | 'inflate' | 'brotliDecompress'>> = {
  gzip: 'gunzip',
  'x-gzip': 'gunzip',
  deflate: 'inflate',
  br: 'brotliDecompress',
};

/** True when `encoding` names no coding (absent, empty or `identity`). */
export function isIdentityEncoding(encoding: string | undefined): boolean {
  const e = encoding?.trim().toLowerCase();
  return e === undefined || e === '' || e === 'identity';
}

/**
 * The bytes `body` stands for under `encoding` (a Content-Encoding value; one coding). Rejects with
 * `SC_ERR_PAYLOAD_TOO_LARGE` when they would exceed `maxBytes`, and with
 * `SC_ERR_PAYLOAD_BAD_ENCODING` for an unknown coding or bytes that do not decode. `where` names
 * the body in messages (`the request body`, `node "model"'s answer`).
 */
export function decodeContentEncoding(
  body: Uint8Array,
  encoding: string | undefined,
  maxBytes: number,
  where = 'the body',
): Promise<Uint8Array> {
  if (isIdentityEncoding(encoding)) return Promise.resolve(body);
  const name = encoding!.trim().toLowerCase();
  const coding = Object.hasOwn(CODINGS, name) ? CODINGS[name] : undefined;
  if (coding === undefined) {
    return Promise.reject(
      new PayloadError(
        'SC_ERR_PAYLOAD_BAD_ENCODING',
        '$',
        `${where} has Content-Encoding "${encoding}"; supported: gzip, deflate, br, identity`,
      ),
    );
  }
  const decode = process.getBuiltinModule('node:zlib')[coding] as unknown as Decoder;
  return new Promise((resolve, reject) => {
    decode(body, { maxOutputLength: maxBytes }, (err, out) => {
      if (err === null) return resolve(out);
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        reject(
          new PayloadError(
            'SC_ERR_PAYLOAD_TOO_LARGE',
            '$',
            `${where} (${name}, ${body.byteLength} bytes) decodes to more than the limit of ${maxBytes} bytes`,
            { cause: err },
          ),
        );
      } else {
        reject(
          new PayloadError(
            'SC_ERR_PAYLOAD_BAD_ENCODING',
            '$',
            `${where} is not valid ${name}: ${err.message}`,
            {
              cause: err,
            },
          ),
        );
      }
    });
  });
}
