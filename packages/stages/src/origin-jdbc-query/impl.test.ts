import { Value } from 'typebox/value';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineStartError, type OffsetStore } from '@duto/engine';
import { DEFAULT_SETTINGS, type DutoRecord } from '@duto/model';
import type { SqlDialect } from '../common/sql';
import { testDatabase, uniqueName, type TestDatabase } from '../testing/databases';
import { testContext } from '../testing/harness';
import { originJdbcQueryImpl } from './impl';
import { originJdbcQuery } from './meta';

type Config = Static<typeof originJdbcQuery.configSchema>;

interface PollRun {
  batches: DutoRecord[][];
  records: DutoRecord[];
}

/** Runs the origin until `until` holds for what it emitted (or the time is up), then stops it. */
async function poll(
  config: Config,
  options: { offsets: OffsetStore; batchSize?: number; until: (records: DutoRecord[]) => boolean; timeoutMs?: number },
): Promise<PollRun> {
  const abort = new AbortController();
  const context = testContext({
    signal: abort.signal,
    offsets: options.offsets,
    settings: { ...DEFAULT_SETTINGS, batchSize: options.batchSize ?? 1000 },
  });
  const stage = await originJdbcQueryImpl.create(Value.Default(originJdbcQuery.configSchema, structuredClone(config)) as Config, context);
  if (stage.kind !== 'origin') throw new Error('not an origin');
  const run: PollRun = { batches: [], records: [] };
  const timer = setTimeout(() => abort.abort(), options.timeoutMs ?? 10_000);
  try {
    await stage.runtime.run(async ({ records }) => {
      run.batches.push(records);
      run.records.push(...records);
      if (options.until(run.records)) abort.abort();
    }, () => {});
  } finally {
    clearTimeout(timer);
    await stage.runtime.close?.();
  }
  return run;
}

const ids = (records: DutoRecord[]) => records.map((r) => Number(r.value.id));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.each<SqlDialect>(['postgres', 'mysql'])('origin.jdbc-query on %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(dialect);
  });
  afterAll(() => db.close());

  /** A table of (id, name, qty) holding the given ids, inserted out of order. */
  async function itemsTable(rowIds: number[]): Promise<string> {
    const table = uniqueName('items');
    await db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INTEGER NOT NULL)`);
    await insertItems(table, rowIds);
    return table;
  }
  async function insertItems(table: string, rowIds: number[]): Promise<void> {
    const shuffled = [...rowIds].sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13));
    await db.exec(`INSERT INTO ${table} (id, name, qty) VALUES ${shuffled.map((id) => `(${id}, 'item ${id}', ${id % 4})`).join(', ')}`);
  }

  it('reads every row in offset order, a batch at a time, committing the last offset of each batch', async () => {
    const table = await itemsTable(range(1, 25));
    try {
      const store = testContext();
      const run = await poll(
        { connectionString: db.url, table, offsetColumn: 'id', intervalMs: 100 },
        { offsets: store.offsets, batchSize: 10, until: (r) => r.length >= 25 },
      );
      expect(ids(run.records)).toEqual(range(1, 25));
      expect(run.batches.map((b) => b.length)).toEqual([10, 10, 5]);
      expect(store.committed).toEqual(['10', '20', '25']);
      expect(run.records[6]).toEqual({
        value: { id: 7, name: 'item 7', qty: 3 },
        attributes: { 'jdbc.table': table, 'jdbc.offset': '7' },
      });
    } finally {
      await db.exec(`DROP TABLE ${table}`);
    }
  });

  it('starts above initialOffset, and after a restart resumes exactly from the committed offset', async () => {
    const table = await itemsTable(range(1, 10));
    try {
      const store = testContext();
      const config: Config = { connectionString: db.url, table, offsetColumn: 'id', initialOffset: '3', intervalMs: 100 };
      const first = await poll(config, { offsets: store.offsets, batchSize: 4, until: (r) => r.length >= 7 });
      expect(ids(first.records)).toEqual(range(4, 10));
      expect(store.committed.at(-1)).toBe('10');

      await insertItems(table, range(11, 15));
      // New rows below the committed offset are what incremental polling cannot see.
      await db.exec(`INSERT INTO ${table} (id, name, qty) VALUES (0, 'late', 1)`);
      const second = await poll(config, { offsets: store.offsets, batchSize: 4, until: (r) => r.length >= 5 });
      expect(ids(second.records)).toEqual(range(11, 15));
      expect(store.committed.at(-1)).toBe('15');

      const idle = await poll(config, { offsets: store.offsets, until: () => false, timeoutMs: 400 });
      expect(idle.records).toEqual([]);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
    }
  });

  it('runs a query with :offset bound as a parameter, ordered and limited by the origin', async () => {
    const table = await itemsTable(range(1, 12));
    try {
      const store = testContext();
      const query = `SELECT id, name, qty * 10 AS tenfold FROM ${table} WHERE id > :offset AND qty <> 0 AND name <> ':offset';`;
      const run = await poll(
        { connectionString: db.url, query, offsetColumn: 'id', initialOffset: '2', intervalMs: 100 },
        { offsets: store.offsets, batchSize: 3, until: (r) => r.length >= 7 },
      );
      expect(ids(run.records)).toEqual([3, 5, 6, 7, 9, 10, 11]);
      expect(run.records[0]).toEqual({
        // MariaDB types an integer product BIGINT, which, like every big number, reads as text.
        value: { id: 3, name: 'item 3', tenfold: dialect === 'postgres' ? 30 : '30' },
        attributes: { 'jdbc.query': query, 'jdbc.offset': '3' },
      });
      expect(store.committed).toEqual(['6', '10', '11']);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
    }
  });

  it('refuses a query without initialOffset on its first run', async () => {
    const create = originJdbcQueryImpl.create(
      { connectionString: db.url, query: 'SELECT * FROM t WHERE id > :offset', offsetColumn: 'id', intervalMs: 100 },
      testContext(),
    );
    await expect(create).rejects.toBeInstanceOf(PipelineStartError);
    await expect(create).rejects.toThrow(/needs initialOffset/);
  });

  it('does not skip rows sharing one offset across a batch boundary, at microsecond precision', async () => {
    const table = uniqueName('events');
    const column = dialect === 'postgres' ? 'TIMESTAMP(6)' : 'DATETIME(6)';
    await db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, at ${column} NOT NULL)`);
    try {
      const at = (micros: number) => `'2024-05-01 10:00:00.${String(micros).padStart(6, '0')}'`;
      // One row at .000001, five at .000002 (a run longer than a batch), three at .000003.
      const values = [[1, 1], [2, 2], [3, 2], [4, 2], [5, 2], [6, 2], [7, 3], [8, 3], [9, 3]];
      await db.exec(`INSERT INTO ${table} (id, at) VALUES ${values.map(([id, micros]) => `(${id}, ${at(micros!)})`).join(', ')}`);
      const store = testContext();
      const run = await poll(
        { connectionString: db.url, table, offsetColumn: 'at', intervalMs: 100 },
        { offsets: store.offsets, batchSize: 4, until: (r) => r.length >= 9 },
      );
      expect(ids(run.records).sort((a, b) => a - b)).toEqual(range(1, 9));
      expect(run.batches.map((b) => b.length)).toEqual([1, 5, 3]);
      expect(store.committed).toEqual(['2024-05-01T10:00:00.000001', '2024-05-01T10:00:00.000002', '2024-05-01T10:00:00.000003']);
      const again = await poll({ connectionString: db.url, table, offsetColumn: 'at', intervalMs: 100 }, { offsets: store.offsets, until: () => false, timeoutMs: 400 });
      expect(again.records).toEqual([]);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
    }
  });

  it('rejects run() when the database fails under it, committing nothing more', async () => {
    const table = await itemsTable(range(1, 3));
    const store = testContext();
    const abort = new AbortController();
    const context = testContext({ signal: abort.signal, offsets: store.offsets });
    const stage = await originJdbcQueryImpl.create({ connectionString: db.url, table, offsetColumn: 'id', intervalMs: 100 }, context);
    if (stage.kind !== 'origin') throw new Error('not an origin');
    let emitted = 0;
    const running = stage.runtime.run(async ({ records }) => {
      emitted += records.length;
      await db.exec(`DROP TABLE ${table}`);
    }, () => {});
    await expect(running).rejects.toThrow(new RegExp(table));
    await stage.runtime.close?.();
    expect(emitted).toBe(3);
    expect(store.committed).toEqual(['3']);
  });

  it('refuses a table or column name with SQL in it before touching the database', async () => {
    for (const config of [
      { table: 'items; DROP TABLE items', offsetColumn: 'id' },
      { table: 'items', offsetColumn: 'id) OR (1=1' },
      { table: 'a.b.c', offsetColumn: 'id' },
    ]) {
      await expect(originJdbcQueryImpl.create({ connectionString: db.url, intervalMs: 100, ...config }, testContext())).rejects.toThrow(
        /is not a plain SQL identifier/,
      );
    }
  });
});

describe('origin.jdbc-query values', () => {
  it('reads the common PostgreSQL types as JSON: exact numbers as text, times as ISO text, bytes as base64', async () => {
    const db = await testDatabase('postgres');
    const table = uniqueName('types');
    await db.exec(`CREATE TABLE ${table} (
      id bigserial PRIMARY KEY, small smallint, whole integer, big bigint, exact numeric(20,6), dbl double precision,
      flag boolean, label text, code varchar(10), fixed char(3), day date, at timestamp(6), at_tz timestamptz, clock time,
      doc jsonb, tags text[], bytes bytea, uid uuid)`);
    try {
      await db.exec(`INSERT INTO ${table} (small, whole, big, exact, dbl, flag, label, code, fixed, day, at, at_tz, clock, doc, tags, bytes, uid)
        VALUES (32767, -2147483648, 9223372036854775807, 12345678901234.123456, 1.5, true, 'héllo ✓', 'abc', 'xy', '2024-02-29',
        '2024-02-29 23:59:58.123456', '2024-02-29 23:59:58.123456+02', '12:34:56', '{"a": [1, {"b": null}]}', '{x,y}', '\\x00ff10',
        'f81d4fae-7dec-11d0-a765-00a0c91e6bf6')`);
      await db.exec(`INSERT INTO ${table} DEFAULT VALUES`);
      const run = await poll({ connectionString: db.url, table, offsetColumn: 'id', intervalMs: 100 }, { offsets: testContext().offsets, until: (r) => r.length >= 2 });
      expect(run.records.map((r) => r.value)).toEqual([
        {
          id: '1', small: 32767, whole: -2147483648, big: '9223372036854775807', exact: '12345678901234.123456', dbl: 1.5,
          flag: true, label: 'héllo ✓', code: 'abc', fixed: 'xy ', day: '2024-02-29', at: '2024-02-29T23:59:58.123456',
          at_tz: '2024-02-29T21:59:58.123456Z', clock: '12:34:56', doc: { a: [1, { b: null }] }, tags: ['x', 'y'], bytes: 'AP8Q',
          uid: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
        },
        {
          id: '2', small: null, whole: null, big: null, exact: null, dbl: null, flag: null, label: null, code: null, fixed: null, day: null,
          at: null, at_tz: null, clock: null, doc: null, tags: null, bytes: null, uid: null,
        },
      ]);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
      await db.close();
    }
  });

  it('reads the common MariaDB types as JSON: exact numbers as text, times as ISO text, bytes as base64', async () => {
    const db = await testDatabase('mysql');
    const table = uniqueName('types');
    await db.exec(`CREATE TABLE ${table} (
      id BIGINT AUTO_INCREMENT PRIMARY KEY, small SMALLINT, whole INT, big BIGINT UNSIGNED, exact DECIMAL(20,6), dbl DOUBLE,
      flag BOOLEAN, label TEXT, code VARCHAR(10), day DATE, at DATETIME(6), at_ts TIMESTAMP(6) NULL, clock TIME, doc JSON,
      bytes VARBINARY(8), choice ENUM('a', 'b')) CHARACTER SET utf8mb4`);
    try {
      await db.exec(`SET time_zone = '+00:00'`);
      await db.exec(`INSERT INTO ${table} (small, whole, big, exact, dbl, flag, label, code, day, at, at_ts, clock, doc, bytes, choice)
        VALUES (32767, -2147483648, 18446744073709551615, 12345678901234.123456, 1.5, TRUE, 'héllo ✓', 'abc', '2024-02-29',
        '2024-02-29 23:59:58.123456', '2024-02-29 21:59:58.123456', '12:34:56', '{"a": [1, {"b": null}]}', x'00ff10', 'b')`);
      await db.exec(`INSERT INTO ${table} () VALUES ()`);
      const run = await poll({ connectionString: db.url, table, offsetColumn: 'id', intervalMs: 100 }, { offsets: testContext().offsets, until: (r) => r.length >= 2 });
      expect(run.records.map((r) => r.value)).toEqual([
        {
          id: '1', small: 32767, whole: -2147483648, big: '18446744073709551615', exact: '12345678901234.123456', dbl: 1.5,
          flag: 1, label: 'héllo ✓', code: 'abc', day: '2024-02-29', at: '2024-02-29T23:59:58.123456',
          at_ts: '2024-02-29T21:59:58.123456Z', clock: '12:34:56', doc: { a: [1, { b: null }] }, bytes: 'AP8Q', choice: 'b',
        },
        {
          id: '2', small: null, whole: null, big: null, exact: null, dbl: null, flag: null, label: null, code: null, day: null,
          at: null, at_ts: null, clock: null, doc: null, bytes: null, choice: null,
        },
      ]);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
      await db.close();
    }
  });
});
