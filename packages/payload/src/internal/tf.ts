import type { TfDataType } from '../types.js';

/** `tensorflow.DataType` names indexed by enum number. */
export const TF_DATA_TYPES: readonly TfDataType[] = [
  'DT_INVALID',
  'DT_FLOAT',
  'DT_DOUBLE',
  'DT_INT32',
  'DT_UINT8',
  'DT_INT16',
  'DT_INT8',
  'DT_STRING',
  'DT_COMPLEX64',
  'DT_INT64',
  'DT_BOOL',
  'DT_QINT8',
  'DT_QUINT8',
  'DT_QINT32',
  'DT_BFLOAT16',
  'DT_QINT16',
  'DT_QUINT16',
  'DT_UINT16',
  'DT_COMPLEX128',
  'DT_HALF',
  'DT_RESOURCE',
  'DT_VARIANT',
  'DT_UINT32',
  'DT_UINT64',
];
