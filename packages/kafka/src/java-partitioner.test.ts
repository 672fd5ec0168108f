import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { JavaCompatiblePartitioner } from './java-partitioner';

const metadata = (count: number, leaderless: number[] = []): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: leaderless.includes(partitionId) ? -1 : 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1],
  }));

describe('JavaCompatiblePartitioner', () => {
  it('puts every key on the partition kafkajs’s DefaultPartitioner (the Java client’s) puts it', () => {
    const ours = JavaCompatiblePartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    const keys: Array<string | Buffer> = ['', 'a', 'ab', 'abc', 'abcd', 'sensor-0042', 'Ünïcödé ✓ 🚀', ...Array.from({ length: 500 }, (_, i) => randomBytes(i % 37))];
    for (const count of [1, 2, 3, 7, 12, 100]) {
      for (const key of keys) {
        const args = { topic: 't', partitionMetadata: metadata(count), message: { key, value: 'v' } };
        expect(ours(args), `${String(key)} over ${count}`).toBe(theirs(args));
      }
    }
  });

  it('keeps a message’s own partition, and spreads keyless messages over partitions with a leader', () => {
    const partition = JavaCompatiblePartitioner();
    expect(partition({ topic: 't', partitionMetadata: metadata(3), message: { key: 'k', value: 'v', partition: 2 } })).toBe(2);
    const chosen = Array.from({ length: 30 }, () => partition({ topic: 't', partitionMetadata: metadata(4, [1]), message: { value: 'v' } }));
    expect(new Set(chosen)).toEqual(new Set([0, 2, 3]));
  });
});
