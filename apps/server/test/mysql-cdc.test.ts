import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, startServer, waitFor, type TestServer } from './helpers';
import { testKafka } from './kafka-helpers';
import { testDatabase, underBinlogLock, uniqueName, type TestDatabase } from './sql-helpers';

/**
 * MariaDB change capture to Kafka through the HTTP API, while the pipeline is stopped and
 * started once and its runner killed once: every change must land, in order per row.
 */
const brokers = inject('kafkaBrokers');
const kafka = testKafka(brokers);
let server: TestServer;
let db: TestDatabase;

beforeAll(async () => {
  server = await startServer({ KAFKA_BROKERS: brokers.join(',') }, { restartBackoffMs: 1000 });
  db = await testDatabase('mysql');
});
afterAll(async () => {
  await server.close();
  await db.close();
});

/**
 * Random inserts, updates and deletes on two tables, a few to a transaction, with what the
 * binlog must say about each row. `version` grows with every change of a row, across a
 * delete and a new insert, so each change of a row is told apart from every other.
 */
class Workload {
  private readonly versions = new Map<string, number>();
  private readonly live = new Set<string>();
  /** Per row (`table/id`), its changes in commit order, as `op version`. */
  readonly expected = new Map<string, string[]>();
  private seed = 20_261_125;

  constructor(private readonly tables: string[]) {}

  get changeCount(): number {
    return [...this.expected.values()].reduce((sum, changes) => sum + changes.length, 0);
  }

  async transactions(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const statements: string[] = [];
      const changes: Array<[string, string]> = [];
      for (let n = 1 + this.next(3); n > 0; n -= 1) {
        const table = this.tables[this.next(this.tables.length)]!;
        const id = 1 + this.next(25);
        const row = `test.${table}/${id}`;
        const version = (this.versions.get(row) ?? 0) + 1;
        if (!this.live.has(row)) {
          statements.push(`INSERT INTO ${table} (id, version, note) VALUES (${id}, ${version}, 'v${version}')`);
          changes.push([row, `insert ${version}`]);
          this.live.add(row);
        } else if (this.next(10) < 7) {
          statements.push(`UPDATE ${table} SET version = ${version}, note = 'v${version}' WHERE id = ${id}`);
          changes.push([row, `update ${version}`]);
        } else {
          statements.push(`DELETE FROM ${table} WHERE id = ${id}`);
          changes.push([row, `delete ${version - 1}`]);
          this.live.delete(row);
          continue;
        }
        this.versions.set(row, version);
      }
      await db.exec('START TRANSACTION');
      for (const statement of statements) await db.exec(statement);
      await db.exec('COMMIT');
      for (const [row, change] of changes) this.expected.set(row, [...(this.expected.get(row) ?? []), change]);
      await sleep(3);
    }
  }

  /** A small deterministic generator, so that a failure can be replayed. */
  private next(below: number): number {
    this.seed = (this.seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return this.seed % below;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function state(id: string): Promise<string> {
  return (await api(server, 'GET', `/api/pipelines/${id}/status`)).json.state;
}

describe('MariaDB change capture to Kafka', () => {
  it('delivers every insert, update and delete of two tables, in order per row, across a stop/start and a SIGKILL of the runner', () =>
    // A binlog purged by another test while this pipeline is stopped would (rightly) fail its start.
    underBinlogLock(db, async () => {
      const tables = [uniqueName('cdc_orders'), uniqueName('cdc_lines')];
      const uncaptured = uniqueName('cdc_other');
      for (const table of [...tables, uncaptured]) {
        await db.exec(`CREATE TABLE ${table} (id INT PRIMARY KEY, version INT NOT NULL, note VARCHAR(20)) ENGINE=InnoDB`);
      }
      const topic = `cdc-${randomUUID().slice(0, 8)}`;
      try {
        const created = await api(server, 'POST', '/api/pipelines', {
          format: 'duto.pipeline/v1',
          name: 'mariadb cdc to kafka',
          settings: { batchSize: 50, batchWaitMs: 50, onRecordError: 'error-lane' },
          stages: [
            {
              id: 'cdc',
              type: 'origin.mysql-cdc',
              config: { host: '127.0.0.1', port: 3306, user: 'root', database: 'test', tables, serverId: randomInt(100_000, 2_000_000_000) },
            },
            {
              id: 'label',
              type: 'processor.expression',
              config: {
                fields: [
                  { path: 'op', expression: '$attributes.`cdc.op`' },
                  { path: 'table', expression: '$attributes.`cdc.table`' },
                ],
              },
            },
            { id: 'out', type: 'destination.kafka', config: { topic, key: "table & '/' & $string(id)" } },
          ],
          edges: [
            { from: 'cdc', to: 'label' },
            { from: 'label', to: 'out' },
          ],
        });
        expect(created.status, JSON.stringify(created.json)).toBe(201);
        const id = created.json.id;
        const workload = new Workload(tables);

        expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
        await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING');
        await workload.transactions(80);
        await db.exec(`INSERT INTO ${uncaptured} (id, version) VALUES (1, 1)`);

        // Stop and kill while changes are streaming, so that some are in flight.
        const beforeStop = workload.transactions(40);
        await sleep(60);
        expect((await api(server, 'POST', `/api/pipelines/${id}/stop`)).json.state).toBe('STOPPED');
        await beforeStop;
        await workload.transactions(60);
        expect((await api(server, 'POST', `/api/pipelines/${id}/start`, {})).status).toBe(202);
        await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING after start');
        await workload.transactions(60);
        const beforeKill = workload.transactions(60);
        await sleep(60);
        const pid = server.app.supervisor.pid(id)!;
        process.kill(pid, 'SIGKILL');
        const failed = await waitFor(() => api(server, 'GET', `/api/pipelines/${id}/status`), (r) => r.json.state === 'FAILED', 5000, 'FAILED');
        expect(failed.json.error).toMatch(/SIGKILL/);
        await beforeKill;
        await workload.transactions(60);
        await waitFor(() => state(id), (s) => s === 'RUNNING', 30_000, 'RUNNING again after the kill');
        expect(server.app.supervisor.pid(id)).not.toBe(pid);
        await workload.transactions(60);

        const expected = new Set([...workload.expected].flatMap(([row, changes]) => changes.map((c) => `${row} ${c}`)));
        const changeOf = (r: { value: any }) => `${r.value.table}/${r.value.id} ${r.value.op} ${r.value.version}`;
        await waitFor(() => kafka.count(topic), (n) => n >= workload.changeCount, 60_000, `${workload.changeCount} changes in Kafka`);
        const records = await waitFor(
          () => kafka.readAll(topic),
          (all) => new Set(all.map(changeOf)).size >= expected.size,
          60_000,
          'every distinct change',
        );
        expect((await api(server, 'POST', `/api/pipelines/${id}/stop`)).json.state).toBe('STOPPED');

        expect(new Set(records.map(changeOf))).toEqual(expected);
        // Per row, in the order its partition holds them: replays only repeat what came before.
        const byRow = new Map<string, string[]>();
        for (const r of records) {
          expect(r.key).toBe(`${r.value.table}/${r.value.id}`);
          byRow.set(r.key!, [...(byRow.get(r.key!) ?? []), `${r.value.op} ${r.value.version}`]);
        }
        for (const [row, changes] of workload.expected) {
          const seen = byRow.get(row) ?? [];
          expect([...new Set(seen)], row).toEqual(changes);
          expect(seen.at(-1), row).toBe(changes.at(-1));
        }
        console.log(`mysql-cdc kill test: ${records.length} records in Kafka for ${workload.changeCount} changes, ${records.length - workload.changeCount} repeated after the kill`);
      } finally {
        for (const table of [...tables, uncaptured]) await db.exec(`DROP TABLE IF EXISTS ${table}`);
      }
    }),
    240_000,
  );
});
