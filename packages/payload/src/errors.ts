import { GrpcStatus } from './grpc-status.js';
import { SeldonError } from './seldon-error.js';
import type { SeldonErrorSpec } from './seldon-error.js';

interface CodeInfo extends SeldonErrorSpec {
  readonly title: string;
}

/**
 * The error catalogue of `@seldon-ts/payload`. Codes are stable: match on `error.code`, never on
 * the message. A code is never reused for another meaning.
 */
export const payloadErrorCatalogue = {
  SC_ERR_PAYLOAD_INVALID_JSON: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The body is not valid JSON (or not UTF-8).',
  },
  SC_ERR_PAYLOAD_NOT_OBJECT: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title:
      'A JSON object was expected (the body or a message field is an array, string, number, boolean or null).',
  },
  SC_ERR_PAYLOAD_WRONG_TYPE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A field has the wrong JSON type (e.g. a string where a number list is expected).',
  },
  SC_ERR_PAYLOAD_UNKNOWN_FIELD: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A field that the message does not define.',
  },
  SC_ERR_PAYLOAD_MULTIPLE_DATA: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'Several members of a oneof are set (e.g. both data and strData, or both tensor and ndarray).',
  },
  SC_ERR_PAYLOAD_NO_DATA: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The message carries no data where data is required.',
  },
  SC_ERR_PAYLOAD_SHAPE_MISMATCH: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title:
      'The element count does not match the product of the shape (tensor values, tftensor content, v2 data).',
  },
  SC_ERR_PAYLOAD_BAD_BASE64: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A bytes field is not valid base64 (standard or URL-safe, padding optional).',
  },
  SC_ERR_PAYLOAD_BAD_ENUM: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'An enum field holds an unknown name or number.',
  },
  SC_ERR_PAYLOAD_OUT_OF_RANGE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: "A number is not an integer, not finite, or outside the field's range (int32, int64, float).",
  },
  SC_ERR_PAYLOAD_TOO_DEEP: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'Nesting deeper than the maxDepth option.',
  },
  SC_ERR_PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    title: 'More bytes or array elements than the maxMessageBytes / maxElements options allow.',
  },
  SC_ERR_PAYLOAD_BAD_ENCODING: {
    httpStatus: 415,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title:
      'The Content-Encoding is not one of gzip, deflate, br, identity, or the bytes do not decode as it says.',
  },
  SC_ERR_PAYLOAD_BAD_PROTO: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The protobuf bytes are malformed (truncated, wrong wire type, invalid UTF-8 length...).',
  },
  SC_ERR_PAYLOAD_UNSUPPORTED: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    title:
      'Valid but not supported here (e.g. a tftensor dtype with no numeric conversion, customData on the REST path).',
  },
  SC_ERR_PAYLOAD_BAD_RESULT: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A user method returned a value that cannot become a SeldonMessage (the reference answers 400).',
  },
  SC_ERR_PAYLOAD_BAD_ROUTE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    title: 'A router response holds no usable route.',
  },
  SC_ERR_PAYLOAD_V2_CHAIN: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    title: 'A v2 payload has neither inputs nor outputs, so it cannot be chained to the next node.',
  },
} as const satisfies Record<string, CodeInfo>;

/** Every stable error code of this package. */
export type PayloadErrorCode = keyof typeof payloadErrorCatalogue;

/**
 * The only error this package throws for bad input. `code` is stable; `path` is a JSON path into
 * the offending input (`$` is the root, e.g. `$.data.tensor.values[3]`). `toSeldonStatus('wrapper')`
 * (the default) writes what the Python wrapper answers for bad data (`MICROSERVICE_BAD_DATA`,
 * `MICROSERVICE_INTERNAL_ERROR` for 5xx codes); `toSeldonStatus('executor')` the executor's form.
 */
export class PayloadError extends SeldonError<PayloadErrorCode> {
  override readonly name = 'PayloadError';
  readonly path: string;
  /** The message without the path suffix. */
  readonly detail: string;

  constructor(code: PayloadErrorCode, path: string, detail: string, options?: { cause?: unknown }) {
    super(code, `${detail} (at ${path})`, payloadErrorCatalogue[code], options);
    this.path = path;
    this.detail = detail;
  }

  /** @deprecated Use {@link SeldonError.grpcStatus}; the same number. */
  get grpcCode(): number {
    return this.grpcStatus;
  }
}

/** True when `err` is a PayloadError (also across duplicated copies of this package). */
export function isPayloadError(err: unknown): err is PayloadError {
  return (
    err instanceof PayloadError ||
    (err instanceof Error &&
      err.name === 'PayloadError' &&
      typeof (err as { code?: unknown }).code === 'string')
  );
}
