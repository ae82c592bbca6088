import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { messageFromProto, messageToProto } from '@seldon-ts/payload';
import {
  startMicroservice,
  readAnnotations,
  WrapperError,
  type NdArray,
  type ComponentInput,
} from '@seldon-ts/model-wrapper';

describe('environment and annotations', () => {
  it('reads ports from PREDICTIVE_UNIT_* env and rejects bad ones', async () => {
    const svc = await startMicroservice(
      { predict: () => [1] },
      {
        host: '127.0.0.1',
        env: {
          PREDICTIVE_UNIT_HTTP_SERVICE_PORT: '0',
          PREDICTIVE_UNIT_GRPC_SERVICE_PORT: '0',
          PREDICTIVE_UNIT_METRICS_SERVICE_PORT: '0',
          PREDICTIVE_UNIT_METRICS_ENDPOINT: '/prometheus',
        },
      },
    );
    try {
      expect(svc.httpPort).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${svc.metricsPort}/prometheus`)).status).toBe(200);
    } finally {
      await svc.close();
    }
    await expect(
      startMicroservice({}, { env: { PREDICTIVE_UNIT_HTTP_SERVICE_PORT: 'abc' } }),
    ).rejects.toMatchObject({ code: 'SC_ERR_WRAPPER_BAD_OPTION' });
  });

  it('parses the pod annotations file and applies seldon.io/grpc-max-message-size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-'));
    const file = join(dir, 'annotations');
    writeFileSync(file, 'seldon.io/grpc-max-message-size="2048"\nbroken line\nother="a=b"\n');
    try {
      expect(readAnnotations(file)).toEqual({ 'seldon.io/grpc-max-message-size': '2048', other: 'a=b' });
      const svc = await startMicroservice(
        { predict: (X: ComponentInput) => X as NdArray },
        { httpPort: 0, grpcPort: null, metricsPort: null, host: '127.0.0.1', env: {}, annotationsPath: file },
      );
      try {
        const big = JSON.stringify({ data: { ndarray: new Array(2000).fill(1) } });
        const r = await fetch(`http://127.0.0.1:${svc.httpPort}/predict`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: big,
        });
        expect(r.status).toBe(413);
      } finally {
        await svc.close();
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('PAYLOAD_PASSTHROUGH', () => {
  it('gives predictRaw the raw body and sends its answer verbatim', async () => {
    let seen = '';
    const svc = await startMicroservice(
      {
        predictRaw: ((body: string) => {
          seen = body;
          return '{"custom": true}';
        }) as never,
      },
      {
        httpPort: 0,
        grpcPort: null,
        metricsPort: null,
        host: '127.0.0.1',
        env: { PAYLOAD_PASSTHROUGH: 'true' },
      },
    );
    try {
      const r = await fetch(`http://127.0.0.1:${svc.httpPort}/api/v1.0/predictions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"anything": [1]}',
      });
      expect(r.status).toBe(200);
      expect(await r.text()).toBe('{"custom": true}');
      expect(seen).toBe('{"anything": [1]}');
    } finally {
      await svc.close();
    }
  });
});

describe('graceful shutdown over gRPC', () => {
  it('an in-flight gRPC call completes while close() drains', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const startedP = new Promise<void>((r) => (started = r));
    const svc = await startMicroservice(
      {
        async predict(X: ComponentInput) {
          started();
          await new Promise<void>((r) => (release = r));
          return X as NdArray;
        },
      },
      { httpPort: 0, grpcPort: 0, metricsPort: null, host: '127.0.0.1', env: {} },
    );
    const client = new grpc.Client(`127.0.0.1:${svc.grpcPort}`, grpc.credentials.createInsecure());
    try {
      const call = new Promise<Buffer>((resolve, reject) =>
        client.makeUnaryRequest(
          '/seldon.protos.Model/Predict',
          (b: Uint8Array) => Buffer.from(b),
          (b: Buffer) => b,
          messageToProto({ data: { ndarray: [5] } }),
          (e, v) => (e ? reject(e) : resolve(v!)),
        ),
      );
      await startedP;
      const closing = svc.close();
      await new Promise((r) => setTimeout(r, 20));
      release();
      expect(messageFromProto(await call).data?.ndarray).toEqual([5]);
      await closing;
    } finally {
      client.close();
    }
  });
});

describe('option validation', () => {
  it('rejects bad limits before opening ports', async () => {
    await expect(startMicroservice({}, { httpPort: 0, env: {}, maxMessageBytes: -1 })).rejects.toBeInstanceOf(
      WrapperError,
    );
    await expect(startMicroservice({}, { httpPort: 70000, env: {} })).rejects.toMatchObject({
      code: 'SC_ERR_WRAPPER_BAD_OPTION',
    });
  });

  it('a failing load() is SC_ERR_WRAPPER_BAD_COMPONENT and opens no port', async () => {
    await expect(
      startMicroservice(
        { load: () => Promise.reject(new Error('weights missing')) },
        { httpPort: 0, grpcPort: null, metricsPort: null, env: {} },
      ),
    ).rejects.toMatchObject({
      code: 'SC_ERR_WRAPPER_BAD_COMPONENT',
      message: 'Component load() failed: weights missing',
    });
  });
});
