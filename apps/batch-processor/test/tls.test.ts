// --use-ssl, --ssl-verify and --call-credentials-token against loopback HTTPS and TLS gRPC stubs
// with a throw-away self-signed certificate.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runBatch } from '../src/index.js';
import { startStubDeployment } from './support/stub-deployment.js';
import type { StubDeployment } from './support/stub-deployment.js';
import { startStubGrpc } from './support/stub-grpc.js';
import type { StubGrpcDeployment } from './support/stub-grpc.js';
import { readOutput, tempDir } from './support/files.js';

const dir = tempDir();
let https: StubDeployment;
let grpcTls: StubGrpcDeployment;
beforeAll(async () => {
  const keyPath = join(dir.path, 'key.pem');
  const certPath = join(dir.path, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  const tls = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  https = await startStubDeployment({ tls, record: true });
  grpcTls = await startStubGrpc(undefined, tls);
});
afterAll(async () => {
  await https?.close();
  await grpcTls?.close();
  dir.remove();
});

describe('TLS and call credentials', () => {
  it('REST: HTTPS with verification off sends the X-Auth-Token header', async () => {
    const input = dir.file('s.in', ['[1]']);
    const output = dir.file('s.out');
    const options = {
      deploymentName: 'd',
      namespace: 'n',
      host: https.host,
      inputDataPath: input,
      outputDataPath: output,
      useSsl: true,
      callCredentialsToken: 'secret-token',
    };
    const summary = await runBatch({ ...options, sslVerify: false });
    expect(summary.failed).toBe(0);
    expect(https.requests[0].headers['x-auth-token']).toBe('secret-token');
    expect(https.requests[0].path).toBe('/seldon/n/d/api/v1.0/predictions');
    // With verification on, the self-signed certificate is refused (an error record, not a crash).
    const verified = await runBatch({ ...options, sslVerify: true, retries: 1 });
    expect(verified.failed).toBe(1);
    expect(readOutput(output).byIndex.get(0).status.reason).toMatch(
      /^SC_ERR_BATCH_REQUEST_FAILED: .*(self[- ]signed|certificate)/i,
    );
  });

  it('gRPC: TLS with verification off sends x-auth-token metadata', async () => {
    const input = dir.file('g.in', ['[1]']);
    const output = dir.file('g.out');
    const summary = await runBatch({
      deploymentName: 'd',
      host: grpcTls.host,
      transport: 'grpc',
      inputDataPath: input,
      outputDataPath: output,
      useSsl: true,
      sslVerify: false,
      callCredentialsToken: 'grpc-token',
    });
    expect(summary.failed).toBe(0);
    expect(grpcTls.calls[0].metadata['x-auth-token']).toBe('grpc-token');
  });
});
