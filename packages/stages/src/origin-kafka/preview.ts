import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { OriginRuntime, StageContext } from '@duto/engine';
import { stageKafka } from '../common/kafka-context';
import { decodeMessages } from './decode';
import type { originKafka } from './meta';

type Admin = ReturnType<ReturnType<typeof stageKafka>['admin']>;

/**
 * A preview reads in a consumer group of its own, `duto-preview-<uuid>`, from where the
 * pipeline's group has committed (per `fromBeginning` on partitions where it has not), and
 * commits nothing: the pipeline's group is only read, so its offsets never move. The
 * throwaway group is deleted when the preview ends, on a failure or timeout as well.
 */
export function previewKafkaOrigin(config: Static<typeof originKafka.configSchema>, context: StageContext): OriginRuntime {
  const { signal, settings } = context;
  const kafka = stageKafka(context);
  const groupId = `duto-preview-${randomUUID()}`;
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: Math.max(10, settings.batchWaitMs),
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    retry: { retries: 3, restartOnFailure: async () => false },
  });

  return {
    async run(emit, ready) {
      let fail!: (error: unknown) => void;
      const failed = new Promise<never>((_, reject) => (fail = reject));
      failed.catch(() => {});
      consumer.on(consumer.events.CRASH, (event) => fail(event.payload.error));
      const stopped = new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      const admin = kafka.admin();
      try {
        await admin.connect();
        const committed = await admin.fetchOffsets({ groupId: config.groupId, topics: config.topics });
        await consumer.connect();
        await consumer.subscribe({ topics: config.topics, fromBeginning: config.fromBeginning });
        consumer
          .run({
            autoCommit: false,
            partitionsConsumedConcurrently: 1,
            eachBatch: async ({ batch, isRunning, isStale }) => {
              if (!isRunning() || isStale() || signal.aborted) return;
              await emit(decodeMessages(batch.messages.slice(0, settings.batchSize), batch.topic, batch.partition, config.format as 'json' | 'text'));
            },
          })
          .catch(fail);
        // Seeks given before the group is joined apply to the first fetch of each partition.
        for (const { topic, partitions } of committed) {
          for (const { partition, offset } of partitions) if (Number(offset) >= 0) consumer.seek({ topic, partition, offset });
        }
        ready();
        await Promise.race([stopped, failed]);
      } finally {
        await consumer.disconnect().catch(() => {});
        await deleteGroup(admin, groupId).finally(() => admin.disconnect().catch(() => {}));
      }
    },
  };
}

/**
 * Deletes the throwaway group. The broker may still be processing the consumer's leave
 * (GROUP_NOT_EMPTY) for a moment; a group that never got a member or an offset does not
 * exist (GROUP_ID_NOT_FOUND), which is as good.
 */
async function deleteGroup(admin: Admin, groupId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.deleteGroups([groupId]);
      return;
    } catch (error) {
      const reasons = ((error as { groups?: Array<{ error?: { type?: string } }> }).groups ?? []).map((g) => g.error?.type);
      if (reasons.length > 0 && reasons.every((type) => type === 'GROUP_ID_NOT_FOUND')) return;
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
