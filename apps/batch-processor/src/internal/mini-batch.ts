// Mini-batching (batch size > 1): the valid lines of a group are merged into one request and the
// response is split back into one output line per input line. Lines that fail validation get
// their own error record and are left out of the request (the reference failed the whole group
// with one record).

import { BatchError } from '../errors.js';
import type { ResolvedBatchOptions } from '../options.js';
import { tensorOf, tftensorOf, toDense } from './dense.js';
import type { Json, JsonObject } from './json.js';
import { isJsonObject } from './json.js';
import type { InputLine } from './line-reader.js';
import { decodeLine, errorRecord, withRetries } from './line-outcome.js';
import type { LineOutcome, WorkContext } from './line-outcome.js';
import { splitResponse } from './split-response.js';
import { uuid1 } from './uuid1.js';

/** Where a line sits: its place in the group, the line, its instance id. */
interface ItemPlace {
  readonly position: number;
  readonly line: InputLine;
  readonly instanceId: string;
}

/** A line of a mini-batch that passed validation. */
interface BatchItem extends ItemPlace {
  /** `data` type: the rows; `raw` type: the message's rows plus its own tags. */
  readonly rows: Json[];
  readonly tensorRow?: { shape: number[]; values: number[] };
  readonly ownTags: JsonObject;
}

/** What every raw line of a mini-batch must share with the first one. */
interface RawTemplate {
  kind: 'ndarray' | 'tensor';
  names: Json | undefined;
  rowShape: string;
}

/** The lines admitted to one request. */
interface MiniBatch {
  readonly items: BatchItem[];
  /** `raw` type: set by the first admitted line. */
  template: RawTemplate | undefined;
}

/** Sends the group's valid lines as one request; returns one outcome per line, in order. */
export async function processMiniBatch(
  group: readonly InputLine[],
  ctx: WorkContext,
): Promise<LineOutcome[]> {
  const puid = uuid1();
  const outcomes: LineOutcome[] = new Array(group.length);
  const batch = admitLines(group, puid, ctx.options, outcomes);
  if (batch.items.length > 0) await sendMiniBatch(batch, puid, ctx, outcomes);
  return outcomes;
}

/** The error record's meta for a line of a mini-batch. */
function metaOf(line: InputLine, instanceId: string, batchId: string): JsonObject {
  return { batch_index: line.index, batch_instance_id: instanceId, batch_id: batchId };
}

/** Decodes and validates each line; a line that fails gets its error record in `outcomes`. */
function admitLines(
  group: readonly InputLine[],
  puid: string,
  options: ResolvedBatchOptions,
  outcomes: LineOutcome[],
): MiniBatch {
  const batch: MiniBatch = { items: [], template: undefined };
  group.forEach((line, position) => {
    const place: ItemPlace = { position, line, instanceId: `${puid}-item-${position}` };
    try {
      const value = decodeLine(line, options.maxLineBytes);
      batch.items.push(
        options.dataType === 'data' ? dataItem(value, place, options, batch) : rawItem(value, place, batch),
      );
    } catch (error) {
      outcomes[position] = errorRecord(error, metaOf(line, place.instanceId, options.batchId));
    }
  });
  return batch;
}

/** `data` type: a one-row array; for tensor payloads, dense and shaped like the first line. */
function dataItem(value: Json, place: ItemPlace, options: ResolvedBatchOptions, batch: MiniBatch): BatchItem {
  const where = `line ${place.line.index}`;
  if (!Array.isArray(value) || value.length !== 1) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_INVALID',
      `${where}: with batch size > 1 each line must be an array whose first dimension is 1`,
    );
  }
  if (options.payloadType === 'ndarray') return { ...place, rows: value, ownTags: {} };
  const dense = toDense(value, where);
  const first = batch.items[0]?.tensorRow;
  if (first !== undefined && first.shape.join('x') !== dense.shape.join('x')) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_INVALID',
      `${where}: shape [${dense.shape}] differs from the first line of its mini-batch [${first.shape}]`,
    );
  }
  return { ...place, rows: value, tensorRow: dense, ownTags: {} };
}

/** `raw` type: a SeldonMessage with one row of `data.ndarray` or `data.tensor`, like the first line's. */
function rawItem(value: Json, place: ItemPlace, batch: MiniBatch): BatchItem {
  const where = `line ${place.line.index}`;
  if (!isJsonObject(value) || !isJsonObject(value.data)) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_INVALID',
      `${where}: with batch size > 1 each raw line must be a SeldonMessage with data.ndarray or data.tensor`,
    );
  }
  const data = value.data;
  const meta = isJsonObject(value.meta) ? value.meta : {};
  const ownTags = isJsonObject(meta.tags) ? meta.tags : {};
  const { candidate, item } = Array.isArray(data.ndarray)
    ? rawNdarrayItem(data, data.ndarray, place, ownTags, where)
    : rawTensorItem(data, place, ownTags, where);
  if (batch.template === undefined) {
    batch.template = candidate;
  } else if (
    batch.template.kind !== candidate.kind ||
    batch.template.rowShape !== candidate.rowShape ||
    JSON.stringify(batch.template.names ?? []) !== JSON.stringify(candidate.names ?? [])
  ) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_INVALID',
      `${where}: data kind, names or shape differ from the first line of its mini-batch`,
    );
  }
  return item;
}

interface RawLine {
  candidate: RawTemplate;
  item: BatchItem;
}

function rawNdarrayItem(
  data: JsonObject,
  ndarray: Json[],
  place: ItemPlace,
  ownTags: JsonObject,
  where: string,
): RawLine {
  if (ndarray.length !== 1) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_INVALID',
      `${where}: data.ndarray must have first dimension 1 with batch size > 1`,
    );
  }
  return {
    candidate: { kind: 'ndarray', names: data.names, rowShape: '' },
    item: { ...place, rows: ndarray, ownTags },
  };
}

function rawTensorItem(data: JsonObject, place: ItemPlace, ownTags: JsonObject, where: string): RawLine {
  const tensor = data.tensor;
  if (!isJsonObject(tensor) || !Array.isArray(tensor.shape) || !Array.isArray(tensor.values)) {
    throw new BatchError(
      'SC_ERR_BATCH_LINE_INVALID',
      `${where}: only data.ndarray and data.tensor are supported with batch size > 1`,
    );
  }
  const shape = tensor.shape;
  const values = tensor.values;
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
  return {
    candidate: { kind: 'tensor', names: data.names, rowShape: dims.slice(1).join('x') },
    item: { ...place, rows: [], tensorRow: { shape: dims, values: values as number[] }, ownTags },
  };
}

/** One request for the admitted lines; each gets its row of the answer, or the request's error. */
async function sendMiniBatch(
  batch: MiniBatch,
  puid: string,
  ctx: WorkContext,
  outcomes: LineOutcome[],
): Promise<void> {
  const { options } = ctx;
  const { items } = batch;
  try {
    const request = mergeRequest(items, batch.template, options);
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
      outcomes[item.position] = errorRecord(error, metaOf(item.line, item.instanceId, options.batchId));
  }
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
