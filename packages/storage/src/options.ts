import { StorageError } from './errors.js';

/** S3 settings that override what the environment says (see {@link s3SettingsFromEnv}). */
export interface S3Overrides {
  /** Endpoint URL, e.g. `http://minio.minio-system:9000`. Default: from the environment, else AWS. */
  endpoint?: string;
  /** Region. Default: from the environment, else `us-east-1`. */
  region?: string;
  /** Path-style addressing (`http://host/bucket/key`). Default: true when an endpoint is set. */
  forcePathStyle?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  /** Send unsigned requests (public buckets). Default: false. */
  anonymous?: boolean;
  /** Verify the endpoint's TLS certificate. Default: true (`S3_VERIFY_SSL=0` turns it off). */
  verifyTls?: boolean;
}

/** Options of {@link downloadModel}. Every limit has a default in {@link STORAGE_DEFAULTS}. */
export interface DownloadOptions {
  /** Directory that relative paths and `file://./x` URIs are resolved against. Default: `process.cwd()`. */
  baseDir?: string;
  /** Environment read for credentials and endpoints. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Most bytes written in total, over all files. Default 10 GiB. */
  maxTotalBytes?: number;
  /** Most files written. Default 100000. */
  maxFiles?: number;
  /** Longest wait, in ms, for response headers or for the next body bytes of one request. Default 60000. */
  requestTimeoutMs?: number;
  /** Retries of one request after a transient error (network, 5xx, 429, cut body). Default 3. */
  retries?: number;
  /** First backoff delay in ms; doubles at each retry. Default 500. */
  retryBaseDelayMs?: number;
  /** Longest backoff delay in ms. Default 10000. */
  retryMaxDelayMs?: number;
  /** Objects downloaded at the same time from S3. Default 4. */
  concurrency?: number;
  /** S3 settings taking precedence over the environment. */
  s3?: S3Overrides;
  /** Aborts the download; nothing is left in the destination. */
  signal?: AbortSignal;
}

/** The defaults of {@link DownloadOptions} (documented in packages/storage/README.md). */
export const STORAGE_DEFAULTS = {
  maxTotalBytes: 10 * 1024 ** 3,
  maxFiles: 100_000,
  requestTimeoutMs: 60_000,
  retries: 3,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 10_000,
  concurrency: 4,
} as const;

/** Options with every default applied and checked. */
export interface ResolvedOptions {
  readonly baseDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly maxTotalBytes: number;
  readonly maxFiles: number;
  readonly requestTimeoutMs: number;
  readonly retries: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly concurrency: number;
  readonly s3: S3Overrides;
  readonly signal: AbortSignal | undefined;
}

type NumericOption = keyof typeof STORAGE_DEFAULTS;

/** The lowest accepted value of each numeric option. */
const MINIMUM: Record<NumericOption, number> = {
  maxTotalBytes: 0,
  maxFiles: 1,
  requestTimeoutMs: 1,
  retries: 0,
  retryBaseDelayMs: 0,
  retryMaxDelayMs: 0,
  concurrency: 1,
};

function integerOption(options: DownloadOptions, name: NumericOption): number {
  const value = options[name] ?? STORAGE_DEFAULTS[name];
  if (!Number.isSafeInteger(value) || value < MINIMUM[name]) {
    throw new StorageError(
      'SC_ERR_STORAGE_BAD_OPTION',
      `option ${name} must be an integer >= ${MINIMUM[name]}, got ${String(value)}`,
    );
  }
  return value;
}

/** Applies the defaults and rejects invalid values, naming the option. */
export function resolveOptions(options: DownloadOptions = {}): ResolvedOptions {
  const numbers = Object.fromEntries(
    (Object.keys(STORAGE_DEFAULTS) as NumericOption[]).map((name) => [name, integerOption(options, name)]),
  ) as Record<NumericOption, number>;
  return {
    ...numbers,
    baseDir: options.baseDir ?? process.cwd(),
    env: options.env ?? process.env,
    s3: options.s3 ?? {},
    signal: options.signal,
  };
}
