import { open, type FileHandle } from 'node:fs/promises';
import type { StageLogger } from '@duto/engine';

const TAIL_CHUNK = 64 * 1024;
/** Bytes read at a time: thousands of lines, parsed in one go. */
const READ_CHUNK = 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * The record values of a spool, streamed a chunk of lines at a time (a value per await
 * would cost more than parsing it). A line that is not a JSON object can only come from a
 * damaged disk (a torn last line is cut before reading): it is skipped and logged rather
 * than blocking every later start of the pipeline.
 */
export async function* spoolBatches(path: string, logger: StageLogger): AsyncGenerator<Array<Record<string, unknown>>> {
  const handle = await open(path, 'r');
  try {
    let buffer = Buffer.alloc(READ_CHUNK);
    let filled = 0;
    let lineNumber = 0;
    for (;;) {
      if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      filled += bytesRead;
      const last = bytesRead === 0;
      const values: Array<Record<string, unknown>> = [];
      let start = 0;
      for (;;) {
        let end = buffer.indexOf(NEWLINE, start);
        if (end === -1 || end >= filled) {
          if (!last || start >= filled) break;
          end = filled;
        }
        lineNumber += 1;
        if (end > start) {
          const value = parseObject(buffer.toString('utf8', start, end));
          if (value) values.push(value);
          else logger.warn('skipped a damaged line of a spool file', { path, line: lineNumber });
        }
        start = end + 1;
      }
      if (values.length > 0) yield values;
      if (last) return;
      // The partial line at the end of the chunk moves to the front, the rest is read after it.
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
    }
  } finally {
    await handle.close();
  }
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cuts a spool after its last complete line: a process killed in the middle of an append
 * leaves a torn line, whose batch was never acknowledged and will be sent again.
 * Answers the size that remains.
 */
export async function cutTornTail(path: string): Promise<number> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const keep = await endOfLastLine(handle, size);
    if (keep < size) {
      await handle.truncate(keep);
      await handle.sync();
    }
    return keep;
  } finally {
    await handle.close();
  }
}

async function endOfLastLine(handle: FileHandle, size: number): Promise<number> {
  const buffer = Buffer.alloc(TAIL_CHUNK);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const newline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline !== -1) return start + newline + 1;
    end = start;
  }
  return 0;
}
