// The ONNX server's parameters (PREDICTIVE_UNIT_PARAMETERS, snake_case as the reference's
// prepackaged servers take them), checked once, with their defaults.
import { ModelServerError } from '../errors.js';

/** What `new OnnxServer(parameters)` takes; the operator adds `model_uri` (`/mnt/models`). */
export interface OnnxServerParameters {
  /** Folder holding `model.onnx` (or one `*.onnx` file), or the file; a path or `file://` URI. */
  model_uri: string;
  /** ONNX Runtime intra-op threads per inference. Default {@link ONNX_SERVER_DEFAULTS}.intra_op_threads (1). */
  intra_op_threads?: number | string;
  /** The output answered as `data` to a `data` request. Default: the model's first tensor output. */
  output?: string;
  /** `model_name` of v2 answers and `name` of the metadata. Default: `PREDICTIVE_UNIT_ID`, else the file name without `.onnx`. */
  model_name?: string;
}

/**
 * Defaults of {@link OnnxServerParameters}. One intra-op thread: a Seldon model server runs as one
 * container per model next to others on the node, scaled by replicas; ONNX Runtime's own default
 * (one thread per core, spinning while idle) makes every replica compete for every core and burns
 * CPU between requests, and a CPU limit then throttles it. Raise it for large models with few
 * concurrent requests.
 */
export const ONNX_SERVER_DEFAULTS = Object.freeze({ intra_op_threads: 1 });

/** The parameters, checked. */
export interface ResolvedOnnxParameters {
  readonly modelUri: string;
  readonly intraOpThreads: number;
  readonly output: string | undefined;
  readonly modelName: string | undefined;
}

function optionalString(p: Record<string, unknown>, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string')
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_PARAMETER',
      `parameter ${key} must be a string, got ${JSON.stringify(v)}`,
    );
  return v;
}

/** @throws ModelServerError `SC_ERR_ONNX_BAD_PARAMETER` naming the parameter */
export function resolveOnnxParameters(parameters: object | undefined): ResolvedOnnxParameters {
  const p = (parameters ?? {}) as Record<string, unknown>;
  const modelUri = optionalString(p, 'model_uri');
  if (modelUri === undefined)
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_PARAMETER',
      'parameter model_uri is required (the folder or file of the ONNX model; the operator sets it for prepackaged servers)',
    );
  const rawThreads = p.intra_op_threads ?? ONNX_SERVER_DEFAULTS.intra_op_threads;
  const intraOpThreads =
    typeof rawThreads === 'string' && rawThreads.trim() !== '' ? Number(rawThreads) : rawThreads;
  if (typeof intraOpThreads !== 'number' || !Number.isInteger(intraOpThreads) || intraOpThreads < 1)
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_PARAMETER',
      `parameter intra_op_threads must be an integer >= 1, got ${JSON.stringify(rawThreads)}`,
    );
  return {
    modelUri,
    intraOpThreads,
    output: optionalString(p, 'output'),
    modelName: optionalString(p, 'model_name'),
  };
}
