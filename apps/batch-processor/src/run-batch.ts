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
  const io = await openRun(opts);
  const counters = newCounters();
  const stats: WorkStats = { requests: 0, retries: 0 };
  const mode = opts.progress === 'auto' ? (progressStream.isTTY ? 'bar' : 'log') : opts.progress;
  logger.info(describeRun(opts));
  const progress = startProgress(
    mode,
    counters,
    io.totalBytes,
    opts.progressIntervalMs,
    logger,
    progressStream,
  );

  const pump: Pump = {
    opts,
    io,
    groups: groupLines(readLines(io.input, opts.maxLineBytes, counters), opts.batchSize),
    counters,
    stats,
    signal: hooks.signal,
    fatal: undefined,
    stoppedBy: undefined,
  };
  try {
    await Promise.all(Array.from({ length: opts.workers }, () => runWorker(pump)));
  } finally {
    progress.stop();
    await closeRun(pump);
  }
  if (pump.fatal !== undefined) throw pump.fatal;
  if (pump.stoppedBy !== undefined) {
    throw new BatchError(
      'SC_ERR_BATCH_ABORTED',
      `stopped by ${pump.stoppedBy} after ${counters.done} lines (${counters.failed} failed); every line taken was written, the rest of the input was not read`,
    );
  }
  const summary = summarize(opts, counters, stats);
  logSummary(
    logger,
    summary,
    mode === 'log' ? progressText(counters, io.totalBytes) : undefined,
    opts.benchmark,
  );
  return summary;
}

function newCounters(): ProgressCounters {
  return { startedAt: Date.now(), bytesRead: 0, bytesDone: 0, linesRead: 0, done: 0, failed: 0 };
}

/** The run's opening log line. */
function describeRun(opts: ResolvedBatchOptions): string {
  return (
    `batch ${opts.batchId}: ${opts.method} ${opts.inputDataPath} -> ${opts.outputDataPath} via ${opts.transport} ${opts.host} ` +
    `(deployment ${opts.deploymentName}, namespace ${opts.namespace}, gateway ${opts.gatewayType}, ${opts.workers} workers, batch size ${opts.batchSize})`
  );
}

/** The open input, output and deployment client of a run. */
interface RunIo {
  readonly input: FileHandle;
  readonly totalBytes: number;
  readonly writer: OutputWriter;
  readonly client: DeploymentClient;
}

/** Opens the input and output files and connects to the deployment; closes what it opened on failure. */
async function openRun(opts: ResolvedBatchOptions): Promise<RunIo> {
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
  return { input, totalBytes, writer, client };
}

/** What the workers of a run share: where lines come from and go, the counters, how the run stops. */
interface Pump {
  readonly opts: ResolvedBatchOptions;
  readonly io: RunIo;
  readonly groups: AsyncGenerator<InputLine[]>;
  readonly counters: ProgressCounters;
  readonly stats: WorkStats;
  readonly signal: AbortSignal | undefined;
  /** The first error that ends the run (unreadable input, unwritable output). */
  fatal: unknown;
  /** The abort reason, once the signal stopped the run. */
  stoppedBy: string | undefined;
}

/** One worker: takes the next group, processes it, writes its lines, until the input ends or the run stops. */
async function runWorker(pump: Pump): Promise<void> {
  const { opts, io, counters } = pump;
  for (;;) {
    const startedAt = Date.now();
    const group = await nextGroup(pump);
    if (group === undefined) return;
    const outcomes = await processGroup(group, { options: opts, client: io.client, stats: pump.stats });
    try {
      await io.writer.write(outcomes.map((o) => o.text));
    } catch (error) {
      pump.fatal ??= error;
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
}

/** The next group of lines; undefined once the input ends, the run failed or the signal aborted. */
async function nextGroup(pump: Pump): Promise<InputLine[] | undefined> {
  if (pump.fatal !== undefined) return undefined;
  if (pump.signal?.aborted) {
    pump.stoppedBy ??= String(pump.signal.reason ?? 'abort');
    return undefined;
  }
  try {
    const next = await pump.groups.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    pump.fatal ??= new BatchError(
      'SC_ERR_BATCH_INPUT_UNREADABLE',
      `cannot read input ${pump.opts.inputDataPath}: ${(error as Error).message}`,
      { cause: error },
    );
    return undefined;
  }
}

/** Stops reading and closes the client and files; an output that fails to flush fails the run. */
async function closeRun(pump: Pump): Promise<void> {
  const { io } = pump;
  await pump.groups.return(undefined).catch(() => undefined);
  await io.client.close().catch(() => undefined);
  await io.input.close().catch(() => undefined);
  try {
    await io.writer.close();
  } catch (error) {
    pump.fatal ??= error;
  }
}

function summarize(opts: ResolvedBatchOptions, counters: ProgressCounters, stats: WorkStats): BatchSummary {
  const elapsedMs = Date.now() - counters.startedAt;
  return {
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
}

/** The closing log lines; `finalProgress` is the last progress line when progress is logged. */
function logSummary(
  logger: BatchLogger,
  summary: BatchSummary,
  finalProgress: string | undefined,
  benchmark: boolean,
): void {
  const { elapsedMs } = summary;
  logger.info(`Total processed instances: ${summary.lines}`);
  logger.info(
    `summary: ${summary.lines} lines, ${summary.succeeded} succeeded, ${summary.failed} failed, ${summary.requests} requests ` +
      `(${summary.retries} retries), ${(elapsedMs / 1000).toFixed(2)} s, ${summary.linesPerSecond.toFixed(0)} lines/s`,
  );
  if (finalProgress !== undefined) logger.debug(`progress: ${finalProgress}`);
  if (benchmark) logger.info(`Elapsed time: ${elapsedMs / 1000}`);
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
