import { EmitWindow, implementStage } from '@duto/engine';
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
 * after its last message marked for commit (see OffsetCommitter). Partitions are handled one at a time, so order within
 * a partition is kept.
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

        await consumer.connect();
        await consumer.subscribe({ topics: config.topics, fromBeginning: config.fromBeginning });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 1,
          eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
            const window = new EmitWindow();
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
            // Stopping: what was marked is committed before the consumer stops.
            if (signal.aborted) await committer.flush();
          },
        });
        ready();
        const stopped = new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        try {
          await Promise.race([stopped, failed]);
          await committer.flush();
        } finally {
          await consumer.stop().catch(() => {});
        }
      },
      close: () => consumer.disconnect(),
    },
  };
}, { endpoints: (_config, services) => kafkaEndpoints(services.kafkaBrokers) });
