import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datalakeDestination, filesUnder, readJsonl, readParquet, useTemporaryLakes, values } from './test-kit';

const lake = useTemporaryLakes();

const numbered = (from: number, count: number) => values(...Array.from({ length: count }, (_, i) => ({ n: from + i })));

/**
 * A crash is simulated by dropping a runtime without closing it: its acknowledged records
 * sit in spools, as after kill -9. A new runtime of the same pipeline and stage must make
 * them visible at start.
 */
describe('destination.datalake recovery after a crash', () => {
  it('finishes the spools a crashed run of the same stage left, and leaves other stages\' spools alone', async () => {
    const dir = lake();
    const config = { path: 'out', partitionBy: 'p={field:p}', format: 'parquet' as const };
    const crashed = await datalakeDestination(dir, config);
    await crashed.write(numbered(0, 30).map((r) => ({ ...r, value: { ...r.value, p: (r.value.n as number) % 2 } })));
    const other = await datalakeDestination(dir, config, { stageId: 'other' });
    await other.write(values({ p: 0, n: 99 }));
    expect(filesUnder(dir)).toEqual([]);

    const restarted = await datalakeDestination(dir, config);
    const files = filesUnder(dir);
    expect(files.map((f) => f.split('/')[1])).toEqual(['p=0', 'p=1']);
    const recovered = (await Promise.all(files.map((f) => readParquet(`${dir}/${f}`)))).flat().map((v) => Number(v.n));
    expect(recovered.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(filesUnder(dir, { hidden: true })).toEqual([expect.stringMatching(/^out\/p=0\/\.inprogress\.test\.other\./)]);

    await restarted.write(numbered(30, 5).map((r) => ({ ...r, value: { ...r.value, p: 0 } })));
    await restarted.close!();
    await other.close!();
    expect(filesUnder(dir, { hidden: true })).toEqual([]);
    expect(filesUnder(dir)).toHaveLength(4);
  });

  it('cuts a torn last line (an append interrupted by the crash) and keeps every complete record', async () => {
    const dir = lake();
    const crashed = await datalakeDestination(dir, { path: 'out' });
    await crashed.write(numbered(0, 10));
    const [spool] = filesUnder(dir, { hidden: true });
    appendFileSync(`${dir}/${spool}`, '{"n":10}\n{"n":11,"half');

    await datalakeDestination(dir, { path: 'out' });
    const files = filesUnder(dir);
    expect(files).toHaveLength(1);
    expect(readJsonl(`${dir}/${files[0]}`).map((v) => v.n)).toEqual([...Array.from({ length: 10 }, (_, i) => i), 10]);
    expect(filesUnder(dir, { hidden: true })).toEqual([]);
  });

  it('deletes an empty spool and a half-written temporary file of its own', async () => {
    const dir = lake();
    const crashed = await datalakeDestination(dir, { path: 'out', format: 'csv' });
    await crashed.write(numbered(0, 3));
    const [spool] = filesUnder(dir, { hidden: true });
    const temp = spool!.replace('.inprogress.', '.writing.').replace(/\.jsonl$/, '.csv');
    writeFileSync(`${dir}/${temp}`, 'n\n0\n');
    writeFileSync(`${dir}/out/.inprogress.test.stage.20260101000000000-00000000-000000.jsonl`, '{"n":');

    await datalakeDestination(dir, { path: 'out', format: 'csv' });
    expect(filesUnder(dir, { hidden: true })).toEqual([]);
    const files = filesUnder(dir);
    expect(files).toHaveLength(1);
    expect(readFileSync(`${dir}/${files[0]}`, 'utf8')).toBe('n\n0\n1\n2\n');
  });

  it('finishes a spool again to the same file name when a crash came between the rename and the spool\'s removal', async () => {
    const dir = lake();
    const crashed = await datalakeDestination(dir, { path: 'out', format: 'parquet' });
    await crashed.write(numbered(0, 5));
    const [spool] = filesUnder(dir, { hidden: true });
    copyFileSync(`${dir}/${spool}`, `${dir}/spool-copy`);

    await datalakeDestination(dir, { path: 'out', format: 'parquet' });
    const first = filesUnder(dir).filter((f) => f.endsWith('.parquet'));
    copyFileSync(`${dir}/spool-copy`, `${dir}/${spool}`);
    await datalakeDestination(dir, { path: 'out', format: 'parquet' });

    const files = filesUnder(dir).filter((f) => f.endsWith('.parquet'));
    expect(files).toEqual(first);
    expect((await readParquet(`${dir}/${files[0]}`)).map((v) => v.n)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });
});
