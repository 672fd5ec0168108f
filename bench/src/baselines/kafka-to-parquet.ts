/**
 * Baseline of scenario 3, as one would write it by hand: a kafkajs consumer that groups the
 * readings by hour partition in memory and, every `rollRecords` of a partition, writes
 * them with hyparquet-writer (the writer Duto uses, same column types, snappy) to a hidden
 * file, fsyncs it and renames it into place. It keeps no spool and commits no offsets: it
 * is the upper bound of what the consumer and the Parquet writer can do.
 */
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ParquetWriter, fileWriter, schemaFromColumnData, type BasicType, type ColumnSource } from 'hyparquet-writer';
import type { Reading } from '../data';
import { serveBaseline } from '../processes/baseline-protocol';

interface Config {
  brokers: string[];
  input: string;
  groupId: string;
  folder: string;
  rollRecords: number;
}

const COLUMNS: Array<{ name: keyof Reading; type: BasicType }> = [
  { name: 'sensorId', type: 'STRING' },
  { name: 'site', type: 'STRING' },
  { name: 'ts', type: 'INT64' },
  { name: 'seq', type: 'INT64' },
  { name: 'temperature', type: 'DOUBLE' },
  { name: 'humidity', type: 'DOUBLE' },
  { name: 'pressure', type: 'DOUBLE' },
  { name: 'battery', type: 'INT64' },
  { name: 'status', type: 'STRING' },
  { name: 'firmware', type: 'STRING' },
  { name: 'location', type: 'JSON' },
];
const SCHEMA = schemaFromColumnData({ columnData: COLUMNS.map(({ name, type }) => ({ name, type, data: [] })) });

serveBaseline<Config>(({ brokers, input, groupId, folder, rollRecords }, fail) => {
  const kafka = new Kafka({ brokers, clientId: 'bench-baseline', logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId });
  const partitions = new Map<string, Reading[]>();
  let files = 0;
  let written = 0;

  const writeFile = async (partition: string, rows: Reading[]) => {
    const dir = join(folder, partition);
    await mkdir(dir, { recursive: true });
    const name = `part-${String(files++).padStart(5, '0')}.parquet`;
    const temp = join(dir, `.${name}`);
    const writer = new ParquetWriter({ writer: fileWriter(temp), schema: SCHEMA, codec: 'SNAPPY' });
    const columnData: ColumnSource[] = COLUMNS.map(({ name: column, type }) => ({
      name: column,
      data: rows.map((row) => (type === 'INT64' ? BigInt(row[column] as number) : row[column])),
    }));
    await writer.write({ columnData, rowGroupSize: rows.length });
    await writer.finish();
    const handle = await open(temp, 'r+');
    await handle.sync();
    await handle.close();
    await rename(temp, join(dir, name));
    written += rows.length;
  };

  return {
    async start() {
      consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
      await consumer.connect();
      await consumer.subscribe({ topics: [input], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const value = JSON.parse(message.value!.toString('utf8')) as Reading;
            const time = new Date(value.ts).toISOString();
            const partition = `dt=${time.slice(0, 10)}/hour=${time.slice(11, 13)}`;
            let rows = partitions.get(partition);
            if (!rows) partitions.set(partition, (rows = []));
            rows.push(value);
            if (rows.length >= rollRecords) {
              partitions.delete(partition);
              await writeFile(partition, rows);
            }
          }
        },
      });
    },
    async stop() {
      await consumer.disconnect();
      for (const [partition, rows] of partitions) await writeFile(partition, rows);
      return written;
    },
  };
});
