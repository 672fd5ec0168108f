import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';

/**
 * Preview of a PostgreSQL CDC origin reading live changes. It shows what the next run would
 * read (a snapshot's first rows, a stopped slot's pending changes, or new changes) and
 * leaves the server as it was: the pipeline's slot is neither created nor moved, no slot
 * of its own is left, no publication made, nothing written downstream.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
const suffix = randomUUID().slice(0, 8);
const table = `preview_orders_${suffix}`;
const db = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
let server: TestServer;
const made = { slots: [] as string[], publications: [] as string[], topics: [] as string[] };

beforeAll(async () => {
  await db.connect();
  await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text)`);
  await db.query(`INSERT INTO ${table} SELECT n, 'row ' || n FROM generate_series(1, 5) AS n`);
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') });
});
afterAll(async () => {
  await server?.close();
  for (const slot of made.slots) await db.query('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  for (const publication of made.publications) await db.query(`DROP PUBLICATION IF EXISTS ${publication}`);
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.end();
  await kafka.remove({ topics: made.topics });
});

function cdcPipeline(name: string, snapshot: boolean, output: string) {
  made.slots.push(name);
  made.publications.push(name);
  made.topics.push(output);
  return {
    format: 'duto.pipeline/v1',
    name: `preview cdc ${name}`,
    settings: { batchSize: 100, batchWaitMs: 50 },
    stages: [
      {
        id: 'shop',
        type: 'origin.postgres-cdc',
        config: { connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', tables: [table], slotName: name, publication: name, snapshot },
      },
      { id: 'tag', type: 'processor.expression', config: { fields: [{ path: 'op', expression: '$attributes."cdc.op"' }] } },
      { id: 'out', type: 'destination.kafka', config: { topic: output, key: '$string(id)' } },
    ],
    edges: [
      { from: 'shop', to: 'tag' },
      { from: 'tag', to: 'out' },
    ],
  };
}

/** Every slot of the server, with where it is confirmed to. */
async function slots(): Promise<string[]> {
  const result = await db.query<{ slot_name: string; confirmed_flush_lsn: string | null }>('SELECT slot_name, confirmed_flush_lsn FROM pg_replication_slots ORDER BY slot_name');
  return result.rows.map((r) => `${r.slot_name}@${r.confirmed_flush_lsn}`);
}
const publications = async () => (await db.query<{ pubname: string }>('SELECT pubname FROM pg_publication ORDER BY pubname')).rows.map((r) => r.pubname);
/** Slots come and go as other tests run: only this file's names and preview slots matter. */
const ours = (list: string[]) => list.filter((s) => s.includes(suffix) || s.startsWith('duto_preview_'));
const previewSlots = async () => (await slots()).filter((s) => s.startsWith('duto_preview_'));
const values = (records: Array<{ record: { value: Record<string, unknown>; attributes: Record<string, string> } }>) =>
  records.map((o) => ({ ...o.record.value, op: o.record.attributes['cdc.op'] }));

async function create(document: unknown): Promise<string> {
  const created = await api(server, 'POST', '/api/pipelines', document);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return created.json.id;
}

async function startAndWaitStreaming(id: string, slot: string): Promise<void> {
  expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
  await waitFor(
    async () => (await db.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot])).rows[0]?.active === true,
    (active) => active,
    60_000,
    'the replication slot to stream',
  );
}

describe('preview of a PostgreSQL CDC origin', () => {
  it('before the first run with a snapshot: the first rows of the tables, at once, and nothing created', async () => {
    const name = `duto_pv_snap_${suffix}`;
    const id = await create(cdcPipeline(name, true, `preview-cdc-${suffix}-a`));
    const [slotsBefore, publicationsBefore] = [await slots(), await publications()];
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 3, timeoutMs: 20_000 });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    expect(response.json.origin.timedOut).toBe(false);
    expect(values(response.json.stages.shop.output)).toEqual([1, 2, 3].map((n) => ({ id: n, label: `row ${n}`, op: 'insert' })));
    expect(response.json.stages.shop.output[0].record.attributes).toMatchObject({ 'cdc.snapshot': 'true', 'cdc.table': `public.${table}` });
    expect(response.json.stages.tag.output.map((o: { record: { value: { op: string } } }) => o.record.value.op)).toEqual(['insert', 'insert', 'insert']);
    expect(await slots()).toEqual(slotsBefore);
    expect(await publications()).toEqual(publicationsBefore);
  });

  it('before the first run without a snapshot: says the publication does not exist yet, and creates nothing', async () => {
    const name = `duto_pv_none_${suffix}`;
    const id = await create(cdcPipeline(name, false, `preview-cdc-${suffix}-b`));
    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { timeoutMs: 2000 });
    expect(response.status).toBe(422);
    expect(response.json.errors[0].message).toMatch(`publication "${name}" does not exist yet`);
    expect(await publications()).not.toContain(name);
    expect(ours(await slots())).toEqual([]);
  });

  it('a stopped pipeline: its pending changes, peeked without moving its slot; the pipeline still gets them', async () => {
    const name = `duto_pv_stop_${suffix}`;
    const output = `preview-cdc-${suffix}-c`;
    const id = await create(cdcPipeline(name, false, output));
    await startAndWaitStreaming(id, name);
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    await db.query(`INSERT INTO ${table} VALUES (100, 'new')`);
    await db.query(`UPDATE ${table} SET label = 'changed' WHERE id = 1`);
    await db.query(`DELETE FROM ${table} WHERE id = 2`);
    const slotsBefore = await slots();

    const response = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 3, timeoutMs: 20_000 });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    expect(response.json.origin.timedOut).toBe(false);
    expect(values(response.json.stages.shop.output)).toEqual([
      { id: 100, label: 'new', op: 'insert' },
      { id: 1, label: 'changed', op: 'update' },
      { id: 2, op: 'delete' },
    ]);
    expect(response.json.stages.out.input).toHaveLength(3);
    expect(await slots()).toEqual(slotsBefore);
    expect(await kafka.count(output)).toBe(0);

    // Nothing pending beyond those: a preview asking for more times out, and still moves nothing.
    const more = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 10, timeoutMs: 1000 });
    expect(more.json.origin.timedOut).toBe(true);
    expect(more.json.stages.shop.output).toHaveLength(3);
    expect(await slots()).toEqual(slotsBefore);

    await startAndWaitStreaming(id, name);
    await waitFor(() => kafka.count(output), (n) => n >= 3, 60_000, 'the pending changes in Kafka');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
  });

  it('a running pipeline: new changes through a temporary slot, which is gone afterwards', async () => {
    const name = `duto_pv_run_${suffix}`;
    const output = `preview-cdc-${suffix}-d`;
    const id = await create(cdcPipeline(name, false, output));
    await startAndWaitStreaming(id, name);
    try {
      const preview = api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 2, timeoutMs: 20_000 });
      await waitFor(previewSlots, (list) => list.length === 1, 20_000, 'the preview\'s temporary slot');
      await db.query(`INSERT INTO ${table} VALUES (200, 'a'), (201, 'b')`);
      const response = await preview;
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      expect(values(response.json.stages.shop.output)).toEqual([
        { id: 200, label: 'a', op: 'insert' },
        { id: 201, label: 'b', op: 'insert' },
      ]);
      await waitFor(previewSlots, (list) => list.length === 0, 10_000, 'no preview slot left');
      expect(ours(await slots()).map((s) => s.split('@')[0])).toContain(name);
      // The pipeline read the same changes for itself.
      await waitFor(() => kafka.count(output), (n) => n >= 2, 60_000, 'the changes in Kafka');

      const idle = await api(server, 'POST', `/api/pipelines/${id}/preview`, { maxRecords: 2, timeoutMs: 1000 });
      expect(idle.json.origin.timedOut).toBe(true);
      expect(idle.json.stages.shop.output).toEqual([]);
      await waitFor(previewSlots, (list) => list.length === 0, 10_000, 'no preview slot left after a timeout');
    } finally {
      await api(server, 'POST', `/api/pipelines/${id}/stop`);
    }
  });
});
