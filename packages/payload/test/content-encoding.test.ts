// Bounded Content-Encoding decoding: a small gzip/deflate/br body that inflates past the limit is
// refused without being inflated whole; unknown codings and corrupt bytes are named.
import { describe, it, expect } from '@jest/globals';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { decodeContentEncoding, isIdentityEncoding, PayloadError } from '@seldon-ts/payload';

const text = Buffer.from('{"data":{"ndarray":[[1,2,3]]}}');

describe('decodeContentEncoding', () => {
  it('decodes gzip, x-gzip, deflate and br, and passes identity through', async () => {
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(text)],
      ['x-gzip', gzipSync(text)],
      ['Deflate', deflateSync(text)],
      ['br', brotliCompressSync(text)],
    ] as const) {
      expect(Buffer.from(await decodeContentEncoding(bytes, encoding, 1024)).toString()).toBe(
        text.toString(),
      );
    }
    expect(await decodeContentEncoding(text, undefined, 10)).toBe(text);
    expect(await decodeContentEncoding(text, 'identity', 10)).toBe(text);
    expect(isIdentityEncoding(' Identity ')).toBe(true);
  });

  it('refuses a bomb at the limit: 64 MiB of zeros in ~64 KiB of gzip, limit 1 MiB', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const error = await decodeContentEncoding(bomb, 'gzip', 1024 * 1024, 'the request body').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PayloadError);
    expect(error).toMatchObject({ code: 'SC_ERR_PAYLOAD_TOO_LARGE', httpStatus: 413, grpcStatus: 8 });
    expect((error as Error).message).toBe(
      `the request body (gzip, ${bomb.byteLength} bytes) decodes to more than the limit of 1048576 bytes (at $)`,
    );
    // Stopped at the limit instead of inflating 64 MiB.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(48 * 1024 * 1024);
  });

  it('names an unknown coding and corrupt bytes', async () => {
    await expect(decodeContentEncoding(text, 'compress', 1024, 'the request body')).rejects.toMatchObject({
      code: 'SC_ERR_PAYLOAD_BAD_ENCODING',
      httpStatus: 415,
      detail: 'the request body has Content-Encoding "compress"; supported: gzip, deflate, br, identity',
    });
    await expect(decodeContentEncoding(text, 'gzip', 1024, 'node "m"\'s answer')).rejects.toMatchObject({
      code: 'SC_ERR_PAYLOAD_BAD_ENCODING',
      detail: expect.stringContaining('node "m"\'s answer is not valid gzip: '),
    });
  });
});
