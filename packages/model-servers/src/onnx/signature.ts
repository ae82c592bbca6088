// The model's signature as ONNX Runtime reports it: named inputs and outputs with element types
// and shapes (fixed sizes, or symbolic / -1 dimensions that take any size).
import { ModelServerError } from '../errors.js';
import { isSupportedType, type OnnxElementType } from './dtypes.js';

/** A dimension: a fixed size, or `null` for a dynamic one (symbolic name or -1). */
export type Dim = number | null;

/** One named input or output of the model. */
export interface TensorSpec {
  readonly name: string;
  readonly type: OnnxElementType;
  /** As declared; `[]` when the model declares no shape (then any shape is passed to the runtime). */
  readonly dims: readonly Dim[];
  /** The dimensions as written in the model (symbolic names kept), for messages. */
  readonly declared: readonly (number | string)[];
}

/** The inputs and outputs the server serves, and the outputs it leaves out. */
export interface ModelSignature {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** Outputs that are not tensors (ZipMap's sequence of maps...): never fetched. */
  readonly skippedOutputs: readonly string[];
}

/** The part of ONNX Runtime's value metadata read here. */
export interface ValueMetadata {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: ReadonlyArray<number | string>;
}

function toSpec(m: ValueMetadata & { isTensor: true }, side: string): TensorSpec {
  const type = m.type ?? '';
  if (!isSupportedType(type)) {
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_MODEL',
      `${side} "${m.name}" has element type ${type || 'unknown'}, which this server does not carry (supported: float32, float64, (u)int8/16/32/64, bool, string)`,
    );
  }
  // An unnamed dynamic dimension comes as '' (or -1): written -1.
  const declared = (m.shape ?? []).map((d) => (d === '' ? -1 : d));
  const dims = declared.map((d) => (typeof d === 'number' && d >= 0 ? d : null));
  return { name: m.name, type, dims, declared };
}

/**
 * Reads the session's metadata.
 * @throws ModelServerError `SC_ERR_ONNX_BAD_MODEL` for a non-tensor input, an unsupported element
 *   type, or a model without any tensor output
 */
export function readSignature(
  inputs: readonly ValueMetadata[],
  outputs: readonly ValueMetadata[],
): ModelSignature {
  const ins = inputs.map((m) => {
    if (!m.isTensor)
      throw new ModelServerError(
        'SC_ERR_ONNX_BAD_MODEL',
        `input "${m.name}" is not a tensor (sequence or map)`,
      );
    return toSpec(m as ValueMetadata & { isTensor: true }, 'input');
  });
  const outs: TensorSpec[] = [];
  const skipped: string[] = [];
  for (const m of outputs) {
    if (m.isTensor) outs.push(toSpec(m as ValueMetadata & { isTensor: true }, 'output'));
    else skipped.push(m.name);
  }
  if (outs.length === 0) {
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_MODEL',
      `the model has no tensor output (${skipped.join(', ')} are sequences or maps, e.g. ZipMap): convert it without ZipMap (skl2onnx: options={'zipmap': False})`,
    );
  }
  return { inputs: ins, outputs: outs, skippedOutputs: skipped };
}

/** `[N,4]`-style text of a declared shape. */
export function formatDeclared(spec: TensorSpec): string {
  return `[${spec.declared.join(',')}]`;
}

/** Null when `shape` fits the spec, else why not. */
export function shapeProblem(spec: TensorSpec, shape: readonly number[]): string | undefined {
  if (spec.declared.length === 0) return undefined;
  if (shape.length !== spec.dims.length)
    return `has ${shape.length} dimension(s) [${shape.join(',')}] but the model expects ${spec.dims.length}: ${formatDeclared(spec)}`;
  for (let i = 0; i < shape.length; i++) {
    const want = spec.dims[i];
    if (want !== null && want !== shape[i])
      return `has shape [${shape.join(',')}] but the model expects ${formatDeclared(spec)} (dimension ${i} must be ${want})`;
  }
  return undefined;
}
