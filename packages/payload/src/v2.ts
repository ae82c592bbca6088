// V2 / Open Inference Protocol payloads: validation, conversion to and from SeldonMessage, and
// the executor's chaining rule (01-payload §8).
import { PayloadError } from './errors.js';
import { resolveDecodeOptions, type DecodeOptions } from './options.js';
import type {
  JsonObject,
  JsonValue,
  SeldonMessage,
  V2Datatype,
  V2InferenceRequest,
  V2InferenceResponse,
  V2RequestInput,
  V2ResponseOutput,
} from './types.js';
import { type NdValue, dataToNd, isNumericNd, ndToData } from './arrays.js';
import { Ctx, decodeTop, expectObject, readValue } from './internal/json-decode.js';
import { childPath, setKey, typeName } from './internal/util.js';
import type { JsonInput } from './json-codec.js';
import type { InferenceObject } from './grpc.js';

/** Every v2 (Open Inference Protocol) tensor datatype name. */
export const V2_DATATYPES: readonly V2Datatype[] = Object.freeze([
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
]);

function isNumericType(dt: string): boolean {
  return dt !== 'BOOL' && dt !== 'BYTES';
}

function flatten(data: JsonValue[], ctx: Ctx, path: string): JsonValue[] {
  if (!data.some(Array.isArray)) return data;
  const out: JsonValue[] = [];
  const walk = (v: JsonValue, depth: number): void => {
    if (Array.isArray(v)) {
      if (depth > ctx.opts.maxDepth)
        throw new PayloadError(
          'SC_ERR_PAYLOAD_TOO_DEEP',
          path,
          `nesting deeper than maxDepth (${ctx.opts.maxDepth})`,
        );
      for (const x of v) walk(x, depth + 1);
    } else out.push(v);
  };
  walk(data, 0);
  return out;
}

function readTensor(ctx: Ctx, v: unknown, path: string, withData: boolean): V2RequestInput {
  const o = expectObject(v, path, 'a v2 tensor');
  if (typeof o.name !== 'string')
    throw new PayloadError(
      'SC_ERR_PAYLOAD_WRONG_TYPE',
      childPath(path, 'name'),
      `expected a string, got ${typeName(o.name)}`,
    );
  if (!Array.isArray(o.shape) || !o.shape.every((d) => Number.isSafeInteger(d) && (d as number) >= -1)) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_WRONG_TYPE',
      childPath(path, 'shape'),
      'shape must be a list of non-negative integers',
    );
  }
  if (typeof o.datatype !== 'string' || !(V2_DATATYPES as readonly string[]).includes(o.datatype)) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_BAD_ENUM',
      childPath(path, 'datatype'),
      `unknown datatype ${JSON.stringify(o.datatype)} (expected one of ${V2_DATATYPES.join(', ')})`,
    );
  }
  const out: V2RequestInput = { name: o.name, shape: o.shape as number[], datatype: o.datatype, data: [] };
  if (o.parameters !== undefined && o.parameters !== null)
    out.parameters = readObject(ctx, o.parameters, childPath(path, 'parameters'));
  if (withData || o.data !== undefined) {
    const dp = childPath(path, 'data');
    if (!Array.isArray(o.data))
      throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', dp, `expected an array, got ${typeName(o.data)}`);
    readValue(ctx, o.data, dp);
    const flat = flatten(o.data as JsonValue[], ctx, dp);
    const size = (o.shape as number[]).reduce((a, b) => a * b, 1);
    if (flat.length !== size) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
        dp,
        `tensor "${o.name}" has ${flat.length} elements but shape [${(o.shape as number[]).join(',')}] needs ${size}`,
      );
    }
    const numeric = isNumericType(o.datatype);
    for (let i = 0; i < flat.length; i++) {
      const x = flat[i];
      const ok = numeric
        ? typeof x === 'number'
        : o.datatype === 'BOOL'
          ? typeof x === 'boolean'
          : typeof x === 'string';
      if (!ok)
        throw new PayloadError(
          'SC_ERR_PAYLOAD_WRONG_TYPE',
          childPath(dp, i),
          `element of ${o.datatype} tensor "${o.name}" has type ${typeName(x)}`,
        );
    }
    out.data = o.data as JsonValue[];
  }
  return out;
}

function readObject(ctx: Ctx, v: unknown, path: string): JsonObject {
  expectObject(v, path, 'parameters');
  return readValue(ctx, v, path) as JsonObject;
}

function readTensors(ctx: Ctx, v: unknown, path: string, withData: boolean): V2RequestInput[] {
  if (!Array.isArray(v))
    throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', path, `expected an array, got ${typeName(v)}`);
  ctx.count(v.length, path);
  return v.map((t, i) => readTensor(ctx, t, childPath(path, i), withData));
}

/** Decodes and validates a v2 inference request (`inputs` required). @throws PayloadError */
export function decodeV2Request(input: JsonInput, opts?: DecodeOptions): V2InferenceRequest {
  return decodeTop(input, opts, (ctx, v, path) => {
    const o = expectObject(v, path, 'a v2 inference request');
    const out: V2InferenceRequest = { inputs: [] };
    if (o.inputs === undefined)
      throw new PayloadError('SC_ERR_PAYLOAD_NO_DATA', path, 'a v2 inference request needs "inputs"');
    for (const k of Object.keys(o)) {
      const x = o[k];
      const p = childPath(path, k);
      if (x === undefined || x === null) continue;
      if (k === 'inputs') out.inputs = readTensors(ctx, x, p, true);
      else if (k === 'outputs')
        out.outputs = readTensors(ctx, x, p, false).map((t) =>
          t.parameters ? { name: t.name, parameters: t.parameters } : { name: t.name },
        );
      else if (k === 'id') {
        if (typeof x !== 'string')
          throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', p, `expected a string, got ${typeName(x)}`);
        out.id = x;
      } else if (k === 'parameters') out.parameters = readObject(ctx, x, p);
      else ctx.unknown(path, k, 'v2 inference request');
    }
    return out;
  });
}

/** Decodes and validates a v2 inference response (`model_name`, `outputs`). @throws PayloadError */
export function decodeV2Response(input: JsonInput, opts?: DecodeOptions): V2InferenceResponse {
  return decodeTop(input, opts, (ctx, v, path) => {
    const o = expectObject(v, path, 'a v2 inference response');
    const out: V2InferenceResponse = { model_name: '', outputs: [] };
    for (const k of Object.keys(o)) {
      const x = o[k];
      const p = childPath(path, k);
      if (x === undefined || x === null) continue;
      if (k === 'outputs') out.outputs = readTensors(ctx, x, p, true) as V2ResponseOutput[];
      else if (k === 'model_name' || k === 'model_version' || k === 'id') {
        if (typeof x !== 'string')
          throw new PayloadError('SC_ERR_PAYLOAD_WRONG_TYPE', p, `expected a string, got ${typeName(x)}`);
        out[k] = x;
      } else if (k === 'parameters') out.parameters = readObject(ctx, x, p);
      else ctx.unknown(path, k, 'v2 inference response');
    }
    return out;
  });
}

function tensorToMessage(
  tensors: readonly V2RequestInput[],
  id: string | undefined,
  parameters: JsonObject | undefined,
  what: string,
): SeldonMessage {
  if (tensors.length !== 1) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_UNSUPPORTED',
      `$.${what}`,
      `only a single ${what} tensor converts to a SeldonMessage (got ${tensors.length})`,
    );
  }
  const t = tensors[0];
  const o = resolveDecodeOptions(undefined);
  const flat = flatten(t.data, new Ctx(o), `$.${what}[0].data`);
  const nd: NdValue = isNumericType(t.datatype)
    ? { shape: t.shape, values: Float64Array.from(flat as number[]) }
    : { shape: t.shape, values: flat };
  const msg: SeldonMessage = {
    data: ndToData(nd, isNumericType(t.datatype) ? 'tensor' : 'ndarray', [t.name]),
  };
  if (id !== undefined || parameters !== undefined) {
    msg.meta = {};
    if (id !== undefined) msg.meta.puid = id;
    if (parameters !== undefined) msg.meta.tags = parameters;
  }
  return msg;
}

/**
 * A v2 request with one input -> SeldonMessage: numeric datatypes become `data.tensor`, BOOL and
 * BYTES `data.ndarray`; `names` = [input name]; `id` -> `meta.puid`; `parameters` -> `meta.tags`.
 * @throws PayloadError `SC_ERR_PAYLOAD_UNSUPPORTED` for several inputs.
 */
export function v2RequestToMessage(req: V2InferenceRequest): SeldonMessage {
  return tensorToMessage(req.inputs, req.id, req.parameters, 'inputs');
}

/** A v2 response with one output -> SeldonMessage (same rules as {@link v2RequestToMessage}). */
export function v2ResponseToMessage(res: V2InferenceResponse): SeldonMessage {
  return tensorToMessage(res.outputs, res.id, res.parameters, 'outputs');
}

function messageToTensor(msg: SeldonMessage, defaultName: string): V2ResponseOutput {
  if (msg.strData !== undefined)
    return { name: defaultName, shape: [1], datatype: 'BYTES', data: [msg.strData] };
  if (msg.data === undefined) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_UNSUPPORTED',
      '$',
      'only data and strData messages convert to v2 tensors',
    );
  }
  const nd = dataToNd(msg.data);
  const name = msg.data.names?.length === 1 ? msg.data.names[0] : defaultName;
  if (isNumericNd(nd)) {
    return { name, shape: [...nd.shape], datatype: 'FP64', data: Array.from(nd.values as ArrayLike<number>) };
  }
  const values = nd.values as JsonValue[];
  const datatype: V2Datatype | undefined = values.every((v) => typeof v === 'boolean')
    ? 'BOOL'
    : values.every((v) => typeof v === 'string')
      ? 'BYTES'
      : undefined;
  if (!datatype)
    throw new PayloadError(
      'SC_ERR_PAYLOAD_UNSUPPORTED',
      '$.data',
      'mixed or nested values have no v2 datatype',
    );
  return { name, shape: [...nd.shape], datatype, data: values };
}

/**
 * SeldonMessage -> v2 request with one input: numeric data as FP64, strings as BYTES, booleans
 * as BOOL; the input is named by a single `data.names` entry, else `name` (default `input-0`);
 * `meta.puid` -> `id`.
 */
export function messageToV2Request(msg: SeldonMessage, opts?: { name?: string }): V2InferenceRequest {
  const t = messageToTensor(msg, opts?.name ?? 'input-0');
  const req: V2InferenceRequest = { inputs: [t] };
  if (msg.meta?.puid) req.id = msg.meta.puid;
  return req;
}

/** SeldonMessage -> v2 response with one output (rules of {@link messageToV2Request}; default name `output-0`). */
export function messageToV2Response(
  msg: SeldonMessage,
  opts: { modelName: string; modelVersion?: string; id?: string; name?: string },
): V2InferenceResponse {
  const res: V2InferenceResponse = {
    model_name: opts.modelName,
    outputs: [messageToTensor(msg, opts.name ?? 'output-0')],
  };
  if (opts.modelVersion !== undefined) res.model_version = opts.modelVersion;
  const id = opts.id ?? msg.meta?.puid;
  if (id) res.id = id;
  return res;
}

/**
 * The executor's chaining rule between v2 nodes: a payload with `inputs` passes unchanged; one
 * with `outputs` gets that key renamed to `inputs` (other keys kept, in place of the old key).
 * Accepts JSON text, UTF-8 bytes or a parsed object.
 * @throws PayloadError `SC_ERR_PAYLOAD_V2_CHAIN` otherwise.
 */
export function chainV2Payload(payload: JsonInput): { body: JsonObject; changed: boolean } {
  let v: unknown = payload;
  if (typeof payload === 'string' || payload instanceof Uint8Array) {
    try {
      v = JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
    } catch {
      v = undefined;
    }
  }
  const fail = (): never => {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_V2_CHAIN',
      '$',
      'Failed to convert kfserving response so it could be chained to new input',
    );
  };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail();
  const o = v as JsonObject;
  if (Object.prototype.hasOwnProperty.call(o, 'inputs')) return { body: o, changed: false };
  if (!Object.prototype.hasOwnProperty.call(o, 'outputs')) return fail();
  const out: JsonObject = {};
  for (const k of Object.keys(o)) setKey(out, k === 'outputs' ? 'inputs' : k, o[k]);
  return { body: out, changed: true };
}

/**
 * The executor's gRPC chaining rule between v2 nodes: a `ModelInferResponse` (plain object of the
 * generated code, as `inferenceServices` deserialises it) becomes the next node's
 * `ModelInferRequest`: outputs become inputs (name, datatype, shape, parameters, contents),
 * `modelName` is the next node's name, the response's `parameters` are carried, and
 * `rawOutputContents` become `rawInputContents`.
 */
export function chainV2InferResponse(response: InferenceObject, modelName: string): InferenceObject {
  const req: InferenceObject = { modelName };
  if (response.parameters !== undefined) req.parameters = response.parameters;
  const outputs = Array.isArray(response.outputs) ? (response.outputs as Record<string, unknown>[]) : [];
  req.inputs = outputs.map((o) => {
    const input: Record<string, unknown> = {};
    for (const k of ['name', 'datatype', 'shape', 'parameters', 'contents'])
      if (o[k] !== undefined) input[k] = o[k];
    return input;
  });
  if (Array.isArray(response.rawOutputContents) && response.rawOutputContents.length > 0) {
    req.rawInputContents = response.rawOutputContents;
  }
  return req;
}
