import type pg from 'pg';
import { PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { DutoRecord } from '@duto/model';
import { changeRecord } from './changes';

/**
 * Where a preview reads changes from: `peek` reads the pipeline's own slot without
 * consuming (each read starts again at its confirmed position); `get` consumes a
 * temporary slot of the preview's own session.
 */
export interface ChangeSource {
  slot: string;
  read: 'peek' | 'get';
  publication: string;
}

/** pgoutput messages fetched from the cursor at a time. */
const FETCH_ROWS = 500;

/**
 * The first `count` change records from the slot's position, decoding at most what holds
 * them. Read through a cursor, so that a huge transaction (returned whole by the decoding
 * functions) is kept by the server and only the rows needed cross the wire.
 */
export async function readChanges(client: pg.Client, source: ChangeSource, count: number): Promise<DutoRecord[]> {
  // Each change is one row; a transaction adds its begin, commit and relation rows.
  const uptoRows = count * 4 + 100;
  const parser = new PgoutputPlugin({ protoVersion: 1, publicationNames: [source.publication] });
  const records: DutoRecord[] = [];
  await client.query('BEGIN');
  try {
    await client.query(
      `DECLARE duto_preview NO SCROLL CURSOR FOR SELECT lsn::text AS lsn, data FROM pg_logical_slot_${source.read}_binary_changes($1, NULL, $2, 'proto_version', '1', 'publication_names', $3)`,
      [source.slot, uptoRows, source.publication],
    );
    while (records.length < count) {
      const page = await client.query<{ lsn: string; data: Buffer }>(`FETCH ${FETCH_ROWS} FROM duto_preview`);
      for (const row of page.rows) {
        const record = changeRecord(row.lsn, parser.parse(row.data) as Pgoutput.Message);
        if (record) records.push(record);
      }
      if (page.rows.length < FETCH_ROWS) break;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  return records.slice(0, count);
}
