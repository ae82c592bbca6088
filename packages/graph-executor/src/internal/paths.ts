import type { GraphProtocol, NodeMethod } from '../graph.js';

/** REST path of a node call (02 §6.2). */
export function restPath(protocol: GraphProtocol, method: NodeMethod, modelName: string): string {
  if (protocol === 'seldon') {
    switch (method) {
      case 'predict':
        return '/predict';
      case 'transform-input':
        return '/transform-input';
      case 'transform-output':
        return '/transform-output';
      case 'route':
        return '/route';
      case 'aggregate':
        return '/aggregate';
      case 'send-feedback':
        return '/send-feedback';
      case 'status':
        return '/health/status';
      case 'metadata':
        return '/metadata';
    }
  }
  const m = encodeURIComponent(modelName);
  if (protocol === 'tensorflow') {
    switch (method) {
      case 'predict':
      case 'transform-input':
      case 'transform-output':
        return `/v1/models/${m}:predict`;
      case 'route':
        return `/v1/models/${m}:route`;
      case 'aggregate':
        return `/v1/models/${m}:aggregate`;
      case 'send-feedback':
        return `/v1/models/${m}:feedback`;
      case 'status':
        return `/v1/models/${m}`;
      case 'metadata':
        return `/v1/models/${m}/metadata`;
    }
  }
  switch (method) {
    case 'predict':
    case 'transform-input':
    case 'transform-output':
      return `/v2/models/${m}/infer`;
    case 'route':
      return `/v2/models/${m}/route`;
    case 'aggregate':
      return `/v2/models/${m}/aggregate`;
    case 'send-feedback':
      return `/v2/models/${m}/feedback`;
    case 'status':
      return `/v2/models/${m}/ready`;
    case 'metadata':
      return `/v2/models/${m}`;
  }
}

/** gRPC method of a node call with the Seldon protocol (01 §1.2); undefined when there is none. */
export function grpcMethod(method: NodeMethod): string | undefined {
  switch (method) {
    case 'predict':
      return '/seldon.protos.Model/Predict';
    case 'transform-input':
      return '/seldon.protos.Transformer/TransformInput';
    case 'transform-output':
      return '/seldon.protos.OutputTransformer/TransformOutput';
    case 'route':
      return '/seldon.protos.Router/Route';
    case 'aggregate':
      return '/seldon.protos.Combiner/Aggregate';
    case 'send-feedback':
      return '/seldon.protos.Model/SendFeedback';
    case 'metadata':
      return '/seldon.protos.Model/Metadata';
    case 'status':
      return undefined;
  }
}

/** gRPC method of a node call with the v2 protocol; routers, combiners and feedback have none (as the reference). */
export function v2GrpcMethod(method: NodeMethod): string | undefined {
  switch (method) {
    case 'predict':
    case 'transform-input':
    case 'transform-output':
      return '/inference.GRPCInferenceService/ModelInfer';
    case 'status':
      return '/inference.GRPCInferenceService/ModelReady';
    case 'metadata':
      return '/inference.GRPCInferenceService/ModelMetadata';
    default:
      return undefined;
  }
}

/**
 * TensorFlow Serving requests that a payload call can carry, by protobuf message name, and the
 * PredictionService RPC taking each. A payload says which one it holds with the `messageType`
 * parameter of its content type (`application/protobuf; messageType=tensorflow.serving.ClassificationRequest`);
 * without it a tensorflow payload is a PredictRequest. Classify, Regress and MultiInference
 * requests share their field layout, so the bytes alone cannot tell them apart.
 */
export const TF_RPC_BY_REQUEST: Readonly<Record<string, string>> = Object.freeze({
  'tensorflow.serving.PredictRequest': 'Predict',
  'tensorflow.serving.ClassificationRequest': 'Classify',
  'tensorflow.serving.RegressionRequest': 'Regress',
  'tensorflow.serving.MultiInferenceRequest': 'MultiInference',
});

/** The `messageType` parameter of a content type, unquoted; undefined when absent. */
export function protobufMessageType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  for (const param of contentType.split(';').slice(1)) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'messagetype') continue;
    return param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * gRPC method of a node call with the tensorflow protocol (routers and combiners have none, as the
 * reference). Payload calls go to the RPC of the request message the payload holds (see
 * {@link TF_RPC_BY_REQUEST}); undefined for a message type no RPC takes.
 */
export function tfGrpcMethod(method: NodeMethod, payloadContentType?: string): string | undefined {
  switch (method) {
    case 'predict':
    case 'transform-input':
    case 'transform-output': {
      const messageType = protobufMessageType(payloadContentType);
      if (messageType === undefined) return '/tensorflow.serving.PredictionService/Predict';
      const rpc = TF_RPC_BY_REQUEST[messageType];
      return rpc === undefined ? undefined : `/tensorflow.serving.PredictionService/${rpc}`;
    }
    case 'status':
      return '/tensorflow.serving.ModelService/GetModelStatus';
    case 'metadata':
      return '/tensorflow.serving.PredictionService/GetModelMetadata';
    default:
      return undefined;
  }
}

/** gRPC method of a node call for a protocol; `payloadContentType` picks among tensorflow RPCs. */
export function grpcMethodFor(
  protocol: GraphProtocol,
  method: NodeMethod,
  payloadContentType?: string,
): string | undefined {
  return protocol === 'v2'
    ? v2GrpcMethod(method)
    : protocol === 'tensorflow'
      ? tfGrpcMethod(method, payloadContentType)
      : grpcMethod(method);
}

/** In-process method name (the model-wrapper runtime's). */
export function inProcessMethod(method: NodeMethod): string {
  switch (method) {
    case 'predict':
      return 'predict';
    case 'transform-input':
      return 'transformInput';
    case 'transform-output':
      return 'transformOutput';
    case 'route':
      return 'route';
    case 'aggregate':
      return 'aggregate';
    case 'send-feedback':
      return 'sendFeedback';
    case 'status':
      return 'health';
    case 'metadata':
      return 'metadata';
  }
}

/** Headers never forwarded to nodes: hop-by-hop, framing, and ones the client sets itself. */
export const NOT_FORWARDED = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'host',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
  'proxy-authorization',
  'accept-encoding',
  'http2-settings',
  'seldon-puid',
]);
