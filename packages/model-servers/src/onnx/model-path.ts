// model_uri -> the .onnx file to open: the file itself, <folder>/model.onnx, or the folder's only
// *.onnx file.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelServerError } from '../errors.js';

/** The file name looked for first in a model folder. */
export const DEFAULT_MODEL_FILE = 'model.onnx';

/** `file://` URIs and plain paths become an absolute path; other schemes are refused. */
function toLocalPath(modelUri: string, cwd: string): string {
  if (modelUri.startsWith('file://')) {
    // `file://./model` (relative, as in local manifests) is not a valid file URL: take the rest as a path.
    const rest = modelUri.slice('file://'.length);
    return rest.startsWith('/') ? fileURLToPath(modelUri) : resolve(cwd, rest);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(modelUri);
  if (scheme !== null) {
    throw new ModelServerError(
      'SC_ERR_ONNX_BAD_PARAMETER',
      `model_uri ${JSON.stringify(modelUri)}: ${scheme[1]}:// is downloaded by the storage initializer, the server reads local files only (a path or file:// URI)`,
    );
  }
  return resolve(cwd, modelUri);
}

/**
 * The .onnx file `modelUri` designates.
 * @throws ModelServerError `SC_ERR_ONNX_BAD_PARAMETER` (remote scheme), `SC_ERR_ONNX_MODEL_NOT_FOUND`
 */
export function resolveModelFile(modelUri: string, cwd = process.cwd()): string {
  const path = toLocalPath(modelUri, cwd);
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new ModelServerError('SC_ERR_ONNX_MODEL_NOT_FOUND', `model_uri ${path} does not exist`, {
      cause: err,
    });
  }
  if (!isDir) return path;
  const files = readdirSync(path).filter((f) => f.toLowerCase().endsWith('.onnx'));
  if (files.includes(DEFAULT_MODEL_FILE)) return join(path, DEFAULT_MODEL_FILE);
  if (files.length === 1) return join(path, files[0]);
  throw new ModelServerError(
    'SC_ERR_ONNX_MODEL_NOT_FOUND',
    files.length === 0
      ? `no ${DEFAULT_MODEL_FILE} (nor any *.onnx file) in ${path}`
      : `no ${DEFAULT_MODEL_FILE} in ${path} and several *.onnx files (${files.sort().join(', ')}): name one in model_uri`,
  );
}
