// TLS on both listeners from SELDON_CERT_MOUNT_PATH.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { join } from 'node:path';
import { request as httpsRequest } from 'node:https';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { resolveConfig, startEngine } from 'seldon-engine';
import { makeTestCertificate, type TestCertificate } from './support/tls.js';

describe('TLS', () => {
  let dir: string;
  let certificate: TestCertificate;
  beforeAll(() => {
    certificate = makeTestCertificate('engine-tls-');
    dir = certificate.dir;
  });
  afterAll(() => certificate.remove());

  it('serves HTTPS and gRPC over TLS with the mounted certificate', async () => {
    const predictor = Buffer.from(
      JSON.stringify({ name: 'p', graph: { name: 's', implementation: 'SIMPLE_MODEL' } }),
    ).toString('base64');
    const config = resolveConfig(
      ['--host', '127.0.0.1', '--http_port', '0', '--grpc_port', '0'],
      { ENGINE_PREDICTOR: predictor, SELDON_CERT_MOUNT_PATH: dir },
      { annotationsPath: '/nonexistent' },
    );
    expect(config.tls).toEqual({ certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key') });
    const engine = await startEngine({ ...config, log: () => undefined });
    try {
      const ca = readFileSync(join(dir, 'tls.crt'));
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest({ host: '127.0.0.1', port: engine.httpPort, path: '/live', ca }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port: engine.httpPort,
            path: '/api/v1.0/predictions',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            ca,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
            );
          },
        );
        req.on('error', reject);
        req.end('{"data":{"ndarray":[[1,2]]}}');
      });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).data.ndarray).toEqual([[1, 2]]);
      const client = new grpc.Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createSsl(ca));
      await new Promise<void>((resolve, reject) =>
        client.waitForReady(Date.now() + 5000, (err) => (err ? reject(err) : resolve())),
      );
      client.close();
    } finally {
      await engine.close();
    }
  });
});
