import { startMosquitto } from '@duto/stages/testing';
import { reading } from '../data';
import type { PipelineResult } from '../report';
import { BenchTopics } from '../services/kafka';
import { connectMqtt, openSession, publishAll } from '../services/mqtt';
import { scaled, type BenchContext } from './context';
import { alternate, measureBaseline, measurePipeline } from './measure-pair';
import { chain } from './pipeline';

/**
 * Scenario 2: MQTT QoS 1 → Kafka. Before each run a persistent session of its own is
 * opened and the readings are published to its topic, so the broker queues them; the run
 * then drains that queue into a Kafka topic of its own, keyed by sensor. The broker is a Mosquitto of the
 * bench's own that drops nothing (see the stage test kit).
 * Baseline: a raw mqtt.js subscriber feeding a kafkajs producer.
 */
export async function mqttKafka(context: BenchContext): Promise<PipelineResult> {
  const messages = scaled(200_000, context.scale);
  const name = `${context.runId}-mk`;
  const broker = await startMosquitto();
  const topics = await BenchTopics.connect(context.kafkaBrokers);
  /** For one run: a session holding the readings, on an MQTT topic of its own, and a Kafka topic. */
  const prepare = async (label: string) => {
    const topic = `bench/${label}/readings`;
    const output = `bench-${label}`;
    await topics.create(output);
    await openSession(broker.url, `bench-${label}`, topic);
    context.log(`mqtt-kafka: publishing ${messages} readings for ${label}`);
    const publisher = await connectMqtt(broker.url, `bench-${label}-publisher`, false);
    await publishAll(publisher, topic, messages, (i) => JSON.stringify(reading(i)));
    await publisher.endAsync();
    return { topic, output, clientId: `bench-${label}` };
  };
  try {
    const figures = await alternate(
      context.runs,
      async (run) => {
        const { topic, output, clientId } = await prepare(`${name}-duto-${run}`);
        const document = chain('bench: MQTT → Kafka', [
          { id: 'sensors', type: 'origin.mqtt', config: { brokerUrl: broker.url, topics: [topic], qos: 1, clientId } },
          { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
        ]);
        context.log(`mqtt-kafka: Duto, run ${run + 1}`);
        return measurePipeline(context, `${name}-${run}`, document, { expected: messages, count: () => topics.count(output) });
      },
      async (run) => {
        const { topic, output, clientId } = await prepare(`${name}-baseline-${run}`);
        context.log(`mqtt-kafka: baseline, run ${run + 1}`);
        const config = { url: broker.url, clientId, topic, brokers: context.kafkaBrokers, output };
        return measureBaseline(context, 'mqtt-to-kafka', config, { expected: messages, count: () => topics.count(output) });
      },
    );
    return { kind: 'pipeline', name: 'mqtt-kafka', ...figures };
  } finally {
    await topics.close();
    await broker.stop();
  }
}
