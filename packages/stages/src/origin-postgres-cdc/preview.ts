import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Static } from 'typebox';
import type { Emit, OriginRuntime, StageContext } from '@duto/engine';
import { toJsonObject } from '../common/json-values';
import { abortableSleep } from '../common/sleep';
import { quoteIdentifier } from '../common/sql';
import type { originPostgresCdc } from './meta';
import { readChanges, type ChangeSource } from './preview-changes';
import { qualified, type PgConfig } from './setup';
import { pgClient } from '../common/pg-client';

type Config = Static<typeof originPostgresCdc.configSchema>;

const POLL_MS = 200;

/**
 * A preview shows what the pipeline's next run would read, and changes nothing on the
 * server (the pipeline's slot and publication are never created, dropped or moved):
 * - a snapshot not yet taken: the first rows of the tables, read only;
 * - the pipeline's slot, stopped: its pending changes, peeked (not consumed);
 * - no slot yet, or a running pipeline holding it: new changes, through a TEMPORARY slot of
 *   the preview's own session, which PostgreSQL drops when the session ends (on error too).
 * It reads from one plain connection, closed at the end. Decoding needs the publication: a
 * pipeline that never started has none yet, and the preview says so.
 */
export function previewPostgresCdcOrigin(config: Config, pgConfig: PgConfig, context: StageContext): OriginRuntime {
  return {
    async run(emit, ready) {
      const client = pgClient({ ...pgConfig, statement_timeout: 60_000 });
      // Aborted, the session ends at once, a statement under way or not (creating a slot
      // waits for running transactions): its temporary slot goes with it.
      const end = () => void client.end().catch(() => {});
      context.signal.addEventListener('abort', end, { once: true });
      await client.connect();
      try {
        // A backend whose client left (the preview was aborted) ends its statement within a second.
        await client.query('SET client_connection_check_interval = 1000').catch(() => {});
        const state = JSON.parse((await context.offsets.read()) ?? '{}') as { snapshot?: string };
        if (config.snapshot && state.snapshot !== 'done') {
          ready();
          await emitFirstRows(client, config.tables, context, emit);
          return;
        }
        const source = await changeSource(client, config);
        ready();
        await pollChanges(client, source, context, emit);
      } finally {
        context.signal.removeEventListener('abort', end);
        await client.end().catch(() => {});
      }
    },
  };
}

async function changeSource(client: pg.Client, config: Config): Promise<ChangeSource> {
  const publication = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [config.publication]);
  if (publication.rowCount === 0) {
    throw new Error(
      `publication "${config.publication}" does not exist yet: the pipeline creates it when it first starts, and a preview creates nothing`,
    );
  }
  const slot = await client.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [config.slotName]);
  if (slot.rows[0]?.active === false) return { slot: config.slotName, read: 'peek', publication: config.publication };
  const temporary = `duto_preview_${randomUUID().replaceAll('-', '')}`;
  await client.query(`SELECT pg_create_logical_replication_slot($1, 'pgoutput', true)`, [temporary]);
  return { slot: temporary, read: 'get', publication: config.publication };
}

/** Until aborted: a peek reads from the same position each time, so only what is new is emitted. */
async function pollChanges(client: pg.Client, source: ChangeSource, context: StageContext, emit: Emit): Promise<void> {
  const { signal, settings } = context;
  let emitted = 0;
  while (!signal.aborted) {
    const skip = source.read === 'peek' ? emitted : 0;
    const fresh = (await readChanges(client, source, skip + settings.batchSize)).slice(skip);
    if (fresh.length > 0) {
      await emit({ records: fresh });
      emitted += fresh.length;
    }
    await abortableSleep(POLL_MS, signal);
  }
}

/** The rows a snapshot would start with, as the snapshot's records. */
async function emitFirstRows(client: pg.Client, tables: string[], context: StageContext, emit: Emit): Promise<void> {
  let left = context.settings.batchSize;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const lsn = (await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
    for (const table of tables) {
      if (left <= 0 || context.signal.aborted) break;
      const { schema, name } = qualified(table);
      const rows = await client.query<Record<string, unknown>>(`SELECT * FROM ${quoteIdentifier('postgres', `${schema}.${name}`)} LIMIT ${left}`);
      left -= rows.rows.length;
      const attributes = { 'cdc.op': 'insert', 'cdc.table': `${schema}.${name}`, 'cdc.lsn': lsn, 'cdc.snapshot': 'true' };
      if (rows.rows.length > 0) await emit({ records: rows.rows.map((row) => ({ value: toJsonObject(row), attributes })) });
    }
  } finally {
    await client.query('COMMIT').catch(() => {});
  }
}
