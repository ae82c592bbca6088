// Finding and reading a saved XGBoost model: which file in the model folder, which format.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XGBoostBooster } from './booster.js';
import { ModelServerError } from '../errors.js';
import { decodeUbjson } from './ubjson.js';

/**
 * File names looked up in the model folder, in order. `model.bst` is the reference server's
 * name; it may hold JSON or UBJSON (XGBoost decides by content, not by name).
 */
export const MODEL_FILE_NAMES = ['model.json', 'model.ubj', 'model.bst'] as const;

/** The formats of a saved model. */
export type ModelFormat = 'json' | 'ubjson' | 'legacy-binary';

/** Options for reading a model file. */
export interface ReadModelOptions {
  /** Largest model file accepted, in bytes. Default 1 GiB. */
  maxModelBytes?: number;
  /** Folder a relative path or `file://./x` URI is resolved against. Default `process.cwd()`. */
  baseDir?: string;
}

/** Default of {@link ReadModelOptions.maxModelBytes}: 1 GiB. */
export const DEFAULT_MAX_MODEL_BYTES = 1024 * 1024 * 1024;

const UBJSON_AFTER_BRACE = new Set(['i', 'U', 'I', 'l', 'L', '$', '#']);

/** Tells the format of a saved model from its first bytes (as XGBoost does). */
export function sniffModelFormat(bytes: Uint8Array): ModelFormat {
  let i = 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  if (bytes[i] !== 0x7b) return 'legacy-binary';
  if (i === 0 && bytes.length > 1 && UBJSON_AFTER_BRACE.has(String.fromCharCode(bytes[1]))) return 'ubjson';
  return 'json';
}

/** Parses a saved model's bytes (JSON or UBJSON); the legacy binary format is refused. */
export function parseModelBytes(bytes: Uint8Array, fileName = 'model'): XGBoostBooster {
  const format = sniffModelFormat(bytes);
  if (format === 'legacy-binary')
    throw new ModelServerError(
      'SC_ERR_XGBOOST_LEGACY_BINARY',
      `${fileName} is in XGBoost's legacy binary format, which this server does not read: ` +
        `load it with xgboost in Python and re-save it with booster.save_model('model.json')`,
    );
  return XGBoostBooster.fromDocument(
    format === 'ubjson' ? decodeUbjson(bytes) : parseModelJson(bytes, fileName),
  );
}

/**
 * Parses XGBoost's JSON, which is JSON plus the bare tokens `NaN`, `Infinity` and `-Infinity`
 * (a categorical split's threshold is NaN). Those become null (read as NaN) and ±1e999.
 */
export function parseModelJson(bytes: Uint8Array, fileName = 'model'): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new ModelServerError('SC_ERR_XGBOOST_BAD_MODEL', `${fileName} is not UTF-8 text`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Fall through: most likely the non-standard tokens.
  }
  try {
    return JSON.parse(replaceNonFiniteTokens(text)) as unknown;
  } catch (err) {
    throw new ModelServerError(
      'SC_ERR_XGBOOST_BAD_MODEL',
      `${fileName} is not valid JSON: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

function replaceNonFiniteTokens(text: string): string {
  // Alternation order: strings are matched whole first, so tokens inside them stay untouched.
  return text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (m) =>
    m === 'NaN' ? 'null' : m === 'Infinity' ? '1e999' : m === '-Infinity' ? '-1e999' : m,
  );
}

/**
 * Turns `model_uri` into a local path: a path (relative ones against `baseDir`) or a `file:` URI
 * (`file:///abs`, `file://./rel`, `file:rel`). Remote schemes are refused: on Kubernetes the
 * storage initializer has already downloaded them (the operator passes `/mnt/models`).
 */
export function resolveModelUri(uri: string, baseDir: string = process.cwd()): string {
  if (uri.trim() === '') throw new ModelServerError('SC_ERR_XGBOOST_BAD_URI', 'model_uri is empty');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1];
  if (scheme === undefined || /^[a-zA-Z]:[\\/]/.test(uri)) return path.resolve(baseDir, uri);
  if (scheme.toLowerCase() !== 'file')
    throw new ModelServerError(
      'SC_ERR_XGBOOST_BAD_URI',
      `model_uri ${uri}: scheme ${scheme}: is not read by this server; download the model to a local folder ` +
        '(on Kubernetes the storage initializer does, and model_uri is /mnt/models)',
    );
  const rest = uri.slice('file:'.length);
  if (rest.startsWith('///')) return fileURLToPath(uri);
  if (rest.startsWith('//localhost/')) return fileURLToPath(uri);
  return path.resolve(baseDir, rest.startsWith('//') ? rest.slice(2) : rest);
}

/**
 * Finds the model file: `location` itself when it is a file, else the first of
 * {@link MODEL_FILE_NAMES} in that folder.
 */
export async function findModelFile(location: string): Promise<string> {
  const st = await stat(location).catch(() => undefined);
  if (st === undefined)
    throw new ModelServerError('SC_ERR_XGBOOST_MODEL_NOT_FOUND', `model location ${location} does not exist`);
  if (st.isFile()) return location;
  for (const name of MODEL_FILE_NAMES) {
    const candidate = path.join(location, name);
    const s = await stat(candidate).catch(() => undefined);
    if (s?.isFile()) return candidate;
  }
  throw new ModelServerError(
    'SC_ERR_XGBOOST_MODEL_NOT_FOUND',
    `no model file in ${location}: expected one of ${MODEL_FILE_NAMES.join(', ')}`,
  );
}

/** Reads and parses the model at `file`, refusing files over `maxModelBytes`. */
export async function readModelFile(
  file: string,
  maxModelBytes = DEFAULT_MAX_MODEL_BYTES,
): Promise<XGBoostBooster> {
  const st = await stat(file);
  if (st.size > maxModelBytes)
    throw new ModelServerError(
      'SC_ERR_XGBOOST_MODEL_TOO_LARGE',
      `${file} has ${st.size} bytes, over max_model_bytes (${maxModelBytes})`,
    );
  return parseModelBytes(await readFile(file), path.basename(file));
}

/** Resolves `model_uri`, finds the model file and loads it. */
export async function loadBooster(
  modelUri: string,
  options: ReadModelOptions = {},
): Promise<{ booster: XGBoostBooster; file: string }> {
  const file = await findModelFile(resolveModelUri(modelUri, options.baseDir));
  return { booster: await readModelFile(file, options.maxModelBytes), file };
}
