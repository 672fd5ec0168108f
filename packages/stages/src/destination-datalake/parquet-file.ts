import { ParquetWriter, fileWriter, schemaFromColumnData, type ColumnSource } from 'hyparquet-writer';
import type { StageLogger } from '@duto/engine';
import { syncFile } from './durable-fs';
import { ColumnProfile, columnValue, type ColumnType } from './parquet-columns';
import type { ParquetCompression } from './compression';
import { spoolValues } from './spool-reading';

/** Rows held in memory at a time: one row group. */
const ROW_GROUP_ROWS = 100_000;

/**
 * Writes a spool as Parquet with a column per top-level field, typed from the values of
 * the whole file (first pass), then row group by row group (second pass), so memory holds
 * one row group, not the file. Encoding is synchronous and blocks the event loop; it runs
 * only when a file rolls, never on a write's path to its acknowledgement.
 */
export async function writeParquetFile(spoolPath: string, target: string, compression: ParquetCompression, logger: StageLogger): Promise<void> {
  const profiles = new Map<string, ColumnProfile>();
  for await (const value of spoolValues(spoolPath, logger)) {
    for (const [key, field] of Object.entries(value)) {
      let profile = profiles.get(key);
      if (!profile) profiles.set(key, (profile = new ColumnProfile()));
      profile.observe(field);
    }
  }
  const columns = [...profiles].map(([name, profile]) => ({ name, type: profile.type() }));
  const schema = schemaFromColumnData({ columnData: columns.map(({ name, type }) => ({ name, type, data: [] })) });
  const writer = new ParquetWriter({ writer: fileWriter(target), schema, codec: compression.codec, compressors: compression.compressors });

  let rows: Array<Record<string, unknown>> = [];
  const writeRowGroup = async () => {
    if (rows.length === 0) return;
    await writer.write({ columnData: columnData(columns, rows), rowGroupSize: rows.length });
    rows = [];
  };
  for await (const value of spoolValues(spoolPath, logger)) {
    rows.push(value);
    if (rows.length >= ROW_GROUP_ROWS) await writeRowGroup();
  }
  await writeRowGroup();
  await writer.finish();
  await syncFile(target);
}

function columnData(columns: Array<{ name: string; type: ColumnType }>, rows: Array<Record<string, unknown>>): ColumnSource[] {
  return columns.map(({ name, type }) => ({ name, data: rows.map((row) => columnValue(type, row[name])) }));
}
