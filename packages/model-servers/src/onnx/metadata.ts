// The model's signature as Seldon model metadata (01-payload §5.1), in the v2 tensor form of the
// inputs/outputs items: {name, datatype, shape}, dynamic dimensions written -1.
import type { ComponentMetadata } from '@seldon-ts/model-wrapper';
import { ELEMENT_TYPES } from './dtypes.js';
import type { ModelSignature, TensorSpec } from './signature.js';

/** `platform` of the metadata: Triton's and KServe's name for an ONNX Runtime model. */
export const ONNX_PLATFORM = 'onnxruntime_onnx';

function item(spec: TensorSpec): { name: string; datatype: string; shape: number[] } {
  return { name: spec.name, datatype: ELEMENT_TYPES[spec.type].v2, shape: spec.dims.map((d) => d ?? -1) };
}

/**
 * Metadata for `GET /metadata`: platform, inputs and outputs from the signature, and `custom`
 * naming the model file, the runtime version and the outputs left out (non-tensor ones).
 * `name` and `versions` are left to the wrapper's defaults (the image) unless given.
 */
export function signatureMetadata(
  signature: ModelSignature,
  custom: Record<string, string>,
  name?: string,
): ComponentMetadata {
  const meta: ComponentMetadata = {
    platform: ONNX_PLATFORM,
    inputs: signature.inputs.map(item),
    outputs: signature.outputs.map(item),
    custom: {
      ...custom,
      ...(signature.skippedOutputs.length > 0 ? { skipped_outputs: signature.skippedOutputs.join(',') } : {}),
    },
  };
  if (name !== undefined) meta.name = name;
  return meta;
}
