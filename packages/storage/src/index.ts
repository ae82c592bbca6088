/**
 * @seldon-ts/storage: the storage initializer. Copies a model from a `modelUri` (local path,
 * `file://`, `http(s)://`, `s3://` and rclone S3 remotes) to a local folder.
 */
export { downloadModel } from './download.js';
export type { DownloadResult } from './download.js';
export { parseModelUri } from './model-uri.js';
export type { ModelUri, ModelUriScheme } from './model-uri.js';
export { STORAGE_DEFAULTS } from './options.js';
export type { DownloadOptions, S3Overrides } from './options.js';
export { s3SettingsFromEnv } from './s3-settings.js';
export type { S3Settings } from './s3-settings.js';
export { STORAGE_ERRORS, StorageError, isStorageError } from './errors.js';
export type { StorageErrorCode } from './errors.js';
