/**
 * Proto3-JSON shapes of the Seldon Core v1 messages (`proto/prediction.proto`, package
 * `seldon.protos`). Every field is optional because proto3 omits zero values; decoders of this
 * package return objects of exactly these shapes (validated), encoders accept them.
 */

/** Any JSON value (what `google.protobuf.Value` carries). */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object (what `google.protobuf.Struct` carries). */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Packed doubles of `Tensor.values`. JSON decoding yields `number[]`; protobuf decoding yields a
 * `Float64Array` (no per-element allocation). Encoders accept both.
 */
export type TensorValues = number[] | Float64Array;

/** `seldon.protos.Tensor`: a dense row-major (C order) array of doubles. */
export interface Tensor {
  /** int32 dimensions; product must equal `values.length`. */
  shape?: number[];
  values?: TensorValues;
}

/** Names of `tensorflow.DataType` as emitted in JSON (e.g. `"DT_FLOAT"`). */
export type TfDataType =
  | 'DT_INVALID'
  | 'DT_FLOAT'
  | 'DT_DOUBLE'
  | 'DT_INT32'
  | 'DT_UINT8'
  | 'DT_INT16'
  | 'DT_INT8'
  | 'DT_STRING'
  | 'DT_COMPLEX64'
  | 'DT_INT64'
  | 'DT_BOOL'
  | 'DT_QINT8'
  | 'DT_QUINT8'
  | 'DT_QINT32'
  | 'DT_BFLOAT16'
  | 'DT_QINT16'
  | 'DT_QUINT16'
  | 'DT_UINT16'
  | 'DT_COMPLEX128'
  | 'DT_HALF'
  | 'DT_RESOURCE'
  | 'DT_VARIANT'
  | 'DT_UINT32'
  | 'DT_UINT64';

/** `tensorflow.TensorShapeProto.Dim`. `size` is int64: emitted as a string, accepted as number or string. */
export interface TfDim {
  size?: string | number;
  name?: string;
}

/** `tensorflow.TensorShapeProto`. */
export interface TfTensorShape {
  dim?: TfDim[];
  unknownRank?: boolean;
}

/**
 * The subset of `tensorflow.TensorProto` that `tftensor` uses (proto3-JSON field names).
 * Bytes fields are standard base64 with padding. int64 fields are emitted as strings.
 */
export interface TfTensor {
  dtype?: TfDataType;
  tensorShape?: TfTensorShape;
  versionNumber?: number;
  /** Raw little-endian element bytes, base64. */
  tensorContent?: string;
  halfVal?: number[];
  floatVal?: number[];
  doubleVal?: number[];
  intVal?: number[];
  /** base64 strings. */
  stringVal?: string[];
  scomplexVal?: number[];
  int64Val?: (string | number)[];
  boolVal?: boolean[];
  dcomplexVal?: number[];
  uint32Val?: number[];
  uint64Val?: (string | number)[];
  /** DT_FLOAT8_* element bytes, base64. */
  float8Val?: string;
}

/** `seldon.protos.DefaultData`: names plus at most one of tensor / ndarray / tftensor. */
export interface DefaultData {
  names?: string[];
  tensor?: Tensor;
  /** `google.protobuf.ListValue`: any nested JSON array. */
  ndarray?: JsonValue[];
  tftensor?: TfTensor;
}

/** `seldon.protos.Metric.MetricType` names. */
export type MetricType = 'COUNTER' | 'GAUGE' | 'TIMER';

/** `seldon.protos.Metric`. `value` is a 32-bit float on the wire. */
export interface Metric {
  key?: string;
  type?: MetricType;
  value?: number;
  tags?: Record<string, string>;
}

/** `seldon.protos.Meta`. */
export interface Meta {
  puid?: string;
  tags?: JsonObject;
  routing?: Record<string, number>;
  requestPath?: Record<string, string>;
  metrics?: Metric[];
}

/** `seldon.protos.Status.StatusFlag` names. */
export type StatusFlag = 'SUCCESS' | 'FAILURE';

/** `seldon.protos.Status`. */
export interface Status {
  code?: number;
  info?: string;
  reason?: string;
  status?: StatusFlag;
}

/** `google.protobuf.Any` in proto3-JSON form: `@type` plus the message's JSON fields. */
export interface AnyMessage {
  '@type': string;
  [field: string]: JsonValue;
}

/** `seldon.protos.SeldonMessage`: status, meta and at most one data kind. */
export interface SeldonMessage {
  status?: Status;
  meta?: Meta;
  data?: DefaultData;
  /** base64 in JSON. */
  binData?: string;
  strData?: string;
  jsonData?: JsonValue;
  customData?: AnyMessage;
}

/** Which member of the `data_oneof` a SeldonMessage carries. */
export type MessageDataKind = 'data' | 'binData' | 'strData' | 'jsonData' | 'customData';
/** Which member of the DefaultData `data_oneof` is set. */
export type DefaultDataKind = 'tensor' | 'ndarray' | 'tftensor';

/** `seldon.protos.SeldonMessageList` (combiner input). */
export interface SeldonMessageList {
  seldonMessages?: SeldonMessage[];
}

/** `seldon.protos.Feedback`. `reward` is a 32-bit float on the wire. */
export interface Feedback {
  request?: SeldonMessage;
  response?: SeldonMessage;
  reward?: number;
  truth?: SeldonMessage;
}

/** `seldon.protos.RequestResponse` (defined by the reference, unused at run time). */
export interface RequestResponse {
  request?: SeldonMessage;
  response?: SeldonMessage;
}

/** `seldon.protos.SeldonModelMetadataRequest`. */
export interface SeldonModelMetadataRequest {
  name?: string;
}

/**
 * `seldon.protos.SeldonMessageMetadata`: either the v1 form (`messagetype`, `schema`) or the v2
 * tensor form (`name`, `datatype`, `shape`; shape is int64, emitted as strings by proto3-JSON).
 */
export interface SeldonMessageMetadata {
  messagetype?: string;
  schema?: JsonValue;
  name?: string;
  datatype?: string;
  shape?: (string | number)[];
}

/** `seldon.protos.SeldonModelMetadata`. */
export interface SeldonModelMetadata {
  name?: string;
  versions?: string[];
  platform?: string;
  inputs?: SeldonMessageMetadata[];
  outputs?: SeldonMessageMetadata[];
  custom?: Record<string, string>;
}

/** `seldon.protos.SeldonGraphMetadata` (proto/gRPC form; edge lists in `inputs`/`outputs`). */
export interface SeldonGraphMetadata {
  name?: string;
  models?: Record<string, SeldonModelMetadata>;
  inputs?: SeldonMessageMetadata[];
  outputs?: SeldonMessageMetadata[];
}

/**
 * The executor's REST graph-metadata body (`GET /api/v1.0/metadata`): Go JSON with the edge
 * lists under `graphinputs`/`graphoutputs`.
 */
export interface RestGraphMetadata {
  name?: string;
  models?: Record<string, SeldonModelMetadata>;
  graphinputs?: SeldonMessageMetadata[] | null;
  graphoutputs?: SeldonMessageMetadata[] | null;
}

/** The Seldon status error body (01 §6): `{"status":{...}}`. */
export interface SeldonStatusBody {
  status: {
    code: number;
    info: string;
    reason?: string;
    /** `"FAILURE"` in the executor's form, `1` in the Python wrapper's form. */
    status: StatusFlag | 0 | 1;
  };
}

// ---- v2 / Open Inference Protocol (REST JSON shapes) ----

/** v2 tensor datatypes. */
export type V2Datatype =
  | 'BOOL'
  | 'UINT8'
  | 'UINT16'
  | 'UINT32'
  | 'UINT64'
  | 'INT8'
  | 'INT16'
  | 'INT32'
  | 'INT64'
  | 'FP16'
  | 'FP32'
  | 'FP64'
  | 'BYTES';

/** v2 `parameters` object. */
export type V2Parameters = JsonObject;

/** One input tensor of a v2 inference request. `data` is flat (row-major) or nested. */
export interface V2RequestInput {
  name: string;
  shape: number[];
  datatype: V2Datatype | string;
  parameters?: V2Parameters;
  data: JsonValue[];
}

/** A requested output of a v2 inference request. */
export interface V2RequestOutput {
  name: string;
  parameters?: V2Parameters;
}

/** v2 inference request (`POST /v2/models/{model}/infer`). */
export interface V2InferenceRequest {
  id?: string;
  parameters?: V2Parameters;
  inputs: V2RequestInput[];
  outputs?: V2RequestOutput[];
}

/** One output tensor of a v2 inference response. */
export interface V2ResponseOutput {
  name: string;
  shape: number[];
  datatype: V2Datatype | string;
  parameters?: V2Parameters;
  data: JsonValue[];
}

/** v2 inference response. */
export interface V2InferenceResponse {
  model_name: string;
  model_version?: string;
  id?: string;
  parameters?: V2Parameters;
  outputs: V2ResponseOutput[];
}
