// Error paths: every failure gets a clear answer naming what and where, never a crash.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startEngine, EngineError, type EngineHandle } from 'seldon-engine';
import { startNode, startHttp, unit, post, type RunningNode, type TestServer } from './support/nodes.js';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

const quiet = () => undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('error paths', () => {
  let node: RunningNode;
  let slow: TestServer;
  let slowArrivals = 0;
  const engines: EngineHandle[] = [];
  beforeAll(async () => {
    node = await startNode('model', { predict: (X: unknown) => X } as never);
    slow = await startHttp((_req, res) => {
      slowArrivals++;
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end('{"data":{"ndarray":[[1]]}}');
      }, 600).unref();
    });
  });
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
    await node?.close();
    await slow?.close();
  });
  const start = async (opts: Parameters<typeof startEngine>[0]) => {
    const e = await startEngine({ host: '127.0.0.1', httpPort: 0, grpcPort: 0, log: quiet, ...opts });
    engines.push(e);
    return e;
  };

  it('bad JSON is passed to the node, whose 400 and body come back verbatim', async () => {
    const e = await start({ predictor: { name: 'p', graph: unit(node, 'MODEL') } });
    const res = await post(e.httpPort, '/api/v1.0/predictions', '{"data": nope');
    expect(res.status).toBe(400);
    expect(res.json().status.reason).toBe('MICROSERVICE_BAD_DATA');
  });

  it('a node that is down gives 500 naming the node', async () => {
    const port = await freePort();
    const e = await start({
      predictor: {
        name: 'p',
        graph: {
          name: 'ghost',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: port, httpPort: port, grpcPort: port },
        },
      },
    });
    const res = await post(e.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}');
    expect(res.status).toBe(500);
    const body = res.json();
    expect(body.status.status).toBe('FAILURE');
    expect(body.status.reason).toBe('SC_ERR_GRAPH_NODE_UNREACHABLE');
    expect(body.status.info).toContain('ghost');
    const ready = await e.readiness();
    expect(ready).toMatchObject({ ready: false, nodes: { ghost: false } });
    await expect(e.ready(300)).rejects.toThrow(/ghost/);
  });

  it('a node slower than seldon.io/rest-timeout is aborted and named', async () => {
    const e = await start({
      restTimeoutMs: 200,
      predictor: {
        name: 'p',
        graph: {
          name: 'sloth',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: slow.port, httpPort: slow.port },
        },
      },
    });
    const res = await post(e.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}');
    expect(res.status).toBe(500);
    expect(res.json().status.reason).toBe('SC_ERR_GRAPH_NODE_TIMEOUT');
    expect(res.json().status.info).toContain('sloth');
  });

  it('an oversized payload is refused with 413 before reaching the graph', async () => {
    const e = await start({ maxBodyBytes: 1024, predictor: { name: 'p', graph: unit(node, 'MODEL') } });
    const big = JSON.stringify({ data: { ndarray: [Array.from({ length: 1000 }, (_, i) => i)] } });
    const res = await post(e.httpPort, '/api/v1.0/predictions', big);
    expect(res.status).toBe(413);
    expect(res.json().status.reason).toBe('SC_ERR_ENGINE_BODY_TOO_LARGE');
    expect(res.json().status.info).toContain('1024');
    // The engine keeps serving.
    expect((await post(e.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}')).status).toBe(200);
  });

  it('requests beyond maxInFlight get 503 SC_ERR_ENGINE_OVERLOADED', async () => {
    const e = await start({
      maxInFlight: 1,
      predictor: {
        name: 'p',
        graph: {
          name: 'sloth',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: slow.port, httpPort: slow.port },
        },
      },
    });
    const arrivals = slowArrivals;
    const first = post(e.httpPort, '/api/v1.0/predictions', '{}');
    while (slowArrivals === arrivals) await new Promise((r) => setTimeout(r, 10));
    const second = await post(e.httpPort, '/api/v1.0/predictions', '{}');
    expect(second.status).toBe(503);
    expect(second.json().status.reason).toBe('SC_ERR_ENGINE_OVERLOADED');
    expect((await first).status).toBe(200);
  });

  it('an invalid graph refuses to start, naming the node and the problem', async () => {
    await expect(
      startEngine({
        httpPort: 0,
        grpcPort: 0,
        log: quiet,
        predictor: { name: 'p', graph: { name: 'r', type: 'ROUTER', children: [] } },
      }),
    ).rejects.toThrow(/node "r".*ROUTER needs at least one child/);
    await expect(
      startEngine({
        httpPort: 0,
        grpcPort: 0,
        log: quiet,
        predictor: { name: 'p', graph: { name: 'm', type: 'MODEL' } },
      }),
    ).rejects.toThrow(/node "m".*no endpoint/);
    await expect(
      startEngine({
        httpPort: 0,
        grpcPort: 0,
        log: quiet,
        predictor: { name: 'p', graph: { name: 'a', type: 'MODLE' } },
      }),
    ).rejects.toThrow(EngineError);
  });
});
