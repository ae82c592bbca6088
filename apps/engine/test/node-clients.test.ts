// The engine makes its REST and gRPC node clients once and hands them to every graph executor it
// builds (the executor makes none): a graph reload keeps their connections, and closing the engine
// closes them.
import { describe, it, expect, afterAll } from '@jest/globals';
import { startEngine, type EngineHandle } from 'seldon-engine';
import { post, startHttp, type TestServer } from './support/nodes.js';

describe('the engine node clients', () => {
  let model: TestServer | undefined;
  let engine: EngineHandle | undefined;

  afterAll(async () => {
    await engine?.close();
    await model?.close();
  });

  it('outlive graph reloads and are closed with the engine', async () => {
    const node = await startHttp((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"ndarray":[[1]]}}');
    });
    model = node;
    let opened = 0;
    let closed = 0;
    node.server.on('connection', (socket) => {
      opened++;
      socket.on('close', () => closed++);
    });
    const graph = (name: string) => ({
      name,
      type: 'MODEL',
      endpoint: { service_host: '127.0.0.1', service_port: node.port, httpPort: node.port, type: 'REST' },
    });
    const e = (engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      predictor: { name: 'p', graph: graph('first') },
      log: () => undefined,
    }));
    const predict = () => post(e.httpPort, '/api/v1.0/predictions', '{"data":{"ndarray":[[1]]}}');

    expect((await predict()).status).toBe(200);
    e.reload({ name: 'p', graph: graph('second') });
    const answer = await predict();
    expect(answer.status).toBe(200);
    // The new executor called the node on the connection the first one opened.
    expect(opened).toBe(1);
    expect(closed).toBe(0);
    expect(Object.keys((await e.readiness()).nodes)).toEqual(['second']);

    await e.close();
    engine = undefined;
    // The pool's connection is closed by the engine, not left to the node's keep-alive timeout
    // (60 s here, past this test's timeout).
    while (closed < opened) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(opened);
  });
});
