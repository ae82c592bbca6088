#!/usr/bin/env node
// Feeds the Kafka example (example 5): produces requests to the input topic, then reads the
// answers from the output topic and matches them by message key.
//
//   node examples/kafka-model/client.mjs --broker 127.0.0.1:9092 [--count 3]
//        [--input classifier-requests] [--output classifier-responses]
import { Kafka, logLevel } from 'kafkajs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const broker = flag('broker', process.env.KAFKA_BROKER ?? '127.0.0.1:9092');
const count = Number(flag('count', '3'));
const inputTopic = flag('input', 'classifier-requests');
const outputTopic = flag('output', 'classifier-responses');
const timeoutMs = Number(flag('timeout-ms', '30000'));

const kafka = new Kafka({ clientId: 'kafka-model-client', brokers: [broker], logLevel: logLevel.NOTHING });
const run = `${Date.now()}`;
const keys = Array.from({ length: count }, (_, i) => `${run}-${i}`);

// Subscribe first so no answer is missed; a fresh group reads the output topic from the start
// and answers of earlier runs are skipped by key.
const consumer = kafka.consumer({ groupId: `kafka-model-client-${run}` });
await consumer.connect();
await consumer.subscribe({ topic: outputTopic, fromBeginning: true });
const answers = new Map();
const done = new Promise((resolve) => {
  void consumer.run({
    eachMessage: async ({ message }) => {
      const key = message.key?.toString();
      if (!keys.includes(key)) return;
      answers.set(key, JSON.parse(message.value.toString()));
      console.log(`${key} <- ${message.value.toString()}`);
      if (answers.size === keys.length) resolve();
    },
  });
});

const producer = kafka.producer();
await producer.connect();
await producer.send({
  topic: inputTopic,
  messages: keys.map((key, i) => {
    const value = JSON.stringify({ data: { ndarray: [[1.0 + i, 2.0, 5.0]] } });
    console.log(`${key} -> ${value}`);
    return { key, value, headers: { 'Content-Type': 'application/json' } };
  }),
});
await producer.disconnect();

const timer = setTimeout(() => {
  console.error(
    `timed out after ${timeoutMs} ms with ${answers.size}/${keys.length} answers (is the deployment running?)`,
  );
  process.exit(1);
}, timeoutMs);
await done;
clearTimeout(timer);
await consumer.disconnect();
console.log(`${answers.size}/${keys.length} answers`);
