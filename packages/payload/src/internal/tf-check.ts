import { PayloadError } from '../errors.js';
import type { TfDataType, TfTensor } from '../types.js';
import { childPath } from './util.js';

/** Bytes per element of `tensor_content` for the dtypes with a fixed element size. */
const TF_ELEMENT_BYTES: Partial<Record<TfDataType, number>> = {
  DT_FLOAT: 4,
  DT_DOUBLE: 8,
  DT_INT32: 4,
  DT_UINT8: 1,
  DT_INT16: 2,
  DT_INT8: 1,
  DT_COMPLEX64: 8,
  DT_INT64: 8,
  DT_BOOL: 1,
  DT_QINT8: 1,
  DT_QUINT8: 1,
  DT_QINT32: 4,
  DT_BFLOAT16: 2,
  DT_QINT16: 2,
  DT_QUINT16: 2,
  DT_UINT16: 2,
  DT_COMPLEX128: 16,
  DT_HALF: 2,
  DT_UINT32: 4,
  DT_UINT64: 8,
};

/** The `*_val` field TensorFlow reads for a dtype, and how many entries one element takes. */
const TF_VALUE_FIELD: Partial<Record<TfDataType, readonly [keyof TfTensor, number]>> = {
  DT_FLOAT: ['floatVal', 1],
  DT_DOUBLE: ['doubleVal', 1],
  DT_INT32: ['intVal', 1],
  DT_UINT8: ['intVal', 1],
  DT_INT16: ['intVal', 1],
  DT_INT8: ['intVal', 1],
  DT_QINT8: ['intVal', 1],
  DT_QUINT8: ['intVal', 1],
  DT_QINT32: ['intVal', 1],
  DT_QINT16: ['intVal', 1],
  DT_QUINT16: ['intVal', 1],
  DT_UINT16: ['intVal', 1],
  DT_STRING: ['stringVal', 1],
  DT_COMPLEX64: ['scomplexVal', 2],
  DT_INT64: ['int64Val', 1],
  DT_BOOL: ['boolVal', 1],
  DT_COMPLEX128: ['dcomplexVal', 2],
  DT_HALF: ['halfVal', 1],
  DT_BFLOAT16: ['halfVal', 1],
  DT_UINT32: ['uint32Val', 1],
  DT_UINT64: ['uint64Val', 1],
};

/** Decoded length of canonical (padded) base64 text, without decoding it. */
function base64ByteLength(b64: string): number {
  let pad = 0;
  if (b64.endsWith('==')) pad = 2;
  else if (b64.endsWith('=')) pad = 1;
  return Math.floor((b64.length * 3) / 4) - pad;
}

/**
 * Checks a tftensor's content against its shape when the message is decoded, so that a bad
 * tensor is refused with the path of the offending field rather than when (or if) it is
 * materialised. The rules are `tf.make_ndarray`'s: `tensor_content` must hold exactly the shape's
 * elements; a `*_val` list may hold fewer (TensorFlow pads with the last value) but never more.
 * Nothing is checked when the shape is partly unknown (a `-1` dimension, `unknown_rank`) or the
 * dtype has no fixed element size.
 * @throws PayloadError `SC_ERR_PAYLOAD_SHAPE_MISMATCH`
 */
export function checkTfTensor(t: TfTensor, path: string): void {
  if (t.tensorShape?.unknownRank) return;
  let size = 1;
  for (const d of t.tensorShape?.dim ?? []) {
    const n = Number(d.size ?? 0);
    if (!Number.isSafeInteger(n) || n < 0) return;
    size *= n;
  }
  if (!Number.isSafeInteger(size)) return;
  const dtype = t.dtype ?? 'DT_INVALID';
  const shape = (t.tensorShape?.dim ?? []).map((d) => d.size ?? '0').join(',');
  if (t.tensorContent !== undefined && t.tensorContent !== '') {
    const bytes = TF_ELEMENT_BYTES[dtype];
    if (bytes === undefined) return;
    const got = base64ByteLength(t.tensorContent);
    if (got !== size * bytes) {
      throw new PayloadError(
        'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
        childPath(path, 'tensorContent'),
        `tensorContent has ${got} bytes but shape [${shape}] of ${dtype} needs ${size * bytes}`,
      );
    }
    return;
  }
  const field = TF_VALUE_FIELD[dtype];
  if (field === undefined) return;
  const values = t[field[0]];
  const n = Array.isArray(values) ? values.length : 0;
  if (n > size * field[1]) {
    throw new PayloadError(
      'SC_ERR_PAYLOAD_SHAPE_MISMATCH',
      childPath(path, field[0]),
      `${field[0]} has ${n} values but shape [${shape}] of ${dtype} holds ${size * field[1]}`,
    );
  }
}
