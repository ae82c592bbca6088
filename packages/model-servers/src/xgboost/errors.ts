/**
 * The XGBoost evaluator's error catalogue. Match on `code`, never on the message text.
 *
 * 4xx codes are the caller's fault (bad rows), 5xx codes the model's or the deployment's.
 * `XGBoostServer` turns a 4xx error into the wrapper's `SeldonMicroserviceError` with the same
 * status and reason, its message starting with the code, so a client sees it in `info`.
 */
import { GrpcStatus, SeldonError, type SeldonErrorSpec } from '@seldon-ts/payload';

interface CatalogueEntry extends SeldonErrorSpec {
  readonly reason: string;
  /** What a user can do about it (rendered in the package README). */
  readonly hint: string;
}

export const XGBOOST_ERRORS = {
  SC_ERR_XGBOOST_BAD_INPUT: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'Send a 2-D numeric array (one row per example), as `data.ndarray` or `data.tensor`.',
  },
  SC_ERR_XGBOOST_FEATURE_COUNT: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'Each row must have exactly as many columns as the model has features; the message names the expected count.',
  },
  SC_ERR_XGBOOST_BAD_PARAMETER: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_BAD_PARAMETER',
    hint: 'A server parameter has a wrong value (`missing` and `max_model_bytes` are numbers); the message names it.',
  },
  SC_ERR_XGBOOST_BAD_URI: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: '`model_uri` must be a local folder or file (a path or `file://` URI). On Kubernetes the storage initializer downloads `modelUri` to /mnt/models; locally, download the model first.',
  },
  SC_ERR_XGBOOST_MODEL_NOT_FOUND: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'Put the model in the folder as model.json, model.ubj or model.bst (`Booster.save_model`).',
  },
  SC_ERR_XGBOOST_MODEL_TOO_LARGE: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'The model file is larger than `max_model_bytes`: raise the limit.',
  },
  SC_ERR_XGBOOST_LEGACY_BINARY: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: "The file is XGBoost's legacy binary format: load it in Python and re-save it with `booster.save_model('model.json')`.",
  },
  SC_ERR_XGBOOST_BAD_MODEL: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'The file is not a valid XGBoost JSON/UBJSON model; the message names the field. Re-save it with `Booster.save_model`.',
  },
  SC_ERR_XGBOOST_UNSUPPORTED: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'The model uses a feature this evaluator does not implement (objective, booster, vector leaves); the message says which.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** One of the {@link XGBOOST_ERRORS} codes. */
export type XGBoostErrorCode = keyof typeof XGBOOST_ERRORS;

/** An error of the XGBoost evaluator: `code` from {@link XGBOOST_ERRORS}. */
export class XGBoostError extends SeldonError<XGBoostErrorCode> {
  constructor(code: XGBoostErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, XGBOOST_ERRORS[code], options);
    this.name = 'XGBoostError';
  }
}
