import { expect } from '@playwright/test';
import { createKafka } from '@duto/kafka';
import { testKafka } from '../../../apps/server/test/kafka-helpers';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** A Kafka client outside Duto (the server tests' own), on the broker the e2e server uses. */
export const kafka = testKafka(brokers);

async function topicExists(topic: string): Promise<boolean> {
  const admin = createKafka({ brokers, clientId: 'duto-e2e-admin' }).admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).includes(topic);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Deletes a topic and waits until the broker no longer lists it, so that a new one of the
 * name starts empty.
 */
export async function deleteTopic(topic: string): Promise<void> {
  await kafka.remove({ topics: [topic] });
  await expect.poll(() => topicExists(topic), { timeout: 30_000, message: `topic ${topic} deleted` }).toBe(false);
}
