import { StorageError } from './errors.js';

/**
 * A parsed `modelUri`, discriminated by `scheme`. The operator uses it to decide between an init
 * container (`file`, `http`, `https`, `s3`, `remote`) and a volume mount (`pvc`).
 */
export type ModelUri =
  /** A local path as written (relative paths resolve against `baseDir`); `file://` removed. */
  | { readonly scheme: 'file'; readonly path: string }
  /** One file; `fileName` is the last segment of the URL path, decoded. */
  | { readonly scheme: 'http' | 'https'; readonly url: string; readonly fileName: string }
  /** `s3://bucket/prefix` or rclone style `s3:bucket/prefix`; `remote` names the rclone remote (`s3`). */
  | { readonly scheme: 's3'; readonly remote: string; readonly bucket: string; readonly prefix: string }
  /** `pvc://claim/path`: the operator mounts the claim (at /mnt/pvc) instead of downloading. */
  | { readonly scheme: 'pvc'; readonly claimName: string; readonly path: string }
  /** `gs://bucket/prefix` (not downloaded yet). */
  | { readonly scheme: 'gs'; readonly bucket: string; readonly prefix: string }
  /** `https://<account>.blob.core.windows.net/<container>/<prefix>` (not downloaded yet). */
  | {
      readonly scheme: 'azure';
      readonly account: string;
      readonly container: string;
      readonly prefix: string;
    }
  /**
   * Another rclone remote, `name:path` or `name://path` (e.g. `minio:models/iris`). Its type comes
   * from `RCLONE_CONFIG_<NAME>_TYPE` at download time; only `s3` is downloaded.
   */
  | { readonly scheme: 'remote'; readonly remote: string; readonly path: string };

/** The `ModelUri` schemes. */
export type ModelUriScheme = ModelUri['scheme'];

/** `name:rest`, where name is an rclone remote name or a URL scheme (letters first, no `/`). */
const PREFIXED = /^([A-Za-z][A-Za-z0-9_.+-]*):(.*)$/s;
const AZURE_BLOB_HOST = /^([a-z0-9]+)\.blob\.core\.windows\.net$/i;

function badUri(uri: string, why: string): StorageError {
  return new StorageError('SC_ERR_STORAGE_BAD_URI', `modelUri ${JSON.stringify(uri)}: ${why}`);
}

/** `//bucket/prefix` or `bucket/prefix` → bucket and prefix (no trailing slash). */
function bucketAndPrefix(uri: string, rest: string): { bucket: string; prefix: string } {
  const trimmed = rest.startsWith('//') ? rest.slice(2) : rest;
  const slash = trimmed.indexOf('/');
  const bucket = slash < 0 ? trimmed : trimmed.slice(0, slash);
  if (bucket === '') throw badUri(uri, 'no bucket name');
  const prefix = slash < 0 ? '' : trimmed.slice(slash + 1).replace(/\/+$/, '');
  return { bucket, prefix };
}

function decode(uri: string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badUri(uri, 'the URL path is not valid percent-encoding');
  }
}

function parseHttp(uri: string, scheme: 'http' | 'https'): ModelUri {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badUri(uri, 'not a valid URL');
  }
  const azure = AZURE_BLOB_HOST.exec(url.hostname);
  if (azure) {
    const { bucket, prefix } = bucketAndPrefix(uri, decode(uri, url.pathname).slice(1));
    return { scheme: 'azure', account: azure[1], container: bucket, prefix };
  }
  const last = url.pathname.split('/').pop() ?? '';
  const fileName = decode(uri, last);
  if (fileName === '' || fileName === '.' || fileName === '..' || fileName.includes('/')) {
    throw badUri(uri, 'the URL path must end with a file name (e.g. https://host/models/model.joblib)');
  }
  return { scheme, url: url.href, fileName };
}

function parsePvc(uri: string, rest: string): ModelUri {
  const match = /^\/\/([^/]+)\/?(.*)$/s.exec(rest);
  if (!match) throw badUri(uri, 'expected pvc://<claim>/<path>');
  return { scheme: 'pvc', claimName: match[1], path: match[2].replace(/\/+$/, '') };
}

/**
 * Parses a SeldonDeployment `modelUri` without touching the network or the environment.
 *
 * Paths (`/models/iris`, `./iris`, `iris`) and `file://` give `file`; `s3://` and rclone's `s3:`
 * give `s3`; other `name:` prefixes give `remote` (rclone remotes). Throws
 * `SC_ERR_STORAGE_BAD_URI` for an empty URI, a missing bucket or an http(s) URL without a file name.
 */
export function parseModelUri(uri: string): ModelUri {
  if (typeof uri !== 'string' || uri.trim() === '') throw badUri(String(uri), 'empty');
  const prefixed = uri.startsWith('/') || uri.startsWith('.') ? null : PREFIXED.exec(uri);
  if (!prefixed) return { scheme: 'file', path: uri };
  const name = prefixed[1];
  const rest = prefixed[2];
  switch (name.toLowerCase()) {
    case 'file': {
      const path = rest.replace(/^\/\//, '');
      if (path === '') throw badUri(uri, 'no path after file://');
      return { scheme: 'file', path };
    }
    case 'http':
    case 'https':
      return parseHttp(uri, name.toLowerCase() as 'http' | 'https');
    case 's3':
      return { scheme: 's3', remote: name, ...bucketAndPrefix(uri, rest) };
    case 'gs':
    case 'gcs':
      return { scheme: 'gs', ...bucketAndPrefix(uri, rest) };
    case 'pvc':
      return parsePvc(uri, rest);
    default: {
      const path = rest.replace(/^\/+/, '');
      if (path === '') throw badUri(uri, `nothing after "${name}:"`);
      return { scheme: 'remote', remote: name, path };
    }
  }
}
