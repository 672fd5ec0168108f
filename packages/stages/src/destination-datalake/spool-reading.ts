import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { StageLogger } from '@duto/engine';

const TAIL_CHUNK = 64 * 1024;

/**
 * The record values of a spool, streamed. A line that is not a JSON object can only come
 * from a damaged disk (a torn last line is cut before reading): it is skipped and logged
 * rather than blocking every later start of the pipeline.
 */
export async function* spoolValues(path: string, logger: StageLogger): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line === '') continue;
    const value = parseObject(line);
    if (value) yield value;
    else logger.warn('skipped a damaged line of a spool file', { path, line: lineNumber });
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
