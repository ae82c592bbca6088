// The base class of every error seldon-ts throws on purpose. Each package keeps its own catalogue of
// stable codes (PayloadError, CrdError, GraphError, WrapperError, OperatorError, EngineError,
// BatchError); this class gives them one spelling: `code`, `httpStatus`, `grpcStatus`, `reason`,
// `cause`, and one rendering of the Seldon status body.
import type { SeldonStatusBody } from './types.js';

/** What a catalogue maps each stable code to. */
export interface SeldonErrorSpec {
  /** HTTP status a REST server answers with. */
  readonly httpStatus: number;
  /** Numeric gRPC status code a gRPC server answers with (see `GrpcStatus`). */
  readonly grpcStatus: number;
  /** Seldon status reason (`MICROSERVICE_BAD_DATA`...); when absent it follows from `httpStatus`. */
  readonly reason?: string;
}

/** Per-error overrides of the catalogue entry, and the cause. */
export interface SeldonErrorOptions {
  readonly cause?: unknown;
  /** Overrides the catalogue's HTTP status (e.g. a node's own status passed through). */
  readonly httpStatus?: number;
  /** Overrides the catalogue's gRPC status. */
  readonly grpcStatus?: number;
  /** Overrides the catalogue's reason. */
  readonly reason?: string;
}

/**
 * Which of the two reference error-body forms to write (01-payload §6):
 * - `'wrapper'`, the Python wrapper's: `{"status":{"status":1,"info":<message>,"code":-1,"reason":<reason>}}`;
 * - `'executor'`, the executor's: `{"status":{"code":<httpStatus>,"info":<message>,"reason":<code>,"status":"FAILURE"}}`.
 */
export type SeldonStatusForm = 'wrapper' | 'executor';

/** The reason of the Python wrapper's error body for an HTTP status, when a catalogue names none. */
function defaultReason(httpStatus: number): string {
  return httpStatus >= 500 ? 'MICROSERVICE_INTERNAL_ERROR' : 'MICROSERVICE_BAD_DATA';
}

/**
 * Base class of the error classes of every seldon-ts package. Match on {@link SeldonError.code}
 * (a stable `SC_ERR_*` string, never reused), never on the message.
 */
export class SeldonError<Code extends string = string> extends Error {
  /** Stable code from the package's catalogue, e.g. `SC_ERR_PAYLOAD_INVALID_JSON`. */
  readonly code: Code;
  /** HTTP status a REST server answers with. */
  readonly httpStatus: number;
  /** Numeric gRPC status code a gRPC server answers with (`GrpcStatus`). */
  readonly grpcStatus: number;
  /** Seldon status reason of the wrapper's error body (`MICROSERVICE_BAD_DATA`, `MICROSERVICE_INTERNAL_ERROR`...). */
  readonly reason: string;

  constructor(code: Code, message: string, spec: SeldonErrorSpec, options: SeldonErrorOptions = {}) {
    // No `cause` key at all when there is none, so logs and toEqual() stay clean.
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SeldonError';
    this.code = code;
    this.httpStatus = options.httpStatus ?? spec.httpStatus;
    this.grpcStatus = options.grpcStatus ?? spec.grpcStatus;
    this.reason = options.reason ?? spec.reason ?? defaultReason(this.httpStatus);
  }

  /** The Seldon status body of this error in the given form (default `'wrapper'`). */
  toSeldonStatus(form: SeldonStatusForm = 'wrapper'): SeldonStatusBody {
    if (form === 'executor') {
      return { status: { code: this.httpStatus, info: this.message, reason: this.code, status: 'FAILURE' } };
    }
    return { status: { status: 1, info: this.message, code: -1, reason: this.reason } };
  }
}

/**
 * True when `value` is a {@link SeldonError}, also one from another copy of this package (checked
 * by shape: an Error with a string `code` and numeric `httpStatus` and `grpcStatus`).
 */
export function isSeldonError(value: unknown): value is SeldonError {
  if (value instanceof SeldonError) return true;
  if (!(value instanceof Error)) return false;
  const v = value as { code?: unknown; httpStatus?: unknown; grpcStatus?: unknown };
  return typeof v.code === 'string' && typeof v.httpStatus === 'number' && typeof v.grpcStatus === 'number';
}
