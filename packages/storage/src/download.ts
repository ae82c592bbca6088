import { resolve } from 'node:path';
import { isStorageError, StorageError } from './errors.js';
import { Budget } from './internal/budget.js';
import type { SourceContext } from './internal/context.js';
import { createStaging } from './internal/staging.js';
import { parseModelUri, type ModelUri } from './model-uri.js';
import { resolveOptions, type DownloadOptions, type ResolvedOptions } from './options.js';
import { rcloneEnvPrefix, s3SettingsFromEnv, type S3Settings } from './s3-settings.js';
import { copyLocal } from './sources/file.js';
import { downloadHttp } from './sources/http.js';
import type { S3Location } from './sources/s3.js';

/** What {@link downloadModel} copied. */
export interface DownloadResult {
  /** Absolute destination folder. */
  readonly destination: string;
  /** The parsed modelUri. */
  readonly source: ModelUri;
  /** Files written. */
  readonly files: number;
  /** Bytes written. */
  readonly bytes: number;
  /** For S3: where the credentials came from (a variable name, `anonymous`, `default chain`); else undefined. */
  readonly credentialSource: string | undefined;
}

type Plan = { run: (ctx: SourceContext) => Promise<void>; credentialSource: string | undefined };

function unsupported(uri: string, why: string): StorageError {
  return new StorageError('SC_ERR_STORAGE_UNSUPPORTED_SCHEME', `modelUri ${JSON.stringify(uri)}: ${why}`);
}

function s3Plan(loc: S3Location, settings: S3Settings): Plan {
  return {
    // The AWS SDK is loaded only for S3 URIs (it doubles the start time of the CLI).
    run: async (ctx) => (await import('./sources/s3.js')).downloadS3(loc, settings, ctx),
    credentialSource: settings.credentialSource,
  };
}

/** Chooses the source for a parsed URI, refusing unsupported ones before anything is written. */
function planFor(uri: string, parsed: ModelUri, options: ResolvedOptions): Plan {
  switch (parsed.scheme) {
    case 'file':
      return { run: (ctx) => copyLocal(parsed.path, ctx), credentialSource: undefined };
    case 'http':
    case 'https':
      return { run: (ctx) => downloadHttp(parsed.url, parsed.fileName, ctx), credentialSource: undefined };
    case 's3':
      return s3Plan(parsed, s3SettingsFromEnv(parsed.remote, options.env, options.s3));
    case 'remote': {
      const typeName = `${rcloneEnvPrefix(parsed.remote)}TYPE`;
      if (!options.env[typeName]) {
        throw unsupported(
          uri,
          `unknown scheme or rclone remote "${parsed.remote}" (set ${typeName}=s3 to use it)`,
        );
      }
      const settings = s3SettingsFromEnv(parsed.remote, options.env, options.s3);
      const slash = parsed.path.indexOf('/');
      const bucket = slash < 0 ? parsed.path : parsed.path.slice(0, slash);
      const prefix = slash < 0 ? '' : parsed.path.slice(slash + 1).replace(/\/+$/, '');
      return s3Plan({ bucket, prefix }, settings);
    }
    case 'pvc':
      throw unsupported(
        uri,
        `pvc:// is mounted, not downloaded: mount claim "${parsed.claimName}" (the operator mounts it at /mnt/pvc) and pass /mnt/pvc/${parsed.path}`,
      );
    case 'gs':
      throw unsupported(
        uri,
        'Google Cloud Storage is not supported yet; copy the model to S3/MinIO or an http(s) server',
      );
    case 'azure':
      throw unsupported(
        uri,
        'Azure Blob Storage is not supported yet; copy the model to S3/MinIO or an http(s) server',
      );
  }
}

/**
 * Copies the model at `modelUri` into the folder `destination` (resolved against the working
 * directory), as the storage initializer init container does for `/mnt/models`.
 *
 * Everything is written to a staging folder first and moved into place only when complete; on any
 * error the staging folder is removed and a {@link StorageError} is thrown (match on `code`).
 */
export async function downloadModel(
  modelUri: string,
  destination: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const resolved = resolveOptions(options);
  if (typeof destination !== 'string' || destination === '') {
    throw new StorageError('SC_ERR_STORAGE_BAD_OPTION', 'destination must be a non-empty path');
  }
  const parsed = parseModelUri(modelUri);
  const plan = planFor(modelUri, parsed, resolved);
  const target = resolve(destination);
  resolved.signal?.throwIfAborted();
  const staging = await createStaging(target);
  const budget = new Budget(resolved.maxTotalBytes, resolved.maxFiles);
  try {
    await plan.run({ options: resolved, budget, root: staging.dir });
    if (resolved.signal?.aborted) throw resolved.signal.reason;
    await staging.commit();
  } catch (err) {
    await staging.discard();
    if (resolved.signal?.aborted && !(isStorageError(err) && err.code !== 'SC_ERR_STORAGE_ABORTED')) {
      throw new StorageError('SC_ERR_STORAGE_ABORTED', `download of ${modelUri} aborted`, { cause: err });
    }
    if (isStorageError(err)) throw err;
    throw new StorageError(
      'SC_ERR_STORAGE_DESTINATION',
      `download of ${modelUri} failed: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  return {
    destination: target,
    source: parsed,
    files: budget.files,
    bytes: budget.bytes,
    credentialSource: plan.credentialSource,
  };
}
