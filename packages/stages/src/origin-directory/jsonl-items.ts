import { failure, isPlainObject, type FileItem, type FilePosition } from './file-items';
import { MAX_LINE_BYTES, readLines } from './line-reader';

/** One JSON object per line; blank lines are skipped, anything else that is not an object fails alone. */
export async function* jsonlItems(path: string, from: FilePosition): AsyncGenerator<FileItem> {
  for await (const line of readLines(path, from)) {
    const next = { line: line.number, byte: line.end };
    if (line.cut) {
      yield failure(line.text, `line is longer than ${MAX_LINE_BYTES} bytes`, line.number, next);
      continue;
    }
    if (line.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch (error) {
      yield failure(line.text, `not valid JSON: ${(error as Error).message}`, line.number, next);
      continue;
    }
    if (isPlainObject(value)) yield { kind: 'record', value, line: line.number, next };
    else yield failure(line.text, 'not a JSON object', line.number, next);
  }
}
