import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';

/**
 * Files dropped into the lake run through a whole pipeline, in runner processes of a real
 * server: origin.directory → processor.expression → destination.datalake (Parquet,
 * partitioned by day and sensor). Every record is accounted for in the Parquet files, bad
 * lines land in the error store, and a kill -9 of the runner loses nothing.
 */
const brokers = inject('kafkaBrokers');
let server: TestServer;
let lake: string;

beforeAll(async () => {
  lake = realpathSync(mkdtempSync(join(tmpdir(), 'duto-lake-it-')));
  server = await startServer({ KAFKA_BROKERS: brokers.join(','), DUTO_LAKE_DIR: lake }, { restartBackoffMs: 500 });
});
afterAll(async () => {
  await server?.close();
  rmSync(lake, { recursive: true, force: true });
});

function filesToLake(name: string, inbox: string, output: string, roll = { rollRecords: 1000, rollIntervalMs: 1000 }) {
  return {
    format: 'duto.pipeline/v1',
    name,
    settings: { batchSize: 200, batchWaitMs: 50, onRecordError: 'error-lane' },
    stages: [
      { id: 'files', type: 'origin.directory', config: { path: inbox, pattern: '*.jsonl', format: 'jsonl', pollIntervalMs: 200 } },
      { id: 'fahrenheit', type: 'processor.expression', config: { fields: [{ path: 'temperatureF', expression: 'temperature * 9 / 5 + 32' }] } },
      {
        id: 'lake',
        type: 'destination.datalake',
        config: {
          path: output,
          partitionBy: 'dt={yyyy}-{MM}-{dd}/sensor={field:sensorId}',
          timeField: 'ts',
          format: 'parquet',
          ...roll,
        },
      },
    ],
    edges: [
      { from: 'files', to: 'fahrenheit' },
      { from: 'fahrenheit', to: 'lake' },
    ],
  };
}

interface Reading {
  id: string;
  sensorId: string;
  ts: string;
  temperature: number;
}

/** `count` readings of file `file`, over four sensors and two days. */
function readings(file: string, count: number): Reading[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${file}:${i}`,
    sensorId: `sensor-${i % 4}`,
    ts: new Date(Date.UTC(2026, 2, 1 + (Math.floor(i / 4) % 2), 12, 0, i % 60)).toISOString(),
    temperature: (i % 50) - 10,
  }));
}

/** Written under a hidden name and renamed, as a producer should drop files. */
function dropFile(folder: string, name: string, lines: string[]): void {
  mkdirSync(join(lake, folder), { recursive: true });
  const hidden = join(lake, folder, `.${name}.part`);
  writeFileSync(hidden, lines.map((line) => line + '\n').join(''));
  renameSync(hidden, join(lake, folder, name));
}

function filesUnder(folder: string): string[] {
  const root = join(lake, folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(root, join(dir, e.name))]));
  try {
    return walk(root);
  } catch {
    return [];
  }
}

interface LakeRow {
  file: string;
  row: Record<string, unknown>;
}

async function parquetRows(folder: string): Promise<LakeRow[]> {
  const rows: LakeRow[] = [];
  for (const file of filesUnder(folder).filter((f) => !f.split('/').at(-1)!.startsWith('.'))) {
    expect(file).toMatch(/\.parquet$/);
    const bytes = readFileSync(join(lake, folder, file));
    const read = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    rows.push(...read.map((row) => ({ file, row })));
  }
  return rows;
}

async function create(document: unknown): Promise<string> {
  const created = await api(server, 'POST', '/api/pipelines', document);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.id;
}

async function state(id: string): Promise<string> {
  return (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('files → expression → data lake (Parquet), through the runner', () => {
  it('writes every record of files dropped while running exactly once, partitioned, and stores bad lines with file and line', async () => {
    const id = await create(filesToLake('files to lake', 'incoming/a', 'lake/a'));
    expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
    await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING');

    const expected: Reading[] = [];
    for (const [n, count] of [
      [1, 1500],
      [2, 700],
      [3, 2300],
    ] as const) {
      const batch = readings(`f${n}`, count);
      expected.push(...batch);
      const lines = batch.map((r) => JSON.stringify(r));
      if (n === 2) lines.splice(10, 0, '{"id": "broken",');
      if (n === 3) lines.push('not json at all');
      dropFile('incoming/a', `f${n}.jsonl`, lines);
      await sleep(400);
    }

    await waitFor(() => parquetRows('lake/a'), (rows) => rows.length >= expected.length, 60_000, 'every record in Parquet');
    const errors = await waitFor(
      async () => (await api(server, 'GET', `/api/pipelines/${id}/errors`)).json,
      (list) => list.length === 2,
      10_000,
      'two error records',
    );
    const stopped = await api(server, 'POST', `/api/pipelines/${id}/stop`);
    expect(stopped.json.state).toBe('STOPPED');

    const rows = await parquetRows('lake/a');
    expect(rows).toHaveLength(expected.length);
    const byId = new Map(rows.map(({ file, row }) => [row.id as string, { file, row }]));
    expect(byId.size).toBe(expected.length);
    for (const reading of expected) {
      const found = byId.get(reading.id);
      expect(found, reading.id).toBeDefined();
      const { file, row } = found!;
      expect(file.startsWith(`dt=${reading.ts.slice(0, 10)}/sensor=${reading.sensorId}/part-`), `${reading.id} in ${file}`).toBe(true);
      expect(row).toMatchObject({ sensorId: reading.sensorId, ts: reading.ts });
      expect(Number(row.temperature)).toBe(reading.temperature);
      expect(Number(row.temperatureF)).toBeCloseTo((reading.temperature * 9) / 5 + 32, 9);
    }
    expect(filesUnder('lake/a').filter((f) => f.split('/').at(-1)!.startsWith('.'))).toEqual([]);
    expect(new Set(filesUnder('lake/a').map((f) => f.split('/').slice(0, 2).join('/')))).toEqual(
      new Set(['2026-03-01', '2026-03-02'].flatMap((day) => [0, 1, 2, 3].map((s) => `dt=${day}/sensor=sensor-${s}`))),
    );

    const byLine = Object.fromEntries(errors.map((e: any) => [`${e.record.attributes['file.path']}:${e.record.attributes['file.line']}`, e]));
    expect(Object.keys(byLine).sort()).toEqual(['incoming/a/f2.jsonl:11', 'incoming/a/f3.jsonl:2301']);
    expect(byLine['incoming/a/f2.jsonl:11']).toMatchObject({ stageId: 'files', reason: expect.stringMatching(/not valid JSON/), record: { value: { raw: '{"id": "broken",' } } });
    expect(byLine['incoming/a/f3.jsonl:2301'].record.value.raw).toBe('not json at all');
  });

  it('loses nothing when the runner is killed with SIGKILL while files keep arriving, and restarts it', async () => {
    // Files roll by time only here, so acknowledged records are always waiting in spools when the kill comes.
    const id = await create(filesToLake('files to lake, killed', 'incoming/b', 'lake/b', { rollRecords: 5000, rollIntervalMs: 3000 }));
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING');

    const files = 30;
    const perFile = 1000;
    let dropped = 0;
    const dropping = (async () => {
      for (; dropped < files; dropped++) {
        dropFile('incoming/b', `batch-${String(dropped).padStart(3, '0')}.jsonl`, readings(`b${dropped}`, perFile).map((r) => JSON.stringify(r)));
        await sleep(150);
      }
    })();

    await waitFor(
      async () => (await api(server, 'GET', `/api/pipelines/${id}/metrics`)).json?.totals?.out ?? 0,
      (out) => out >= 3000,
      60_000,
      'records before the kill',
    );
    const pid = server.app.supervisor.pid(id)!;
    process.kill(pid, 'SIGKILL');
    // Acknowledged records were still in spools: only the restarted runner's recovery makes them visible.
    const spoolsAtKill = filesUnder('lake/b').filter((f) => f.split('/').at(-1)!.startsWith('.inprogress.'));
    expect(spoolsAtKill.length).toBeGreaterThan(0);
    const failed = await waitFor(() => api(server, 'GET', `/api/pipelines/${id}/status`), (r) => r.json.state === 'FAILED', 5000, 'FAILED');
    expect(failed.json.error).toMatch(/SIGKILL/);
    await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING again');
    expect(server.app.supervisor.pid(id)).not.toBe(pid);
    await dropping;
    expect(dropped).toBe(files);

    const total = files * perFile;
    await waitFor(
      async () => new Set((await parquetRows('lake/b')).map(({ row }) => row.id)).size,
      (n) => n === total,
      120_000,
      'every record after the restart',
    );
    await api(server, 'POST', `/api/pipelines/${id}/stop`);

    const rows = await parquetRows('lake/b');
    const ids = new Set(rows.map(({ row }) => row.id as string));
    const expected = Array.from({ length: files }, (_, f) => readings(`b${f}`, perFile).map((r) => r.id)).flat();
    expect(ids).toEqual(new Set(expected));
    console.log(`kill -9 test: ${spoolsAtKill.length} spools at the kill; ${rows.length} rows in Parquet for ${total} records, ${rows.length - total} repeated`);
    expect(filesUnder('lake/b').filter((f) => f.split('/').at(-1)!.startsWith('.'))).toEqual([]);
    expect(filesUnder('incoming/b')).toHaveLength(files);
  });
});
