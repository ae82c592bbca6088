// The REST node client (undici underneath) against raw TCP servers that answer with crafted bytes:
// body framings, keep-alive reuse and stale connections, limits, malformed answers, cancellation,
// connect retries.
import { describe, it, expect, afterEach } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import { Cancellation, GraphError, GraphPayload } from '@seldon-ts/graph-executor';
import type { NodeCall } from '@seldon-ts/graph-executor';
import { RestNodeClient, type RestNodeClientOptions } from '@seldon-ts/graph-executor/rest';

/** One request as the raw server saw it. */
interface Seen {
  head: string;
  body: string;
  socket: Socket;
  /** Index of the connection it came on (0 = first connection accepted). */
  connection: number;
}

interface RawNode {
  port: number;
  seen: Seen[];
  connections: number;
  open: Set<Socket>;
  closed: number;
  close(): Promise<void>;
}

/**
 * A TCP server that parses requests (Content-Length bodies) and lets `answer` write whatever bytes
 * it likes on the socket.
 */
async function rawNode(answer: (req: Seen, n: number) => void, port = 0): Promise<RawNode> {
  const node: RawNode = {
    port: 0,
    seen: [],
    connections: 0,
    open: new Set(),
    closed: 0,
    close: async () => undefined,
  };
  const server: Server = createServer((socket) => {
    const connection = node.connections++;
    node.open.add(socket);
    socket.on('close', () => {
      node.open.delete(socket);
      node.closed++;
    });
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.toString('latin1', 0, end);
        const m = /content-length: *(\d+)/i.exec(head);
        const length = m ? Number(m[1]) : 0;
        if (buf.length < end + 4 + length) return;
        const body = buf.toString('utf8', end + 4, end + 4 + length);
        buf = buf.subarray(end + 4 + length);
        const req = { head, body, socket, connection };
        node.seen.push(req);
        answer(req, node.seen.length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  node.port = (server.address() as { port: number }).port;
  node.close = () =>
    new Promise<void>((resolve) => {
      for (const s of node.open) s.destroy();
      server.close(() => resolve());
    });
  return node;
}

const BODY = '{"data":{"ndarray":[[1,2]]}}';

function ok(body = BODY, extra = ''): string {
  return `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
}

function call(port: number, overrides: Partial<NodeCall> = {}): NodeCall {
  return {
    node: { name: 'm', type: 'MODEL', endpoint: { service_host: '127.0.0.1', httpPort: port } },
    method: 'predict',
    modelName: 'm',
    protocol: 'seldon',
    payload: GraphPayload.fromJsonText(BODY),
    puid: 'puid-1',
    headers: {},
    signal: undefined,
    deadline: undefined,
    ...overrides,
  };
}

/**
 * One event-loop turn: undici reuses a kept-alive connection a turn after its answer (a call made
 * sooner takes another connection).
 */
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

async function failure(p: Promise<unknown>): Promise<GraphError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GraphError);
  return err as GraphError;
}

describe('REST node client', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  async function setup(answer: (req: Seen, n: number) => void, options: RestNodeClientOptions = {}) {
    const node = await rawNode(answer);
    const client = new RestNodeClient({ connectRetries: 0, ...options });
    cleanup.push(
      () => node.close(),
      () => client.close(),
    );
    return { node, client };
  }

  it('sends one well-formed request with the puid, content type and length', async () => {
    const { node, client } = await setup((req) => req.socket.write(ok()));
    const out = await client.call(
      call(node.port, { headers: { 'x-trace': 'abc', host: 'ignored', 'seldon-puid': 'old' } }),
    );
    expect(out.text()).toBe(BODY);
    const head = node.seen[0]!.head.split('\r\n');
    expect(head[0]).toBe('POST /predict HTTP/1.1');
    expect(head).toContain(`host: 127.0.0.1:${node.port}`);
    expect(head).toContain('x-trace: abc');
    expect(head).toContain('seldon-puid: puid-1');
    expect(head).toContain('content-type: application/json');
    expect(head).toContain(`content-length: ${BODY.length}`);
    expect(head.filter((l) => l.startsWith('host:') || l.startsWith('seldon-puid:'))).toHaveLength(2);
    expect(node.seen[0]!.body).toBe(BODY);
  });

  it('reads chunked answers split at every awkward boundary, with extensions and trailers', async () => {
    const body = '{"data":{"ndarray":[[3,4]]},"meta":{}}';
    const wire =
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n' +
      `5;ext=1\r\n${body.slice(0, 5)}\r\n` +
      `${(body.length - 5).toString(16)}\r\n${body.slice(5)}\r\n` +
      '0\r\nx-trailer: t\r\n\r\n';
    const { node, client } = await setup((req) => {
      // One byte per write: every parser state sees a partial input.
      const bytes = Buffer.from(wire, 'latin1');
      let i = 0;
      const next = (): void => {
        if (i < bytes.length) req.socket.write(bytes.subarray(i, ++i), () => setImmediate(next));
      };
      next();
    });
    const out = await client.call(call(node.port));
    expect(out.text()).toBe(body);
    // The connection is kept alive and reused for the next call.
    await turn();
    await client.call(call(node.port));
    expect(node.connections).toBe(1);
  });

  it('reads an answer without a length until the node closes, and does not reuse that connection', async () => {
    const { node, client } = await setup((req) => {
      req.socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n${BODY}`);
    });
    expect((await client.call(call(node.port))).text()).toBe(BODY);
    expect((await client.call(call(node.port))).text()).toBe(BODY);
    expect(node.connections).toBe(2);
  });

  it('skips 103 Early Hints and honours Connection: close', async () => {
    const { node, client } = await setup((req) => {
      req.socket.write('HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n');
      req.socket.write(ok(BODY, 'connection: close\r\n'));
    });
    expect((await client.call(call(node.port))).text()).toBe(BODY);
    await turn();
    expect((await client.call(call(node.port))).text()).toBe(BODY);
    expect(node.connections).toBe(2);
  });

  it('refuses a 100 Continue the request did not ask for (undici reads it as a broken answer)', async () => {
    const { node, client } = await setup((req) => {
      req.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
      req.socket.write(ok());
    });
    const err = await failure(client.call(call(node.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_BAD_RESPONSE');
    expect(err.message).toContain('100 Continue');
  });

  it('keeps connections alive: sequential calls share one connection, back-to-back ones two at most', async () => {
    const { node, client } = await setup((req) => req.socket.write(ok()));
    for (let i = 0; i < 5; i++) {
      await client.call(call(node.port));
      await turn();
    }
    expect(node.seen).toHaveLength(5);
    expect(node.connections).toBe(1);
    for (let i = 0; i < 5; i++) await client.call(call(node.port));
    expect(node.seen).toHaveLength(10);
    expect(node.connections).toBeLessThanOrEqual(2);
  });

  it('retries once on a fresh connection when a reused connection closes before answering', async () => {
    // The node answers the first request, then drops the connection on the second one without a
    // byte (what a keep-alive timeout racing with a new request looks like).
    const { node, client } = await setup((req, n) => {
      if (n === 2) req.socket.destroy();
      else req.socket.write(ok());
    });
    await client.call(call(node.port));
    await turn();
    const out = await client.call(call(node.port));
    expect(out.text()).toBe(BODY);
    expect(node.seen).toHaveLength(3);
    expect(node.seen[1]!.connection).toBe(0);
    expect(node.seen[2]!.connection).toBe(1);
  });

  it('does not retry a fresh connection the node closes without answering', async () => {
    const { node, client } = await setup((req) => req.socket.destroy());
    const err = await failure(client.call(call(node.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
    expect(err.message).toContain('closed the connection without answering');
    expect(node.seen).toHaveLength(1);
  });

  it('does not retry a connection that failed in the middle of an answer', async () => {
    const { node, client } = await setup((req) => {
      req.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"data"');
      setImmediate(() => req.socket.destroy());
    });
    const err = await failure(client.call(call(node.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
    expect(err.nodeName).toBe('m');
    expect(err.message).toContain('in the middle of its answer');
    expect(node.seen).toHaveLength(1);
  });

  it('drops a kept-alive connection the node closed while it was idle', async () => {
    const { node, client } = await setup((req) => req.socket.write(ok()));
    await client.call(call(node.port));
    for (const s of node.open) s.end();
    while (node.closed < 1) await new Promise((r) => setTimeout(r, 5));
    expect((await client.call(call(node.port))).text()).toBe(BODY);
    expect(node.connections).toBe(2);
  });

  it('refuses a body over maxMessageBytes, declared or chunked, and closes that connection', async () => {
    const big = 'x'.repeat(2000);
    const { node, client } = await setup(
      (req, n) =>
        req.socket.write(
          n === 1
            ? ok(big)
            : `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n400\r\n${big.slice(0, 1024)}\r\n400\r\n${big.slice(0, 1024)}\r\n0\r\n\r\n`,
        ),
      { maxMessageBytes: 1500 },
    );
    const declared = await failure(client.call(call(node.port)));
    expect(declared.code).toBe('SC_ERR_GRAPH_MESSAGE_TOO_LARGE');
    expect(declared.message).toContain('maxMessageBytes (1500 bytes)');
    const chunked = await failure(client.call(call(node.port)));
    expect(chunked.code).toBe('SC_ERR_GRAPH_MESSAGE_TOO_LARGE');
    // The rest of each body is not read: both connections are closed.
    expect(node.seen).toHaveLength(2);
    while (!node.seen.every((r) => r.socket.destroyed)) await new Promise((r) => setTimeout(r, 5));
    expect(node.seen[0]!.socket).not.toBe(node.seen[1]!.socket);
  });

  it('names malformed answers: bad status line, oversized head, conflicting framing', async () => {
    const answers = [
      'HTTP/2 200\r\n\r\n',
      `HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(300)}\r\n\r\n`,
      'HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n',
    ];
    const { node, client } = await setup((req, n) => req.socket.write(answers[n - 1]!), {
      maxHeaderBytes: 200,
    });
    const messages: string[] = [];
    for (let i = 0; i < answers.length; i++) {
      const err = await failure(client.call(call(node.port)));
      expect(err.code).toBe('SC_ERR_GRAPH_NODE_BAD_RESPONSE');
      expect(err.nodeName).toBe('m');
      messages.push(err.message);
    }
    expect(messages[0]).toContain('an invalid HTTP/1.1 answer');
    expect(messages[1]).toContain('an answer head over maxHeaderBytes (200 bytes)');
    expect(messages[2]).toContain('Content-Length');
    expect(messages[3]).toMatch(/invalid HTTP\/1.1 answer.*Content-Length/);
  });

  it('answers with the node status and body on a non-200 answer', async () => {
    const body = '{"status":{"code":400,"info":"bad","status":"FAILURE"}}';
    const { node, client } = await setup((req) =>
      req.socket.write(
        `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      ),
    );
    const err = await failure(client.call(call(node.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_ERROR_RESPONSE');
    expect(err.httpStatus).toBe(400);
    expect(err.body?.text()).toBe(body);
  });

  it('refuses a header value with CR/LF before sending anything', async () => {
    const { node, client } = await setup((req) => req.socket.write(ok()));
    const err = await failure(client.call(call(node.port, { headers: { 'x-evil': 'a\r\nx-injected: 1' } })));
    expect(err.code).toBe('SC_ERR_GRAPH_BAD_PAYLOAD');
    expect(err.message).toContain('x-evil');
    expect(node.connections).toBe(0);
  });

  it('cancellation closes the connection of a call in progress and fails fast', async () => {
    const { node, client } = await setup(() => undefined); // never answers
    const cancellation = new Cancellation();
    const pending = failure(client.call(call(node.port, { cancellation })));
    while (node.seen.length < 1) await new Promise((r) => setTimeout(r, 5));
    cancellation.abort(new Error('client went away'));
    const err = await pending;
    expect(err.code).toBe('SC_ERR_GRAPH_CANCELLED');
    while (node.closed < 1) await new Promise((r) => setTimeout(r, 5));
    expect(node.closed).toBe(1);
  });

  it('queues calls beyond `connections` and serves them all on that many connections', async () => {
    const held: Seen[] = [];
    const { node, client } = await setup(
      (req) => {
        held.push(req);
        if (held.length === 2) for (const r of held.splice(0)) r.socket.write(ok());
      },
      { connections: 2 },
    );
    const calls = Array.from({ length: 6 }, () => client.call(call(node.port)));
    const out = await Promise.all(calls);
    expect(out.map((p) => p.text())).toEqual(Array(6).fill(BODY));
    expect(node.connections).toBe(2);
  });

  it('cancelling a queued call removes it without touching the busy connections', async () => {
    const { node, client } = await setup(
      (req, n) => setTimeout(() => req.socket.write(ok()), n === 1 ? 50 : 0),
      {
        connections: 1,
      },
    );
    const first = client.call(call(node.port));
    const cancellation = new Cancellation();
    const queued = failure(client.call(call(node.port, { cancellation })));
    cancellation.abort();
    expect((await queued).code).toBe('SC_ERR_GRAPH_CANCELLED');
    expect((await first).text()).toBe(BODY);
    expect(node.seen).toHaveLength(1);
    expect(node.connections).toBe(1);
  });

  it('reads framing and payload headers in any letter case and ignores the others', async () => {
    const body = 'plain text';
    const { node, client } = await setup((req) =>
      req.socket.write(
        `HTTP/1.1 200 OK\r\nX-Other: 1\r\nCONTENT-LENGTH: ${body.length}\r\nContent-Type: text/plain\r\ncontent-ENCODING: identity\r\nKeep-Alive: timeout=30\r\n\r\n${body}`,
      ),
    );
    const out = await client.call(call(node.port));
    expect(out.text()).toBe(body);
    expect(out.contentType).toBe('text/plain');
    expect(out.contentEncoding).toBe('identity');
    await turn();
    await client.call(call(node.port));
    expect(node.connections).toBe(1);
  });

  it('a node that goes silent mid-call fails after answerTimeoutMs, naming the node', async () => {
    const { node, client } = await setup(
      (req) => req.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n{'),
      {
        answerTimeoutMs: 300,
      },
    );
    const err = await failure(client.call(call(node.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    expect(err.nodeName).toBe('m');
    expect(err.message).toContain('sent nothing for 300 ms (answerTimeoutMs)');
    while (node.closed < 1) await new Promise((r) => setTimeout(r, 5));
  });

  it('names a header name undici refuses, before sending anything', async () => {
    const { node, client } = await setup((req) => req.socket.write(ok()));
    const err = await failure(client.call(call(node.port, { headers: { 'x bad': 'v' } })));
    expect(err.code).toBe('SC_ERR_GRAPH_BAD_PAYLOAD');
    expect(err.message).toContain('"x bad"');
    expect(node.connections).toBe(0);
  });

  it('refuses header names with spaces and header values with a bare CR or NUL, naming the node', async () => {
    const answers = [
      'HTTP/1.1 200 OK\r\nContent-Length : 16\r\n\r\n{"data":{"x":1}}',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding : chunked\r\ncontent-length: 2\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\rx\r\ncontent-length: 2\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\ncontent-type: application/\0json\r\ncontent-length: 2\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\ncontent-encoding: gz\rip\r\ncontent-length: 2\r\n\r\n{}',
    ];
    const { node, client } = await setup((req, n) => req.socket.write(answers[n - 1]!));
    for (const answer of answers) {
      const err = await failure(client.call(call(node.port)));
      expect({ answer, code: err.code, node: err.nodeName }).toEqual({
        answer,
        code: 'SC_ERR_GRAPH_NODE_BAD_RESPONSE',
        node: 'm',
      });
      expect(err.message).toMatch(
        /^node m at http:\/\/127\.0\.0\.1:\d+\/predict sent an invalid HTTP\/1\.1 answer/,
      );
    }
  });

  it('bounds the whole answer with maxAnswerMs when a node drips body bytes or repeats interim 103 answers', async () => {
    const drips: NodeJS.Timeout[] = [];
    cleanup.push(async () => drips.forEach(clearInterval));
    const { node, client } = await setup(
      (req, n) => {
        const socket = req.socket;
        if (n === 1) {
          socket.write('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n');
          drips.push(setInterval(() => socket.writable && socket.write('a'), 20));
        } else {
          drips.push(
            setInterval(() => socket.writable && socket.write('HTTP/1.1 103 Early Hints\r\n\r\n'), 20),
          );
        }
      },
      { maxAnswerMs: 200, answerTimeoutMs: 60_000 },
    );
    for (let i = 0; i < 2; i++) {
      const err = await failure(client.call(call(node.port)));
      expect(err.code).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
      expect(err.message).toContain('did not finish its answer within 200 ms (maxAnswerMs)');
      expect(err.nodeName).toBe('m');
    }
    while (node.closed < 2) await new Promise((r) => setTimeout(r, 5));
  });

  it('retries a refused connection after connectRetryDelayMs and reaches a node that came up meanwhile', async () => {
    const probe = await rawNode(() => undefined);
    const port = probe.port;
    await probe.close();
    const client = new RestNodeClient({ connectRetries: 2, connectRetryDelayMs: 200 });
    cleanup.push(() => client.close());
    const pending = client.call(call(port));
    // The first attempt is refused at once; the node is up before the first retry.
    const node = await rawNode((req) => req.socket.write(ok()), port);
    cleanup.push(() => node.close());
    expect((await pending).text()).toBe(BODY);
    expect(node.seen).toHaveLength(1);
  });

  it('gives up on a refused connection after connectRetries, naming the refusal', async () => {
    const probe = await rawNode(() => undefined);
    await probe.close();
    const client = new RestNodeClient({ connectRetries: 1, connectRetryDelayMs: 1 });
    cleanup.push(() => client.close());
    const err = await failure(client.call(call(probe.port)));
    expect(err.code).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('refuses invalid options at construction', () => {
    for (const options of [
      { connections: 0 },
      { maxHeaderBytes: 0 },
      { timeoutMs: -1 },
      { answerTimeoutMs: NaN },
    ])
      expect(() => new RestNodeClient(options)).toThrow(
        expect.objectContaining({ code: 'SC_ERR_GRAPH_INVALID_OPTIONS' }),
      );
  });

  it('GET for status and metadata carries no body', async () => {
    const { node, client } = await setup((req) => req.socket.write(ok('{"name":"m"}')));
    const out = await client.call(call(node.port, { method: 'metadata', payload: undefined }));
    expect(out.text()).toBe('{"name":"m"}');
    expect(node.seen[0]!.head.split('\r\n')[0]).toBe('GET /metadata HTTP/1.1');
    expect(node.seen[0]!.head).not.toContain('content-length');
  });
});
