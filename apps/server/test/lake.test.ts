import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LakeEntry, LakeListing, LakePreview } from '@duto/model';
import { api, authHeaders, startServer, tokenFor, type TestServer } from './helpers';
import { visibleFiles } from './lake-files';
import { writeWithDestination } from './lake-fixtures';

/** The data-lake browser over HTTP, on files written by the data-lake destination. */
const lakeDir = realpathSync(mkdtempSync(join(tmpdir(), 'duto-lake-browser-')));
const outside = realpathSync(mkdtempSync(join(tmpdir(), 'duto-lake-outside-')));
let server: TestServer;

const HOUR_10 = Date.UTC(2026, 10, 25, 10, 0, 0);
const HOUR_11 = Date.UTC(2026, 10, 25, 11, 0, 0);
const reading = (i: number, at: number) => ({
  sensorId: `s${i % 4}`,
  seq: i,
  temperature: 20 + (i % 10) / 4,
  ok: i % 3 !== 0,
  tags: { line: `L${i % 2}` },
  ts: new Date(at + i * 1000).toISOString(),
});
const hour10 = Array.from({ length: 150 }, (_, i) => reading(i, HOUR_10));
const hour11 = Array.from({ length: 100 }, (_, i) => reading(150 + i, HOUR_11));

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: inject('kafkaBrokers').join(','), DUTO_LAKE_DIR: lakeDir });
  const partitioned = { path: 'iot/readings', partitionBy: 'dt={yyyy}-{MM}-{dd}/hour={HH}', timeField: 'ts' };
  await writeWithDestination(lakeDir, { ...partitioned, format: 'parquet' }, [...hour10, ...hour11]);
  await writeWithDestination(lakeDir, { path: 'exports/csv', format: 'csv' }, [
    { id: 1, note: 'plain' },
    { id: 2, note: 'two\nlines, and a "quote"' },
    { id: 3, note: '007' },
  ]);
  await writeWithDestination(lakeDir, { path: 'exports/jsonl', format: 'jsonl' }, hour10.slice(0, 40));
  // What a pipeline in the middle of writing leaves: hidden spools, never shown.
  writeFileSync(join(lakeDir, 'iot/readings/dt=2026-11-25/hour=10/.inprogress.p.s.20261125100000000-abcdef12-000001.jsonl'), '{"seq":1}\n');
  mkdirSync(join(lakeDir, 'dropped'));
  writeFileSync(join(lakeDir, 'dropped/mixed.jsonl'), '{"a":1}\nnot json\n\n[1,2]\n{"a":2}\n');
  writeFileSync(join(lakeDir, 'dropped/notes.txt'), 'hello');
  writeFileSync(join(outside, 'secret.jsonl'), '{"secret":true}\n');
  symlinkSync(outside, join(lakeDir, 'escape'));
  symlinkSync(join(outside, 'secret.jsonl'), join(lakeDir, 'dropped/secret-link.jsonl'));
  symlinkSync(join(lakeDir, 'exports'), join(lakeDir, 'dropped/exports-link'));
});
afterAll(async () => {
  await server?.close();
  rmSync(lakeDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const list = async (path: string): Promise<LakeListing> => {
  const response = await api(server, 'GET', `/api/lake?path=${encodeURIComponent(path)}`);
  expect(response.status, response.text).toBe(200);
  return response.json;
};
const preview = async (path: string, limit?: number): Promise<LakePreview> => {
  const response = await api(server, 'GET', `/api/lake/preview?path=${encodeURIComponent(path)}${limit ? `&limit=${limit}` : ''}`);
  expect(response.status, response.text).toBe(200);
  return response.json;
};
const names = (listing: LakeListing) => listing.entries.map((e) => e.name);
const parquetIn = (folder: string) => visibleFiles(join(lakeDir, folder), '.parquet');

describe('GET /api/lake', () => {
  it('lists the root\'s folders, and partition folders as key=value, folders before files', async () => {
    expect(names(await list(''))).toEqual(['dropped', 'exports', 'iot']);
    const days = await list('iot/readings');
    expect(days.entries).toEqual([
      { name: 'dt=2026-11-25', path: 'iot/readings/dt=2026-11-25', kind: 'folder', modifiedAt: expect.any(String), partition: { key: 'dt', value: '2026-11-25' } },
    ]);
    expect((await list('iot/readings/dt=2026-11-25/')).entries.map((e) => [e.name, e.partition])).toEqual([
      ['hour=10', { key: 'hour', value: '10' }],
      ['hour=11', { key: 'hour', value: '11' }],
    ]);
    expect(names(await list('dropped'))).toEqual(['exports-link', 'mixed.jsonl', 'notes.txt']);
  });

  it('gives each file its size, time and record count, read from the Parquet footer, and hides files in progress', async () => {
    const [file] = parquetIn('iot/readings/dt=2026-11-25/hour=10');
    const listing = await list('iot/readings/dt=2026-11-25/hour=10');
    const info = statSync(file!);
    expect(listing).toEqual({
      path: 'iot/readings/dt=2026-11-25/hour=10',
      truncated: false,
      entries: [
        {
          name: file!.split('/').at(-1),
          path: `iot/readings/dt=2026-11-25/hour=10/${file!.split('/').at(-1)}`,
          kind: 'file',
          format: 'parquet',
          size: info.size,
          records: 150,
          modifiedAt: info.mtime.toISOString(),
        },
      ],
    });
    expect((await list('iot/readings/dt=2026-11-25/hour=11')).entries[0]).toMatchObject({ format: 'parquet', records: 100 });
  });

  it('counts CSV rows (not lines: a quoted cell may hold a line break) and JSONL lines', async () => {
    const csv = (await list('exports/csv')).entries;
    expect(csv).toEqual([expect.objectContaining({ format: 'csv', records: 3 })]);
    expect((await list('exports/jsonl')).entries).toEqual([expect.objectContaining({ format: 'jsonl', records: 40 })]);
    const dropped = (await list('dropped')).entries;
    expect(dropped.find((e) => e.name === 'mixed.jsonl')).toMatchObject({ records: 4, size: 32 });
    expect(dropped.find((e) => e.name === 'notes.txt')).toEqual({ name: 'notes.txt', path: 'dropped/notes.txt', kind: 'file', size: 5, modifiedAt: expect.any(String) });
  });

  it('counts a file again once it changed', async () => {
    const path = join(lakeDir, 'dropped/growing.jsonl');
    writeFileSync(path, '{"n":1}\n{"n":2}\n');
    const count = async () => (await list('dropped')).entries.find((e: LakeEntry) => e.name === 'growing.jsonl')?.records;
    expect(await count()).toBe(2);
    appendFileSync(path, '{"n":3}\n');
    expect(await count()).toBe(3);
    rmSync(path);
  });

  it('needs a login, and lets a viewer browse', async () => {
    expect((await fetch(`${server.url}/api/lake?path=iot`)).status).toBe(401);
    const viewer = await tokenFor(server, 'viewer');
    const response = await api(server, 'GET', '/api/lake?path=iot', undefined, { authorization: `Bearer ${viewer}` });
    expect(response.status).toBe(200);
    expect(names(response.json)).toEqual(['readings']);
  });
});

describe('GET /api/lake/preview', () => {
  it('reads back the first records of a Parquet file with their types', async () => {
    const [file] = parquetIn('iot/readings/dt=2026-11-25/hour=10');
    const path = `iot/readings/dt=2026-11-25/hour=10/${file!.split('/').at(-1)}`;
    const head = await preview(path, 5);
    expect(head).toEqual({ path, format: 'parquet', columns: ['sensorId', 'seq', 'temperature', 'ok', 'tags', 'ts'], records: hour10.slice(0, 5), totalRecords: 150, problems: [] });
    expect((await preview(path)).records).toEqual(hour10.slice(0, 100));
  });

  it('reads CSV cells as text, line breaks and quotes included', async () => {
    const [file] = visibleFiles(join(lakeDir, 'exports/csv'), '.csv');
    const head = await preview(`exports/csv/${file!.split('/').at(-1)}`);
    expect(head).toMatchObject({
      format: 'csv',
      columns: ['id', 'note'],
      records: [
        { id: '1', note: 'plain' },
        { id: '2', note: 'two\nlines, and a "quote"' },
        { id: '3', note: '007' },
      ],
      totalRecords: 3,
    });
  });

  it('reads JSONL, saying which lines are not records', async () => {
    const [file] = visibleFiles(join(lakeDir, 'exports/jsonl'), '.jsonl');
    expect((await preview(`exports/jsonl/${file!.split('/').at(-1)}`, 3)).records).toEqual(hour10.slice(0, 3));
    const mixed = await preview('dropped/mixed.jsonl');
    expect(mixed.records).toEqual([{ a: 1 }, { a: 2 }]);
    expect(mixed.problems).toEqual([
      { line: 2, message: expect.stringMatching(/^is not JSON: /) },
      { line: 4, message: 'is JSON but not an object' },
    ]);
  });

  it('refuses what it cannot preview, and says why', async () => {
    const notes = await api(server, 'GET', '/api/lake/preview?path=dropped/notes.txt');
    expect(notes.status).toBe(400);
    expect(notes.json.errors[0].message).toBe('"notes.txt" is not a JSONL, CSV or Parquet file, so it cannot be previewed; download it');
    const folder = await api(server, 'GET', '/api/lake/preview?path=iot');
    expect(folder.status).toBe(400);
    expect(folder.json.errors[0].message).toBe('"iot" is a folder, not a file: list it');
    writeFileSync(join(lakeDir, 'dropped/broken.parquet'), 'not parquet at all');
    const broken = await api(server, 'GET', '/api/lake/preview?path=dropped/broken.parquet');
    expect(broken.status).toBe(422);
    expect(broken.json.errors[0].message).toMatch(/^"broken.parquet" could not be read as PARQUET: /);
    rmSync(join(lakeDir, 'dropped/broken.parquet'));
  });
});

describe('GET /api/lake/download', () => {
  it('sends the file as it is, as an attachment', async () => {
    const [file] = parquetIn('iot/readings/dt=2026-11-25/hour=11');
    const name = file!.split('/').at(-1)!;
    const response = await fetch(`${server.url}/api/lake/download?path=${encodeURIComponent(`iot/readings/dt=2026-11-25/hour=11/${name}`)}`, { headers: authHeaders(server) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${name}"; filename*=UTF-8''${name}`);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.parquet');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(file!))).toBe(true);
  });
});

describe('paths that leave the lake', () => {
  const refusals: Array<[string, string, RegExp]> = [
    ['/api/lake', '../', /must not leave the data lake root/],
    ['/api/lake', 'iot/../../etc', /must not leave the data lake root/],
    ['/api/lake', '/etc', /must be relative to the data lake root/],
    ['/api/lake', 'escape', /leads outside the data lake root through a symbolic link/],
    ['/api/lake/preview', 'escape/secret.jsonl', /leads outside the data lake root through a symbolic link/],
    ['/api/lake/download', '../../etc/passwd', /must not leave the data lake root/],
    ['/api/lake/download', 'dropped/secret-link.jsonl', /leads outside the data lake root through a symbolic link/],
  ];
  it.each(refusals)('%s?path=%s is refused with 400', async (route, path, message) => {
    const response = await api(server, 'GET', `${route}?path=${encodeURIComponent(path)}`);
    expect(response.status).toBe(400);
    expect(response.json.errors[0].message).toMatch(message);
  });

  it('leaves out links that lead outside, follows those that stay inside', async () => {
    const root = names(await list(''));
    expect(root).not.toContain('escape');
    expect((await list('dropped')).entries.find((e) => e.name === 'exports-link')).toMatchObject({ kind: 'folder' });
    expect(names(await list('dropped/exports-link'))).toEqual(['csv', 'jsonl']);
  });

  it('answers 404 for what does not exist or is in progress', async () => {
    expect((await api(server, 'GET', '/api/lake?path=nowhere')).status).toBe(404);
    const spool = 'iot/readings/dt=2026-11-25/hour=10/.inprogress.p.s.20261125100000000-abcdef12-000001.jsonl';
    expect((await api(server, 'GET', `/api/lake/preview?path=${encodeURIComponent(spool)}`)).status).toBe(404);
    expect((await api(server, 'GET', '/api/lake?path=dropped/notes.txt')).json.errors[0].message).toBe('"dropped/notes.txt" is a file, not a folder: preview or download it');
  });
});

describe('a folder of 1,000 files', () => {
  it('is listed with every record count, and again faster from the cache', async () => {
    const folder = join(lakeDir, 'many');
    mkdirSync(folder);
    const line = `${JSON.stringify(hour10[0])}\n`;
    for (let i = 0; i < 1000; i++) writeFileSync(join(folder, `part-${i}.jsonl`), line.repeat(1 + (i % 50)));
    const first = Date.now();
    const listing = await list('many');
    const firstMs = Date.now() - first;
    const second = Date.now();
    await list('many');
    const secondMs = Date.now() - second;
    console.log(`lake listing of 1,000 JSONL files: ${firstMs} ms, then ${secondMs} ms from the cache`);
    expect(listing.entries).toHaveLength(1000);
    expect(listing.entries.slice(0, 3).map((e) => e.name)).toEqual(['part-0.jsonl', 'part-1.jsonl', 'part-2.jsonl']);
    expect(listing.entries.reduce((sum, e) => sum + e.records!, 0)).toBe(20 * (50 * 51) / 2);
    expect(firstMs).toBeLessThan(5000);
  });
});
