import { createReadStream } from 'node:fs';
import type { FilePosition } from './file-items';

/** A line longer than this is not held in memory: it is reported, cut, and skipped. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface Line {
  text: string;
  /** 1-based. */
  number: number;
  /** The byte after the line's end of line, where the next line starts. */
  end: number;
  /** The line was longer than the limit; `text` is its beginning. */
  cut: boolean;
}

/**
 * Streams a file's lines from a position, counting bytes exactly so that reading can
 * resume at the next line after a restart without reading the file again. Takes \n and
 * \r\n; a last line without an end of line counts as a line.
 */
export async function* readLines(path: string, from: FilePosition, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let cut = false;
  let number = from.line;
  const keep = (part: Buffer) => {
    const room = maxLineBytes - pendingBytes;
    if (part.length > room) cut = true;
    const kept = part.length > room ? part.subarray(0, room) : part;
    if (kept.length === 0) return;
    pending.push(kept);
    pendingBytes += kept.length;
  };
  const take = (end: number): Line => {
    let text = Buffer.concat(pending, pendingBytes).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (number === 1) text = text.replace(/^\uFEFF/, '');
    const line = { text, number, end, cut };
    pending = [];
    pendingBytes = 0;
    cut = false;
    return line;
  };

  let chunkStart = from.byte;
  for await (const chunk of createReadStream(path, { start: from.byte, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      keep(chunk.subarray(start, newline));
      number += 1;
      yield take(chunkStart + newline + 1);
      start = newline + 1;
    }
    keep(chunk.subarray(start));
    chunkStart += chunk.length;
  }
  if (pendingBytes > 0 || cut) {
    number += 1;
    yield take(chunkStart);
  }
}
