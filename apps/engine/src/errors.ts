// The one error catalogue of seldon-engine, for serving (`serve`) and for the local runner (`run`,
// the SC_ERR_ENGINE_RUN_* codes): one code per failure the engine itself detects, each mapped to an
// HTTP status and a gRPC status. Match on `code`, never on the message text. Codes are never reused.

import { GrpcStatus, SeldonError } from '@seldon-ts/payload/json';
import type { SeldonErrorSpec, SeldonStatusBody, SeldonStatusForm } from '@seldon-ts/payload/json';

interface CatalogueEntry extends SeldonErrorSpec {
  description: string;
}

/** Every engine error code with its HTTP status, gRPC status and meaning. */
export const ENGINE_ERRORS = {
  SC_ERR_ENGINE_CONFIG_INVALID: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description: 'a flag, environment variable or annotation has an invalid value',
  },
  SC_ERR_ENGINE_PREDICTOR_NOT_FOUND: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description:
      'no predictor spec (ENGINE_PREDICTOR, --file or a positional file) or the named predictor is absent',
  },
  SC_ERR_ENGINE_GRAPH_INVALID: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description: 'the inference graph is invalid; the message names the node and the problem',
  },
  SC_ERR_ENGINE_BAD_REQUEST: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description: 'the request body cannot be used (e.g. feedback that is not JSON)',
  },
  SC_ERR_ENGINE_BODY_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description: 'the request body exceeds maxBodyBytes / the gRPC max message size',
  },
  SC_ERR_ENGINE_BODY_READ_FAILED: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.CANCELLED,
    description: 'the client aborted or broke the request body',
  },
  SC_ERR_ENGINE_HTTP_MALFORMED: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description:
      'the REST request is not valid HTTP/1.1 (request line, header syntax, framing, chunked encoding, no Host); the message names the line or header',
  },
  SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE: {
    httpStatus: 431,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description: "the REST request head (or a chunked body's trailers) exceeds --max_header_bytes",
  },
  SC_ERR_ENGINE_HTTP_HEADERS_TIMEOUT: {
    httpStatus: 408,
    grpcStatus: GrpcStatus.DEADLINE_EXCEEDED,
    description: 'the REST request head did not arrive completely within 60 s',
  },
  SC_ERR_ENGINE_HTTP_VERSION: {
    httpStatus: 505,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    description: 'an HTTP version other than 1.0 and 1.1 on the REST port',
  },
  SC_ERR_ENGINE_HTTP_NOT_IMPLEMENTED: {
    httpStatus: 501,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    description: 'a Transfer-Encoding other than chunked',
  },
  SC_ERR_ENGINE_HTTP_EXPECTATION: {
    httpStatus: 417,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description: 'an Expect header other than 100-continue',
  },
  SC_ERR_ENGINE_OVERLOADED: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description: 'more than maxInFlight requests are being served',
  },
  SC_ERR_ENGINE_BUSY: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description:
      'request bodies being received already hold maxBufferedBodyBytes (answered with Retry-After: 1)',
  },
  SC_ERR_ENGINE_METHOD_NOT_ALLOWED: {
    httpStatus: 405,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    description: 'known path, wrong HTTP method',
  },
  SC_ERR_ENGINE_KAFKA_UNAVAILABLE: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    description: 'the Kafka brokers could not be reached within kafka.outageExitMs',
  },
  SC_ERR_ENGINE_INTERNAL: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.UNKNOWN,
    description: 'an unexpected failure inside the engine or a node call',
  },
  SC_ERR_ENGINE_RUN_USAGE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description: '`seldon-engine run`: malformed arguments (unknown option, bad port, no manifest path)',
  },
  SC_ERR_ENGINE_RUN_MANIFEST: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description: '`seldon-engine run`: the manifest cannot be read or is not one SeldonDeployment',
  },
  SC_ERR_ENGINE_RUN_INVALID: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description:
      '`seldon-engine run`: the SeldonDeployment fails the admission webhook rules (all violations listed)',
  },
  SC_ERR_ENGINE_RUN_COMPONENT: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description:
      '`seldon-engine run`: a node has no local component, a `seldon.io/local-*` value is malformed, or a module cannot load',
  },
  SC_ERR_ENGINE_RUN_START_TIMEOUT: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    description: '`seldon-engine run`: a component or engine was not ready within startTimeoutMs',
  },
  SC_ERR_ENGINE_RUN_PROCESS: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    description: '`seldon-engine run`: a component process could not be spawned or exited during start-up',
  },
  SC_ERR_ENGINE_RUN_UNAVAILABLE: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    description: '`seldon-engine run` front door: no predictor engine could be reached',
  },
  SC_ERR_ENGINE_RUN_BODY_TOO_LARGE: {
    httpStatus: 413,
    grpcStatus: GrpcStatus.RESOURCE_EXHAUSTED,
    description: '`seldon-engine run` front door: the request body exceeds maxBodyBytes',
  },
  SC_ERR_ENGINE_CALL_USAGE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    description:
      '`seldon-engine call`: malformed arguments (unknown option, bad port or deadline, no such method, unreadable request file); exit code 2',
  },
  SC_ERR_ENGINE_TF_NOT_CHAINABLE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    description:
      'a TensorFlow Classify, Regress or MultiInference call on a graph that would chain one node call into another; only Predict answers can be chained',
  },
  SC_ERR_ENGINE_UNIMPLEMENTED: {
    httpStatus: 501,
    grpcStatus: GrpcStatus.UNIMPLEMENTED,
    description:
      'an RPC of a served protocol that the engine deliberately does not implement (v2 RepositoryModelLoad/Unload, TensorFlow HandleReloadConfigRequest)',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type EngineErrorCode = keyof typeof ENGINE_ERRORS;

/** The one error class of seldon-engine (serving and the local runner). */
export class EngineError extends SeldonError<EngineErrorCode> {
  override readonly name = 'EngineError';
  /** What the error is about when the message alone is not enough, e.g. `predictor "default" node "classifier"` or a file path. */
  readonly where?: string;

  constructor(code: EngineErrorCode, message: string, options: { cause?: unknown; where?: string } = {}) {
    super(code, message, ENGINE_ERRORS[code], { cause: options.cause });
    if (options.where !== undefined) this.where = options.where;
  }

  /** The Seldon executor's error body (the default form here): `{"status":{"code":…,"info":…,"reason":<code>,"status":"FAILURE"}}`. */
  override toSeldonStatus(form: SeldonStatusForm = 'executor'): SeldonStatusBody {
    return super.toSeldonStatus(form);
  }
}
