// The gRPC node client (@grpc/grpc-js underneath) against grpc-js servers and raw TCP servers on
// loopback: metadata, deadlines, message limits, statuses, connect retries and timeouts, cancellation.
import { describe, it, expect, afterEach } from '@jest/globals';
import { createServer, type Socket } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { Cancellation, GraphError, GraphPayload } from '@seldon-ts/graph-executor';
import type { NodeCall } from '@seldon-ts/graph-executor';
import { GrpcNodeClient, type GrpcNodeClientOptions } from '@seldon-ts/graph-executor/grpc';
import {
  startGrpcNode,
  strMessage,
  readStrData,
  type GrpcAnswer,
  type GrpcCallRecord,
} from './support/nodes.js';

function call(port: number, overrides: Partial<NodeCall> = {}): NodeCall {
  return {
    node: { name: 'm', type: 'MODEL', endpoint: { service_host: '127.0.0.1', grpcPort: port } },
    method: 'predict',
    modelName: 'm',
    protocol: 'seldon',
    payload: GraphPayload.fromProtobuf(strMessage('in')),
    puid: 'puid-1',
    headers: {},
    signal: undefined,
    deadline: undefined,
    ...overrides,
  };
}

async function failure(p: Promise<unknown>): Promise<GraphError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphError);
  return err as GraphError;
}

/** A port nothing listens on (it was free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('gRPC node client', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  async function setup(
    answer: (call: GrpcCallRecord) => GrpcAnswer | Promise<GrpcAnswer>,
    options: GrpcNodeClientOptions = {},
  ) {
    const node = await startGrpcNode(answer);
    const client = new GrpcNodeClient({ connectRetries: 0, ...options });
    cleanup.push(
      () => node.close(),
      () => client.close(),
    );
    return { node, client };
  }

  it('forwards metadata (binary values as bytes), drops reserved keys and sends the deadline', async () => {
    const { node, client } = await setup(() => strMessage('ok'));
    const deadline = Date.now() + 60_000;
    const out = await client.call(
      call(node.port, {
        headers: {
          'x-trace': 'abc',
          'x-list': ['1', '2'],
          'x-blob-bin': Buffer.from([0, 1, 255]).toString('base64'),
          'grpc-timeout': '1S',
          'user-agent': 'curl',
          'content-type': 'application/json',
          ':authority': 'x',
        },
        deadline,
      }),
    );
    expect(readStrData(out.bytes())).toBe('ok');
    expect(out.isProtobuf).toBe(true);
    const seen = node.calls[0]!;
    expect(seen.path).toBe('/seldon.protos.Model/Predict');
    expect(readStrData(seen.message)).toBe('in');
    expect(seen.metadata.get('x-trace')).toEqual(['abc']);
    // grpc-js sends repeated values as one comma-joined header, as HTTP allows.
    expect(seen.metadata.get('x-list')).toEqual(['1, 2']);
    expect(seen.metadata.get('x-blob-bin')).toEqual([Buffer.from([0, 1, 255])]);
    expect(seen.metadata.get('seldon-puid')).toEqual(['puid-1']);
    expect(seen.metadata.get('user-agent')[0]).not.toBe('curl');
    // The server's deadline comes from grpc-timeout: the call's, not the forwarded header's 1 s.
    const serverDeadline = Number(seen.deadline);
    expect(serverDeadline).toBeGreaterThan(Date.now() + 50_000);
    expect(serverDeadline).toBeLessThanOrEqual(deadline + 50);
  });

  it('passes a node status through with its code and an HTTP status mapped from it', async () => {
    const { node, client } = await setup(() => ({ code: grpc.status.NOT_FOUND, details: 'no such model' }));
    const err = await failure(client.call(call(node.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_ERROR_RESPONSE');
    expect(err.grpcStatus).toBe(grpc.status.NOT_FOUND);
    expect(err.httpStatus).toBe(404);
    expect(err.message).toContain('no such model');
  });

  it('refuses an answer over maxMessageBytes', async () => {
    const { node, client } = await setup(() => strMessage('x'.repeat(2000)), { maxMessageBytes: 1000 });
    const err = await failure(client.call(call(node.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_MESSAGE_TOO_LARGE');
    expect(err.nodeName).toBe('m');
    expect(err.message).toContain('maxMessageBytes (1000 bytes)');
    // The channel stays usable.
    expect(node.calls).toHaveLength(1);
  });

  it('fails a call at its deadline with SC_ERR_GRAPH_NODE_TIMEOUT, and the node sees it cancelled', async () => {
    const { node, client } = await setup(() => ({ delayMs: 5_000, then: strMessage('late') }));
    const err = await failure(client.call(call(node.port, { deadline: Date.now() + 150 })));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    expect(err.nodeName).toBe('m');
    while (node.cancelled === 0) await new Promise((r) => setTimeout(r, 5));
  });

  it('a cancellation cancels the call on the wire', async () => {
    const { node, client } = await setup(() => ({ delayMs: 5_000, then: strMessage('late') }));
    const cancellation = new Cancellation();
    const pending = failure(client.call(call(node.port, { cancellation })));
    while (node.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    cancellation.abort(new Error('client went away'));
    expect((await pending).code).toBe('SC_ERR_GRAPH_CANCELLED');
    while (node.cancelled === 0) await new Promise((r) => setTimeout(r, 5));
  });

  it('refuses metadata gRPC does not allow, before sending, naming the key', async () => {
    const { node, client } = await setup(() => strMessage('ok'));
    const err = await failure(client.call(call(node.port, { headers: { 'x-note': 'caf\u00e9\n' } })));
    expect(err.code).toBe('SC_ERR_GRAPH_BAD_PAYLOAD');
    expect(err.message).toContain('"x-note"');
    expect(node.calls).toHaveLength(0);
  });

  it('retries a refused connection and reaches a node that came up meanwhile', async () => {
    const port = await freePort();
    const client = new GrpcNodeClient({ connectRetries: 3, connectRetryDelayMs: 100 });
    cleanup.push(() => client.close());
    const pending = client.call(call(port));
    const node = await startGrpcNode(() => strMessage('up'), port);
    cleanup.push(() => node.close());
    expect(readStrData((await pending).bytes())).toBe('up');
  });

  it('gives up after connectRetries when nothing listens', async () => {
    const client = new GrpcNodeClient({ connectRetries: 1, connectRetryDelayMs: 1 });
    cleanup.push(() => client.close());
    const err = await failure(client.call(call(await freePort())));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('withdraws a call that found no connection within connectTimeoutMs', async () => {
    // A TCP server that never speaks HTTP/2: the channel stays connecting.
    const sockets: Socket[] = [];
    const mute = createServer((s) => sockets.push(s.on('error', () => undefined)));
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    cleanup.push(
      () =>
        new Promise<void>((r) => {
          sockets.forEach((s) => s.destroy());
          mute.close(() => r());
        }),
    );
    const client = new GrpcNodeClient({ connectRetries: 0, connectTimeoutMs: 200 });
    cleanup.push(() => client.close());
    const started = Date.now();
    const err = await failure(client.call(call((mute.address() as { port: number }).port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
    expect(err.message).toContain('no connection within 200 ms (connectTimeoutMs)');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('a closed client refuses calls', async () => {
    const { node, client } = await setup(() => strMessage('ok'));
    await client.close();
    expect((await failure(client.call(call(node.port)))).code).toBe('SC_ERR_GRAPH_CLOSED');
  });

  it('refuses invalid options at construction', () => {
    for (const options of [
      { connectionsPerTarget: 0 },
      { keepaliveTimeMs: -1 },
      { maxMessageBytes: Infinity },
    ])
      expect(() => new GrpcNodeClient(options)).toThrow(
        expect.objectContaining({ code: 'SC_ERR_GRAPH_INVALID_OPTIONS' }),
      );
  });
});
