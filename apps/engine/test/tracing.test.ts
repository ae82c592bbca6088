// Tracing: W3C traceparent and Jaeger uber-trace-id in and out, spans exported over OTLP/HTTP.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { startEngine } from 'seldon-engine';
import { startHttp, post, type TestServer } from './support/nodes.js';

describe('tracing', () => {
  let node: TestServer;
  let collector: TestServer;
  const nodeHeaders: Record<string, string | string[] | undefined>[] = [];
  const exported: any[] = [];
  beforeAll(async () => {
    node = await startHttp((req, res) => {
      nodeHeaders.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end('{"data":{"ndarray":[[1]]}}');
    });
    collector = await startHttp((req, res, body) => {
      if (req.url === '/v1/traces') exported.push(JSON.parse(body.toString()));
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  afterAll(async () => {
    await node?.close();
    await collector?.close();
  });

  const graph = () => ({
    name: 'traced',
    type: 'MODEL',
    endpoint: { service_host: '127.0.0.1', service_port: node.port, httpPort: node.port },
  });

  it('continues an incoming W3C trace, propagates both formats to nodes and exports the spans', async () => {
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      tracing: {
        enabled: true,
        otlpEndpoint: `http://127.0.0.1:${collector.port}/v1/traces`,
        serviceName: 'engine-under-test',
      },
      predictor: { name: 'p', graph: graph() },
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentSpan = '00f067aa0ba902b7';
    nodeHeaders.length = 0;
    let res;
    try {
      res = await post(engine.httpPort, '/api/v1.0/predictions', '{}', {
        traceparent: `00-${traceId}-${parentSpan}-01`,
      });
    } finally {
      await engine.close();
    }
    expect(res.status).toBe(200);
    const h = nodeHeaders[0];
    expect(String(h.traceparent)).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(String(h.traceparent)).not.toContain(parentSpan);
    expect(String(h['uber-trace-id'])).toMatch(new RegExp(`^${traceId}:[0-9a-f]{16}:0:0?1$`));
    const spans = exported.flatMap((e) =>
      e.resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans)),
    );
    const server = spans.find((s: any) => s.name === 'predictions');
    const client = spans.find((s: any) => s.name === '/predict');
    expect(server.traceId).toBe(traceId);
    expect(server.parentSpanId).toBe(parentSpan);
    expect(client.parentSpanId).toBe(server.spanId);
    expect(String(h.traceparent)).toContain(client.spanId);
    const service = exported[0].resourceSpans[0].resource.attributes.find(
      (a: any) => a.key === 'service.name',
    );
    expect(service.value.stringValue).toBe('engine-under-test');
  });

  it('continues an incoming Jaeger uber-trace-id', async () => {
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      tracing: { enabled: true, otlpEndpoint: `http://127.0.0.1:${collector.port}/v1/traces` },
      predictor: { name: 'p', graph: graph() },
    });
    nodeHeaders.length = 0;
    try {
      await post(engine.httpPort, '/api/v1.0/predictions', '{}', {
        'uber-trace-id': '00000000000000000000000000abcdef:0000000000000123:0:1',
      });
    } finally {
      await engine.close();
    }
    expect(String(nodeHeaders[0].traceparent)).toMatch(
      /^00-00000000000000000000000000abcdef-[0-9a-f]{16}-01$/,
    );
  });

  it('is off by default: incoming trace headers are forwarded untouched and nothing is exported', async () => {
    exported.length = 0;
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      predictor: { name: 'p', graph: graph() },
    });
    nodeHeaders.length = 0;
    const tp = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await post(engine.httpPort, '/api/v1.0/predictions', '{}', { traceparent: tp });
    expect(nodeHeaders[0].traceparent).toBe(tp);
    await engine.close();
    expect(exported).toHaveLength(0);
  });
});
