import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from './support/screenshot';

test.use({ viewport: { width: 1440, height: 1000 } });

/** Readings written as Parquet by Duto itself: a generator pipeline into the lake, by day and hour. */
const generatorToLake = (root: string) => ({
  format: 'duto.pipeline/v1',
  name: `Lake e2e ${root}`,
  settings: { batchSize: 500, batchWaitMs: 100 },
  stages: [
    { id: 'sensors', type: 'origin.dev-generator', config: { template: 'iot-sensor', recordsPerSecond: 2000, count: 300, sensors: 5, malformedRatio: 0 } },
    {
      id: 'lake',
      type: 'destination.datalake',
      config: { path: `${root}/readings`, partitionBy: 'dt={yyyy}-{MM}-{dd}/hour={HH}', timeField: 'ts', format: 'parquet', rollIntervalMs: 1000 },
    },
  ],
  edges: [{ from: 'sensors', to: 'lake' }],
});

test('browses the lake to a partition and previews a Parquet file', async ({ page, request }, testInfo) => {
  const root = `e2e-lake-${Date.now()}`;
  const lakeDir = join(process.env.DUTO_E2E_HOME!, 'lake');
  // A file dropped by hand beside them, and one still being written (hidden, never shown).
  mkdirSync(join(lakeDir, root, 'notes'), { recursive: true });
  writeFileSync(join(lakeDir, root, 'notes', 'notes.jsonl'), '{"note":"first"}\n{"note":"second"}\n');
  writeFileSync(join(lakeDir, root, 'notes', '.inprogress.x.y.20261125100000000-abcdef12-000001.jsonl'), '{"note":"partial"}\n');

  const { id } = await (await request.post('/api/pipelines', { data: generatorToLake(root) })).json();
  expect((await request.post(`/api/pipelines/${id}/start`, { data: {} })).status()).toBe(202);
  const parquetListed = async () => {
    const days = await (await request.get(`/api/lake?path=${encodeURIComponent(`${root}/readings`)}`)).json();
    const day = days.entries?.[0];
    if (!day) return 0;
    const hours = await (await request.get(`/api/lake?path=${encodeURIComponent(day.path)}`)).json();
    let records = 0;
    for (const hour of hours.entries) {
      const files = await (await request.get(`/api/lake?path=${encodeURIComponent(hour.path)}`)).json();
      records += files.entries.reduce((sum: number, file: { records?: number }) => sum + (file.records ?? 0), 0);
    }
    return records;
  };
  await expect.poll(parquetListed, { timeout: 30_000, message: 'the generator\'s 300 readings in Parquet' }).toBe(300);
  await request.post(`/api/pipelines/${id}/stop`);

  await test.step('from the app\'s navigation to the lake root', async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data lake' }).click();
    await expect(page).toHaveURL(/\/lake$/);
    await expect(page.getByRole('heading', { name: 'Data lake', exact: true })).toBeVisible();
    await expect(page.getByTestId('lake-breadcrumbs')).toHaveText('Lake root');
  });

  await test.step('down the folders and the day and hour partitions', async () => {
    await page.locator(`[data-testid="lake-entry"][data-name="${root}"]`).getByRole('link').click();
    await expect(page.getByTestId('lake-entry')).toHaveCount(2);
    await page.locator('[data-testid="lake-entry"][data-name="readings"]').getByRole('link').click();
    const day = page.locator('[data-testid="lake-entry"][data-kind="partition"]').first();
    await expect(day).toHaveAttribute('data-name', /^dt=\d{4}-\d\d-\d\d$/);
    await expect(day.locator('.partition-key')).toHaveText('dt');
    await day.getByRole('link').click();
    const hour = page.locator('[data-testid="lake-entry"][data-kind="partition"]').first();
    await expect(hour).toHaveAttribute('data-name', /^hour=\d\d$/);
    await hour.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/lake/${root}/readings/dt=\\d{4}-\\d\\d-\\d\\d/hour=\\d\\d$`));
    await expect(page.getByTestId('lake-breadcrumbs').getByRole('listitem')).toHaveCount(5);
    await shot(page, testInfo, '1-partition', { fullPage: true });
  });

  await test.step('a Parquet file: its records, size and time, then its first records as a table and as JSON', async () => {
    const file = page.locator('[data-testid="lake-entry"][data-kind="file"]').first();
    await expect(file).toHaveAttribute('data-name', /^part-.*\.parquet$/);
    await expect(file.getByRole('cell').nth(3)).toHaveText(/ago|just now/);
    await file.getByRole('button').click();
    const preview = page.getByTestId('lake-preview');
    await expect(preview.getByTestId('preview-table')).toBeVisible();
    const table = preview.getByTestId('preview-table');
    await expect(table.getByRole('columnheader')).toContainText(['#', 'seq', 'sensorId', 'ts', 'temperature', 'humidity', 'battery']);
    const shown = await table.locator('tbody tr').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(100);
    await expect(table.locator('tbody tr').first()).toContainText(/sensor-\d{3}/);
    await shot(page, testInfo, '2-parquet-preview', { fullPage: true });
    await preview.getByTestId('preview-as-json').click();
    const json = preview.getByTestId('preview-json');
    await expect(json).toBeVisible();
    const first = JSON.parse((await json.innerText()).split('\n')[0]!);
    expect(first).toMatchObject({ sensorId: expect.stringMatching(/^sensor-\d{3}$/), seq: expect.any(Number), temperature: expect.any(Number) });
    const download = preview.getByTestId('lake-download');
    await expect(download).toHaveAttribute('href', /^\/api\/lake\/download\?path=/);
    const response = await request.get((await download.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 4).toString()).toBe('PAR1');
  });

  await test.step('the hand-dropped file is listed, the one being written is not', async () => {
    await page.getByTestId('lake-breadcrumbs').getByRole('link', { name: root }).click();
    await page.locator('[data-testid="lake-entry"][data-name="notes"]').getByRole('link').click();
    await expect(page.getByTestId('lake-entry')).toHaveCount(1);
    const notes = page.locator('[data-testid="lake-entry"][data-name="notes.jsonl"]');
    await expect(notes.getByRole('cell').nth(1)).toHaveText('2');
    await notes.getByRole('button').click();
    await expect(page.getByTestId('preview-summary')).toHaveText('2 records · JSONL');
  });
});
