// What every way of processing input lines shares: the output line, the context a worker passes
// down, decoding one input line, the reference's error record and retrying a request.

import { setTimeout as sleep } from 'node:timers/promises';
import { BatchError } from '../errors.js';
import type { ResolvedBatchOptions } from '../options.js';
import type { DeploymentClient, DeploymentResponse } from './client.js';
import type { Json, JsonObject } from './json.js';
import { excerpt } from './json.js';
import type { InputLine } from './line-reader.js';

/** One output line and whether it reports success. */
export interface LineOutcome {
  readonly text: string;
  readonly ok: boolean;
}

/** Counters shared by the workers. */
export interface WorkStats {
  requests: number;
  retries: number;
}

/** What a worker needs to turn a group of lines into output lines. */
export interface WorkContext {
  readonly options: ResolvedBatchOptions;
  readonly client: DeploymentClient;
  readonly stats: WorkStats;
}

/** The reference's error record: tags directly under `meta` (not `meta.tags`) for predictions. */
export function errorRecord(error: unknown, meta: JsonObject): LineOutcome {
  return {
    ok: false,
    text: JSON.stringify({ status: { info: 'FAILURE', reason: reasonOf(error), status: 1 }, meta }),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof BatchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function decodeLine(line: InputLine, maxLineBytes: number): Json {
  if (line.text === undefined) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_TOO_LONG',
      `line ${line.index} is ${line.bytes} bytes, longer than maxLineBytes (${maxLineBytes})`,
    );
  }
  try {
    return JSON.parse(line.text) as Json;
  } catch (error) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_NOT_JSON',
      `line ${line.index} is not JSON (${(error as Error).message}): ${excerpt(line.text, 120)}`,
    );
  }
}

export async function withRetries(
  ctx: WorkContext,
  attempt: () => Promise<DeploymentResponse>,
): Promise<DeploymentResponse> {
  const { retries, retryDelayMs } = ctx.options;
  for (let n = 1; ; n++) {
    ctx.stats.requests++;
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof BatchError) || !error.retryable || n >= retries) throw error;
      ctx.stats.retries++;
      if (retryDelayMs > 0) await sleep(retryDelayMs);
    }
  }
}
