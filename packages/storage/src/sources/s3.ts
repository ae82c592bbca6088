import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { isStorageError, StorageError } from '../errors.js';
import { classifyStatus, classifyTransportError } from '../internal/classify.js';
import type { SourceContext } from '../internal/context.js';
import { startTransfer, type TransferState } from '../internal/transfer.js';
import { withRetries } from '../internal/retry.js';
import { insideRoot, safeSegments } from '../internal/safe-path.js';
import { writeBody } from '../internal/write-body.js';
import type { S3Settings } from '../s3-settings.js';

/** Where to download from: a bucket and a key prefix (no leading or trailing `/`). */
export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
}

interface PlannedObject {
  readonly key: string;
  readonly size: number | undefined;
  /** Path below the destination. */
  readonly segments: readonly string[];
}

const ACCESS_DENIED_NAMES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'Forbidden',
  'CredentialsProviderError',
]);
const NOT_FOUND_NAMES = new Set(['NoSuchBucket', 'NoSuchKey', 'NotFound']);

/** The S3 client of one download; our retry loop replaces the SDK's (maxAttempts 1). */
export function createS3Client(settings: S3Settings): S3Client {
  const config: S3ClientConfig = {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    maxAttempts: 1,
    // Plain GET/list: no checksum negotiation that older S3-compatible servers do not know.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_SUPPORTED',
  };
  if (settings.endpoint !== undefined) config.endpoint = settings.endpoint;
  if (settings.credentials !== undefined) config.credentials = settings.credentials;
  if (settings.anonymous) {
    // Unsigned requests for public buckets, as rclone does when a remote has no keys.
    config.credentials = { accessKeyId: '', secretAccessKey: '' };
    config.signer = { sign: async (req) => req };
  }
  if (!settings.verifyTls)
    config.requestHandler = { httpsAgent: new HttpsAgent({ rejectUnauthorized: false }) };
  return new S3Client(config);
}

/** An SDK error → a catalogue error. */
function classifySdkError(err: unknown, what: string, state: TransferState): StorageError {
  if (isStorageError(err)) return err;
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const name = e.name ?? '';
  if (!state.aborted && !state.timedOut) {
    if (NOT_FOUND_NAMES.has(name)) {
      return new StorageError('SC_ERR_STORAGE_NOT_FOUND', `${what}: ${name}`, { cause: err });
    }
    if (ACCESS_DENIED_NAMES.has(name)) {
      return new StorageError('SC_ERR_STORAGE_ACCESS_DENIED', `${what}: ${name}: ${e.message ?? ''}`.trim(), {
        cause: err,
      });
    }
    if (status !== undefined && status >= 300) return classifyStatus(status, what, name);
  }
  return classifyTransportError(err, what, state);
}

/** Runs one S3 call with the idle timer as its abort signal. */
async function call<T>(
  ctx: SourceContext,
  what: string,
  send: (abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { timer, classify } = startTransfer(ctx.options);
  try {
    return await send(timer.signal);
  } catch (err) {
    throw classify(err, (e, s) => classifySdkError(e, what, s));
  } finally {
    timer.clear();
  }
}

/** Lists every object under `prefix/` (rclone semantics: the prefix is a folder). */
async function listFolder(client: S3Client, loc: S3Location, ctx: SourceContext): Promise<PlannedObject[]> {
  const folder = loc.prefix === '' ? '' : `${loc.prefix}/`;
  const what = `s3://${loc.bucket}/${folder}`;
  const planned: PlannedObject[] = [];
  let token: string | undefined;
  do {
    const page = await withRetries(ctx.options, () =>
      call(ctx, what, (abortSignal) =>
        client.send(
          new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: folder, ContinuationToken: token }),
          { abortSignal },
        ),
      ),
    );
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? '';
      if (key.endsWith('/')) continue; // a folder marker
      const segments = safeSegments(key.slice(folder.length), `s3://${loc.bucket}/${key}`);
      if (segments.length === 0) continue;
      planned.push({ key, size: object.Size, segments });
      if (planned.length > ctx.options.maxFiles) ctx.budget.checkPlanned(planned.length, 0, what);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return planned;
}

/** `s3://bucket/path/model.joblib`: the prefix names one object. */
async function headSingle(client: S3Client, loc: S3Location, ctx: SourceContext): Promise<PlannedObject[]> {
  const what = `s3://${loc.bucket}/${loc.prefix}`;
  try {
    const head = await withRetries(ctx.options, () =>
      call(ctx, what, (abortSignal) =>
        client.send(new HeadObjectCommand({ Bucket: loc.bucket, Key: loc.prefix }), { abortSignal }),
      ),
    );
    const name = loc.prefix.split('/').pop() ?? '';
    return [{ key: loc.prefix, size: head.ContentLength, segments: safeSegments(name, what) }];
  } catch (err) {
    if (isStorageError(err) && err.code === 'SC_ERR_STORAGE_NOT_FOUND') {
      throw new StorageError(
        'SC_ERR_STORAGE_NOT_FOUND',
        `no object ${what} and no objects under ${what}/ (bucket ${loc.bucket})`,
        { cause: err },
      );
    }
    throw err;
  }
}

async function fetchObject(client: S3Client, loc: S3Location, object: PlannedObject, ctx: SourceContext) {
  const what = `s3://${loc.bucket}/${object.key}`;
  const file = insideRoot(ctx.root, object.segments, what);
  const { options, budget } = ctx;
  await withRetries(options, async () => {
    const { timer, state, classify: classifyWith } = startTransfer(options);
    const classify = (err: unknown): StorageError =>
      classifyWith(err, (e, s) => classifySdkError(e, what, s));
    try {
      let response;
      try {
        response = await client.send(new GetObjectCommand({ Bucket: loc.bucket, Key: object.key }), {
          abortSignal: timer.signal,
        });
      } catch (err) {
        throw classify(err);
      }
      state.phase = 'body';
      timer.touch();
      const body = response.Body as Readable | undefined;
      if (body === undefined) throw new StorageError('SC_ERR_STORAGE_REMOTE_ERROR', `${what}: no body`);
      await writeBody(body, file, { what, expectedBytes: response.ContentLength, budget, timer, classify });
    } finally {
      timer.clear();
    }
  });
}

/**
 * Runs `work` over `items`, at most `concurrency` at a time. After a failure no new item starts; the
 * running ones are awaited (so nothing writes into the staging folder once it is discarded) and the
 * first error is thrown.
 */
async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (errors.length === 0 && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}

/**
 * Downloads every object under `s3://bucket/prefix/` keeping the key's path below the prefix, or
 * the single object `prefix` when nothing is under it. Keys are checked and sizes summed before the
 * first byte is written.
 */
export async function downloadS3(loc: S3Location, settings: S3Settings, ctx: SourceContext): Promise<void> {
  const client = createS3Client(settings);
  try {
    let planned = await listFolder(client, loc, ctx);
    if (planned.length === 0) {
      if (loc.prefix === '') {
        throw new StorageError('SC_ERR_STORAGE_NOT_FOUND', `bucket s3://${loc.bucket} has no objects`);
      }
      planned = await headSingle(client, loc, ctx);
    }
    const total = planned.reduce((sum, o) => sum + (o.size ?? 0), 0);
    ctx.budget.checkPlanned(planned.length, total, `s3://${loc.bucket}/${loc.prefix}`);
    for (const o of planned) ctx.budget.addFile(`s3://${loc.bucket}/${o.key}`);
    await pool(planned, ctx.options.concurrency, (o) => fetchObject(client, loc, o, ctx));
  } finally {
    client.destroy();
  }
}
