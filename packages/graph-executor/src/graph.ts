/**
 * The parts of a predictor's graph (a Seldon `PredictiveUnit` tree) that the executor uses. Written
 * structurally and loosely (strings, optional fields) so that `PredictiveUnit` from
 * `@seldon-ts/crd-types` and plain JSON from `ENGINE_PREDICTOR` are both accepted.
 */
export interface GraphNodeSpec {
  /** Node name, unique in the graph; used in node paths, `meta.routing` and events. */
  readonly name: string;
  /** `MODEL`, `TRANSFORMER`, `OUTPUT_TRANSFORMER`, `ROUTER`, `COMBINER`, `UNKNOWN_TYPE` or unset. */
  readonly type?: string | null;
  /** Built-in implementation: `SIMPLE_MODEL`, `SIMPLE_ROUTER`, `RANDOM_ABTEST`, `AVERAGE_COMBINER`, or a prepackaged server name. */
  readonly implementation?: string | null;
  /** Extra calls (additive to the type): `TRANSFORM_INPUT`, `TRANSFORM_OUTPUT`, `ROUTE`, `AGGREGATE`, `SEND_FEEDBACK`. */
  readonly methods?: readonly string[] | null;
  readonly endpoint?: GraphNodeEndpoint | null;
  readonly parameters?: readonly GraphNodeParameter[] | null;
  /** Payload logging configuration; the executor publishes payload events for nodes that have one. */
  readonly logger?: { readonly url?: string | null; readonly mode?: string | null } | null;
  readonly children?: readonly GraphNodeSpec[] | null;
}

/** Where a node listens. */
export interface GraphNodeEndpoint {
  /** Host name; default `localhost`. */
  readonly service_host?: string | null;
  /** The port used by readiness checks (the gRPC port for gRPC deployments). */
  readonly service_port?: number | null;
  /** REST port of the node. */
  readonly httpPort?: number | null;
  /** gRPC port of the node. */
  readonly grpcPort?: number | null;
  /** `REST` or `GRPC` (legacy). */
  readonly type?: string | null;
}

/** A node parameter, as in the CRD (`value` is always a string there). */
export interface GraphNodeParameter {
  readonly name: string;
  readonly value: string | number | boolean;
  readonly type?: string | null;
}

/** A call a node can be asked to make. `status` and `metadata` are GETs. */
export type NodeMethod =
  | 'transform-input'
  | 'predict'
  | 'transform-output'
  | 'route'
  | 'aggregate'
  | 'send-feedback'
  | 'status'
  | 'metadata';

/** The external API protocol; it decides node paths and chaining. */
export type GraphProtocol = 'seldon' | 'tensorflow' | 'v2';

/** Graph metadata of one model, proto3-JSON shape of `SeldonModelMetadata`. */
export interface ModelMetadata {
  name?: string;
  platform?: string;
  versions?: string[];
  inputs?: unknown[];
  outputs?: unknown[];
  custom?: Record<string, string>;
}

/** The executor's graph metadata document (`GET /api/v1.0/metadata`). */
export interface GraphMetadata {
  name: string;
  models: Record<string, ModelMetadata>;
  graphinputs: unknown[] | null;
  graphoutputs: unknown[] | null;
}
