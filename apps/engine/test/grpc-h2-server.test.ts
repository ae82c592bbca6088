// The thin unary gRPC server on node:http2, called by real @grpc/grpc-js clients (and by a raw
// node:http2 client where a grpc-js client cannot produce the request: wrong method or
// content-type, unsupported encodings, malformed frames) over 127.0.0.1.
import { describe, it, expect, beforeAll, afterAll, afterEach } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import { join } from 'node:path';
import { gzipSync, deflateSync } from 'node:zlib';
import * as grpc from '@grpc/grpc-js';
import {
  createGrpcH2Server,
  encodeStatusMessage,
  GrpcStatusError,
  parseGrpcTimeout,
  type GrpcH2Call,
  type GrpcH2Handler,
  type GrpcH2Server,
  type GrpcH2ServerOptions,
} from '../src/internal/grpc-h2-server.js';
import { rawMethod } from '../src/internal/grpc-raw.js';
import { makeTestCertificate, type TestCertificate } from './support/tls.js';

const ECHO = '/test.Echo/Echo';
const Client = grpc.makeGenericClientConstructor(
  { Echo: rawMethod(ECHO), Missing: rawMethod('/test.Echo/Missing') },
  'Echo',
);

interface Result {
  err: grpc.ServiceError | null;
  response?: Buffer;
  headers?: grpc.Metadata;
  status?: grpc.StatusObject;
}

/** One unary call through a grpc-js client, with everything the client saw. */
function call(
  client: grpc.Client,
  request: Buffer,
  options: {
    metadata?: grpc.Metadata;
    deadlineMs?: number;
    method?: string;
    onCall?: (c: grpc.ClientUnaryCall) => void;
  } = {},
): Promise<Result> {
  return new Promise((resolve) => {
    const result: Partial<Result> = {};
    let done = 0;
    const settle = (): void => {
      if (++done === 2) resolve(result as Result);
    };
    const method = (client as unknown as Record<string, (...a: unknown[]) => grpc.ClientUnaryCall>)[
      options.method ?? 'Echo'
    ]!;
    const c = method.call(
      client,
      request,
      options.metadata ?? new grpc.Metadata(),
      options.deadlineMs === undefined ? {} : { deadline: Date.now() + options.deadlineMs },
      (err: grpc.ServiceError | null, response?: Buffer) => {
        result.err = err;
        result.response = response;
        settle();
      },
    );
    c.on('metadata', (md: grpc.Metadata) => (result.headers = md));
    c.on('status', (s: grpc.StatusObject) => {
      result.status = s;
      settle();
    });
    options.onCall?.(c);
  });
}

interface RawResponse {
  headers: http2.IncomingHttpHeaders;
  trailers: http2.IncomingHttpHeaders;
  data: Buffer;
  rstCode: number;
}

/** One request through a raw node:http2 client: whatever headers and body the test wants. */
function rawRequest(port: number, headers: http2.OutgoingHttpHeaders, body?: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request(
      { ':method': 'POST', ':path': ECHO, 'content-type': 'application/grpc', te: 'trailers', ...headers },
      { endStream: body === undefined },
    );
    const out: RawResponse = { headers: {}, trailers: {}, data: Buffer.alloc(0), rstCode: 0 };
    const chunks: Buffer[] = [];
    stream.on('response', (h) => (out.headers = h));
    stream.on('trailers', (t) => (out.trailers = t));
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', () => undefined);
    stream.on('close', () => {
      out.data = Buffer.concat(chunks);
      out.rstCode = stream.rstCode ?? 0;
      session.close();
      resolve(out);
    });
    if (body !== undefined) stream.end(body);
  });
}

/** A length-prefixed gRPC message. */
function frame(message: Buffer, compressed = false): Buffer {
  const out = Buffer.alloc(5 + message.length);
  out[0] = compressed ? 1 : 0;
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
}

/** grpc-status of a raw response: trailers, or the headers of a trailers-only response. */
const rawStatus = (r: RawResponse): { code: number; message: string | undefined } => {
  const source = r.trailers['grpc-status'] !== undefined ? r.trailers : r.headers;
  return { code: Number(source['grpc-status']), message: source['grpc-message'] as string | undefined };
};

const servers: GrpcH2Server[] = [];
const clients: grpc.Client[] = [];
async function serve(
  handlers: Record<string, GrpcH2Handler>,
  options: GrpcH2ServerOptions = {},
): Promise<{ server: GrpcH2Server; port: number; client: grpc.Client }> {
  const server = createGrpcH2Server(handlers, options);
  servers.push(server);
  const port = await server.listen(0, '127.0.0.1');
  const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    'grpc.use_local_subchannel_pool': 1,
  });
  clients.push(client);
  return { server, port, client };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) s.forceClose();
});

const echo: GrpcH2Handler = (request) => request;

/** A handler that waits until released, exposing its call. */
function gate(): {
  handler: GrpcH2Handler;
  calls: GrpcH2Call[];
  entered: Promise<GrpcH2Call>;
  release: (response: Buffer) => void;
} {
  let release!: (response: Buffer) => void;
  let enter!: (c: GrpcH2Call) => void;
  const entered = new Promise<GrpcH2Call>((r) => (enter = r));
  const released = new Promise<Buffer>((r) => (release = r));
  const calls: GrpcH2Call[] = [];
  return {
    calls,
    entered,
    release,
    handler: (_request, c) => {
      calls.push(c);
      enter(c);
      return released;
    },
  };
}

describe('grpc-h2-server: unary calls with a grpc-js client', () => {
  it('echoes the request message, empty and large ones included', async () => {
    const { client } = await serve({ [ECHO]: echo });
    for (const size of [0, 1, 100, 16 * 1024, 16 * 1024 + 1, 1024 * 1024]) {
      const request = randomBytes(size);
      const r = await call(client, request);
      expect(r.err).toBeNull();
      expect(r.response!.equals(request)).toBe(true);
      expect(r.status!.code).toBe(grpc.status.OK);
    }
  });

  it('gives the handler the custom metadata, text and -bin, without the protocol headers', async () => {
    let seen: GrpcH2Call | undefined;
    const { client } = await serve({
      [ECHO]: (req, c) => {
        seen = c;
        return req;
      },
    });
    const md = new grpc.Metadata();
    md.set('seldon-puid', 'p-1');
    md.add('x-multi', 'a');
    md.add('x-multi', 'b');
    md.set('x-trace-bin', Buffer.from([0, 1, 2, 255]));
    const r = await call(client, Buffer.from('x'), { metadata: md, deadlineMs: 60_000 });
    expect(r.err).toBeNull();
    expect(seen!.path).toBe(ECHO);
    expect(seen!.metadata['seldon-puid']).toBe('p-1');
    expect(seen!.metadata['x-multi']).toBe('a, b');
    expect(seen!.metadata['x-trace-bin']).toBeUndefined();
    expect(seen!.binaryMetadata['x-trace-bin']).toEqual([Buffer.from([0, 1, 2, 255])]);
    for (const k of ['content-type', 'te', 'grpc-timeout', 'grpc-accept-encoding', ':path', ':method'])
      expect(seen!.metadata[k]).toBeUndefined();
    // grpc-js sends the deadline as grpc-timeout; the server turns it back into a time.
    expect(seen!.deadline).toBeGreaterThan(Date.now() + 50_000);
    expect(seen!.deadline).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('sends initial metadata once (merged) and trailing metadata, text and -bin', async () => {
    const { client } = await serve({
      [ECHO]: async (req, c) => {
        c.sendHeader({ 'seldon-puid': c.metadata['seldon-puid'] ?? 'none' });
        c.sendHeader({ 'x-out-bin': Buffer.from([9, 8, 7]) });
        await new Promise((r) => setImmediate(r));
        c.setTrailer({ 'x-trailer': 'done', 'x-many': ['1', '2'] });
        return req;
      },
    });
    const md = new grpc.Metadata();
    md.set('seldon-puid', 'abc');
    const r = await call(client, Buffer.from('x'), { metadata: md });
    expect(r.err).toBeNull();
    expect(r.headers!.get('seldon-puid')).toEqual(['abc']);
    expect(r.headers!.get('x-out-bin')).toEqual([Buffer.from([9, 8, 7])]);
    expect(r.status!.metadata.get('x-trailer')).toEqual(['done']);
    // node:http2 (under grpc-js too) joins a repeated text header with ", ".
    expect(r.status!.metadata.get('x-many')).toEqual(['1, 2']);
  });

  it('answers an unknown method UNIMPLEMENTED, naming it', async () => {
    const { client } = await serve({ [ECHO]: echo });
    const r = await call(client, Buffer.from('x'), { method: 'Missing' });
    expect(r.err!.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(r.err!.details).toBe('unknown method /test.Echo/Missing');
  });

  it('answers a GrpcStatusError with its code, percent-encoded message and trailers, keeping initial metadata', async () => {
    const message = 'bad input: naïve 100% ✓\nline two';
    const { client, port } = await serve({
      [ECHO]: async (_req, c) => {
        c.sendHeader({ 'seldon-puid': 'p-9' });
        throw new GrpcStatusError(grpc.status.INVALID_ARGUMENT, message, {
          trailers: { 'seldon-error-code': 'SC_ERR_ENGINE_BAD_REQUEST' },
        });
      },
    });
    const r = await call(client, Buffer.from('x'));
    expect(r.err!.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(r.err!.details).toBe(message);
    expect(r.err!.metadata.get('seldon-error-code')).toEqual(['SC_ERR_ENGINE_BAD_REQUEST']);
    expect(r.headers!.get('seldon-puid')).toEqual(['p-9']);
    // On the wire: printable ASCII except '%', everything else as %XX of its UTF-8 bytes.
    const raw = await rawRequest(port, {}, frame(Buffer.from('x')));
    expect(raw.headers['seldon-puid']).toBe('p-9');
    expect(raw.trailers['grpc-message']).toBe('bad input: na%C3%AFve 100%25 %E2%9C%93%0Aline two');
  });

  it('answers any other thrown error UNKNOWN with its message, and a non-bytes result INTERNAL', async () => {
    const { client } = await serve({
      [ECHO]: () => {
        throw new Error('the model fell over');
      },
      '/test.Echo/Missing': (() => Promise.resolve({ not: 'bytes' })) as unknown as GrpcH2Handler,
    });
    const r = await call(client, Buffer.from('x'));
    expect(r.err!.code).toBe(grpc.status.UNKNOWN);
    expect(r.err!.details).toBe('the model fell over');
    const bad = await call(client, Buffer.from('x'), { method: 'Missing' });
    expect(bad.err!.code).toBe(grpc.status.INTERNAL);
    expect(bad.err!.details).toBe('the handler of /test.Echo/Missing returned an object (Object), not bytes');
  });

  it('answers invalid outgoing metadata UNKNOWN naming the key', async () => {
    const { client } = await serve({
      [ECHO]: (req, c) => {
        c.sendHeader({ 'Bad Key': 'x' });
        return req;
      },
      '/test.Echo/Missing': (req, c) => {
        c.sendHeader({ 'x-text': 'line\nbreak' });
        return req;
      },
    });
    const r = await call(client, Buffer.from('x'));
    expect(r.err!.code).toBe(grpc.status.UNKNOWN);
    expect(r.err!.details).toMatch(/metadata key "Bad Key" is not allowed/);
    const r2 = await call(client, Buffer.from('x'), { method: 'Missing' });
    expect(r2.err!.details).toMatch(/metadata "x-text" must be printable ASCII/);
  });
});

describe('grpc-h2-server: message size limits', () => {
  it('refuses a request larger than maxReceiveMessageBytes with RESOURCE_EXHAUSTED, and the connection keeps working', async () => {
    const { client } = await serve({ [ECHO]: echo }, { maxReceiveMessageBytes: 1024 });
    const ok = await call(client, Buffer.alloc(1024, 1));
    expect(ok.err).toBeNull();
    const r = await call(client, Buffer.alloc(1025, 1));
    expect(r.err!.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(r.err!.details).toBe(
      'request message to /test.Echo/Echo is 1025 bytes; this server accepts at most 1024 (maxReceiveMessageBytes)',
    );
    const again = await call(client, Buffer.from('still fine'));
    expect(again.response!.toString()).toBe('still fine');
  });

  it('refuses an 8 MiB request with the default 4 MiB limit before calling the handler', async () => {
    let handled = 0;
    const { client } = await serve({
      [ECHO]: (req) => {
        handled++;
        return req;
      },
    });
    const r = await call(client, Buffer.alloc(8 * 1024 * 1024, 1));
    expect(r.err!.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(r.err!.details).toMatch(/is 8388608 bytes; this server accepts at most 4194304/);
    expect(handled).toBe(0);
    expect((await call(client, Buffer.from('ok'))).err).toBeNull();
  });

  it('refuses a response larger than maxSendMessageBytes with RESOURCE_EXHAUSTED', async () => {
    const { client } = await serve({ [ECHO]: () => Buffer.alloc(2000) }, { maxSendMessageBytes: 1999 });
    const r = await call(client, Buffer.from('x'));
    expect(r.err!.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(r.err!.details).toBe(
      'response message of /test.Echo/Echo is 2000 bytes; this server sends at most 1999 (maxSendMessageBytes)',
    );
  });

  it('announces maxConcurrentStreams in its HTTP/2 SETTINGS', async () => {
    const { port } = await serve({ [ECHO]: echo }, { maxConcurrentStreams: 3 });
    const session = http2.connect(`http://127.0.0.1:${port}`);
    try {
      const settings = await new Promise<http2.Settings>((resolve) =>
        session.once('remoteSettings', resolve),
      );
      expect(settings.maxConcurrentStreams).toBe(3);
    } finally {
      session.destroy();
    }
  });

  it('rejects invalid limits when created', () => {
    expect(() => createGrpcH2Server({}, { maxReceiveMessageBytes: -1 })).toThrow(
      /maxReceiveMessageBytes must be a non-negative integer/,
    );
    expect(() => createGrpcH2Server({}, { maxSendMessageBytes: 1.5 })).toThrow(/maxSendMessageBytes/);
  });
});

describe('grpc-h2-server: deadlines and cancellation', () => {
  it('answers DEADLINE_EXCEEDED when grpc-timeout runs out and aborts the handler', async () => {
    const g = gate();
    const { port } = await serve({ [ECHO]: g.handler });
    const response = rawRequest(port, { 'grpc-timeout': '50m' }, frame(Buffer.from('x')));
    const c = await g.entered;
    const reason = await new Promise<unknown>((resolve) =>
      c.signal.addEventListener('abort', () => resolve(c.signal.reason)),
    );
    expect(reason).toBeInstanceOf(GrpcStatusError);
    expect((reason as GrpcStatusError).grpcCode).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(c.cancelled).toBe(true);
    const r = await response;
    expect(rawStatus(r)).toEqual({ code: grpc.status.DEADLINE_EXCEEDED, message: 'Deadline exceeded' });
    g.release(Buffer.from('too late')); // ignored: the call was answered
  });

  it('a grpc-js client deadline reaches the handler as a deadline and a cancellation', async () => {
    const g = gate();
    const { client, server } = await serve({ [ECHO]: g.handler });
    const result = call(client, Buffer.from('x'), { deadlineMs: 100 });
    const c = await g.entered;
    const reason = await new Promise<GrpcStatusError>((resolve) => c.onCancel(resolve));
    expect([grpc.status.DEADLINE_EXCEEDED, grpc.status.CANCELLED]).toContain(reason.grpcCode);
    expect((await result).err!.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(server.inFlight).toBe(0);
  });

  it('answers a malformed grpc-timeout INTERNAL, naming the header', async () => {
    const { port } = await serve({ [ECHO]: echo });
    const r = await rawRequest(port, { 'grpc-timeout': '5 seconds' }, frame(Buffer.from('x')));
    expect(rawStatus(r).code).toBe(grpc.status.INTERNAL);
    expect(decodeURIComponent(rawStatus(r).message!)).toMatch(/invalid grpc-timeout header "5 seconds"/);
  });

  it('a client cancel (RST_STREAM) aborts the handler signal with CANCELLED', async () => {
    const g = gate();
    const { client, server } = await serve({ [ECHO]: g.handler });
    let clientCall!: grpc.ClientUnaryCall;
    const result = call(client, Buffer.from('x'), { onCall: (cc) => (clientCall = cc) });
    const c = await g.entered;
    expect(server.inFlight).toBe(1);
    const aborted = new Promise<unknown>((resolve) =>
      c.signal.addEventListener('abort', () => resolve(c.signal.reason)),
    );
    const listened = new Promise<GrpcStatusError>((resolve) => c.onCancel(resolve));
    clientCall.cancel();
    expect(((await aborted) as GrpcStatusError).grpcCode).toBe(grpc.status.CANCELLED);
    expect((await listened).message).toBe('the client cancelled the call');
    expect((await result).err!.code).toBe(grpc.status.CANCELLED);
    expect(server.inFlight).toBe(0);
    // A listener added after the fact runs at once.
    const late: GrpcStatusError[] = [];
    c.onCancel((r) => late.push(r));
    expect(late).toHaveLength(1);
    g.release(Buffer.from('late'));
  });

  it('a cancel listener that throws affects neither the other listeners nor the process', async () => {
    const g = gate();
    const { server, client } = await serve({ [ECHO]: g.handler });
    let clientCall!: grpc.ClientUnaryCall;
    const result = call(client, Buffer.from('x'), { onCall: (cc) => (clientCall = cc) });
    const c = await g.entered;
    c.onCancel(() => {
      throw new Error('listener bug');
    });
    const second = new Promise<GrpcStatusError>((resolve) => c.onCancel(resolve));
    clientCall.cancel();
    expect((await second).grpcCode).toBe(grpc.status.CANCELLED);
    expect((await result).err!.code).toBe(grpc.status.CANCELLED);
    expect(() =>
      c.onCancel(() => {
        throw new Error('late listener bug');
      }),
    ).not.toThrow();
    expect(server.inFlight).toBe(0);
    g.release(Buffer.from('after cancel')); // answered to nobody, without an error
  });

  it('has no deadline without grpc-timeout, and keeps one beyond the timer range without arming a timer', async () => {
    const deadlines: (number | undefined)[] = [];
    const { port, client } = await serve({
      [ECHO]: (req, c) => {
        deadlines.push(c.deadline);
        return req;
      },
    });
    expect((await call(client, Buffer.from('x'))).err).toBeNull();
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      const r = await rawRequest(port, { 'grpc-timeout': '99999999H' }, frame(Buffer.from('x')));
      expect(rawStatus(r).code).toBe(0);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(deadlines[0]).toBeUndefined();
    expect(deadlines[1]).toBeGreaterThan(Date.now() + 99_999_998 * 3_600_000);
    expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
  });

  it('parses every grpc-timeout unit and rejects malformed values', () => {
    expect(parseGrpcTimeout('2H')).toBe(7_200_000);
    expect(parseGrpcTimeout('3M')).toBe(180_000);
    expect(parseGrpcTimeout('4S')).toBe(4000);
    expect(parseGrpcTimeout('99999999m')).toBe(99_999_999);
    expect(parseGrpcTimeout('1500u')).toBeCloseTo(1.5);
    expect(parseGrpcTimeout('2000000n')).toBeCloseTo(2);
    for (const bad of ['', '1', 'm', '123456789m', '1.5S', '-1S', '1s', ' 1S'])
      expect(parseGrpcTimeout(bad)).toBeUndefined();
  });
});

describe('grpc-h2-server: compression', () => {
  it('decodes gzip and deflate messages from a grpc-js client that compresses', async () => {
    const seen: Buffer[] = [];
    const { port } = await serve({
      [ECHO]: (req) => {
        seen.push(req);
        return req;
      },
    });
    for (const algorithm of [1, 2]) {
      // 1 = deflate, 2 = gzip (grpc-js compression algorithm ids).
      const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        'grpc.default_compression_algorithm': algorithm,
        'grpc.use_local_subchannel_pool': 1,
      });
      clients.push(client);
      const request = Buffer.alloc(10_000, 'a');
      const r = await call(client, request);
      expect(r.err).toBeNull();
      expect(r.response!.equals(request)).toBe(true);
    }
    expect(seen).toHaveLength(2);
  });

  it('decodes gzip, deflate and identity frames, and answers uncompressed', async () => {
    const { port } = await serve({ [ECHO]: echo });
    const message = Buffer.from('hello compressed world');
    for (const [encoding, body] of [
      ['gzip', frame(gzipSync(message), true)],
      ['deflate', frame(deflateSync(message), true)],
      ['identity', frame(message)],
      ['gzip', frame(message)], // flag 0: not compressed whatever grpc-encoding says
    ] as const) {
      const r = await rawRequest(port, { 'grpc-encoding': encoding }, body);
      expect(rawStatus(r).code).toBe(0);
      expect(r.headers['grpc-encoding']).toBeUndefined();
      expect(r.data.equals(frame(message))).toBe(true);
    }
  });

  it('answers a message compressed with an unsupported encoding UNIMPLEMENTED, listing the supported ones', async () => {
    const { port } = await serve({ [ECHO]: echo });
    const r = await rawRequest(port, { 'grpc-encoding': 'snappy' }, frame(Buffer.from('zzz'), true));
    expect(rawStatus(r).code).toBe(grpc.status.UNIMPLEMENTED);
    expect(rawStatus(r).message).toBe(
      'request to /test.Echo/Echo is compressed with "snappy"; this server decodes identity,deflate,gzip',
    );
    expect(r.headers['grpc-accept-encoding']).toBe('identity,deflate,gzip');
  });

  it('answers a compressed flag without grpc-encoding, a corrupt gzip and a bad flag INTERNAL', async () => {
    const { port } = await serve({ [ECHO]: echo });
    const noEncoding = await rawRequest(port, {}, frame(gzipSync(Buffer.from('x')), true));
    expect(rawStatus(noEncoding).code).toBe(grpc.status.INTERNAL);
    expect(rawStatus(noEncoding).message).toMatch(/compressed message but no grpc-encoding header/);
    const corrupt = await rawRequest(port, { 'grpc-encoding': 'gzip' }, frame(Buffer.from('not gzip'), true));
    expect(rawStatus(corrupt).code).toBe(grpc.status.INTERNAL);
    expect(rawStatus(corrupt).message).toMatch(/cannot decompress the gzip request message/);
    const badFlag = frame(Buffer.from('x'));
    badFlag[0] = 7;
    const flagged = await rawRequest(port, {}, badFlag);
    expect(rawStatus(flagged).message).toBe(
      'invalid message flag 7 (expected 0 or 1) in request to /test.Echo/Echo',
    );
  });

  it('refuses a message that decompresses beyond maxReceiveMessageBytes with RESOURCE_EXHAUSTED', async () => {
    const { port } = await serve({ [ECHO]: echo }, { maxReceiveMessageBytes: 4096 });
    const bomb = gzipSync(Buffer.alloc(1024 * 1024)); // ~1 KB that inflates to 1 MiB
    const r = await rawRequest(port, { 'grpc-encoding': 'gzip' }, frame(bomb, true));
    expect(rawStatus(r)).toEqual({
      code: grpc.status.RESOURCE_EXHAUSTED,
      message:
        'request message to /test.Echo/Echo decompresses to more than 4096 bytes (maxReceiveMessageBytes)',
    });
  });
});

describe('grpc-h2-server: requests that are not gRPC or not unary', () => {
  it('answers a non-POST request HTTP 405 and a wrong content-type HTTP 415', async () => {
    const { port } = await serve({ [ECHO]: echo });
    const get = await rawRequest(port, { ':method': 'GET' });
    expect(get.headers[':status']).toBe(405);
    expect(get.headers.allow).toBe('POST');
    for (const contentType of ['application/json', 'application/grpcx', 'text/plain']) {
      const r = await rawRequest(port, { 'content-type': contentType }, frame(Buffer.from('x')));
      expect(r.headers[':status']).toBe(415);
    }
    for (const contentType of ['application/grpc+proto', 'application/grpc; charset=utf-8']) {
      const r = await rawRequest(port, { 'content-type': contentType }, frame(Buffer.from('x')));
      expect(rawStatus(r).code).toBe(0);
    }
  });

  it('answers no message and a second message UNIMPLEMENTED, a truncated one INTERNAL', async () => {
    let handled = 0;
    const { port } = await serve({
      [ECHO]: (req) => {
        handled++;
        return req;
      },
    });
    const none = await rawRequest(port, {});
    expect(rawStatus(none)).toEqual({
      code: grpc.status.UNIMPLEMENTED,
      message: 'received no request message for unary method /test.Echo/Echo',
    });
    const two = await rawRequest(port, {}, Buffer.concat([frame(Buffer.from('a')), frame(Buffer.from('b'))]));
    expect(rawStatus(two)).toEqual({
      code: grpc.status.UNIMPLEMENTED,
      message: 'received a second request message for unary method /test.Echo/Echo',
    });
    const truncated = await rawRequest(port, {}, frame(Buffer.from('abcdef')).subarray(0, 8));
    expect(rawStatus(truncated)).toEqual({
      code: grpc.status.INTERNAL,
      message: 'request to /test.Echo/Echo ended inside its message: 3 of 6 bytes',
    });
    const prefixOnly = await rawRequest(port, {}, Buffer.from([0, 0]));
    expect(rawStatus(prefixOnly).code).toBe(grpc.status.UNIMPLEMENTED);
    expect(handled).toBe(0);
  });
});

describe('grpc-h2-server: close', () => {
  it('graceful close sends GOAWAY: calls in progress finish, new calls and connections are refused', async () => {
    const g = gate();
    const { server, port, client } = await serve({ [ECHO]: g.handler });
    // One call in progress from a grpc-js client, one from a raw session that watches for GOAWAY.
    const first = call(client, Buffer.from('x'));
    await g.entered;
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', () => undefined);
    const goaway = new Promise<number>((resolve) => session.once('goaway', (code: number) => resolve(code)));
    const rawStream = session.request(
      { ':method': 'POST', ':path': ECHO, 'content-type': 'application/grpc', te: 'trailers' },
      { endStream: false },
    );
    const rawTrailers = new Promise<http2.IncomingHttpHeaders>((resolve) =>
      rawStream.once('trailers', resolve),
    );
    rawStream.on('data', () => undefined);
    rawStream.end(frame(Buffer.from('raw')));
    while (g.calls.length < 2) await new Promise((r) => setImmediate(r));

    let closed = false;
    const closing = server.close().then(() => (closed = true));
    expect(await goaway).toBe(http2.constants.NGHTTP2_NO_ERROR);
    // Node 20 refuses the new stream synchronously, Node 24 with an 'error' on the stream.
    const goneAway = await new Promise<string>((resolve) => {
      try {
        session.request({ ':method': 'POST', ':path': ECHO }).once('error', (e: Error) => resolve(e.message));
      } catch (e) {
        resolve((e as Error).message);
      }
    });
    expect(goneAway).toMatch(/GOAWAY|destroyed|closed/i);
    const late = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
    clients.push(late);
    const refused = await call(late, Buffer.from('y'), { deadlineMs: 2000 });
    expect([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]).toContain(refused.err!.code);
    expect(g.calls).toHaveLength(2);
    expect(closed).toBe(false);

    g.release(Buffer.from('answered'));
    const r = await first;
    expect(r.err).toBeNull();
    expect(r.response!.toString()).toBe('answered');
    expect((await rawTrailers)['grpc-status']).toBe('0');
    await closing;
    expect(closed).toBe(true);
    expect(server.inFlight).toBe(0);
    session.destroy();
  });

  it('force close cancels the calls in progress with UNAVAILABLE', async () => {
    const g = gate();
    const { server, client } = await serve({ [ECHO]: g.handler });
    const pending = call(client, Buffer.from('x'));
    const c = await g.entered;
    const reason = new Promise<GrpcStatusError>((resolve) => c.onCancel(resolve));
    server.forceClose();
    expect((await reason).grpcCode).toBe(grpc.status.UNAVAILABLE);
    expect((await reason).message).toBe('the server was closed before the call finished');
    const r = await pending;
    expect(r.err).not.toBeNull();
    expect(server.inFlight).toBe(0);
  });

  it('close() of a server that is not listening resolves', async () => {
    const server = createGrpcH2Server({ [ECHO]: echo });
    await expect(server.close()).resolves.toBeUndefined();
  });
});

describe('grpc-h2-server: TLS', () => {
  let dir: string;
  let certificate: TestCertificate;
  beforeAll(() => {
    certificate = makeTestCertificate('grpc-h2-tls-');
    dir = certificate.dir;
  });
  afterAll(() => certificate.remove());

  it('serves a grpc-js client over TLS (ALPN h2) and refuses a cleartext one', async () => {
    const cert = readFileSync(join(dir, 'tls.crt'));
    const server = createGrpcH2Server(
      {
        [ECHO]: (req, c) => {
          c.sendHeader({ 'x-secure': 'yes' });
          return req;
        },
      },
      { tls: { key: readFileSync(join(dir, 'tls.key')), cert } },
    );
    servers.push(server);
    const port = await server.listen(0, '127.0.0.1');
    const tlsClient = new Client(`127.0.0.1:${port}`, grpc.credentials.createSsl(cert), {
      'grpc.use_local_subchannel_pool': 1,
    });
    clients.push(tlsClient);
    const r = await call(tlsClient, Buffer.from('over tls'));
    expect(r.err).toBeNull();
    expect(r.response!.toString()).toBe('over tls');
    expect(r.headers!.get('x-secure')).toEqual(['yes']);

    const plain = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      'grpc.use_local_subchannel_pool': 1,
    });
    clients.push(plain);
    const refused = await call(plain, Buffer.from('x'), { deadlineMs: 2000 });
    expect(refused.err).not.toBeNull();
  });
});

describe('grpc-h2-server: load', () => {
  it('stays correct under 64 concurrent calls over one and over four channels', async () => {
    const { port, server } = await serve({
      [ECHO]: async (req, c) => {
        c.sendHeader({ 'seldon-puid': String(c.metadata['seldon-puid']) });
        // Answer out of order, some at once, some a few turns later.
        if (req.length % 3 === 0) await new Promise((r) => setImmediate(r));
        return req;
      },
    });
    for (const channels of [1, 4]) {
      const pool = Array.from({ length: channels }, () => {
        const c = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
          'grpc.use_local_subchannel_pool': 1,
        });
        clients.push(c);
        return c;
      });
      let next = 0;
      const total = 640;
      let failures = 0;
      await Promise.all(
        Array.from({ length: 64 }, async () => {
          while (next < total) {
            const i = next++;
            // Mostly engine-sized messages, some across several DATA frames.
            const request = randomBytes(i % 16 === 0 ? 40_000 + i : 50 + (i % 200));
            const md = new grpc.Metadata();
            md.set('seldon-puid', `puid-${i}`);
            const r = await call(pool[i % channels]!, request, { metadata: md });
            if (r.err || !r.response!.equals(request) || r.headers!.get('seldon-puid')[0] !== `puid-${i}`)
              failures++;
          }
        }),
      );
      expect(failures).toBe(0);
    }
    expect(server.inFlight).toBe(0);
  });
});

describe('encodeStatusMessage', () => {
  it('leaves printable ASCII alone and cuts very long messages', () => {
    expect(encodeStatusMessage('plain text: ok (1/2)')).toBe('plain text: ok (1/2)');
    expect(encodeStatusMessage('tab\there')).toBe('tab%09here');
    const long = encodeStatusMessage('x'.repeat(20_000));
    expect(long.startsWith('x'.repeat(8192))).toBe(true);
    expect(long.endsWith('%E2%80%A6')).toBe(true);
  });
});
