import { StorageError } from './errors.js';
import type { S3Overrides } from './options.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How one S3 remote is reached. Secrets are in `credentials`; `credentialSource` names their origin. */
export interface S3Settings {
  /** Endpoint URL with scheme, or undefined for AWS. */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Static credentials, or undefined for the AWS SDK default chain (web identity, ~/.aws, instance metadata). */
  readonly credentials:
    | { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string }
    | undefined;
  /** Requests are sent unsigned (public bucket). */
  readonly anonymous: boolean;
  readonly verifyTls: boolean;
  /** Where the credentials came from, for logs: a variable name, `options.s3`, `anonymous` or `default chain`. */
  readonly credentialSource: string;
}

const DEFAULT_REGION = 'us-east-1';

/** The rclone environment prefix of a remote: `minio` → `RCLONE_CONFIG_MINIO_`. */
export function rcloneEnvPrefix(remote: string): string {
  return `RCLONE_CONFIG_${remote.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function isFalse(value: string | undefined): boolean {
  return value !== undefined && /^(0|false|no|off)$/i.test(value.trim());
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

/** Adds `http://` or `https://` to a bare `host:port`, as the reference initializers did. */
function withScheme(endpoint: string, useHttps: boolean): string {
  const full = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)
    ? endpoint
    : `${useHttps ? 'https' : 'http'}://${endpoint}`;
  try {
    return new URL(full).href.replace(/\/$/, '');
  } catch {
    throw new StorageError(
      'SC_ERR_STORAGE_BAD_OPTION',
      `S3 endpoint ${JSON.stringify(endpoint)} is not a valid URL`,
    );
  }
}

function pairFrom(
  env: Env,
  idName: string,
  secretName: string,
  tokenName: string,
): S3Settings['credentials'] | undefined {
  const accessKeyId = nonEmpty(env, idName);
  const secretAccessKey = nonEmpty(env, secretName);
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? idName : secretName;
    throw new StorageError(
      'SC_ERR_STORAGE_BAD_OPTION',
      `${missing} is not set but its pair is; set both or neither`,
    );
  }
  const sessionToken = nonEmpty(env, tokenName);
  return sessionToken === undefined
    ? { accessKeyId, secretAccessKey }
    : { accessKeyId, secretAccessKey, sessionToken };
}

interface EnvSettings {
  endpoint: string | undefined;
  region: string | undefined;
  forcePathStyle: boolean | undefined;
  credentials: S3Settings['credentials'];
  anonymous: boolean;
  credentialSource: string;
}

/** rclone's S3 remote variables (`RCLONE_CONFIG_<REMOTE>_*`), as the reference's default initializer reads them. */
function fromRclone(env: Env, prefix: string): EnvSettings {
  const endpoint = nonEmpty(env, `${prefix}ENDPOINT`);
  const pathStyle = nonEmpty(env, `${prefix}FORCE_PATH_STYLE`);
  const envAuth = isTrue(env[`${prefix}ENV_AUTH`]);
  const own = pairFrom(env, `${prefix}ACCESS_KEY_ID`, `${prefix}SECRET_ACCESS_KEY`, `${prefix}SESSION_TOKEN`);
  const viaEnv = envAuth
    ? pairFrom(env, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN')
    : undefined;
  const credentials = own ?? viaEnv;
  return {
    endpoint: endpoint === undefined ? undefined : withScheme(endpoint, true),
    region: nonEmpty(env, `${prefix}REGION`) ?? nonEmpty(env, 'AWS_REGION'),
    forcePathStyle: pathStyle === undefined ? undefined : !isFalse(pathStyle),
    credentials,
    // rclone: no keys and env_auth false means anonymous access.
    anonymous: credentials === undefined && !envAuth,
    credentialSource: own
      ? `${prefix}ACCESS_KEY_ID`
      : viaEnv
        ? 'AWS_ACCESS_KEY_ID'
        : envAuth
          ? 'default chain'
          : 'anonymous',
  };
}

/** The KServe/kfserving initializer's variables, which the operator also injects from service-account secrets. */
function fromAwsEnv(env: Env): EnvSettings {
  const useHttps = !isFalse(env.S3_USE_HTTPS) && !isFalse(env.USE_SSL);
  const raw = nonEmpty(env, 'AWS_ENDPOINT_URL') ?? nonEmpty(env, 'S3_ENDPOINT');
  const credentials = pairFrom(env, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN');
  return {
    endpoint: raw === undefined ? undefined : withScheme(raw, useHttps),
    region: nonEmpty(env, 'AWS_REGION') ?? nonEmpty(env, 'AWS_DEFAULT_REGION'),
    forcePathStyle: undefined,
    credentials,
    anonymous: false,
    credentialSource: credentials ? 'AWS_ACCESS_KEY_ID' : 'default chain',
  };
}

/**
 * Resolves how to reach the S3 remote `remote` (`s3` for `s3://` URIs): `options.s3` first, then
 * `RCLONE_CONFIG_<REMOTE>_*` when `RCLONE_CONFIG_<REMOTE>_TYPE` is set, else the AWS/KServe variables.
 * Throws `SC_ERR_STORAGE_UNSUPPORTED_SCHEME` when the rclone remote is not of type `s3`.
 */
export function s3SettingsFromEnv(remote: string, env: Env, overrides: S3Overrides = {}): S3Settings {
  const prefix = rcloneEnvPrefix(remote);
  const type = nonEmpty(env, `${prefix}TYPE`);
  if (type !== undefined && type.trim().toLowerCase() !== 's3') {
    throw new StorageError(
      'SC_ERR_STORAGE_UNSUPPORTED_SCHEME',
      `rclone remote "${remote}" has ${prefix}TYPE=${type}; only type s3 is downloaded`,
    );
  }
  const base = type === undefined ? fromAwsEnv(env) : fromRclone(env, prefix);
  const overridden = pairFrom(
    {
      'options.s3.accessKeyId': overrides.accessKeyId,
      'options.s3.secretAccessKey': overrides.secretAccessKey,
      'options.s3.sessionToken': overrides.sessionToken,
    },
    'options.s3.accessKeyId',
    'options.s3.secretAccessKey',
    'options.s3.sessionToken',
  );
  const endpoint = overrides.endpoint === undefined ? base.endpoint : withScheme(overrides.endpoint, true);
  const anonymous = overrides.anonymous ?? (overridden ? false : base.anonymous);
  return {
    endpoint,
    region: overrides.region ?? base.region ?? DEFAULT_REGION,
    forcePathStyle: overrides.forcePathStyle ?? base.forcePathStyle ?? endpoint !== undefined,
    credentials: anonymous ? undefined : (overridden ?? base.credentials),
    anonymous,
    verifyTls: overrides.verifyTls ?? !isFalse(env.S3_VERIFY_SSL),
    credentialSource: anonymous ? 'anonymous' : overridden ? 'options.s3' : base.credentialSource,
  };
}
