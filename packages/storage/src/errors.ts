/**
 * The storage initializer's one error catalogue. Match on `code`, never on the message text.
 *
 * Every code carries the process exit code of `seldon-storage-initializer`, whether a retry may
 * help (`transient`: the download loop retries those with backoff) and a hint for the user
 * (rendered in packages/storage/README.md, checked by test/docs.test.ts).
 */

import { GrpcStatus } from '@seldon-ts/payload/grpc-status';
import { SeldonError, type SeldonErrorSpec } from '@seldon-ts/payload/seldon-error';

interface CatalogueEntry extends SeldonErrorSpec {
  /** Exit code of the CLI when the download fails with this code. */
  readonly exitCode: number;
  /** A retry of the same request may succeed (network trouble, 5xx, a cut body). */
  readonly transient: boolean;
  /** What a user can do about it. */
  readonly hint: string;
}

export const STORAGE_ERRORS = {
  SC_ERR_STORAGE_BAD_OPTION: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    exitCode: 2,
    transient: false,
    hint: 'A command-line argument, option or environment variable has an invalid value; the message names it.',
  },
  SC_ERR_STORAGE_BAD_URI: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    exitCode: 2,
    transient: false,
    hint: 'The modelUri cannot be parsed (empty, no bucket, an http(s) URL without a file name...). See the schemes table.',
  },
  SC_ERR_STORAGE_UNSUPPORTED_SCHEME: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    exitCode: 3,
    transient: false,
    hint: 'gs://, Azure Blob and non-S3 rclone remotes are not downloaded yet; pvc:// is mounted by the operator, not downloaded. Copy the model to S3/MinIO or an http(s) server, or mount it.',
  },
  SC_ERR_STORAGE_NOT_FOUND: {
    httpStatus: 404,
    grpcStatus: GrpcStatus.NOT_FOUND,
    exitCode: 4,
    transient: false,
    hint: 'No file, object or prefix at that location (HTTP 404, S3 NoSuchBucket/empty prefix, missing local path). Check the bucket, the path and its case.',
  },
  SC_ERR_STORAGE_ACCESS_DENIED: {
    httpStatus: 403,
    grpcStatus: GrpcStatus.PERMISSION_DENIED,
    exitCode: 5,
    transient: false,
    hint: 'The server refused the credentials (HTTP 401/403, S3 InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied). Check the secret named by envSecretRefName or the service account secret.',
  },
  SC_ERR_STORAGE_UNREACHABLE: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    exitCode: 6,
    transient: true,
    hint: 'The server could not be reached (connection refused or reset, DNS, TLS). Check the endpoint (AWS_ENDPOINT_URL, S3_ENDPOINT, RCLONE_CONFIG_<REMOTE>_ENDPOINT) and network policies.',
  },
  SC_ERR_STORAGE_TIMEOUT: {
    httpStatus: 504,
    grpcStatus: GrpcStatus.DEADLINE_EXCEEDED,
    exitCode: 6,
    transient: true,
    hint: 'No response headers or body bytes for `requestTimeoutMs`. Raise it (SELDON_STORAGE_REQUEST_TIMEOUT_MS) or check the server.',
  },
  SC_ERR_STORAGE_REMOTE_ERROR: {
    httpStatus: 502,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    exitCode: 6,
    transient: true,
    hint: 'The server answered with an unexpected status (5xx, 429 or another non-2xx code); the message gives it.',
  },
  SC_ERR_STORAGE_PARTIAL_DOWNLOAD: {
    httpStatus: 502,
    grpcStatus: GrpcStatus.DATA_LOSS,
    exitCode: 7,
    transient: true,
    hint: 'A body ended before its announced length (connection cut, Content-Length mismatch). Retried with backoff; if it persists check proxies and the server.',
  },
  SC_ERR_STORAGE_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    exitCode: 8,
    transient: false,
    hint: 'The model is larger than `maxTotalBytes` or has more than `maxFiles` files. Raise the limit (SELDON_STORAGE_MAX_TOTAL_BYTES, SELDON_STORAGE_MAX_FILES).',
  },
  SC_ERR_STORAGE_UNSAFE_PATH: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    exitCode: 9,
    transient: false,
    hint: 'An object key or file name would be written outside the destination (`..`, `.` segments). Rename the object.',
  },
  SC_ERR_STORAGE_DESTINATION: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    exitCode: 10,
    transient: false,
    hint: 'The destination cannot be written (not a directory, permission denied, disk full). The message gives the path and the system error.',
  },
  SC_ERR_STORAGE_ABORTED: {
    httpStatus: 499,
    grpcStatus: GrpcStatus.CANCELLED,
    exitCode: 130,
    transient: false,
    hint: 'The caller aborted the download (options.signal, SIGINT/SIGTERM for the CLI). Nothing was written to the destination.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** A stable storage error code. */
export type StorageErrorCode = keyof typeof STORAGE_ERRORS;

/**
 * The error class of @seldon-ts/storage, on the project's shared base (`code`, `httpStatus`,
 * `grpcStatus`: a host serving the download through an API answers with those). Match on `code`.
 */
export class StorageError extends SeldonError<StorageErrorCode> {
  override readonly name = 'StorageError';
  /** Exit code of `seldon-storage-initializer` for this error. */
  readonly exitCode: number;
  /** Whether retrying the same request may succeed. */
  readonly transient: boolean;

  constructor(
    code: StorageErrorCode,
    message: string,
    options: { cause?: unknown; transient?: boolean } = {},
  ) {
    const entry: CatalogueEntry = STORAGE_ERRORS[code];
    super(code, message, entry, options.cause === undefined ? {} : { cause: options.cause });
    this.exitCode = entry.exitCode;
    this.transient = options.transient ?? entry.transient;
  }
}

/** Whether `err` is a {@link StorageError} (also across copies of this package). */
export function isStorageError(err: unknown): err is StorageError {
  return (
    err instanceof Error && err.name === 'StorageError' && typeof (err as StorageError).code === 'string'
  );
}
