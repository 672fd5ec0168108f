import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { createKafka, createOrderedProducer, ensureTopics } from './client';

/**
 * kafkajs 2.2.4 against the Kafka 4 broker the project runs: what Duto relies on works
 * (admin, produce with acks=all, consume in a group, commit, rebalance between members).
 */
const kafka = createKafka({ brokers: inject('kafkaBrokers'), clientId: 'compat-test' });
const admin = kafka.admin();
const consumers: Consumer[] = [];
const topic = `compat-${randomUUID()}`;

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

describe('kafkajs against the Kafka 4 broker', () => {
  it('creates a topic with the partitions asked for', async () => {
    await admin.connect();
    await ensureTopics(admin, [topic], 3);
    await ensureTopics(admin, [topic], 3);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]!.partitions).toHaveLength(3);
  });

  it('produces with acks=all, consumes in a group, commits, and resumes from the commit', async () => {
    const producer = createOrderedProducer(kafka);
    await producer.connect();
    const messages = Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 7}`, value: JSON.stringify({ i }) }));
    await producer.send({ topic, acks: -1, messages: messages.slice(0, 200) });

    const groupId = `compat-${randomUUID()}`;
    const seen: number[] = [];
    const first = kafka.consumer({ groupId });
    consumers.push(first);
    await first.connect();
    await first.subscribe({ topics: [topic], fromBeginning: true });
    await first.run({
      autoCommit: false,
      eachMessage: async ({ topic: t, partition, message }: EachMessagePayload) => {
        seen.push(JSON.parse(message.value!.toString()).i);
        await first.commitOffsets([{ topic: t, partition, offset: String(Number(message.offset) + 1) }]);
      },
    });
    await waitFor(() => seen.length === 200);
    await first.disconnect();

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(committed).toBe(200);

    await producer.send({ topic, acks: -1, messages: messages.slice(200) });
    await producer.disconnect();
    const resumed: number[] = [];
    const second = kafka.consumer({ groupId });
    consumers.push(second);
    await second.connect();
    await second.subscribe({ topics: [topic], fromBeginning: true });
    await second.run({ eachMessage: async ({ message }) => void resumed.push(JSON.parse(message.value!.toString()).i) });
    await waitFor(() => resumed.length === 100);
    expect(resumed.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 200));
  });

  it('rebalances partitions between two members of a group', async () => {
    const groupId = `compat-${randomUUID()}`;
    const assignments = new Map<string, number[]>();
    const members = [0, 1].map((n) => {
      const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
      consumers.push(consumer);
      consumer.on(consumer.events.GROUP_JOIN, (e) => assignments.set(`m${n}`, e.payload.memberAssignment[topic] ?? []));
      return consumer;
    });
    for (const member of members) {
      await member.connect();
      await member.subscribe({ topics: [topic] });
      await member.run({ eachMessage: async () => {} });
    }
    await waitFor(() => {
      const all = [...assignments.values()];
      return all.length === 2 && all.every((a) => a.length > 0) && all.flat().length === 3;
    });
    expect([...assignments.values()].flat().sort()).toEqual([0, 1, 2]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
