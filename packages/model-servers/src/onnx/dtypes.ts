// The element types this server carries between payloads and ONNX Runtime tensors, with their
// v2 datatype and TensorFlow dtype names.
import type { TfDataType, V2Datatype } from '@seldon-ts/payload';

/** ONNX Runtime element types the server accepts for inputs and returns for outputs. */
export type OnnxElementType =
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool'
  | 'string';

/** How values of an element type are checked and stored. */
export interface ElementTypeInfo {
  readonly v2: V2Datatype;
  readonly tf: TfDataType;
  readonly kind: 'float' | 'int' | 'bool' | 'string';
  /** Inclusive range of an integer type (int64/uint64: the safe-integer range of a double). */
  readonly min?: number;
  readonly max?: number;
}

const int = (v2: V2Datatype, tf: TfDataType, min: number, max: number): ElementTypeInfo => ({
  v2,
  tf,
  kind: 'int',
  min,
  max,
});

export const ELEMENT_TYPES: Readonly<Record<OnnxElementType, ElementTypeInfo>> = {
  float32: { v2: 'FP32', tf: 'DT_FLOAT', kind: 'float' },
  float64: { v2: 'FP64', tf: 'DT_DOUBLE', kind: 'float' },
  int8: int('INT8', 'DT_INT8', -128, 127),
  int16: int('INT16', 'DT_INT16', -32768, 32767),
  int32: int('INT32', 'DT_INT32', -2147483648, 2147483647),
  int64: int('INT64', 'DT_INT64', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  uint8: int('UINT8', 'DT_UINT8', 0, 255),
  uint16: int('UINT16', 'DT_UINT16', 0, 65535),
  uint32: int('UINT32', 'DT_UINT32', 0, 4294967295),
  uint64: int('UINT64', 'DT_UINT64', 0, Number.MAX_SAFE_INTEGER),
  bool: { v2: 'BOOL', tf: 'DT_BOOL', kind: 'bool' },
  string: { v2: 'BYTES', tf: 'DT_STRING', kind: 'string' },
};

export function isSupportedType(type: string): type is OnnxElementType {
  return Object.hasOwn(ELEMENT_TYPES, type);
}

/** The element type a v2 datatype names, if this server carries it. */
export function typeOfV2(datatype: string): OnnxElementType | undefined {
  for (const [t, info] of Object.entries(ELEMENT_TYPES))
    if (info.v2 === datatype) return t as OnnxElementType;
  return undefined;
}

/** The element type a tftensor dtype names, if this server carries it. */
export function typeOfTf(dtype: TfDataType): OnnxElementType | undefined {
  for (const [t, info] of Object.entries(ELEMENT_TYPES)) if (info.tf === dtype) return t as OnnxElementType;
  return undefined;
}
