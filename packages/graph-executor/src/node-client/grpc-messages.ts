// What a gRPC node call sends and how its answer is labelled. Payloads are already protobuf bytes,
// so nothing is decoded: the request is the payload itself, or a small message built on the wire
// (a SeldonMessageList around the children's bytes, a name request), and the answer's bytes are
// passed on as they came.
import type { NodeCall } from './node-client.js';
import { GraphPayload, PROTOBUF_CONTENT_TYPE } from '../payload.js';
import type { GraphProtocol } from '../graph.js';
import { modelSpec, nameRequest, seldonMessageList, tfMetadataRequest } from '../internal/protowire.js';

/** The request message of `call` (protobuf bytes). */
export function requestMessage(call: NodeCall): Uint8Array {
  switch (call.method) {
    case 'aggregate':
      return seldonMessageList(call.payloads!.map((p) => p.bytes()));
    case 'metadata':
      return metadataRequest(call.protocol, call.modelName);
    case 'status':
      return call.protocol === 'tensorflow' ? modelSpec(call.modelName) : nameRequest(call.modelName);
    default:
      return call.payload!.bytes();
  }
}

function metadataRequest(protocol: GraphProtocol, modelName: string): Uint8Array {
  if (protocol === 'v2') return nameRequest(modelName);
  if (protocol === 'tensorflow') return tfMetadataRequest(modelName);
  return new Uint8Array(0);
}

/**
 * The answer as a payload. Answers of the tensorflow RPCs other than Predict name their message in
 * the content type (as requests do, see TF_RPC_BY_REQUEST), so whoever reads them on knows they
 * are not a PredictResponse.
 */
export function answerPayload(message: Uint8Array, path: string): GraphPayload {
  const rpc = TF_ANSWER_BY_PATH.get(path);
  return rpc === undefined
    ? GraphPayload.fromProtobuf(message)
    : GraphPayload.fromBytes(message, `${PROTOBUF_CONTENT_TYPE}; messageType=${rpc}`);
}

const TF_ANSWER_BY_PATH = new Map([
  ['/tensorflow.serving.PredictionService/Classify', 'tensorflow.serving.ClassificationResponse'],
  ['/tensorflow.serving.PredictionService/Regress', 'tensorflow.serving.RegressionResponse'],
  ['/tensorflow.serving.PredictionService/MultiInference', 'tensorflow.serving.MultiInferenceResponse'],
]);
