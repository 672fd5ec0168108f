import { expect, test } from '@playwright/test';
import type { LakeListing, LakePreview } from '../../../packages/model/src/index';
import { DesignerPage } from '../../pages/designer-page';
import { LakePage } from '../../pages/lake-page';
import { PipelinesPage } from '../../pages/pipelines-page';
import { shot } from '../support/screenshot';
import { cleanUp, ensureStopped, JOURNEY_VIEWPORT, lakeRecords, LOGGED_OUT, logInAsAdmin, newRunId } from './journey';
import { deleteTopic, kafka } from './kafka';
import { POSTGRES_URL, psql, testDatabase, type TestDatabase } from './postgres';

test.use({ storageState: LOGGED_OUT, viewport: JOURNEY_VIEWPORT });

type Op = 'insert' | 'update' | 'delete';
interface Change {
  id: number;
  op: Op;
  qty: number;
}

/**
 * What the journey does to the table with psql, one transaction per entry, and the changes
 * each one makes: several on the same keys, a key deleted and inserted again, one statement
 * changing two keys, a transaction inserting a key and updating it. Deletes carry the whole
 * old row (REPLICA IDENTITY FULL).
 */
const WORKLOAD = (table: string): Array<{ sql: string; changes: Change[] }> => [
  {
    sql: `INSERT INTO ${table} VALUES (1, 1, 'first'), (2, 1, 'second'), (3, 1, 'third')`,
    changes: [
      { id: 1, op: 'insert', qty: 1 },
      { id: 2, op: 'insert', qty: 1 },
      { id: 3, op: 'insert', qty: 1 },
    ],
  },
  { sql: `UPDATE ${table} SET qty = 2 WHERE id = 1`, changes: [{ id: 1, op: 'update', qty: 2 }] },
  { sql: `UPDATE ${table} SET qty = 2 WHERE id = 2`, changes: [{ id: 2, op: 'update', qty: 2 }] },
  { sql: `DELETE FROM ${table} WHERE id = 3`, changes: [{ id: 3, op: 'delete', qty: 1 }] },
  { sql: `UPDATE ${table} SET qty = 3, note = 'third time' WHERE id = 1`, changes: [{ id: 1, op: 'update', qty: 3 }] },
  { sql: `INSERT INTO ${table} VALUES (3, 1, 'third again')`, changes: [{ id: 3, op: 'insert', qty: 1 }] },
  { sql: `DELETE FROM ${table} WHERE id = 2`, changes: [{ id: 2, op: 'delete', qty: 2 }] },
  {
    sql: `UPDATE ${table} SET qty = qty + 1 WHERE id IN (1, 3)`,
    changes: [
      { id: 1, op: 'update', qty: 4 },
      { id: 3, op: 'update', qty: 2 },
    ],
  },
  { sql: `INSERT INTO ${table} VALUES (4, 7, 'fourth'); UPDATE ${table} SET qty = 8 WHERE id = 4`, changes: [{ id: 4, op: 'insert', qty: 7 }, { id: 4, op: 'update', qty: 8 }] },
];

/** Each key's changes, in the order given. */
function byKey(changes: Change[]): Map<number, Array<{ op: Op; qty: number }>> {
  const keys = new Map<number, Array<{ op: Op; qty: number }>>();
  for (const { id, op, qty } of changes) keys.set(id, [...(keys.get(id) ?? []), { op, qty }]);
  return keys;
}

/** A captured change as the pipeline writes it: the row, marked with its operation by the expression stage. */
type Captured = { id: number; qty: number; note: string; _op: Op };

test('CDC journey: inserts, updates and deletes made with psql land in Kafka and the lake in order', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const run = newRunId();
  const table = `cdc_journey_${run}`;
  const slot = `duto_e2e_${run}`;
  const publication = `duto_e2e_${run}`;
  const topic = `duto-e2e-cdc-${run}`;
  const lakeFolder = `e2e-cdc-${run}/changes`;
  const workload = WORKLOAD(table);
  const expected = byKey(workload.flatMap((w) => w.changes));
  const total = workload.reduce((n, w) => n + w.changes.length, 0);
  const designer = new DesignerPage(page);
  const ids = { cdc: '', mark: '', kafka: '', lake: '' };
  let pipelineId = '';
  let db: TestDatabase | undefined;

  try {
    await test.step('a table of its own, whose changes carry whole rows', async () => {
      db = await testDatabase('postgres');
      await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, qty int NOT NULL, note text)`);
      await db.exec(`ALTER TABLE ${table} REPLICA IDENTITY FULL`);
    });

    await test.step('log in, create a pipeline and build PostgreSQL CDC → Kafka and data lake JSONL', async () => {
      await logInAsAdmin(page);
      pipelineId = await new PipelinesPage(page).create(`CDC journey ${run}`);
      await designer.waitUntilOpen();
      ids.cdc = await designer.dragStage('origin.postgres-cdc', { x: 130, y: 250 });
      ids.mark = await designer.dragStage('processor.expression', { x: 400, y: 250 });
      ids.kafka = await designer.dragStage('destination.kafka', { x: 700, y: 130 });
      ids.lake = await designer.dragStage('destination.datalake', { x: 700, y: 380 });

      await designer.configure(ids.cdc, { '/connectionString': POSTGRES_URL, '/slotName': slot, '/publication': publication });
      await designer.addItem('/tables');
      await designer.fill('/tables/0', `public.${table}`);

      await designer.select(ids.mark);
      await designer.addItem('/fields');
      await designer.fill('/fields/0/path', '_op');
      await designer.fill('/fields/0/expression', '$attributes.`cdc.op`');

      await designer.configure(ids.kafka, { '/topic': topic, '/key': 'id' });
      await designer.configure(ids.lake, { '/path': lakeFolder, '/format': 'jsonl', '/rollIntervalMs': '1000' });

      await designer.connectAll([
        [ids.cdc, ids.mark],
        [ids.mark, ids.kafka],
        [ids.mark, ids.lake],
      ]);
      await expect(page.getByTestId('stage-issue')).toHaveCount(0);
      await page.getByTestId('auto-layout').click();
      await designer.save();
      await shot(page, testInfo, 'cdc-1-designed');
    });

    await test.step('start it; it creates its publication and its replication slot', async () => {
      await designer.start();
      const slotActive = async () => (await db!.rows('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]))[0]?.active === true;
      await expect.poll(slotActive, { timeout: 30_000, message: 'the replication slot streams' }).toBe(true);
      expect(await db!.rows('SELECT pubname FROM pg_publication WHERE pubname = $1', [publication])).toHaveLength(1);
    });

    await test.step('insert, update and delete rows with psql; the edges count them', async () => {
      for (const { sql } of workload) await psql(sql);
      await expect.poll(() => designer.edgeCount(ids.mark, ids.kafka), { timeout: 30_000 }).toBe(total);
      await expect.poll(() => designer.edgeCount(ids.mark, ids.lake), { timeout: 30_000 }).toBe(total);
      await shot(page, testInfo, 'cdc-2-running-counts');
    });

    await test.step('Kafka holds each key\'s changes in the order they were made', async () => {
      await expect.poll(() => kafka.count(topic), { timeout: 30_000 }).toBe(total);
      const received = new Map<number, Array<{ op: Op; qty: number }>>();
      for (const { key, value } of await kafka.readAll(topic)) {
        const change = value as Captured;
        expect(key).toBe(String(change.id));
        received.set(change.id, [...(received.get(change.id) ?? []), { op: change._op, qty: change.qty }]);
      }
      expect(received).toEqual(expected);
    });

    await test.step('the lake\'s JSONL holds every change in commit order', async () => {
      await expect.poll(() => lakeRecords(page.request, lakeFolder), { timeout: 30_000 }).toBe(total);
      const listing = (await (await page.request.get(`/api/lake?path=${encodeURIComponent(lakeFolder)}`)).json()) as LakeListing;
      // File names begin with the time they were opened, so their order is the order written.
      const lines: Captured[] = [];
      for (const file of listing.entries) {
        const preview = (await (await page.request.get(`/api/lake/preview?path=${encodeURIComponent(file.path)}&limit=1000`)).json()) as LakePreview;
        lines.push(...(preview.records as Captured[]));
      }
      expect(lines.map(({ id, _op, qty }) => ({ id, op: _op, qty }))).toEqual(workload.flatMap((w) => w.changes));
      expect(lines.at(-1)).toEqual({ id: 4, qty: 8, note: 'fourth', _op: 'update' });

      const lake = new LakePage(page);
      await lake.openFromNavigation();
      await lake.openFolders(lakeFolder);
      const preview = await lake.preview(lake.files().first());
      await expect(preview.getByTestId('preview-summary')).toContainText('JSONL');
      await expect(preview.getByTestId('preview-table').getByRole('columnheader')).toContainText(['#', 'id', 'qty', 'note', '_op']);
      await shot(page, testInfo, 'cdc-3-lake-jsonl');
    });

    await test.step('stop it', async () => {
      await designer.goto(pipelineId);
      await designer.stop();
      expect((await db!.rows('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]))[0]?.active).toBe(false);
    });
  } finally {
    await cleanUp({
      'stop the pipeline': async () => pipelineId && (await ensureStopped(page.request, pipelineId)),
      'drop the slot': async () => db?.exec('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot]),
      'drop the publication': async () => db?.exec(`DROP PUBLICATION IF EXISTS ${publication}`),
      'drop the table': async () => db?.exec(`DROP TABLE IF EXISTS ${table}`),
      'close the database client': async () => db?.close(),
      'delete the topic': () => deleteTopic(topic),
    });
  }
});
