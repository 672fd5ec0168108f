import { readFileSync } from 'node:fs';
import * as zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PipelineStartError } from '@duto/engine';
import { datalakeDestination, filesUnder, parquetFileMetadata, readJsonl, readParquet, useTemporaryLakes, values } from './test-kit';

const lake = useTemporaryLakes();

const readings = values(
  { id: 1, temperature: 21, ok: true, name: 'boiler', tags: ['a', 'b'], meta: { floor: 2 }, mixed: 1, big: 2 ** 53 + 2, late: null },
  { id: 2, temperature: 21.5, ok: false, name: 'pump, "east"', tags: [], meta: { floor: 3 }, mixed: 'two', big: 7, late: 9 },
  { id: 3, temperature: -4, name: null, mixed: { three: 3 }, extra: 'only here' },
);

describe('destination.datalake formats', () => {
  it('writes Parquet with columns typed from the values, nulls where a field is missing', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'pq', format: 'parquet' });
    await destination.write(readings);
    await destination.close!();

    const [file] = filesUnder(dir);
    expect(file).toMatch(/^pq\/part-.*\.parquet$/);
    const metadata = parquetFileMetadata(`${dir}/${file}`);
    const columns = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, [e.type, e.converted_type, e.repetition_type]]));
    expect(columns).toEqual({
      id: ['INT64', undefined, 'OPTIONAL'],
      temperature: ['DOUBLE', undefined, 'OPTIONAL'],
      ok: ['BOOLEAN', undefined, 'OPTIONAL'],
      name: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      tags: ['BYTE_ARRAY', 'JSON', 'OPTIONAL'],
      meta: ['BYTE_ARRAY', 'JSON', 'OPTIONAL'],
      mixed: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      big: ['DOUBLE', undefined, 'OPTIONAL'],
      late: ['INT64', undefined, 'OPTIONAL'],
      extra: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
    });
    expect(metadata.row_groups[0]!.columns[0]!.meta_data!.codec).toBe('SNAPPY');
    expect(await readParquet(`${dir}/${file}`)).toEqual([
      { id: 1n, temperature: 21, ok: true, name: 'boiler', tags: ['a', 'b'], meta: { floor: 2 }, mixed: '1', big: 2 ** 53 + 2, late: null, extra: null },
      { id: 2n, temperature: 21.5, ok: false, name: 'pump, "east"', tags: [], meta: { floor: 3 }, mixed: 'two', big: 7, late: 9n, extra: null },
      { id: 3n, temperature: -4, ok: null, name: null, tags: null, meta: null, mixed: '{"three":3}', big: null, late: null, extra: 'only here' },
    ]);
  });

  it('writes Parquet uncompressed on request, and several row groups for a large file', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'pq', format: 'parquet', compression: 'none', rollRecords: 250_000 });
    const rows = Array.from({ length: 250_000 }, (_, i) => ({ value: { i, s: `r${i % 97}` }, attributes: {} }));
    for (let from = 0; from < rows.length; from += 10_000) await destination.write(rows.slice(from, from + 10_000));
    await destination.close!();

    const [file] = filesUnder(dir);
    const metadata = parquetFileMetadata(`${dir}/${file}`);
    expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual(Array.from({ length: 10 }, () => 25_000));
    expect(metadata.row_groups[0]!.columns[0]!.meta_data!.codec).toBe('UNCOMPRESSED');
    const read = await readParquet(`${dir}/${file}`);
    expect(read).toHaveLength(250_000);
    expect(read[123_456]).toEqual({ i: 123_456n, s: `r${123_456 % 97}` });
  });

  const hasZstd = typeof (zlib as unknown as Record<string, unknown>).zstdCompressSync === 'function';
  it.runIf(!hasZstd)('refuses zstd at start where node:zlib has no zstd, saying what to choose', async () => {
    const start = datalakeDestination(lake(), { path: 'pq', format: 'parquet', compression: 'zstd' });
    await expect(start).rejects.toThrow(PipelineStartError);
    await expect(start).rejects.toThrow(/zstd compression needs Node.js 22.15 or newer .*choose snappy or none/);
  });
  it.runIf(hasZstd)('writes zstd Parquet where node:zlib has zstd', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'pq', format: 'parquet', compression: 'zstd' });
    await destination.write(readings);
    await destination.close!();
    const [file] = filesUnder(dir);
    expect(parquetFileMetadata(`${dir}/${file}`).row_groups[0]!.columns[0]!.meta_data!.codec).toBe('ZSTD');
  });

  it('writes CSV with a header of every field of the file, quoting where needed, nested values as JSON', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'csv', format: 'csv' });
    await destination.write(readings);
    await destination.write(values({ id: 4, note: 'line\nbreak', padded: ' x ' }));
    await destination.close!();

    const [file] = filesUnder(dir);
    expect(file).toMatch(/\.csv$/);
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    expect(text.split('\n')[0]).toBe('id,temperature,ok,name,tags,meta,mixed,big,late,extra,note,padded');
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({ id: '2', temperature: '21.5', ok: 'false', name: 'pump, "east"', tags: '[]', meta: '{"floor":3}', mixed: 'two', late: '9', extra: '' });
    expect(rows[2]).toMatchObject({ id: '3', name: '', mixed: '{"three":3}', extra: 'only here' });
    expect(rows[3]).toMatchObject({ id: '4', note: 'line\nbreak', padded: ' x ', temperature: '' });
  });

  it('writes JSON lines as the record values, in order', async () => {
    const dir = lake();
    const destination = await datalakeDestination(dir, { path: 'j' });
    await destination.write(readings);
    await destination.close!();
    const [file] = filesUnder(dir);
    expect(readJsonl(`${dir}/${file}`)).toEqual(readings.map((r) => r.value));
  });
});
