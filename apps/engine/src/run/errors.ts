// Errors of the local runner (`seldon-engine run`). Match on `code`, never on the message.
// The codes share the engine's SC_ERR_ENGINE_ prefix with a RUN_ infix so they never collide with
// the serving engine's own catalogue.

/** Stable error codes of the local runner with the HTTP and gRPC status they map to. */
export const RUN_ERRORS = {
  /** Command-line arguments are malformed (unknown flag, bad port, missing manifest path). */
  SC_ERR_ENGINE_RUN_USAGE: { httpStatus: 400, grpcCode: 3 },
  /** The manifest cannot be read or is not a SeldonDeployment. */
  SC_ERR_ENGINE_RUN_MANIFEST: { httpStatus: 400, grpcCode: 3 },
  /** The SeldonDeployment fails validation (the same rules as the Kubernetes admission webhook). */
  SC_ERR_ENGINE_RUN_INVALID: { httpStatus: 422, grpcCode: 3 },
  /** A graph node's container has no local component, or its `seldon.io/local-*` value is malformed. */
  SC_ERR_ENGINE_RUN_COMPONENT: { httpStatus: 400, grpcCode: 3 },
  /** A component did not become ready (listening / loaded) within `startTimeoutMs`. */
  SC_ERR_ENGINE_RUN_START_TIMEOUT: { httpStatus: 503, grpcCode: 14 },
  /** A component process could not be spawned or exited during start-up. */
  SC_ERR_ENGINE_RUN_PROCESS: { httpStatus: 503, grpcCode: 14 },
  /** The front door could not reach any predictor engine. */
  SC_ERR_ENGINE_RUN_UNAVAILABLE: { httpStatus: 503, grpcCode: 14 },
  /** The front door received a request body over `maxBodyBytes`. */
  SC_ERR_ENGINE_RUN_BODY_TOO_LARGE: { httpStatus: 413, grpcCode: 8 },
} as const;

export type RunErrorCode = keyof typeof RUN_ERRORS;

/** An error of the local runner: stable `code`, HTTP and gRPC status, and where it happened. */
export class RunError extends Error {
  readonly code: RunErrorCode;
  readonly httpStatus: number;
  readonly grpcCode: number;
  /** What the error is about, e.g. `predictor "default" node "classifier"` or a file path. */
  readonly where?: string;

  constructor(code: RunErrorCode, message: string, options: { where?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RunError';
    this.code = code;
    this.httpStatus = RUN_ERRORS[code].httpStatus;
    this.grpcCode = RUN_ERRORS[code].grpcCode;
    this.where = options.where;
  }

  /** The Seldon executor's error body shape: `{"status":{"code":…,"info":…,"status":"FAILURE"}}`. */
  toSeldonStatus(): { status: { code: number; info: string; reason: string; status: 'FAILURE' } } {
    return { status: { code: this.httpStatus, info: this.message, reason: this.code, status: 'FAILURE' } };
  }
}
