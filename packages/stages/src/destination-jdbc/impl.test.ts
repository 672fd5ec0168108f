import { Value } from 'typebox/value';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationRuntime, StageContext } from '@duto/engine';
import type { SqlDialect } from '../common/sql';
import { record, testContext } from '../testing/harness';
import { destinationJdbcImpl } from './impl';
import { destinationJdbc } from './meta';
import { outageProxy, testDatabase, uniqueName, type TestDatabase } from '../testing/databases';

type Config = Static<typeof destinationJdbc.configSchema>;

async function destination(config: Config, context: StageContext = testContext()): Promise<DestinationRuntime> {
  const stage = await destinationJdbcImpl.create(Value.Default(destinationJdbc.configSchema, structuredClone(config)) as Config, context);
  if (stage.kind !== 'destination') throw new Error('not a destination');
  return stage.runtime;
}

describe.each<SqlDialect>(['postgres', 'mysql'])('destination.jdbc on %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(dialect);
  });
  afterAll(() => db.close());

  const json = dialect === 'postgres' ? 'JSONB' : 'JSON';
  const text = dialect === 'postgres' ? 'TEXT' : 'VARCHAR(200)';
  const rowsOf = async (table: string, columns = 'id, name, qty') => db.rows(`SELECT ${columns} FROM ${table} ORDER BY id`);
  const asText = (column: string) => `CAST(${column} AS ${dialect === 'postgres' ? 'TEXT' : 'CHAR'})`;
  const parseDoc = (rows: Array<Record<string, any>>) => rows.map((r) => ({ ...r, doc: r.doc === null ? null : JSON.parse(r.doc) }));

  async function withTable(columns: string, test: (table: string) => Promise<void>): Promise<void> {
    const table = uniqueName('sink');
    await db.exec(`CREATE TABLE ${table} (${columns})`);
    try {
      await test(table);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
    }
  }

  it('inserts a batch: fields to columns of the same name, objects as JSON, unknown fields left out and logged once', async () => {
    await withTable(`id INTEGER PRIMARY KEY, name ${text} NOT NULL, qty INTEGER DEFAULT 7, doc ${json}, label ${text}`, async (table) => {
      const warnings: string[] = [];
      const context = testContext({ logger: { info() {}, warn: (message) => void warnings.push(message), error() {} } });
      const sink = await destination({ connectionString: db.url, table }, context);
      const first = await sink.write([
        record({ id: 1, name: 'one', qty: 10, doc: { tags: ['a', 'b'], n: 1.5 }, label: ['x', 'y'], extra: true }),
        record({ id: 2, name: 'two', doc: null, other: 'ignored' }),
      ]);
      // `ID` would be `id` by case, but the exact name comes first: it is left out like any unknown field.
      const second = await sink.write([record({ ID: 99, id: 3, name: 'three', extra: false, other: 1 })]);
      await sink.close?.();

      expect(first).toEqual([]);
      expect(second).toEqual([]);
      expect(parseDoc(await rowsOf(table, `id, name, qty, ${asText('doc')} AS doc, label`))).toEqual([
        { id: 1, name: 'one', qty: 10, doc: { tags: ['a', 'b'], n: 1.5 }, label: '["x","y"]' },
        // A field the record does not have takes the column's default.
        { id: 2, name: 'two', qty: 7, doc: null, label: null },
        { id: 3, name: 'three', qty: 7, doc: null, label: null },
      ]);
      expect(warnings).toEqual([
        `record fields without a column in ${table} are not written: extra`,
        `record fields without a column in ${table} are not written: other`,
        `record fields without a column in ${table} are not written: ID`,
      ]);
    });
  });

  it('returns the rows the database refuses as failures with its message, and writes the rest in the same batch', async () => {
    await withTable(`id INTEGER PRIMARY KEY, name VARCHAR(10) NOT NULL, qty INTEGER`, async (table) => {
      await db.exec(`INSERT INTO ${table} (id, name, qty) VALUES (100, 'existing', 1)`);
      const sink = await destination({ connectionString: db.url, table });
      const batch = [
        record({ id: 1, name: 'ok-1', qty: 1 }),
        record({ id: 2, qty: 2 }),
        record({ id: 3, name: 'ok-3', qty: 'lots' }),
        record({ id: 100, name: 'duplicate', qty: 4 }),
        record({ id: 5, name: 'much too long for ten', qty: 5 }),
        record({ nothing: 'matches' }),
        record({ id: 6, name: 'ok-6', qty: 6 }),
      ];
      const failures = (await sink.write(batch)) ?? [];
      await sink.close?.();

      expect(failures.map((f) => f.record.value.id ?? 'none').sort()).toEqual([100, 2, 3, 5, 'none'].sort());
      const reason = (id: unknown) => failures.find((f) => f.record.value.id === id)!.reason;
      expect(reason(2)).toMatch(/null|default value/i);
      expect(reason(3)).toMatch(/lots|integer/i);
      expect(reason(100)).toMatch(/duplicate/i);
      expect(reason(5)).toMatch(/too long/i);
      expect(failures.find((f) => f.record.value.id === undefined)!.reason).toBe(`none of the record's fields is a column of ${table}`);
      expect(await rowsOf(table)).toEqual([
        { id: 1, name: 'ok-1', qty: 1 },
        { id: 6, name: 'ok-6', qty: 6 },
        { id: 100, name: 'existing', qty: 1 },
      ]);
    });
  });

  it('writes a batch in one transaction: a batch that fails leaves nothing half-written', async () => {
    await withTable(`id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INTEGER`, async (table) => {
      const trigger = uniqueName('explode');
      if (dialect === 'postgres') {
        await db.exec(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.name = 'explode' THEN RAISE EXCEPTION 'the server broke' USING ERRCODE = 'XX000'; END IF; RETURN NEW; END $$`);
        await db.exec(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
      } else {
        await db.exec(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} FOR EACH ROW BEGIN
          IF NEW.name = 'explode' THEN SIGNAL SQLSTATE 'HY000' SET MESSAGE_TEXT = 'the server broke', MYSQL_ERRNO = 1105; END IF; END`);
      }
      try {
        const sink = await destination({ connectionString: db.url, table });
        // Two statement shapes: the first statement succeeds before the second one fails.
        const batch = [record({ id: 1, name: 'a', qty: 1 }), record({ id: 2, name: 'b' }), record({ id: 3, name: 'explode' })];
        await expect(sink.write(batch)).rejects.toThrow(/the server broke/);
        expect(await rowsOf(table)).toEqual([]);
        expect(await sink.write(batch.slice(0, 2))).toEqual([]);
        await sink.close?.();
        expect(await rowsOf(table)).toEqual([
          { id: 1, name: 'a', qty: 1 },
          { id: 2, name: 'b', qty: null },
        ]);
      } finally {
        if (dialect === 'postgres') await db.exec(`DROP FUNCTION ${trigger}() CASCADE`);
      }
    });
  });

  it('upserts on the key columns: a replayed batch does not duplicate, the last record of a key wins', async () => {
    await withTable(`site VARCHAR(20) NOT NULL, id INTEGER NOT NULL, name VARCHAR(20), qty INTEGER, PRIMARY KEY (site, id)`, async (table) => {
      const sink = await destination({ connectionString: db.url, table, mode: 'upsert', keyColumns: ['site', 'id'] });
      const batch = [
        record({ site: 'a', id: 1, name: 'first', qty: 1 }),
        record({ site: 'b', id: 1, name: 'other site', qty: 2 }),
        record({ site: 'a', id: 1, name: 'second', qty: 3 }),
        record({ site: 'a', id: 2, name: 'two', qty: 4 }),
        record({ site: 'a', id: 3 }),
        record({ id: 4, name: 'no site' }),
      ];
      const firstFailures = await sink.write(batch);
      const replayFailures = await sink.write(batch);
      expect(await sink.write([record({ site: 'a', id: 2, qty: 40 })])).toEqual([]);
      await sink.close?.();

      for (const failures of [firstFailures, replayFailures]) {
        expect(failures).toEqual([{ record: batch[5], reason: 'upsert needs a value for key column "site"' }]);
      }
      expect(await db.rows(`SELECT site, id, name, qty FROM ${table} ORDER BY site, id`)).toEqual([
        { site: 'a', id: 1, name: 'second', qty: 3 },
        // Fields a record does not have keep the row's values.
        { site: 'a', id: 2, name: 'two', qty: 40 },
        { site: 'a', id: 3, name: null, qty: null },
        { site: 'b', id: 1, name: 'other site', qty: 2 },
      ]);
    });
  });

  it('refuses to upsert on key columns that are not exactly a primary key or unique index', async () => {
    await withTable(`id INTEGER PRIMARY KEY, site VARCHAR(20), code VARCHAR(20), UNIQUE (site, code)`, async (table) => {
      for (const keyColumns of [['site'], ['id', 'site'], ['code']]) {
        await expect(destination({ connectionString: db.url, table, mode: 'upsert', keyColumns })).rejects.toThrow(
          `upsert needs a primary key or unique index on exactly (${keyColumns.join(', ')}) in ${table}`,
        );
      }
      for (const keyColumns of [['id'], ['code', 'site']]) {
        await (await destination({ connectionString: db.url, table, mode: 'upsert', keyColumns })).close?.();
      }
    });
  });

  it('writes ISO times into time columns and JSON into JSON columns', async () => {
    const time = dialect === 'postgres' ? 'TIMESTAMP(6)' : 'DATETIME(6)';
    const instant = dialect === 'postgres' ? 'TIMESTAMPTZ' : 'TIMESTAMP(6) NULL';
    await withTable(`id INTEGER PRIMARY KEY, at ${time}, at_instant ${instant}, day DATE, doc ${json}`, async (table) => {
      const sink = await destination({ connectionString: db.url, table });
      expect(
        await sink.write([
          record({ id: 1, at: '2024-02-29T23:59:58.123456', at_instant: '2024-02-29T21:59:58.123456Z', day: '2024-02-29', doc: [1, { a: 'b' }] }),
          // Text is taken as JSON text already, as origins read JSON columns they do not parse.
          record({ id: 2, at: '2024-03-01 00:00:01', at_instant: '2024-03-01T02:00:01.5+02:00', day: null, doc: '{"k": "json text"}' }),
        ]),
      ).toEqual([]);
      await sink.close?.();
      if (dialect === 'mysql') await db.exec(`SET time_zone = '+00:00'`);
      const utc =
        dialect === 'postgres'
          ? `to_char(at_instant AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`
          : `DATE_FORMAT(at_instant, '%Y-%m-%d %H:%i:%s.%f')`;
      const rows = await db.rows(`SELECT id, ${asText('at')} AS at, ${utc} AS at_instant, ${asText('day')} AS day, ${asText('doc')} AS doc FROM ${table} ORDER BY id`);
      expect(parseDoc(rows)).toEqual([
        { id: 1, at: '2024-02-29 23:59:58.123456', at_instant: '2024-02-29 21:59:58.123456', day: '2024-02-29', doc: [1, { a: 'b' }] },
        { id: 2, at: '2024-03-01 00:00:01' + (dialect === 'postgres' ? '' : '.000000'), at_instant: '2024-03-01 00:00:01.500000', day: null, doc: { k: 'json text' } },
      ]);
    });
  });

  it('rejects write() while the database is unreachable, and writes the same batch once it is back', async () => {
    await withTable(`id INTEGER PRIMARY KEY, name VARCHAR(20)`, async (table) => {
      const proxy = await outageProxy(dialect);
      try {
        const sink = await destination({ connectionString: proxy.url, table });
        expect(await sink.write([record({ id: 1, name: 'before' })])).toEqual([]);
        await proxy.down();
        const batch = [record({ id: 2, name: 'during' }), record({ id: 3, name: 'during' })];
        await expect(sink.write(batch)).rejects.toThrow();
        await proxy.up();
        expect(await sink.write(batch)).toEqual([]);
        await sink.close?.();
        expect(await rowsOf(table, 'id, name')).toEqual([
          { id: 1, name: 'before' },
          { id: 2, name: 'during' },
          { id: 3, name: 'during' },
        ]);
      } finally {
        await proxy.close();
      }
    });
  });

  it('refuses a table or column name with SQL in it, and a table or key column that does not exist', async () => {
    await withTable(`id INTEGER PRIMARY KEY`, async (table) => {
      const unsafe: Array<Partial<Config>> = [
        { table: `${table}; DROP TABLE ${table}` },
        { table: `${table} --` },
        { table, mode: 'upsert', keyColumns: ['id = id; --'] },
      ];
      for (const config of unsafe) {
        await expect(destination({ connectionString: db.url, table, ...config })).rejects.toThrow(/is not a plain SQL identifier/);
      }
      await expect(destination({ connectionString: db.url, table: uniqueName('missing') })).rejects.toThrow(/does not exist/);
      await expect(destination({ connectionString: db.url, table, mode: 'upsert', keyColumns: ['code'] })).rejects.toThrow(
        /key column "code" is not a column/,
      );
      expect(await db.rows(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual([{ n: '0' }]);
    });
  });
});
