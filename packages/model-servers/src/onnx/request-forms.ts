// What a request carries, read into named arrays: `data` (one array, for a single-input model),
// jsonData `{"<input>": array, ...}`, or a v2 inference request (in jsonData, or as the raw body).
import {
  decodeV2Request,
  nestedToNd,
  type DecodeOptions,
  type JsonObject,
  type JsonValue,
  type TfDataType,
  type V2InferenceRequest,
} from '@seldon-ts/payload';
import { ModelServerError } from '../errors.js';
import { typeOfTf, typeOfV2 } from './dtypes.js';
import type { RequestTensor } from './feeds.js';
import type { ModelSignature } from './signature.js';

/** An n-d array as the model wrapper passes `data` (its NdArray). */
export interface NdInput {
  readonly shape: readonly number[];
  readonly values: Float64Array | JsonValue[];
  readonly dtype?: TfDataType;
}

/** A request read into named arrays, and the form to answer in. */
export type ReadRequest =
  | { readonly form: 'data'; readonly tensors: readonly RequestTensor[] }
  | { readonly form: 'map'; readonly tensors: readonly RequestTensor[] }
  | { readonly form: 'v2'; readonly tensors: readonly RequestTensor[]; readonly request: V2InferenceRequest };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

export function isNdInput(v: unknown): v is NdInput {
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as NdInput).shape) &&
    ((v as NdInput).values instanceof Float64Array || Array.isArray((v as NdInput).values))
  );
}

/** A v2 request is an object whose `inputs` is a list of objects (a `{name: array}` map holds arrays). */
export function isV2Request(v: unknown): v is JsonObject & { inputs: JsonValue[] } {
  return isObject(v) && Array.isArray(v.inputs) && v.inputs.every(isObject);
}

function flatten(data: readonly JsonValue[]): JsonValue[] {
  if (!data.some(Array.isArray)) return data as JsonValue[];
  const out: JsonValue[] = [];
  const walk = (x: JsonValue): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else out.push(x);
  };
  for (const x of data) walk(x);
  return out;
}

function packed(values: readonly JsonValue[]): Float64Array | readonly JsonValue[] {
  return values.every((x) => typeof x === 'number') ? Float64Array.from(values as number[]) : values;
}

function requestedOutputs(outputs: JsonValue): { name: string }[] {
  if (!Array.isArray(outputs))
    throw new ModelServerError('SC_ERR_ONNX_BAD_REQUEST', 'v2 "outputs" must be a list of {"name": ...}');
  return outputs.map((o, i) => {
    if (!isObject(o) || typeof o.name !== 'string')
      throw new ModelServerError(
        'SC_ERR_ONNX_BAD_REQUEST',
        `v2 outputs[${i}] must be an object with a string "name"`,
      );
    return { name: o.name };
  });
}

/** The named arrays of a decoded v2 request. */
export function v2Tensors(request: V2InferenceRequest): RequestTensor[] {
  return request.inputs.map((input) => ({
    name: input.name,
    shape: input.shape,
    values: packed(flatten(input.data)),
    declared: { type: typeOfV2(input.datatype), by: `v2 datatype ${input.datatype}` },
  }));
}

function fromData(nd: NdInput, signature: ModelSignature): ReadRequest {
  if (signature.inputs.length !== 1) {
    const names = signature.inputs.map((s) => `"${s.name}"`).join(', ');
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_REQUEST',
      `the model has ${signature.inputs.length} inputs (${names}): send them by name as jsonData {"<input>": array, ...} or as a v2 request {"inputs": [...]}, not as data`,
    );
  }
  const declared =
    nd.dtype === undefined ? undefined : { type: typeOfTf(nd.dtype), by: `tftensor dtype ${nd.dtype}` };
  return {
    form: 'data',
    tensors: [{ name: signature.inputs[0].name, shape: nd.shape, values: nd.values, declared }],
  };
}

function fromMap(map: JsonObject, opts: DecodeOptions): ReadRequest {
  const tensors: RequestTensor[] = Object.entries(map).map(([name, value]) => {
    const nd = nestedToNd(value, opts);
    return { name, shape: nd.shape, values: nd.values };
  });
  return { form: 'map', tensors };
}

/**
 * Reads what the model wrapper passes to `predict` (an NdArray for `data`, the JSON value for
 * `jsonData`, a string for `strData`, bytes for `binData`).
 * @throws ModelServerError `SC_ERR_ONNX_BAD_REQUEST`; PayloadError for a malformed v2 request or array
 */
export function readRequest(X: unknown, signature: ModelSignature, opts: DecodeOptions = {}): ReadRequest {
  if (isNdInput(X)) return fromData(X, signature);
  if (typeof X === 'string' || X instanceof Uint8Array) {
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_REQUEST',
      `${typeof X === 'string' ? 'strData' : 'binData'} is not a model input: send data, jsonData {"<input>": array, ...} or a v2 request in jsonData`,
    );
  }
  if (isV2Request(X)) {
    // `outputs` entries are {name, parameters?}: read here (the decoder wants a shape on them).
    const { outputs, ...rest } = X;
    const request = decodeV2Request(rest, opts);
    if (outputs !== undefined && outputs !== null) request.outputs = requestedOutputs(outputs);
    return { form: 'v2', tensors: v2Tensors(request), request };
  }
  if (isObject(X)) return fromMap(X, opts);
  throw new ModelServerError(
    'SC_ERR_ONNX_BAD_REQUEST',
    'jsonData must be an object: {"<input>": array, ...} or a v2 request {"inputs": [...]}',
  );
}
