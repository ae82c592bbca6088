// The gRPC front door on @grpc/grpc-js's Server: seldon.protos.Seldon (Predict, SendFeedback,
// ModelMetadata, GraphMetadata), inference.GRPCInferenceService with protocol v2,
// tensorflow.serving PredictionService and ModelService with protocol tensorflow, and
// grpc.health.v1.Health, plus gRPC server reflection of these (grpc-reflection.ts). Messages stay
// protobuf bytes end to end (identity serializers); only the small metadata messages are decoded.
// Connection management (keepalive pings, max connection age and idle) is grpc-js's, configured
// from the engine's options. The listening socket is grpc-door.ts's, which loads this module when
// the first gRPC client connects.
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { Cancellation, GraphPayload } from '@seldon-ts/graph-executor';
import {
  graphMetadataToProto,
  inferenceServices,
  messageToProto,
  modelMetadataRequestFromProto,
} from '@seldon-ts/payload';
import { GRPC_CODE_NAMES, type EngineRuntime, type RequestContext } from './runtime.js';
import { errorResponse } from './error-body.js';
import { identity } from './grpc-raw.js';
import { registerReflection } from './grpc-reflection.js';
import { EngineError } from '../errors.js';
import type { EngineConfig } from '../config.js';
import {
  checkSingleHop,
  TF_MODEL_SERVICE,
  TF_PREDICTION_SERVICE,
  tfRequestContentType,
  tfRequiredModelName,
  type TfGraphRpc,
} from './tf-grpc.js';

/** Reported by v2 ServerMetadata; kept in step with package.json by test/grpc-v2.test.ts. */
export const ENGINE_VERSION = '0.1.0';

const SELDON = '/seldon.protos.Seldon/';
/** An empty SeldonMessage (no field set). */
const EMPTY_MESSAGE = new Uint8Array(0);
const HEALTH_CHECK = '/grpc.health.v1.Health/Check';
// The v2 dataplane, served when the predictor's protocol is v2 (or kfserving): inference requests
// stay bytes like seldon.protos ones; only the small readiness messages are built here.
const V2 = '/inference.GRPCInferenceService/';
/** `{ live|ready: value }`: field 1, varint bool (ServerLive/ServerReady/ModelReady responses). */
const boolResponse = (value: boolean): Buffer => (value ? Buffer.from([0x08, 0x01]) : Buffer.alloc(0));
const V2_CODECS = inferenceServices.GRPCInferenceService;
const TF_GRAPH_RPC_NAMES: readonly TfGraphRpc[] = ['Predict', 'Classify', 'Regress', 'MultiInference'];
/** The graph answered over REST (JSON) where the gRPC client needs the protocol's protobuf message. */
function needProtobuf(out: GraphPayload, rpc: string, protocol: string): void {
  if (!out.isProtobuf)
    throw new EngineError(
      'SC_ERR_ENGINE_INTERNAL',
      `the graph answered ${rpc} with a JSON body (a node reached over REST); ${protocol} gRPC needs every node of the graph reached over gRPC`,
    );
}

function metadataToHeaders(md: grpc.Metadata): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const map = md.getMap();
  for (const key in map) {
    if (key.endsWith('-bin')) continue;
    const v = md.get(key).map(String);
    out[key] = v.length === 1 ? v[0] : v;
  }
  return out;
}

/** Encodes the response as protobuf whatever form the executor returned it in. */
function toProtobuf(payload: GraphPayload, encodeObject: (o: unknown) => Uint8Array): Buffer {
  const bytes = payload.isProtobuf ? payload.bytes() : encodeObject(payload.object());
  return asBuffer(bytes);
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A served method as grpc-js calls it: the messages stay bytes. */
type RawHandler = grpc.handleUnaryCall<Buffer, Buffer>;

/** What a graph method does with a call: the request message's bytes in, the response message's bytes out. */
type MethodBody = (request: Buffer, ctx: RequestContext) => Promise<Uint8Array>;

/** Makes the handler of a graph method; `sendPuid`: answer with the `seldon-puid` header metadata. */
type UnaryFactory = (path: string, sendPuid: boolean, body: MethodBody) => RawHandler;

/**
 * The engine's gRPC service on a grpc-js Server that owns no listening socket: the front door
 * (grpc-door.ts) accepts the connections and hands them over, so that grpc-js is loaded only when
 * the first gRPC client connects.
 */
export interface GrpcService {
  /** Serves one accepted TCP connection (HTTP/2, TLS when the engine has a certificate). */
  serve(connection: Socket): void;
  /** Graceful close: GOAWAY on every connection, calls in progress finish; resolves once closed. */
  close(): Promise<void>;
  /** Cancels calls in progress and closes every connection. */
  forceClose(): void;
  /** Calls accepted and not yet answered. */
  inFlight(): number;
}

/** The engine's certificate and key (PEM), read when the front door starts listening. */
export interface GrpcTlsKeyPair {
  readonly cert: Buffer;
  readonly key: Buffer;
}

export function createGrpcService(runtime: EngineRuntime, tls: GrpcTlsKeyPair | undefined): GrpcService {
  let inFlight = 0;
  const gauge = runtime.metrics.inFlightCounter('grpc');
  const calls: CallCounter = {
    opened() {
      inFlight++;
      gauge.inc();
    },
    closed() {
      inFlight--;
      gauge.dec();
      if (inFlight === 0) runtime.notifyIdle();
    },
  };
  const unary: UnaryFactory = (path, sendPuid, body) => graphMethod(runtime, calls, path, sendPuid, body);
  const server = new grpc.Server(grpcServerOptions(runtime.config));
  for (const [path, handler] of Object.entries(methodTable(runtime, unary)))
    server.register(path, handler, identity, identity, 'unary');
  // Reflection is a convenience for clients such as grpcurl: when its descriptors cannot be built
  // the engine serves without it and says why.
  registerReflection(server, runtime.config.protocol, (err) =>
    runtime.log('warn', `gRPC server reflection is not served: ${err.message}`),
  );
  const injector = server.createConnectionInjector(grpcCredentials(tls));
  return {
    serve: (connection) => injector.injectConnection(connection),
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    forceClose: () => server.forceShutdown(),
    inFlight: () => inFlight,
  };
}

/**
 * grpc-js server options from the engine's configuration. A connection setting of 0 (no limit) is
 * left out: grpc-js's own default for each is "never".
 */
export function grpcServerOptions(config: EngineConfig): grpc.ServerOptions {
  const options: grpc.ServerOptions = {
    'grpc.max_receive_message_length': config.grpcMaxMessageBytes,
    'grpc.max_send_message_length': config.grpcMaxMessageBytes,
    'grpc.keepalive_timeout_ms': config.grpcKeepaliveTimeoutMs,
  };
  const unlessZero: [string, number][] = [
    ['grpc.keepalive_time_ms', config.grpcKeepaliveTimeMs],
    ['grpc.max_connection_age_ms', config.grpcMaxConnectionAgeMs],
    ['grpc.max_connection_age_grace_ms', config.grpcMaxConnectionAgeGraceMs],
    ['grpc.max_connection_idle_ms', config.grpcMaxConnectionIdleMs],
  ];
  for (const [key, value] of unlessZero) if (value > 0) options[key] = value;
  return options;
}

/** Calls in progress: counted for the drain and the in-flight gauge. */
interface CallCounter {
  opened(): void;
  closed(): void;
}

/**
 * A graph method: reads the puid (or makes one) and the metadata forwarded to the nodes, traces,
 * enforces maxInFlight, cancels the node calls when the call is cancelled, answers errors with the
 * catalogue's gRPC status and a `seldon-error-code` trailer, and records the server metrics.
 */
function graphMethod(
  runtime: EngineRuntime,
  calls: CallCounter,
  path: string,
  sendPuid: boolean,
  body: MethodBody,
): RawHandler {
  return (call, callback) => {
    const start = performance.now();
    calls.opened();
    // Text metadata owned by the call: it becomes the headers forwarded to the nodes.
    const headers = metadataToHeaders(call.metadata);
    let puid = headers['seldon-puid'];
    if (typeof puid !== 'string' || !puid) {
      puid = randomUUID();
      headers['seldon-puid'] = puid;
    }
    if (sendPuid) call.sendMetadata(textMetadata('seldon-puid', puid));
    const span = runtime.tracer?.startServerSpan(path, headers, {
      'rpc.system': 'grpc',
      'rpc.method': path,
      'seldon.puid': puid,
    });
    const finish = (code: number, errorCode?: string): void => {
      calls.closed();
      runtime.metrics.observeServer(
        path,
        'unary',
        GRPC_CODE_NAMES[code] ?? String(code),
        (performance.now() - start) / 1000,
      );
      if (span)
        runtime.tracer?.endSpan(span, errorCode ? { message: errorCode, code: errorCode } : undefined);
    };
    runGraph(runtime, call, body, { puid, headers, span, transport: 'grpc' }).then(
      (response) => {
        callback(null, asBuffer(response));
        finish(grpc.status.OK);
      },
      (err: unknown) => {
        const rendered = errorResponse(err);
        runtime.metrics.errors.inc({ code: rendered.code, server: 'grpc' });
        callback({
          code: rendered.grpcStatus,
          details: rendered.message,
          metadata: textMetadata('seldon-error-code', rendered.code),
        });
        finish(rendered.grpcStatus, rendered.code);
      },
    );
  };
}

/** Runs `body` within maxInFlight; a cancelled call (client gone, deadline passed, forced stop) cancels its node calls. */
async function runGraph(
  runtime: EngineRuntime,
  call: grpc.ServerUnaryCall<Buffer, Buffer>,
  body: MethodBody,
  ctx: Omit<RequestContext, 'abort'>,
): Promise<Uint8Array> {
  const max = runtime.config.maxInFlight;
  if (runtime.inFlightGraph >= max)
    throw new EngineError(
      'SC_ERR_ENGINE_OVERLOADED',
      `more than ${max} requests in flight (maxInFlight); retry later`,
    );
  runtime.inFlightGraph++;
  try {
    const abort = new Cancellation();
    call.once('cancelled', (reason: string) =>
      abort.abort(
        new Error(
          `the gRPC call was cancelled (${reason}): the client cancelled it, its deadline passed or the server stopped`,
        ),
      ),
    );
    return await body(call.request, { ...ctx, abort });
  } finally {
    runtime.inFlightGraph--;
  }
}

function textMetadata(key: string, value: string): grpc.Metadata {
  const md = new grpc.Metadata();
  md.set(key, value);
  return md;
}

/** Every method the engine serves for its protocol, by path. */
function methodTable(runtime: EngineRuntime, unary: UnaryFactory): Record<string, RawHandler> {
  const protocol = runtime.config.protocol;
  return {
    ...seldonMethods(runtime, unary),
    ...(protocol === 'v2' || protocol === 'kfserving' ? v2Methods(runtime, unary) : {}),
    ...(protocol === 'tensorflow' ? tensorflowMethods(runtime, unary) : {}),
    [HEALTH_CHECK]: healthCheck(runtime),
  };
}

/** seldon.protos.Seldon, served whatever the protocol. */
function seldonMethods(runtime: EngineRuntime, unary: UnaryFactory): Record<string, RawHandler> {
  return {
    [`${SELDON}Predict`]: unary(`${SELDON}Predict`, true, async (req, ctx) => {
      const out = await runtime.predict(GraphPayload.fromProtobuf(req), ctx);
      return toProtobuf(out, (o) => messageToProto(o as never));
    }),
    [`${SELDON}SendFeedback`]: unary(`${SELDON}SendFeedback`, true, async (req, ctx) => {
      const feedback = GraphPayload.fromProtobuf(req);
      const out = await runtime.feedback(feedback, ctx);
      // A root that takes no feedback (a TRANSFORMER, say) answers the Feedback itself; the
      // reference's gRPC server then answers an empty SeldonMessage, not bytes of another type.
      if (out === feedback) return EMPTY_MESSAGE;
      return toProtobuf(out, (o) => messageToProto(o as never));
    }),
    [`${SELDON}ModelMetadata`]: unary(`${SELDON}ModelMetadata`, false, async (req, ctx) => {
      let name: string;
      try {
        name = modelMetadataRequestFromProto(req).name ?? '';
      } catch (err) {
        throw new EngineError(
          'SC_ERR_ENGINE_BAD_REQUEST',
          `ModelMetadata request is not a valid SeldonModelMetadataRequest: ${(err as Error).message}`,
        );
      }
      const out = await runtime.nodeMetadata(name, { ...ctx, modelName: undefined });
      if (out.isProtobuf) return toProtobuf(out, () => new Uint8Array());
      const { modelMetadataToProto } = await import('@seldon-ts/payload');
      return toProtobuf(out, (o) => modelMetadataToProto(o as never));
    }),
    [`${SELDON}GraphMetadata`]: unary(`${SELDON}GraphMetadata`, false, async (_req, ctx) =>
      graphMetadataToProto((await runtime.graphMetadata(ctx)) as never),
    ),
  };
}

/** The v2 dataplane (protocol v2 or kfserving). */
function v2Methods(runtime: EngineRuntime, unary: UnaryFactory): Record<string, RawHandler> {
  const methods: Record<string, [sendPuid: boolean, body: MethodBody]> = {
    ModelInfer: [
      true,
      async (req, ctx) => {
        const out = await runtime.predict(GraphPayload.fromProtobuf(req), ctx);
        needProtobuf(out, 'ModelInfer', 'v2');
        return toProtobuf(out, () => new Uint8Array());
      },
    ],
    ServerLive: [false, async () => boolResponse(true)],
    ServerReady: [false, async () => boolResponse((await runtime.readiness()).ready)],
    ModelReady: [false, async () => boolResponse((await runtime.readiness()).ready)],
    ServerMetadata: [false, async () => V2_CODECS.ServerMetadata.responseSerialize(v2ServerMetadata())],
    ModelMetadata: [
      true,
      async (req, ctx) => {
        const out = await runtime.nodeMetadata(v2ModelName(req), { ...ctx, modelName: undefined });
        needProtobuf(out, 'ModelMetadata', 'v2');
        return toProtobuf(out, () => new Uint8Array());
      },
    ],
    RepositoryIndex: [
      false,
      async (req) => V2_CODECS.RepositoryIndex.responseSerialize(await v2RepositoryIndex(runtime, req)),
    ],
    RepositoryModelLoad: [false, () => Promise.reject(repositoryUnimplemented('RepositoryModelLoad'))],
    RepositoryModelUnload: [false, () => Promise.reject(repositoryUnimplemented('RepositoryModelUnload'))],
  };
  return Object.fromEntries(
    Object.entries(methods).map(([name, [sendPuid, body]]) => [
      `${V2}${name}`,
      unary(`${V2}${name}`, sendPuid, body),
    ]),
  );
}

/** tensorflow.serving PredictionService and ModelService (protocol tensorflow); no puid comes back, as the reference. */
function tensorflowMethods(runtime: EngineRuntime, unary: UnaryFactory): Record<string, RawHandler> {
  const methods: Record<string, MethodBody> = {};
  // Predict, Classify, Regress and MultiInference all run the graph; the payload's content type
  // names the request message so each node is called with the same RPC.
  for (const rpc of TF_GRAPH_RPC_NAMES) {
    methods[`${TF_PREDICTION_SERVICE}${rpc}`] = async (req, ctx) => {
      checkSingleHop(runtime.config.predictor.graph, rpc);
      const payload =
        rpc === 'Predict'
          ? GraphPayload.fromProtobuf(req)
          : GraphPayload.fromBytes(req, tfRequestContentType(rpc));
      const out = await runtime.predict(payload, ctx);
      needProtobuf(out, rpc, 'tensorflow');
      return toProtobuf(out, () => new Uint8Array());
    };
  }
  methods[`${TF_PREDICTION_SERVICE}GetModelMetadata`] = async (req, ctx) => {
    const name = tfRequiredModelName(req, 'GetModelMetadata');
    const out = await runtime.nodeMetadata(name, { ...ctx, modelName: undefined });
    needProtobuf(out, 'GetModelMetadata', 'tensorflow');
    return toProtobuf(out, () => new Uint8Array());
  };
  methods[`${TF_MODEL_SERVICE}GetModelStatus`] = async (req, ctx) => {
    const name = tfRequiredModelName(req, 'GetModelStatus');
    const out = await runtime.nodeStatus(name, { ...ctx, modelName: undefined });
    needProtobuf(out, 'GetModelStatus', 'tensorflow');
    return toProtobuf(out, () => new Uint8Array());
  };
  methods[`${TF_MODEL_SERVICE}HandleReloadConfigRequest`] = () =>
    Promise.reject(
      new EngineError(
        'SC_ERR_ENGINE_UNIMPLEMENTED',
        'HandleReloadConfigRequest: the engine serves a fixed inference graph and has no model config to reload; send it to the TensorFlow Serving node itself',
      ),
    );
  return Object.fromEntries(Object.entries(methods).map(([path, body]) => [path, unary(path, false, body)]));
}

/** grpc.health.v1.Health/Check → HealthCheckResponse{status: SERVING=1 | NOT_SERVING=2}. */
function healthCheck(runtime: EngineRuntime): RawHandler {
  return (_call, callback) => {
    runtime.readiness().then(
      (state) => callback(null, Buffer.from([0x08, state.ready ? 1 : 2])),
      (err: unknown) => callback({ code: grpc.status.UNAVAILABLE, details: (err as Error).message }),
    );
  };
}

/** The model a v2 ModelMetadataRequest names; an unreadable or empty request is the client's error. */
function v2ModelName(request: Buffer): string {
  let name: unknown;
  try {
    name = V2_CODECS.ModelMetadata.requestDeserialize(request).name;
  } catch (err) {
    throw new EngineError(
      'SC_ERR_ENGINE_BAD_REQUEST',
      `ModelMetadata request is not a valid inference.ModelMetadataRequest: ${(err as Error).message}`,
    );
  }
  if (typeof name !== 'string' || name === '')
    throw new EngineError(
      'SC_ERR_ENGINE_BAD_REQUEST',
      'ModelMetadata request: name is empty; name a node of the graph',
    );
  return name;
}

/**
 * RepositoryIndex: the engine's "repository" is its graph, so the nodes its readiness check covers
 * (every node served by a container; built-in implementations are not models) are listed with
 * state READY or UNAVAILABLE; `ready: true` lists only the ready ones. `repository_name` is
 * ignored: there is one graph.
 */
async function v2RepositoryIndex(runtime: EngineRuntime, request: Buffer): Promise<Record<string, unknown>> {
  let readyOnly: boolean;
  try {
    readyOnly = V2_CODECS.RepositoryIndex.requestDeserialize(request).ready === true;
  } catch (err) {
    throw new EngineError(
      'SC_ERR_ENGINE_BAD_REQUEST',
      `RepositoryIndex request is not a valid inference.RepositoryIndexRequest: ${(err as Error).message}`,
    );
  }
  const { nodes } = await runtime.readiness();
  const models = Object.entries(nodes)
    .filter(([, ready]) => ready || !readyOnly)
    .map(([name, ready]) =>
      ready ? { name, state: 'READY' } : { name, state: 'UNAVAILABLE', reason: 'the node does not answer' },
    );
  return { models };
}

function repositoryUnimplemented(rpc: string): EngineError {
  return new EngineError(
    'SC_ERR_ENGINE_UNIMPLEMENTED',
    `${rpc}: the engine serves a fixed inference graph; models are loaded by the graph's nodes, change the SeldonDeployment to change them`,
  );
}

/**
 * The engine's own ServerMetadataResponse: the server is the engine, not a model server, so it names
 * itself and declares no protocol extensions.
 */
function v2ServerMetadata(): Record<string, unknown> {
  return { name: 'seldon-engine', version: ENGINE_VERSION, extensions: [] };
}

function grpcCredentials(tls: GrpcTlsKeyPair | undefined): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(null, [{ cert_chain: tls.cert, private_key: tls.key }], false);
}
