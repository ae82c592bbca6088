// Example 1 end to end: examples/mock-classifier/seldondeployment.yaml through `seldon-engine run`.
import { describe, it, expect, beforeAll, afterAll, jest } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { canConnect } from '../src/run/supervisor.js';
import type { LocalDeployment } from '../src/run/index.js';
import { startForTest, example, postJson, grpcCall } from './run-helpers.js';

// Suites start real servers and processes; the repo-wide Jest default (5 s) is too tight on a busy machine.
jest.setTimeout(30_000);

describe('run example 1: mock classifier', () => {
  let deployment: LocalDeployment;
  let url: (path: string) => string;

  beforeAll(async () => {
    ({ deployment, url } = await startForTest(example('mock-classifier')));
  }, 30_000);
  afterAll(async () => {
    await deployment?.close();
  });

  it('answers REST predictions like the reference mock classifier', async () => {
    const res = await postJson(url('/api/v1.0/predictions'), { data: { ndarray: [[1.0, 2.0, 5.0]] } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      data: { names: ['proba'], ndarray: [[0.43782349911420193]] },
      meta: { requestPath: { classifier: 'seldonio/mock_classifier:1.18.2' } },
    });
    expect(res.headers.get('seldon-puid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers gRPC Seldon/Predict on the public gRPC port', async () => {
    const { err, value, header } = await grpcCall(deployment.grpcPort, 'Predict', {
      data: { ndarray: [[1.0, 2.0, 5.0]] },
    });
    expect(err).toBeNull();
    expect(value?.data?.ndarray).toEqual([[0.43782349911420193]]);
    expect(header?.get('seldon-puid')[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes the component error through with its status', async () => {
    const res = await postJson(url('/api/v1.0/predictions'), { strData: 'not numbers' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(res.json)).toContain('mock classifier expects a 2-D array of numbers');
  });

  it('is ready and prints the URLs and a curl that works', async () => {
    expect((await fetch(url('/ready'))).status).toBe(200);
    const banner = deployment.banner();
    expect(banner).toContain(`REST  http://127.0.0.1:${deployment.httpPort}/api/v1.0/predictions`);
    expect(banner).toContain(`gRPC  127.0.0.1:${deployment.grpcPort}`);
    expect(banner).toContain('node classifier: in-process  (module:./mock-classifier.ts)');
    const curl = banner.split('\n').find((l) => l.trim().startsWith('curl '))!;
    expect(curl.trim()).toBe(
      `curl -s http://127.0.0.1:${deployment.httpPort}/api/v1.0/predictions -H 'Content-Type: application/json' ` +
        `-d '{"data":{"ndarray":[[1.0,2.0,5.0]]}}'`,
    );
    const body = /-d '(.*)'$/.exec(curl.trim())![1];
    expect((await postJson(url('/api/v1.0/predictions'), body)).status).toBe(200);
  });

  it('releases its ports on close', async () => {
    const { deployment: second } = await startForTest(example('mock-classifier'));
    const port = second.httpPort;
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    await second.close();
    await second.close(); // idempotent
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  }, 30_000);

  it('refuses to start on a port in use and names the flags to change it', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as AddressInfo).port;
    try {
      await expect(startForTest(example('mock-classifier'), { httpPort: port })).rejects.toMatchObject({
        code: 'SC_ERR_ENGINE_RUN_PROCESS',
        message: expect.stringContaining('pick others with --http-port/--grpc-port'),
      });
    } finally {
      await new Promise((r) => busy.close(r));
    }
  }, 30_000);
});
