import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Message } from 'kafkajs';
import './client';
import { groupMessagesPerPartition, KAFKAJS_GROUPING_MODULE, linearGroupingInstalled } from './linear-grouping';

const require = createRequire(import.meta.url);

describe('kafkajs grouping of a send by partition', () => {
  it('is the one-pass grouping in kafkajs’s producer once @duto/kafka is loaded', () => {
    expect(linearGroupingInstalled()).toBe(true);
    // What kafkajs's producer required for its grouping (Node records it as a child module).
    const producer = require.cache[require.resolve('kafkajs/src/producer/sendMessages.js')]!;
    const grouping = producer.children.find((child) => child.id === KAFKAJS_GROUPING_MODULE);
    expect(grouping?.exports).toBe(require(KAFKAJS_GROUPING_MODULE));
  });

  it('gives each partition its messages in send order', () => {
    const messages: Message[] = Array.from({ length: 1000 }, (_, i) => ({ key: `k${i % 7}`, value: String(i) }));
    const partitioner = ({ message }: { message: Message }) => Number(String(message.key).slice(1)) % 3;
    const grouped = groupMessagesPerPartition({ topic: 't', partitionMetadata: [{ partitionId: 0, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }], messages, partitioner });
    expect(Object.keys(grouped)).toEqual(['0', '1', '2']);
    for (const [partition, group] of Object.entries(grouped)) {
      expect(group).toEqual(messages.filter((m) => partitioner({ message: m }) === Number(partition)));
    }
    expect(groupMessagesPerPartition({ topic: 't', partitionMetadata: [], messages, partitioner })).toEqual({});
  });
});
