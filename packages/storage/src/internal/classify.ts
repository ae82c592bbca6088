import { StorageError } from '../errors.js';

/** Network error codes that mean "could not reach the server". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Codes that, once the body started, mean it was cut. */
const CUT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

function codeOf(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Classifies a transport error of one request. `phase` says whether response bytes had started
 * (then a reset is a partial download), `timedOut` whether our idle timer aborted it, `aborted`
 * whether the caller did.
 */
export function classifyTransportError(
  err: unknown,
  what: string,
  state: { phase: 'connect' | 'body'; timedOut: boolean; aborted: boolean; timeoutMs: number },
): StorageError {
  if (state.aborted)
    return new StorageError('SC_ERR_STORAGE_ABORTED', `${what}: download aborted`, { cause: err });
  if (state.timedOut) {
    const when = state.phase === 'connect' ? 'response headers' : 'body bytes';
    return new StorageError('SC_ERR_STORAGE_TIMEOUT', `${what}: no ${when} for ${state.timeoutMs} ms`, {
      cause: err,
    });
  }
  const code = codeOf(err) ?? '';
  const text = err instanceof Error ? err.message : String(err);
  if (state.phase === 'body' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return new StorageError('SC_ERR_STORAGE_PARTIAL_DOWNLOAD', `${what}: body cut (${code || text})`, {
      cause: err,
    });
  }
  const known = UNREACHABLE_CODES.has(code) || CUT_CODES.has(code) || /^ERR_(TLS|SSL)/.test(code);
  return new StorageError(
    'SC_ERR_STORAGE_UNREACHABLE',
    `${what}: ${known ? code : `${code} ${text}`.trim()}`,
    {
      cause: err,
    },
  );
}

/** An HTTP status (from an http(s) source or S3) that is not a success. */
export function classifyStatus(status: number, what: string, detail = ''): StorageError {
  const suffix = detail ? ` (${detail})` : '';
  if (status === 404 || status === 410) {
    return new StorageError('SC_ERR_STORAGE_NOT_FOUND', `${what}: HTTP ${status}${suffix}`);
  }
  if (status === 401 || status === 403) {
    return new StorageError('SC_ERR_STORAGE_ACCESS_DENIED', `${what}: HTTP ${status}${suffix}`);
  }
  const transient = status >= 500 || status === 408 || status === 429;
  return new StorageError('SC_ERR_STORAGE_REMOTE_ERROR', `${what}: HTTP ${status}${suffix}`, { transient });
}
