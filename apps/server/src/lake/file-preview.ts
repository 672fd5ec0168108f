import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import type { LakeFileFormat } from '@duto/model';

type Row = Record<string, unknown>;

export interface FileHead {
  records: Row[];
  /** Lines among those read that are not records (JSONL). */
  problems: Array<{ line: number; message: string }>;
}

/** The first `limit` records of a lake file, read back as JSON objects. */
export function readFileHead(path: string, format: LakeFileFormat, limit: number): Promise<FileHead> {
  switch (format) {
    case 'jsonl':
      return jsonlHead(path, limit);
    case 'csv':
      return csvHead(path, limit);
    case 'parquet':
      return parquetHead(path, limit);
  }
}

/** The fields of the records, in the order first seen. */
export function columnsOf(records: Row[]): string[] {
  const columns = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) columns.add(key);
  return [...columns];
}

async function jsonlHead(path: string, limit: number): Promise<FileHead> {
  const head: FileHead = { records: [], problems: [] };
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) head.records.push(value as Row);
      else head.problems.push({ line: number, message: 'is JSON but not an object' });
    } catch (error) {
      head.problems.push({ line: number, message: `is not JSON: ${(error as Error).message}` });
    }
    if (head.records.length + head.problems.length >= limit) break;
  }
  lines.close();
  return head;
}

async function csvHead(path: string, limit: number): Promise<FileHead> {
  const records: Row[] = [];
  const input = createReadStream(path);
  // Cells stay text: a CSV file does not say which are numbers (a code like 007 is not 7).
  const parser = input.pipe(parse({ columns: true, skip_empty_lines: true, relax_column_count: true, bom: true, to: limit }));
  for await (const record of parser as AsyncIterable<Row>) records.push(record);
  input.destroy();
  return { records, problems: [] };
}

async function parquetHead(path: string, limit: number): Promise<FileHead> {
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path), rowEnd: limit });
  return { records: rows.map((row) => jsonValue(row) as Row), problems: [] };
}

/**
 * A Parquet value as JSON: INT64 comes as a BigInt, kept a number while exact and text
 * beyond (hyparquet's own toJson rounds it), times as ISO text, bytes as base64.
 */
function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  return value;
}
