import { compileExpression, failureReason, implementStage, InOrder, valueJson, type RecordFailure } from '@duto/engine';
import type { DutoRecord } from '@duto/model';
import { kafkaEndpoints } from '../common/endpoints';
import { createOrderedProducer, ensureTopics } from '@duto/kafka';
import { stageKafka } from '../common/kafka-context';
import { destinationKafka } from './meta';

/**
 * Produces each batch with acks from all in-sync replicas and one request in flight, and
 * sends a batch only once the one before it is acknowledged, so a retried request cannot
 * overtake the next: records with the same key keep their order.
 */
export const destinationKafkaImpl = implementStage(destinationKafka, async (config, context) => {
  const kafka = stageKafka(context);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [config.topic]);
  } finally {
    await admin.disconnect();
  }
  const producer = createOrderedProducer(kafka);
  await producer.connect();
  const key = config.key === undefined ? undefined : compileExpression(config.key);

  /** Encodes a batch; answers its messages and the records whose key failed. */
  const encode = async (records: DutoRecord[]) => {
    const refused: RecordFailure[] = [];
    const messages: Array<{ key: string | null; value: string }> = [];
    for (const record of records) {
      try {
        messages.push({ key: key ? keyText(await key.evaluate(record)) : null, value: valueJson(record.value) });
      } catch (error) {
        refused.push({ record, reason: `key: ${failureReason(error)}` });
      }
    }
    return { messages, refused };
  };
  /** Each send after the one before, and none after one that failed. */
  const sends = new InOrder();

  return {
    kind: 'destination',
    runtime: {
      // A batch is encoded as soon as it comes, while the one before is still being sent.
      overlappingWrites: true,
      write(records) {
        const encoded = encode(records);
        return sends.run(async () => {
          const { messages, refused } = await encoded;
          if (messages.length > 0) await producer.send({ topic: config.topic, acks: -1, messages });
          return refused;
        });
      },
      close: () => producer.disconnect(),
    },
  };
}, { endpoints: (_config, services) => kafkaEndpoints(services.kafkaBrokers) });

function keyText(key: unknown): string | null {
  if (key === undefined || key === null) return null;
  return typeof key === 'string' ? key : JSON.stringify(key);
}
