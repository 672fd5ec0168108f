import pg from 'pg';
import { connectionOptions, quoteIdentifier } from '../common/sql';
import { plainSecret } from '../common/secrets';
import { pgClient } from '../common/pg-client';
import type { Static } from 'typebox';
import type { originPostgresCdc } from './meta';

export type PgConfig = pg.ClientConfig;

export function pgConnection(config: Static<typeof originPostgresCdc.configSchema>): PgConfig {
  const options = connectionOptions(config.connectionString, plainSecret(config.password));
  return { ...options, port: options.port ?? 5432, connectionTimeoutMillis: 5000 };
}

/** `orders` → `public.orders`: publications and relations name tables with their schema. */
export function qualified(table: string): { schema: string; name: string } {
  const [schema, name] = table.includes('.') ? (table.split('.') as [string, string]) : ['public', table];
  return { schema, name };
}

/**
 * Creates the publication with the tables, or adds the tables it lacks. It must exist
 * before the slot: pgoutput reads publications as of each change's time.
 */
export async function ensurePublication(client: pg.Client, publication: string, tables: string[]): Promise<void> {
  const quotedPublication = quoteIdentifier('postgres', publication);
  const quotedTables = tables.map((t) => quoteIdentifier('postgres', t));
  const exists = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [publication]);
  if (exists.rowCount === 0) {
    await client.query(`CREATE PUBLICATION ${quotedPublication} FOR TABLE ${quotedTables.join(', ')}`);
    return;
  }
  const present = await client.query<{ schemaname: string; tablename: string }>(
    'SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname = $1',
    [publication],
  );
  const have = new Set(present.rows.map((r) => `${r.schemaname}.${r.tablename}`));
  const missing = tables.filter((t) => {
    const { schema, name } = qualified(t);
    return !have.has(`${schema}.${name}`);
  });
  if (missing.length > 0) {
    await client.query(`ALTER PUBLICATION ${quotedPublication} ADD TABLE ${missing.map((t) => quoteIdentifier('postgres', t)).join(', ')}`);
  }
}

export async function slotExists(client: pg.Client, slot: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  return (result.rowCount ?? 0) > 0;
}

/** The slot's confirmed position (the end of the last transaction confirmed), if it has one. */
export async function slotConfirmedLsn(client: pg.Client, slot: string): Promise<string | undefined> {
  const result = await client.query<{ lsn: string | null }>('SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  return result.rows[0]?.lsn ?? undefined;
}

export async function dropSlot(client: pg.Client, slot: string): Promise<void> {
  await client.query('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [slot]);
}

export async function createSlot(client: pg.Client, slot: string): Promise<void> {
  await client.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput')`, [slot]);
}

/**
 * Creates the slot on a replication connection and exports its snapshot: reading the
 * tables in that snapshot, then streaming from the slot, misses and repeats nothing. The
 * snapshot lives only while `replication` stays open and idle.
 */
export async function createSlotWithSnapshot(config: PgConfig, slot: string): Promise<{ replication: pg.Client; snapshot: string; consistentPoint: string }> {
  const replication = pgClient({ ...config, replication: 'database' } as PgConfig);
  await replication.connect();
  try {
    const result = await replication.query<{ snapshot_name: string; consistent_point: string }>(
      `CREATE_REPLICATION_SLOT ${quoteIdentifier('postgres', slot)} LOGICAL pgoutput EXPORT_SNAPSHOT`,
    );
    const row = result.rows[0]!;
    return { replication, snapshot: row.snapshot_name, consistentPoint: row.consistent_point };
  } catch (error) {
    await replication.end();
    throw error;
  }
}

/** Reads every row of the tables as of `snapshot`, in pages of `pageSize`. */
export async function* readSnapshot(
  config: PgConfig,
  snapshot: string,
  tables: string[],
  pageSize: number,
): AsyncGenerator<{ table: string; rows: Array<Record<string, unknown>> }> {
  const reader = pgClient(config);
  await reader.connect();
  try {
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await reader.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
    for (const table of tables) {
      const { schema, name } = qualified(table);
      await reader.query(`DECLARE duto_snapshot NO SCROLL CURSOR FOR SELECT * FROM ${quoteIdentifier('postgres', `${schema}.${name}`)}`);
      for (;;) {
        const page = await reader.query<Record<string, unknown>>(`FETCH ${pageSize} FROM duto_snapshot`);
        if (page.rows.length === 0) break;
        yield { table: `${schema}.${name}`, rows: page.rows };
      }
      await reader.query('CLOSE duto_snapshot');
    }
    await reader.query('COMMIT');
  } finally {
    await reader.end();
  }
}
