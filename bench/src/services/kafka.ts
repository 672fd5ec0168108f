import type { Admin, Kafka } from 'kafkajs';
import { createKafka, ensureTopics } from '@duto/kafka';
import { reading } from '../data';

export const PARTITIONS = 3;
const PRELOAD_CHUNK = 5000;
const PRELOAD_IN_FLIGHT = 4;

export function benchKafka(brokers: string[], clientId = 'duto-bench'): Kafka {
  return createKafka({ brokers, clientId });
}

/** The bench's admin side: topics of one scenario, created empty and deleted after. */
export class BenchTopics {
  private readonly created = new Set<string>();
  private readonly groups = new Set<string>();

  private constructor(
    readonly kafka: Kafka,
    readonly admin: Admin,
  ) {}

  static async connect(brokers: string[]): Promise<BenchTopics> {
    const kafka = benchKafka(brokers);
    const admin = kafka.admin();
    await admin.connect();
    return new BenchTopics(kafka, admin);
  }

  async create(...topics: string[]): Promise<void> {
    await ensureTopics(this.admin, topics, PARTITIONS);
    for (const topic of topics) this.created.add(topic);
  }

  /** A consumer group a run uses, deleted with the topics once its consumers are gone. */
  group(groupId: string): string {
    this.groups.add(groupId);
    return groupId;
  }

  /** Messages in a topic: the sum over its partitions of high watermark minus low. */
  async count(topic: string): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  }

  /** Fills a topic with `count` sensor readings keyed by sensor, as fast as the broker takes them. */
  async preloadReadings(topic: string, count: number): Promise<void> {
    const producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const from = next;
          next = Math.min(count, next + PRELOAD_CHUNK);
          const messages = Array.from({ length: next - from }, (_, k) => readingMessage(from + k));
          await producer.send({ topic, acks: -1, messages });
        }
      };
      await Promise.all(Array.from({ length: PRELOAD_IN_FLIGHT }, lane));
    } finally {
      await producer.disconnect();
    }
  }

  async close(): Promise<void> {
    if (this.groups.size > 0) await this.admin.deleteGroups([...this.groups]).catch(() => {});
    if (this.created.size > 0) await this.admin.deleteTopics({ topics: [...this.created] }).catch(() => {});
    await this.admin.disconnect();
  }
}

function readingMessage(i: number): { key: string; value: string } {
  const value = reading(i);
  return { key: value.sensorId, value: JSON.stringify(value) };
}
