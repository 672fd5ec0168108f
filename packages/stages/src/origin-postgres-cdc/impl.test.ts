import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DutoRecord } from '@duto/model';
import { testContext } from '../testing';
import { originPostgresCdcImpl } from './impl';

const connectionString = 'postgres://postgres@127.0.0.1:5432/postgres';
const suffix = randomUUID().slice(0, 8).replace(/-/g, '');
const table = `cdc_unit_${suffix}`;
const slotName = `duto_unit_${suffix}`;
const publication = `duto_unit_${suffix}`;
const db = new pg.Client({ connectionString });

beforeAll(async () => {
  await db.connect();
  await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, v int, note text, at timestamptz, amount numeric(10,2))`);
  await db.query(`ALTER TABLE ${table} REPLICA IDENTITY FULL`);
  await db.query(`INSERT INTO ${table} SELECT g, 0, 'seed', '2026-01-01T00:00:00Z', 1.50 FROM generate_series(1, 250) g`);
});
afterAll(async () => {
  await db.query('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [slotName]);
  await db.query(`DROP PUBLICATION IF EXISTS ${publication}`);
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.end();
});

/** Runs the origin until `stopWhen` holds; the offsets live in `committed` across runs. */
async function run(committed: string[], stopWhen: (emitted: DutoRecord[]) => boolean) {
  const abort = new AbortController();
  const context = testContext({ signal: abort.signal, settings: { batchSize: 100, batchWaitMs: 20, onRecordError: 'error-lane' } });
  context.committed.push(...committed);
  const stage = await originPostgresCdcImpl.create(
    { connectionString, tables: [table], slotName, publication, snapshot: true },
    context,
  );
  if (stage.kind !== 'origin') throw new Error('not an origin');
  const emitted: DutoRecord[] = [];
  const running = stage.runtime.run(async ({ records }) => {
    emitted.push(...records);
    if (stopWhen(emitted)) abort.abort();
  }, () => {});
  return { running, emitted, committed: context.committed };
}

describe('origin.postgres-cdc', () => {
  it('reads the snapshot, then streams changes in commit order with before images; a restart resumes exactly', async () => {
    const first = await run([], (e) => e.filter((r) => r.attributes['cdc.snapshot'] !== 'true').length >= 3);
    await new Promise((r) => setTimeout(r, 1500));
    await db.query('BEGIN');
    await db.query(`INSERT INTO ${table} VALUES (1000, 1, 'new', now(), 9.99)`);
    await db.query(`UPDATE ${table} SET v = 2, note = 'changed' WHERE id = 1`);
    await db.query('COMMIT');
    await db.query(`DELETE FROM ${table} WHERE id = 2`);
    await first.running;

    const snapshot = first.emitted.filter((r) => r.attributes['cdc.snapshot'] === 'true');
    expect(snapshot.map((r) => r.value.id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(snapshot[0]!.value).toEqual({ id: 1, v: 0, note: 'seed', at: '2026-01-01T00:00:00.000Z', amount: '1.50' });
    const changes = first.emitted.filter((r) => r.attributes['cdc.snapshot'] !== 'true');
    expect(changes.map((r) => [r.attributes['cdc.op'], r.value.id])).toEqual([['insert', 1000], ['update', 1], ['delete', 2]]);
    expect(changes[0]!.attributes['cdc.table']).toBe(`public.${table}`);
    expect(JSON.parse(changes[1]!.attributes['cdc.before']!)).toMatchObject({ id: 1, v: 0, note: 'seed' });
    expect(changes[1]!.value).toMatchObject({ id: 1, v: 2, note: 'changed' });
    expect(changes[2]!.value).toMatchObject({ id: 2, v: 0 });

    // Changes made while the origin is stopped come on the next start, once, without a new snapshot.
    await db.query(`UPDATE ${table} SET v = 3 WHERE id = 1000`);
    const second = await run(first.committed, (e) => e.length >= 1);
    await second.running;
    expect(second.emitted.map((r) => [r.attributes['cdc.op'], r.value.id, r.value.v])).toEqual([['update', 1000, 3]]);
  });

  it('keeps a quiet stream: the server, which ends a stream that does not answer it, hears the slot\'s position', async () => {
    // A role whose replication connections must answer within a second (wal_sender_timeout).
    const role = `duto_quiet_${suffix}`;
    const quietTable = `cdc_quiet_${suffix}`;
    const quietSlot = `duto_quiet_${suffix}`;
    await db.query(`CREATE ROLE ${role} LOGIN REPLICATION`);
    await db.query(`ALTER ROLE ${role} SET wal_sender_timeout = '1s'`);
    await db.query(`CREATE TABLE ${quietTable} (id int PRIMARY KEY)`);
    await db.query(`CREATE PUBLICATION ${quietSlot} FOR TABLE ${quietTable}`);
    const abort = new AbortController();
    try {
      const context = testContext({ signal: abort.signal, settings: { batchSize: 100, batchWaitMs: 20, onRecordError: 'error-lane' } });
      const stage = await originPostgresCdcImpl.create(
        { connectionString: `postgres://${role}@127.0.0.1:5432/postgres`, tables: [quietTable], slotName: quietSlot, publication: quietSlot, snapshot: false },
        context,
      );
      if (stage.kind !== 'origin') throw new Error('not an origin');
      const emitted: DutoRecord[] = [];
      let ended: string | undefined;
      let ready!: () => void;
      const readiness = new Promise<void>((resolve) => (ready = resolve));
      const running = stage.runtime.run(async ({ records }) => void emitted.push(...records), ready);
      running.then(() => (ended = 'returned'), (error: Error) => (ended = error.message));
      await readiness;
      await new Promise((r) => setTimeout(r, 4000));
      expect(ended).toBeUndefined();
      await db.query(`INSERT INTO ${quietTable} VALUES (1)`);
      for (let waited = 0; emitted.length === 0 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      abort.abort();
      await running;
      expect(emitted.map((r) => r.value.id)).toEqual([1]);
    } finally {
      abort.abort();
      await db.query('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [quietSlot]);
      await db.query(`DROP PUBLICATION IF EXISTS ${quietSlot}`);
      await db.query(`DROP TABLE IF EXISTS ${quietTable}`);
      await db.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });
});
