import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineResult } from '../report';
import { BenchTopics } from '../services/kafka';
import { lakeFiles } from '../services/lake';
import { scaled, type BenchContext } from './context';
import { alternate, measureBaseline, measurePipeline } from './measure-pair';
import { chain } from './pipeline';

const FILES_PER_PARTITION = 5;
const PARTITIONS = 2;

/**
 * Scenario 3: Kafka → data lake, Parquet partitioned by hour of the reading's time. The
 * readings fall in two hours, evenly, and files roll by record count only, so each run
 * ends with exactly ten files of `records / 10` rows in a folder of its own: a record
 * arrives when its file is visible. Baseline: a raw kafkajs consumer feeding the same
 * Parquet writer directly.
 */
export async function kafkaDatalake(context: BenchContext): Promise<PipelineResult> {
  const records = scaled(1_000_000, context.scale);
  const rollRecords = records / (FILES_PER_PARTITION * PARTITIONS);
  const name = `${context.runId}-kl`;
  const input = `bench-${name}-in`;
  const lakeDir = await mkdtemp(join(tmpdir(), 'duto-bench-lake-'));
  const topics = await BenchTopics.connect(context.kafkaBrokers);
  const arrived = (folder: string) => async () => (await lakeFiles(join(lakeDir, folder))).parquet * rollRecords;
  try {
    await topics.create(input);
    context.log(`kafka-datalake: loading ${records} readings`);
    await topics.preloadReadings(input, records);
    const figures = await alternate(
      context.runs,
      async (run) => {
        const folder = `duto-${run}`;
        const document = chain('bench: Kafka → data lake', [
          { id: 'readings', type: 'origin.kafka', config: { topics: [input], groupId: topics.group(`${name}-duto-${run}`), fromBeginning: true } },
          {
            id: 'lake',
            type: 'destination.datalake',
            config: {
              path: folder,
              partitionBy: 'dt={yyyy}-{MM}-{dd}/hour={HH}',
              timeField: 'ts',
              format: 'parquet',
              compression: 'snappy',
              rollRecords,
              rollIntervalMs: 86_400_000,
            },
          },
        ]);
        context.log(`kafka-datalake: Duto, run ${run + 1}`);
        const figures = await measurePipeline(context, `${name}-${run}`, document, { expected: records, count: arrived(folder) }, lakeDir);
        const left = await lakeFiles(join(lakeDir, folder));
        if (left.hidden > 0) throw new Error(`kafka-datalake: ${left.hidden} hidden files left in the lake after the stop`);
        return figures;
      },
      async (run) => {
        const folder = `baseline-${run}`;
        context.log(`kafka-datalake: baseline, run ${run + 1}`);
        const config = { brokers: context.kafkaBrokers, input, groupId: topics.group(`${name}-baseline-${run}`), folder: join(lakeDir, folder), rollRecords };
        return measureBaseline(context, 'kafka-to-parquet', config, { expected: records, count: arrived(folder) });
      },
    );
    return { kind: 'pipeline', name: 'kafka-datalake-parquet', ...figures };
  } finally {
    await topics.close();
    await rm(lakeDir, { recursive: true, force: true });
  }
}
