import { DATABASE_URLS } from '@duto/stages/testing';
import type { PipelineResult } from '../report';
import { BenchTopics } from '../services/kafka';
import { ReadingsTable } from '../services/postgres';
import { scaled, type BenchContext } from './context';
import { alternate, measureBaseline, measurePipeline } from './measure-pair';
import { chain } from './pipeline';

const ROWS_PER_TRANSACTION = 1000;

/**
 * Scenario 4: PostgreSQL CDC → Kafka. A slot per run is created on an empty table, then
 * the readings are inserted, 1000 rows a transaction; each run then streams every change
 * from its slot to a topic of its own, keyed by id.
 * Baseline: the raw logical replication client (pg-logical-replication) feeding kafkajs.
 */
export async function postgresCdcKafka(context: BenchContext): Promise<PipelineResult> {
  const changes = scaled(100_000, context.scale);
  const name = `bench_${context.runId}`;
  const url = DATABASE_URLS.postgres;
  const table = await ReadingsTable.create(url, name);
  const topics = await BenchTopics.connect(context.kafkaBrokers);
  try {
    const dutoSlots: string[] = [];
    const baselineSlots: string[] = [];
    for (let run = 0; run < context.runs; run++) {
      dutoSlots.push(await table.createSlot(`${name}_duto_${run}`));
      baselineSlots.push(await table.createSlot(`${name}_baseline_${run}`));
    }
    context.log(`postgres-cdc-kafka: inserting ${changes} rows`);
    await table.insert(changes, ROWS_PER_TRANSACTION);
    const figures = await alternate(
      context.runs,
      async (run) => {
        const output = `bench-${context.runId}-cdc-duto-${run}`;
        await topics.create(output);
        const document = chain('bench: PostgreSQL CDC → Kafka', [
          {
            id: 'changes',
            type: 'origin.postgres-cdc',
            config: { connectionString: url, tables: [`public.${name}`], slotName: dutoSlots[run]!, publication: table.publication },
          },
          { id: 'out', type: 'destination.kafka', config: { topic: output, key: 'id' } },
        ]);
        context.log(`postgres-cdc-kafka: Duto, run ${run + 1}`);
        return measurePipeline(context, `${context.runId}-cdc-${run}`, document, { expected: changes, count: () => topics.count(output) });
      },
      async (run) => {
        const output = `bench-${context.runId}-cdc-baseline-${run}`;
        await topics.create(output);
        context.log(`postgres-cdc-kafka: baseline, run ${run + 1}`);
        const config = { url, slot: baselineSlots[run]!, publication: table.publication, brokers: context.kafkaBrokers, output };
        return measureBaseline(context, 'pg-cdc-to-kafka', config, { expected: changes, count: () => topics.count(output) });
      },
    );
    return { kind: 'pipeline', name: 'postgres-cdc-kafka', ...figures };
  } finally {
    await topics.close();
    await table.close();
  }
}
