// Slow and large request bodies: the bytes held for bodies still arriving are capped over all
// connections (503 + Retry-After past maxBufferedBodyBytes), and a request must arrive whole within
// httpReceiveTimeoutMs (408), which releases what it held.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import { resolveConfig, type EngineHandle } from 'seldon-engine';
import { startSimpleEngine } from './support/nodes.js';

const KIB = 1024;

/** Opens a connection and sends a request head announcing `length` body bytes plus `first` of them. */
function startUpload(
  port: number,
  length: number,
  first: number,
): Promise<{ socket: Socket; answer: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(
        `POST /api/v1.0/predictions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`,
      );
      socket.write(Buffer.alloc(first, 0x20));
      resolve({ socket, answer });
    });
    let text = '';
    const answer = new Promise<string>((done) => {
      socket.on('data', (c: Buffer) => (text += c.toString('latin1')));
      socket.on('close', () => done(text));
    });
    socket.on('error', reject);
  });
}

/** A JSON body of exactly `bytes` bytes (spaces pad the message). */
const body = (bytes: number): string => {
  const message = '{"data":{"ndarray":[[1,2]]}}';
  return message + ' '.repeat(bytes - message.length);
};

describe('maxBufferedBodyBytes', () => {
  let engine: EngineHandle;
  beforeAll(async () => {
    engine = await startSimpleEngine({
      maxBodyBytes: 1024 * KIB,
      maxBufferedBodyBytes: 64 * KIB,
    });
  });
  afterAll(() => engine?.close());

  it('answers 503 with Retry-After while slow uploads hold the budget, and serves again once they end', async () => {
    const url = `http://127.0.0.1:${engine.httpPort}/api/v1.0/predictions`;
    const post = (text: string) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
    // A slow client: 60 KiB of a 200 KiB body, then nothing.
    const slow = await startUpload(engine.httpPort, 200 * KIB, 60 * KIB);
    let refused: Response | undefined;
    for (let i = 0; i < 200 && refused === undefined; i++) {
      const res = await post(body(10 * KIB));
      if (res.status === 503) refused = res;
      else await res.arrayBuffer();
    }
    expect(refused?.status).toBe(503);
    expect(refused!.headers.get('retry-after')).toBe('1');
    expect(((await refused!.json()) as { status: unknown }).status).toMatchObject({
      code: 503,
      reason: 'SC_ERR_ENGINE_BUSY',
      info: expect.stringContaining('the limit of maxBufferedBodyBytes (65536)'),
    });
    // The slow client finishes: its bytes leave the budget and a body of the same size is served.
    slow.socket.end(Buffer.alloc(140 * KIB, 0x20));
    const slowAnswer = await slow.answer;
    expect(slowAnswer.startsWith('HTTP/1.1 ')).toBe(true);
    const res = await post(body(10 * KIB));
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});

describe('httpReceiveTimeoutMs', () => {
  let engine: EngineHandle;
  beforeAll(async () => {
    engine = await startSimpleEngine({
      httpReceiveTimeoutMs: 1500,
      maxBufferedBodyBytes: 64 * KIB,
    });
  });
  afterAll(() => engine?.close());

  it('answers 408 to a body that does not arrive in time and releases what it held', async () => {
    const slow = await startUpload(engine.httpPort, 100 * KIB, 60 * KIB);
    const answer = await slow.answer; // the engine ends the connection itself
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('httpReceiveTimeoutMs');
    const res = await fetch(`http://127.0.0.1:${engine.httpPort}/api/v1.0/predictions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body(60 * KIB),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});

describe('HTTP limit options', () => {
  const predictor = Buffer.from(
    JSON.stringify({ name: 'p', graph: { name: 's', implementation: 'SIMPLE_MODEL' } }),
  ).toString('base64');
  it('reads flags and environment, defaults, and refuses bad values naming the flag', () => {
    const env = { ENGINE_PREDICTOR: predictor, SELDON_ENGINE_HTTP_HEADERS_TIMEOUT_MS: '5000' };
    const config = resolveConfig(
      ['--http_receive_timeout_ms', '0', '--max_buffered_body_bytes', '1048576'],
      env,
      {
        annotationsPath: '/nonexistent',
      },
    );
    expect(config).toMatchObject({
      httpReceiveTimeoutMs: 0,
      maxBufferedBodyBytes: 1048576,
      httpHeadersTimeoutMs: 5000,
      httpKeepAliveTimeoutMs: 65000,
    });
    expect(() =>
      resolveConfig(
        ['--http_keepalive_timeout_ms', '0'],
        { ENGINE_PREDICTOR: predictor },
        { annotationsPath: '/nonexistent' },
      ),
    ).toThrow('--http_keepalive_timeout_ms / SELDON_ENGINE_HTTP_KEEPALIVE_TIMEOUT_MS');
  });
});
