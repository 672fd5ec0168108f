import { compileExpression, failureReason, implementStage, type RecordFailure } from '@duto/engine';
import { kafkaEndpoints } from '../common/endpoints';
import { createOrderedProducer, ensureTopics } from '@duto/kafka';
import { stageKafka } from '../common/kafka-context';
import { destinationKafka } from './meta';

/**
 * Produces each batch with acks from all in-sync replicas and one request in flight, so a
 * retried request cannot overtake the next: records with the same key keep their order.
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

  return {
    kind: 'destination',
    runtime: {
      async write(records) {
        const refused: RecordFailure[] = [];
        const messages: Array<{ key: string | null; value: string }> = [];
        for (const record of records) {
          try {
            messages.push({ key: key ? keyText(await key.evaluate(record)) : null, value: JSON.stringify(record.value) });
          } catch (error) {
            refused.push({ record, reason: `key: ${failureReason(error)}` });
          }
        }
        if (messages.length > 0) await producer.send({ topic: config.topic, acks: -1, messages });
        return refused;
      },
      close: () => producer.disconnect(),
    },
  };
}, (_config, services) => kafkaEndpoints(services.kafkaBrokers));

function keyText(key: unknown): string | null {
  if (key === undefined || key === null) return null;
  return typeof key === 'string' ? key : JSON.stringify(key);
}
