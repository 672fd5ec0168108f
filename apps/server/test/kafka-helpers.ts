import { randomUUID } from 'node:crypto';
import { createKafka, ensureTopics } from '@duto/kafka';

/** A raw kafkajs client outside Duto: what the tests use to feed and check topics. */
export function testKafka(brokers: string[]) {
  const kafka = createKafka({ brokers, clientId: `test-${randomUUID().slice(0, 8)}` });

  return {
    async createTopic(topic: string, partitions = 3): Promise<void> {
      const admin = kafka.admin();
      await admin.connect();
      await ensureTopics(admin, [topic], partitions);
      await admin.disconnect();
    },

    async produce(topic: string, messages: Array<{ key: string | null; value: unknown }>, chunk = 5000): Promise<void> {
      const producer = kafka.producer();
      await producer.connect();
      for (let i = 0; i < messages.length; i += chunk) {
        await producer.send({
          topic,
          acks: -1,
          messages: messages.slice(i, i + chunk).map((m) => ({ key: m.key, value: typeof m.value === 'string' ? m.value : JSON.stringify(m.value) })),
        });
      }
      await producer.disconnect();
    },

    /**
     * Records in the topic: the sum of its partitions' end offsets; 0 while it does not
     * exist yet or has no leader yet (callers poll).
     */
    async count(topic: string): Promise<number> {
      const admin = kafka.admin();
      await admin.connect();
      try {
        if (!(await admin.listTopics()).includes(topic)) return 0;
        const offsets = await admin.fetchTopicOffsets(topic);
        return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      } catch (error) {
        if ((error as { retriable?: boolean }).retriable) return 0;
        throw error;
      } finally {
        await admin.disconnect();
      }
    },

    /** Deletes what a test made: topics, and consumer groups (which must have no members left). */
    async remove({ topics = [], groups = [] }: { topics?: string[]; groups?: string[] }): Promise<void> {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const present = [...new Set(topics)].filter((t) => existing.has(t));
        if (present.length > 0) await admin.deleteTopics({ topics: present });
        const known = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
        const leftGroups = [...new Set(groups)].filter((g) => known.has(g));
        if (leftGroups.length > 0) await admin.deleteGroups(leftGroups);
      } finally {
        await admin.disconnect();
      }
    },

    /** Every record of the topic, in partition order, read by a throwaway consumer group that is deleted after. */
    async readAll(topic: string): Promise<Array<{ partition: number; offset: number; key: string | null; value: any; text: string }>> {
      const admin = kafka.admin();
      await admin.connect();
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.disconnect();
      const expected = ends.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      const groupId = `reader-${randomUUID()}`;
      const consumer = kafka.consumer({ groupId });
      const records: Array<{ partition: number; offset: number; key: string | null; value: any; text: string }> = [];
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            records.push({ partition: batch.partition, offset: Number(m.offset), key: m.key?.toString() ?? null, value: JSON.parse(m.value!.toString()), text: m.value!.toString() });
          }
        },
      });
      const deadline = Date.now() + 60_000;
      while (records.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await consumer.disconnect();
      await this.remove({ groups: [groupId] });
      return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    },
  };
}
