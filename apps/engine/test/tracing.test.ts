// Tracing: W3C traceparent and Jaeger uber-trace-id in and out, spans exported over OTLP/HTTP.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { resolveConfig, startEngine } from 'seldon-engine';
import { startHttp, post, type TestServer, bindGrpc } from './support/nodes.js';
import { rawMethod } from '../src/internal/grpc-raw.js';

const noFiles = {
  readFile: (p: string): string => {
    throw new Error(`ENOENT ${p}`);
  },
};
/** The propagators resolveConfig chooses for `env` (the engine's one place for configuration). */
const propagatorsOf = (env: Record<string, string>) =>
  resolveConfig(
    [],
    {
      ...env,
      ENGINE_PREDICTOR: Buffer.from(
        JSON.stringify({ name: 'p', graph: { name: 'm', type: 'MODEL' } }),
      ).toString('base64'),
    },
    noFiles,
  ).tracing.propagators;

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

  // Runs one prediction with tracing on and the propagators resolveConfig picks for `env`, and
  // returns the headers the node received.
  const tracedCall = async (env: Record<string, string>, headers: Record<string, string>) => {
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      log: () => undefined,
      tracing: {
        enabled: true,
        otlpEndpoint: `http://127.0.0.1:${collector.port}/v1/traces`,
        propagators: propagatorsOf(env),
      },
      predictor: { name: 'p', graph: graph() },
    });
    nodeHeaders.length = 0;
    try {
      const res = await post(engine.httpPort, '/api/v1.0/predictions', '{}', headers);
      expect(res.status).toBe(200);
    } finally {
      await engine.close();
    }
    return nodeHeaders[0];
  };

  it('with JAEGER_TRACE_PROPAGATION_TYPE=b3 continues an incoming B3 trace and writes X-B3-* headers', async () => {
    const traceId = '463ac35c9f6413ad48485a3953bb6124';
    const h = await tracedCall(
      { JAEGER_TRACE_PROPAGATION_TYPE: 'b3' },
      { 'X-B3-TraceId': traceId, 'X-B3-SpanId': 'a2fb4a1d1a96d312', 'X-B3-Sampled': '1' },
    );
    expect(h['x-b3-traceid']).toBe(traceId);
    expect(String(h['x-b3-spanid'])).toMatch(/^[0-9a-f]{16}$/);
    expect(h['x-b3-spanid']).not.toBe('a2fb4a1d1a96d312');
    expect(h['x-b3-sampled']).toBe('1');
    // W3C and Jaeger headers carry the same context for hops that only read those.
    expect(String(h.traceparent)).toBe(`00-${traceId}-${String(h['x-b3-spanid'])}-01`);
    expect(String(h['uber-trace-id'])).toMatch(new RegExp(`^${traceId}:`));
  });

  it('with OTEL_PROPAGATORS=b3 uses only the single b3 header', async () => {
    const traceId = '80f198ee56343ba864fe8b2a57d3eff7';
    const h = await tracedCall(
      { OTEL_PROPAGATORS: 'b3' },
      {
        b3: `${traceId}-e457b5a2e4d86bd1-1`,
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    );
    expect(String(h.b3)).toMatch(new RegExp(`^${traceId}-[0-9a-f]{16}-1$`));
    expect(h.b3).not.toContain('e457b5a2e4d86bd1');
    // tracecontext is not a configured propagator: traceparent is forwarded as received, not rewritten.
    expect(h.traceparent).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(h['x-b3-traceid']).toBeUndefined();
  });

  it('with B3 over gRPC: continues the X-B3-* metadata of a Seldon Predict into the gRPC node call', async () => {
    const identity = (b: Buffer) => b;
    const seenMetadata: grpc.Metadata[] = [];
    const grpcNode = new grpc.Server();
    grpcNode.addService({ Predict: rawMethod('/seldon.protos.Model/Predict') } as grpc.ServiceDefinition, {
      Predict: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
        seenMetadata.push(call.metadata);
        cb(null, call.request);
      },
    });
    const port = await bindGrpc(grpcNode);
    const engine = await startEngine({
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      transport: 'grpc',
      log: () => undefined,
      tracing: {
        enabled: true,
        otlpEndpoint: `http://127.0.0.1:${collector.port}/v1/traces`,
        propagators: propagatorsOf({ JAEGER_TRACE_PROPAGATION_TYPE: 'b3' }),
      },
      predictor: {
        name: 'p',
        graph: {
          name: 'g',
          type: 'MODEL',
          endpoint: { service_host: '127.0.0.1', service_port: port, grpcPort: port, type: 'GRPC' },
        },
      },
    } as never);
    const client = new grpc.Client(`127.0.0.1:${engine.grpcPort}`, grpc.credentials.createInsecure());
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    try {
      const md = new grpc.Metadata();
      md.set('x-b3-traceid', traceId);
      md.set('x-b3-spanid', 'b7ad6b7169203331');
      md.set('x-b3-sampled', '1');
      // SeldonMessage{ strData: "hi" }
      const request = Buffer.from([0x2a, 0x02, 0x68, 0x69]);
      const answer = await new Promise<Buffer>((resolve, reject) =>
        client.makeUnaryRequest(
          '/seldon.protos.Seldon/Predict',
          identity,
          identity,
          request,
          md,
          (err, res) => (err ? reject(err) : resolve(res as Buffer)),
        ),
      );
      expect(answer.equals(request)).toBe(true);
    } finally {
      client.close();
      await engine.close();
      grpcNode.forceShutdown();
    }
    const out = seenMetadata[0];
    expect(out.get('x-b3-traceid')).toEqual([traceId]);
    const spanId = String(out.get('x-b3-spanid')[0]);
    expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(spanId).not.toBe('b7ad6b7169203331');
    expect(out.get('x-b3-sampled')).toEqual(['1']);
  });

  it('resolves OTEL_PROPAGATORS exactly in the configuration and refuses unknown names', async () => {
    expect(propagatorsOf({})).toEqual(['jaeger', 'tracecontext', 'baggage']);
    expect(propagatorsOf({ JAEGER_TRACE_PROPAGATION_TYPE: 'B3' })).toEqual([
      'jaeger',
      'tracecontext',
      'baggage',
      'b3multi',
    ]);
    expect(
      propagatorsOf({ OTEL_PROPAGATORS: 'tracecontext, b3multi', JAEGER_TRACE_PROPAGATION_TYPE: 'b3' }),
    ).toEqual(['tracecontext', 'b3multi']);
    expect(propagatorsOf({ OTEL_PROPAGATORS: 'none' })).toEqual([]);
    expect(() => propagatorsOf({ OTEL_PROPAGATORS: 'tracecontext,xray' })).toThrow(
      /OTEL_PROPAGATORS: unsupported propagator "xray"/,
    );
    // Programmatic options are checked by the same validation.
    await expect(
      startEngine({
        host: '127.0.0.1',
        httpPort: 0,
        grpcPort: 0,
        log: () => undefined,
        tracing: {
          enabled: true,
          otlpEndpoint: `http://127.0.0.1:${collector.port}/v1/traces`,
          propagators: ['tracecontext', 'xray' as never],
        },
        predictor: { name: 'p', graph: graph() },
      }),
    ).rejects.toMatchObject({
      code: 'SC_ERR_ENGINE_CONFIG_INVALID',
      message: expect.stringContaining('tracing.propagators: unsupported propagator "xray"'),
    });
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
