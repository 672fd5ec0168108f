import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { datalakeDestination, filesUnder, useTemporaryLakes } from './test-kit';

const lake = useTemporaryLakes();

/**
 * A reader in another thread, so that it also looks while the writer's thread is busy
 * (Parquet encoding, fsync): it reads every visible file over and over and reports any
 * that does not parse completely or whose content changes.
 */
const READER = `
import { parentPort, workerData } from 'node:worker_threads';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const { parquetReadObjects } = await import(workerData.hyparquet);
let stopping = false;
parentPort.on('message', () => (stopping = true));
const counts = new Map();
const problems = [];
let reads = 0;
const visible = (folder) => readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
  e.name.startsWith('.') ? [] : e.isDirectory() ? visible(join(folder, e.name)) : [join(folder, e.name)]);
async function rows(path) {
  const bytes = readFileSync(path);
  if (path.endsWith('.parquet')) return (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) })).length;
  const text = bytes.toString('utf8');
  if (!text.endsWith('\\n')) throw new Error('ends in the middle of a line');
  const lines = text.slice(0, -1).split('\\n');
  if (path.endsWith('.csv')) {
    if (lines.some((line) => line.split(',').length !== 2)) throw new Error('a row without every column');
    return lines.length - 1;
  }
  return lines.map((line) => JSON.parse(line)).length;
}
while (!stopping) {
  for (const path of visible(workerData.root)) {
    try {
      const count = await rows(path);
      if (counts.has(path) && counts.get(path) !== count) problems.push(path + ' changed');
      counts.set(path, count);
      reads += 1;
    } catch (error) {
      problems.push(path + ': ' + error.message);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1));
}
parentPort.postMessage({ reads, problems, rows: [...counts.values()].reduce((a, b) => a + b, 0) });
`;

describe('destination.datalake visibility', () => {
  it.each(['parquet', 'jsonl', 'csv'] as const)('never shows a reader a partial %s file during a long write run', async (format) => {
    const dir = lake();
    const scripts = lake();
    const script = `${scripts}/reader.mjs`;
    writeFileSync(script, READER);
    const hyparquet = pathToFileURL(createRequire(import.meta.url).resolve('hyparquet')).href;
    const reader = new Worker(script, { workerData: { root: dir, hyparquet } });
    const report = new Promise<{ reads: number; problems: string[]; rows: number }>((resolve, reject) => {
      reader.once('message', resolve);
      reader.once('error', reject);
    });

    const destination = await datalakeDestination(dir, { path: 'out', partitionBy: 'p={field:p}', format, rollRecords: 1000 });
    const total = 60_000;
    for (let from = 0; from < total; from += 500) {
      const batch = Array.from({ length: 500 }, (_, i) => ({ value: { p: (from + i) % 3, n: from + i }, attributes: {} }));
      await destination.write(batch);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await destination.close!();
    await new Promise((resolve) => setTimeout(resolve, 100));
    reader.postMessage('stop');
    const { reads, problems, rows } = await report;
    await reader.terminate();

    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(40);
    expect(rows).toBe(total);
    expect(filesUnder(dir)).toHaveLength(total / 1000);
    expect(filesUnder(dir, { hidden: true })).toEqual([]);
  });
});
