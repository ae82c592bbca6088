// The gRPC front door: seldon.protos.Seldon (Predict, SendFeedback, ModelMetadata, GraphMetadata),
// inference.GRPCInferenceService with protocol v2, tensorflow.serving PredictionService and
// ModelService with protocol tensorflow, and grpc.health.v1.Health. Messages stay protobuf bytes end
// to end (identity serializers); only the small metadata messages are decoded.
//
// The methods form one table (path -> raw-bytes handler) served by the engine's own unary gRPC
// server on node:http2 (grpc-h2-server.ts, the default: measured cheaper, docs/benchmarks.md) or,
// with `--grpc_server grpc-js`, by @grpc/grpc-js's Server through a small adapter.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { Span } from '@opentelemetry/api';
import { Cancellation, GraphPayload } from '@seldon-ts/graph-executor';
import {
  graphMetadataToProto,
  inferenceServices,
  messageToProto,
  modelMetadataRequestFromProto,
} from '@seldon-ts/payload';
import { GRPC_CODE_NAMES, type EngineRuntime, type RequestContext } from './runtime.js';
import { errorResponse } from './error-body.js';
import {
  createGrpcH2Server,
  GrpcStatusError,
  type GrpcH2Call,
  type GrpcH2Handler,
  type GrpcOutgoingMetadata,
} from './grpc-h2-server.js';
import { EngineError } from '../errors.js';
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
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The gRPC front door of an engine, whichever server implementation serves it. */
export interface GrpcFrontDoor {
  /** Listens on `host:port` (0 picks a free port); resolves with the bound port. */
  listen(host: string, port: number): Promise<number>;
  /** Graceful close: new calls are refused, calls in progress finish; resolves once closed. */
  close(): Promise<void>;
  /** Cancels calls in progress and closes every connection. */
  forceClose(): void;
  /** Calls accepted and not yet answered. */
  inFlight(): number;
}

export function createGrpcFrontDoor(runtime: EngineRuntime): GrpcFrontDoor {
  const config = runtime.config;
  const table: Record<string, GrpcH2Handler> = {};
  let inFlight = 0;
  const inFlightGauge = runtime.metrics.inFlightCounter('grpc');

  const unary =
    (
      service: string,
      spanName: string,
      sendPuid: boolean,
      body: (request: Buffer, ctx: RequestContext) => Promise<Uint8Array>,
    ): GrpcH2Handler =>
    async (request, call) => {
      const start = performance.now();
      inFlight++;
      inFlightGauge.inc();
      // Text metadata owned by the call: it becomes the headers forwarded to the nodes.
      const headers = call.metadata;
      let puid = headers['seldon-puid'];
      if (typeof puid !== 'string' || !puid) {
        puid = randomUUID();
        headers['seldon-puid'] = puid;
      }
      if (sendPuid) call.sendHeader({ 'seldon-puid': puid });
      let span: Span | undefined;
      if (runtime.tracer)
        span = runtime.tracer.startServerSpan(spanName, headers, {
          'rpc.system': 'grpc',
          'rpc.method': service,
          'seldon.puid': puid,
        });
      let code = 0;
      let errorCode: string | undefined;
      try {
        if (runtime.inFlightGraph >= config.maxInFlight)
          throw new EngineError(
            'SC_ERR_ENGINE_OVERLOADED',
            `more than ${config.maxInFlight} requests in flight (maxInFlight); retry later`,
          );
        runtime.inFlightGraph++;
        try {
          // A cancelled call (client gone, deadline passed, forced shutdown) cancels its node calls.
          const abort = new Cancellation();
          call.onCancel((reason) => abort.abort(reason));
          return await body(request, { puid, headers, span, transport: 'grpc', abort });
        } finally {
          runtime.inFlightGraph--;
        }
      } catch (err) {
        const rendered = errorResponse(err);
        runtime.metrics.errors.inc({ code: rendered.code, server: 'grpc' });
        code = rendered.grpcStatus;
        errorCode = rendered.code;
        throw new GrpcStatusError(rendered.grpcStatus, rendered.message, {
          trailers: { 'seldon-error-code': rendered.code },
        });
      } finally {
        inFlight--;
        inFlightGauge.dec();
        runtime.metrics.observeServer(
          service,
          'unary',
          GRPC_CODE_NAMES[code] ?? String(code),
          (performance.now() - start) / 1000,
        );
        if (span)
          runtime.tracer?.endSpan(span, errorCode ? { message: errorCode, code: errorCode } : undefined);
        if (inFlight === 0) runtime.notifyIdle();
      }
    };
  const add = (prefix: string, methods: Record<string, GrpcH2Handler>): void => {
    for (const [name, handler] of Object.entries(methods)) table[`${prefix}${name}`] = handler;
  };

  add(SELDON, {
    Predict: unary(
      '/seldon.protos.Seldon/Predict',
      '/seldon.protos.Seldon/Predict',
      true,
      async (req, ctx) => {
        const out = await runtime.predict(GraphPayload.fromProtobuf(req), ctx);
        return toProtobuf(out, (o) => messageToProto(o as never));
      },
    ),
    SendFeedback: unary(
      '/seldon.protos.Seldon/SendFeedback',
      '/seldon.protos.Seldon/SendFeedback',
      true,
      async (req, ctx) => {
        const feedback = GraphPayload.fromProtobuf(req);
        const out = await runtime.feedback(feedback, ctx);
        // A root that takes no feedback (a TRANSFORMER, say) answers the Feedback itself; the
        // reference's gRPC server then answers an empty SeldonMessage, not bytes of another type.
        if (out === feedback) return EMPTY_MESSAGE;
        return toProtobuf(out, (o) => messageToProto(o as never));
      },
    ),
    ModelMetadata: unary(
      '/seldon.protos.Seldon/ModelMetadata',
      '/seldon.protos.Seldon/ModelMetadata',
      false,
      async (req, ctx) => {
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
      },
    ),
    GraphMetadata: unary(
      '/seldon.protos.Seldon/GraphMetadata',
      '/seldon.protos.Seldon/GraphMetadata',
      false,
      async (_req, ctx) => {
        const meta = await runtime.graphMetadata(ctx);
        const bytes = graphMetadataToProto(meta as never);
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      },
    ),
  });

  if (config.protocol === 'v2' || config.protocol === 'kfserving') {
    add(V2, {
      ModelInfer: unary(`${V2}ModelInfer`, `${V2}ModelInfer`, true, async (req, ctx) => {
        const out = await runtime.predict(GraphPayload.fromProtobuf(req), ctx);
        if (!out.isProtobuf)
          throw new EngineError(
            'SC_ERR_ENGINE_INTERNAL',
            'the graph answered ModelInfer with a JSON body (a node reached over REST); v2 gRPC needs every node of the graph reached over gRPC',
          );
        return toProtobuf(out, () => new Uint8Array());
      }),
      ServerLive: unary(`${V2}ServerLive`, `${V2}ServerLive`, false, async () => boolResponse(true)),
      ServerReady: unary(`${V2}ServerReady`, `${V2}ServerReady`, false, async () =>
        boolResponse((await runtime.readiness()).ready),
      ),
      ModelReady: unary(`${V2}ModelReady`, `${V2}ModelReady`, false, async () =>
        boolResponse((await runtime.readiness()).ready),
      ),
      ServerMetadata: unary(`${V2}ServerMetadata`, `${V2}ServerMetadata`, false, async () =>
        V2_CODECS.ServerMetadata.responseSerialize(v2ServerMetadata()),
      ),
      ModelMetadata: unary(`${V2}ModelMetadata`, `${V2}ModelMetadata`, true, async (req, ctx) => {
        const name = v2ModelName(req);
        const out = await runtime.nodeMetadata(name, { ...ctx, modelName: undefined });
        needProtobuf(out, 'ModelMetadata', 'v2');
        return toProtobuf(out, () => new Uint8Array());
      }),
      RepositoryIndex: unary(`${V2}RepositoryIndex`, `${V2}RepositoryIndex`, false, async (req) =>
        V2_CODECS.RepositoryIndex.responseSerialize(await v2RepositoryIndex(runtime, req)),
      ),
      RepositoryModelLoad: unary(`${V2}RepositoryModelLoad`, `${V2}RepositoryModelLoad`, false, () =>
        Promise.reject(repositoryUnimplemented('RepositoryModelLoad')),
      ),
      RepositoryModelUnload: unary(`${V2}RepositoryModelUnload`, `${V2}RepositoryModelUnload`, false, () =>
        Promise.reject(repositoryUnimplemented('RepositoryModelUnload')),
      ),
    });
  }

  if (config.protocol === 'tensorflow') {
    // TensorFlow RPCs do not send the puid back (as the reference).
    const metadataPath = `${TF_PREDICTION_SERVICE}GetModelMetadata`;
    const statusPath = `${TF_MODEL_SERVICE}GetModelStatus`;
    const reloadPath = `${TF_MODEL_SERVICE}HandleReloadConfigRequest`;
    // Predict, Classify, Regress and MultiInference all run the graph; the payload's content type
    // names the request message so each node is called with the same RPC.
    const graphRpc = (rpc: TfGraphRpc) => {
      const path = `${TF_PREDICTION_SERVICE}${rpc}`;
      return unary(path, path, false, async (req, ctx) => {
        checkSingleHop(runtime.config.predictor.graph, rpc);
        const payload =
          rpc === 'Predict'
            ? GraphPayload.fromProtobuf(req)
            : GraphPayload.fromBytes(req, tfRequestContentType(rpc));
        const out = await runtime.predict(payload, ctx);
        needProtobuf(out, rpc, 'tensorflow');
        return toProtobuf(out, () => new Uint8Array());
      });
    };
    add(TF_PREDICTION_SERVICE, {
      ...Object.fromEntries(TF_GRAPH_RPC_NAMES.map((rpc) => [rpc, graphRpc(rpc)])),
      GetModelMetadata: unary(metadataPath, metadataPath, false, async (req, ctx) => {
        const name = tfRequiredModelName(req, 'GetModelMetadata');
        const out = await runtime.nodeMetadata(name, { ...ctx, modelName: undefined });
        needProtobuf(out, 'GetModelMetadata', 'tensorflow');
        return toProtobuf(out, () => new Uint8Array());
      }),
    });
    add(TF_MODEL_SERVICE, {
      GetModelStatus: unary(statusPath, statusPath, false, async (req, ctx) => {
        const name = tfRequiredModelName(req, 'GetModelStatus');
        const out = await runtime.nodeStatus(name, { ...ctx, modelName: undefined });
        needProtobuf(out, 'GetModelStatus', 'tensorflow');
        return toProtobuf(out, () => new Uint8Array());
      }),
      HandleReloadConfigRequest: unary(reloadPath, reloadPath, false, () =>
        Promise.reject(
          new EngineError(
            'SC_ERR_ENGINE_UNIMPLEMENTED',
            'HandleReloadConfigRequest: the engine serves a fixed inference graph and has no model config to reload; send it to the TensorFlow Serving node itself',
          ),
        ),
      ),
    });
  }

  // grpc.health.v1.Health/Check → HealthCheckResponse{status: SERVING=1 | NOT_SERVING=2}.
  table[HEALTH_CHECK] = async () => {
    let ready: boolean;
    try {
      ready = (await runtime.readiness()).ready;
    } catch (err) {
      throw new GrpcStatusError(grpc.status.UNAVAILABLE, (err as Error).message);
    }
    return Buffer.from([0x08, ready ? 1 : 2]);
  };

  const door = config.grpcServer === 'grpc-js' ? grpcJsServer(table, runtime) : http2Server(table, runtime);
  return { ...door, inFlight: () => inFlight };
}

/** The default: the engine's own unary gRPC server on node:http2. */
function http2Server(
  table: Record<string, GrpcH2Handler>,
  runtime: EngineRuntime,
): Omit<GrpcFrontDoor, 'inFlight'> {
  const tls = runtime.config.tls;
  const server = createGrpcH2Server(table, {
    maxReceiveMessageBytes: runtime.config.grpcMaxMessageBytes,
    maxSendMessageBytes: runtime.config.grpcMaxMessageBytes,
    tls: tls ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : undefined,
  });
  return {
    listen: (host, port) => server.listen(port, host),
    close: () => server.close(),
    forceClose: () => server.forceClose(),
  };
}

/** `--grpc_server grpc-js`: the same table served by @grpc/grpc-js's Server. */
function grpcJsServer(
  table: Record<string, GrpcH2Handler>,
  runtime: EngineRuntime,
): Omit<GrpcFrontDoor, 'inFlight'> {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': runtime.config.grpcMaxMessageBytes,
    'grpc.max_send_message_length': runtime.config.grpcMaxMessageBytes,
  });
  const identity = (b: Buffer): Buffer => b;
  for (const [path, handler] of Object.entries(table)) {
    const serve: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      const adapted = grpcJsCall(call, path);
      Promise.resolve()
        .then(() => handler(call.request, adapted.call))
        .then(
          (response) =>
            callback(
              null,
              Buffer.from(response.buffer, response.byteOffset, response.byteLength),
              adapted.trailers(),
            ),
          (err: unknown) => {
            if (err instanceof GrpcStatusError) {
              callback({ code: err.grpcCode, details: err.message, metadata: toMetadata(err.trailers) });
            } else {
              callback({ code: grpc.status.UNKNOWN, details: String((err as Error)?.message ?? err) });
            }
          },
        );
    };
    server.register(path, serve, identity, identity, 'unary');
  }
  return {
    listen: (host, port) => {
      const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      return new Promise((resolve, reject) =>
        server.bindAsync(target, grpcCredentials(runtime), (err, bound) =>
          err ? reject(err) : resolve(bound),
        ),
      );
    },
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    forceClose: () => server.forceShutdown(),
  };
}

/** A grpc-js call seen through the handler interface of grpc-h2-server.ts. */
function grpcJsCall(
  call: grpc.ServerUnaryCall<Buffer, Buffer>,
  path: string,
): { call: GrpcH2Call; trailers(): grpc.Metadata | undefined } {
  let cancelled = false;
  let controller: AbortController | undefined;
  let headerSent = false;
  let trailers: GrpcOutgoingMetadata | undefined;
  const cancelReason = () => new GrpcStatusError(grpc.status.CANCELLED, 'the client cancelled the call');
  call.once('cancelled', () => {
    cancelled = true;
    controller?.abort(cancelReason());
  });
  const deadline = call.getDeadline();
  const adapted: GrpcH2Call = {
    path,
    metadata: metadataToHeaders(call.metadata),
    get binaryMetadata() {
      const out: Record<string, Buffer[]> = {};
      for (const [key, value] of Object.entries(call.metadata.getMap()))
        if (key.endsWith('-bin') && Buffer.isBuffer(value)) out[key] = [value];
      return out;
    },
    deadline:
      deadline instanceof Date ? deadline.getTime() : Number.isFinite(deadline) ? deadline : undefined,
    get signal() {
      if (controller === undefined) {
        controller = new AbortController();
        if (cancelled) controller.abort(cancelReason());
      }
      return controller.signal;
    },
    get cancelled() {
      return cancelled;
    },
    onCancel(listener) {
      if (cancelled) listener(cancelReason());
      else call.once('cancelled', () => listener(cancelReason()));
    },
    sendHeader(metadata) {
      if (headerSent) return;
      headerSent = true;
      call.sendMetadata(toMetadata(metadata));
    },
    setTrailer(metadata) {
      trailers = { ...trailers, ...metadata };
    },
  };
  return { call: adapted, trailers: () => (trailers === undefined ? undefined : toMetadata(trailers)) };
}

function toMetadata(values: GrpcOutgoingMetadata | undefined): grpc.Metadata {
  const md = new grpc.Metadata();
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value])
      md.add(key, typeof v === 'string' ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  }
  return md;
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

export function grpcCredentials(runtime: EngineRuntime): grpc.ServerCredentials {
  const tls = runtime.config.tls;
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    null,
    [{ cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) }],
    false,
  );
}
