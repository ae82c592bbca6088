// gRPC connection management on the engine's port (grpc-js's server, configured from the engine's
// options): max connection age sends GOAWAY so HTTP/2 clients reconnect (and spread over pods
// again), calls in progress finish within the grace; keepalive pings; max connection idle.
import { describe, it, expect, afterEach } from '@jest/globals';
import { once } from 'node:events';
import http2 from 'node:http2';
import * as grpc from '@grpc/grpc-js';
import { messageFromProto } from '@seldon-ts/payload';
import { normalizeConfig, type EngineHandle } from 'seldon-engine';
import { bindGrpc, startGrpcEngine } from './support/nodes.js';
import { PREDICT_REQUEST as REQUEST, SeldonClient as Client, predict } from './support/seldon-grpc-client.js';
import { rawMethod } from '../src/internal/grpc-raw.js';
import { grpcServerOptions } from '../src/internal/grpc-server.js';

/** A gRPC model node that echoes the request; while `held`, answers wait for `release()`. */
async function echoNode(): Promise<{
  port: number;
  hold(): Promise<void>;
  release(): void;
  close(): void;
}> {
  let held: { arrived: () => void; waiting: (() => void)[] } | undefined;
  const server = new grpc.Server();
  server.addService({ Predict: rawMethod('/seldon.protos.Model/Predict') } as never, {
    Predict: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      const answer = () => callback(null, call.request);
      if (held === undefined) return answer();
      held.waiting.push(answer);
      held.arrived();
    },
  });
  const port = await bindGrpc(server);
  return {
    port,
    /** From now on calls wait; resolves when the first one has arrived. */
    hold: () =>
      new Promise<void>((arrived) => {
        held = { arrived, waiting: [] };
      }),
    release() {
      const waiting = held?.waiting ?? [];
      held = undefined;
      for (const answer of waiting) answer();
    },
    close: () => server.forceShutdown(),
  };
}

/** Resolves with the channel's next connectivity state once it leaves `from`. */
function nextState(client: grpc.Client, from: grpc.connectivityState): Promise<grpc.connectivityState> {
  const channel = client.getChannel();
  return new Promise((resolve, reject) =>
    channel.watchConnectivityState(from, Date.now() + 10_000, (err) =>
      err ? reject(err) : resolve(channel.getConnectivityState(false)),
    ),
  );
}

function graph(port: number) {
  return {
    name: 'echo',
    type: 'MODEL',
    endpoint: { service_host: '127.0.0.1', service_port: port, grpcPort: port, type: 'GRPC' },
  } as const;
}

describe('gRPC connection management', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  async function start(options: Parameters<typeof startGrpcEngine>[1]) {
    const node = await echoNode();
    cleanup.push(() => node.close());
    const engine: EngineHandle = await startGrpcEngine(graph(node.port), options);
    cleanup.push(() => engine.close());
    return { node, engine };
  }
  function rawSession(port: number): http2.ClientHttp2Session {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', () => undefined);
    cleanup.push(() => session.destroy());
    return session;
  }

  it('max connection age: GOAWAY (max_age) ends the connection, the call in progress finishes, the client reconnects and calls again', async () => {
    const { node, engine } = await start({
      grpcMaxConnectionAgeMs: 2000,
      grpcMaxConnectionAgeGraceMs: 10_000,
    });
    // What the server sends, seen on a raw HTTP/2 connection: a GOAWAY without error, marked max_age.
    const raw = rawSession(engine.grpcPort);
    const rawGoaway = once(raw, 'goaway');

    const client = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    cleanup.push(() => client.close());
    expect(messageFromProto(await predict(client))).toMatchObject({ data: { ndarray: [[1, 2]] } });
    expect(client.getChannel().getConnectivityState(false)).toBe(grpc.connectivityState.READY);

    // A call held by the node while the connection reaches its age.
    const order: string[] = [];
    const arrived = node.hold().then(() => order.push('call arrived'));
    const inProgress = predict(client);
    await arrived;
    const left = await nextState(client, grpc.connectivityState.READY);
    order.push('connection left READY');
    expect(order).toEqual(['call arrived', 'connection left READY']);
    expect(left).not.toBe(grpc.connectivityState.TRANSIENT_FAILURE);

    // The grace: the call on the old connection still gets its answer.
    node.release();
    expect(await inProgress).toEqual(REQUEST);
    // A new call reconnects.
    expect(await predict(client)).toEqual(REQUEST);
    expect(client.getChannel().getConnectivityState(false)).toBe(grpc.connectivityState.READY);

    const [code, , opaqueData] = (await rawGoaway) as [number, number, Buffer | undefined];
    expect(code).toBe(http2.constants.NGHTTP2_NO_ERROR);
    expect(opaqueData?.toString()).toBe('max_age');
  });

  it('max connection age grace: a call still running when the grace ends is cut, the engine serves on', async () => {
    const { node, engine } = await start({ grpcMaxConnectionAgeMs: 1000, grpcMaxConnectionAgeGraceMs: 200 });
    const client = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    cleanup.push(() => client.close());
    const arrived = node.hold();
    const stuck = predict(client).catch((err: grpc.ServiceError) => err);
    await arrived;
    const err = (await stuck) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.UNAVAILABLE);
    node.release();
    expect(await predict(client)).toEqual(REQUEST);
  });

  it('keepalive: the server pings the connection every grpcKeepaliveTimeMs', async () => {
    const { engine } = await start({ grpcKeepaliveTimeMs: 100 });
    const raw = rawSession(engine.grpcPort);
    await once(raw, 'ping');
    await once(raw, 'ping'); // and again after the acknowledgement
  });

  it('max connection idle: a connection without calls gets GOAWAY and is closed', async () => {
    const { engine } = await start({ grpcMaxConnectionIdleMs: 200, grpcMaxConnectionAgeMs: 0 });
    const raw = rawSession(engine.grpcPort);
    const [code] = (await once(raw, 'goaway')) as [number];
    expect(code).toBe(http2.constants.NGHTTP2_NO_ERROR);
    await once(raw, 'close');
  });

  it('passes the settings to grpc-js, leaving out those set to 0 (no limit)', () => {
    const predictor = { name: 'p', graph: graph(1) };
    expect(grpcServerOptions(normalizeConfig({ predictor }))).toEqual({
      'grpc.max_receive_message_length': 2147483647,
      'grpc.max_send_message_length': 2147483647,
      'grpc.keepalive_time_ms': 60000,
      'grpc.keepalive_timeout_ms': 20000,
      'grpc.max_connection_age_ms': 300000,
      'grpc.max_connection_age_grace_ms': 60000,
    });
    const off = normalizeConfig({
      predictor,
      grpcKeepaliveTimeMs: 0,
      grpcMaxConnectionAgeMs: 0,
      grpcMaxConnectionAgeGraceMs: 0,
      grpcMaxConnectionIdleMs: 5000,
    });
    expect(grpcServerOptions(off)).toEqual({
      'grpc.max_receive_message_length': 2147483647,
      'grpc.max_send_message_length': 2147483647,
      'grpc.keepalive_timeout_ms': 20000,
      'grpc.max_connection_idle_ms': 5000,
    });
  });
});
