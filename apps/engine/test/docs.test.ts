// The docs' error table and flag table must match the code (drift check).
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ENGINE_ERRORS, resolveConfig } from 'seldon-engine';
import { GrpcStatus } from '@seldon-ts/payload';

const docs = readFileSync(new URL('../../../docs/engine.md', import.meta.url), 'utf8');
const predictor = Buffer.from(
  JSON.stringify({ name: 'p', graph: { name: 's', implementation: 'SIMPLE_MODEL' } }),
).toString('base64');

describe('docs/engine.md', () => {
  it('lists every error code with its HTTP and gRPC status, and no code the engine does not have', () => {
    const rows = [
      ...docs.matchAll(/^\|\s*`(SC_ERR_ENGINE_[A-Z_]+)`\s*\|\s*(\d+)\s*\|\s*([A-Z_]+)\s*\|/gm),
    ].map((m) => [m[1], [Number(m[2]), m[3]]]);
    const grpcName = (n: number) => Object.entries(GrpcStatus).find(([, v]) => v === n)?.[0];
    expect(Object.fromEntries(rows)).toEqual(
      Object.fromEntries(
        Object.entries(ENGINE_ERRORS).map(([code, e]) => [code, [e.httpStatus, grpcName(e.grpcStatus)]]),
      ),
    );
  });

  it('documents only flags the engine accepts', () => {
    const flags = [...docs.matchAll(/^\|\s*`--([a-z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(flags.length).toBeGreaterThan(30);
    for (const flag of flags) {
      const value = [
        'http_port',
        'grpc_port',
        'logger_workers',
        'log_work_buffer_size',
        'log_write_timeout_ms',
        'kafka_workers',
        'kafka_outage_exit_ms',
        'max_body_bytes',
        'max_in_flight',
        'request_timeout_ms',
        'grpc_keepalive_time_ms',
        'grpc_keepalive_timeout_ms',
        'grpc_max_connection_age_ms',
        'grpc_max_connection_age_grace_ms',
        'grpc_max_connection_idle_ms',
      ].includes(flag)
        ? '1'
        : ['graceful_timeout', 'shutdown_delay'].includes(flag)
          ? '1s'
          : flag === 'protocol'
            ? 'seldon'
            : flag === 'transport'
              ? 'rest'
              : flag === 'server_type'
                ? 'rpc'
                : flag === 'log_level'
                  ? 'INFO'
                  : flag === 'file'
                    ? ''
                    : [
                          'watch',
                          'full_health_checks',
                          'debug',
                          'kafka_auto_commit',
                          'kafka_full_graph',
                        ].includes(flag)
                      ? 'false'
                      : 'x';
      expect(() =>
        resolveConfig(
          [`--${flag}=${value}`],
          { ENGINE_PREDICTOR: predictor },
          { annotationsPath: '/nonexistent' },
        ),
      ).not.toThrow(/unknown flag/);
    }
  });
});
