// One group of input lines to output lines: a single prediction or feedback line here, a
// mini-batch in `mini-batch.ts`.

import { BatchError } from '../errors.js';
import type { ResolvedBatchOptions } from '../options.js';
import { encodeData } from './dense.js';
import type { Json, JsonObject } from './json.js';
import { isJsonObject } from './json.js';
import type { InputLine } from './line-reader.js';
import { decodeLine, errorRecord, withRetries } from './line-outcome.js';
import type { LineOutcome, WorkContext } from './line-outcome.js';
import { processMiniBatch } from './mini-batch.js';
import { uuid1 } from './uuid1.js';

export type { LineOutcome, WorkContext, WorkStats } from './line-outcome.js';

interface BatchTags {
  batch_id: string;
  batch_instance_id: string;
  batch_index: number;
}

/** Processes one group (one line, or one mini-batch) and returns one outcome per line, in order. */
export async function processGroup(group: readonly InputLine[], ctx: WorkContext): Promise<LineOutcome[]> {
  const { options } = ctx;
  if (options.method === 'feedback') return [await processFeedback(group[0], ctx)];
  if (options.batchSize === 1) return [await processPredict(group[0], ctx)];
  return processMiniBatch(group, ctx);
}

function tagsFor(line: InputLine, instanceId: string, batchId: string): BatchTags {
  return { batch_id: batchId, batch_instance_id: instanceId, batch_index: line.index };
}

/** Builds the SeldonMessage for one line (batch size 1), per data type. */
function buildPredictRequest(
  value: Json,
  tags: BatchTags,
  options: ResolvedBatchOptions,
  where: string,
): JsonObject {
  switch (options.dataType) {
    case 'data':
      return { data: encodeData(value, options.payloadType, where), meta: { tags: { ...tags } } };
    case 'str':
      if (typeof value !== 'string') {
        throw new BatchError(
          'SC_ERR_BATCH_LINE_INVALID',
          `${where}: data type 'str' needs a JSON string, got ${JSON.stringify(value).slice(0, 60)}`,
        );
      }
      return { strData: value, meta: { tags: { ...tags } } };
    case 'json':
      // The reference's client dropped the tags for jsonData; sending them keeps outputs joinable.
      return { jsonData: value, meta: { tags: { ...tags } } };
    case 'raw': {
      if (!isJsonObject(value)) {
        throw new BatchError(
          'SC_ERR_BATCH_LINE_INVALID',
          `${where}: data type 'raw' needs a JSON object (a SeldonMessage)`,
        );
      }
      const meta = isJsonObject(value.meta) ? value.meta : {};
      const ownTags = isJsonObject(meta.tags) ? meta.tags : {};
      return { ...value, meta: { ...meta, tags: { ...ownTags, ...tags } } };
    }
  }
}

/** True when the response already carries exactly this line's batch tags. */
function carriesTags(message: JsonObject, tags: BatchTags): boolean {
  const meta = message.meta;
  if (!isJsonObject(meta) || !isJsonObject(meta.tags)) return false;
  const t = meta.tags;
  return (
    t.batch_id === tags.batch_id &&
    t.batch_instance_id === tags.batch_instance_id &&
    t.batch_index === tags.batch_index
  );
}

/** The response with the line's batch tags in `meta.tags` (added when a node dropped them). */
function withTags(message: JsonObject, tags: JsonObject): JsonObject {
  const meta = isJsonObject(message.meta) ? message.meta : {};
  const own = isJsonObject(meta.tags) ? meta.tags : {};
  return { ...message, meta: { ...meta, tags: { ...own, ...tags } } };
}

async function processPredict(line: InputLine, ctx: WorkContext): Promise<LineOutcome> {
  const instanceId = uuid1();
  const tags = tagsFor(line, instanceId, ctx.options.batchId);
  try {
    const value = decodeLine(line, ctx.options.maxLineBytes);
    const request = buildPredictRequest(value, tags, ctx.options, `line ${line.index}`);
    const response = await withRetries(ctx, () => ctx.client.predict(request, instanceId));
    if (response.text !== undefined && carriesTags(response.message, tags))
      return { ok: true, text: response.text };
    return { ok: true, text: JSON.stringify(withTags(response.message, { ...tags })) };
  } catch (error) {
    return errorRecord(error, { ...tags });
  }
}

async function processFeedback(line: InputLine, ctx: WorkContext): Promise<LineOutcome> {
  const tags = tagsFor(line, uuid1(), ctx.options.batchId);
  try {
    const value = decodeLine(line, ctx.options.maxLineBytes);
    if (!isJsonObject(value)) {
      throw new BatchError(
        'SC_ERR_BATCH_LINE_INVALID',
        `line ${line.index}: feedback needs a JSON object ({"request", "response", "reward", "truth"})`,
      );
    }
    const response = await withRetries(ctx, () => ctx.client.feedback(value));
    return { ok: true, text: JSON.stringify(withTags(response.message, { ...tags })) };
  } catch (error) {
    // Feedback error records keep the tags under meta.tags, as the reference does.
    return errorRecord(error, { tags: { ...tags } });
  }
}
