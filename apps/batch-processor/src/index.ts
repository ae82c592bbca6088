/**
 * seldon-batch-processor: batch inference over a deployed Seldon graph. `runBatch` streams a local
 * file through concurrent REST or gRPC requests and writes one output line per input line;
 * `runCli` is the `seldon-batch-processor` command. Options, output format and differences from
 * Seldon Core v1: docs/batch.md.
 */
export { runBatch } from './run-batch.js';
export type { BatchSummary, BatchRunHooks } from './run-batch.js';
export { batchOptionDefaults, batchOptionSpecs, resolveBatchOptions } from './options.js';
export { parseBatchArgs } from './cli-args.js';
export type { ParsedBatchArgs } from './cli-args.js';
export type {
  BatchOptions,
  ResolvedBatchOptions,
  BatchOptionSpec,
  GatewayType,
  Transport,
  DataType,
  PayloadType,
  BatchMethod,
  LogLevel,
  ProgressMode,
} from './options.js';
export { BatchError, batchErrorCatalogue, isBatchError } from './errors.js';
export type { BatchErrorCode } from './errors.js';
export { createStreamLogger, silentLogger } from './logger.js';
export type { BatchLogger } from './logger.js';
export { runCli, exitCodes } from './cli-main.js';
export type { CliStreams } from './cli-main.js';
