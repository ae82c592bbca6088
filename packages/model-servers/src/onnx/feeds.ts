// Request arrays -> ONNX Runtime input tensors, checked against the model's signature: element
// type (a declared v2 datatype / tftensor dtype must match; untyped JSON numbers must fit), shape
// (rank and fixed dimensions), and that every input is there.
import type { JsonValue } from '@seldon-ts/payload';
import { ModelServerError } from '../errors.js';
import { ELEMENT_TYPES, type OnnxElementType } from './dtypes.js';
import type { OnnxRuntimeModule } from './runtime-loader.js';
import { shapeProblem, type ModelSignature, type TensorSpec } from './signature.js';

/** One named array of a request, whatever form it came in. */
export interface RequestTensor {
  readonly name: string;
  readonly shape: readonly number[];
  /** Row-major elements: a Float64Array when all are numbers, else JSON values. */
  readonly values: Float64Array | readonly JsonValue[];
  /**
   * The element type the request declared: `type` (undefined when this server does not carry it)
   * and how the request said it (`v2 datatype FP64`, `tftensor dtype DT_DOUBLE`).
   */
  readonly declared?: { readonly type: OnnxElementType | undefined; readonly by: string };
}

type OrtTensor = InstanceType<OnnxRuntimeModule['Tensor']>;
type TypedData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | string[];

function describe(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'an object';
  return `${typeof v === 'string' ? 'a string' : `a ${typeof v}`} (${JSON.stringify(v)})`;
}

function dtypeError(
  spec: TensorSpec,
  index: number,
  v: JsonValue | undefined,
  why: string,
): ModelServerError {
  const info = ELEMENT_TYPES[spec.type];
  return new ModelServerError(
    'SC_ERR_ONNX_INPUT_DTYPE',
    `input "${spec.name}" expects ${spec.type} (${info.v2}) values but element ${index} is ${describe(v)}${why}`,
  );
}

function numbersFor(spec: TensorSpec, values: Float64Array | readonly JsonValue[]): Float64Array {
  const info = ELEMENT_TYPES[spec.type];
  const out = values instanceof Float64Array ? values : new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw dtypeError(spec, i, v as JsonValue, '');
    if (info.kind === 'int') {
      if (!Number.isInteger(v)) throw dtypeError(spec, i, v, ': not an integer');
      if (v < info.min! || v > info.max!) throw dtypeError(spec, i, v, `: outside ${info.min}..${info.max}`);
    }
    if (out !== values) out[i] = v;
  }
  return out;
}

function typedData(spec: TensorSpec, values: Float64Array | readonly JsonValue[]): TypedData {
  const t: OnnxElementType = spec.type;
  const kind = ELEMENT_TYPES[t].kind;
  if (kind === 'bool') {
    const out = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'boolean') throw dtypeError(spec, i, v as JsonValue, '');
      out[i] = v ? 1 : 0;
    }
    return out;
  }
  if (kind === 'string') {
    const out: string[] = new Array<string>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'string') throw dtypeError(spec, i, v as JsonValue, '');
      out[i] = v;
    }
    return out;
  }
  const nums = numbersFor(spec, values);
  switch (t) {
    case 'float32':
      return Float32Array.from(nums);
    case 'float64':
      return nums;
    case 'int8':
      return Int8Array.from(nums);
    case 'int16':
      return Int16Array.from(nums);
    case 'int32':
      return Int32Array.from(nums);
    case 'uint8':
      return Uint8Array.from(nums);
    case 'uint16':
      return Uint16Array.from(nums);
    case 'uint32':
      return Uint32Array.from(nums);
    case 'int64':
      return BigInt64Array.from(nums, (x) => BigInt(x));
    default:
      return BigUint64Array.from(nums, (x) => BigInt(x));
  }
}

/**
 * One input tensor for `spec` from `req`.
 * @throws ModelServerError `SC_ERR_ONNX_INPUT_DTYPE`, `SC_ERR_ONNX_INPUT_SHAPE`
 */
export function toInputTensor(ort: OnnxRuntimeModule, spec: TensorSpec, req: RequestTensor): OrtTensor {
  if (req.declared !== undefined && req.declared.type !== spec.type) {
    const want = ELEMENT_TYPES[spec.type];
    throw new ModelServerError(
      'SC_ERR_ONNX_INPUT_DTYPE',
      `input "${spec.name}" was sent as ${req.declared.by} but the model expects ${spec.type} (v2 datatype ${want.v2}, tftensor dtype ${want.tf})`,
    );
  }
  const problem = shapeProblem(spec, req.shape);
  if (problem !== undefined)
    throw new ModelServerError('SC_ERR_ONNX_INPUT_SHAPE', `input "${spec.name}" ${problem}`);
  const data = typedData(spec, req.values);
  return new ort.Tensor(spec.type, data as never, [...req.shape]) as OrtTensor;
}

/**
 * The feeds of one run: every model input from the request's tensors, matched by name.
 * @throws ModelServerError `SC_ERR_ONNX_UNKNOWN_TENSOR`, `SC_ERR_ONNX_MISSING_INPUT` and the checks of
 *   {@link toInputTensor}
 */
export function buildFeeds(
  ort: OnnxRuntimeModule,
  signature: ModelSignature,
  tensors: readonly RequestTensor[],
): Record<string, OrtTensor> {
  const byName = new Map<string, TensorSpec>(signature.inputs.map((s) => [s.name, s]));
  const names = signature.inputs.map((s) => s.name).join(', ');
  const feeds: Record<string, OrtTensor> = {};
  for (const t of tensors) {
    const spec = byName.get(t.name);
    if (spec === undefined)
      throw new ModelServerError(
        'SC_ERR_ONNX_UNKNOWN_TENSOR',
        `the model has no input "${t.name}" (inputs: ${names})`,
      );
    if (Object.hasOwn(feeds, t.name))
      throw new ModelServerError('SC_ERR_ONNX_BAD_REQUEST', `input "${t.name}" is sent twice`);
    feeds[t.name] = toInputTensor(ort, spec, t);
  }
  const missing = signature.inputs.filter((s) => !Object.hasOwn(feeds, s.name)).map((s) => s.name);
  if (missing.length > 0) {
    throw new ModelServerError(
      'SC_ERR_ONNX_MISSING_INPUT',
      `missing input${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (the model's inputs: ${names})`,
    );
  }
  return feeds;
}
