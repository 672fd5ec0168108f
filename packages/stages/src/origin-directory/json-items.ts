import { readFile, stat } from 'node:fs/promises';
import { failure, isPlainObject, type FileItem, type FilePosition } from './file-items';

/** A JSON array is parsed whole, so its size is bounded; larger data belongs in jsonl. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** A JSON array of objects; an element that is not an object fails alone, with its index + 1 as its line. */
export async function* jsonItems(path: string, from: FilePosition, maxBytes = MAX_JSON_BYTES): AsyncGenerator<FileItem> {
  const { size } = await stat(path);
  const wholeFile = { line: from.line, byte: size };
  if (size > maxBytes) {
    yield failure('', `file is ${size} bytes; a json file is read whole and may be at most ${maxBytes} bytes: write larger data as jsonl`, undefined, wholeFile);
    return;
  }
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  if (text.trim() === '') return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    yield failure(text, `not valid JSON: ${(error as Error).message}`, undefined, wholeFile);
    return;
  }
  if (!Array.isArray(parsed)) {
    yield failure(text, 'not a JSON array of objects', undefined, wholeFile);
    return;
  }
  for (let index = from.line; index < parsed.length; index++) {
    const element: unknown = parsed[index];
    const next = { line: index + 1, byte: 0 };
    if (isPlainObject(element)) yield { kind: 'record', value: element, line: index + 1, next };
    else yield failure(JSON.stringify(element) ?? String(element), 'array element is not a JSON object', index + 1, next);
  }
}
