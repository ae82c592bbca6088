// Adversarial tests of the engine's own HTTP/1.1 server (Http1Server) over real loopback sockets:
// crafted request bytes go in through node:net, the raw answer bytes come back and are parsed here.
import { describe, it, expect, afterEach } from '@jest/globals';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { createServer as createNodeHttpServer, request as httpRequest, Agent as HttpAgent } from 'node:http';
import { get as httpsGet } from 'node:https';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Http1Server, type Http1ServerOptions, type HttpExchange } from '../src/internal/http1-server.js';
import type { EngineError } from '../src/errors.js';
import { makeTestCertificate } from './support/tls.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits (bounded) for a condition that the server reaches asynchronously; not a timing assertion. */
async function waitFor(cond: () => boolean, what: string, limitMs = 10000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

// ---------------------------------------------------------------------------------------------
// The server under test and its handler.

interface Harness {
  server: Http1Server;
  port: number;
  /** Every exchange the handler saw, in arrival order. */
  exchanges: HttpExchange[];
  /** end() calls per exchange (the `answered` flag of each call). */
  ends: Map<HttpExchange, boolean[]>;
  refused: string[];
  /** Exchanges of `/hold` requests, answered by the test. */
  held: HttpExchange[];
  /** Messages of respond() calls that threw. */
  respondErrors: string[];
}

const harnesses: Harness[] = [];
const clients = new Set<RawClient>();

/**
 * Routes: `/hold` is never answered until the test does it; `/early` answers before reading the
 * body; `/badheader` first tries a response header with CR/LF in it; `/close` asks for
 * `Connection: close`; `/big?n=` answers n bytes; anything else echoes method, url, headers and body
 * as JSON (after `delay` ms when the query has `delay=`), or the body error's code.
 */
async function startServer(options: Partial<Http1ServerOptions> = {}): Promise<Harness> {
  const h = {
    exchanges: [],
    ends: new Map(),
    refused: [],
    held: [],
    respondErrors: [],
  } as unknown as Harness;
  h.server = new Http1Server(
    {
      request(ex) {
        h.exchanges.push(ex);
        void route(h, ex);
      },
      end(ex, answered) {
        const list = h.ends.get(ex) ?? [];
        list.push(answered);
        h.ends.set(ex, list);
      },
      refused(code) {
        h.refused.push(code);
      },
    },
    { maxBodyBytes: 1024 * 1024, ...options },
  );
  h.port = await h.server.listen(0, '127.0.0.1');
  harnesses.push(h);
  return h;
}

async function route(h: Harness, ex: HttpExchange): Promise<void> {
  const url = new URL(ex.url === '*' ? '/' : ex.url, 'http://x');
  switch (url.pathname) {
    case '/hold':
      h.held.push(ex);
      return;
    case '/early':
      ex.skipBody();
      ex.respond(200, [], 'text/plain', 'early');
      return;
    case '/badheader':
      try {
        ex.respond(200, ['X-Bad', 'a\r\nInjected: 1'], 'text/plain', 'bad');
      } catch (err) {
        h.respondErrors.push((err as Error).message);
      }
      try {
        ex.respond(200, ['X-Good', '1'], 'text/plain\r\nInjected: 2', 'bad');
      } catch (err) {
        h.respondErrors.push((err as Error).message);
      }
      ex.respond(200, ['X-Good', '1'], 'text/plain', 'good');
      return;
    case '/close':
      ex.closeAfterResponse();
      ex.respond(200, [], 'text/plain', 'bye');
      return;
    case '/big':
      if (url.searchParams.has('async')) await sleep(0);
      ex.respond(200, [], 'application/octet-stream', Buffer.alloc(Number(url.searchParams.get('n')), 0x61));
      return;
    case '/utf8':
      ex.respond(200, [], 'text/plain; charset=utf-8', 'h\u00e9llo \u{1f600}');
      return;
    case '/size': {
      const [a, b] = await Promise.all([ex.body(), ex.body()]);
      ex.respond(200, [], 'text/plain', `${a.length} ${a === b}`);
      return;
    }
    case '/raw':
      ex.respond(200, [], 'application/octet-stream', await ex.body());
      return;
    case '/destroy':
      ex.destroy();
      return;
    case '/twice':
      ex.respond(201, [], 'text/plain', 'first');
      ex.respond(500, [], 'text/plain', 'second');
      return;
  }
  let body: Buffer;
  try {
    body = await ex.body();
  } catch (err) {
    const e = err as EngineError;
    ex.respond(e.httpStatus, [], 'application/json', JSON.stringify({ error: e.code, message: e.message }));
    return;
  }
  const delay = url.searchParams.get('delay');
  if (delay !== null) await sleep(Number(delay));
  ex.respond(
    200,
    ['X-Echo', '1'],
    'application/json',
    JSON.stringify({ method: ex.method, url: ex.url, headers: ex.headers, body: body.toString('latin1') }),
  );
}

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients.clear();
  for (const h of harnesses.splice(0)) {
    h.server.closeAllConnections();
    await h.server.close();
    // Every exchange ends exactly once, whatever happened to it.
    await waitFor(() => h.exchanges.every((ex) => h.ends.has(ex)), 'end() of every exchange');
    for (const ex of h.exchanges) expect(h.ends.get(ex)).toHaveLength(1);
  }
});

// ---------------------------------------------------------------------------------------------
// A raw client: writes bytes, parses the answers it gets.

interface RawResponse {
  status: number;
  reason: string;
  /** Lower-case names; repeated ones joined with ", ". */
  headers: Record<string, string>;
  head: string;
  body: Buffer;
  text: string;
  json(): any;
}

class RawClient {
  buf = Buffer.alloc(0);
  ended = false;
  closed = false;
  errors: Error[] = [];
  #wake: (() => void)[] = [];

  constructor(readonly socket: Socket) {
    clients.add(this);
    socket.on('data', (b: Buffer) => {
      this.buf = Buffer.concat([this.buf, b]);
      this.#notify();
    });
    socket.on('end', () => {
      this.ended = true;
      this.#notify();
    });
    socket.on('error', (err) => {
      this.errors.push(err);
      this.#notify();
    });
    socket.on('close', () => {
      this.ended = true;
      this.closed = true;
      this.#notify();
    });
  }

  static connect(port: number, allowHalfOpen = false): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ port, host: '127.0.0.1', allowHalfOpen, noDelay: true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawClient(socket));
      });
    });
  }

  #notify(): void {
    for (const w of this.#wake.splice(0)) w();
  }

  changed(): Promise<void> {
    return new Promise((r) => this.#wake.push(r));
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, (err) =>
        err ? reject(err) : resolve(),
      ),
    );
  }

  /** Writes `data` in pieces of `size` bytes, each its own segment (a short pause between them). */
  async writeInPieces(data: string | Buffer, size: number): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    for (let i = 0; i < bytes.length; i += size) {
      await this.write(bytes.subarray(i, i + size));
      await sleep(1);
    }
  }

  /** Reads one complete answer (`head`: the answer of a HEAD request, no body expected). */
  async response(options: { head?: boolean } = {}): Promise<RawResponse> {
    for (;;) {
      const parsed = parseResponse(this.buf, options.head === true);
      if (parsed !== undefined) {
        this.buf = this.buf.subarray(parsed.consumed);
        return parsed.response;
      }
      if (this.ended) {
        throw new Error(
          `the connection ended before a complete answer: ${JSON.stringify(this.buf.toString('latin1'))}`,
        );
      }
      await this.changed();
    }
  }

  /** Waits until the server ends the connection. */
  async end(): Promise<void> {
    while (!this.ended) await this.changed();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

function parseResponse(buf: Buffer, head: boolean): { response: RawResponse; consumed: number } | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const headText = buf.subarray(0, end).toString('latin1');
  const [statusLine, ...lines] = headText.split('\r\n');
  const m = /^HTTP\/1\.1 (\d{3}) (.*)$/.exec(statusLine);
  if (m === null) throw new Error(`bad status line ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`bad response header line ${JSON.stringify(line)}`);
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const status = Number(m[1]);
  let length = 0;
  if (status >= 200 && !head) {
    if (headers['content-length'] === undefined) throw new Error('an answer without Content-Length');
    length = Number(headers['content-length']);
  }
  if (buf.length < end + 4 + length) return undefined;
  const body = Buffer.from(buf.subarray(end + 4, end + 4 + length));
  const text = body.toString('utf8');
  return {
    consumed: end + 4 + length,
    response: { status, reason: m[2], headers, head: headText, body, text, json: () => JSON.parse(text) },
  };
}

/** One request on a fresh connection; the connection is returned for more. */
async function exchange(
  h: Harness,
  bytes: string | Buffer,
): Promise<{ client: RawClient; res: RawResponse }> {
  const client = await RawClient.connect(h.port);
  await client.write(bytes);
  return { client, res: await client.response() };
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: a\r\n${extra}\r\n`;
const post = (path: string, body: string, extra = '') =>
  `POST ${path} HTTP/1.1\r\nHost: a\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\n${extra}\r\n${body}`;

// ---------------------------------------------------------------------------------------------

describe('Http1Server: requests and keep-alive', () => {
  it('answers a GET and a POST with Content-Length, with Date, Content-Length and the keep-alive hint', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, get('/echo?x=1'));
    expect(res.status).toBe(200);
    expect(res.reason).toBe('OK');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-echo']).toBe('1');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.headers.date).toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/,
    );
    expect(Number.isNaN(Date.parse(res.headers.date))).toBe(false);
    expect(res.headers['keep-alive']).toBe('timeout=65');
    expect(res.headers.connection).toBeUndefined();
    expect(res.json()).toEqual({ method: 'GET', url: '/echo?x=1', headers: { host: 'a' }, body: '' });

    await client.write(post('/echo', 'hello world', 'Content-Type: text/plain\r\n'));
    const res2 = await client.response();
    expect(res2.json()).toEqual({
      method: 'POST',
      url: '/echo',
      headers: { host: 'a', 'content-length': '11', 'content-type': 'text/plain' },
      body: 'hello world',
    });
    expect(h.exchanges).toHaveLength(2);
    for (const ex of h.exchanges) expect(h.ends.get(ex)).toEqual([true]);
  });

  it('serves 3 requests on one keep-alive connection', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    for (let i = 0; i < 3; i++) {
      await client.write(post(`/echo?i=${i}`, `body ${i}`));
      const res = await client.response();
      expect(res.json()).toMatchObject({ url: `/echo?i=${i}`, body: `body ${i}` });
    }
    expect(client.ended).toBe(false);
    expect(h.server.connections).toBe(1);
  });

  it('closes after the answer on Connection: close', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, get('/echo', 'Connection: close\r\n'));
    expect(res.status).toBe(200);
    expect(res.headers.connection).toBe('close');
    expect(res.headers['keep-alive']).toBeUndefined();
    await client.end();
    expect(client.buf.length).toBe(0);
  });

  it('ignores requests pipelined behind Connection: close', async () => {
    const h = await startServer();
    const { client, res } = await exchange(
      h,
      get('/echo?1', 'Connection: close\r\n') + get('/echo?2') + get('/echo?3'),
    );
    expect(res.json().url).toBe('/echo?1');
    await client.end();
    expect(client.buf.length).toBe(0);
    expect(h.exchanges).toHaveLength(1);
  });

  it('closes after the answer when the handler asks for it', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, get('/close'));
    expect(res.text).toBe('bye');
    expect(res.headers.connection).toBe('close');
    await client.end();
  });

  it('closes an HTTP/1.0 connection without keep-alive, keeps one with Connection: keep-alive', async () => {
    const h = await startServer();
    const a = await exchange(h, 'GET /echo HTTP/1.0\r\n\r\n');
    expect(a.res.status).toBe(200);
    expect(a.res.headers.connection).toBe('close');
    expect(a.res.json()).toMatchObject({ method: 'GET', url: '/echo', headers: {} });
    await a.client.end();

    const b = await exchange(h, 'GET /echo HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n');
    expect(b.res.headers.connection).toBe('keep-alive');
    expect(b.res.headers['keep-alive']).toBe('timeout=65');
    await b.client.write('POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nhi');
    const res = await b.client.response();
    expect(res.json()).toMatchObject({ method: 'POST', body: 'hi' });
    expect(res.headers.connection).toBe('keep-alive');
    expect(b.client.ended).toBe(false);
  });

  it('says the keep-alive timeout in whole seconds', async () => {
    const h = await startServer({ keepAliveTimeoutMs: 5500 });
    const { res } = await exchange(h, get('/echo'));
    expect(res.headers['keep-alive']).toBe('timeout=5');
  });

  it('answers OPTIONS * and reduces absolute-form targets to path and query', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    const cases: [string, string][] = [
      ['http://example.com:8080/api/v1.0/predictions?x=1', '/api/v1.0/predictions?x=1'],
      ['http://example.com', '/'],
      ['HTTPS://example.com?a=b', '/?a=b'],
      ['/plain/path?q', '/plain/path?q'],
    ];
    for (const [target, url] of cases) {
      await client.write(`GET ${target} HTTP/1.1\r\nHost: a\r\n\r\n`);
      expect((await client.response()).json().url).toBe(url);
    }
    await client.write('OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n');
    expect((await client.response()).json()).toMatchObject({ method: 'OPTIONS', url: '*' });
  });

  it('answers HEAD with Content-Length and no body', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write('HEAD /echo HTTP/1.1\r\nHost: a\r\n\r\n');
    const res = await client.response({ head: true });
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    // Had a body been sent, it would be read here as the next answer's status line.
    await client.write(get('/echo?after-head'));
    const next = await client.response();
    expect(next.json().url).toBe('/echo?after-head');
    expect(client.buf.length).toBe(0);
  });

  it('ignores empty lines before a request line', async () => {
    const h = await startServer();
    const { res } = await exchange(h, `\r\n\r\n${get('/echo?blank')}`);
    expect(res.json().url).toBe('/echo?blank');
  });
});

describe('Http1Server: framing across and within writes', () => {
  it('reads a request written one byte per write (head and body)', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.writeInPieces(post('/echo', 'byte by byte', 'X-A: 1\r\n'), 1);
    const res = await client.response();
    expect(res.json()).toMatchObject({ body: 'byte by byte', headers: { 'x-a': '1' } });
  });

  it('reads head, body and a pipelined second request from one write', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, post('/echo?1', 'hello') + get('/echo?2'));
    expect(res.json()).toMatchObject({ url: '/echo?1', body: 'hello' });
    expect((await client.response()).json()).toMatchObject({ url: '/echo?2', body: '' });
  });

  it('answers 10 pipelined requests from one write in order', async () => {
    const h = await startServer();
    let bytes = '';
    // Later requests answer faster: only in-order processing keeps the order.
    for (let i = 0; i < 10; i++)
      bytes += i % 2 ? post(`/echo?i=${i}&delay=${10 - i}`, `b${i}`) : get(`/echo?i=${i}&delay=${10 - i}`);
    const client = await RawClient.connect(h.port);
    await client.write(bytes);
    for (let i = 0; i < 10; i++) {
      const res = await client.response();
      expect(res.json()).toMatchObject({ url: `/echo?i=${i}&delay=${10 - i}`, body: i % 2 ? `b${i}` : '' });
    }
  });

  it('answers 3000 pipelined requests (more than the pipeline buffer) in order', async () => {
    const h = await startServer();
    const n = 3000;
    let bytes = '';
    for (let i = 0; i < n; i++) bytes += get(`/echo?i=${i}`);
    expect(bytes.length).toBeGreaterThan(65536);
    const client = await RawClient.connect(h.port);
    await client.write(bytes);
    for (let i = 0; i < n; i++) expect((await client.response()).json().url).toBe(`/echo?i=${i}`);
  });

  it('delivers large pipelined answers to a client that reads late', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    client.socket.pause();
    await client.write(get('/big?n=1048576').repeat(4) + get('/echo?last'));
    await waitFor(() => h.exchanges.length >= 1, 'the first request');
    client.socket.resume();
    for (let i = 0; i < 4; i++) {
      const res = await client.response();
      expect(res.body.length).toBe(1048576);
      expect(res.body.every((b) => b === 0x61)).toBe(true);
    }
    expect((await client.response()).json().url).toBe('/echo?last');
  });
});

describe('Http1Server: chunked request bodies', () => {
  const CHUNKED_BODY =
    '4\r\nWiki\r\n5;ext=1;quoted="a b"\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n';
  const DECODED = 'Wikipedia in\r\n\r\nchunks.';
  const chunkedRequest = (path: string, body = CHUNKED_BODY, extra = '') =>
    `POST ${path} HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n${extra}\r\n${body}`;

  it('decodes several chunks with extensions and trailers', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, chunkedRequest('/echo'));
    expect(res.json()).toMatchObject({ body: DECODED, headers: { 'transfer-encoding': 'chunked' } });
    await client.write(chunkedRequest('/echo?again', '0\r\n\r\n', ''));
    expect((await client.response()).json()).toMatchObject({ url: '/echo?again', body: '' });
  });

  it('decodes the same request split at every byte boundary', async () => {
    const h = await startServer();
    const bytes = Buffer.from(chunkedRequest('/echo'), 'latin1');
    const client = await RawClient.connect(h.port);
    for (let k = 1; k < bytes.length; k++) {
      await client.write(bytes.subarray(0, k));
      await sleep(1);
      await client.write(bytes.subarray(k));
      const res = await client.response();
      expect(res.status).toBe(200);
      expect(res.json().body).toBe(DECODED);
    }
    expect(h.exchanges).toHaveLength(bytes.length - 1);
  });

  it('decodes a chunked body written one byte per write', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.writeInPieces(chunkedRequest('/echo'), 1);
    expect((await client.response()).json().body).toBe(DECODED);
  });

  it.each([
    ['a non-hex chunk size', 'zz\r\nabc\r\n0\r\n\r\n', /does not start with a hex size/],
    ['a chunk size of 13 hex digits', '1000000000000\r\n', /more than 12 hex digits/],
    ['chunk data not followed by CRLF', '3\r\nabcX\r\n0\r\n\r\n', /not followed by CRLF/],
    ['garbage after the chunk size', '3x\r\nabc\r\n0\r\n\r\n', /invalid character after the size/],
    ['a chunk-size line ending in a bare LF', '3\nabc\r\n0\r\n\r\n', /does not end with CRLF/],
    ['a chunk-size line over 1024 bytes', `1;${'x'.repeat(2000)}`, /longer than 1024 bytes/],
    [
      'a trailer line ending in a bare LF',
      '3\r\nabc\r\n0\r\nX: y\n\r\n',
      /trailer line does not end with CRLF/,
    ],
  ])('rejects %s through body() and closes after the answer', async (_name, body, message) => {
    const h = await startServer();
    const { client, res } = await exchange(h, chunkedRequest('/echo', body) + get('/echo?never'));
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      error: 'SC_ERR_ENGINE_HTTP_MALFORMED',
      message: expect.stringMatching(message),
    });
    expect(res.headers.connection).toBe('close');
    await client.end();
    expect(client.buf.length).toBe(0);
    expect(h.exchanges).toHaveLength(1);
    expect(h.refused).toEqual([]);
  });

  it('decodes bodies of many tiny and mixed-size chunks byte for byte', async () => {
    const h = await startServer({ maxBodyBytes: 64 * 1024 * 1024 });
    const client = await RawClient.connect(h.port);
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const sizes = [
      Array.from({ length: 200000 }, () => 1),
      [1, 1023, 1024, 1025, 3, 8191, 8192, 8193, 16383, 16384, 16385, 7, 70000, 2, 1],
      Array.from({ length: 3000 }, () => 1 + Math.floor(random() * (random() < 0.8 ? 600 : 20000))),
    ];
    for (const list of sizes) {
      const pieces: Buffer[] = [];
      const wire: Buffer[] = [
        Buffer.from('POST /raw HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n'),
      ];
      for (const n of list) {
        const data = randomBytes(n);
        pieces.push(data);
        wire.push(Buffer.from(`${n.toString(16)}\r\n`), data, Buffer.from('\r\n'));
      }
      wire.push(Buffer.from('0\r\n\r\n'));
      await client.write(Buffer.concat(wire));
      const res = await client.response();
      expect(res.status).toBe(200);
      expect(res.body.equals(Buffer.concat(pieces))).toBe(true);
    }
  });

  it('answers 431 when the trailers exceed maxHeaderBytes', async () => {
    const h = await startServer({ maxHeaderBytes: 1024 });
    const { client, res } = await exchange(
      h,
      chunkedRequest('/echo', `1\r\na\r\n0\r\nX-Big: ${'b'.repeat(2000)}\r\n\r\n`),
    );
    expect(res.status).toBe(431);
    expect(res.json().error).toBe('SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE');
    await client.end();
  });
});

describe('Http1Server: Expect', () => {
  it('sends 100 Continue before the body is sent', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write('POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\n');
    const cont = await client.response();
    expect(cont.status).toBe(100);
    expect(cont.head).toBe('HTTP/1.1 100 Continue');
    expect(client.buf.length).toBe(0);
    await client.write('hello');
    expect((await client.response()).json().body).toBe('hello');
  });

  it('sends no 100 Continue for a body that is too large, only the 413', async () => {
    const h = await startServer({ maxBodyBytes: 10 });
    const client = await RawClient.connect(h.port);
    await client.write(
      'POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n',
    );
    const res = await client.response();
    expect(res.status).toBe(413);
    await client.end();
  });

  it('answers 417 to any other expectation', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, post('/echo', 'x', 'Expect: 200-ok\r\n'));
    expect(res.status).toBe(417);
    expect(res.json().status.reason).toBe('SC_ERR_ENGINE_HTTP_EXPECTATION');
    await client.end();
    expect(h.refused).toEqual(['SC_ERR_ENGINE_HTTP_EXPECTATION']);
  });
});

describe('Http1Server: body limits', () => {
  it('rejects a Content-Length over maxBodyBytes; the answer arrives intact, then the connection closes', async () => {
    const h = await startServer({ maxBodyBytes: 1024 });
    const client = await RawClient.connect(h.port, true);
    const body = Buffer.alloc(4 * 1024 * 1024, 0x62);
    await client.write(`POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n`);
    const res = await client.response();
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({
      error: 'SC_ERR_ENGINE_BODY_TOO_LARGE',
      message: expect.stringContaining('maxBodyBytes'),
    });
    expect(res.headers.connection).toBe('close');
    await client.end();
    // The server reads and drops what the client still sends (no reset that would destroy the answer).
    await client.write(body);
    client.socket.end();
    while (!client.closed) await client.changed();
    expect(client.errors).toEqual([]);
  });

  it('rejects a chunked body that grows over maxBodyBytes and closes after the answer', async () => {
    const h = await startServer({ maxBodyBytes: 1024 });
    const client = await RawClient.connect(h.port, true);
    await client.write('POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = `200\r\n${'c'.repeat(512)}\r\n`;
    await client.write(chunk + chunk);
    await client.write(chunk);
    const res = await client.response();
    expect(res.status).toBe(413);
    expect(res.json().error).toBe('SC_ERR_ENGINE_BODY_TOO_LARGE');
    expect(res.headers.connection).toBe('close');
    await client.end();
    await client.write(chunk.repeat(100));
    client.socket.end();
    while (!client.closed) await client.changed();
    expect(client.errors).toEqual([]);
  });

  it('rejects a single chunk declared larger than maxBodyBytes', async () => {
    const h = await startServer({ maxBodyBytes: 1024 });
    const { client, res } = await exchange(
      h,
      'POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n',
    );
    expect(res.status).toBe(413);
    await client.end();
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const h = await startServer({ maxBodyBytes: 1024 });
    const { res } = await exchange(h, post('/echo', 'x'.repeat(1024)));
    expect(res.json().body).toHaveLength(1024);
  });
});

describe('Http1Server: malformed request heads', () => {
  const cases: [string, string, number, string, RegExp][] = [
    [
      'bad method characters',
      'G(T / HTTP/1.1\r\nHost: a\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /method/,
    ],
    ['no method', ' / HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'SC_ERR_ENGINE_HTTP_MALFORMED', /method/],
    [
      'two spaces after the method',
      'GET  / HTTP/1.1\r\nHost: a\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /request target/,
    ],
    ['no HTTP version', 'GET /\r\nHost: a\r\n\r\n', 400, 'SC_ERR_ENGINE_HTTP_MALFORMED', /request target/],
    [
      'an empty HTTP version',
      'GET / \r\nHost: a\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /HTTP version/,
    ],
    [
      'a lower-case version',
      'GET / http/1.1\r\nHost: a\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /HTTP version/,
    ],
    [
      'a version with letters',
      'GET / HTTP/1.x\r\nHost: a\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /HTTP version/,
    ],
    [
      'whitespace before the colon',
      'GET / HTTP/1.1\r\nHost : a\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /whitespace before the colon/,
    ],
    [
      'obsolete line folding',
      'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  c\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /header line 4 is folded/,
    ],
    [
      'a header without a colon',
      'GET / HTTP/1.1\r\nHost: a\r\nNoColonHere\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /line 3 has an invalid character in its name or no colon/,
    ],
    [
      'a header with an empty name',
      'GET / HTTP/1.1\r\nHost: a\r\n: x\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /no field name/,
    ],
    [
      'a bad character in a name',
      'GET / HTTP/1.1\r\nHost: a\r\nX@A: b\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /invalid character/,
    ],
    [
      'NUL in a value',
      'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /header x-a \(line 3\) has a control character/,
    ],
    [
      'a bare CR in a value',
      'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /control character/,
    ],
    [
      'a bare LF in a value',
      'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\nc\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /control character/,
    ],
    [
      'DEL in a value',
      'GET / HTTP/1.1\r\nHost: a\r\nX-A: b\x7fc\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /control character/,
    ],
    [
      'Content-Length with Transfer-Encoding',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /both Content-Length and Transfer-Encoding/,
    ],
    [
      'two Content-Length headers',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /more than one Content-Length/,
    ],
    [
      'a Content-Length list',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /Content-Length "3, 3" is not a number/,
    ],
    [
      'a non-numeric Content-Length',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /not a number/,
    ],
    [
      'a negative Content-Length',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /not a number/,
    ],
    [
      'a signed Content-Length',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /not a number/,
    ],
    [
      'an empty Content-Length',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /not a number/,
    ],
    [
      'a huge Content-Length',
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /not a number/,
    ],
    [
      'bare LF line endings',
      'GET / HTTP/1.1\nHost: a\n\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /HTTP version/,
    ],
    [
      'a header line ending in a bare LF',
      'GET / HTTP/1.1\r\nHost: a\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /control character/,
    ],
    [
      'a request line ending in a bare LF',
      'GET / HTTP/1.1\nHost: a\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /HTTP version/,
    ],
    [
      'a control character in a value',
      'GET / HTTP/1.1\r\nHost: a\r\nX-A: \x01b\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /control character/,
    ],
    [
      'two Host headers',
      'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /more than one Host/,
    ],
    [
      'HTTP/1.1 without Host',
      'GET / HTTP/1.1\r\nAccept: */*\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /no Host header/,
    ],
    [
      'a TLS ClientHello on the plain port',
      '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n',
      400,
      'SC_ERR_ENGINE_HTTP_MALFORMED',
      /method/,
    ],
    [
      'HTTP/2.0',
      'GET / HTTP/2.0\r\nHost: a\r\n\r\n',
      505,
      'SC_ERR_ENGINE_HTTP_VERSION',
      /HTTP\/2\.0 is not supported/,
    ],
    ['the h2c preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 505, 'SC_ERR_ENGINE_HTTP_VERSION', /HTTP\/2\.0/],
    [
      'HTTP/0.9-style 1.2',
      'GET / HTTP/1.2\r\nHost: a\r\n\r\n',
      505,
      'SC_ERR_ENGINE_HTTP_VERSION',
      /HTTP\/1\.2/,
    ],
    [
      'Transfer-Encoding: gzip',
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n',
      501,
      'SC_ERR_ENGINE_HTTP_NOT_IMPLEMENTED',
      /"gzip" is not supported/,
    ],
    [
      'Transfer-Encoding: gzip, chunked',
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
      501,
      'SC_ERR_ENGINE_HTTP_NOT_IMPLEMENTED',
      /not supported/,
    ],
    [
      'two Transfer-Encoding: chunked',
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      501,
      'SC_ERR_ENGINE_HTTP_NOT_IMPLEMENTED',
      /not supported/,
    ],
  ];

  it.each(cases)(
    'answers %s with a Seldon status JSON and closes',
    async (_name, bytes, status, reason, info) => {
      const h = await startServer();
      const { client, res } = await exchange(h, bytes + get('/echo?never'));
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers.connection).toBe('close');
      const json = res.json();
      expect(json).toEqual({
        status: { code: status, info: expect.stringMatching(info), reason, status: 'FAILURE' },
      });
      await client.end();
      expect(client.buf.length).toBe(0);
      expect(h.exchanges).toHaveLength(0);
      expect(h.refused).toEqual([reason]);
    },
  );

  it.each([
    ['only bare LFs', 'GET / HTTP/1.1\nHost: a\n\n'],
    ['a header line ending in a bare LF', 'GET / HTTP/1.1\r\nHost: a\n\r\n'],
  ])('refuses a head with %s at once, not at the headers timeout', async (_name, bytes) => {
    const h = await startServer();
    const { client, res } = await exchange(h, bytes);
    expect(res.status).toBe(400);
    expect(res.json().status.info).toMatch(/bare LF/);
    await client.end();
  });

  it('refuses a malformed request pipelined behind a good one after answering the good one', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, get('/echo?good') + 'GET / HTTP/1.1\r\nHost : a\r\n\r\n');
    expect(res.json().url).toBe('/echo?good');
    const bad = await client.response();
    expect(bad.status).toBe(400);
    await client.end();
    expect(h.refused).toEqual(['SC_ERR_ENGINE_HTTP_MALFORMED']);
  });

  it('answers 431 to a head over maxHeaderBytes whose end never comes', async () => {
    const h = await startServer({ maxHeaderBytes: 1024 });
    const client = await RawClient.connect(h.port);
    await client.write(`GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(600)}`);
    await sleep(5);
    await client.write('y'.repeat(600));
    const res = await client.response();
    expect(res.status).toBe(431);
    expect(res.json().status).toEqual({
      code: 431,
      info: expect.stringContaining('maxHeaderBytes'),
      reason: 'SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE',
      status: 'FAILURE',
    });
    await client.end();
    expect(h.refused).toEqual(['SC_ERR_ENGINE_HTTP_HEADERS_TOO_LARGE']);
  });

  it('answers 431 to a complete head over maxHeaderBytes, accepts one just within it', async () => {
    const h = await startServer({ maxHeaderBytes: 1024 });
    const base = 'GET / HTTP/1.1\r\nHost: a\r\nX-Big: \r\n\r\n'.length - 2; // the head without the final CRLF
    const { client, res } = await exchange(
      h,
      `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(1025 - base)}\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    await client.end();
    const ok = await exchange(
      h,
      `GET /echo HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(1024 - base - 5)}\r\n\r\n`,
    );
    expect(ok.res.status).toBe(200);
  });

  it('survives header names that are Object.prototype properties', async () => {
    const h = await startServer();
    const { res } = await exchange(
      h,
      get('/echo', '__proto__: x\r\nconstructor: y\r\ntoString: z\r\nhasOwnProperty: w\r\n'),
    );
    expect(res.status).toBe(200);
    const headers = res.json().headers;
    expect(headers).toMatchObject({ constructor: 'y', tostring: 'z', hasownproperty: 'w' });
    expect(Object.getPrototypeOf(h.exchanges[0].headers)).toBe(Object.prototype);
  });
});

describe('Http1Server: header values', () => {
  it('joins repeated headers exactly as node:http does, lower-cases names and trims values', async () => {
    const bytes =
      'GET /echo HTTP/1.1\r\nHost: a\r\nAccept: x\r\nACCEPT: y\r\nCookie: a=1\r\ncookie: b=2\r\n' +
      'Set-Cookie: s=1\r\nSet-Cookie: s=2\r\nContent-Type: text/a\r\nContent-Type: text/b\r\nUser-Agent: u1\r\n' +
      'User-Agent: u2\r\nX-MiXeD-CaSe: v\r\nX-Trim: \t padded value \t\r\nX-Empty:\r\nX-Latin1: caf\xe9\r\n\r\n';
    const h = await startServer();
    const { res } = await exchange(h, bytes);
    const ours = res.json().headers;
    expect(ours).toEqual({
      host: 'a',
      accept: 'x, y',
      cookie: 'a=1; b=2',
      'set-cookie': ['s=1', 's=2'],
      'content-type': 'text/a',
      'user-agent': 'u1',
      'x-mixed-case': 'v',
      'x-trim': 'padded value',
      'x-empty': '',
      'x-latin1': 'caf\xe9',
    });

    // The same bytes through node:http.
    const node = createNodeHttpServer((req, r) => r.end(JSON.stringify(req.headers)));
    await new Promise<void>((r) => node.listen(0, '127.0.0.1', r));
    try {
      const client = await RawClient.connect((node.address() as AddressInfo).port);
      await client.write(bytes.replace('/echo', '/'));
      const nodeHeaders = JSON.parse((await client.response()).text);
      expect(ours).toEqual(nodeHeaders);
    } finally {
      node.closeAllConnections();
      await new Promise((r) => node.close(r));
    }
  });

  it('refuses a response header value with CR/LF (nothing written), then sends a good answer', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, get('/badheader'));
    expect(h.respondErrors).toHaveLength(2);
    expect(h.respondErrors[0]).toMatch(/X-Bad has a CR, LF or NUL/);
    expect(h.respondErrors[1]).toMatch(/Content-Type has a CR, LF or NUL/);
    expect(res.status).toBe(200);
    expect(res.text).toBe('good');
    expect(res.headers['x-good']).toBe('1');
    expect(res.head).not.toContain('Injected');
    expect(res.head).not.toContain('X-Bad');
    expect(client.buf.length).toBe(0);
    await client.write(get('/echo?next'));
    expect((await client.response()).json().url).toBe('/echo?next');
    expect(h.ends.get(h.exchanges[0])).toEqual([true]);
  });
});

describe('Http1Server: answering before the body', () => {
  it('reads and drops the rest of a Content-Length body, then serves the next request', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write('POST /early HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nfirst bytes');
    const res = await client.response();
    expect(res.text).toBe('early');
    expect(res.headers.connection).toBeUndefined();
    await client.writeInPieces(Buffer.alloc(100000 - 11, 0x7a), 30000);
    await client.write(post('/echo?next', 'next body'));
    expect((await client.response()).json()).toMatchObject({ url: '/echo?next', body: 'next body' });
    expect(h.ends.get(h.exchanges[0])).toEqual([true]);
    // skipBody(): the 100,000 bytes were dropped as they came, not kept.
    expect((await h.exchanges[0].body()).length).toBe(0);
  });

  it('reads and drops the rest of a chunked body, then serves the next request', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write('POST /early HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n');
    expect((await client.response()).text).toBe('early');
    await client.write('3\r\nabc\r\n0\r\n\r\n' + get('/echo?next'));
    expect((await client.response()).json().url).toBe('/echo?next');
    expect((await h.exchanges[0].body()).length).toBe(0);
  });

  it('closes after an early answer when the rest of the body turns out malformed', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write('POST /early HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n');
    expect((await client.response()).text).toBe('early');
    await client.write('zz\r\n');
    await client.end();
    expect(client.buf.length).toBe(0);
  });
});

describe('Http1Server: end() accounting', () => {
  it('calls end(exchange, false) once when the client closes before the answer', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write(get('/hold'));
    await waitFor(() => h.held.length === 1, 'the held request');
    client.destroy();
    const ex = h.held[0];
    await waitFor(() => h.ends.has(ex), 'end()');
    expect(h.ends.get(ex)).toEqual([false]);
    // An answer after the client left is dropped without another end().
    ex.respond(200, [], 'text/plain', 'too late');
    expect(ex.responded).toBe(false);
    await sleep(10);
    expect(h.ends.get(ex)).toEqual([false]);
  });

  it('fails body() and calls end(false) once when the client closes mid-body', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write('POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\npartial');
    await waitFor(() => h.exchanges.length === 1, 'the request');
    const ex = h.exchanges[0];
    const body = ex.body();
    client.destroy();
    await expect(body).rejects.toMatchObject({ code: 'SC_ERR_ENGINE_BODY_READ_FAILED' });
    await waitFor(() => h.ends.has(ex), 'end()');
    await sleep(10);
    expect(h.ends.get(ex)).toEqual([false]);
  });

  it('calls end(exchange, false) once when the client half-closes before the answer (as node:http drops it)', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port, true);
    await client.write(get('/hold'));
    await waitFor(() => h.held.length === 1, 'the held request');
    client.socket.end();
    const ex = h.held[0];
    await waitFor(() => h.ends.has(ex), 'end()');
    ex.respond(200, [], 'text/plain', 'too late');
    await client.end();
    await sleep(10);
    expect(h.ends.get(ex)).toEqual([false]);
  });

  it('calls end(exchange, true) once per answered request', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write(get('/echo?1') + post('/echo?2', 'x') + get('/early') + get('/close'));
    for (let i = 0; i < 4; i++) await client.response();
    await client.end();
    await sleep(10);
    expect(h.exchanges).toHaveLength(4);
    for (const ex of h.exchanges) expect(h.ends.get(ex)).toEqual([true]);
  });
});

describe('Http1Server: timeouts', () => {
  it('answers 408 to a head that does not complete within headersTimeoutMs, and closes', async () => {
    const h = await startServer({ headersTimeoutMs: 300 });
    const client = await RawClient.connect(h.port);
    await client.write('GET /echo HTTP/1.1\r\nHost: a\r\n');
    const res = await client.response();
    expect(res.status).toBe(408);
    expect(res.json().status).toMatchObject({ code: 408, reason: 'SC_ERR_ENGINE_HTTP_HEADERS_TIMEOUT' });
    expect(res.headers.connection).toBe('close');
    await client.end();
    expect(h.refused).toEqual(['SC_ERR_ENGINE_HTTP_HEADERS_TIMEOUT']);
    expect(h.exchanges).toHaveLength(0);
  });

  it('answers 408 to a head trickling in one byte at a time past headersTimeoutMs', async () => {
    const h = await startServer({ headersTimeoutMs: 300 });
    const client = await RawClient.connect(h.port);
    const trickle = (async () => {
      for (let i = 0; !client.ended && i < 10000; i++) {
        await client.write('X-Slow: a\r\n'.charAt(i % 11)).catch(() => undefined);
        await sleep(20);
      }
    })();
    await client.write('GET /echo HTTP/1.1\r\nHost: a\r\n');
    const res = await client.response();
    expect(res.status).toBe(408);
    await client.end();
    await trickle;
  });

  it('closes an idle keep-alive connection after keepAliveTimeoutMs', async () => {
    const h = await startServer({ keepAliveTimeoutMs: 300 });
    const { client, res } = await exchange(h, get('/echo'));
    expect(res.status).toBe(200);
    await client.end();
    expect(client.buf.length).toBe(0);
    const silent = await RawClient.connect(h.port);
    await silent.end();
    await waitFor(() => h.server.connections === 0, 'no connections');
  });
});

describe('Http1Server: empty lines between requests', () => {
  it('do not keep an idle connection alive past keepAliveTimeoutMs', async () => {
    const h = await startServer({ keepAliveTimeoutMs: 300 });
    const client = await RawClient.connect(h.port);
    // Empty lines before a request line are allowed (RFC 9112 §2.2) but are not a request.
    for (let i = 0; i < 40 && !client.closed; i++) {
      await client.write('\r\n').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(client.closed).toBe(true);
    await waitFor(() => h.server.connections === 0, 'no connections');
  });
});

describe('Http1Server: close', () => {
  it('stops accepting, answers in progress with Connection: close, closes idle ones on request, then resolves', async () => {
    const h = await startServer();
    const idle1 = (await exchange(h, get('/echo'))).client;
    const idle2 = (await exchange(h, get('/echo'))).client;
    const busy = await RawClient.connect(h.port);
    await busy.write(get('/hold'));
    await waitFor(() => h.held.length === 1, 'the held request');

    let closed = false;
    const closing = h.server.close().then(() => (closed = true));
    await expect(RawClient.connect(h.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    h.held[0].respond(200, [], 'text/plain', 'last');
    const res = await busy.response();
    expect(res.text).toBe('last');
    expect(res.headers.connection).toBe('close');
    await busy.end();

    // A request on a kept-alive connection after close() is answered, with Connection: close.
    await idle1.write(get('/echo?late'));
    const late = await idle1.response();
    expect(late.json().url).toBe('/echo?late');
    expect(late.headers.connection).toBe('close');
    await idle1.end();

    expect(idle2.ended).toBe(false);
    expect(closed).toBe(false);
    h.server.closeIdleConnections();
    await idle2.end();
    await closing;
    expect(closed).toBe(true);
    expect(h.server.connections).toBe(0);
  });

  it('closeIdleConnections leaves a connection with a request in progress alone', async () => {
    const h = await startServer();
    const idle = (await exchange(h, get('/echo'))).client;
    const busy = await RawClient.connect(h.port);
    await busy.write(get('/hold'));
    await waitFor(() => h.held.length === 1, 'the held request');
    h.server.closeIdleConnections();
    await idle.end();
    h.held[0].respond(200, [], 'text/plain', 'still here');
    expect((await busy.response()).text).toBe('still here');
  });

  it('closeAllConnections closes everything; the held exchange ends unanswered; close() resolves', async () => {
    const h = await startServer();
    const idle = (await exchange(h, get('/echo'))).client;
    const busy = await RawClient.connect(h.port);
    await busy.write(get('/hold'));
    await waitFor(() => h.held.length === 1, 'the held request');
    const partial = await RawClient.connect(h.port);
    await partial.write('GET / HTTP/1.1\r\n');
    const closing = h.server.close();
    h.server.closeAllConnections();
    await Promise.all([idle.end(), busy.end(), partial.end()]);
    await closing;
    await waitFor(() => h.ends.has(h.held[0]), 'end() of the held exchange');
    expect(h.ends.get(h.held[0])).toEqual([false]);
  });

  it('close() resolves for a server that never listened', async () => {
    const server = new Http1Server({ request: () => undefined, end: () => undefined }, { maxBodyBytes: 10 });
    await server.close();
    expect(server.connections).toBe(0);
  });
});

describe('Http1Server: TLS and clients', () => {
  it('serves a request over TLS (node:https and raw node:tls)', async () => {
    const cert = makeTestCertificate('http1-tls-');
    try {
      const ca = readFileSync(cert.certFile);
      const h = await startServer({ tls: { cert: ca, key: readFileSync(cert.keyFile) } });
      const viaHttps = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpsGet({ host: '127.0.0.1', port: h.port, path: '/echo?tls', ca, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
      expect(viaHttps.status).toBe(200);
      expect(JSON.parse(viaHttps.body)).toMatchObject({
        url: '/echo?tls',
        headers: { host: `127.0.0.1:${h.port}` },
      });

      const socket = tlsConnect({ host: '127.0.0.1', port: h.port, ca, servername: 'localhost' });
      await new Promise<void>((resolve, reject) =>
        socket.once('secureConnect', resolve).once('error', reject),
      );
      const client = new RawClient(socket);
      await client.write(post('/echo', 'over tls') + get('/echo?two'));
      expect((await client.response()).json().body).toBe('over tls');
      expect((await client.response()).json().url).toBe('/echo?two');

      // Plain HTTP on the TLS port: the handshake fails, the connection closes, the server serves on.
      const plain = await RawClient.connect(h.port);
      await plain.write(get('/echo?plain'));
      await plain.end();
      expect(h.exchanges.map((ex) => ex.url)).not.toContain('/echo?plain');
      await client.write(get('/echo?three'));
      expect((await client.response()).json().url).toBe('/echo?three');
    } finally {
      cert.remove();
    }
  });

  it('works with node:http as a keep-alive client, including a chunked upload', async () => {
    const h = await startServer();
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const call = (path: string, parts: string[]) =>
        new Promise<string>((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port: h.port, path, method: 'POST', agent }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => resolve(body));
          });
          req.on('error', reject);
          for (const p of parts) req.write(p);
          req.end();
        });
      for (let i = 0; i < 3; i++) {
        expect(JSON.parse(await call(`/echo?${i}`, ['part1-', 'part2-', `${i}`]))).toMatchObject({
          url: `/echo?${i}`,
          body: `part1-part2-${i}`,
          headers: { 'transfer-encoding': 'chunked' },
        });
      }
      expect(h.server.connections).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('answers a burst of 200 connections doing 5 requests each', async () => {
    const h = await startServer();
    const conns = await Promise.all(Array.from({ length: 200 }, () => RawClient.connect(h.port)));
    await Promise.all(
      conns.map(async (client, c) => {
        for (let r = 0; r < 5; r++) {
          const body = `connection ${c} request ${r}`;
          await client.write(r % 2 ? post(`/echo?c=${c}&r=${r}`, body) : get(`/echo?c=${c}&r=${r}`));
          const res = await client.response();
          expect(res.status).toBe(200);
          expect(res.json()).toMatchObject({ url: `/echo?c=${c}&r=${r}`, body: r % 2 ? body : '' });
        }
      }),
    );
    expect(h.exchanges).toHaveLength(1000);
    expect(h.server.connections).toBe(200);
  });
});

describe('Http1Server: back-pressure', () => {
  it('stops reading pipelined requests while the client does not read its answers', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    client.socket.pause();
    const n = 40;
    void client.write(get('/big?n=1048576').repeat(n)).catch(() => undefined);
    await waitFor(() => h.exchanges.length >= 1, 'the first request');
    await sleep(300);
    // 40 MB of answers would be buffered by now if requests were still read; a few at most are.
    expect(h.exchanges.length).toBeLessThan(8);
    client.socket.resume();
    for (let i = 0; i < n; i++) expect((await client.response()).body.length).toBe(1048576);
    expect(h.exchanges).toHaveLength(n);
  });

  it('closeIdleConnections does not cut an answer that is still being written', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    client.socket.pause();
    await client.write(get('/big?n=8388608'));
    await waitFor(() => h.exchanges.length === 1 && h.ends.has(h.exchanges[0]), 'the answer');
    const closing = h.server.close();
    h.server.closeIdleConnections();
    client.socket.resume();
    const res = await client.response();
    expect(res.body.length).toBe(8388608);
    h.server.closeIdleConnections();
    await client.end();
    await closing;
  });
});

describe('Http1Server: more hostile and edge cases', () => {
  it('stops reading pipelined requests while the client does not read answers given asynchronously', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    client.socket.pause();
    const n = 40;
    void client.write(get('/big?n=1048576&async').repeat(n)).catch(() => undefined);
    await waitFor(() => h.exchanges.length >= 1, 'the first request');
    await sleep(300);
    expect(h.exchanges.length).toBeLessThan(8);
    client.socket.resume();
    for (let i = 0; i < n; i++) expect((await client.response()).body.length).toBe(1048576);
  });

  it('stops reading from a client that pipelines a large body while its previous request is answered', async () => {
    const h = await startServer({ maxBodyBytes: 64 * 1024 * 1024 });
    const client = await RawClient.connect(h.port);
    await client.write(get('/hold'));
    await waitFor(() => h.held.length === 1, 'the held request');
    const big = Buffer.alloc(48 * 1024 * 1024, 0x71);
    let written = false;
    void client
      .write(
        Buffer.concat([
          Buffer.from(
            post('/size', '').replace('Content-Length: 0', `Content-Length: ${big.length}`),
            'latin1',
          ),
          big,
        ]),
      )
      .then(() => (written = true));
    await sleep(300);
    // The server buffers a bounded amount, so 48 MB cannot have left the client yet.
    expect(written).toBe(false);
    h.held[0].respond(200, [], 'text/plain', 'held');
    expect((await client.response()).text).toBe('held');
    expect((await client.response()).text).toBe(`${big.length} true`);
    expect(written).toBe(true);
  });

  it('gives both callers of body() the body', async () => {
    const h = await startServer();
    const { res } = await exchange(
      h,
      'POST /size HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    );
    expect(res.text).toBe('3 true');
  });

  it('counts Content-Length in bytes for UTF-8 answers, and uses the writev path for large ones', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write(
      get('/utf8') +
        get('/big?n=100000') +
        'HEAD /big?n=100000 HTTP/1.1\r\nHost: a\r\n\r\n' +
        get('/echo?end'),
    );
    const utf8 = await client.response();
    expect(utf8.text).toBe('h\u00e9llo \u{1f600}');
    expect(utf8.headers['content-length']).toBe(String(Buffer.byteLength('h\u00e9llo \u{1f600}')));
    expect((await client.response()).body.length).toBe(100000);
    const head = await client.response({ head: true });
    expect(head.headers['content-length']).toBe('100000');
    expect((await client.response()).json().url).toBe('/echo?end');
  });

  it('ignores a second respond()', async () => {
    const h = await startServer();
    const { client, res } = await exchange(h, get('/twice') + get('/echo?after'));
    expect(res.status).toBe(201);
    expect(res.text).toBe('first');
    expect((await client.response()).json().url).toBe('/echo?after');
    expect(client.buf.length).toBe(0);
  });

  it('ends an exchange the handler destroys with end(false), once', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write(get('/destroy'));
    await client.end();
    expect(client.buf.length).toBe(0);
    await waitFor(() => h.ends.has(h.exchanges[0]), 'end()');
    expect(h.ends.get(h.exchanges[0])).toEqual([false]);
  });

  it('does not let destroy() of a finished exchange take down the next request on the connection', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write(get('/echo?first') + get('/hold'));
    expect((await client.response()).json().url).toBe('/echo?first');
    await waitFor(() => h.held.length === 1, 'the held request');
    h.exchanges[0].destroy();
    h.held[0].respond(200, [], 'text/plain', 'second');
    expect((await client.response()).text).toBe('second');
    expect(h.ends.get(h.held[0])).toEqual([true]);
  });

  it('survives a client reset mid-request', async () => {
    const h = await startServer();
    const client = await RawClient.connect(h.port);
    await client.write('POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\nabc');
    await waitFor(() => h.exchanges.length === 1, 'the request');
    client.socket.resetAndDestroy();
    await waitFor(() => h.ends.has(h.exchanges[0]), 'end()');
    expect(h.ends.get(h.exchanges[0])).toEqual([false]);
    const { res } = await exchange(h, get('/echo?still-serving'));
    expect(res.status).toBe(200);
  });

  it('closes an HTTP/1.0 keep-alive connection after a chunked request (faulty framing, RFC 9112 §6.1)', async () => {
    const h = await startServer();
    const { client, res } = await exchange(
      h,
      'POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    );
    expect(res.json().body).toBe('abc');
    expect(res.headers.connection).toBe('close');
    await client.end();
  });

  it('closes when one of several Connection headers says close', async () => {
    const h = await startServer();
    const { client, res } = await exchange(
      h,
      get('/echo', 'Connection: keep-alive\r\nConnection: Upgrade, CLOSE\r\n'),
    );
    expect(res.headers.connection).toBe('close');
    await client.end();
  });

  it('does not time out a request that is being answered slowly', async () => {
    const h = await startServer({ headersTimeoutMs: 200, keepAliveTimeoutMs: 200 });
    const client = await RawClient.connect(h.port);
    await client.write(get('/hold'));
    await waitFor(() => h.held.length === 1, 'the held request');
    await sleep(1500); // longer than both timeouts plus a sweep
    h.held[0].respond(200, [], 'text/plain', 'slow but fine');
    expect((await client.response()).text).toBe('slow but fine');
  });

  it('destroys a closed connection whose client never closes its side after keepAliveTimeoutMs', async () => {
    const h = await startServer({ keepAliveTimeoutMs: 200 });
    const client = await RawClient.connect(h.port, true);
    await client.write(get('/close'));
    expect((await client.response()).text).toBe('bye');
    await client.end();
    // The client's own side stays open; the server gives up on it.
    await waitFor(() => h.server.connections === 0, 'no connections');
  });
});
