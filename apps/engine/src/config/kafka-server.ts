// Kafka server mode (`--server_type kafka`): brokers, topics and the consumer's settings.
import type { KafkaServerConfig } from './types.js';
import type { SettingSource } from './source.js';
import { invalid, parseBool, parseIntStrict } from './values.js';

/** The Kafka server settings from flags and environment; broker and both topics are required. */
export function kafkaServerOptions(
  source: SettingSource,
  annotations: Record<string, string>,
): KafkaServerConfig {
  const { pick, flag, env } = source;
  const broker = pick('kafka_broker', 'KAFKA_BROKER');
  const inputTopic = pick('kafka_input_topic', 'KAFKA_INPUT_TOPIC');
  const outputTopic = pick('kafka_output_topic', 'KAFKA_OUTPUT_TOPIC');
  if (!broker) throw invalid('Required argument kafka_broker missing (--kafka_broker or KAFKA_BROKER)');
  if (!inputTopic)
    throw invalid('Required argument kafka_input_topic missing (--kafka_input_topic or KAFKA_INPUT_TOPIC)');
  if (!outputTopic)
    throw invalid(
      'Required argument kafka_output_topic missing (--kafka_output_topic or KAFKA_OUTPUT_TOPIC)',
    );
  return {
    broker,
    inputTopic,
    outputTopic,
    // The reference lets KAFKA_FULL_GRAPH override the flag when set.
    fullGraph: parseBool(
      (env.KAFKA_FULL_GRAPH || undefined) ?? flag('kafka_full_graph') ?? 'false',
      '--kafka_full_graph / KAFKA_FULL_GRAPH',
    ),
    nodeTimeoutMs: parseIntStrict(
      pick('kafka_node_timeout_ms', 'KAFKA_NODE_TIMEOUT_MS') ??
        annotations['seldon.io/rest-timeout'] ??
        '60000',
      '--kafka_node_timeout_ms / KAFKA_NODE_TIMEOUT_MS',
    ),
    workers: parseIntStrict(
      pick('kafka_workers', 'KAFKA_WORKERS') ?? '4',
      '--kafka_workers / KAFKA_WORKERS',
      1,
    ),
    autoCommit: parseBool(
      pick('kafka_auto_commit', 'KAFKA_AUTO_COMMIT') ?? 'true',
      '--kafka_auto_commit / KAFKA_AUTO_COMMIT',
    ),
    groupId: '',
    outageExitMs: parseIntStrict(
      pick('kafka_outage_exit_ms', 'KAFKA_OUTAGE_EXIT_MS') ?? '60000',
      '--kafka_outage_exit_ms',
      1,
    ),
  };
}
