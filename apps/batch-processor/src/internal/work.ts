import { setTimeout as sleep } from 'node:timers/promises';
import { dataToNd, ndToData } from '@seldon-ts/payload';
import type { TfTensor } from '@seldon-ts/payload';
import { BatchError } from '../errors.js';
import type { ResolvedBatchOptions } from '../options.js';
import type { DeploymentClient, DeploymentResponse } from './client.js';
import { encodeData, tensorOf, tftensorOf, toDense } from './dense.js';
import type { Json, JsonObject } from './json.js';
import { excerpt, isJsonObject } from './json.js';
import type { InputLine } from './line-reader.js';
import { uuid1 } from './uuid1.js';

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

/** The reference's error record: tags directly under `meta` (not `meta.tags`) for predictions. */
function errorRecord(error: unknown, meta: JsonObject): LineOutcome {
  return {
    ok: false,
    text: JSON.stringify({ status: { info: 'FAILURE', reason: reasonOf(error), status: 1 }, meta }),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof BatchError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function decodeLine(line: InputLine, maxLineBytes: number): Json {
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

async function withRetries(
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

/** A line of a mini-batch that passed validation. */
interface BatchItem {
  readonly position: number;
  readonly line: InputLine;
  readonly instanceId: string;
  /** `data` type: the rows; `raw` type: the message's rows plus its own tags. */
  readonly rows: Json[];
  readonly tensorRow?: { shape: number[]; values: number[] };
  readonly ownTags: JsonObject;
}

interface RawTemplate {
  kind: 'ndarray' | 'tensor';
  names: Json | undefined;
  rowShape: string;
}

/**
 * Mini-batching: valid lines of the group are merged into one request and the response is split
 * back into one output line per input line. Lines that fail validation get their own error record
 * and are left out of the request (the reference failed the whole group with one record).
 */
async function processMiniBatch(group: readonly InputLine[], ctx: WorkContext): Promise<LineOutcome[]> {
  const { options } = ctx;
  const puid = uuid1();
  const outcomes: LineOutcome[] = new Array(group.length);
  const items: BatchItem[] = [];
  let template: RawTemplate | undefined;
  const metaOf = (line: InputLine, instanceId: string): JsonObject => ({
    batch_index: line.index,
    batch_instance_id: instanceId,
    batch_id: options.batchId,
  });

  group.forEach((line, position) => {
    const instanceId = `${puid}-item-${position}`;
    const where = `line ${line.index}`;
    try {
      const value = decodeLine(line, options.maxLineBytes);
      if (options.dataType === 'data') {
        if (!Array.isArray(value) || value.length !== 1) {
          throw new BatchError(
            'SC_ERR_BATCH_LINE_INVALID',
            `${where}: with batch size > 1 each line must be an array whose first dimension is 1`,
          );
        }
        if (options.payloadType !== 'ndarray') {
          const dense = toDense(value, where);
          if (
            items.length > 0 &&
            items[0].tensorRow !== undefined &&
            items[0].tensorRow.shape.join('x') !== dense.shape.join('x')
          ) {
            throw new BatchError(
              'SC_ERR_BATCH_LINE_INVALID',
              `${where}: shape [${dense.shape}] differs from the first line of its mini-batch [${items[0].tensorRow.shape}]`,
            );
          }
          items.push({ position, line, instanceId, rows: value, tensorRow: dense, ownTags: {} });
        } else {
          items.push({ position, line, instanceId, rows: value, ownTags: {} });
        }
        return;
      }
      // raw
      if (!isJsonObject(value) || !isJsonObject(value.data)) {
        throw new BatchError(
          'SC_ERR_BATCH_LINE_INVALID',
          `${where}: with batch size > 1 each raw line must be a SeldonMessage with data.ndarray or data.tensor`,
        );
      }
      const data = value.data;
      const meta = isJsonObject(value.meta) ? value.meta : {};
      const ownTags = isJsonObject(meta.tags) ? meta.tags : {};
      let candidate: RawTemplate;
      let item: BatchItem;
      if (Array.isArray(data.ndarray)) {
        if (data.ndarray.length !== 1) {
          throw new BatchError(
            'SC_ERR_BATCH_LINE_INVALID',
            `${where}: data.ndarray must have first dimension 1 with batch size > 1`,
          );
        }
        candidate = { kind: 'ndarray', names: data.names, rowShape: '' };
        item = { position, line, instanceId, rows: data.ndarray, ownTags };
      } else if (
        isJsonObject(data.tensor) &&
        Array.isArray(data.tensor.shape) &&
        Array.isArray(data.tensor.values)
      ) {
        const shape = data.tensor.shape;
        const values = data.tensor.values;
        if (
          shape[0] !== 1 ||
          !shape.every((d) => typeof d === 'number') ||
          !values.every((v) => typeof v === 'number')
        ) {
          throw new BatchError(
            'SC_ERR_BATCH_LINE_INVALID',
            `${where}: data.tensor must be numeric with shape[0] = 1 with batch size > 1`,
          );
        }
        const dims = shape as number[];
        if (values.length !== dims.reduce((a, b) => a * b, 1)) {
          throw new BatchError(
            'SC_ERR_BATCH_LINE_INVALID',
            `${where}: data.tensor has ${values.length} values for shape [${dims}]`,
          );
        }
        candidate = { kind: 'tensor', names: data.names, rowShape: dims.slice(1).join('x') };
        item = {
          position,
          line,
          instanceId,
          rows: [],
          tensorRow: { shape: dims, values: values as number[] },
          ownTags,
        };
      } else {
        throw new BatchError(
          'SC_ERR_BATCH_LINE_INVALID',
          `${where}: only data.ndarray and data.tensor are supported with batch size > 1`,
        );
      }
      if (template === undefined) {
        template = candidate;
      } else if (
        template.kind !== candidate.kind ||
        template.rowShape !== candidate.rowShape ||
        JSON.stringify(template.names ?? []) !== JSON.stringify(candidate.names ?? [])
      ) {
        throw new BatchError(
          'SC_ERR_BATCH_LINE_INVALID',
          `${where}: data kind, names or shape differ from the first line of its mini-batch`,
        );
      }
      items.push(item);
    } catch (error) {
      outcomes[position] = errorRecord(error, metaOf(line, instanceId));
    }
  });

  if (items.length > 0) {
    try {
      const request = mergeRequest(items, template, options);
      const response = await withRetries(ctx, () => ctx.client.predict(request, puid));
      const split = splitResponse(response.message, items.length);
      items.forEach((item, i) => {
        const tags: JsonObject = {
          ...item.ownTags,
          ...split.tags,
          batch_id: options.batchId,
          batch_index: item.line.index,
          batch_instance_id: item.instanceId,
        };
        outcomes[item.position] = { ok: true, text: JSON.stringify(split.itemMessage(i, tags)) };
      });
    } catch (error) {
      for (const item of items)
        outcomes[item.position] = errorRecord(error, metaOf(item.line, item.instanceId));
    }
  }
  return outcomes;
}

function mergeRequest(
  items: readonly BatchItem[],
  template: RawTemplate | undefined,
  options: ResolvedBatchOptions,
): JsonObject {
  const meta = { tags: { batch_id: options.batchId } };
  if (options.dataType === 'data') {
    if (options.payloadType === 'ndarray') return { data: { ndarray: items.flatMap((i) => i.rows) }, meta };
    const first = items[0].tensorRow!;
    const dense = {
      shape: [items.length, ...first.shape.slice(1)],
      values: items.flatMap((i) => i.tensorRow!.values),
    };
    return {
      data: options.payloadType === 'tensor' ? { tensor: tensorOf(dense) } : { tftensor: tftensorOf(dense) },
      meta,
    };
  }
  const data: JsonObject = {};
  if (template!.names !== undefined) data.names = template!.names;
  if (template!.kind === 'ndarray') {
    data.ndarray = items.flatMap((i) => i.rows);
  } else {
    const first = items[0].tensorRow!;
    data.tensor = {
      shape: [items.length, ...first.shape.slice(1)],
      values: items.flatMap((i) => i.tensorRow!.values),
    };
  }
  return { data, meta };
}

interface SplitResponse {
  readonly tags: JsonObject;
  itemMessage(i: number, tags: JsonObject): JsonObject;
}

/** Splits a mini-batch response into per-item messages (row i of `data.ndarray` or `data.tensor`). */
function splitResponse(message: JsonObject, count: number): SplitResponse {
  const data = message.data;
  const meta = isJsonObject(message.meta) ? message.meta : {};
  const tags = isJsonObject(meta.tags) ? meta.tags : {};
  const build = (i: number, tags: JsonObject, itemData: JsonObject): JsonObject => ({
    ...message,
    data: itemData,
    meta: { ...meta, tags },
  });
  if (isJsonObject(data) && Array.isArray(data.ndarray)) {
    const rows = data.ndarray;
    if (rows.length !== count) {
      throw new BatchError(
        'SC_ERR_BATCH_RESPONSE_INVALID',
        `mini-batch of ${count} lines got a response with ${rows.length} rows in data.ndarray`,
      );
    }
    return { tags, itemMessage: (i, t) => build(i, t, { ...data, ndarray: [rows[i]] }) };
  }
  if (
    isJsonObject(data) &&
    isJsonObject(data.tensor) &&
    Array.isArray(data.tensor.shape) &&
    Array.isArray(data.tensor.values)
  ) {
    const tensor = data.tensor;
    const shape = tensor.shape as number[];
    const values = tensor.values as Json[];
    if (shape[0] !== count || values.length % count !== 0) {
      throw new BatchError(
        'SC_ERR_BATCH_RESPONSE_INVALID',
        `mini-batch of ${count} lines got a response tensor of shape [${shape}] with ${values.length} values`,
      );
    }
    const rowSize = values.length / count;
    return {
      tags,
      itemMessage: (i, t) =>
        build(i, t, {
          ...data,
          tensor: {
            ...tensor,
            shape: [1, ...shape.slice(1)],
            values: values.slice(i * rowSize, (i + 1) * rowSize),
          },
        }),
    };
  }
  if (isJsonObject(data) && isJsonObject(data.tftensor)) {
    // The reference could not split tftensor answers; decoding them (tensorContent or *Val) can.
    let nd;
    try {
      nd = dataToNd({ tftensor: data.tftensor as TfTensor });
    } catch (error) {
      throw new BatchError(
        'SC_ERR_BATCH_RESPONSE_INVALID',
        `mini-batch response tftensor cannot be decoded: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (nd.shape[0] !== count) {
      throw new BatchError(
        'SC_ERR_BATCH_RESPONSE_INVALID',
        `mini-batch of ${count} lines got a response tftensor of shape [${nd.shape}]`,
      );
    }
    const rowSize = nd.values.length / count;
    const rowShape = [1, ...nd.shape.slice(1)];
    const { values, dtype } = nd;
    return {
      tags,
      itemMessage: (i, t) => {
        const row = { shape: rowShape, values: values.slice(i * rowSize, (i + 1) * rowSize), dtype };
        return build(i, t, {
          ...data,
          tftensor: ndToData(row, 'tftensor').tftensor as unknown as JsonObject,
        });
      },
    };
  }
  throw new BatchError(
    'SC_ERR_BATCH_RESPONSE_INVALID',
    'only ndarray, tensor and tftensor responses can be split per line with batch size > 1',
  );
}
