// Tracing from the standard OpenTelemetry variables (and the reference's Jaeger ones): whether it is
// on, the exporter, the service name and the trace-context propagators.
import type { PropagatorName, TracingConfig } from './types.js';
import type { Env } from './source.js';
import { invalid } from './values.js';

const PROPAGATOR_NAMES: readonly PropagatorName[] = ['tracecontext', 'baggage', 'jaeger', 'b3', 'b3multi'];
/** Jaeger and W3C both read and written, so an engine joins either kind of mesh without configuration. */
export const DEFAULT_PROPAGATORS: readonly PropagatorName[] = Object.freeze([
  'jaeger',
  'tracecontext',
  'baggage',
]);

/** The tracing settings of the environment: off unless an OTLP endpoint or exporter is named. */
export function tracingFromEnv(env: Env): TracingConfig {
  const exporterEnv = (env.OTEL_TRACES_EXPORTER ?? '').toLowerCase();
  const disabled = (env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true' || exporterEnv === 'none';
  const hasEndpoint = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  const exporter: TracingConfig['exporter'] = exporterEnv === 'console' ? 'console' : 'otlp';
  return {
    enabled: !disabled && (hasEndpoint || exporterEnv === 'otlp' || exporterEnv === 'console'),
    serviceName: env.OTEL_SERVICE_NAME || env.JAEGER_SERVICE_NAME || 'executor',
    exporter,
    propagators: propagatorsFromEnv(env),
  };
}

/**
 * The trace propagators the environment asks for. `OTEL_PROPAGATORS` is taken exactly as given
 * (order kept, duplicates dropped, `none` = no propagation). Without it, the default reads and
 * writes Jaeger and W3C; the reference's `JAEGER_TRACE_PROPAGATION_TYPE=b3` adds Zipkin B3
 * multi-header (`X-B3-*`) last, so an incoming B3 context wins while W3C and Jaeger headers keep
 * being written for mixed meshes. Unknown names are refused, whether or not tracing is on.
 */
export function propagatorsFromEnv(env: Env): PropagatorName[] {
  const list = env.OTEL_PROPAGATORS?.trim();
  if (list) {
    const names = list
      .split(',')
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n !== '');
    if (names.includes('none')) return [];
    return checkPropagators(names, 'OTEL_PROPAGATORS');
  }
  const jaegerType = (env.JAEGER_TRACE_PROPAGATION_TYPE ?? '').trim().toLowerCase();
  return jaegerType === 'b3' ? [...DEFAULT_PROPAGATORS, 'b3multi'] : [...DEFAULT_PROPAGATORS];
}

/** `names` without duplicates, refused when one is not a propagator. */
export function checkPropagators(names: readonly string[], what: string): PropagatorName[] {
  const unknown = names.filter((n) => !(PROPAGATOR_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw invalid(
      `${what}: unsupported propagator ${unknown.map((n) => `"${n}"`).join(', ')}; supported: ${PROPAGATOR_NAMES.join(', ')}, none`,
    );
  return [...new Set(names)] as PropagatorName[];
}
