// Splitting a mini-batch response back into one message per input line: row i of the response's
// `data.ndarray`, `data.tensor` or `data.tftensor` becomes line i's `data`.

import { dataToNd, ndToData } from '@seldon-ts/payload';
import type { TfTensor } from '@seldon-ts/payload';
import { BatchError } from '../errors.js';
import type { Json, JsonObject } from './json.js';
import { isJsonObject } from './json.js';

export interface SplitResponse {
  /** The response's own `meta.tags`. */
  readonly tags: JsonObject;
  itemMessage(i: number, tags: JsonObject): JsonObject;
}

/** Row `i` of a response's data, as the `data` of a one-row message. */
type RowData = (i: number) => JsonObject;

/** Splits a mini-batch response into per-item messages (row i of `data.ndarray` or `data.tensor`). */
export function splitResponse(message: JsonObject, count: number): SplitResponse {
  const data = message.data;
  const meta = isJsonObject(message.meta) ? message.meta : {};
  const tags = isJsonObject(meta.tags) ? meta.tags : {};
  const rowData = isJsonObject(data) ? rowSplitter(data, count) : undefined;
  if (rowData === undefined) {
    throw new BatchError(
      'SC_ERR_BATCH_RESPONSE_INVALID',
      'only ndarray, tensor and tftensor responses can be split per line with batch size > 1',
    );
  }
  return {
    tags,
    itemMessage: (i, t) => ({ ...message, data: rowData(i), meta: { ...meta, tags: t } }),
  };
}

/** The splitter for the response's data kind; undefined for a kind that cannot be split. */
function rowSplitter(data: JsonObject, count: number): RowData | undefined {
  if (Array.isArray(data.ndarray)) return ndarrayRows(data, data.ndarray, count);
  if (isJsonObject(data.tensor) && Array.isArray(data.tensor.shape) && Array.isArray(data.tensor.values))
    return tensorRows(data, data.tensor, count);
  if (isJsonObject(data.tftensor)) return tftensorRows(data, data.tftensor, count);
  return undefined;
}

function ndarrayRows(data: JsonObject, rows: Json[], count: number): RowData {
  if (rows.length !== count) {
    throw new BatchError(
      'SC_ERR_BATCH_RESPONSE_INVALID',
      `mini-batch of ${count} lines got a response with ${rows.length} rows in data.ndarray`,
    );
  }
  return (i) => ({ ...data, ndarray: [rows[i]] });
}

function tensorRows(data: JsonObject, tensor: JsonObject, count: number): RowData {
  const shape = tensor.shape as number[];
  const values = tensor.values as Json[];
  if (shape[0] !== count || values.length % count !== 0) {
    throw new BatchError(
      'SC_ERR_BATCH_RESPONSE_INVALID',
      `mini-batch of ${count} lines got a response tensor of shape [${shape}] with ${values.length} values`,
    );
  }
  const rowSize = values.length / count;
  return (i) => ({
    ...data,
    tensor: {
      ...tensor,
      shape: [1, ...shape.slice(1)],
      values: values.slice(i * rowSize, (i + 1) * rowSize),
    },
  });
}

/** The reference could not split tftensor answers; decoding them (tensorContent or *Val) can. */
function tftensorRows(data: JsonObject, tftensor: JsonObject, count: number): RowData {
  let nd;
  try {
    nd = dataToNd({ tftensor: tftensor as unknown as TfTensor });
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
  return (i) => {
    const row = { shape: rowShape, values: values.slice(i * rowSize, (i + 1) * rowSize), dtype };
    return { ...data, tftensor: ndToData(row, 'tftensor').tftensor as unknown as JsonObject };
  };
}
