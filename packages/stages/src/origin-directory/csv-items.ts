import { CsvSyntaxError, parseCsvRecord } from './csv-record';
import { failure, START_OF_FILE, type FileItem, type FilePosition } from './file-items';
import { MAX_LINE_BYTES, readLines } from './line-reader';

/** A record whose quoted field stays open longer than this is given up. */
const MAX_RECORD_BYTES = MAX_LINE_BYTES;

type CsvRecord =
  | { fields: string[]; text: string; line: number; next: FilePosition }
  | { problem: string; text: string; line: number; next: FilePosition };

/**
 * CSV with a header line: each record becomes an object of the header's names and the
 * record's values, as strings. A record with another number of values, or broken quoting,
 * fails alone. On resume the header is read again from the top, then reading goes on at
 * the saved byte.
 */
export async function* csvItems(path: string, from: FilePosition): AsyncGenerator<FileItem> {
  const header = await firstRecord(path);
  if (!header) return;
  if ('problem' in header) {
    if (from.byte === 0) yield failure(header.text, `header line: ${header.problem}; no record of the file can be read`, header.line, header.next);
    return;
  }
  const columns = header.fields;
  for await (const record of csvRecords(path, from.byte >= header.next.byte ? from : header.next)) {
    if ('problem' in record) yield failure(record.text, record.problem, record.line, record.next);
    else if (record.fields.length !== columns.length) {
      yield failure(record.text, `has ${record.fields.length} values, the header has ${columns.length}`, record.line, record.next);
    } else {
      const value = Object.fromEntries(columns.map((column, i) => [column, record.fields[i]]));
      yield { kind: 'record', value, line: record.line, next: record.next };
    }
  }
}

async function firstRecord(path: string): Promise<CsvRecord | undefined> {
  for await (const record of csvRecords(path, START_OF_FILE)) return record;
  return undefined;
}

/** Records, each possibly over several lines; blank lines between records are skipped. */
async function* csvRecords(path: string, from: FilePosition): AsyncGenerator<CsvRecord> {
  let open: { text: string; line: number } | undefined;
  let last = from;
  for await (const line of readLines(path, from)) {
    last = { line: line.number, byte: line.end };
    if (line.cut) {
      yield { problem: `line is longer than ${MAX_LINE_BYTES} bytes`, text: line.text, line: open?.line ?? line.number, next: last };
      open = undefined;
      continue;
    }
    if (!open && line.text === '') continue;
    const text = open ? `${open.text}\n${line.text}` : line.text;
    const first = open?.line ?? line.number;
    open = undefined;
    let fields: string[] | undefined;
    try {
      fields = parseCsvRecord(text);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      yield { problem: error.message, text, line: first, next: last };
      continue;
    }
    if (fields) yield { fields, text, line: first, next: last };
    else if (text.length > MAX_RECORD_BYTES) yield { problem: `a quoted value runs over more than ${MAX_RECORD_BYTES} bytes`, text, line: first, next: last };
    else open = { text, line: first };
  }
  if (open) yield { problem: 'a quoted value is not closed before the end of the file', text: open.text, line: open.line, next: last };
}
