import { describe, it, expect } from '@jest/globals';
import { messageOf, statusOf } from './support/http.js';
import * as grpc from '@grpc/grpc-js';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { messageToProto } from '@seldon-ts/payload';
import { startMicroservice, type NdArray, type ComponentInput } from '@seldon-ts/model-wrapper';
import { createExpressRouter } from '@seldon-ts/model-wrapper/express';

/** A model whose predictions wait until the test releases them. */
function gatedModel() {
  const waiting: (() => void)[] = [];
  let started = 0;
  let notify: (() => void) | undefined;
  return {
    component: {
      async predict(X: ComponentInput) {
        started++;
        notify?.();
        await new Promise<void>((r) => waiting.push(r));
        return X as NdArray;
      },
    },
    release: () => waiting.splice(0).forEach((r) => r()),
    whenStarted: (n: number) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (started >= n) resolve();
        };
        notify = check;
        check();
      }),
  };
}

const BODY = JSON.stringify({ data: { ndarray: [1] } });
const post = (port: number, path = '/predict') =>
  fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: BODY,
  });

describe('max in flight', () => {
  it('answers 429 on REST and RESOURCE_EXHAUSTED on gRPC beyond the limit, then recovers', async () => {
    const m = gatedModel();
    const svc = await startMicroservice(m.component, {
      httpPort: 0,
      grpcPort: 0,
      metricsPort: null,
      host: '127.0.0.1',
      env: {},
      maxInFlight: 2,
    });
    const client = new grpc.Client(`127.0.0.1:${svc.grpcPort}`, grpc.credentials.createInsecure());
    try {
      const first = [post(svc.httpPort), post(svc.httpPort)];
      await m.whenStarted(2);
      const rejected = await post(svc.httpPort);
      expect(rejected.status).toBe(429);
      expect((await statusOf(rejected)).status).toMatchObject({
        status: 1,
        code: -1,
        reason: 'MICROSERVICE_OVERLOADED',
        info: expect.stringContaining('limit 2'),
      });
      const grpcErr = await new Promise<grpc.ServiceError>((resolve) => {
        client.makeUnaryRequest(
          '/seldon.protos.Model/Predict',
          (b: Uint8Array) => Buffer.from(b),
          (b: Buffer) => b,
          messageToProto({ data: { ndarray: [1] } }),
          (e) => resolve(e!),
        );
      });
      expect(grpcErr.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      // Health ping is not gated.
      expect((await fetch(`http://127.0.0.1:${svc.httpPort}/health/ping`)).status).toBe(200);
      m.release();
      expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
      const again = post(svc.httpPort);
      await m.whenStarted(3);
      m.release();
      expect((await again).status).toBe(200);
    } finally {
      client.close();
      m.release();
      await svc.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('close() lets in-flight requests finish and refuses new ones', async () => {
    const m = gatedModel();
    const svc = await startMicroservice(m.component, {
      httpPort: 0,
      grpcPort: 0,
      metricsPort: 0,
      host: '127.0.0.1',
      env: {},
    });
    const inflight = post(svc.httpPort);
    await m.whenStarted(1);
    let closed = false;
    const closing = svc.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    // New connections are refused once the listener is closed.
    await expect(post(svc.httpPort)).rejects.toThrow();
    m.release();
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { names: [], ndarray: [1] }, meta: {} });
    await closing;
    expect(closed).toBe(true);
  });

  it('close() gives up waiting after drainTimeoutMs', async () => {
    const m = gatedModel();
    const svc = await startMicroservice(m.component, {
      httpPort: 0,
      grpcPort: null,
      metricsPort: null,
      host: '127.0.0.1',
      env: {},
      drainTimeoutMs: 50,
    });
    const inflight = post(svc.httpPort).catch((e: unknown) => e);
    await m.whenStarted(1);
    await svc.close();
    expect(await inflight).toMatchObject({ name: 'TypeError' });
    m.release();
  });
});

describe('createExpressRouter', () => {
  it('mounts the Seldon routes in an existing express app', async () => {
    const app = express();
    app.get('/own', (_req, res) => {
      res.send('mine');
    });
    app.use(
      '/model',
      createExpressRouter(
        { predict: (X: ComponentInput) => X as NdArray },
        { env: { PREDICTIVE_UNIT_ID: 'x' } },
      ),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await post(port, '/model/api/v1.0/predictions');
      expect(r.status).toBe(200);
      expect(r.headers.get('access-control-allow-origin')).toBe('*');
      expect(await r.json()).toEqual({ data: { names: [], ndarray: [1] }, meta: { requestPath: { x: '' } } });
      const bad = await fetch(`http://127.0.0.1:${port}/model/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{x',
      });
      expect(bad.status).toBe(400);
      expect((await statusOf(bad)).status.info).toContain("Can't find JSON in data");
      expect(await (await fetch(`http://127.0.0.1:${port}/model/health/ping`)).text()).toBe('pong');
      expect(await (await fetch(`http://127.0.0.1:${port}/own`)).text()).toBe('mine');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('works behind express.json()', async () => {
    const app = express();
    app.use(express.json());
    app.use(createExpressRouter({ predict: () => [42] }, { env: {} }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    try {
      expect((await messageOf(await post(port))).data?.ndarray).toEqual([42]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
