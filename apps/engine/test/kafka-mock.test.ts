import { describe, it, expect } from '@jest/globals';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaMock } from './support/kafka-mock.js';

describe('kafka mock cluster (kcat)', () => {
  it('accepts a kafkajs producer and a consumer group', async () => {
    const mock = await startKafkaMock();
    try {
      expect(mock.brokers).toMatch(/^127\.0\.0\.1:\d+$/);
      const kafka = new Kafka({ brokers: [mock.brokers], clientId: 't', logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'probe', messages: [{ key: 'k', value: 'hello', headers: { a: 'b' } }] });
      await producer.disconnect();
      const consumer = kafka.consumer({ groupId: 'g1' });
      await consumer.connect();
      await consumer.subscribe({ topic: 'probe', fromBeginning: true });
      const got = await new Promise<string>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) =>
            resolve(`${message.key}:${message.value}:${message.headers?.a}`),
        });
      });
      await consumer.disconnect();
      expect(got).toBe('k:hello:b');
    } finally {
      await mock.stop();
    }
  });
});
