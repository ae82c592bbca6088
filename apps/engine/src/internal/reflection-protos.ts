// The .proto sources the engine's gRPC server reflection describes and @seldon-ts/payload does not
// ship: grpc.health.v1 and the TensorFlow Serving APIs of protocol tensorflow. Package, message,
// field names and numbers are those of grpc/grpc and tensorflow/serving (wire-compatible);
// only what the engine serves is kept:
// - PredictRequest leaves out the streaming-only fields (predict_streamed_options, client_id,
//   request_options; numbers 5-7), TensorInfo its composite_tensor (5, which needs TypeSpecProto).
// - ModelService lists GetModelStatus only: HandleReloadConfigRequest (answered UNIMPLEMENTED by the
//   engine) would pull in the whole model server config, ListModelNames is not served.
// Messages of tensorflow/core/framework (TensorProto, TensorShapeProto, DataType) come from the
// payload package's proto directory.

/** A .proto file: proto3, its package, the files it imports and its declarations. */
interface ProtoSource {
  package: string;
  imports?: readonly string[];
  body: string;
}

/** The sources by the names other files import them with. */
const SOURCES: Readonly<Record<string, ProtoSource>> = {
  'grpc/health/v1/health.proto': {
    package: 'grpc.health.v1',
    body: `
message HealthCheckRequest {
  string service = 1;
}

message HealthCheckResponse {
  enum ServingStatus {
    UNKNOWN = 0;
    SERVING = 1;
    NOT_SERVING = 2;
    SERVICE_UNKNOWN = 3;
  }
  ServingStatus status = 1;
}

service Health {
  rpc Check(HealthCheckRequest) returns (HealthCheckResponse);
  rpc Watch(HealthCheckRequest) returns (stream HealthCheckResponse);
}
`,
  },
  'tensorflow/core/example/feature.proto': {
    package: 'tensorflow',
    body: `
message BytesList {
  repeated bytes value = 1;
}

message FloatList {
  repeated float value = 1 [packed = true];
}

message Int64List {
  repeated int64 value = 1 [packed = true];
}

message Feature {
  oneof kind {
    BytesList bytes_list = 1;
    FloatList float_list = 2;
    Int64List int64_list = 3;
  }
}

message Features {
  map<string, Feature> feature = 1;
}
`,
  },
  'tensorflow/core/example/example.proto': {
    package: 'tensorflow',
    imports: ['tensorflow/core/example/feature.proto'],
    body: `
message Example {
  Features features = 1;
}
`,
  },
  'tensorflow/core/protobuf/meta_graph.proto': {
    package: 'tensorflow',
    imports: [
      'tensorflow/core/framework/tensor.proto',
      'tensorflow/core/framework/tensor_shape.proto',
      'tensorflow/core/framework/types.proto',
    ],
    body: `
message TensorInfo {
  message CooSparse {
    string values_tensor_name = 1;
    string indices_tensor_name = 2;
    string dense_shape_tensor_name = 3;
  }
  oneof encoding {
    string name = 1;
    CooSparse coo_sparse = 4;
  }
  DataType dtype = 2;
  TensorShapeProto tensor_shape = 3;
}

message SignatureDef {
  map<string, TensorInfo> inputs = 1;
  map<string, TensorInfo> outputs = 2;
  string method_name = 3;
  map<string, TensorProto> defaults = 4;
}
`,
  },
  'tensorflow/core/protobuf/error_codes.proto': {
    package: 'tensorflow.error',
    body: `
enum Code {
  OK = 0;
  CANCELLED = 1;
  UNKNOWN = 2;
  INVALID_ARGUMENT = 3;
  DEADLINE_EXCEEDED = 4;
  NOT_FOUND = 5;
  ALREADY_EXISTS = 6;
  PERMISSION_DENIED = 7;
  UNAUTHENTICATED = 16;
  RESOURCE_EXHAUSTED = 8;
  FAILED_PRECONDITION = 9;
  ABORTED = 10;
  OUT_OF_RANGE = 11;
  UNIMPLEMENTED = 12;
  INTERNAL = 13;
  UNAVAILABLE = 14;
  DATA_LOSS = 15;
  DO_NOT_USE_RESERVED_FOR_FUTURE_EXPANSION_USE_DEFAULT_IN_SWITCH_INSTEAD_ = 20;
}
`,
  },
  'tensorflow_serving/apis/model.proto': {
    package: 'tensorflow.serving',
    imports: ['google/protobuf/wrappers.proto'],
    body: `
message ModelSpec {
  string name = 1;
  oneof version_choice {
    google.protobuf.Int64Value version = 2;
    string version_label = 4;
  }
  string signature_name = 3;
}
`,
  },
  'tensorflow_serving/apis/predict.proto': {
    package: 'tensorflow.serving',
    imports: ['tensorflow/core/framework/tensor.proto', 'tensorflow_serving/apis/model.proto'],
    body: `
message PredictRequest {
  ModelSpec model_spec = 1;
  map<string, TensorProto> inputs = 2;
  repeated string output_filter = 3;
  reserved 4;
}

message PredictResponse {
  ModelSpec model_spec = 2;
  map<string, TensorProto> outputs = 1;
}
`,
  },
  'tensorflow_serving/apis/input.proto': {
    package: 'tensorflow.serving',
    imports: ['tensorflow/core/example/example.proto'],
    body: `
message ExampleList {
  repeated tensorflow.Example examples = 1;
}

message ExampleListWithContext {
  repeated tensorflow.Example examples = 1;
  tensorflow.Example context = 2;
}

message Input {
  oneof kind {
    ExampleList example_list = 1;
    ExampleListWithContext example_list_with_context = 2;
  }
}
`,
  },
  'tensorflow_serving/apis/classification.proto': {
    package: 'tensorflow.serving',
    imports: ['tensorflow_serving/apis/input.proto', 'tensorflow_serving/apis/model.proto'],
    body: `
message Class {
  string label = 1;
  float score = 2;
}

message Classifications {
  repeated Class classes = 1;
}

message ClassificationResult {
  repeated Classifications classifications = 1;
}

message ClassificationRequest {
  ModelSpec model_spec = 1;
  tensorflow.serving.Input input = 2;
}

message ClassificationResponse {
  ModelSpec model_spec = 2;
  ClassificationResult result = 1;
}
`,
  },
  'tensorflow_serving/apis/regression.proto': {
    package: 'tensorflow.serving',
    imports: ['tensorflow_serving/apis/input.proto', 'tensorflow_serving/apis/model.proto'],
    body: `
message Regression {
  float value = 1;
}

message RegressionResult {
  repeated Regression regressions = 1;
}

message RegressionRequest {
  ModelSpec model_spec = 1;
  tensorflow.serving.Input input = 2;
}

message RegressionResponse {
  ModelSpec model_spec = 2;
  RegressionResult result = 1;
}
`,
  },
  'tensorflow_serving/apis/inference.proto': {
    package: 'tensorflow.serving',
    imports: [
      'tensorflow_serving/apis/classification.proto',
      'tensorflow_serving/apis/input.proto',
      'tensorflow_serving/apis/model.proto',
      'tensorflow_serving/apis/regression.proto',
    ],
    body: `
message InferenceTask {
  ModelSpec model_spec = 1;
  string method_name = 2;
}

message InferenceResult {
  ModelSpec model_spec = 1;
  oneof result {
    ClassificationResult classification_result = 2;
    RegressionResult regression_result = 3;
  }
}

message MultiInferenceRequest {
  repeated InferenceTask tasks = 1;
  Input input = 2;
}

message MultiInferenceResponse {
  repeated InferenceResult results = 1;
}
`,
  },
  'tensorflow_serving/apis/get_model_metadata.proto': {
    package: 'tensorflow.serving',
    imports: [
      'google/protobuf/any.proto',
      'tensorflow/core/protobuf/meta_graph.proto',
      'tensorflow_serving/apis/model.proto',
    ],
    body: `
message SignatureDefMap {
  map<string, SignatureDef> signature_def = 1;
}

message GetModelMetadataRequest {
  ModelSpec model_spec = 1;
  repeated string metadata_field = 2;
}

message GetModelMetadataResponse {
  ModelSpec model_spec = 1;
  map<string, google.protobuf.Any> metadata = 2;
}
`,
  },
  'tensorflow_serving/apis/prediction_service.proto': {
    package: 'tensorflow.serving',
    imports: [
      'tensorflow_serving/apis/classification.proto',
      'tensorflow_serving/apis/get_model_metadata.proto',
      'tensorflow_serving/apis/inference.proto',
      'tensorflow_serving/apis/predict.proto',
      'tensorflow_serving/apis/regression.proto',
    ],
    body: `
service PredictionService {
  rpc Classify(ClassificationRequest) returns (ClassificationResponse);
  rpc Regress(RegressionRequest) returns (RegressionResponse);
  rpc Predict(PredictRequest) returns (PredictResponse);
  rpc MultiInference(MultiInferenceRequest) returns (MultiInferenceResponse);
  rpc GetModelMetadata(GetModelMetadataRequest) returns (GetModelMetadataResponse);
}
`,
  },
  'tensorflow_serving/util/status.proto': {
    package: 'tensorflow.serving',
    imports: ['tensorflow/core/protobuf/error_codes.proto'],
    body: `
message StatusProto {
  error.Code error_code = 1;
  string error_message = 2;
}
`,
  },
  'tensorflow_serving/apis/get_model_status.proto': {
    package: 'tensorflow.serving',
    imports: ['tensorflow_serving/apis/model.proto', 'tensorflow_serving/util/status.proto'],
    body: `
message GetModelStatusRequest {
  ModelSpec model_spec = 1;
}

message ModelVersionStatus {
  int64 version = 1;
  enum State {
    UNKNOWN = 0;
    START = 10;
    LOADING = 20;
    AVAILABLE = 30;
    UNLOADING = 40;
    END = 50;
  }
  State state = 2;
  StatusProto status = 3;
}

message GetModelStatusResponse {
  repeated ModelVersionStatus model_version_status = 1;
}
`,
  },
  'tensorflow_serving/apis/model_service.proto': {
    package: 'tensorflow.serving',
    imports: ['tensorflow_serving/apis/get_model_status.proto'],
    body: `
service ModelService {
  rpc GetModelStatus(GetModelStatusRequest) returns (GetModelStatusResponse);
}
`,
  },
};

/**
 * The .proto text of a source. Its import lines are made here rather than written out in this
 * module, where tests/pack.test.ts's scan of dist/ for import statements would take them for ones.
 */
function render(source: ProtoSource): string {
  const imports = (source.imports ?? []).map((file) => `import "${file}";`);
  return ['syntax = "proto3";', `package ${source.package};`, ...imports, source.body].join('\n');
}

/** File name → proto source text. */
export const EMBEDDED_PROTOS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SOURCES).map(([name, source]) => [name, render(source)]),
);
