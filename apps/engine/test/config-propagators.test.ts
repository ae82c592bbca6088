// Trace propagators are part of the resolved configuration: chosen from the environment once,
// validated once, printed in the effective configuration and named in the start-up line.
import { describe, it, expect } from '@jest/globals';
import { formatConfig, resolveConfig, startEngine } from 'seldon-engine';

const predictor = Buffer.from(
  JSON.stringify({ name: 'p', graph: { name: 's', implementation: 'SIMPLE_MODEL' } }),
).toString('base64');
const noFiles = {
  readFile: (p: string): string => {
    throw new Error(`ENOENT ${p}`);
  },
};
const resolve = (env: Record<string, string>) =>
  resolveConfig([], { ENGINE_PREDICTOR: predictor, ...env }, noFiles);

describe('tracing.propagators', () => {
  it('defaults to Jaeger and W3C, and JAEGER_TRACE_PROPAGATION_TYPE=b3 adds B3 multi-header last', () => {
    expect(resolve({}).tracing.propagators).toEqual(['jaeger', 'tracecontext', 'baggage']);
    expect(resolve({ JAEGER_TRACE_PROPAGATION_TYPE: 'b3' }).tracing.propagators).toEqual([
      'jaeger',
      'tracecontext',
      'baggage',
      'b3multi',
    ]);
  });

  it('takes OTEL_PROPAGATORS exactly (order kept, case and duplicates folded, none = no propagation)', () => {
    expect(resolve({ OTEL_PROPAGATORS: ' B3 , tracecontext,b3' }).tracing.propagators).toEqual([
      'b3',
      'tracecontext',
    ]);
    expect(resolve({ OTEL_PROPAGATORS: 'none' }).tracing.propagators).toEqual([]);
    expect(
      resolve({ OTEL_PROPAGATORS: 'tracecontext', JAEGER_TRACE_PROPAGATION_TYPE: 'b3' }).tracing.propagators,
    ).toEqual(['tracecontext']);
  });

  it('refuses unknown names with the list of supported ones, even with tracing off', () => {
    expect(() => resolve({ OTEL_PROPAGATORS: 'tracecontext,xray,ottrace' })).toThrow(
      'OTEL_PROPAGATORS: unsupported propagator "xray", "ottrace"; supported: tracecontext, baggage, jaeger, b3, b3multi, none',
    );
    expect(() => resolve({ OTEL_PROPAGATORS: 'xray' })).toThrow(
      expect.objectContaining({ code: 'SC_ERR_ENGINE_CONFIG_INVALID' }),
    );
  });

  it('is printed in the effective configuration', () => {
    const printed = JSON.parse(formatConfig(resolve({ JAEGER_TRACE_PROPAGATION_TYPE: 'b3' })));
    expect(printed.tracing.propagators).toEqual(['jaeger', 'tracecontext', 'baggage', 'b3multi']);
  });

  it('is named in the start-up line when tracing is on, and the line says when tracing is off', async () => {
    const lines: string[] = [];
    const log = (_level: string, message: string) => void lines.push(message);
    const base = resolve({ OTEL_PROPAGATORS: 'b3multi,tracecontext' });
    const on = await startEngine({
      ...base,
      host: '127.0.0.1',
      httpPort: 0,
      grpcPort: 0,
      // No request is traced, so the console exporter prints nothing.
      tracing: { ...base.tracing, enabled: true, exporter: 'console' },
      log,
    });
    await on.close();
    const off = await startEngine({ ...base, host: '127.0.0.1', httpPort: 0, grpcPort: 0, log });
    await off.close();
    const serving = lines.filter((l) => l.startsWith('serving predictor'));
    expect(serving).toHaveLength(2);
    expect(serving[0]).toContain('tracing console as executor, propagators b3multi,tracecontext');
    expect(serving[1]).toContain('tracing off (trace headers forwarded untouched)');
  });
});
