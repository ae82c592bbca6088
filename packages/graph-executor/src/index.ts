/**
 * @seldon-ts/graph-executor — Seldon Core v1's inference-graph engine (the executor's graph
 * algorithm) as an embeddable library: transformers, routers, combiners and models reached over
 * REST, gRPC or in-process, one transport per node, with deadlines, a per-executor observer and
 * `node:diagnostics_channel` events. The core talks to nodes through the {@link NodeClient}
 * interface only; the app hands it the clients (`./rest`, `./grpc` subpaths, or its own).
 *
 * ```ts
 * import { RestNodeClient } from '@seldon-ts/graph-executor/rest';
 * const rest = new RestNodeClient();
 * const executor = new GraphExecutor({ graph: predictor.graph, predictorName: predictor.name, clients: { rest } });
 * const { payload, puid } = await executor.predict(GraphPayload.fromBytes(body, 'application/json'), { headers });
 * ```
 */

// The executor.
export { GraphExecutor } from './graph-executor.js';
export type {
  GraphExecutorInit,
  GraphExecutorOptions,
  NodeBinding,
  NodeClients,
  NodeTransport,
  RequestContext,
  GraphResponse,
  GraphStatus,
} from './graph-executor.js';

/** The implementations the executor runs itself (SIMPLE_MODEL, SIMPLE_ROUTER, RANDOM_ABTEST, AVERAGE_COMBINER). */
export { EXECUTOR_BUILT_INS } from './internal/compile.js';

// Cancellation of an operation without an AbortSignal per request.
export { Cancellation } from './cancellation.js';

// Graph types (structural; PredictiveUnit from @seldon-ts/crd-types fits).
export type {
  GraphNodeSpec,
  GraphNodeEndpoint,
  GraphNodeParameter,
  NodeMethod,
  GraphProtocol,
  GraphMetadata,
  ModelMetadata,
} from './graph.js';

// Payloads as bytes, decoded lazily.
export {
  GraphPayload,
  JSON_CONTENT_TYPE,
  PROTOBUF_CONTENT_TYPE,
  isJsonContentType,
  isProtobufContentType,
} from './payload.js';
export type { PayloadFormat } from './payload.js';

// Node clients: the interface and the socket-free in-process client. The REST and gRPC clients
// are the subpath exports `./rest` and `./grpc`, so that importing the core loads neither undici
// nor @grpc/grpc-js.
export type { NodeClient, NodeCall, HeaderMap, ReadyCheckOptions } from './node-client/node-client.js';
export { combinerJsonBody } from './node-client/node-client.js';
export { InProcessNodeClient } from './node-client/in-process.js';
export type { InProcessComponent, InProcessNodeClientOptions } from './node-client/in-process.js';

// Errors.
export { GraphError, isGraphError, graphErrors } from './errors.js';
export type { GraphErrorCode, GraphErrorSpec, GraphErrorOptions } from './errors.js';

// Diagnostics channels.
export { diagnosticsChannels } from './diagnostics.js';
export type {
  GraphOperation,
  GraphStartMessage,
  GraphEndMessage,
  GraphErrorMessage,
  NodeStartMessage,
  NodeEndMessage,
  NodeErrorMessage,
  PayloadLogMessage,
  GraphObserver,
  NodeStartResult,
  NodeCallEvent,
  NodeCallEndEvent,
  NodeCallErrorEvent,
} from './diagnostics.js';
