// resolveConfig: flags > env > annotations file > defaults, validated once, with clear messages.
import { describe, it, expect } from '@jest/globals';
import { resolveConfig, normalizeConfig, parseAnnotations, formatConfig, EngineError } from 'seldon-engine';

const predictor = {
  name: 'pred',
  graph: {
    name: 'm',
    type: 'MODEL',
    endpoint: { service_host: 'localhost', service_port: 9000, httpPort: 9000, grpcPort: 9500 },
  },
};
const b64 = Buffer.from(JSON.stringify(predictor)).toString('base64');
const noFiles = {
  readFile: (p: string): string => {
    throw new Error(`ENOENT ${p}`);
  },
};
const files = (map: Record<string, string>) => ({
  readFile: (p: string) => {
    if (p in map) return map[p];
    throw new Error(`ENOENT ${p}`);
  },
});

describe('resolveConfig', () => {
  it('uses the reference defaults', () => {
    const c = resolveConfig(['--sdep', 's', '--namespace', 'ns'], { ENGINE_PREDICTOR: b64 }, noFiles);
    expect(c).toMatchObject({
      deploymentName: 's',
      namespace: 'ns',
      predictorName: 'pred',
      httpPort: 8080,
      grpcPort: 5000,
      protocol: 'seldon',
      transport: 'rest',
      serverType: 'rpc',
      prometheusPath: '/metrics',
      gracefulTimeoutMs: 15000,
      fullHealthChecks: false,
      routingInjection: false,
      payloadLogger: { workers: 10, queueSize: 10000, writeTimeoutMs: 2000, kafkaTopic: 'seldon' },
      cors: { allowedOrigins: '*' },
      tracing: { enabled: false },
      restTimeoutMs: 0,
      grpcMaxMessageBytes: 2147483647,
    });
    expect(c.serverUrl).toBe('http://localhost:8080/');
  });

  it('accepts Go flag forms and applies flag > env > annotations precedence', () => {
    const c = resolveConfig(
      [
        '-sdep=s',
        '--http_port=8000',
        '--grpc_port',
        '5001',
        '--log_kafka_topic',
        'fromflag',
        '--full_health_checks',
        '--graceful_timeout=1m30s',
        '--debug=false',
      ],
      {
        ENGINE_PREDICTOR: b64,
        LOGGER_KAFKA_TOPIC: 'fromenv',
        LOGGER_KAFKA_BROKER: 'b:9092',
        SELDON_ENABLE_ROUTING_INJECTION: 'false',
        REQUEST_LOGGER_DEFAULT_ENDPOINT: 'http://default-broker',
      },
      files({
        '/etc/podinfo/annotations':
          'seldon.io/rest-timeout="1500"\nseldon.io/grpc-timeout="2500"\nseldon.io/grpc-max-message-size="1000000"\nother="a=b"\n',
      }),
    );
    expect(c.httpPort).toBe(8000);
    expect(c.grpcPort).toBe(5001);
    expect(c.payloadLogger).toMatchObject({
      kafkaTopic: 'fromflag',
      kafkaBroker: 'b:9092',
      defaultEndpoint: 'http://default-broker',
    });
    expect(c.fullHealthChecks).toBe(true);
    expect(c.gracefulTimeoutMs).toBe(90000);
    expect(c.routingInjection).toBe(true); // any non-empty value, as the reference
    expect(c.restTimeoutMs).toBe(1500);
    expect(c.grpcTimeoutMs).toBe(2500);
    expect(c.grpcMaxMessageBytes).toBe(1000000);
    expect(c.annotations.other).toBe('a=b');
  });

  it('rejects bad values naming the source', () => {
    expect(() => resolveConfig(['--http_port', 'abc'], { ENGINE_PREDICTOR: b64 }, noFiles)).toThrow(
      /--http_port must be an integer, got "abc"/,
    );
    expect(() => resolveConfig(['--protocol', 'grpcx'], { ENGINE_PREDICTOR: b64 }, noFiles)).toThrow(
      /Protocol must be seldon, tensorflow or v2/,
    );
    expect(() => resolveConfig(['--transport', 'kafka'], { ENGINE_PREDICTOR: b64 }, noFiles)).toThrow(
      /Only rest and grpc supported/,
    );
    expect(() => resolveConfig(['--bogus'], { ENGINE_PREDICTOR: b64 }, noFiles)).toThrow(
      /unknown flag --bogus/,
    );
    // The choice between server implementations is gone: one server per port.
    expect(() => resolveConfig(['--http_server', 'net'], { ENGINE_PREDICTOR: b64 }, noFiles)).toThrow(
      /unknown flag --http_server/,
    );
    expect(() => resolveConfig(['--grpc_server=http2'], { ENGINE_PREDICTOR: b64 }, noFiles)).toThrow(
      /unknown flag --grpc_server/,
    );
    expect(resolveConfig([], { ENGINE_PREDICTOR: b64 }, noFiles).maxHeaderBytes).toBe(16384);
    expect(
      resolveConfig(['--max_header_bytes', '32768'], { ENGINE_PREDICTOR: b64 }, noFiles).maxHeaderBytes,
    ).toBe(32768);
    expect(() => resolveConfig(['--max_header_bytes', '100'], { ENGINE_PREDICTOR: b64 }, noFiles)).toThrow(
      /--max_header_bytes/,
    );
    expect(() =>
      resolveConfig(
        [],
        { ENGINE_PREDICTOR: b64 },
        files({ '/etc/podinfo/annotations': 'seldon.io/rest-timeout="soon"' }),
      ),
    ).toThrow(/seldon.io\/rest-timeout/);
    expect(() => resolveConfig([], {}, noFiles)).toThrow(/ENGINE_PREDICTOR not set/);
    expect(() => resolveConfig([], { ENGINE_PREDICTOR: '!!!' }, noFiles)).toThrow(EngineError);
    expect(() =>
      resolveConfig(['--server_type', 'kafka'], { ENGINE_PREDICTOR: b64, KAFKA_BROKER: 'b' }, noFiles),
    ).toThrow(/kafka_input_topic missing/);
  });

  it('resolves the gRPC connection settings: defaults, flags over env, bad values naming the flag', () => {
    const defaults = resolveConfig([], { ENGINE_PREDICTOR: b64 }, noFiles);
    expect(defaults).toMatchObject({
      grpcKeepaliveTimeMs: 60000,
      grpcKeepaliveTimeoutMs: 20000,
      grpcMaxConnectionAgeMs: 300000,
      grpcMaxConnectionAgeGraceMs: 60000,
      grpcMaxConnectionIdleMs: 0,
    });
    const set = resolveConfig(
      [
        '--grpc_keepalive_time_ms=0',
        '--grpc_keepalive_timeout_ms',
        '5000',
        '--grpc-max-connection-age-ms',
        '30000',
        '--grpc_max_connection_idle_ms=15000',
      ],
      {
        ENGINE_PREDICTOR: b64,
        SELDON_ENGINE_GRPC_MAX_CONNECTION_AGE_MS: '1',
        SELDON_ENGINE_GRPC_MAX_CONNECTION_AGE_GRACE_MS: '0',
      },
      noFiles,
    );
    expect(set).toMatchObject({
      grpcKeepaliveTimeMs: 0,
      grpcKeepaliveTimeoutMs: 5000,
      grpcMaxConnectionAgeMs: 30000,
      grpcMaxConnectionAgeGraceMs: 0,
      grpcMaxConnectionIdleMs: 15000,
    });
    const bad =
      (argv: string[], env: Record<string, string> = {}) =>
      () =>
        resolveConfig(argv, { ENGINE_PREDICTOR: b64, ...env }, noFiles);
    expect(bad(['--grpc_keepalive_time_ms', '1m'])).toThrow(
      /--grpc_keepalive_time_ms \/ SELDON_ENGINE_GRPC_KEEPALIVE_TIME_MS must be an integer, got "1m"/,
    );
    expect(bad(['--grpc_keepalive_timeout_ms', '0'])).toThrow(/--grpc_keepalive_timeout_ms .* must be >= 1/);
    expect(bad([], { SELDON_ENGINE_GRPC_MAX_CONNECTION_IDLE_MS: '-5' })).toThrow(
      /SELDON_ENGINE_GRPC_MAX_CONNECTION_IDLE_MS must be >= 0, got -5/,
    );
    expect(bad(['--grpc_max_connection_age_ms', '3000000000'])).toThrow(
      /--grpc_max_connection_age_ms .* must be an integer from 0 to 1900000000 \(ms\), got 3000000000/,
    );
    expect(bad(['--grpc_max_connection_age_ms'])).toThrow(/flag --grpc_max_connection_age_ms needs a value/);
    // Programmatic options are checked too, naming the option and its flag.
    expect(() => normalizeConfig({ predictor, grpcMaxConnectionAgeGraceMs: 1.5 })).toThrow(
      /grpcMaxConnectionAgeGraceMs \(--grpc_max_connection_age_grace_ms\) must be an integer from 0 to 1900000000 \(ms\), got 1.5/,
    );
    expect(normalizeConfig({ predictor }).grpcMaxConnectionAgeMs).toBe(300000);
  });

  it('resolves Kafka server settings from env', () => {
    const c = resolveConfig(
      ['--server_type', 'kafka', '--sdep', 's', '--namespace', 'n'],
      {
        ENGINE_PREDICTOR: b64,
        KAFKA_BROKER: 'k:9092',
        KAFKA_INPUT_TOPIC: 'in',
        KAFKA_OUTPUT_TOPIC: 'out',
        KAFKA_WORKERS: '8',
        KAFKA_AUTO_COMMIT: 'false',
      },
      noFiles,
    );
    expect(c.kafka).toMatchObject({
      broker: 'k:9092',
      inputTopic: 'in',
      outputTopic: 'out',
      workers: 8,
      autoCommit: false,
      groupId: 'pred.s.n',
    });
  });

  it('reads a SeldonDeployment YAML file and picks the predictor', () => {
    const yaml = `apiVersion: machinelearning.seldon.io/v1
kind: SeldonDeployment
metadata: {name: iris, namespace: models}
spec:
  protocol: v2
  predictors:
  - name: a
    graph: {name: m, type: MODEL, endpoint: {service_host: localhost, service_port: 9000, httpPort: 9000}}
  - name: b
    graph: {name: m2, type: MODEL, endpoint: {service_host: localhost, service_port: 9001, httpPort: 9001}}
`;
    const c = resolveConfig(['--predictor', 'b', '/x/sdep.yaml'], {}, files({ '/x/sdep.yaml': yaml }));
    expect(c).toMatchObject({
      deploymentName: 'iris',
      namespace: 'models',
      predictorName: 'b',
      protocol: 'v2',
      graphFile: '/x/sdep.yaml',
      watchGraphFile: true,
    });
    expect(c.predictor.graph.name).toBe('m2');
    expect(() => resolveConfig(['--file', '/x/sdep.yaml'], {}, files({ '/x/sdep.yaml': yaml }))).toThrow(
      /2 predictors \(a, b\): choose one with --predictor/,
    );
    expect(() =>
      resolveConfig(['--file', '/x/sdep.yaml', '--predictor', 'zz'], {}, files({ '/x/sdep.yaml': yaml })),
    ).toThrow(/Predictor not found zz/);
    expect(() => resolveConfig(['--file', '/x/sdep.txt'], {}, noFiles)).toThrow(/Unsupported file type/);
  });

  it('names the node and problem of an invalid graph', () => {
    const bad = Buffer.from(
      JSON.stringify({
        name: 'p',
        graph: {
          name: 'root',
          type: 'ROUTER',
          children: [
            { name: 'x', type: 'MODEL' },
            { name: 'x', type: 'MODEL' },
          ],
        },
      }),
    ).toString('base64');
    expect(() => resolveConfig([], { ENGINE_PREDICTOR: bad }, noFiles)).toThrow(
      /node "x" \(at graph.children\[1\]\): duplicate node name/,
    );
  });

  it('parses the annotations file, keeping values that contain "="', () => {
    expect(parseAnnotations('a="1"\nb="x=y"\n\nc=plain\n')).toEqual({ a: '1', b: 'x=y', c: 'plain' });
  });

  it('prints the effective configuration with secrets masked', () => {
    const c = resolveConfig(
      ['--sdep', 's'],
      {
        ENGINE_PREDICTOR: b64,
        KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'hunter2',
      },
      noFiles,
    );
    const text = formatConfig(c);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"graph": "m:MODEL"');
  });
});
