import { GrpcStatus } from '@seldon-ts/payload/grpc-status';
import { SeldonError } from '@seldon-ts/payload/seldon-error';
import type { SeldonErrorSpec } from '@seldon-ts/payload/seldon-error';

interface CodeInfo extends SeldonErrorSpec {
  readonly title: string;
}

/**
 * The error catalogue of `@seldon-ts/operator`. Codes are stable: match on `error.code`, never on
 * the message. A code is never reused for another meaning.
 */
export const operatorErrorCatalogue = {
  SC_ERR_OPERATOR_CONFIG: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    title: 'An operator setting (flag or environment variable) is missing or malformed.',
  },
  SC_ERR_OPERATOR_NO_EXECUTOR_IMAGE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    title: 'No executor image: set EXECUTOR_CONTAINER_IMAGE_AND_VERSION or RELATED_IMAGE_EXECUTOR.',
  },
  SC_ERR_OPERATOR_SELDON_CONFIG: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    title:
      'The seldon-config ConfigMap holds a value that is not the expected JSON (or an unparsable quantity).',
  },
  SC_ERR_OPERATOR_BAD_ANNOTATION: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title:
      'A behaviour annotation of the SeldonDeployment has an unusable value (e.g. a non-integer queue size).',
  },
  SC_ERR_OPERATOR_INVALID_SDEP: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The SeldonDeployment fails validation; it is not reconciled until fixed.',
  },
  SC_ERR_OPERATOR_KUBE_API: {
    httpStatus: 502,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    title: 'The Kubernetes API server answered with an error or could not be reached.',
  },
  SC_ERR_OPERATOR_CONFLICT: {
    httpStatus: 409,
    grpcStatus: GrpcStatus.ABORTED,
    title: 'The object changed on the server meanwhile (409); the reconcile is retried.',
  },
  SC_ERR_OPERATOR_NOT_FOUND: {
    httpStatus: 404,
    grpcStatus: GrpcStatus.NOT_FOUND,
    title: 'The Kubernetes object does not exist.',
  },
  SC_ERR_OPERATOR_BAD_ADMISSION_REVIEW: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The webhook received a body that is not an AdmissionReview v1/v1beta1 request.',
  },
  SC_ERR_OPERATOR_CERTIFICATE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    title: 'The webhook serving certificate could not be created, read or installed.',
  },
  SC_ERR_OPERATOR_NOT_LEADER: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    title: 'This replica is not (or no longer) the leader.',
  },
} as const satisfies Record<string, CodeInfo>;

/** Every stable error code of this package. */
export type OperatorErrorCode = keyof typeof operatorErrorCatalogue;

/** The only error class this package throws. `code` is stable; `detail` names what and where. */
export class OperatorError extends SeldonError<OperatorErrorCode> {
  override readonly name = 'OperatorError';
  /** HTTP status the Kubernetes API answered, when the error comes from it. */
  readonly apiStatus: number | undefined;

  constructor(code: OperatorErrorCode, message: string, options?: { cause?: unknown; apiStatus?: number }) {
    super(code, message, operatorErrorCatalogue[code], { cause: options?.cause });
    this.apiStatus = options?.apiStatus;
  }
}

/** True for a Kubernetes 404. */
export function isNotFound(err: unknown): boolean {
  return err instanceof OperatorError && err.code === 'SC_ERR_OPERATOR_NOT_FOUND';
}

/** True for a Kubernetes 409. */
export function isConflict(err: unknown): boolean {
  return err instanceof OperatorError && err.code === 'SC_ERR_OPERATOR_CONFLICT';
}
