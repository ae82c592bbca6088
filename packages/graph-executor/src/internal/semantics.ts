import { decodeContentEncoding, isIdentityEncoding, isPayloadError } from '@seldon-ts/payload/json';
import { GraphPayload } from '../payload.js';
import type { PayloadFormat } from '../payload.js';
import { GraphError } from '../errors.js';
import type { GraphProtocol, ModelMetadata } from '../graph.js';
import {
  setRouting,
  routeFromSeldonMessage,
  routingFromFeedback,
  tfResponseToRequest,
  v2FillModelName,
  v2ResponseToRequest,
} from './protowire.js';
import { objectToProto, protoToJsonText, protoToObject } from './codec.js';
import type { MessageKind } from './codec.js';

/** Brings a payload into the format a client wants, converting only when the format differs. */
export function convertPayload(
  payload: GraphPayload,
  format: Exclude<PayloadFormat, 'other'>,
  kind: MessageKind,
  nodeName: string,
  protocol: GraphProtocol = 'seldon',
): GraphPayload {
  const needed = format === 'protobuf' ? !payload.isProtobuf : payload.isProtobuf;
  if (needed && protocol !== 'seldon') {
    throw new GraphError(
      'SC_ERR_GRAPH_UNSUPPORTED',
      `a ${protocol} payload cannot change transport (JSON ⇄ protobuf) at node ${nodeName}; bind the graph's nodes to one transport`,
      { nodeName },
    );
  }
  if (format === 'protobuf') {
    if (payload.isProtobuf) return payload;
    return GraphPayload.fromProtobuf(objectToProto(kind, payload.object(), nodeName));
  }
  if (!payload.isProtobuf) return payload;
  if (format === 'json') return GraphPayload.fromJsonText(protoToJsonText(kind, payload.bytes(), nodeName));
  return GraphPayload.fromObject(protoToObject(kind, payload.bytes(), nodeName));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badRoute(nodeName: string, detail: string, cause?: unknown): GraphError {
  return new GraphError('SC_ERR_GRAPH_BAD_ROUTE', `router ${nodeName} answered an invalid route: ${detail}`, {
    nodeName,
    cause,
  });
}

function routeNumber(value: unknown, nodeName: string, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw badRoute(nodeName, `${where} is ${JSON.stringify(value)}, not a number`);
  // The reference converts the float64 it reads to int (truncation).
  return Math.trunc(value);
}

const SELDON_MESSAGE_KEYS = new Set([
  'status',
  'meta',
  'data',
  'binData',
  'strData',
  'jsonData',
  'customData',
]);
const DEFAULT_DATA_KEYS = new Set(['names', 'tensor', 'ndarray', 'tftensor']);

/** The route in a router's answer (01 §4.3). */
export function readRoute(answer: GraphPayload, nodeName: string): number {
  if (answer.isProtobuf) {
    let route: number | undefined;
    try {
      route = routeFromSeldonMessage(answer.bytes());
    } catch (err) {
      throw badRoute(nodeName, `not a SeldonMessage (${(err as Error).message})`, err);
    }
    if (route === undefined) throw badRoute(nodeName, 'the data holds no number');
    return routeNumber(route, nodeName, 'the route');
  }
  let value: unknown;
  try {
    value = answer.object();
  } catch (err) {
    throw badRoute(nodeName, 'the body is not JSON', err);
  }
  if (Array.isArray(value)) {
    // The reference decodes a bare array as []int: every element must be an integer.
    if (value.length === 0) throw badRoute(nodeName, 'empty array');
    if (!value.every((v) => Number.isInteger(v)))
      throw badRoute(nodeName, 'a bare route array must hold integers');
    return value[0] as number;
  }
  if (!isPlainObject(value)) throw badRoute(nodeName, 'expected a SeldonMessage or an array of integers');
  // The reference parses the answer strictly as a SeldonMessage: unknown fields make it no route at
  // all rather than "no data" (which would silently mean "all children").
  const unknown = Object.keys(value).find((k) => !SELDON_MESSAGE_KEYS.has(k));
  if (unknown !== undefined)
    throw badRoute(nodeName, `unknown SeldonMessage field ${JSON.stringify(unknown)}`);
  const data = value.data;
  if (data === undefined || data === null) return -1;
  if (!isPlainObject(data)) throw badRoute(nodeName, 'data is not an object');
  const unknownData = Object.keys(data).find((k) => !DEFAULT_DATA_KEYS.has(k));
  if (unknownData !== undefined)
    throw badRoute(nodeName, `unknown data field ${JSON.stringify(unknownData)}`);
  if (Array.isArray(data.ndarray)) {
    let first: unknown = data.ndarray[0];
    if (Array.isArray(first)) first = first[0];
    return routeNumber(first, nodeName, 'data.ndarray[0]');
  }
  if (isPlainObject(data.tensor)) {
    const values = data.tensor.values as ArrayLike<unknown> | undefined;
    return routeNumber(values?.[0], nodeName, 'data.tensor.values[0]');
  }
  if (isPlainObject(data.tftensor)) {
    const intVal = data.tftensor.intVal as unknown[] | undefined;
    return routeNumber(intVal?.[0], nodeName, 'data.tftensor.intVal[0]');
  }
  return -1;
}

/** Writes the routing map into `meta.routing` when the answer has a `meta` object; otherwise unchanged (02 §7 step 5). */
export function injectRouting(response: GraphPayload, routing: ReadonlyMap<string, number>): GraphPayload {
  if (routing.size === 0) return response;
  try {
    if (response.isProtobuf) return GraphPayload.fromProtobuf(setRouting(response.bytes(), routing));
    const value = response.object();
    if (!isPlainObject(value) || !isPlainObject(value.meta)) return response;
    return GraphPayload.fromObject({
      ...value,
      meta: { ...value.meta, routing: Object.fromEntries(routing) },
    });
  } catch {
    return response;
  }
}

/** `response.meta.routing` of a Feedback; undefined when absent or unreadable (→ all children). */
export function feedbackRouting(feedback: GraphPayload): Map<string, number> | undefined {
  try {
    if (feedback.isProtobuf) return routingFromFeedback(feedback.bytes());
    const value = feedback.object();
    if (!isPlainObject(value) || !isPlainObject(value.response)) return undefined;
    const meta = value.response.meta;
    if (!isPlainObject(meta) || !isPlainObject(meta.routing)) return undefined;
    const routing = new Map<string, number>();
    for (const [name, route] of Object.entries(meta.routing))
      if (typeof route === 'number') routing.set(name, Math.trunc(route));
    return routing;
  } catch (err) {
    if (isPayloadError(err) || err instanceof GraphError) return undefined;
    throw err;
  }
}

/** tensorflow/v2 REST chaining: rename the response key so it can be the next request (02 §6.4). */
/**
 * The request a v2/tensorflow node gets from the payload before it: the previous node's answer
 * renamed (`outputs` -> `inputs`, `predictions` -> `instances`). A content-encoded body is decoded
 * off the event loop and at most `maxBytes` long (SC_ERR_GRAPH_DECODED_TOO_LARGE past it).
 */
export function chainPayload(
  protocol: GraphProtocol,
  payload: GraphPayload,
  nodeName: string,
  maxBytes: number,
): GraphPayload | Promise<GraphPayload> {
  if (protocol === 'seldon' || payload.isProtobuf) return payload;
  if (isIdentityEncoding(payload.contentEncoding)) {
    let value: unknown;
    try {
      value = payload.object();
    } catch (err) {
      throw Object.assign(chainingFailure(protocol, nodeName), { cause: err });
    }
    return chainValue(protocol, payload, value, nodeName);
  }
  const encoding = payload.contentEncoding!;
  return decodeContentEncoding(payload.bytes(), encoding, maxBytes, `the input of node "${nodeName}"`).then(
    (bytes) => {
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
      } catch (err) {
        throw Object.assign(chainingFailure(protocol, nodeName), { cause: err });
      }
      return chainValue(protocol, payload, value, nodeName);
    },
    (err: Error & { code?: string }) => {
      if (err.code === 'SC_ERR_PAYLOAD_TOO_LARGE')
        throw new GraphError(
          'SC_ERR_GRAPH_DECODED_TOO_LARGE',
          `${err.message.replace(/ \(at \$\)$/, '')} (maxMessageBytes)`,
          {
            nodeName,
            cause: err,
          },
        );
      throw Object.assign(chainingFailure(protocol, nodeName), { cause: err });
    },
  );
}

function chainingFailure(protocol: GraphProtocol, nodeName: string): GraphError {
  return new GraphError(
    'SC_ERR_GRAPH_CHAINING_FAILED',
    `Failed to convert ${protocol === 'tensorflow' ? 'tensorflow' : 'kfserving'} response so it could be chained to new input`,
    { nodeName },
  );
}

/** Renames the previous answer's output field to the request's input field, or keeps a request as it is. */
function chainValue(
  protocol: GraphProtocol,
  payload: GraphPayload,
  value: unknown,
  nodeName: string,
): GraphPayload {
  const [ok, renameFrom, renameTo] =
    protocol === 'tensorflow'
      ? [['instances', 'inputs'], 'predictions', 'instances']
      : [['inputs'], 'outputs', 'inputs'];
  if (!isPlainObject(value)) throw chainingFailure(protocol, nodeName);
  if (ok.some((k) => k in value)) return payload;
  if (renameFrom in value) {
    const renamed: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) renamed[k === renameFrom ? renameTo : k] = v;
    return GraphPayload.fromObject(renamed);
  }
  throw chainingFailure(protocol, nodeName);
}

/**
 * v2 gRPC chaining (02 §6.4): a node's ModelInferResponse becomes a ModelInferRequest for
 * `modelName`; a client request gets its empty model_name filled.
 */
export function chainV2Protobuf(
  payload: GraphPayload,
  modelName: string,
  isNodeAnswer: boolean,
  nodeName: string,
): GraphPayload {
  try {
    const bytes = payload.bytes();
    return GraphPayload.fromProtobuf(
      isNodeAnswer ? v2ResponseToRequest(bytes, modelName) : v2FillModelName(bytes, modelName),
    );
  } catch (err) {
    throw new GraphError(
      'SC_ERR_GRAPH_CHAINING_FAILED',
      'Failed to convert kfserving response so it could be chained to new input',
      { nodeName, cause: err },
    );
  }
}

/** tensorflow gRPC chaining: a node's PredictResponse becomes a PredictRequest for `modelName`. */
export function chainTfProtobuf(
  payload: GraphPayload,
  modelName: string,
  isNodeAnswer: boolean,
  nodeName: string,
): GraphPayload {
  if (!isNodeAnswer) return payload;
  try {
    return GraphPayload.fromProtobuf(tfResponseToRequest(payload.bytes(), modelName));
  } catch (err) {
    throw new GraphError(
      'SC_ERR_GRAPH_CHAINING_FAILED',
      'Failed to convert tensorflow response so it could be chained to new input',
      { nodeName, cause: err },
    );
  }
}

/** A node's metadata answer as the graph metadata document holds it (empty fields omitted). */
export function modelMetadataOf(answer: GraphPayload, nodeName: string): ModelMetadata {
  let value: unknown;
  try {
    value = answer.isProtobuf ? protoToObject('metadata', answer.bytes(), nodeName) : answer.object();
  } catch (err) {
    if (err instanceof GraphError && err.code === 'SC_ERR_GRAPH_UNSUPPORTED') throw err;
    throw new GraphError(
      'SC_ERR_GRAPH_NODE_BAD_RESPONSE',
      `metadata of node ${nodeName} is not valid: ${(err as Error).message}`,
      { nodeName, cause: err },
    );
  }
  if (!isPlainObject(value))
    throw new GraphError('SC_ERR_GRAPH_NODE_BAD_RESPONSE', `metadata of node ${nodeName} is not an object`, {
      nodeName,
    });
  const out: ModelMetadata = {};
  if (typeof value.name === 'string' && value.name !== '') out.name = value.name;
  if (typeof value.platform === 'string' && value.platform !== '') out.platform = value.platform;
  if (Array.isArray(value.versions) && value.versions.length > 0) out.versions = value.versions as string[];
  if (Array.isArray(value.inputs)) out.inputs = value.inputs;
  if (Array.isArray(value.outputs)) out.outputs = value.outputs;
  if (isPlainObject(value.custom) && Object.keys(value.custom).length > 0)
    out.custom = value.custom as Record<string, string>;
  return out;
}

// ---- AVERAGE_COMBINER ----

interface NumericData {
  shape: number[];
  values: number[];
}

function flatten(value: unknown, shape: number[], depth: number, out: number[], where: string): void {
  if (Array.isArray(value)) {
    if (shape.length === depth) shape.push(value.length);
    else if (shape[depth] !== value.length) throw new Error(`${where} is ragged`);
    for (const v of value) flatten(v, shape, depth + 1, out, where);
    return;
  }
  if (depth !== shape.length) throw new Error(`${where} is ragged`);
  if (typeof value !== 'number') throw new Error(`${where} holds a non-number (${JSON.stringify(value)})`);
  out.push(value);
}

function numericData(message: unknown, where: string): { data: NumericData; kind: 'ndarray' | 'tensor' } {
  const data = isPlainObject(message) ? message.data : undefined;
  if (!isPlainObject(data)) throw new Error(`${where} has no data.ndarray or data.tensor`);
  if (Array.isArray(data.ndarray)) {
    const shape: number[] = [];
    const values: number[] = [];
    flatten(data.ndarray, shape, 0, values, `${where} data.ndarray`);
    return { data: { shape, values }, kind: 'ndarray' };
  }
  if (isPlainObject(data.tensor)) {
    const values = Array.from((data.tensor.values ?? []) as ArrayLike<number>, Number);
    const shape = Array.from((data.tensor.shape ?? [values.length]) as ArrayLike<number>, Number);
    return { data: { shape, values }, kind: 'tensor' };
  }
  throw new Error(
    `${where} has no data.ndarray or data.tensor (AVERAGE_COMBINER averages numeric data only)`,
  );
}

function nest(values: number[], shape: number[]): unknown {
  if (shape.length <= 1) return values.slice();
  const step = values.length / shape[0]!;
  const out: unknown[] = [];
  for (let i = 0; i < shape[0]!; i++) out.push(nest(values.slice(i * step, (i + 1) * step), shape.slice(1)));
  return out;
}

/**
 * AVERAGE_COMBINER done for real: the element-wise mean of the children's numeric outputs
 * (the reference returns the first child's output). The answer keeps the first child's data kind and
 * names; its meta is the first child's with every child's requestPath and tags merged in.
 */
export function averagePayloads(outputs: readonly GraphPayload[], nodeName: string): GraphPayload {
  try {
    const messages = outputs.map((p) =>
      p.isProtobuf ? protoToObject('message', p.bytes(), nodeName) : p.object(),
    );
    const parsed = messages.map((m, i) => numericData(m, `child ${i}`));
    const first = parsed[0]!;
    const sum = new Array<number>(first.data.values.length).fill(0);
    parsed.forEach((p, i) => {
      if (p.data.values.length !== sum.length || p.data.shape.join() !== first.data.shape.join()) {
        throw new Error(`child ${i} has shape [${p.data.shape}] but child 0 has [${first.data.shape}]`);
      }
      for (let k = 0; k < sum.length; k++) sum[k]! += p.data.values[k]!;
    });
    const mean = sum.map((s) => s / parsed.length);
    const head = messages[0] as Record<string, unknown>;
    const headData = head.data as Record<string, unknown>;
    const data: Record<string, unknown> = {};
    if (headData.names !== undefined) data.names = headData.names;
    if (first.kind === 'tensor') data.tensor = { shape: first.data.shape, values: mean };
    else data.ndarray = nest(mean, first.data.shape);
    const result: Record<string, unknown> = {};
    const meta = mergeMeta(messages);
    if (meta !== undefined) result.meta = meta;
    result.data = data;
    return GraphPayload.fromObject(result);
  } catch (err) {
    if (err instanceof GraphError) throw err;
    throw new GraphError(
      'SC_ERR_GRAPH_COMBINE_FAILED',
      `AVERAGE_COMBINER ${nodeName}: ${(err as Error).message}`,
      { nodeName, cause: err },
    );
  }
}

function mergeMeta(messages: readonly unknown[]): Record<string, unknown> | undefined {
  const metas = messages.map((m) => (isPlainObject(m) && isPlainObject(m.meta) ? m.meta : undefined));
  if (metas.every((m) => m === undefined)) return undefined;
  const out: Record<string, unknown> = { ...(metas[0] ?? {}) };
  for (const key of ['requestPath', 'tags'] as const) {
    const merged: Record<string, unknown> = {};
    for (const m of metas) if (m && isPlainObject(m[key])) Object.assign(merged, m[key]);
    if (Object.keys(merged).length > 0) out[key] = merged;
  }
  return out;
}
