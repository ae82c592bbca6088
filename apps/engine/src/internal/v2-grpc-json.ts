// The v2 (Open Inference Protocol) REST JSON of an inference request and response ⇄ the gRPC
// ModelInferRequest / ModelInferResponse of inference.GRPCInferenceService: tensor `data` goes into
// the datatype's typed `contents` field, and comes back from `contents` or `raw_output_contents`.
// Used by `seldon-engine call --protocol v2`.
import {
  PayloadError,
  decodeV2Request,
  proto,
  type JsonObject,
  type JsonValue,
  type V2InferenceResponse,
  type V2ResponseOutput,
} from '@seldon-ts/payload';

type ContentsField =
  | 'boolContents'
  | 'intContents'
  | 'int64Contents'
  | 'uintContents'
  | 'uint64Contents'
  | 'fp32Contents'
  | 'fp64Contents'
  | 'bytesContents';

/** The InferTensorContents field of each datatype (FP16 has none: it travels as raw bytes only). */
const CONTENTS_FIELD: Readonly<Record<string, ContentsField>> = {
  BOOL: 'boolContents',
  INT8: 'intContents',
  INT16: 'intContents',
  INT32: 'intContents',
  INT64: 'int64Contents',
  UINT8: 'uintContents',
  UINT16: 'uintContents',
  UINT32: 'uintContents',
  UINT64: 'uint64Contents',
  FP32: 'fp32Contents',
  FP64: 'fp64Contents',
  BYTES: 'bytesContents',
};

/**
 * A v2 REST inference request (JSON text or value) → ModelInferRequest bytes for `modelName`.
 * @throws PayloadError naming the JSON path of what cannot be sent
 */
export function inferRequestToProto(json: unknown, modelName: string): Uint8Array {
  const req = decodeV2Request(json);
  const message: Record<string, unknown> = {
    modelName,
    inputs: req.inputs.map((t, i) => {
      const path = `$.inputs[${i}]`;
      const field = CONTENTS_FIELD[t.datatype];
      if (!field)
        throw new PayloadError(
          'SC_ERR_PAYLOAD_UNSUPPORTED',
          `${path}.datatype`,
          `${t.datatype} tensors have no typed contents field in gRPC; send FP32 or FP64 instead`,
        );
      const data = flatten(t.data);
      return {
        name: t.name,
        datatype: t.datatype,
        shape: t.shape,
        ...(t.parameters ? { parameters: toInferParameters(t.parameters, `${path}.parameters`) } : {}),
        contents: { [field]: field === 'bytesContents' ? data.map((v) => Buffer.from(String(v))) : data },
      };
    }),
  };
  if (req.id !== undefined) message.id = req.id;
  if (req.parameters) message.parameters = toInferParameters(req.parameters, '$.parameters');
  if (req.outputs)
    message.outputs = req.outputs.map((o, i) => ({
      name: o.name,
      ...(o.parameters ? { parameters: toInferParameters(o.parameters, `$.outputs[${i}].parameters`) } : {}),
    }));
  return proto.inference.ModelInferRequest.encode(
    proto.inference.ModelInferRequest.fromObject(message),
  ).finish();
}

function flatten(data: readonly JsonValue[]): JsonValue[] {
  return data.some(Array.isArray) ? (data as JsonValue[]).flat(Infinity as 1) : [...data];
}

/** JSON parameters → map<string, InferParameter> (bool, int64 or string only, as the proto). */
function toInferParameters(params: JsonObject, path: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'boolean') out[key] = { boolParam: value };
    else if (typeof value === 'string') out[key] = { stringParam: value };
    else if (typeof value === 'number' && Number.isSafeInteger(value)) out[key] = { int64Param: value };
    else
      throw new PayloadError(
        'SC_ERR_PAYLOAD_WRONG_TYPE',
        `${path}.${key}`,
        `a gRPC InferParameter is a boolean, an integer or a string, got ${JSON.stringify(value)}`,
      );
  }
  return out;
}

/** ModelInferResponse bytes → the v2 REST JSON of the response. */
export function inferResponseFromProto(bytes: Uint8Array): V2InferenceResponse {
  const type = proto.inference.ModelInferResponse;
  const res = type.toObject(type.decode(bytes), { longs: Number }) as Record<string, any>;
  const raw = (res.rawOutputContents ?? []) as Uint8Array[];
  const out: V2InferenceResponse = {
    model_name: res.modelName ?? '',
    outputs: ((res.outputs ?? []) as Record<string, any>[]).map((t, i) => outputTensor(t, raw[i])),
  };
  if (res.modelVersion) out.model_version = res.modelVersion;
  if (res.id) out.id = res.id;
  if (res.parameters) out.parameters = fromInferParameters(res.parameters);
  return out;
}

function outputTensor(t: Record<string, any>, raw: Uint8Array | undefined): V2ResponseOutput {
  const datatype = String(t.datatype ?? '');
  const out: V2ResponseOutput = {
    name: t.name ?? '',
    shape: ((t.shape ?? []) as number[]).map(Number),
    datatype,
    data: raw !== undefined ? rawValues(raw, datatype, t.name) : contentsValues(t.contents, datatype),
  };
  if (t.parameters) out.parameters = fromInferParameters(t.parameters);
  return out;
}

function contentsValues(contents: Record<string, unknown[]> | undefined, datatype: string): JsonValue[] {
  const field = CONTENTS_FIELD[datatype];
  const values = (field && contents?.[field]) ?? [];
  if (field === 'bytesContents') return values.map((v) => Buffer.from(v as Uint8Array).toString('utf8'));
  return values as JsonValue[];
}

/** Little-endian element readers of raw_output_contents, by datatype. */
const RAW_READERS: Readonly<Record<string, [size: number, read: (v: DataView, at: number) => JsonValue]>> = {
  BOOL: [1, (v, at) => v.getUint8(at) !== 0],
  UINT8: [1, (v, at) => v.getUint8(at)],
  UINT16: [2, (v, at) => v.getUint16(at, true)],
  UINT32: [4, (v, at) => v.getUint32(at, true)],
  UINT64: [8, (v, at) => Number(v.getBigUint64(at, true))],
  INT8: [1, (v, at) => v.getInt8(at)],
  INT16: [2, (v, at) => v.getInt16(at, true)],
  INT32: [4, (v, at) => v.getInt32(at, true)],
  INT64: [8, (v, at) => Number(v.getBigInt64(at, true))],
  FP16: [2, (v, at) => halfToNumber(v.getUint16(at, true))],
  FP32: [4, (v, at) => v.getFloat32(at, true)],
  FP64: [8, (v, at) => v.getFloat64(at, true)],
};

function rawValues(raw: Uint8Array, datatype: string, name: string): JsonValue[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  if (datatype === 'BYTES') return rawBytesValues(view, raw, name);
  const reader = RAW_READERS[datatype];
  if (!reader) throw new Error(`output "${name}": unknown datatype ${JSON.stringify(datatype)}`);
  const [size, read] = reader;
  if (raw.byteLength % size !== 0)
    throw new Error(
      `output "${name}": raw_output_contents holds ${raw.byteLength} bytes, not a whole number of ${datatype} elements`,
    );
  const out: JsonValue[] = [];
  for (let at = 0; at < raw.byteLength; at += size) out.push(read(view, at));
  return out;
}

/** BYTES elements in raw form: each a 4-byte little-endian length, then that many bytes. */
function rawBytesValues(view: DataView, raw: Uint8Array, name: string): JsonValue[] {
  const out: JsonValue[] = [];
  for (let at = 0; at < raw.byteLength;) {
    if (at + 4 > raw.byteLength) throw new Error(`output "${name}": truncated BYTES length at byte ${at}`);
    const length = view.getUint32(at, true);
    at += 4;
    if (at + length > raw.byteLength)
      throw new Error(`output "${name}": truncated BYTES element at byte ${at}`);
    out.push(Buffer.from(raw.subarray(at, at + length)).toString('utf8'));
    at += length;
  }
  return out;
}

/** IEEE 754 half precision bits → number. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * A decoded v2 response object (generated-code plain object) with parameters as REST writes them:
 * `{"key": value}` instead of InferParameter messages, and left out when empty.
 */
export function withRestParameters(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withRestParameters);
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'parameters') out[key] = withRestParameters(v);
    else if (typeof v === 'object' && v !== null && Object.keys(v).length > 0)
      out[key] = fromInferParameters(v as Record<string, Record<string, unknown>>);
  }
  return out;
}

function fromInferParameters(params: Record<string, Record<string, unknown>>): JsonObject {
  const out: JsonObject = {};
  for (const [key, p] of Object.entries(params))
    out[key] = (p.boolParam ?? p.int64Param ?? p.stringParam ?? null) as JsonValue;
  return out;
}
