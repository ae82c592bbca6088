#!/usr/bin/env node
// seldon-engine: `serve` (default) runs the service orchestrator; `validate <file>` checks a
// SeldonDeployment; `run ...` is the local runner; `call ...` sends a JSON request over gRPC.
import { readFileSync } from 'node:fs';
import { startEngine, stderrLogger } from './engine.js';
import { resolveConfig, formatConfig } from './config.js';
import { EngineError } from './errors.js';

const HELP = `seldon-engine — the Seldon Core v1 service orchestrator (REST, gRPC, Kafka)

Usage:
  seldon-engine [serve] [flags] [<SeldonDeployment.yaml | graph.yaml>]
  seldon-engine validate <file.yaml>
  seldon-engine --version
  seldon-engine run ...            local runner (see seldon-engine run --help)
  seldon-engine kafka-proxy ...    serve one model in full-graph Kafka mode (see kafka-proxy --help)
  seldon-engine call ... '<json>'  send a REST-style JSON request to an engine over gRPC (see call --help)

Flags (Go flag syntax; flag > env > annotations file > default):
  --sdep NAME  --namespace NS  --predictor NAME
  --http_port 8080  --grpc_port 5000  --host 0.0.0.0
  --protocol seldon|tensorflow|v2|kfserving  --transport rest|grpc  --server_type rpc|kafka
  --file PATH (SeldonDeployment/graph YAML or JSON; watched, --watch=false to disable)
  --prometheus_path /metrics  --hostname NAME
  --logger_workers 10  --log_work_buffer_size 10000  --log_write_timeout_ms 2000
  --log_kafka_broker HOSTS  --log_kafka_topic seldon
  --log_spool_dir DIR  --log_spool_max_bytes 1073741824  --log_spool_fsync_ms 1000
  --log_spool_memory_bytes 4194304
  --kafka_broker HOSTS  --kafka_input_topic T  --kafka_output_topic T  --kafka_workers 4
  --kafka_auto_commit=true  --kafka_outage_exit_ms 60000
  --kafka_full_graph=false [KAFKA_FULL_GRAPH overrides]  --kafka_node_timeout_ms 60000
  --full_health_checks=false  --graceful_timeout 15s  --shutdown_delay 0  --idle_drain 2s
  --max_body_bytes 104857600  --max_header_bytes 16384  --max_in_flight 10000
  --max_buffered_body_bytes 536870912  --http_keepalive_timeout_ms 65000
  --http_headers_timeout_ms 60000  --http_receive_timeout_ms 300000
  --request_timeout_ms 0  --grpc_keepalive_time_ms 60000  --grpc_keepalive_timeout_ms 20000
  --grpc_max_connection_age_ms 300000  --grpc_max_connection_age_grace_ms 60000
  --grpc_max_connection_idle_ms 0
  --annotations_file /etc/podinfo/annotations  --debug  --log_level INFO
Environment: ENGINE_PREDICTOR (base64 PredictorSpec JSON), REQUEST_LOGGER_DEFAULT_ENDPOINT,
  SELDON_ENABLE_ROUTING_INJECTION, SELDON_CERT_MOUNT_PATH, CORS_ALLOWED_ORIGINS, KAFKA_*,
  LOGGER_KAFKA_*, OTEL_* (tracing). See docs/engine.md.
`;

async function serve(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = resolveConfig(argv, process.env);
  const log = stderrLogger(config.logLevel);
  log('info', `effective configuration:\n${formatConfig(config)}`);
  let exitCode = 0;
  let stopping = false;
  const engine = await startEngine({
    ...config,
    log,
    onFatal: (err) => {
      log('error', `${err.code}: ${err.message}`);
      exitCode = 1;
      void stop();
    },
  });
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (config.shutdownDelayMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
    const { graceful } = await engine.close();
    process.exit(graceful ? exitCode : 1);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return new Promise<number>(() => undefined);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    process.stdout.write(`seldon-engine ${pkg.version}\n`);
    return 0;
  }
  if (command === 'run') {
    const { runCommand } = await import('./run/index.js');
    return (await runCommand(rest)) ?? 0;
  }
  if (command === 'validate') {
    const { validateFile } = await import('./internal/validate-command.js');
    return validateFile(rest, (p) => readFileSync(p, 'utf8'));
  }
  if (command === 'kafka-proxy') {
    const { kafkaProxyCommand } = await import('./kafka-proxy.js');
    return kafkaProxyCommand(rest);
  }
  if (command === 'call') {
    const { callCommand } = await import('./internal/call-command.js');
    return callCommand(rest);
  }
  if (command === 'serve') return serve(rest);
  if (command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  return serve(argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof EngineError) process.stderr.write(`seldon-engine: ${err.code}: ${err.message}\n`);
    else process.stderr.write(`seldon-engine: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
