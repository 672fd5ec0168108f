/**
 * Baseline of scenario 1, as one would write it by hand with kafkajs: consume each fetched
 * batch, add temperatureF, produce it keyed by sensor with acks from all replicas and one
 * request in flight (the durability and per-key order Duto keeps), then commit.
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { serveBaseline } from '../processes/baseline-protocol';

interface Config {
  brokers: string[];
  input: string;
  output: string;
  groupId: string;
}

serveBaseline<Config>(({ brokers, input, output, groupId }, fail) => {
  const kafka = new Kafka({ brokers, clientId: 'bench-baseline', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1 });
  let carried = 0;
  return {
    async start() {
      await producer.connect();
      consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
      await consumer.connect();
      await consumer.subscribe({ topics: [input], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const messages = batch.messages.map((message) => {
            const value = JSON.parse(message.value!.toString('utf8')) as { sensorId: string; temperature: number };
            return { key: value.sensorId, value: JSON.stringify({ ...value, temperatureF: (value.temperature * 9) / 5 + 32 }) };
          });
          await producer.send({ topic: output, acks: -1, messages });
          carried += messages.length;
          const next = (BigInt(batch.lastOffset()) + 1n).toString();
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        },
      });
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
      return carried;
    },
  };
});
