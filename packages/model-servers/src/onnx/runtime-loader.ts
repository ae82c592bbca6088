// onnxruntime-node is an optional peer dependency: imported on first use, so the package works
// without it until an ONNX model is loaded.
import { ModelServerError } from '../errors.js';

/** The onnxruntime-node module (its types, without a static import of its code). */
export type OnnxRuntimeModule = typeof import('onnxruntime-node');

let loading: Promise<OnnxRuntimeModule> | undefined;

function isModuleNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * Imports onnxruntime-node once.
 * @throws ModelServerError `SC_ERR_ONNX_RUNTIME_MISSING` when it is not installed (or its native
 *   binary cannot be loaded), telling the user to `npm install onnxruntime-node`.
 */
export function loadOnnxRuntime(): Promise<OnnxRuntimeModule> {
  loading ??= import('onnxruntime-node').catch((err: unknown) => {
    loading = undefined;
    const why = isModuleNotFound(err)
      ? 'onnxruntime-node is not installed'
      : `onnxruntime-node could not be loaded (${(err as Error).message})`;
    throw new ModelServerError(
      'SC_ERR_ONNX_RUNTIME_MISSING',
      `${why}: the ONNX server needs it, run \`npm install onnxruntime-node\` (an optional peer dependency of @seldon-ts/model-servers)`,
      { cause: err },
    );
  });
  return loading;
}
