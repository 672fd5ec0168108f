import { EmitWindow, implementStage } from '@duto/engine';
import type { EachBatchPayload } from '@duto/kafka';
import { kafkaEndpoints } from '../common/endpoints';
import { stageKafka } from '../common/kafka-context';
import { originKafka } from './meta';
import { OffsetCommitter } from './offset-committer';
import { decodeMessages } from './decode';
import { previewKafkaOrigin } from './preview';

/**
 * Consumes in a group with kafkajs's auto-commit and auto-resolve off. Each batch of
 * `settings.batchSize` messages is emitted, the next one while the previous is being
 * written; only when an emit resolved (everything downstream is durable) is the offset
 * after its last message marked for commit (see OffsetCommitter). Partitions are handled one
 * at a time, so order within a partition is kept. A stop lets the batch under way finish and
 * commits all it wrote before the consumer stops.
 */
export const originKafkaImpl = implementStage(originKafka, (config, context) => {
  if (context.mode === 'preview') return { kind: 'origin', runtime: previewKafkaOrigin(config, context) };
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
        const committer = new OffsetCommitter((offsets) => consumer.commitOffsets(offsets), context.logger);

        // The batch under way: stopping waits for it, because kafkajs commits nothing once stopped.
        let consuming: Promise<void> = Promise.resolve();
        await consumer.connect();
        await consumer.subscribe({ topics: config.topics, fromBeginning: config.fromBeginning });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 1,
          eachBatch: (payload) => {
            const work = consumeBatch(payload);
            consuming = work.catch(() => undefined);
            return work;
          },
        });
        ready();
        const stopped = new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        try {
          await Promise.race([stopped, failed]);
          await consuming;
          await committer.flush();
        } finally {
          await consuming;
          await consumer.stop().catch(() => {});
        }

        async function consumeBatch({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload): Promise<void> {
          const window = new EmitWindow();
          try {
            for (let from = 0; from < batch.messages.length; from += settings.batchSize) {
              if (!isRunning() || isStale() || signal.aborted) break;
              const chunk = batch.messages.slice(from, from + settings.batchSize);
              const written = emit(decodeMessages(chunk, batch.topic, batch.partition, config.format as 'json' | 'text'));
              written.catch((error: unknown) => fail(error));
              const last = chunk[chunk.length - 1]!.offset;
              await window.add(written, async () => {
                resolveOffset(last);
                const next = (BigInt(last) + 1n).toString();
                // Committed beside the reading (merged with the chunks that follow while a commit
                // is under way). A partition taken away meanwhile is not committed: its new owner
                // reads those records again (at least once).
                if (!isStale()) committer.mark({ topic: batch.topic, partition: batch.partition, offset: next });
                context.reportLag(batch.topic, batch.partition, Number(BigInt(batch.highWatermark) - BigInt(next)));
                await heartbeat();
              });
            }
            await window.drain();
          } finally {
            // A failed batch still waits for the writes it started, so nothing is closed under them.
            await window.settled();
          }
        }
      },
      close: () => consumer.disconnect(),
    },
  };
}, { endpoints: (_config, services) => kafkaEndpoints(services.kafkaBrokers) });
