import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchError } from './errors.js';
import { silentLogger } from './logger.js';
import type { BatchLogger } from './logger.js';
import { resolveBatchOptions } from './options.js';
import type { BatchOptions, ResolvedBatchOptions } from './options.js';
import type { ClientSettings, DeploymentClient } from './internal/client.js';
import { groupLines, readLines } from './internal/line-reader.js';
import type { InputLine } from './internal/line-reader.js';
import { OutputWriter } from './internal/output-writer.js';
import { progressText, startProgress } from './internal/progress.js';
import type { ProgressCounters } from './internal/progress.js';
import { createRestClient } from './internal/rest-client.js';
import { processGroup } from './internal/work.js';
import type { WorkStats } from './internal/work.js';

/** What a finished run did. `failed === 0` means every line succeeded. */
export interface BatchSummary {
  readonly batchId: string;
  /** Input lines read (= output lines written). */
  readonly lines: number;
  readonly succeeded: number;
  /** Lines written as error records. */
  readonly failed: number;
  /** Requests sent, including retries. */
  readonly requests: number;
  /** Attempts beyond the first. */
  readonly retries: number;
  readonly elapsedMs: number;
  readonly linesPerSecond: number;
  readonly outputDataPath: string;
}

/** Things a caller (the CLI, a test) plugs into a run. */
export interface BatchRunHooks {
  /** Default: silent. */
  readonly logger?: BatchLogger;
  /** Where the progress bar is drawn. Default `process.stderr`. */
  readonly progressStream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Stops taking new lines when aborted; lines in flight are finished and written, then the run rejects with SC_ERR_BATCH_ABORTED. */
  readonly signal?: AbortSignal;
}

/**
 * Runs one batch: streams the input file through `workers` concurrent requests to the deployment
 * and writes exactly one output line per input line (in completion order; join on
 * `meta.tags.batch_index`). Line failures become error records and are counted in the summary;
 * only run-level problems (options, unreadable input, unwritable output) reject.
 */
export async function runBatch(options: BatchOptions, hooks: BatchRunHooks = {}): Promise<BatchSummary> {
  const opts = resolveBatchOptions(options);
  const logger = hooks.logger ?? silentLogger;
  const progressStream = hooks.progressStream ?? process.stderr;
  logger.debug(
    `effective options: ${JSON.stringify({ ...opts, callCredentialsToken: opts.callCredentialsToken ? '***' : '' })}`,
  );

  let input: FileHandle;
  try {
    input = await open(opts.inputDataPath, 'r');
  } catch (error) {
    throw new BatchError(
      'SC_ERR_BATCH_INPUT_UNREADABLE',
      `cannot open input ${opts.inputDataPath}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let output: FileHandle;
  try {
    output = await open(opts.outputDataPath, 'w');
  } catch (error) {
    await input.close();
    throw new BatchError(
      'SC_ERR_BATCH_OUTPUT_UNWRITABLE',
      `cannot create output ${opts.outputDataPath}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const totalBytes = (await input.stat()).size;
  const writer = new OutputWriter(output, opts.outputDataPath);
  let client: DeploymentClient;
  try {
    client = await createClient(opts);
  } catch (error) {
    await input.close().catch(() => undefined);
    await writer.close().catch(() => undefined);
    throw error instanceof BatchError
      ? error
      : new BatchError(
          'SC_ERR_BATCH_INVALID_OPTION',
          `cannot create a ${opts.transport} client for host '${opts.host}': ${(error as Error).message}`,
          { cause: error },
        );
  }
  const counters: ProgressCounters = {
    startedAt: Date.now(),
    bytesRead: 0,
    bytesDone: 0,
    linesRead: 0,
    done: 0,
    failed: 0,
  };
  const stats: WorkStats = { requests: 0, retries: 0 };
  const mode = opts.progress === 'auto' ? (progressStream.isTTY ? 'bar' : 'log') : opts.progress;
  logger.info(
    `batch ${opts.batchId}: ${opts.method} ${opts.inputDataPath} -> ${opts.outputDataPath} via ${opts.transport} ${opts.host} ` +
      `(deployment ${opts.deploymentName}, namespace ${opts.namespace}, gateway ${opts.gatewayType}, ${opts.workers} workers, batch size ${opts.batchSize})`,
  );
  const progress = startProgress(mode, counters, totalBytes, opts.progressIntervalMs, logger, progressStream);

  const groups = groupLines(readLines(input, opts.maxLineBytes, counters), opts.batchSize);
  let fatal: unknown;
  let stoppedBy: string | undefined;
  const nextGroup = async (): Promise<InputLine[] | undefined> => {
    if (fatal !== undefined) return undefined;
    if (hooks.signal?.aborted) {
      stoppedBy ??= String(hooks.signal.reason ?? 'abort');
      return undefined;
    }
    try {
      const next = await groups.next();
      return next.done ? undefined : next.value;
    } catch (error) {
      fatal ??= new BatchError(
        'SC_ERR_BATCH_INPUT_UNREADABLE',
        `cannot read input ${opts.inputDataPath}: ${(error as Error).message}`,
        { cause: error },
      );
      return undefined;
    }
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const startedAt = Date.now();
      const group = await nextGroup();
      if (group === undefined) return;
      const outcomes = await processGroup(group, { options: opts, client, stats });
      try {
        await writer.write(outcomes.map((o) => o.text));
      } catch (error) {
        fatal ??= error;
        return;
      }
      for (const outcome of outcomes) {
        counters.done++;
        if (!outcome.ok) counters.failed++;
      }
      for (const line of group) counters.bytesDone += line.bytes + 1;
      if (opts.batchIntervalMs > 0) {
        const wait = opts.batchIntervalMs - (Date.now() - startedAt);
        if (wait > 0) await sleep(wait);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: opts.workers }, worker));
  } finally {
    progress.stop();
    await groups.return(undefined).catch(() => undefined);
    await client.close().catch(() => undefined);
    await input.close().catch(() => undefined);
    try {
      await writer.close();
    } catch (error) {
      fatal ??= error;
    }
  }
  if (fatal !== undefined) throw fatal;
  if (stoppedBy !== undefined) {
    throw new BatchError(
      'SC_ERR_BATCH_ABORTED',
      `stopped by ${stoppedBy} after ${counters.done} lines (${counters.failed} failed); every line taken was written, the rest of the input was not read`,
    );
  }

  const elapsedMs = Date.now() - counters.startedAt;
  const summary: BatchSummary = {
    batchId: opts.batchId,
    lines: counters.done,
    succeeded: counters.done - counters.failed,
    failed: counters.failed,
    requests: stats.requests,
    retries: stats.retries,
    elapsedMs,
    linesPerSecond: elapsedMs > 0 ? (counters.done * 1000) / elapsedMs : counters.done,
    outputDataPath: opts.outputDataPath,
  };
  logger.info(`Total processed instances: ${summary.lines}`);
  logger.info(
    `summary: ${summary.lines} lines, ${summary.succeeded} succeeded, ${summary.failed} failed, ${summary.requests} requests ` +
      `(${summary.retries} retries), ${(elapsedMs / 1000).toFixed(2)} s, ${summary.linesPerSecond.toFixed(0)} lines/s`,
  );
  if (mode === 'log') logger.debug(`progress: ${progressText(counters, totalBytes)}`);
  if (opts.benchmark) logger.info(`Elapsed time: ${elapsedMs / 1000}`);
  return summary;
}

async function createClient(opts: ResolvedBatchOptions): Promise<DeploymentClient> {
  const settings: ClientSettings = {
    host: opts.host,
    gatewayType: opts.gatewayType,
    deploymentName: opts.deploymentName,
    namespace: opts.namespace,
    connections: opts.workers,
    timeoutMs: opts.timeoutMs,
    maxResponseBytes: opts.maxResponseBytes,
    useSsl: opts.useSsl,
    sslVerify: opts.sslVerify,
    callCredentialsToken: opts.callCredentialsToken,
  };
  if (opts.transport === 'rest') return createRestClient(settings);
  // Loaded on demand: REST-only runs never pay for the gRPC stack.
  const { createGrpcClient } = await import('./internal/grpc-client.js');
  return createGrpcClient(settings);
}
