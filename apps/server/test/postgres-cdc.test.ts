import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';
import { readJsonl } from './lake-files';

/**
 * Every insert, update and delete of two PostgreSQL tables → Kafka and the data lake, in
 * real time, while the pipeline is restarted once.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
const suffix = randomUUID().slice(0, 8);
const tables = [`orders_${suffix}`, `customers_${suffix}`];
const slotName = `duto_it_${suffix}`;
const publication = `duto_it_${suffix}`;
const lakeDir = mkdtempSync(join(tmpdir(), 'duto-cdc-lake-'));
const db = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
let server: TestServer;

beforeAll(async () => {
  await db.connect();
  for (const table of tables) {
    await db.query(`CREATE TABLE ${table} (id int PRIMARY KEY, version int NOT NULL, label text)`);
    await db.query(`ALTER TABLE ${table} REPLICA IDENTITY FULL`);
  }
  server = await startServer({ KAFKA_BROKERS: brokers.join(','), DUTO_LAKE_DIR: lakeDir });
});
afterAll(async () => {
  await server?.close();
  await db.query('ROLLBACK').catch(() => {});
  await db.query('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [slotName]);
  await db.query(`DROP PUBLICATION IF EXISTS ${publication}`);
  for (const table of tables) await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.end();
  rmSync(lakeDir, { recursive: true, force: true });
});

type Change = { op: 'insert' | 'update' | 'delete'; version: number };

/** Random inserts, updates and deletes in small transactions; returns what each key went through. */
async function workload(operations: number, expected: Map<string, Change[]>, live: Map<string, number[]>, nextId: { value: number }) {
  let done = 0;
  while (done < operations) {
    const size = 1 + Math.floor(Math.random() * 10);
    await db.query('BEGIN');
    for (let i = 0; i < size && done < operations; i++, done++) {
      const table = tables[Math.floor(Math.random() * 2)]!;
      const ids = live.get(table)!;
      const roll = Math.random();
      if (ids.length < 5 || roll < 0.4) {
        const id = nextId.value++;
        await db.query(`INSERT INTO ${table} VALUES ($1, 0, 'new')`, [id]);
        ids.push(id);
        expected.set(`public.${table}:${id}`, [{ op: 'insert', version: 0 }]);
      } else if (roll < 0.85) {
        const id = ids[Math.floor(Math.random() * ids.length)]!;
        const history = expected.get(`public.${table}:${id}`)!;
        const version = history.at(-1)!.version + 1;
        await db.query(`UPDATE ${table} SET version = $2::int, label = 'v' || $2::text WHERE id = $1`, [id, version]);
        history.push({ op: 'update', version });
      } else {
        const index = Math.floor(Math.random() * ids.length);
        const id = ids.splice(index, 1)[0]!;
        const history = expected.get(`public.${table}:${id}`)!;
        await db.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
        history.push({ op: 'delete', version: history.at(-1)!.version });
      }
    }
    await db.query('COMMIT');
  }
}

describe('PostgreSQL CDC → Kafka and data lake', () => {
  it('lands 5,000 changes across two tables in order per key, across a restart of the pipeline', async () => {
    const output = `cdc-${suffix}`;
    const { id } = (
      await api(server, 'POST', '/api/pipelines', {
        format: 'duto.pipeline/v1',
        name: 'shop changes',
        settings: { batchSize: 200, batchWaitMs: 50 },
        stages: [
          {
            id: 'shop',
            type: 'origin.postgres-cdc',
            config: { connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', tables, slotName, publication, snapshot: true },
          },
          {
            id: 'tag',
            type: 'processor.expression',
            config: { fields: [{ path: 'change', expression: '{ "op": $attributes."cdc.op", "table": $attributes."cdc.table" }' }] },
          },
          { id: 'to-kafka', type: 'destination.kafka', config: { topic: output, key: 'change.table & ":" & $string(id)' } },
          { id: 'to-lake', type: 'destination.datalake', config: { path: 'cdc', partitionBy: 'dt={yyyy}-{MM}-{dd}', format: 'jsonl', rollIntervalMs: 1000 } },
        ],
        edges: [
          { from: 'shop', to: 'tag' },
          { from: 'tag', to: 'to-kafka' },
          { from: 'tag', to: 'to-lake' },
        ],
      })
    ).json;
    expect(id).toBeTruthy();
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await waitFor(async () => (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state, (s) => s === 'RUNNING', 30_000, 'RUNNING');
    // RUNNING comes before the origin has made its slot; changes from before the slot exist
    // only as the snapshot's rows, so the workload starts once the slot streams.
    await waitFor(
      async () => (await db.query('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slotName])).rows[0]?.active === true,
      (active) => active,
      60_000,
      'the replication slot to stream',
    );

    const expected = new Map<string, Change[]>();
    const live = new Map(tables.map((t) => [t, [] as number[]]));
    const nextId = { value: 1 };
    await workload(2500, expected, live, nextId);
    await api(server, 'POST', `/api/pipelines/${id}/stop`);
    await workload(1000, expected, live, nextId);
    await api(server, 'POST', `/api/pipelines/${id}/start`, {});
    await workload(1500, expected, live, nextId);

    const total = [...expected.values()].reduce((n, h) => n + h.length, 0);
    expect(total).toBe(5000);
    await waitFor(() => kafka.count(output), (n) => n >= total, 120_000, 'every change in Kafka');
    await waitFor(() => readJsonl(join(lakeDir, 'cdc')).length, (n) => n >= total, 60_000, 'every change in the lake');
    await api(server, 'POST', `/api/pipelines/${id}/stop`);

    const received = new Map<string, Change[]>();
    for (const { key, value } of await kafka.readAll(output)) {
      received.set(key!, [...(received.get(key!) ?? []), { op: value.change.op, version: value.version }]);
    }
    expect(received.size).toBe(expected.size);
    for (const [key, history] of expected) expect(received.get(key), key).toEqual(history);

    const lake = readJsonl(join(lakeDir, 'cdc'));
    expect(lake).toHaveLength(total);
    const lakeKeys = new Set(lake.map((r) => `${r.change.table}:${r.id}:${r.change.op}:${r.version}`));
    expect(lakeKeys.size).toBe(total);
  });
});
