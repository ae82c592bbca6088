// Graceful shutdown drains in-flight requests (REST and gRPC); v2 protocol routes; CloudEvents echo
// headers.
import { describe, it, expect } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { messageToProto } from '@seldon-ts/payload';
import { startEngine } from 'seldon-engine';
import { startHttp, post, get, bindGrpc } from './support/nodes.js';
import { rawMethod } from '../src/internal/grpc-raw.js';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => (arrived = r));
    const node = await startHttp((_req, res) => {
      arrived();
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end('{"data":{"ndarray":[[9]]}}');
      }, 300);
    });
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      predictor: {
        name: 'p',
        graph: {
          name: 'slow',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: node.port, httpPort: node.port },
        },
      },
    });
    try {
      const inflight = post(engine.httpPort, '/api/v1.0/predictions', '{}');
      await arrival;
      const closed = engine.close();
      const res = await inflight;
      expect(res.status).toBe(200);
      expect(res.json().data.ndarray).toEqual([[9]]);
      expect(await closed).toEqual({ graceful: true });
      await expect(get(engine.httpPort, '/live')).rejects.toThrow();
    } finally {
      await engine.close();
      await node.close();
    }
  });

  it('reports a non-graceful stop when the drain exceeds gracefulTimeoutMs', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((r) => (arrived = r));
    const node = await startHttp(() => arrived()); // never answers
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      gracefulTimeoutMs: 200,
      predictor: {
        name: 'p',
        graph: {
          name: 'stuck',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: node.port, httpPort: node.port },
        },
      },
    });
    const inflight = post(engine.httpPort, '/api/v1.0/predictions', '{}').catch((e: Error) => e);
    await arrival;
    expect(await engine.close()).toEqual({ graceful: false });
    expect(String(await inflight)).toMatch(/Error/);
    await node.close();
  });
});

describe('v2 protocol and CloudEvents headers', () => {
  it('serves /v2/models/{model}/infer, calling every node with the path model name', async () => {
    const paths: string[] = [];
    const node = await startHttp((req, res) => {
      paths.push(`${req.method} ${req.url}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        req.method === 'GET'
          ? ''
          : '{"model_name":"m","outputs":[{"name":"o","shape":[1],"datatype":"FP32","data":[1]}]}',
      );
    });
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      protocol: 'v2',
      deploymentName: 'sd',
      namespace: 'ns',
      predictor: {
        name: 'p',
        graph: {
          name: 'm',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: node.port, httpPort: node.port },
        },
      },
    });
    try {
      const res = await post(
        engine.httpPort,
        '/v2/models/custom/infer',
        '{"inputs":[{"name":"i","shape":[1],"datatype":"FP32","data":[0]}]}',
        { 'ce-specversion': '1.0' },
      );
      expect(res.status).toBe(200);
      expect(res.json().outputs[0].data).toEqual([1]);
      expect(paths).toContain('POST /v2/models/custom/infer');
      expect(res.headers.get('ce-type')).toBe('seldon.sd.ns.response');
      expect(res.headers.get('ce-specversion')).toBe('0.3');
      expect(res.headers.get('ce-path')).toBe('/v2/models/custom/infer');
      expect((await get(engine.httpPort, '/v2/health/ready')).status).toBe(200);
      expect((await post(engine.httpPort, '/api/v1.0/predictions', '{}')).status).toBe(404);
    } finally {
      await engine.close();
      await node.close();
    }
  });

  it('serves the OpenAPI document and a Swagger UI page', async () => {
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      predictor: { name: 'p', graph: { name: 's', implementation: 'SIMPLE_MODEL' } },
    });
    try {
      const doc = await get(engine.httpPort, '/api/v1.0/doc/seldon.json');
      expect(doc.json().paths['/api/v1.0/predictions']).toBeDefined();
      const page = await get(engine.httpPort, '/api/v1.0/doc/');
      expect(page.text).toContain('/api/v1.0/doc/seldon.json');
      expect(page.headers.get('content-type')).toContain('text/html');
    } finally {
      await engine.close();
    }
  });
});

describe('graceful shutdown over gRPC', () => {
  it('finishes a call in progress, then refuses new calls', async () => {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    const node = new grpc.Server();
    node.addService({ Predict: rawMethod('/seldon.protos.Model/Predict') } as never, {
      Predict: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        release = () => callback(null, call.request);
        arrive();
      },
    });
    const port = await bindGrpc(node);
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      transport: 'grpc',
      log: () => undefined,
      predictor: {
        name: 'p',
        graph: {
          name: 'slow',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: port, grpcPort: port, type: 'GRPC' },
        },
      },
    });
    const Client = grpc.makeGenericClientConstructor(
      { Predict: rawMethod('/seldon.protos.Seldon/Predict') } as never,
      'Seldon',
    );
    const client = new Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    const predict = (request: Buffer) =>
      new Promise<Buffer>((resolve, reject) =>
        (client as unknown as Record<string, (...a: unknown[]) => void>).Predict(
          request,
          new grpc.Metadata(),
          { deadline: Date.now() + 5000 },
          (err: grpc.ServiceError | null, res?: Buffer) => (err ? reject(err) : resolve(res as Buffer)),
        ),
      );
    const request = Buffer.from(messageToProto({ data: { ndarray: [[9]] } } as never));
    try {
      const inflight = predict(request);
      await arrived;
      const closed = engine.close(); // GOAWAY: the call in progress finishes, no new ones
      release();
      expect(await inflight).toEqual(request);
      expect(await closed).toEqual({ graceful: true });
      await expect(predict(request)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      client.close();
      await engine.close();
      node.forceShutdown();
    }
  });
});
