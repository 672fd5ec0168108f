import Module, { createRequire } from 'node:module';
import type { Message, PartitionMetadata } from 'kafkajs';

/**
 * kafkajs 2.2.4 groups a send's messages by partition in quadratic time: each message
 * copies its partition's array so far (tulios/kafkajs#1576, never released). At a Kafka
 * destination's 1000-record batches that is about 1.3 KB of garbage a record, the largest
 * allocation of a runner producing to Kafka. Importing this module puts a one-pass
 * grouping with the same result (same partitions, send order kept within each) in the
 * place of kafkajs's module; it must be imported before kafkajs is, which client.ts does.
 */
interface GroupingInput {
  topic: string;
  partitionMetadata: PartitionMetadata[];
  messages: Message[];
  partitioner: (args: { topic: string; partitionMetadata: PartitionMetadata[]; message: Message }) => number;
}

export function groupMessagesPerPartition({ topic, partitionMetadata, messages, partitioner }: GroupingInput): Record<number, Message[]> {
  if (partitionMetadata.length === 0) return {};
  const grouped: Record<number, Message[]> = {};
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (grouped[partition] ??= []).push(message);
  }
  return grouped;
}

const require = createRequire(import.meta.url);
/** The module kafkajs's producer requires by this path. */
export const KAFKAJS_GROUPING_MODULE = require.resolve('kafkajs/src/producer/groupMessagesPerPartition.js');
const KAFKAJS_PRODUCER = require.resolve('kafkajs/src/producer/sendMessages.js');

/** Marks the replacement, so that evaluating this module again (a test runner does) is harmless. */
const LINEAR = Symbol.for('duto.kafkajs.linear-grouping');

/** Whether kafkajs's producer groups with the function above (or an identical earlier copy of it). */
export function linearGroupingInstalled(): boolean {
  return (require.cache[KAFKAJS_GROUPING_MODULE]?.exports as Record<symbol, unknown> | undefined)?.[LINEAR] === true;
}

if (!linearGroupingInstalled()) {
  if (require.cache[KAFKAJS_PRODUCER]) throw new Error('kafkajs was loaded before @duto/kafka: import @duto/kafka first');
  const replacement = new Module(KAFKAJS_GROUPING_MODULE);
  replacement.filename = KAFKAJS_GROUPING_MODULE;
  replacement.exports = Object.assign(groupMessagesPerPartition, { [LINEAR]: true });
  replacement.loaded = true;
  require.cache[KAFKAJS_GROUPING_MODULE] = replacement;
}
