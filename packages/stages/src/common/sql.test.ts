import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationJdbcImpl } from '../destination-jdbc/impl';
import { destinationJdbc } from '../destination-jdbc/meta';
import { insertStatement } from '../destination-jdbc/insert-statement';
import { pollStatement } from '../origin-jdbc-query/poll-statement';
import { record, testContext } from '../testing/harness';
import { testDatabase, uniqueName, type TestDatabase } from '../testing/databases';
import { quoteIdentifier, type SqlDialect } from './sql';

const HOSTILE_VALUES = [`x'); DROP TABLE t; --`, `\\'; SELECT 1; --`, `" OR "1"="1`, '`backtick`', '$1', '?'];

describe('SQL identifiers', () => {
  it('quotes plain identifiers and schema.table for each dialect', () => {
    expect(quoteIdentifier('postgres', 'readings')).toBe('"readings"');
    expect(quoteIdentifier('postgres', 'iot.readings')).toBe('"iot"."readings"');
    expect(quoteIdentifier('mysql', 'iot.readings')).toBe('`iot`.`readings`');
    expect(quoteIdentifier('mysql', `_a${'b'.repeat(61)}`)).toBe(`\`_a${'b'.repeat(61)}\``);
  });

  it.each([
    'readings; DROP TABLE readings',
    'a"b',
    'a`b',
    'a b',
    'a.b.c',
    '',
    '1abc',
    'a-b',
    'tablé',
    `a${'b'.repeat(63)}`,
    'id) OR (1=1',
  ])('refuses %j', (name) => {
    for (const dialect of ['postgres', 'mysql'] as const) expect(() => quoteIdentifier(dialect, name)).toThrow(/is not a plain SQL identifier/);
  });
});

describe('SQL statements bind every value', () => {
  it('an INSERT has placeholders only, never values', () => {
    expect(insertStatement({ dialect: 'postgres', table: 'shop.items', columns: ['id', 'name'], rows: 2 })).toBe(
      'INSERT INTO "shop"."items" ("id", "name") VALUES ($1, $2), ($3, $4)',
    );
    expect(insertStatement({ dialect: 'mysql', table: 'items', columns: ['id', 'name'], rows: 1, keyColumns: ['id'] })).toBe(
      'INSERT INTO `items` (`id`, `name`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)',
    );
  });

  it('a poll binds the offset, also inside a user query', () => {
    const offset = HOSTILE_VALUES[0]!;
    expect(pollStatement('postgres', { table: 'items' }, 'id', { above: offset, limit: 10 })).toEqual(
      expect.objectContaining({ params: expect.arrayContaining([offset]) }),
    );
    const wrapped = pollStatement('mysql', { query: `SELECT * FROM items WHERE id > :offset AND note <> ':offset'` }, 'id', { above: offset });
    expect(wrapped.sql).not.toContain(offset);
    expect(wrapped.sql).toContain(`note <> ':offset'`);
    expect(wrapped.params).toEqual([offset]);
  });
});

describe.each<SqlDialect>(['postgres', 'mysql'])('hostile values against %s', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase(dialect);
  });
  afterAll(() => db.close());

  it('are written as they are and run nothing', async () => {
    const table = uniqueName('hostile');
    await db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY, name ${dialect === 'postgres' ? 'TEXT' : 'VARCHAR(200)'})`);
    try {
      const config = Value.Default(destinationJdbc.configSchema, { connectionString: db.url, table }) as never;
      const stage = await destinationJdbcImpl.create(config, testContext());
      if (stage.kind !== 'destination') throw new Error('not a destination');
      expect(await stage.runtime.write(HOSTILE_VALUES.map((name, id) => record({ id, name })))).toEqual([]);
      await stage.runtime.close?.();
      const rows = await db.rows(`SELECT name FROM ${table} ORDER BY id`);
      expect(rows.map((r) => r.name)).toEqual(HOSTILE_VALUES);
    } finally {
      await db.exec(`DROP TABLE ${table}`);
    }
  });
});
