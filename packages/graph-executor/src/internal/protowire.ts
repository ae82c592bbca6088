// Just enough protobuf to look inside Seldon messages without a full codec: read a route, read
// feedback routing, rewrite meta.routing, build a SeldonMessageList, chain v2/tensorflow messages.
// Fields are read with @seldon-ts/payload's wire reader (protoFields, on protobufjs's Reader), which
// throws a PayloadError SC_ERR_PAYLOAD_BAD_PROTO on malformed bytes; the few writers are here.
import type { ProtoField as Field } from '@seldon-ts/payload';
import { payloadProtobuf, type PayloadProtobuf } from './payload-protobuf.js';

// The wire reader loads with the first protobuf payload (payload-protobuf.ts).
const fields: PayloadProtobuf['protoFields'] = (...args) => payloadProtobuf().protoFields(...args);
const readDouble: PayloadProtobuf['readProtoDouble'] = (...args) =>
  payloadProtobuf().readProtoDouble(...args);
const readProtoInt32: PayloadProtobuf['readProtoInt32'] = (...args) =>
  payloadProtobuf().readProtoInt32(...args);

function utf8(buf: Uint8Array, start: number, end: number): string {
  return new TextDecoder().decode(buf.subarray(start, end));
}

/**
 * Route of a router's SeldonMessage answer, as the reference reads it: data.ndarray[0] (its first
 * element if it is a list), data.tensor.values[0], data.tftensor.intVal[0]; other data → -1.
 * Returns undefined when a number is expected but missing/not numeric.
 */
export function routeFromSeldonMessage(buf: Uint8Array): number | undefined {
  // `data` and its oneof member may each occur several times; the message is then their merge
  // (protobuf spec): the same member concatenates its values, another member replaces it. So the
  // route is the first element of the last run of one member, across every occurrence.
  let kind = 0;
  let first: number | undefined | typeof EMPTY = EMPTY;
  for (const data of fields(buf)) {
    if (data.num !== 3 || data.wire !== 2) continue;
    for (const f of fields(buf, data.start, data.end)) {
      if (f.wire !== 2 || (f.num !== 2 && f.num !== 3 && f.num !== 4)) continue;
      if (f.num !== kind) {
        kind = f.num;
        first = EMPTY;
      }
      if (first === EMPTY) first = firstElement(buf, f);
    }
  }
  if (kind === 0) return -1;
  return first === EMPTY ? undefined : first;
}

/** No element yet: the next occurrence of the same member supplies the first one. */
const EMPTY = Symbol('empty');

/** First element of a Tensor (values), ListValue (ndarray) or TensorProto (int_val) field. */
function firstElement(buf: Uint8Array, f: Field): number | undefined | typeof EMPTY {
  if (f.num === 3) return firstNumberOfListValue(buf, f.start, f.end);
  for (const t of fields(buf, f.start, f.end)) {
    if (f.num === 2) {
      // Tensor.values = 2, packed doubles (or unpacked fixed64)
      if (t.num === 2 && t.wire === 2 && t.end - t.start >= 8) return readDouble(buf, t.start);
      if (t.num === 2 && t.wire === 1) return readDouble(buf, t.start);
    } else {
      // TensorProto.int_val = 7, packed int32
      if (t.num === 7 && t.wire === 2 && t.end > t.start) return readProtoInt32(buf, t.start);
      if (t.num === 7 && t.wire === 0) return readProtoInt32(buf, t.start);
    }
  }
  return EMPTY;
}

function firstNumberOfListValue(
  buf: Uint8Array,
  start: number,
  end: number,
): number | undefined | typeof EMPTY {
  // ListValue.values = 1 (Value); Value.number_value = 2 (double), list_value = 6
  for (const v of fields(buf, start, end)) {
    if (v.num !== 1 || v.wire !== 2) continue;
    for (const k of fields(buf, v.start, v.end)) {
      if (k.num === 2 && k.wire === 1) return readDouble(buf, k.start);
      if (k.num === 6 && k.wire === 2) {
        const inner = firstNumberOfListValue(buf, k.start, k.end);
        return inner === EMPTY ? undefined : inner;
      }
    }
    return undefined;
  }
  return EMPTY;
}

/** Feedback.response.meta.routing as a map, or undefined when absent. */
export function routingFromFeedback(buf: Uint8Array): Map<string, number> | undefined {
  let routing: Map<string, number> | undefined;
  // Every occurrence of `response` (and of its `meta`) counts: together they are one merged message.
  for (const response of fields(buf)) {
    if (response.num !== 2 || response.wire !== 2) continue;
    for (const m of fields(buf, response.start, response.end)) {
      if (m.num !== 2 || m.wire !== 2) continue;
      for (const r of fields(buf, m.start, m.end)) {
        if (r.num !== 3 || r.wire !== 2) continue;
        let key = '';
        let value = 0;
        for (const e of fields(buf, r.start, r.end)) {
          if (e.num === 1 && e.wire === 2) key = utf8(buf, e.start, e.end);
          else if (e.num === 2 && e.wire === 0) value = readProtoInt32(buf, e.start);
        }
        (routing ??= new Map()).set(key, value);
      }
    }
  }
  return routing;
}

// ---- writing ----

function varintBytes(value: number): number[] {
  const out: number[] = [];
  let v = value;
  if (v < 0) {
    // int32 negatives are 10-byte two's complement varints
    let b = BigInt.asUintN(64, BigInt(v));
    while (b >= 0x80n) {
      out.push(Number((b & 0x7fn) | 0x80n));
      b >>= 7n;
    }
    out.push(Number(b));
    return out;
  }
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lengthDelimited(num: number, body: Uint8Array): Uint8Array {
  const head = [...varintBytes(num * 8 + 2), ...varintBytes(body.length)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Sets meta.routing of a SeldonMessage to `routing` (replacing any routing it had), keeping every
 * other field byte for byte. Meta is rewritten as one field: decoders such as protobufjs replace a
 * repeated singular message field instead of merging it, so appending a second meta would lose
 * puid, tags and requestPath for them.
 */
export function setRouting(message: Uint8Array, routing: ReadonlyMap<string, number>): Uint8Array {
  const others: Uint8Array[] = [];
  const meta: Uint8Array[] = [];
  for (const f of fields(message)) {
    if (f.num === 2 && f.wire === 2) {
      for (const m of fields(message, f.start, f.end))
        if (!(m.num === 3 && m.wire === 2)) meta.push(message.subarray(m.keyStart, m.end));
    } else {
      others.push(message.subarray(f.keyStart, f.end));
    }
  }
  const enc = new TextEncoder();
  for (const [key, value] of routing) {
    const k = lengthDelimited(1, enc.encode(key));
    const v = Uint8Array.from([...varintBytes(2 * 8 + 0), ...varintBytes(value)]);
    meta.push(lengthDelimited(3, concat([k, v])));
  }
  return concat([...others, lengthDelimited(2, concat(meta))]);
}

/** A SeldonMessageList from encoded SeldonMessages, without decoding them. */
export function seldonMessageList(messages: readonly Uint8Array[]): Uint8Array {
  return concat(messages.map((m) => lengthDelimited(1, m)));
}

// ---- v2 (inference.GRPCInferenceService) chaining ----
// ModelInferRequest:  1 model_name, 2 model_version, 3 id, 4 parameters, 5 inputs, 6 outputs (requested), 7 raw_input_contents
// ModelInferResponse: 1 model_name, 2 model_version, 3 id, 4 parameters, 5 outputs, 6 raw_output_contents
// InferInputTensor and InferOutputTensor share their layout (name, datatype, shape, parameters, contents).

/** A ModelInferResponse turned into the next ModelInferRequest, without decoding tensors. */
export function v2ResponseToRequest(response: Uint8Array, modelName: string): Uint8Array {
  const parts: Uint8Array[] = [lengthDelimited(1, new TextEncoder().encode(modelName))];
  for (const f of fields(response)) {
    if (f.num === 1 || f.num === 2) continue;
    if (f.num === 6 && f.wire === 2) parts.push(lengthDelimited(7, response.subarray(f.start, f.end)));
    else parts.push(response.subarray(f.keyStart, f.end));
  }
  return concat(parts);
}

/** A ModelInferRequest with model_name set when it is empty (the reference fills it with the node name). */
export function v2FillModelName(request: Uint8Array, modelName: string): Uint8Array {
  for (const f of fields(request)) if (f.num === 1 && f.wire === 2 && f.end > f.start) return request;
  return concat([request, lengthDelimited(1, new TextEncoder().encode(modelName))]);
}

/** A message with one string field 1 (ModelReadyRequest, ModelMetadataRequest). */
export function nameRequest(name: string): Uint8Array {
  return lengthDelimited(1, new TextEncoder().encode(name));
}

// ---- tensorflow serving (tensorflow.serving.PredictionService) chaining ----
// PredictRequest:  1 model_spec, 2 inputs (map<string, TensorProto>), 3 output_filter
// PredictResponse: 1 outputs (map<string, TensorProto>), 2 model_spec
// ModelSpec: 1 name

/** A PredictResponse turned into the next PredictRequest (model_spec.name = the node, inputs = outputs). */
export function tfResponseToRequest(response: Uint8Array, modelName: string): Uint8Array {
  const parts: Uint8Array[] = [modelSpec(modelName)];
  for (const f of fields(response)) {
    if (f.num === 1 && f.wire === 2) parts.push(lengthDelimited(2, response.subarray(f.start, f.end)));
  }
  return concat(parts);
}

/** `{ model_spec: { name } }` as field 1: GetModelStatusRequest, and GetModelMetadataRequest with `metadata_field`. */
export function modelSpec(name: string): Uint8Array {
  return lengthDelimited(1, nameRequest(name));
}

/** GetModelMetadataRequest for the signature_def metadata (what TF serving's REST metadata returns). */
export function tfMetadataRequest(name: string): Uint8Array {
  return concat([modelSpec(name), lengthDelimited(2, new TextEncoder().encode('signature_def'))]);
}
