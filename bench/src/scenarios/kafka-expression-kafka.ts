import type { PipelineResult } from '../report';
import { BenchTopics } from '../services/kafka';
import { scaled, type BenchContext } from './context';
import { alternate, measureBaseline, measurePipeline } from './measure-pair';
import { chain } from './pipeline';

export const TEMPERATURE_F = 'temperature * 9 / 5 + 32';

/**
 * Scenario 1: Kafka → expression → Kafka. A topic holds the readings before the runs; the
 * pipeline adds temperatureF and writes each reading, keyed by sensor, to a topic of its
 * own (a consumer group and a topic per run). Baseline: a kafkajs consumer that produces
 * the same transformed records.
 */
export async function kafkaExpressionKafka(context: BenchContext): Promise<PipelineResult> {
  const records = scaled(1_000_000, context.scale);
  const name = `${context.runId}-kx`;
  const input = `bench-${name}-in`;
  const topics = await BenchTopics.connect(context.kafkaBrokers);
  try {
    await topics.create(input);
    context.log(`kafka-expression-kafka: loading ${records} readings`);
    await topics.preloadReadings(input, records);
    const figures = await alternate(
      context.runs,
      async (run) => {
        const output = `bench-${name}-duto-${run}`;
        await topics.create(output);
        const document = chain('bench: Kafka → expression → Kafka', [
          { id: 'readings', type: 'origin.kafka', config: { topics: [input], groupId: topics.group(`${name}-duto-${run}`), fromBeginning: true } },
          { id: 'fahrenheit', type: 'processor.expression', config: { fields: [{ path: 'temperatureF', expression: TEMPERATURE_F }] } },
          { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'sensorId' } },
        ]);
        context.log(`kafka-expression-kafka: Duto, run ${run + 1}`);
        return measurePipeline(context, `${name}-${run}`, document, { expected: records, count: () => topics.count(output) });
      },
      async (run) => {
        const output = `bench-${name}-baseline-${run}`;
        await topics.create(output);
        context.log(`kafka-expression-kafka: baseline, run ${run + 1}`);
        const config = { brokers: context.kafkaBrokers, input, output, groupId: topics.group(`${name}-baseline-${run}`) };
        return measureBaseline(context, 'kafka-transform', config, { expected: records, count: () => topics.count(output) });
      },
    );
    return { kind: 'pipeline', name: 'kafka-expression-kafka', ...figures };
  } finally {
    await topics.close();
  }
}
