/**
 * The batch processor's one error catalogue. Match on `code`, never on the message text.
 *
 * Two families share it: run-level errors (bad options, unreadable input, unwritable output) end
 * the run with a non-zero exit code; line-level errors never end the run, they become the
 * `status.reason` of that line's error record in the output file (prefixed with the code).
 */

import { GrpcStatus, SeldonError } from '@seldon-ts/payload';
import type { SeldonErrorSpec } from '@seldon-ts/payload';

interface CatalogueEntry extends SeldonErrorSpec {
  readonly description: string;
}

/** Every code the package can raise, with its HTTP/gRPC mapping and a one-line meaning. */
export const batchErrorCatalogue = {
  // Run-level.
  SC_ERR_BATCH_INVALID_OPTION: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description:
      'An option (flag, environment variable or options field) has an invalid value or is unknown.',
  },
  SC_ERR_BATCH_MISSING_OPTION: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description: 'A required option (the deployment name) was not given.',
  },
  SC_ERR_BATCH_UNSUPPORTED_COMBINATION: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description:
      'Options are valid one by one but not together (feedback needs data type raw; batch size > 1 needs data or raw).',
  },
  SC_ERR_BATCH_INPUT_UNREADABLE: {
    httpStatus: 404,
    grpcStatus: GrpcStatus.NOT_FOUND,
    description: 'The input data file cannot be opened or read.',
  },
  SC_ERR_BATCH_OUTPUT_UNWRITABLE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    description: 'The output data file cannot be created or written.',
  },
  SC_ERR_BATCH_UNSUPPORTED_URL: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    description:
      'An object-storage URL (s3://, gs://, ...) was given as a data path; only local files are supported.',
  },
  SC_ERR_BATCH_ABORTED: {
    httpStatus: 499,
    grpcStatus: GrpcStatus.CANCELLED,
    description:
      'The run was stopped (signal or abort) before the whole input was read; in-flight lines were still written.',
  },
  // Line-level (written into error records).
  SC_ERR_BATCH_LINE_NOT_JSON: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description: 'An input line is not valid JSON.',
  },
  SC_ERR_BATCH_LINE_INVALID: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description:
      'An input line is JSON but does not fit the data type / payload type (e.g. ragged or non-numeric tensor data).',
  },
  SC_ERR_BATCH_LINE_TOO_LONG: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description: 'An input line is longer than maxLineBytes; its content is skipped.',
  },
  SC_ERR_BATCH_REQUEST_FAILED: {
    httpStatus: 502,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    description:
      'The request could not be delivered (connection refused/reset, gRPC transport error). Retried.',
  },
  SC_ERR_BATCH_REQUEST_TIMEOUT: {
    httpStatus: 504,
    grpcStatus: GrpcStatus.DEADLINE_EXCEEDED,
    description: 'The deployment did not answer within timeoutMs. Retried.',
  },
  SC_ERR_BATCH_RESPONSE_STATUS: {
    httpStatus: 502,
    grpcStatus: GrpcStatus.UNKNOWN,
    description: 'The deployment answered with a non-200 HTTP status or a gRPC error status. Retried.',
  },
  SC_ERR_BATCH_RESPONSE_INVALID: {
    httpStatus: 502,
    grpcStatus: GrpcStatus.INTERNAL,
    description:
      'The deployment answered 200 with a body that is not a JSON object, is too large, or cannot be split per item.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** A stable error code of this package. */
export type BatchErrorCode = keyof typeof batchErrorCatalogue;

/** The one error class of the package; `code` is stable, the message is for humans. */
export class BatchError extends SeldonError<BatchErrorCode> {
  override readonly name = 'BatchError';
  /** Whether a request that failed with this error is worth another attempt. */
  readonly retryable: boolean;

  constructor(code: BatchErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, batchErrorCatalogue[code], options);
    this.retryable =
      code === 'SC_ERR_BATCH_REQUEST_FAILED' ||
      code === 'SC_ERR_BATCH_REQUEST_TIMEOUT' ||
      code === 'SC_ERR_BATCH_RESPONSE_STATUS';
  }
}

/** True for a {@link BatchError} (optionally of one code). */
export function isBatchError(value: unknown, code?: BatchErrorCode): value is BatchError {
  return value instanceof BatchError && (code === undefined || value.code === code);
}
