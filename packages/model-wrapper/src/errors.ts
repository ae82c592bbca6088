/**
 * The model wrapper's one error catalogue. Match on `code`, never on the message text.
 *
 * Every code maps to an HTTP status, a gRPC status code and the Seldon `reason` string the
 * reference Python wrapper puts in its error body
 * (`{"status":{"status":1,"info":...,"code":-1,"reason":...}}`).
 */
import { GrpcStatus, SeldonError, isPayloadError } from '@seldon-ts/payload';
import type { SeldonErrorOptions, SeldonErrorSpec, SeldonStatusBody } from '@seldon-ts/payload';

interface CatalogueEntry extends SeldonErrorSpec {
  readonly reason: string;
  /** What a user can do about it (rendered in docs/model-wrapper.md). */
  readonly hint: string;
}

export const WRAPPER_ERRORS = {
  SC_ERR_WRAPPER_BAD_DATA: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'The request payload is not a valid SeldonMessage (wrong type, unknown data kind, bad base64...). The message names the field.',
  },
  SC_ERR_WRAPPER_NO_JSON: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'Send a JSON body with Content-Type application/json, a form field `json`, or a query parameter `json`.',
  },
  SC_ERR_WRAPPER_NOT_IMPLEMENTED: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'The component lacks the method this endpoint needs (e.g. `route` for /route). Implement it or call another endpoint.',
  },
  SC_ERR_WRAPPER_BAD_RETURN: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INTERNAL,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'The component returned a value the wrapper cannot turn into a SeldonMessage (see "Return values" in the guide).',
  },
  SC_ERR_WRAPPER_BAD_ROUTE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INTERNAL,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: '`route()` must return an integer: -1 all children, -2 none, N the child index.',
  },
  SC_ERR_WRAPPER_BAD_METRIC: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    reason: 'MICROSERVICE_BAD_METRIC',
    hint: 'Each metric needs a string `key`, a finite numeric `value` and `type` COUNTER, GAUGE or TIMER; tags must be strings.',
  },
  SC_ERR_WRAPPER_BAD_METADATA: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    reason: 'MICROSERVICE_BAD_METADATA',
    hint: 'The metadata from `initMetadata()`/`metadata()` or MODEL_METADATA does not match the metadata schema; the log names the field.',
  },
  SC_ERR_WRAPPER_BAD_PARAMETER: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_PARAMETER',
    hint: 'PREDICTIVE_UNIT_PARAMETERS / --parameters must be a JSON list of {name, value, type} with type INT, FLOAT, DOUBLE, STRING or BOOL and a value that parses as that type.',
  },
  SC_ERR_WRAPPER_BAD_OPTION: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_BAD_PARAMETER',
    hint: 'A command-line flag, environment variable or option has an invalid value; the message names it.',
  },
  SC_ERR_WRAPPER_BAD_COMPONENT: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'The component module could not be loaded, has no such export, or its constructor/load() failed.',
  },
  SC_ERR_WRAPPER_PYTHON_METHOD_NAME: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: "The component defines a method under the reference Python wrapper's snake_case name (e.g. `transform_input`), which this wrapper would ignore. Rename it to the camelCase name the message gives (`transformInput`).",
  },
  SC_ERR_WRAPPER_BAD_IMAGE_FOLDER: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: '`seldon-microservice build` was given a folder it cannot make an image of (missing folder or component file, no component named, a malformed .s2i/environment line). The message names the file.',
  },
  SC_ERR_WRAPPER_BODY_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'Raise `maxMessageBytes` (--max-message-bytes) or send a smaller payload.',
  },
  SC_ERR_WRAPPER_OVERLOADED: {
    httpStatus: 429,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    reason: 'MICROSERVICE_OVERLOADED',
    hint: 'More than `maxInFlight` requests are being served; retry later, add replicas or raise the limit.',
  },
  SC_ERR_WRAPPER_NOT_READY: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    reason: 'MICROSERVICE_NOT_READY',
    hint: 'The component is still loading or the server is shutting down.',
  },
  SC_ERR_WRAPPER_NOT_FOUND: {
    httpStatus: 404,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'No such path or method; see the REST table in the guide.',
  },
  SC_ERR_WRAPPER_METHOD_NOT_ALLOWED: {
    httpStatus: 405,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'This path exists but not for this HTTP method (e.g. GET /api/v1.0/predictions).',
  },
  SC_ERR_WRAPPER_TIMEOUT: {
    httpStatus: 504,
    grpcStatus: GrpcStatus.DEADLINE_EXCEEDED,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'The component took longer than `restTimeoutMs` (pod annotation `seldon.io/rest-timeout`) to answer a REST request. Make it faster or raise the annotation.',
  },
  SC_ERR_WRAPPER_USER: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'The component threw a SeldonMicroserviceError; its status and reason are used.',
  },
  SC_ERR_WRAPPER_INTERNAL: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.UNKNOWN,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'The component threw an unexpected error; the message is its text. Check the component logs.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** A stable wrapper error code. */
export type WrapperErrorCode = keyof typeof WRAPPER_ERRORS;

/** The Seldon status body the reference Python wrapper returns for errors (01-payload §6): `toSeldonStatus('wrapper')`. */
export interface SeldonErrorBody {
  status: { status: 1; info: string; code: -1 | number; reason: string };
}

/** Options of a {@link WrapperError}: overrides of the catalogue entry (user errors carry their own status and reason). */
export type WrapperErrorOptions = SeldonErrorOptions;

/** The error class of @seldon-ts/model-wrapper. Match on `code`. */
export class WrapperError extends SeldonError<WrapperErrorCode> {
  override readonly name = 'WrapperError';

  constructor(code: WrapperErrorCode, message: string, options: WrapperErrorOptions = {}) {
    super(code, message, WRAPPER_ERRORS[code], options);
  }

  /** The Seldon status body, so that callers passing errors through (the graph executor) answer it. */
  toJSON(): SeldonStatusBody {
    return this.toSeldonStatus();
  }

  /** @deprecated Use {@link SeldonError.grpcStatus}; the same number. */
  get grpcCode(): number {
    return this.grpcStatus;
  }
}

/** Options of a {@link SeldonMicroserviceError}. */
export interface SeldonMicroserviceErrorOptions {
  /** HTTP status to answer with; default 400. */
  httpStatus?: number;
  /** @deprecated Use `httpStatus` (the reference's `status_code`). */
  statusCode?: number;
  /** Seldon status reason; default `MICROSERVICE_BAD_DATA`. */
  reason?: string;
}

/**
 * Throw this from a component to answer with a chosen status and reason, as the reference's
 * `SeldonMicroserviceException` does (default 400, `MICROSERVICE_BAD_DATA`). Its code is
 * `SC_ERR_WRAPPER_USER`; its gRPC status is INVALID_ARGUMENT for a 4xx status, UNKNOWN for a 5xx one
 * (a server-side status chosen by the component is not the caller's fault).
 */
export class SeldonMicroserviceError extends SeldonError<'SC_ERR_WRAPPER_USER'> {
  override readonly name = 'SeldonMicroserviceError';

  constructor(message: string, options: SeldonMicroserviceErrorOptions = {}) {
    const httpStatus = options.httpStatus ?? options.statusCode ?? 400;
    super(
      'SC_ERR_WRAPPER_USER',
      message,
      {
        httpStatus,
        grpcStatus: httpStatus >= 500 ? GrpcStatus.UNKNOWN : GrpcStatus.INVALID_ARGUMENT,
        reason: WRAPPER_ERRORS.SC_ERR_WRAPPER_USER.reason,
      },
      { reason: options.reason },
    );
  }

  /** @deprecated Use {@link SeldonError.httpStatus}; the same number. */
  get statusCode(): number {
    return this.httpStatus;
  }
}

/** Turns anything thrown while serving a request into a {@link WrapperError}. */
export function toWrapperError(err: unknown): WrapperError {
  if (err instanceof WrapperError) return err;
  if (err instanceof SeldonMicroserviceError) {
    return new WrapperError('SC_ERR_WRAPPER_USER', err.message, {
      cause: err,
      httpStatus: err.httpStatus,
      reason: err.reason,
      grpcStatus: err.grpcStatus,
    });
  }
  // A worker thread sends errors back as plain objects.
  if (isSerializedWrapperError(err)) {
    return new WrapperError(err.code, err.message, {
      httpStatus: err.httpStatus,
      reason: err.reason,
      grpcStatus: err.grpcStatus,
    });
  }
  if (isPayloadError(err)) {
    if (err.code === 'SC_ERR_PAYLOAD_BAD_RESULT')
      return new WrapperError('SC_ERR_WRAPPER_BAD_RETURN', err.message, { cause: err });
    if (err.code === 'SC_ERR_PAYLOAD_TOO_LARGE')
      return new WrapperError('SC_ERR_WRAPPER_BODY_TOO_LARGE', err.message, { cause: err });
    return new WrapperError('SC_ERR_WRAPPER_BAD_DATA', err.message, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new WrapperError('SC_ERR_WRAPPER_INTERNAL', message, { cause: err });
}

/** Structured-clone-safe form of a {@link WrapperError} (worker threads). */
export interface SerializedWrapperError {
  readonly $wrapperError: true;
  readonly code: WrapperErrorCode;
  readonly message: string;
  readonly httpStatus: number;
  readonly grpcStatus: number;
  readonly reason: string;
}

export function serializeWrapperError(err: WrapperError): SerializedWrapperError {
  return {
    $wrapperError: true,
    code: err.code,
    message: err.message,
    httpStatus: err.httpStatus,
    grpcStatus: err.grpcStatus,
    reason: err.reason,
  };
}

function isSerializedWrapperError(err: unknown): err is SerializedWrapperError {
  return (
    typeof err === 'object' && err !== null && (err as { $wrapperError?: unknown }).$wrapperError === true
  );
}
