import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  startMicroservice,
  SeldonMicroserviceError,
  type Microservice,
  type ComponentInput,
  NdArray,
} from '@seldon-ts/model-wrapper';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = (port: number, path: string, body: unknown): Promise<Reply> =>
  call(port, 'POST', path, JSON.stringify(body), { 'Content-Type': 'application/json' });

class Model {
  predict(X: ComponentInput) {
    if (X instanceof NdArray && X.size === 0)
      throw new SeldonMicroserviceError('empty input', { statusCode: 422 });
    return X as NdArray;
  }
  transformInput(X: ComponentInput) {
    return X as NdArray;
  }
  transformOutput(X: ComponentInput) {
    return X as NdArray;
  }
  route() {
    return 1;
  }
  aggregate(Xs: ComponentInput[]) {
    return Xs[0] as NdArray;
  }
  sendFeedback() {
    return undefined;
  }
  initMetadata() {
    return {
      name: 'echo',
      versions: ['v1'],
      platform: 'ts',
      inputs: [{ messagetype: 'ndarray', schema: { shape: [2] } }],
      outputs: [],
    };
  }
}

let svc: Microservice;
const env = { PREDICTIVE_UNIT_ID: 'node1', PREDICTIVE_UNIT_IMAGE: 'img/echo:0.1' };

beforeAll(async () => {
  svc = await startMicroservice(Model, {
    httpPort: 0,
    grpcPort: null,
    metricsPort: null,
    host: '127.0.0.1',
    env,
    maxMessageBytes: 4096,
  });
});
afterAll(async () => {
  await svc.close();
});

const REQ = { data: { names: ['a', 'b'], ndarray: [[1, 2]] } };
const ECHO = {
  data: { names: ['t:0', 't:1'], ndarray: [[1, 2]] },
  meta: { requestPath: { node1: 'img/echo:0.1' } },
};

describe('REST endpoints (05 §4)', () => {
  it.each([
    '/predict',
    '/api/v1.0/predictions',
    '/api/v0.1/predictions',
    '/transform-input',
    '/transform-output',
  ])('POST %s echoes', async (path) => {
    const r = await json(svc.httpPort, path, REQ);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(r.body)).toEqual(ECHO);
  });

  it('accepts a form field json and a query parameter json', async () => {
    const form = await call(
      svc.httpPort,
      'POST',
      '/predict',
      `json=${encodeURIComponent(JSON.stringify(REQ))}`,
      {
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    );
    expect(JSON.parse(form.body)).toEqual(ECHO);
    const query = await call(svc.httpPort, 'GET', `/predict?json=${encodeURIComponent(JSON.stringify(REQ))}`);
    expect(JSON.parse(query.body)).toEqual(ECHO);
  });

  it('accepts multipart: strData as text, binData file as base64', async () => {
    const boundary = 'XyZ';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="binData"; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([1, 2, 3]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await call(svc.httpPort, 'POST', '/predict', body, {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).binData).toBe(Buffer.from([1, 2, 3]).toString('base64'));
  });

  it('route answers [[1]]; aggregate takes a bare list or seldonMessages', async () => {
    expect(JSON.parse((await json(svc.httpPort, '/route', REQ)).body).data).toEqual({
      names: ['t:0'],
      ndarray: [[1]],
    });
    expect(JSON.parse((await json(svc.httpPort, '/aggregate', [REQ, REQ])).body)).toEqual(ECHO);
    expect(JSON.parse((await json(svc.httpPort, '/aggregate', { seldonMessages: [REQ] })).body)).toEqual(
      ECHO,
    );
  });

  it('send-feedback on every feedback path', async () => {
    for (const path of ['/send-feedback', '/api/v1.0/feedback', '/api/v0.1/feedback']) {
      const r = await json(svc.httpPort, path, { request: REQ, reward: 1 });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).data).toEqual({ names: [], ndarray: [] });
    }
  });

  it('feedback bodies are strict: unknown fields → 400 Invalid JSON', async () => {
    const r = await json(svc.httpPort, '/send-feedback', { request: REQ, bogus: 1 });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).status).toMatchObject({
      status: 1,
      code: -1,
      reason: 'MICROSERVICE_BAD_DATA',
      info: expect.stringMatching(/^Invalid JSON: /),
    });
  });

  it('health/ping, health/status, metadata and seldon.json', async () => {
    const ping = await call(svc.httpPort, 'GET', '/health/ping');
    expect(ping.body).toBe('pong');
    expect(ping.headers['content-type']).toContain('text/html');
    for (const path of ['/health/status', '/api/v1.0/health/status']) {
      expect(JSON.parse((await call(svc.httpPort, 'GET', path)).body)).toEqual({
        strData: 'healthy',
        meta: { requestPath: { node1: 'img/echo:0.1' } },
      });
    }
    for (const path of ['/metadata', '/api/v1.0/metadata']) {
      expect(JSON.parse((await call(svc.httpPort, 'GET', path)).body)).toEqual({
        name: 'echo',
        versions: ['v1'],
        platform: 'ts',
        inputs: [{ messagetype: 'ndarray', schema: { shape: [2] } }],
        outputs: [],
        custom: {},
      });
    }
    expect(JSON.parse((await call(svc.httpPort, 'GET', '/seldon.json')).body).openapi).toBe('3.0.0');
  });

  it('answers CORS preflight', async () => {
    const r = await call(svc.httpPort, 'OPTIONS', '/predict', undefined, {
      'Access-Control-Request-Headers': 'content-type',
      Origin: 'http://x',
    });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-headers']).toBe('content-type');
  });
});

describe('REST bad input', () => {
  const expectError = (
    r: Reply,
    status: number,
    info: RegExp | string,
    reason = 'MICROSERVICE_BAD_DATA',
  ): void => {
    expect(r.status).toBe(status);
    const body = JSON.parse(r.body);
    expect(body.status.status).toBe(1);
    expect(body.status.code).toBe(-1);
    expect(body.status.reason).toBe(reason);
    if (typeof info === 'string') expect(body.status.info).toContain(info);
    else expect(body.status.info).toMatch(info);
  };

  it("not JSON → 400 Can't find JSON in data", async () => {
    expectError(
      await call(svc.httpPort, 'POST', '/predict', '{not json', { 'Content-Type': 'application/json' }),
      400,
      "Can't find JSON in data",
    );
    expectError(await call(svc.httpPort, 'POST', '/predict'), 400, "Can't find JSON in data");
  });

  it('wrong types and unknown data kind → 400 naming the field', async () => {
    expectError(
      await json(svc.httpPort, '/predict', { data: { tensor: { shape: 'x', values: [1] } } }),
      400,
      'shape',
    );
    expectError(
      await json(svc.httpPort, '/predict', { data: { tensor: { shape: [3], values: [1] } } }),
      400,
      /tensor/,
    );
    expectError(await json(svc.httpPort, '/predict', { foo: 1 }), 400, 'Invalid request data type');
    expectError(await json(svc.httpPort, '/predict', [1, 2]), 400, /object/i);
  });

  it('a method the model lacks → 400 with the reference text (route)', async () => {
    const other = await startMicroservice(
      { predict: () => [1] },
      { httpPort: 0, grpcPort: null, metricsPort: null, host: '127.0.0.1', env: {} },
    );
    try {
      expectError(await json(other.httpPort, '/route', REQ), 400, 'route is not implemented');
      expectError(await json(other.httpPort, '/aggregate', [REQ]), 400, 'aggregate is not implemented');
    } finally {
      await other.close();
    }
  });

  it('body over maxMessageBytes → 413', async () => {
    const big = JSON.stringify({ data: { ndarray: new Array(3000).fill(1) } });
    expectError(
      await call(svc.httpPort, 'POST', '/predict', big, { 'Content-Type': 'application/json' }),
      413,
      'exceeds maxMessageBytes 4096',
    );
  });

  it('reads gzip, deflate and br bodies, bounded by maxMessageBytes after inflation', async () => {
    const text = JSON.stringify(REQ);
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(text)],
      ['deflate', deflateSync(text)],
      ['br', brotliCompressSync(text)],
    ] as const) {
      const res = await call(svc.httpPort, 'POST', '/predict', bytes, {
        'Content-Type': 'application/json',
        'Content-Encoding': encoding,
      });
      expect({ encoding, status: res.status, data: JSON.parse(res.body).data }).toEqual({
        encoding,
        status: 200,
        data: ECHO.data,
      });
    }
    // 4 KiB of zeros compress to a few bytes: the limit applies to what they inflate to.
    const bomb = gzipSync(JSON.stringify({ data: { ndarray: [[1]] }, pad: '0'.repeat(64 * 1024) }));
    expect(bomb.length).toBeLessThan(4096);
    const gz = { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' };
    expectError(await call(svc.httpPort, 'POST', '/predict', bomb, gz), 413, '4096');
    expectError(await call(svc.httpPort, 'POST', '/predict', Buffer.from('not gzip'), gz), 400, 'gzip');
    expectError(
      await call(svc.httpPort, 'POST', '/predict', Buffer.from(text), { ...gz, 'Content-Encoding': 'zstd' }),
      400,
      'Content-Encoding "zstd"',
    );
  });

  it('user errors keep their status; unknown path 404; wrong method 405', async () => {
    expectError(await json(svc.httpPort, '/predict', { data: { ndarray: [] } }), 422, 'empty input');
    expectError(await call(svc.httpPort, 'GET', '/nope'), 404, 'No such path');
    expectError(await call(svc.httpPort, 'GET', '/api/v1.0/predictions'), 405, 'not allowed');
  });
});
