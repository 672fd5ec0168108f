import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datalakeDestination, eventually, filesUnder, readJsonl, useTemporaryLakes, values } from './test-kit';

const lake = useTemporaryLakes();

const numbered = (from: number, count: number) => values(...Array.from({ length: count }, (_, i) => ({ n: from + i, text: 'x'.repeat(40) })));

describe('destination.datalake rolling', () => {
  it('rolls exactly at rollRecords, splitting a batch, and keeps the order across files', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'out', rollRecords: 100, rollIntervalMs: 3_600_000 });
    for (let from = 0; from < 250; from += 70) await destination.write(numbered(from, Math.min(70, 250 - from)));

    const rolled = await eventually(() => filesUnder(dir), (files) => files.length === 2);
    expect(rolled.map((file) => readJsonl(`${dir}/${file}`).length)).toEqual([100, 100]);
    expect(filesUnder(dir, { hidden: true })).toHaveLength(1);

    await destination.close!();
    const files = filesUnder(dir);
    expect(files.map((file) => readJsonl(`${dir}/${file}`).length)).toEqual([100, 100, 50]);
    expect(files.flatMap((file) => readJsonl(`${dir}/${file}`).map((v) => v.n))).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(filesUnder(dir, { hidden: true })).toEqual([]);
  });

  it('rolls before a file would pass rollBytes', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'out', rollBytes: 1024, rollIntervalMs: 3_600_000 });
    await destination.write(numbered(0, 100));
    await destination.close!();
    const files = filesUnder(dir);
    const sizes = files.map((file) => statSync(`${dir}/${file}`).size);
    const lineBytes = JSON.stringify({ n: 10, text: 'x'.repeat(40) }).length + 1;
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(1024);
    for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThan(1024 - lineBytes - 1);
    expect(files.flatMap((file) => readJsonl(`${dir}/${file}`).map((v) => v.n))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('rolls a file rollIntervalMs after it opened although no more records arrive', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'out', partitionBy: 'p={field:p}', rollIntervalMs: 1000 });
    const opened = Date.now();
    await destination.write(values({ p: 'a', n: 1 }, { p: 'b', n: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 600));
    await destination.write(values({ p: 'a', n: 3 }));
    expect(filesUnder(dir)).toEqual([]);

    const files = await eventually(() => filesUnder(dir), (found) => found.length === 2, 5000);
    const elapsed = Date.now() - opened;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(2500);
    expect(files.map((file) => readJsonl(`${dir}/${file}`).map((v) => v.n))).toEqual([[1, 3], [2]]);
    expect(filesUnder(dir, { hidden: true })).toEqual([]);

    await destination.write(values({ p: 'a', n: 4 }));
    await eventually(() => filesUnder(dir), (found) => found.length === 3, 5000);
    await destination.close!();
    expect(filesUnder(dir)).toHaveLength(3);
  });

  it('rolls every open file on close, and refuses writes after it', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'out', partitionBy: 'p={field:p}' });
    await destination.write(values({ p: 1 }, { p: 2 }, { p: 3 }));
    expect(filesUnder(dir)).toEqual([]);
    expect(filesUnder(dir, { hidden: true })).toHaveLength(3);
    await destination.close!();
    expect(filesUnder(dir).map((file) => file.split('/')[1])).toEqual(['p=1', 'p=2', 'p=3']);
    expect(filesUnder(dir, { hidden: true })).toEqual([]);
    await expect(destination.write(values({ p: 4 }))).rejects.toThrow(/closed/);
  });
});
