// Helpers of the TensorFlow Serving gRPC front door (protocol tensorflow): PredictionService
// Predict, Classify, Regress, MultiInference and GetModelMetadata, ModelService GetModelStatus.
// Messages stay protobuf bytes end to end, so no TensorFlow proto definitions are needed: only
// `model_spec.name` (field 1 → field 1 of the metadata and status requests) is read, to name the
// node; the graph RPCs are told apart by the payload's content type (TF_GRAPH_RPCS).
import { EXECUTOR_IMPLEMENTATIONS } from '@seldon-ts/crd-types/constants';
import { protoFields, type ProtoField } from '@seldon-ts/payload';
import { EngineError } from '../errors.js';

export const TF_PREDICTION_SERVICE = '/tensorflow.serving.PredictionService/';
export const TF_MODEL_SERVICE = '/tensorflow.serving.ModelService/';

/** The first length-delimited field `num` of the message in `buf[start, end)`. */
function firstMessageField(buf: Uint8Array, num: number, start: number, end: number): ProtoField | undefined {
  for (const field of protoFields(buf, start, end)) if (field.num === num && field.wire === 2) return field;
  return undefined;
}

/**
 * `model_spec.name` of a PredictRequest, GetModelMetadataRequest or GetModelStatusRequest (all carry
 * ModelSpec as field 1); '' when absent. `rpc` names the request in the error of a malformed one.
 */
export function tfModelSpecName(request: Uint8Array, rpc: string): string {
  try {
    const spec = firstMessageField(request, 1, 0, request.length);
    if (!spec) return '';
    const name = firstMessageField(request, 1, spec.start, spec.end);
    return name
      ? new TextDecoder('utf-8', { fatal: true }).decode(request.subarray(name.start, name.end))
      : '';
  } catch (err) {
    throw new EngineError(
      'SC_ERR_ENGINE_BAD_REQUEST',
      `${rpc} request is not a valid protobuf message (model_spec): ${(err as Error).message}`,
    );
  }
}

/** The node a metadata/status request names; an empty name is the client's error. */
export function tfRequiredModelName(request: Uint8Array, rpc: string): string {
  const name = tfModelSpecName(request, rpc);
  if (name === '')
    throw new EngineError(
      'SC_ERR_ENGINE_BAD_REQUEST',
      `${rpc} request: model_spec.name is empty; name a node of the graph`,
    );
  return name;
}

/**
 * The PredictionService RPCs that run the graph, with the request message each carries. The
 * payload's content type names that message, which is how the graph executor's gRPC node client
 * calls the node's same-named RPC (a Classify, Regress and MultiInference request have the same
 * field layout, so the bytes alone cannot tell them apart).
 */
export const TF_GRAPH_RPCS = {
  Predict: 'tensorflow.serving.PredictRequest',
  Classify: 'tensorflow.serving.ClassificationRequest',
  Regress: 'tensorflow.serving.RegressionRequest',
  MultiInference: 'tensorflow.serving.MultiInferenceRequest',
} as const;

export type TfGraphRpc = keyof typeof TF_GRAPH_RPCS;

/** Content type of a graph payload holding the request of `rpc`. */
export function tfRequestContentType(rpc: TfGraphRpc): string {
  return `application/protobuf; messageType=${TF_GRAPH_RPCS[rpc]}`;
}

/** The graph's built-in implementations: they make no remote call. */
const BUILT_INS: ReadonlySet<string> = new Set(EXECUTOR_IMPLEMENTATIONS);

/** Graph shape needed here; PredictiveUnit fits. */
export interface TfGraphNode {
  readonly name: string;
  readonly type?: string | null;
  readonly implementation?: string | null;
  readonly methods?: readonly string[] | null;
  readonly children?: readonly TfGraphNode[] | null;
}

/**
 * How many node calls happen one after the other on the longest path of the graph, each taking
 * the previous call's answer (transform-input or predict, the children, aggregate, transform-output).
 * Siblings run side by side on the same input, so only the longest child counts.
 */
export function sequentialCalls(node: TfGraphNode): number {
  const remote = !(node.implementation && BUILT_INS.has(node.implementation));
  const methods = new Set(node.methods ?? []);
  const children = node.children ?? [];
  let calls = 0;
  if (remote && (node.type === 'TRANSFORMER' || node.type === 'MODEL' || methods.has('TRANSFORM_INPUT')))
    calls++;
  if (children.length > 0) {
    calls += Math.max(...children.map(sequentialCalls));
    if (remote && (node.type === 'COMBINER' || methods.has('AGGREGATE'))) calls++;
  }
  if (remote && (node.type === 'OUTPUT_TRANSFORMER' || methods.has('TRANSFORM_OUTPUT'))) calls++;
  return calls;
}

/**
 * Classify, Regress and MultiInference answers cannot be chained into a next node's request (only a
 * PredictResponse becomes a PredictRequest), so these RPCs need a graph that passes the request to
 * one node call at a time. The reference fails at the second node ("Invalid type"); this refuses
 * before any node is called.
 */
export function checkSingleHop(graph: TfGraphNode, rpc: TfGraphRpc): void {
  if (rpc === 'Predict') return;
  const calls = sequentialCalls(graph);
  if (calls > 1)
    throw new EngineError(
      'SC_ERR_ENGINE_TF_NOT_CHAINABLE',
      `${rpc}: graph ${graph.name} passes each request through ${calls} node calls in a row, but a ${TF_GRAPH_RPCS[rpc].replace('Request', 'Response')} cannot be chained into the next node's request; use Predict, or a graph of one node per path`,
    );
}
