import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { startFrontDoor, createPicker, type FrontDoor } from '../src/run/front-door.js';
import { identity, rawMethod } from '../src/internal/grpc-raw.js';
import { bindGrpc } from './support/nodes.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

const PREDICT = '/seldon.protos.Seldon/Predict';

interface Backend {
  name: string;
  http: Server;
  grpc: grpc.Server;
  httpPort: number;
  grpcPort: number;
  seen: { path: string; body: string; puid?: string }[];
  ready: boolean;
}

/** A stand-in for one predictor engine: answers with its own name over REST and gRPC. */
async function startBackend(name: string): Promise<Backend> {
  const b = { name, seen: [], ready: true } as unknown as Backend;
  b.http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/ready') {
        res.writeHead(b.ready ? 200 : 503).end();
        return;
      }
      b.seen.push({
        path: req.url ?? '',
        body: Buffer.concat(chunks).toString(),
        puid: req.headers['seldon-puid'] as string,
      });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Seldon-Puid': 'p-' + name });
      res.end(JSON.stringify({ strData: name }));
    });
  });
  await new Promise<void>((r) => b.http.listen(0, '127.0.0.1', () => r()));
  b.httpPort = (b.http.address() as AddressInfo).port;
  b.grpc = new grpc.Server();
  b.grpc.addService(
    {
      Predict: rawMethod(PREDICT),
    } as unknown as grpc.ServiceDefinition,
    {
      Predict: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        b.seen.push({
          path: PREDICT,
          body: call.request.toString(),
          puid: String(call.metadata.get('seldon-puid')[0] ?? ''),
        });
        if (call.request.toString() === 'fail') {
          cb({ code: grpc.status.INVALID_ARGUMENT, details: `bad input at ${name}` });
          return;
        }
        const md = new grpc.Metadata();
        md.set('seldon-puid', 'g-' + name);
        call.sendMetadata(md);
        cb(null, Buffer.from(name));
      },
    },
  );
  b.grpcPort = await bindGrpc(b.grpc);
  return b;
}

function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('run: front door (traffic split and shadow)', () => {
  let main: Backend;
  let canary: Backend;
  let shadow: Backend;
  let door: FrontDoor;
  let grpcClient: grpc.Client;

  beforeAll(async () => {
    [main, canary, shadow] = await Promise.all([
      startBackend('main'),
      startBackend('canary'),
      startBackend('shadow'),
    ]);
    door = await startFrontDoor({
      backends: [
        { name: 'main', traffic: 75, shadow: false, httpPort: main.httpPort, grpcPort: main.grpcPort },
        { name: 'canary', traffic: 25, shadow: false, httpPort: canary.httpPort, grpcPort: canary.grpcPort },
        { name: 'shadow', traffic: 0, shadow: true, httpPort: shadow.httpPort, grpcPort: shadow.grpcPort },
      ],
      httpPort: 0,
      grpcPort: 0,
      maxBodyBytes: 1024,
      // 0.1 → main, 0.8 → canary, 0.5 → main, 0.74 → main
      random: sequence([0.1, 0.8, 0.5, 0.74]),
      log: () => undefined,
    });
    grpcClient = new grpc.Client(`127.0.0.1:${door.grpcPort}`, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    grpcClient.close();
    await door.close();
    for (const b of [main, canary, shadow]) {
      await new Promise((r) => b.http.close(r));
      b.grpc.forceShutdown();
    }
  });

  it('picks predictors by their traffic weights', () => {
    const picker = createPicker(
      [
        { name: 'a', traffic: 75, shadow: false, httpPort: 1, grpcPort: 1 },
        { name: 'b', traffic: 25, shadow: false, httpPort: 1, grpcPort: 1 },
      ],
      sequence([0, 0.5, 0.7499, 0.75, 0.9999]),
    );
    expect([1, 2, 3, 4, 5].map(() => picker.pick().name)).toEqual(['a', 'a', 'a', 'b', 'b']);
    expect(picker.shadow).toBeUndefined();
  });

  it('splits REST traffic, mirrors every request to the shadow and says which predictor answered', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`http://127.0.0.1:${door.httpPort}/api/v1.0/predictions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Seldon-Puid': `puid-${i}` },
        body: `{"data":{"ndarray":[[${i}]]}}`,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { strData: string };
      expect(res.headers.get('seldon-predictor')).toBe(body.strData);
      expect(res.headers.get('seldon-puid')).toBe('p-' + body.strData);
      answers.push(body.strData);
    }
    expect(answers).toEqual(['main', 'canary', 'main', 'main']);
    expect(canary.seen[0]).toEqual({
      path: '/api/v1.0/predictions',
      body: '{"data":{"ndarray":[[1]]}}',
      puid: 'puid-1',
    });
    // Mirrored copies arrive asynchronously.
    for (let i = 0; i < 100 && shadow.seen.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    expect(shadow.seen.map((s) => s.body)).toEqual([0, 1, 2, 3].map((i) => `{"data":{"ndarray":[[${i}]]}}`));
  });

  it('relays gRPC calls as raw bytes with metadata, and passes gRPC errors through', async () => {
    const call = (body: string, puid: string) =>
      new Promise<{ err: grpc.ServiceError | null; value?: Buffer; header?: grpc.Metadata }>((resolve) => {
        const md = new grpc.Metadata();
        md.set('seldon-puid', puid);
        let header: grpc.Metadata | undefined;
        const c = grpcClient.makeUnaryRequest(
          PREDICT,
          identity,
          identity,
          Buffer.from(body),
          md,
          {},
          (err, value) => resolve({ err, value, header }),
        );
        c.on('metadata', (m: grpc.Metadata) => (header = m));
      });
    const ok = await call('hello', 'abc');
    expect(ok.err).toBeNull();
    const who = ok.value!.toString();
    expect(['main', 'canary']).toContain(who);
    expect(ok.header?.get('seldon-predictor')).toEqual([who]);
    expect(ok.header?.get('seldon-puid')).toEqual(['g-' + who]);
    const target = who === 'main' ? main : canary;
    expect(target.seen.at(-1)).toEqual({ path: PREDICT, body: 'hello', puid: 'abc' });

    const bad = await call('fail', 'def');
    expect(bad.err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(bad.err?.details).toMatch(/^bad input at (main|canary)$/);
  });

  it('answers /ready for all predictors and /live at once', async () => {
    expect((await fetch(`http://127.0.0.1:${door.httpPort}/ready`)).status).toBe(200);
    canary.ready = false;
    expect((await fetch(`http://127.0.0.1:${door.httpPort}/ready`)).status).toBe(503);
    canary.ready = true;
    expect((await fetch(`http://127.0.0.1:${door.httpPort}/live`)).status).toBe(200);
  });

  it('points metrics scrapers at each predictor engine instead of proxying at random', async () => {
    const res = await fetch(`http://127.0.0.1:${door.httpPort}/prometheus`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toContain(`main: http://127.0.0.1:${main.httpPort}/prometheus`);
    expect(text).toContain(`shadow: http://127.0.0.1:${shadow.httpPort}/prometheus`);
  });

  it('forwards a request sent with Expect: 100-continue (curl does so for large bodies)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: door.httpPort,
          path: '/api/v1.0/predictions',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Expect: '100-continue' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('continue', () => req.end('{"data":{"ndarray":[[1]]}}'));
      req.on('error', reject);
    });
    expect(status).toBe(200);
  });

  it('refuses a body over the limit with a Seldon status', async () => {
    const res = await fetch(`http://127.0.0.1:${door.httpPort}/api/v1.0/predictions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: 'x'.repeat(5000),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      status: {
        code: 413,
        info: "request body is over the front door's limit of 1024 bytes (--max-body-bytes)",
        reason: 'SC_ERR_ENGINE_RUN_BODY_TOO_LARGE',
        status: 'FAILURE',
      },
    });
  });
});

describe('run: front door with a predictor down', () => {
  it('answers 503 naming the predictor', async () => {
    const down = createServer();
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', () => r()));
    const port = (down.address() as AddressInfo).port;
    await new Promise((r) => down.close(r));
    const door = await startFrontDoor({
      backends: [
        { name: 'a', traffic: 50, shadow: false, httpPort: port, grpcPort: port },
        { name: 'b', traffic: 50, shadow: false, httpPort: port, grpcPort: port },
      ],
      httpPort: 0,
      grpcPort: 0,
      random: () => 0,
      log: () => undefined,
    });
    try {
      const res = await fetch(`http://127.0.0.1:${door.httpPort}/api/v1.0/predictions`, {
        method: 'POST',
        body: '{}',
      });
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: { info: string; reason: string } };
      expect(body.status.reason).toBe('SC_ERR_ENGINE_RUN_UNAVAILABLE');
      expect(body.status.info).toContain(`predictor "a" is unreachable on 127.0.0.1:${port}`);
      expect((await fetch(`http://127.0.0.1:${door.httpPort}/ready`)).status).toBe(503);
    } finally {
      await door.close();
    }
  });
});
