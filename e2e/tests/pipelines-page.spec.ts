import { expect, test } from '@playwright/test';
import { POSTGRES_URL, testDatabase } from './journeys/postgres';
import { shot } from './support/screenshot';

const pipeline = (name: string) => ({
  format: 'duto.pipeline/v1',
  name,
  stages: [
    { id: 'gen', type: 'origin.dev-generator', config: { template: 'iot-sensor' } },
    { id: 'out', type: 'destination.trash', config: {} },
  ],
  edges: [{ from: 'gen', to: 'out' }],
});

test('lists the stored pipelines with their state', async ({ page, request }) => {
  const name = `Listed ${Date.now()}`;
  const created = await request.post('/api/pipelines', { data: pipeline(name) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();

  await page.goto('/');
  const row = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${id}"]`);
  await expect(row).toContainText(name);
  await expect(row).toContainText('STOPPED');
});

test('imports a pipeline file, and shows each problem of a broken one by its path', async ({ page }) => {
  await page.goto('/');
  const broken = pipeline('Broken');
  broken.edges.push({ from: 'out', to: 'gen' });
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.duto.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('/edges/1/to');
  await expect(problems).toContainText('/edges/1/from');

  const name = `Imported ${Date.now()}`;
  await page.getByTestId('import-file').setInputFiles({
    name: 'good.duto.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(pipeline(name))),
  });
  await expect(page.getByTestId('pipeline-list')).toContainText(name);
  await expect(problems).toHaveCount(0);
});

test('serves the web app for client routes and the API docs', async ({ page }) => {
  const response = await page.goto('/pipelines/some-id');
  expect(response?.status()).toBe(200);
  await expect(page.locator('.brand')).toHaveText('Duto');
  const docs = await page.goto('/api/docs');
  expect(docs?.status()).toBe(200);
});

test('deleting a CDC pipeline says it keeps a replication slot, and drops it when asked', async ({ page, request }, testInfo) => {
  const suffix = `${Date.now()}`;
  const [table, slotName] = [`e2e_retained_${suffix}`, `e2e_slot_${suffix}`];
  const db = await testDatabase('postgres');
  await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY)`);
  const slots = async () => (await db.rows('SELECT slot_name FROM pg_replication_slots WHERE slot_name = $1', [slotName])).length;
  try {
    const created = await request.post('/api/pipelines', {
      data: {
        format: 'duto.pipeline/v1',
        name: `CDC ${suffix}`,
        stages: [
          { id: 'changes', type: 'origin.postgres-cdc', config: { connectionString: POSTGRES_URL, tables: [`public.${table}`], slotName, publication: slotName } },
          { id: 'out', type: 'destination.trash', config: {} },
        ],
        edges: [{ from: 'changes', to: 'out' }],
      },
    });
    const { id } = await created.json();
    const state = async () => (await (await request.get(`/api/pipelines/${id}/status`)).json()).state;
    expect((await request.post(`/api/pipelines/${id}/start`, { data: {} })).status()).toBe(202);
    await expect.poll(state, { timeout: 60_000 }).toBe('RUNNING');
    await request.post(`/api/pipelines/${id}/stop`);
    await expect.poll(state, { timeout: 30_000 }).toBe('STOPPED');
    expect(await slots()).toBe(1);

    await page.goto('/');
    await page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${id}"]`).getByTestId('delete-pipeline').click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog.getByTestId('retained-state')).toContainText(`replication slot "${slotName}"`);
    await expect(dialog.getByTestId('release-retained')).not.toBeChecked();
    await dialog.getByTestId('release-retained').check();
    await shot(page, testInfo, 'delete-dialog-with-slot');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${id}"]`)).toHaveCount(0);
    expect(await slots()).toBe(0);
  } finally {
    await db.exec('SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1', [slotName]);
    await db.exec(`DROP PUBLICATION IF EXISTS ${slotName}`);
    await db.exec(`DROP TABLE IF EXISTS ${table}`);
    await db.close();
  }
});
