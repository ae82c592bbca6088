// The TensorFlow Serving gRPC front door (protocol tensorflow): PredictionService Predict and
// GetModelMetadata, ModelService GetModelStatus. Messages stay protobuf bytes end to end, so no
// TensorFlow proto definitions are needed: only `model_spec.name` (field 1 → field 1 of every
// request served here) is read, to name the node for metadata and status.
import { EngineError } from '../errors.js';

export const TF_PREDICTION_SERVICE = '/tensorflow.serving.PredictionService/';
export const TF_MODEL_SERVICE = '/tensorflow.serving.ModelService/';

class WireError extends Error {}

/** Reads a varint at `pos`; returns [value, next position]. Values above 2^53 lose precision, which only matters for skipped fields. */
function varint(buf: Uint8Array, pos: number, end: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new WireError('truncated varint');
    const b = buf[pos++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos];
    scale *= 128;
  }
  throw new WireError('varint longer than 10 bytes');
}

/** The bytes of the first length-delimited field `num` of the message in `buf[start, end)`. */
function lengthDelimited(
  buf: Uint8Array,
  num: number,
  start: number,
  end: number,
): [number, number] | undefined {
  let pos = start;
  while (pos < end) {
    const [key, p] = varint(buf, pos, end);
    pos = p;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new WireError('field number 0');
    if (wire === 0) pos = varint(buf, pos, end)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [len, p2] = varint(buf, pos, end);
      if (p2 + len > end) throw new WireError('truncated length-delimited field');
      if (field === num) return [p2, p2 + len];
      pos = p2 + len;
    } else throw new WireError(`unsupported wire type ${wire}`);
    if (pos > end) throw new WireError('truncated fixed-width field');
  }
  return undefined;
}

/**
 * `model_spec.name` of a PredictRequest, GetModelMetadataRequest or GetModelStatusRequest (all carry
 * ModelSpec as field 1); '' when absent. `rpc` names the request in the error of a malformed one.
 */
export function tfModelSpecName(request: Uint8Array, rpc: string): string {
  try {
    const spec = lengthDelimited(request, 1, 0, request.length);
    if (!spec) return '';
    const name = lengthDelimited(request, 1, spec[0], spec[1]);
    return name ? new TextDecoder('utf-8', { fatal: true }).decode(request.subarray(name[0], name[1])) : '';
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
