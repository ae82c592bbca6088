// OpenTelemetry tracing: a server span per request and a client span per node call, W3C
// `traceparent` and Jaeger `uber-trace-id` extracted from requests and injected into node calls
// (plus Zipkin B3 when asked for): the propagators are chosen by the configuration (config.ts).
// Nothing here is global: the provider, tracer and propagator belong to one engine, so several
// engines can share a process. When tracing is off, none of this is loaded, and the engine's graph
// observer (runtime.ts) starts no client spans and returns no trace headers.
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';
import type { PropagatorName, TracingConfig } from '../config.js';

export interface RequestTracer {
  /** Starts the server span of a request; `headers` are the incoming headers/metadata (lower-case keys). */
  startServerSpan(
    name: string,
    headers: Record<string, string | string[] | undefined>,
    attributes?: Record<string, string>,
  ): Span;
  /** Starts a span for a node call under `parent`, injecting propagation headers into `outHeaders`. */
  startClientSpan(
    name: string,
    parent: Span | undefined,
    outHeaders: Record<string, string>,
    attributes?: Record<string, string>,
  ): Span;
  endSpan(span: Span, error?: { message: string; code?: string }): void;
  shutdown(): Promise<void>;
}

const getter: TextMapGetter<Record<string, string | string[] | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const v = carrier[key.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  },
};

async function buildPropagators(names: readonly PropagatorName[]): Promise<TextMapPropagator[]> {
  const core = await import('@opentelemetry/core');
  // The B3 and Jaeger modules are loaded only when named, so the default costs nothing extra.
  const b3 = names.some((n) => n.startsWith('b3')) ? await import('@opentelemetry/propagator-b3') : undefined;
  const jaeger = names.includes('jaeger') ? await import('@opentelemetry/propagator-jaeger') : undefined;
  return names.map((name): TextMapPropagator => {
    switch (name) {
      case 'tracecontext':
        return new core.W3CTraceContextPropagator();
      case 'baggage':
        return new core.W3CBaggagePropagator();
      case 'jaeger':
        return new jaeger!.JaegerPropagator();
      case 'b3':
        return new b3!.B3Propagator({ injectEncoding: b3!.B3InjectEncoding.SINGLE_HEADER });
      case 'b3multi':
        return new b3!.B3Propagator({ injectEncoding: b3!.B3InjectEncoding.MULTI_HEADER });
    }
  });
}

/**
 * Loads the OpenTelemetry SDK (only when tracing is enabled) and builds a RequestTracer that
 * propagates with `config.propagators` (resolved and validated by config.ts).
 */
export async function createRequestTracer(config: TracingConfig): Promise<RequestTracer> {
  const names = config.propagators;
  const [{ NodeTracerProvider }, base, core, { resourceFromAttributes }, propagators] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/core'),
    import('@opentelemetry/resources'),
    buildPropagators(names),
  ]);
  let exporter;
  if (config.exporter === 'console') exporter = new base.ConsoleSpanExporter();
  else {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    exporter = new OTLPTraceExporter(config.otlpEndpoint ? { url: config.otlpEndpoint } : {});
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new base.BatchSpanProcessor(exporter)],
  });
  const tracer: Tracer = provider.getTracer('seldon-engine');
  // Later propagators win on extract, so by default a W3C traceparent beats an uber-trace-id.
  const propagator: TextMapPropagator = new core.CompositePropagator({ propagators });

  return {
    startServerSpan(name, headers, attributes) {
      const parent: Context = propagator.extract(ROOT_CONTEXT, headers, getter);
      return tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
    },
    startClientSpan(name, parent, outHeaders, attributes) {
      const parentCtx = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parentCtx);
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), outHeaders, {
        set: (carrier, key, value) => {
          carrier[key.toLowerCase()] = value;
        },
      });
      return span;
    },
    endSpan(span, error) {
      if (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        if (error.code) span.setAttribute('seldon.error_code', error.code);
      }
      span.end();
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
}
