import { expect, test } from '@playwright/test';

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
