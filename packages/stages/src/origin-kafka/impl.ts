import { implementStage, type RecordFailure } from '@duto/engine';
import { kafkaEndpoints } from '../common/endpoints';
import type { DutoRecord } from '@duto/model';
import { stageKafka } from '../common/kafka-context';
import { originKafka } from './meta';
import { decodeMessage } from './decode';

/**
 * Consumes in a group with kafkajs's auto-commit and auto-resolve off. Each batch of
 * `settings.batchSize` messages is emitted; only when the emit resolved (everything
 * downstream is durable) is the offset after its last message committed. Partitions are
 * handled one at a time, so order within a partition is kept.
 */
export const originKafkaImpl = implementStage(originKafka, (config, context) => {
  const { signal, settings } = context;
  const kafka = stageKafka(context);
  const consumer = kafka.consumer({
    groupId: config.groupId,
    maxWaitTimeInMs: Math.max(10, settings.batchWaitMs),
    // A runner that died holds its partitions until the session times out: keep that short.
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    // A failure stops the consumer; the runner reports it and restarts with backoff.
    retry: { retries: 3, restartOnFailure: async () => false },
  });

  return {
    kind: 'origin',
    runtime: {
      async run(emit, ready) {
        let fail!: (error: unknown) => void;
        const failed = new Promise<never>((_, reject) => (fail = reject));
        failed.catch(() => {});
        consumer.on(consumer.events.CRASH, (event) => fail(event.payload.error));

        await consumer.connect();
        await consumer.subscribe({ topics: config.topics, fromBeginning: config.fromBeginning });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 1,
          eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
            for (let from = 0; from < batch.messages.length; from += settings.batchSize) {
              if (!isRunning() || isStale() || signal.aborted) return;
              const chunk = batch.messages.slice(from, from + settings.batchSize);
              const records: DutoRecord[] = [];
              const failures: RecordFailure[] = [];
              for (const message of chunk) {
                const decoded = decodeMessage(message, batch.topic, batch.partition, config.format as 'json' | 'text');
                if ('record' in decoded) records.push(decoded.record);
                else failures.push(decoded.failure);
              }
              try {
                await emit({ records, failures });
              } catch (error) {
                fail(error);
                throw error;
              }
              const last = chunk[chunk.length - 1]!.offset;
              resolveOffset(last);
              const next = (BigInt(last) + 1n).toString();
              await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
              context.reportLag(batch.topic, batch.partition, Number(BigInt(batch.highWatermark) - BigInt(next)));
              await heartbeat();
            }
          },
        });
        ready();
        const stopped = new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        try {
          await Promise.race([stopped, failed]);
        } finally {
          await consumer.stop().catch(() => {});
        }
      },
      close: () => consumer.disconnect(),
    },
  };
}, (_config, services) => kafkaEndpoints(services.kafkaBrokers));
