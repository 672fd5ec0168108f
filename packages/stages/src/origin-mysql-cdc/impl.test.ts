import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PipelineStartError, type Emit, type OffsetStore } from '@duto/engine';
import { DEFAULT_SETTINGS, type DutoRecord } from '@duto/model';
import { testDatabase, underBinlogLock, uniqueName, type TestDatabase } from '../testing/databases';
import { testContext } from '../testing/harness';
import { parsePosition } from './binlog-position';
import { BinlogReader } from './binlog-reader';
import { ChangeBuffer } from './change-buffer';
import { originMysqlCdcImpl } from './impl';

let db: TestDatabase;
const dropAfter: string[] = [];

beforeAll(async () => {
  db = await testDatabase('mysql');
});
afterEach(async () => {
  for (const table of dropAfter.splice(0)) await db.exec(`DROP TABLE IF EXISTS ${table}`);
});
afterAll(() => db.close());

async function table(prefix: string, columns = 'id INT PRIMARY KEY, name VARCHAR(40), qty INT'): Promise<string> {
  const name = uniqueName(prefix);
  await db.exec(`CREATE TABLE ${name} (${columns}) ENGINE=InnoDB`);
  dropAfter.push(name);
  return name;
}

/** A replica server id of its own for every connector, as the binlog protocol requires. */
const serverId = () => randomInt(100_000, 2_000_000_000);

interface Capture {
  records: DutoRecord[];
  batches: DutoRecord[][];
  /** Settles when run() does: after a stop, or on a failure. */
  running: Promise<void>;
  until(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function capture(tables: string[], offsets: OffsetStore, options: { batchSize?: number; emit?: Emit } = {}): Promise<Capture> {
  const abort = new AbortController();
  const context = testContext({
    signal: abort.signal,
    offsets,
    settings: { ...DEFAULT_SETTINGS, batchSize: options.batchSize ?? 1000, batchWaitMs: 50 },
  });
  const stage = await originMysqlCdcImpl.create({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test', tables, serverId: serverId() }, context);
  if (stage.kind !== 'origin') throw new Error('not an origin');
  const records: DutoRecord[] = [];
  const batches: DutoRecord[][] = [];
  const running = stage.runtime.run(async (batch) => {
    await options.emit?.(batch);
    batches.push(batch.records);
    records.push(...batch.records);
  }, () => {});
  running.catch(() => {});
  return {
    records,
    batches,
    running,
    async until(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (records.length < count) {
        if (Date.now() > deadline) throw new Error(`timed out with ${records.length} of ${count} changes`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}

const summary = (r: DutoRecord) => [r.attributes['cdc.op'], r.attributes['cdc.table'], r.value];

describe('origin.mysql-cdc', () => {
  it('captures inserts, updates and deletes across two tables in binlog order, with their cdc attributes', async () => {
    const orders = await table('orders');
    const lines = await table('lines');
    const other = await table('other');
    const store = testContext();
    const cdc = await capture([orders, lines], store.offsets);
    expect(parsePosition(store.committed[0]!)).toEqual({ file: expect.stringMatching(/-bin\.\d+$/), position: expect.any(Number) });

    await db.exec(`INSERT INTO ${orders} VALUES (1, 'first', 1)`);
    await db.exec(`INSERT INTO ${lines} VALUES (10, 'line', 5), (11, 'line', 6)`);
    await db.exec(`INSERT INTO ${other} VALUES (1, 'not captured', 0)`);
    await db.exec(`UPDATE ${orders} SET qty = 2 WHERE id = 1`);
    await db.exec('START TRANSACTION');
    await db.exec(`INSERT INTO ${orders} VALUES (2, 'second', 1)`);
    await db.exec(`UPDATE ${lines} SET name = 'changed' WHERE id = 10`);
    await db.exec(`DELETE FROM ${orders} WHERE id = 1`);
    await db.exec('COMMIT');
    await db.exec('START TRANSACTION');
    await db.exec(`INSERT INTO ${orders} VALUES (3, 'rolled back', 1)`);
    await db.exec('ROLLBACK');
    await db.exec(`DELETE FROM ${lines}`);
    await cdc.until(9);
    await cdc.stop();

    const o = `test.${orders}`;
    const l = `test.${lines}`;
    expect(cdc.records.map(summary)).toEqual([
      ['insert', o, { id: 1, name: 'first', qty: 1 }],
      ['insert', l, { id: 10, name: 'line', qty: 5 }],
      ['insert', l, { id: 11, name: 'line', qty: 6 }],
      ['update', o, { id: 1, name: 'first', qty: 2 }],
      ['insert', o, { id: 2, name: 'second', qty: 1 }],
      ['update', l, { id: 10, name: 'changed', qty: 5 }],
      ['delete', o, { id: 1, name: 'first', qty: 2 }],
      ['delete', l, { id: 10, name: 'changed', qty: 5 }],
      ['delete', l, { id: 11, name: 'line', qty: 6 }],
    ]);
    expect(JSON.parse(cdc.records[3]!.attributes['cdc.before']!)).toEqual({ id: 1, name: 'first', qty: 1 });
    expect(cdc.records[0]!.attributes['cdc.before']).toBeUndefined();
    for (const r of cdc.records) expect(r.attributes['cdc.position']).toMatch(/^\S+-bin\.\d+:\d+$/);
    // The three changes of one transaction share its position.
    expect(new Set(cdc.records.slice(4, 7).map((r) => r.attributes['cdc.position'])).size).toBe(1);
    expect(store.committed.length).toBeGreaterThan(1);
  });

  it('reads values exactly: big numbers as text, times as ISO text, bytes as base64, JSON columns as their text', async () => {
    const typed = await table(
      'typed',
      'id BIGINT PRIMARY KEY, exact DECIMAL(20,6), at DATETIME(6), at_ts TIMESTAMP(6) NULL, day DATE, bytes VARBINARY(8), doc JSON, flag BOOLEAN',
    );
    const cdc = await capture([typed], testContext().offsets);
    await db.exec(`SET time_zone = '+00:00'`);
    await db.exec(`INSERT INTO ${typed} VALUES (9007199254740993, 12345678901234.123456, '2024-02-29 23:59:58.123456',
      '2024-02-29 21:59:58.5', '2024-02-29', x'00ff10', '{"a": 1}', TRUE), (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    await cdc.until(2);
    await cdc.stop();
    expect(cdc.records.map((r) => r.value)).toEqual([
      {
        id: '9007199254740993', exact: '12345678901234.123456', at: '2024-02-29T23:59:58.123456', at_ts: '2024-02-29T21:59:58.500000Z',
        day: '2024-02-29', bytes: 'AP8Q', doc: '{"a": 1}', flag: 1,
      },
      { id: '1', exact: null, at: null, at_ts: null, day: null, bytes: null, doc: null, flag: null },
    ]);
  });

  it('resumes after a stop from the committed position: nothing lost, nothing repeated', async () => {
    const items = await table('items');
    const store = testContext();
    const first = await capture([items], store.offsets, { batchSize: 7 });
    const writer = (async () => {
      for (let id = 1; id <= 60; id += 1) {
        await db.exec(`INSERT INTO ${items} VALUES (${id}, 'item', ${id})`);
        if (id % 20 === 0) await db.exec(`UPDATE ${items} SET qty = -qty WHERE id = ${id}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await first.until(15);
    await first.stop();
    const second = await capture([items], store.offsets, { batchSize: 7 });
    await writer;
    await second.until(63 - first.records.length);
    await new Promise((r) => setTimeout(r, 300));
    await second.stop();

    const all = [...first.records, ...second.records].map((r) => `${r.attributes['cdc.op']} ${r.value.id} ${r.value.qty}`);
    const expected = Array.from({ length: 60 }, (_, i) => i + 1).flatMap((id) => [`insert ${id} ${id}`, ...(id % 20 === 0 ? [`update ${id} ${-id}`] : [])]);
    expect(all).toEqual(expected);
    expect(first.records.length).toBeGreaterThanOrEqual(15);
    expect(second.records.length).toBeGreaterThan(0);
  });

  it('commits only at transaction boundaries, so a failure inside a transaction replays all of it', async () => {
    const items = await table('items');
    const store = testContext();
    let batchesSeen = 0;
    const failing = await capture([items], store.offsets, {
      batchSize: 4,
      emit: async () => {
        batchesSeen += 1;
        if (batchesSeen === 3) throw new Error('destination down');
      },
    });
    await db.exec('START TRANSACTION');
    for (let id = 1; id <= 10; id += 1) await db.exec(`INSERT INTO ${items} VALUES (${id}, 'in one transaction', ${id})`);
    await db.exec('COMMIT');
    await expect(failing.running).rejects.toThrow('destination down');
    expect(failing.batches.map((b) => b.length)).toEqual([4, 4]);

    const again = await capture([items], store.offsets, { batchSize: 4 });
    await again.until(10);
    await again.stop();
    // Had a position inside the transaction been committed, the restart would lack rows 1 to 8.
    expect(again.records.map((r) => r.value.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('pauses reading while its buffer is full, and reads on in order once it drains', async () => {
    const items = await table('items');
    const [status] = await db.rows('SHOW MASTER STATUS');
    for (let tx = 0; tx < 100; tx += 1) {
      const values = Array.from({ length: 10 }, (_, i) => `(${tx * 10 + i + 1}, 'bulk', ${tx})`);
      await db.exec(`INSERT INTO ${items} VALUES ${values.join(', ')}`);
    }
    const buffer = new ChangeBuffer();
    const reader = new BinlogReader({
      connection: { host: '127.0.0.1', port: 3306, user: 'root' },
      serverId: serverId(),
      tables: { test: [items] },
      from: { file: status!.File, position: Number(status!.Position) },
      buffer,
      maxBuffered: 100,
    });
    try {
      await reader.start();
      await new Promise((r) => setTimeout(r, 1000));
      // One rows event (ten rows) may land after the limit is reached, never more.
      expect(buffer.changes).toBeGreaterThanOrEqual(100);
      expect(buffer.changes).toBeLessThanOrEqual(110);
      const ids: unknown[] = [];
      const deadline = Date.now() + 15_000;
      while (ids.length < 1000 && Date.now() < deadline) {
        ids.push(...buffer.take(30).records.map((r) => r.value.id));
        reader.resumeIfRoom();
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    } finally {
      await reader.stop();
    }
  });

  it('refuses to start, saying so, from a position whose binlog was purged', async () => {
    await underBinlogLock(db, async () => {
      const items = await table('items');
      await db.exec('FLUSH BINARY LOGS');
      const [before] = await db.rows('SHOW MASTER STATUS');
      await db.exec(`INSERT INTO ${items} VALUES (1, 'lost while stopped', 1)`);
      await db.exec('FLUSH BINARY LOGS');
      const [after] = await db.rows('SHOW MASTER STATUS');
      // MariaDB keeps a binlog until its crash-recovery checkpoint has moved past it: purge until it is gone.
      const purged = async () => {
        await db.exec(`PURGE BINARY LOGS TO '${after!.File}'`);
        return (await db.rows('SHOW BINARY LOGS')).every((log) => log.Log_name !== before!.File);
      };
      const deadline = Date.now() + 10_000;
      while (!(await purged()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await purged()).toBe(true);

      const store = testContext();
      await store.offsets.commit(JSON.stringify({ file: before!.File, position: Number(before!.Position) }));
      const create = originMysqlCdcImpl.create(
        { host: '127.0.0.1', port: 3306, user: 'root', database: 'test', tables: [items], serverId: serverId() },
        testContext({ offsets: store.offsets }),
      );
      await expect(create).rejects.toBeInstanceOf(PipelineStartError);
      await expect(create).rejects.toThrow(new RegExp(`binlog position ${before!.File}:${before!.Position} is no longer on the server.*purged`));
      expect(store.committed).toHaveLength(1);
    });
  });
});
