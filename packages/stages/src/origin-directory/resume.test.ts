import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drop, eventually, jsonLines, sleep, startDirectoryOrigin, useFixtures, type RunningOrigin } from './test-kit';

const { lake, started } = useFixtures();
const finishedOf = (origin: RunningOrigin) => {
  const last = origin.committed.at(-1);
  return last === undefined ? [] : (JSON.parse(last) as { finished: string[] }).finished;
};

const numbered = (file: string, count: number) => Array.from({ length: count }, (_, i) => ({ file, n: i }));
const keys = (origin: RunningOrigin) => origin.records().map((r) => `${r.value.file}${r.value.n}`);

describe('origin.directory restarts', () => {
  it('resumes in the middle of a file after a stop, and never reads a finished file again', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines(numbered('a', 5)));
    drop(`${dir}/in/b.jsonl`, jsonLines(numbered('b', 100)));
    let emits = 0;
    const first = await startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, {
      batchSize: 10,
      onEmit: () => {
        if (++emits === 4) first.abort();
      },
    });
    await first.running;
    expect(keys(first)).toEqual([...numbered('a', 5).map((v) => `a${v.n}`), ...numbered('b', 30).map((v) => `b${v.n}`)]);
    expect(JSON.parse(first.committed.at(-1)!)).toMatchObject({ finished: ['a.jsonl'], reading: { name: 'b.jsonl', position: { line: 30 } } });

    const second = await started(startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, { batchSize: 10, after: first }));
    await eventually(() => finishedOf(second), (finished) => finished.includes('b.jsonl'));
    await sleep(300);
    expect(keys(second)).toEqual(numbered('b', 100).slice(30).map((v) => `b${v.n}`));
    expect(second.records()[0]!.attributes['file.line']).toBe('31');
  });

  it('reads the failed batch again after a crash in emit, losing nothing', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines(numbered('a', 50)));
    let emits = 0;
    const first = await startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, {
      batchSize: 10,
      onEmit: () => {
        if (++emits === 3) throw new Error('destination down');
      },
    });
    await expect(first.running).rejects.toThrow('destination down');
    expect(keys(first)).toEqual(numbered('a', 20).map((v) => `a${v.n}`));

    const second = await started(startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, { batchSize: 10, after: first }));
    await eventually(() => finishedOf(second), (finished) => finished.includes('a.jsonl'));
    expect(keys(second)).toEqual(numbered('a', 50).slice(20).map((v) => `a${v.n}`));
  });

  it.each([
    ['csv', 'id,name\n' + Array.from({ length: 9 }, (_, i) => `${i},"name ${i}"`).join('\n') + '\n'],
    ['json', JSON.stringify(Array.from({ length: 9 }, (_, i) => ({ id: String(i), name: `name ${i}` })))],
  ] as const)('resumes a %s file in the middle, with its header and line numbers', async (format, content) => {
    const dir = lake();
    drop(`${dir}/in/data.${format}`, content);
    let emits = 0;
    const first = await startDirectoryOrigin(dir, { path: 'in', format, pollIntervalMs: 100 }, {
      batchSize: 2,
      onEmit: () => {
        if (++emits === 2) first.abort();
      },
    });
    await first.running;
    const second = await started(startDirectoryOrigin(dir, { path: 'in', format, pollIntervalMs: 100 }, { batchSize: 2, after: first }));
    await eventually(() => finishedOf(second), (finished) => finished.length === 1);
    const lineOf = (i: number) => String(format === 'csv' ? i + 2 : i + 1);
    expect(first.records().map((r) => r.value)).toEqual([0, 1, 2, 3].map((i) => ({ id: String(i), name: `name ${i}` })));
    expect(second.records().map((r) => [r.value, r.attributes['file.line']])).toEqual(
      [4, 5, 6, 7, 8].map((i) => [{ id: String(i), name: `name ${i}` }, lineOf(i)]),
    );
  });

  it('reads a file from the start when it was replaced by a shorter one while stopped', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines(numbered('a', 30)));
    let emits = 0;
    const first = await startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, {
      batchSize: 10,
      onEmit: () => {
        if (++emits === 2) first.abort();
      },
    });
    await first.running;
    writeFileSync(`${dir}/in/a.jsonl`, jsonLines(numbered('new', 3)));
    const second = await started(startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }, { after: first }));
    await eventually(() => finishedOf(second), (finished) => finished.includes('a.jsonl'));
    expect(keys(second)).toEqual(['new0', 'new1', 'new2']);
    expect(existsSync(`${dir}/in/a.jsonl`)).toBe(true);
  });
});
