// OnnxServer: an ONNX model served as a Seldon MODEL component by the model wrapper. `load()`
// opens the model with ONNX Runtime; `predict` answers SeldonMessage data, jsonData maps of named
// inputs and v2 requests (in jsonData); `infer` is the v2 entry point; `initMetadata` describes
// the signature. With PAYLOAD_PASSTHROUGH, `predictRaw` also takes raw v2 request bodies.
import { basename } from 'node:path';
import { NdArray, SeldonMicroserviceError } from '@seldon-ts/model-wrapper';
import type { ComponentInput, ComponentMetadata, SeldonMessage } from '@seldon-ts/model-wrapper';
import {
  buildResponse,
  decodeMessage,
  encodeMessage,
  extractRequestParts,
  type DecodeOptions,
  type JsonObject,
  type V2InferenceRequest,
  type V2InferenceResponse,
} from '@seldon-ts/payload';
import { ModelServerError } from '../errors.js';
import { buildFeeds, type RequestTensor } from './feeds.js';
import { signatureMetadata } from './metadata.js';
import { resolveModelFile } from './model-path.js';
import { outputToNd, outputToNested, outputToV2, type OutputTensor } from './outputs.js';
import {
  resolveOnnxParameters,
  type OnnxServerParameters,
  type ResolvedOnnxParameters,
} from './parameters.js';
import { isV2Request, readRequest } from './request-forms.js';
import { loadOnnxRuntime, type OnnxRuntimeModule } from './runtime-loader.js';
import { readSignature, type ModelSignature, type TensorSpec } from './signature.js';

/** Options of an {@link OnnxServer} besides its parameters. */
export interface OnnxServerOptions {
  /**
   * Environment read for `PAYLOAD_PASSTHROUGH` (defines `predictRaw` for raw v2 bodies),
   * `PREDICTIVE_UNIT_ID` / `PREDICTIVE_UNIT_IMAGE` (v2 model name, raw answers' requestPath).
   * Default `process.env`.
   */
  env?: Record<string, string | undefined>;
  /** Base of a relative `model_uri`. Default `process.cwd()`. */
  cwd?: string;
}

type Session = Awaited<ReturnType<OnnxRuntimeModule['InferenceSession']['create']>>;

interface Loaded {
  readonly ort: OnnxRuntimeModule;
  readonly session: Session;
  readonly signature: ModelSignature;
  readonly dataOutput: TensorSpec;
  readonly modelName: string;
}

// Payloads were already bounded by the wrapper's decoder; extra fields of a v2 request are tolerated
// as the wrapper tolerates them on SeldonMessages.
const DECODE: DecodeOptions = { rejectUnknownFields: false };
const TRUE = new Set(['1', 'true', 't']);

/**
 * The wrapper answers a `SeldonMicroserviceError` with its status and reason (anything else is a
 * 500): a server error becomes one, its message starting with the code.
 */
function toCallerError(err: unknown): unknown {
  if (err instanceof ModelServerError)
    return new SeldonMicroserviceError(`${err.code}: ${err.message}`, {
      httpStatus: err.httpStatus,
      reason: err.reason,
    });
  return err;
}

/** Runs `fn`, handing its errors to the wrapper as {@link toCallerError} says. */
async function forCaller<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toCallerError(err);
  }
}

/** The answer of `predict`: the `data` output as an n-d array, or a JSON object (map or v2 answer). */
export type OnnxPrediction = NdArray | JsonObject;

/**
 * An ONNX model as a Seldon component. `new OnnxServer({ model_uri })`, then `load()` (the model
 * wrapper calls it before serving). Safe for concurrent requests (ONNX Runtime sessions are).
 */
export class OnnxServer {
  /** The parameters, checked (defaults applied). */
  readonly parameters: ResolvedOnnxParameters;
  /**
   * Defined only when `PAYLOAD_PASSTHROUGH` is set: the wrapper then hands it the raw REST body,
   * so a v2 request body `{"inputs": [...]}` is answered with a v2 response body. It also takes a
   * SeldonMessage (gRPC, or a SeldonMessage body) and answers like `predict`.
   */
  readonly predictRaw?: (message: SeldonMessage) => Promise<SeldonMessage>;
  readonly #env: Record<string, string | undefined>;
  readonly #cwd: string;
  #loaded: Loaded | undefined;
  #modelFile: string | undefined;
  /** Columns of the last `data` answer, for `classNames()` when the model's dimension is dynamic. */
  #lastColumns = 0;

  constructor(
    parameters: OnnxServerParameters | Record<string, string | number | boolean>,
    options: OnnxServerOptions = {},
  ) {
    this.parameters = resolveOnnxParameters(parameters);
    this.#env = options.env ?? process.env;
    this.#cwd = options.cwd ?? process.cwd();
    if (TRUE.has((this.#env.PAYLOAD_PASSTHROUGH ?? '').toLowerCase())) {
      this.predictRaw = (message) => forCaller(() => this.#raw(message)) as Promise<SeldonMessage>;
    }
  }

  /** Opens the model. @throws ModelServerError (`SC_ERR_ONNX_RUNTIME_MISSING`, `_MODEL_NOT_FOUND`, `_BAD_MODEL`, `_BAD_PARAMETER`) */
  async load(): Promise<void> {
    if (this.#loaded !== undefined) return;
    const file = resolveModelFile(this.parameters.modelUri, this.#cwd);
    const ort = await loadOnnxRuntime();
    let session: Session;
    try {
      session = await ort.InferenceSession.create(file, {
        intraOpNumThreads: this.parameters.intraOpThreads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (err) {
      throw new ModelServerError(
        'SC_ERR_ONNX_BAD_MODEL',
        `ONNX Runtime cannot load ${file}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    try {
      const signature = readSignature(session.inputMetadata, session.outputMetadata);
      const wanted = this.parameters.output;
      const dataOutput =
        wanted === undefined ? signature.outputs[0] : signature.outputs.find((o) => o.name === wanted);
      if (dataOutput === undefined)
        throw new ModelServerError(
          'SC_ERR_ONNX_BAD_PARAMETER',
          `parameter output "${wanted}" is not a tensor output of the model (outputs: ${signature.outputs.map((o) => o.name).join(', ')})`,
        );
      const modelName =
        this.parameters.modelName ?? this.#env.PREDICTIVE_UNIT_ID ?? basename(file).replace(/\.onnx$/i, '');
      this.#modelFile = file;
      this.#loaded = { ort, session, signature, dataOutput, modelName };
    } catch (err) {
      await session.release();
      throw err;
    }
  }

  /** The model file opened by `load()`. */
  get modelFile(): string | undefined {
    return this.#modelFile;
  }

  /** The served signature. @throws ModelServerError `SC_ERR_ONNX_NOT_LOADED` */
  get signature(): ModelSignature {
    return this.#state().signature;
  }

  /** Names of a 2-D `data` answer: `<output>:<column>`. */
  classNames(): string[] {
    const out = this.#state().dataOutput;
    const columns = out.dims[1] ?? this.#lastColumns;
    return Array.from({ length: columns }, (_, j) => `${out.name}:${j}`);
  }

  /**
   * The model wrapper's predict: `data` (single-input model) → the `data` output as an n-d array;
   * jsonData `{"<input>": array}` → `{"<output>": nested array}` for every output; jsonData v2
   * request → v2 response. @throws ModelServerError (400s naming the input), PayloadError
   */
  predict(X: ComponentInput): Promise<OnnxPrediction> {
    return forCaller(() => this.#predict(X));
  }

  async #predict(X: ComponentInput): Promise<OnnxPrediction> {
    const state = this.#state();
    const request = readRequest(X, state.signature, DECODE);
    if (request.form === 'v2')
      return (await this.#inferDecoded(request.request, request.tensors)) as unknown as JsonObject;
    if (request.form === 'data') {
      const spec = state.dataOutput;
      const results = await this.#run(request.tensors, [spec]);
      const nd = outputToNd(spec, results[spec.name]);
      if (nd.shape.length >= 2) this.#lastColumns = nd.shape[1];
      return new NdArray(nd.values, nd.shape, undefined, nd.dtype);
    }
    const outputs = state.signature.outputs;
    const results = await this.#run(request.tensors, outputs);
    return Object.fromEntries(outputs.map((o) => [o.name, outputToNested(o, results[o.name])]));
  }

  /**
   * A v2 (Open Inference Protocol) inference: named inputs with datatype and shape in, the
   * requested outputs (default all) out. @throws ModelServerError, PayloadError
   */
  infer(request: V2InferenceRequest | JsonObject): Promise<V2InferenceResponse> {
    return forCaller(async () => {
      if (!isV2Request(request))
        throw new ModelServerError(
          'SC_ERR_ONNX_BAD_REQUEST',
          'a v2 inference request needs "inputs": a list of {name, datatype, shape, data}',
        );
      const decoded = readRequest(request, this.#state().signature, DECODE);
      if (decoded.form !== 'v2') throw new Error('unreachable: a v2 request read as another form');
      return this.#inferDecoded(decoded.request, decoded.tensors);
    });
  }

  /** Metadata from the model's signature (see the README's ONNX section). */
  initMetadata(): ComponentMetadata {
    const state = this.#state();
    return signatureMetadata(
      state.signature,
      { model_file: basename(this.#modelFile ?? ''), onnxruntime: state.ort.env.versions.node ?? '' },
      this.parameters.modelName,
    );
  }

  /** Releases the ONNX Runtime session. */
  async close(): Promise<void> {
    const state = this.#loaded;
    this.#loaded = undefined;
    await state?.session.release();
  }

  #state(): Loaded {
    if (this.#loaded === undefined)
      throw new ModelServerError('SC_ERR_ONNX_NOT_LOADED', 'the ONNX model is not loaded: call load() first');
    return this.#loaded;
  }

  async #run(
    tensors: readonly RequestTensor[],
    outputs: readonly TensorSpec[],
  ): Promise<Record<string, OutputTensor>> {
    const { ort, session, signature } = this.#state();
    const feeds = buildFeeds(ort, signature, tensors);
    try {
      return (await session.run(
        feeds,
        outputs.map((o) => o.name),
      )) as unknown as Record<string, OutputTensor>;
    } catch (err) {
      throw new ModelServerError('SC_ERR_ONNX_RUN_FAILED', `ONNX Runtime failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  async #inferDecoded(
    request: V2InferenceRequest,
    tensors: readonly RequestTensor[],
  ): Promise<V2InferenceResponse> {
    const { signature, modelName } = this.#state();
    let outputs = signature.outputs;
    if (request.outputs !== undefined && request.outputs.length > 0) {
      outputs = request.outputs.map(({ name }) => {
        const spec = signature.outputs.find((o) => o.name === name);
        if (spec === undefined) {
          const why = signature.skippedOutputs.includes(name)
            ? ' tensor (it is a sequence or map, not served)'
            : '';
          throw new ModelServerError(
            'SC_ERR_ONNX_UNKNOWN_TENSOR',
            `the model has no output "${name}"${why} (outputs: ${signature.outputs.map((o) => o.name).join(', ')})`,
          );
        }
        return spec;
      });
    }
    const results = await this.#run(tensors, outputs);
    const response: V2InferenceResponse = {
      model_name: modelName,
      outputs: outputs.map((o) => outputToV2(o, results[o.name])),
    };
    if (request.id !== undefined) response.id = request.id;
    return response;
  }

  /** PAYLOAD_PASSTHROUGH: a raw body (v2 or SeldonMessage JSON), or a decoded SeldonMessage (gRPC). */
  async #raw(input: unknown): Promise<unknown> {
    if (typeof input === 'string' || input instanceof Uint8Array) {
      const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        throw new ModelServerError(
          'SC_ERR_ONNX_BAD_REQUEST',
          `the body is not JSON: ${(err as Error).message}`,
          { cause: err },
        );
      }
      if (isV2Request(parsed)) return JSON.stringify(await this.#inferRaw(parsed));
      return encodeMessage(await this.#seldon(decodeMessage(parsed, DECODE)));
    }
    if (isV2Request(input)) return this.#inferRaw(input);
    return this.#seldon(input as SeldonMessage);
  }

  #inferRaw(request: JsonObject): Promise<V2InferenceResponse> {
    const decoded = readRequest(request, this.#state().signature, DECODE);
    if (decoded.form !== 'v2') throw new Error('unreachable: a v2 request read as another form');
    return this.#inferDecoded(decoded.request, decoded.tensors);
  }

  /** `predict` on a whole SeldonMessage, answered with the wrapper's response rules. */
  async #seldon(message: SeldonMessage): Promise<SeldonMessage> {
    const parts = extractRequestParts(message, { transport: 'grpc' });
    const out = await this.#predict(parts.features as ComponentInput);
    return buildResponse(out instanceof NdArray ? { array: out } : { jsonData: out }, message, {
      classNames: this.classNames(),
      unitId: this.#env.PREDICTIVE_UNIT_ID,
      unitImage: this.#env.PREDICTIVE_UNIT_IMAGE,
    });
  }
}
