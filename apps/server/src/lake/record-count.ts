import { createReadStream } from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import type { LakeFileFormat } from '@duto/model';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const QUOTE = 0x22;

/**
 * Records in lake files, found cheaply: Parquet from its footer (two small reads), JSONL
 * and CSV by counting lines in one streamed pass. Kept by (path, size, modified time), so a
 * folder listed again costs only its stat calls; a file that changed is counted again.
 */
export class RecordCounter {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; records: number }>();

  constructor(private readonly maxEntries = 50_000) {}

  async count(path: string, format: LakeFileFormat, size: number, mtimeMs: number): Promise<number> {
    const known = this.cache.get(path);
    if (known && known.size === size && known.mtimeMs === mtimeMs) {
      // Most recently used last: the first entry is the one to evict.
      this.cache.delete(path);
      this.cache.set(path, known);
      return known.records;
    }
    const records = format === 'parquet' ? await parquetRows(path) : await countLines(path, format === 'csv');
    this.cache.delete(path);
    this.cache.set(path, { size, mtimeMs, records });
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return records;
  }
}

async function parquetRows(path: string): Promise<number> {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
  return Number(metadata.num_rows);
}

/**
 * Lines that hold something (JSONL), or CSV rows after the header: a line break inside a
 * quoted CSV cell does not end a row (RFC 4180; "" inside quotes toggles twice).
 */
async function countLines(path: string, csv: boolean): Promise<number> {
  let lines = 0;
  let lineHasContent = false;
  let quoted = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (csv && byte === QUOTE) quoted = !quoted;
      if (byte === NEWLINE && !quoted) {
        if (lineHasContent) lines++;
        lineHasContent = false;
      } else if (byte !== CARRIAGE_RETURN) {
        lineHasContent = true;
      }
    }
  }
  if (lineHasContent) lines++;
  return csv ? Math.max(0, lines - 1) : lines;
}
