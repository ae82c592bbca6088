/**
 * The error catalogue of @seldon-ts/model-servers (the ONNX and the XGBoost server). Match on `code`, never on the
 * message text.
 *
 * 4xx codes are the caller's fault (the request does not fit the model's signature), 5xx codes the
 * model's or the deployment's. `OnnxServer` hands a 4xx error to the model wrapper as a
 * `SeldonMicroserviceError` with the same status and reason, its message starting with the code,
 * so a client sees the code in `info`.
 */
import { GrpcStatus, SeldonError, type SeldonErrorSpec } from '@seldon-ts/payload';

interface CatalogueEntry extends SeldonErrorSpec {
  readonly reason: string;
  /** What a user can do about it (rendered in the package README). */
  readonly hint: string;
}

export const MODEL_SERVER_ERRORS = {
  SC_ERR_ONNX_RUNTIME_MISSING: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'onnxruntime-node is an optional peer dependency: `npm install onnxruntime-node` next to @seldon-ts/model-servers (its CPU binary ships inside the npm package; the install script may be denied).',
  },
  SC_ERR_ONNX_BAD_PARAMETER: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_BAD_PARAMETER',
    hint: 'A parameter of the ONNX server is invalid (`model_uri` missing or not a local path / `file://` URI, `intra_op_threads` not a positive integer, `output` not an output of the model); the message names it.',
  },
  SC_ERR_ONNX_MODEL_NOT_FOUND: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'Put the model at `<model_uri>/model.onnx` (or as the only `*.onnx` file of the folder), or point `model_uri` at the file.',
  },
  SC_ERR_ONNX_BAD_MODEL: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'ONNX Runtime cannot load the file, or the model has an input or output this server cannot carry (float16, 4-bit, a non-tensor input); the message says which.',
  },
  SC_ERR_ONNX_NOT_LOADED: {
    httpStatus: 503,
    grpcStatus: GrpcStatus.UNAVAILABLE,
    reason: 'MICROSERVICE_NOT_READY',
    hint: '`load()` has not finished (or failed): the model wrapper calls it before serving, so this only happens when the class is used directly.',
  },
  SC_ERR_ONNX_BAD_REQUEST: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'Send `data` (tensor, ndarray, tftensor) to a single-input model, or `jsonData` as `{"<input>": array, ...}` or a v2 request `{"inputs": [...]}`; strData and binData are not model inputs.',
  },
  SC_ERR_ONNX_MISSING_INPUT: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'Every model input must be sent; the message lists the inputs the model declares (see GET /metadata).',
  },
  SC_ERR_ONNX_UNKNOWN_TENSOR: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'The request names an input or asks for an output the model does not have; the message lists the model’s names.',
  },
  SC_ERR_ONNX_INPUT_DTYPE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'The values (or the v2 `datatype` / tftensor `dtype`) do not fit the input’s element type; the message names the input, the expected type and the first bad element.',
  },
  SC_ERR_ONNX_INPUT_SHAPE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    reason: 'MICROSERVICE_BAD_DATA',
    hint: 'The array’s shape does not match the input’s (rank and every fixed dimension; -1 and named dimensions take any size); the message gives both.',
  },
  SC_ERR_ONNX_RUN_FAILED: {
    httpStatus: 500,
    grpcStatus: GrpcStatus.INTERNAL,
    reason: 'MICROSERVICE_INTERNAL_ERROR',
    hint: 'ONNX Runtime failed while running the model (the message is its text); the inputs passed the signature checks, so look at the model.',
  },
  // XGBoost: the evaluator and its server.
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

/** One of the {@link MODEL_SERVER_ERRORS} codes. */
export type ModelServerErrorCode = keyof typeof MODEL_SERVER_ERRORS;

/** An error of a model server: `code` from {@link MODEL_SERVER_ERRORS}. */
export class ModelServerError extends SeldonError<ModelServerErrorCode> {
  constructor(code: ModelServerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, MODEL_SERVER_ERRORS[code], options);
    this.name = 'ModelServerError';
  }
}
