import { GrpcStatus } from '@seldon-ts/payload/grpc-status';
import { SeldonError } from '@seldon-ts/payload/seldon-error';
import type { SeldonErrorSpec } from '@seldon-ts/payload/seldon-error';

interface CodeInfo extends SeldonErrorSpec {
  readonly title: string;
}

/**
 * The error catalogue of `@seldon-ts/crd-types`. Codes are stable: match on `code`, never on the
 * message (messages copy the reference's wording, including its typos). A code is never reused.
 *
 * `SC_ERR_CRD_RULE_*` codes are the webhook rules of 06 §7 (number in the docs table);
 * `SC_ERR_CRD_SCHEMA` is a structural (JSON Schema) violation; the others come from the loader.
 */
export const crdErrorCatalogue = {
  SC_ERR_CRD_PARSE: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The manifest text is not valid YAML/JSON.',
  },
  SC_ERR_CRD_NOT_SELDON_DEPLOYMENT: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A document is not a machinelearning.seldon.io SeldonDeployment (wrong apiVersion or kind).',
  },
  SC_ERR_CRD_EMPTY: {
    httpStatus: 400,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The text holds no SeldonDeployment document.',
  },
  SC_ERR_CRD_GRAPH_TOO_DEEP: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A predictor graph is nested deeper than the maxGraphDepth option.',
  },
  SC_ERR_CRD_SCHEMA: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A field is missing or has the wrong JSON type for the SeldonDeployment schema.',
  },
  SC_ERR_CRD_RULE_PROTOCOL: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'spec.protocol is not seldon, tensorflow, kfserving or v2.',
  },
  SC_ERR_CRD_RULE_TRANSPORT: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'spec.transport is not rest or grpc.',
  },
  SC_ERR_CRD_RULE_SERVER_TYPE: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'spec.serverType is not rpc or kafka.',
  },
  SC_ERR_CRD_RULE_KAFKA_ENV: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title:
      'serverType kafka without KAFKA_BROKER, KAFKA_INPUT_TOPIC and KAFKA_OUTPUT_TOPIC in svcOrchSpec.env.',
  },
  SC_ERR_CRD_RULE_SHADOW_ALONE: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'The only predictor is a shadow.',
  },
  SC_ERR_CRD_RULE_DUPLICATE_SVC_NAME: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'Two predictors share the seldon.io/svc-name annotation value.',
  },
  SC_ERR_CRD_RULE_NO_PREDICTORS: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'spec.predictors is empty.',
  },
  SC_ERR_CRD_RULE_NO_ENGINE_GRAPH: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'seldon.io/no-engine on a predictor whose graph has more than one node.',
  },
  SC_ERR_CRD_RULE_DUPLICATE_PREDICTOR: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'Two predictors have the same name.',
  },
  SC_ERR_CRD_RULE_NO_CONTAINER: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A graph node without implementation has no container of the same name in componentSpecs.',
  },
  SC_ERR_CRD_RULE_NO_METHODS: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A graph node of type UNKNOWN_TYPE declares no methods.',
  },
  SC_ERR_CRD_RULE_MODEL_URI: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A prepackaged-server node has no modelUri.',
  },
  SC_ERR_CRD_RULE_TENSORFLOW_PROTOCOL: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A prepackaged server that cannot speak the tensorflow protocol is used with protocol tensorflow.',
  },
  SC_ERR_CRD_RULE_UNKNOWN_SERVER: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.FAILED_PRECONDITION,
    title: 'A prepackaged server has no image and no entry in the predictor_servers config.',
  },
  SC_ERR_CRD_RULE_LOGGER_MODE: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A node logger has no mode.',
  },
  SC_ERR_CRD_RULE_MULTIPLE_ENDPOINT_TYPES: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'Graph nodes declare both REST and GRPC endpoint types.',
  },
  SC_ERR_CRD_RULE_MIXED_TRANSPORT: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'Node endpoint.type contradicts spec.transport.',
  },
  SC_ERR_CRD_RULE_MULTIPLE_SHADOWS: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'More than one shadow predictor.',
  },
  SC_ERR_CRD_RULE_SHADOW_TRAFFIC: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A shadow predictor has traffic outside [0, 100].',
  },
  SC_ERR_CRD_RULE_TRAFFIC_SUM: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'Traffic of two or more non-shadow predictors does not sum to 100.',
  },
  SC_ERR_CRD_RULE_SINGLE_TRAFFIC: {
    httpStatus: 422,
    grpcStatus: GrpcStatus.INVALID_ARGUMENT,
    title: 'A single predictor has traffic between 1 and 99.',
  },
} as const satisfies Record<string, CodeInfo>;

/** Every stable error code of this package. */
export type CrdErrorCode = keyof typeof crdErrorCatalogue;

/**
 * Thrown by `parseSeldonDeployment` (validation never throws; it returns its findings).
 * `path` locates the problem (`document[1]`, `document[0].kind`, ...).
 */
export class CrdError extends SeldonError<CrdErrorCode> {
  override readonly name = 'CrdError';
  readonly path: string;

  constructor(code: CrdErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(code, path ? `${path}: ${message}` : message, crdErrorCatalogue[code], options);
    this.path = path;
  }
}
