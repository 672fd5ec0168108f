import { existsSync, readFileSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drop, eventually, jsonLines, sleep, startDirectoryOrigin, useFixtures, type RunningOrigin } from './test-kit';

const { lake, started } = useFixtures();
const lastOffset = (origin: RunningOrigin) => JSON.parse(origin.committed.at(-1) ?? '{"finished":[]}') as { finished: string[]; reading?: unknown };

describe('origin.directory after a file is read', () => {
  it('deletes a file once all its records are committed', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines([{ n: 1 }, { n: 2 }]));
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', afterRead: 'delete', pollIntervalMs: 100 }));
    await eventually(() => existsSync(`${dir}/in/a.jsonl`), (exists) => !exists);
    expect(origin.records().map((r) => r.value.n)).toEqual([1, 2]);
    expect(lastOffset(origin)).toEqual({ finished: [] });
  });

  it('archives a read file into archivePath, creating its folders, under a new name when the name is taken', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines([{ n: 1 }]));
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', afterRead: 'archive', archivePath: 'done/2026', pollIntervalMs: 100 }));
    await eventually(() => existsSync(`${dir}/done/2026/a.jsonl`), Boolean);
    drop(`${dir}/in/a.jsonl`, jsonLines([{ n: 2 }]));
    await eventually(() => existsSync(`${dir}/done/2026/a.1.jsonl`), Boolean);
    expect(existsSync(`${dir}/in/a.jsonl`)).toBe(false);
    expect(readFileSync(`${dir}/done/2026/a.jsonl`, 'utf8')).toBe(jsonLines([{ n: 1 }]));
    expect(readFileSync(`${dir}/done/2026/a.1.jsonl`, 'utf8')).toBe(jsonLines([{ n: 2 }]));
    expect(origin.records().map((r) => r.value.n)).toEqual([1, 2]);
    expect(lastOffset(origin)).toEqual({ finished: [] });
  });

  it('keeps a read file and remembers it, and forgets it once the file is gone', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines([{ n: 1 }]));
    const origin = await started(startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 }));
    await eventually(() => lastOffset(origin).finished, (finished) => finished.includes('a.jsonl'));
    await sleep(300);
    expect(existsSync(`${dir}/in/a.jsonl`)).toBe(true);
    rmSync(`${dir}/in/a.jsonl`);
    await eventually(() => lastOffset(origin).finished, (finished) => finished.length === 0);
    expect(origin.records()).toHaveLength(1);
  });

  it('completes the delete of a file that a crash left read but not yet deleted, without reading it again', async () => {
    const dir = lake();
    drop(`${dir}/in/a.jsonl`, jsonLines([{ n: 1 }]));
    const crashed = await startDirectoryOrigin(dir, { path: 'in', pollIntervalMs: 100 });
    await eventually(() => lastOffset(crashed).finished, (finished) => finished.includes('a.jsonl'));
    await crashed.stop();

    const restarted = await started(startDirectoryOrigin(dir, { path: 'in', afterRead: 'delete', pollIntervalMs: 100 }, { after: crashed }));
    await eventually(() => existsSync(`${dir}/in/a.jsonl`), (exists) => !exists);
    expect(restarted.records()).toEqual([]);
    expect(lastOffset(restarted)).toEqual({ finished: [] });
  });
});
