import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';
import { DATABASE_URLS, testDatabase, uniqueName, type TestDatabase } from './sql-helpers';

/**
 * The origins without sessions or groups: in a preview they read what the next run would,
 * and commit no position (the store keeps what it had), move no file, create no folder; a
 * MariaDB preview reads under a replica id of its own, so a running pipeline is not cut off.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
let server: TestServer;
let lake: string;
let mysql: TestDatabase;
let postgres: TestDatabase;
const topics: string[] = [];

beforeAll(async () => {
  lake = realpathSync(mkdtempSync(join(tmpdir(), 'duto-preview-origins-')));
  server = await startServer({ KAFKA_BROKERS: brokers.join(','), DUTO_LAKE_DIR: lake });
  [mysql, postgres] = await Promise.all([testDatabase('mysql'), testDatabase('postgres')]);
});
afterAll(async () => {
  await server?.close();
  await mysql?.close();
  await postgres?.close();
  rmSync(lake, { recursive: true, force: true });
  await kafka.remove({ topics });
});

const unique = () => randomUUID().slice(0, 8);

/** The committed positions of a pipeline's stages, as the store holds them. */
function offsets(pipelineId: string): Record<string, string> {
  const db = new BetterSqlite3(join(server.home, 'duto.db'), { readonly: true });
  try {
    const rows = db.prepare('SELECT stage_id, position FROM stage_offsets WHERE pipeline_id = ?').all(pipelineId) as Array<{ stage_id: string; position: string }>;
    return Object.fromEntries(rows.map((r) => [r.stage_id, r.position]));
  } finally {
    db.close();
  }
}

function pipeline(origin: Record<string, unknown>, destination: Record<string, unknown> = { type: 'destination.trash', config: {} }) {
  return {
    format: 'duto.pipeline/v1',
    name: `preview ${String(origin.type)} ${unique()}`,
    settings: { batchSize: 100, batchWaitMs: 50 },
    stages: [{ id: 'in', ...origin }, { id: 'out', ...destination }],
    edges: [{ from: 'in', to: 'out' }],
  };
}

async function create(document: unknown): Promise<string> {
  const created = await api(server, 'POST', '/api/pipelines', document);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.id;
}

async function preview(id: string, body: Record<string, unknown>) {
  const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, body);
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  return response.json;
}

const field = (name: string) => (output: Array<{ record: { value: Record<string, unknown> } }>) => output.map((o) => o.record.value[name]);

async function runBriefly(id: string, until: () => Promise<boolean>): Promise<void> {
  await api(server, 'POST', `/api/pipelines/${id}/start`, {});
  await waitFor(until, Boolean, 60_000, 'the run to get somewhere');
  await api(server, 'POST', `/api/pipelines/${id}/stop`);
}

describe('preview of the other origins', () => {
  it('dev generator: the next records at once, whatever the rate, from the committed sequence, which stays', async () => {
    const id = await create(pipeline({ type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: 1 } }));
    const started = Date.now();
    // A preview without a body reads batchSize (100) records.
    const bare = await api(server, 'POST', `/api/pipelines/${id}/preview`);
    expect(bare.status, JSON.stringify(bare.json)).toBe(200);
    expect(bare.json.stages.in.output).toHaveLength(100);
    const first = await preview(id, { maxRecords: 50 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(field('seq')(first.stages.in.output)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(offsets(id)).toEqual({});

    await runBriefly(id, async () => Number(offsets(id).in ?? 0) >= 2);
    const committed = offsets(id);
    const next = await preview(id, { maxRecords: 3 });
    expect(field('seq')(next.stages.in.output)).toEqual([0, 1, 2].map((i) => Number(committed.in) + i));
    expect(offsets(id)).toEqual(committed);
  });

  it('directory: reads the files but deletes, moves and remembers none, and creates no folder', async () => {
    const inbox = `inbox-${unique()}`;
    mkdirSync(join(lake, inbox));
    const file = join(lake, inbox, 'readings.jsonl');
    writeFileSync(file, ['{"n":1}', '{"n":2}', 'not json', '{"n":3}'].join('\n') + '\n');
    // Written a minute ago: the origin takes it as complete at its first look.
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const id = await create(pipeline({ type: 'origin.directory', config: { path: inbox, pattern: '*.jsonl', format: 'jsonl', pollIntervalMs: 100, afterRead: 'delete' } }));

    for (let round = 0; round < 2; round++) {
      const result = await preview(id, { maxRecords: 4, timeoutMs: 5000 });
      expect(result.origin.timedOut).toBe(false);
      expect(field('n')(result.stages.in.output)).toEqual([1, 2, 3]);
      expect(result.stages.in.errors).toEqual([expect.objectContaining({ record: expect.objectContaining({ attributes: { 'file.path': `${inbox}/readings.jsonl`, 'file.line': '3' } }) })]);
    }
    expect(readdirSync(join(lake, inbox))).toEqual(['readings.jsonl']);
    expect(offsets(id)).toEqual({});

    const missing = `missing-${unique()}`;
    const elsewhere = await create(pipeline({ type: 'origin.directory', config: { path: missing, pattern: '*.jsonl', format: 'jsonl', pollIntervalMs: 100 } }));
    expect((await preview(elsewhere, { timeoutMs: 500 })).origin.timedOut).toBe(true);
    expect(existsSync(join(lake, missing))).toBe(false);
  });

  it('JDBC query: the rows above the committed offset, and the offset stays', async () => {
    const table = uniqueName('preview_rows');
    await postgres.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, label text)`);
    try {
      await postgres.exec(`INSERT INTO ${table} SELECT n, 'row ' || n FROM generate_series(1, 5) AS n`);
      const id = await create(pipeline({ type: 'origin.jdbc-query', config: { connectionString: DATABASE_URLS.postgres, table, offsetColumn: 'id', intervalMs: 200 } }));
      for (let round = 0; round < 2; round++) {
        const result = await preview(id, { maxRecords: 5 });
        expect(field('id')(result.stages.in.output)).toEqual([1, 2, 3, 4, 5]);
      }
      expect(offsets(id)).toEqual({});
    } finally {
      await postgres.exec(`DROP TABLE ${table}`);
    }
  });

  it('MariaDB CDC: persists no binlog position, and does not cut off the running pipeline reading the same binlog', async () => {
    const table = uniqueName('preview_cdc');
    await mysql.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, label varchar(20))`);
    const output = `preview-mysql-${unique()}`;
    topics.push(output);
    const origin = (serverId: number) => ({ type: 'origin.mysql-cdc', config: { host: '127.0.0.1', port: 3306, user: 'root', database: 'test', tables: [table], serverId } });
    try {
      const neverRun = await create(pipeline(origin(randomInt(100_000, 2_000_000_000))));
      expect((await preview(neverRun, { timeoutMs: 1000 })).origin.timedOut).toBe(true);
      expect(offsets(neverRun)).toEqual({});

      const running = await create(pipeline(origin(randomInt(100_000, 2_000_000_000)), { type: 'destination.kafka', config: { topic: output } }));
      await api(server, 'POST', `/api/pipelines/${running}/start`, {});
      await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${running}/status`)).json.state, (s) => s === 'RUNNING', 60_000, 'RUNNING');
      const runner = server.app.supervisor.pid(running);
      try {
        const sample = api(server, 'POST', `/api/pipelines/${running}/preview`, { maxRecords: 3, timeoutMs: 20_000 });
        // Changes until the preview has what it asked for (it reads from the binlog end it found).
        let inserted = 0;
        let settled = false;
        void sample.finally(() => (settled = true));
        while (!settled && inserted < 100) {
          inserted++;
          await mysql.exec(`INSERT INTO ${table} VALUES (${inserted}, 'row ${inserted}')`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const result = (await sample).json;
        expect(result.stages.in.output).toHaveLength(3);
        expect(result.stages.in.output[0].record.attributes).toMatchObject({ 'cdc.op': 'insert' });
        await waitFor(() => kafka.count(output), (n) => n >= inserted, 60_000, `${inserted} changes in Kafka`);
        // The same runner throughout: its binlog connection was never dropped for the preview's.
        expect((await api(server, 'GET', `/api/pipelines/${running}/status`)).json.state).toBe('RUNNING');
        expect(server.app.supervisor.pid(running)).toBe(runner);
      } finally {
        await api(server, 'POST', `/api/pipelines/${running}/stop`);
      }
    } finally {
      await mysql.exec(`DROP TABLE ${table}`);
    }
  });
});
