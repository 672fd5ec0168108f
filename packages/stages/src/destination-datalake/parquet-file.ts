import { ParquetWriter, fileWriter, schemaFromColumnData, type ColumnSource } from 'hyparquet-writer';
import type { StageLogger } from '@duto/engine';
import { syncFile } from './durable-fs';
import { ColumnProfiles, columnValue, type ColumnType, type ColumnValue } from './parquet-columns';
import type { ParquetCompression } from './compression';
import { spoolBatches } from './spool-reading';

/**
 * Rows held in memory at a time: one row group. 25,000 rows of ~200-byte records keep a
 * roll's memory to a few tens of MB (100,000 took the runner's peak resident size from
 * about 360 to 490 MB in the bench) for files about 15% larger.
 */
const ROW_GROUP_ROWS = 25_000;

/**
 * Writes a spool as Parquet with a column per top-level field, typed from the values of
 * the whole file, then row group by row group, so memory holds one row group, not the
 * file. The types come from `profiled` when the writer observed the records as it spooled
 * them, else from a first pass over the spool (a spool left by a crash). Encoding is
 * synchronous and blocks its thread for seconds on a large file: the destination runs it
 * on a thread of its own (SpoolConverter).
 */
export async function writeParquetFile(
  spoolPath: string,
  target: string,
  compression: ParquetCompression,
  logger: StageLogger,
  profiled?: Array<{ name: string; type: ColumnType }>,
): Promise<void> {
  const columns = profiled ?? (await profileSpool(spoolPath, logger)).columns();
  const schema = schemaFromColumnData({ columnData: columns.map(({ name, type }) => ({ name, type, data: [] })) });
  const writer = new ParquetWriter({ writer: fileWriter(target), schema, codec: compression.codec, compressors: compression.compressors });

  // The row group is held as column values, not records: each record is dropped once read.
  let group = emptyGroup(columns);
  let rows = 0;
  const writeRowGroup = async () => {
    if (rows === 0) return;
    await writer.write({ columnData: group, rowGroupSize: rows });
    group = emptyGroup(columns);
    rows = 0;
  };
  for await (const values of spoolBatches(spoolPath, logger)) {
    for (const value of values) {
      for (let i = 0; i < columns.length; i++) group[i]!.data.push(columnValue(columns[i]!.type, value[columns[i]!.name]));
      rows += 1;
      if (rows >= ROW_GROUP_ROWS) await writeRowGroup();
    }
  }
  await writeRowGroup();
  await writer.finish();
  await syncFile(target);
}

async function profileSpool(spoolPath: string, logger: StageLogger): Promise<ColumnProfiles> {
  const profiles = new ColumnProfiles();
  for await (const values of spoolBatches(spoolPath, logger)) for (const value of values) profiles.observeRecord(value);
  return profiles;
}

function emptyGroup(columns: Array<{ name: string; type: ColumnType }>): Array<ColumnSource & { data: ColumnValue[] }> {
  return columns.map(({ name }) => ({ name, data: [] }));
}
