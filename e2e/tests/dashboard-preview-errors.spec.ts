import { expect, test, type APIRequestContext, type Locator } from '@playwright/test';
import { DesignerPage } from '../pages/designer-page';
import { PipelinesPage } from '../pages/pipelines-page';
import { shot } from './support/screenshot';

test.use({ viewport: { width: 1600, height: 1000 } });

/** Generator → expression → trash; `malformedRatio` makes that share of readings carry temperature "n/a". */
function sensorPipeline(name: string, { malformedRatio = 0, expression = { path: 'temperatureF', expression: 'temperature * 9 / 5 + 32' } } = {}) {
  return {
    format: 'duto.pipeline/v1',
    name,
    settings: { batchSize: 100, batchWaitMs: 100, onRecordError: 'error-lane' },
    stages: [
      { id: 'gen', type: 'origin.dev-generator', label: 'Sensors', config: { template: 'iot-sensor', recordsPerSecond: 40, sensors: 5, malformedRatio }, position: { x: 80, y: 120 } },
      { id: 'to-f', type: 'processor.expression', label: 'To Fahrenheit', config: { fields: [expression] }, position: { x: 380, y: 120 } },
      { id: 'sink', type: 'destination.trash', config: {}, position: { x: 680, y: 120 } },
    ],
    edges: [
      { from: 'gen', to: 'to-f' },
      { from: 'to-f', to: 'sink' },
    ],
  };
}

async function createPipeline(request: APIRequestContext, document: object): Promise<string> {
  const response = await request.post('/api/pipelines', { data: document });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function setRunning(request: APIRequestContext, id: string, running: boolean): Promise<void> {
  const response = await request.post(`/api/pipelines/${id}/${running ? 'start' : 'stop'}`, running ? { data: {} } : {});
  expect(response.ok()).toBe(true);
  const wanted = running ? 'RUNNING' : 'STOPPED';
  await expect.poll(async () => ((await (await request.get(`/api/pipelines/${id}/status`)).json()) as { state: string }).state, { timeout: 60_000 }).toBe(wanted);
}

const numberIn = async (locator: Locator) => Number((await locator.getAttribute('data-value')) ?? 'NaN');

test('the dashboard follows a running pipeline live, keeps its history over a reload, and shows a firing alert', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const name = `Dashboard e2e ${Date.now()}`;
  const id = await createPipeline(request, sensorPipeline(name));
  await setRunning(request, id, true);
  try {
    await test.step('open the dashboard from the designer and watch the totals rise', async () => {
      const designer = new DesignerPage(page);
      await designer.goto(id);
      // The edges count live: a plain edge shows what its source passed on.
      await expect.poll(() => designer.edgeCount('gen', 'to-f'), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByTestId('view-dashboard').click();
      await expect(page).toHaveURL(new RegExp(`/pipelines/${id}/dashboard$`));
      await expect(page.getByTestId('dashboard')).toBeVisible();
      const totalIn = page.getByTestId('dashboard-total-in');
      await expect.poll(() => numberIn(totalIn), { timeout: 30_000 }).toBeGreaterThan(0);
      const first = await numberIn(totalIn);
      await expect.poll(() => numberIn(totalIn), { timeout: 30_000 }).toBeGreaterThan(first);
      const second = await numberIn(totalIn);
      expect(second).toBeGreaterThan(first);
      await expect.poll(() => numberIn(page.getByTestId('dashboard-total-out')), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect(page.locator('[data-testid="state-badge"][data-state="RUNNING"]').first()).toBeVisible();
      await expect(page.getByTestId('uptime')).toHaveText(/\d+ (s|min)/);
      // A live point every couple of seconds: the rate chart draws a line through them. (Not
      // "visible": a steady rate is a flat line, whose box has no height.)
      await expect.poll(async () => Number(await page.getByTestId('throughput-chart').getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(1);
      await expect(page.getByTestId('throughput-chart').locator('path.recharts-line-curve').first()).toHaveAttribute('d', /^M[^M]+[LC]/);
      await expect(page.getByTestId('dashboard-stage-row')).toHaveCount(3);
      await shot(page, testInfo, '1-dashboard-live');
    });

    await test.step('pick one stage for the charts', async () => {
      await page.getByTestId('dashboard-stage').selectOption('to-f');
      await expect(page.getByTestId('throughput-chart')).toContainText('To Fahrenheit (to-f)');
      await expect(page.getByTestId('batch-time-chart')).toContainText('Batch time · To Fahrenheit');
      await expect.poll(async () => Number(await page.getByTestId('batch-time-chart').getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(0);
    });

    await test.step('a reload starts from the stored history, not empty', async () => {
      // A 10 s bucket must have closed since the start for the history to hold one.
      await expect
        .poll(async () => ((await (await request.get(`/api/pipelines/${id}/metrics/history?resolution=10s`)).json()) as { buckets: unknown[] }).buckets.length, { timeout: 30_000 })
        .toBeGreaterThan(1);
      const reloadedAt = Date.now();
      await page.reload();
      await expect(page.getByTestId('dashboard')).toBeVisible();
      const chart = page.getByTestId('throughput-chart');
      await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(0);
      // The chart starts before the page was loaded: those points came from the stored history.
      expect(Number(await chart.getAttribute('data-from'))).toBeLessThan(reloadedAt);
    });

    await test.step('an alert rule that fires shows on the dashboard and in the pipeline list', async () => {
      await page.getByTestId('alert-kind').selectOption('throughput-below');
      await page.getByTestId('alert-threshold').fill('1000000');
      await page.getByTestId('alert-for').fill('0');
      await page.getByTestId('add-alert').click();
      await expect(page.getByTestId('alert-rule')).toHaveCount(1);
      await expect(page.getByTestId('firing-alert')).toContainText('Throughput below 1000000 records/s', { timeout: 30_000 });
      await expect(page.getByTestId('alert-rule')).toHaveAttribute('data-firing', 'true');
      await shot(page, testInfo, '2-dashboard-alert-firing');
      const list = new PipelinesPage(page);
      await list.goto();
      await expect(list.row(id).getByTestId('firing-alerts')).toHaveText('1 alert firing', { timeout: 15_000 });
      await list.row(id).getByTestId('firing-alerts').click();
      await expect(page.getByTestId('dashboard')).toBeVisible();
      await page.getByTestId('delete-alert').click();
      await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete' }).click();
      await expect(page.getByTestId('alert-rule')).toHaveCount(0);
      await expect(page.getByTestId('firing-alerts-banner')).toHaveCount(0);
    });
  } finally {
    await setRunning(request, id, false);
  }
});

test('records that fail in a stage are listed with their reason, downloaded, re-processed and discarded', async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const id = await createPipeline(request, sensorPipeline(`Errors e2e ${Date.now()}`, { malformedRatio: 0.3 }));
  await setRunning(request, id, true);
  let stopped = false;
  try {
    const rows = page.getByTestId('error-record-row');
    await test.step('a malformed reading appears in the error records with its stage and reason', async () => {
      await page.goto(`/pipelines/${id}`);
      await page.getByTestId('view-errors').click();
      await expect(page.getByTestId('error-records')).toBeVisible();
      await expect(rows.first()).toBeVisible({ timeout: 30_000 });
      await expect(rows.first()).toHaveAttribute('data-stage-id', 'to-f');
      await expect(rows.first().getByTestId('error-record-reason')).toContainText(/number/i);
      await rows.first().getByTestId('expand-error-record').click();
      await expect(page.getByTestId('error-record-json').first()).toContainText('"temperature": "n/a"');
      // New errors keep arriving and the list follows them.
      const seen = await rows.count();
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(seen);
      await shot(page, testInfo, '3-error-records');
    });

    await test.step('filter by stage', async () => {
      await page.getByTestId('error-stage-filter').selectOption('gen');
      await expect(page.getByTestId('error-records-empty')).toBeVisible();
      await page.getByTestId('error-stage-filter').selectOption('to-f');
      await expect(rows.first()).toBeVisible();
    });

    await test.step('download them as JSON Lines', async () => {
      const download = page.waitForEvent('download');
      await page.getByTestId('download-errors').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe(`${id}-to-f-errors.jsonl`);
      const chunks: Buffer[] = [];
      for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
      const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as { stageId: string; reason: string });
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.stageId === 'to-f' && line.reason.length > 0)).toBe(true);
    });

    await test.step('re-process one while running (it fails again, the config being unchanged), then explain why a stopped pipeline cannot', async () => {
      // By id: the list reloads as errors arrive, and a row keeps its selection through that.
      const row = async () => page.locator(`[data-testid="error-record-row"][data-error-id="${await rows.first().getAttribute('data-error-id')}"]`);
      await (await row()).getByTestId('select-error-record').check();
      await page.getByTestId('reprocess-errors').click();
      await expect(page.getByTestId('error-records-outcome')).toContainText('Sent 1 record back into the pipeline. 1 failed again');
      await setRunning(request, id, false);
      stopped = true;
      await (await row()).getByTestId('select-error-record').check();
      await page.getByTestId('reprocess-errors').click();
      await expect(page.getByTestId('error-records-outcome')).toContainText('The pipeline is not running');
      await shot(page, testInfo, '4-reprocess-refused');
    });

    await test.step('discard the selected ones', async () => {
      await page.getByTestId('select-all-errors').check();
      await page.getByTestId('discard-errors').click();
      await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Discard' }).click();
      await expect(page.getByTestId('error-records-outcome')).toContainText(/Discarded \d+ error record/);
      await expect(page.getByTestId('error-records-empty')).toBeVisible();
    });
  } finally {
    if (!stopped) await setRunning(request, id, false);
  }
});

test('preview runs the unsaved draft and shows what a stage changed, and re-runs in place after an edit', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const id = await createPipeline(request, sensorPipeline(`Preview e2e ${Date.now()}`, { expression: { path: 'temperature', expression: 'temperature * 9 / 5 + 32' } }));
  const designer = new DesignerPage(page);
  await designer.goto(id);
  const panel = page.getByTestId('preview-panel');

  await test.step('preview pasted readings: the changed field is marked, the malformed one goes to the error lane', async () => {
    await page.getByTestId('preview-toggle').click();
    await expect(panel).toBeVisible();
    await page.getByTestId('preview-source-pasted').check();
    await page.getByTestId('preview-paste').fill('[{"sensorId":"s-1","temperature":20},{"sensorId":"s-2","temperature":"n/a"},{"sensorId":"s-3","temperature":30}]');
    await page.getByTestId('preview-run').click();
    await expect(page.getByTestId('preview-summary')).toContainText('3 records pasted');
    await designer.select('to-f');
    await expect(panel.getByTestId('stage-preview')).toHaveAttribute('data-stage-id', 'to-f');
    const changed = panel.locator('[data-testid="changed-field"][data-field="temperature"]');
    await expect(changed).toHaveCount(2);
    await expect(changed.first()).toContainText('68');
    await expect(changed.first()).toHaveAttribute('data-change', 'changed');
    await expect(panel.getByTestId('preview-error')).toHaveCount(1);
    await expect(panel.getByTestId('preview-error')).toContainText('n/a');
    // Preview mode shows each stage's preview counts on the canvas.
    const counters = designer.node('to-f').getByTestId('preview-counters');
    await expect(counters).toHaveAttribute('data-in', '3');
    await expect(counters).toHaveAttribute('data-out', '2');
    await expect(counters).toHaveAttribute('data-errors', '1');
    await shot(page, testInfo, '5-preview-changed-field');
  });

  await test.step('edit the expression without saving and re-run in place', async () => {
    await designer.fill('/fields/0/expression', 'temperature * 2');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-dirty', 'true');
    await expect(page.getByTestId('preview-summary')).toContainText('The draft changed since');
    await page.getByTestId('preview-run').click();
    const changed = panel.locator('[data-testid="changed-field"][data-field="temperature"]');
    await expect(changed.first()).toContainText('40');
    await expect(page.getByTestId('preview-summary')).not.toContainText('The draft changed since');
    // The same stage stays shown; the JSON view marks the same field.
    await expect(panel.getByTestId('stage-preview')).toHaveAttribute('data-stage-id', 'to-f');
    await page.getByTestId('preview-view-json').click();
    await expect(panel.getByTestId('preview-json-output').first().locator('[data-testid="changed-field"][data-field="temperature"]')).toContainText('40');
    await page.getByTestId('preview-view-table').click();
  });

  await test.step('a draft the server refuses shows the problem at its stage and field', async () => {
    await designer.fill('/fields/0/path', '');
    await page.getByTestId('preview-run').click();
    const problems = page.getByTestId('preview-problems');
    await expect(problems).toBeVisible();
    await expect(problems).toContainText('/stages/1/config/fields/0/path');
    await problems.getByRole('button', { name: 'To Fahrenheit' }).click();
    await expect(designer.input('/fields/0/path')).toBeFocused();
    await designer.fill('/fields/0/path', 'temperature');
  });

  await test.step('read from the origin instead, with a time limit', async () => {
    await page.getByTestId('preview-source-origin').check();
    await page.getByTestId('preview-max-records').fill('5');
    await page.getByTestId('preview-timeout').fill('5');
    await page.getByTestId('preview-run').click();
    await expect(page.getByTestId('preview-summary')).toContainText('5 records read from the origin');
    await expect(panel.getByTestId('preview-row')).toHaveCount(5);
    await expect(panel.locator('[data-testid="changed-field"][data-field="temperature"]').first()).toBeVisible();
    await designer.select('gen');
    await expect(panel.getByTestId('stage-preview')).toHaveAttribute('data-stage-id', 'gen');
    await expect(designer.node('gen').getByTestId('preview-counters')).toHaveAttribute('data-out', '5');
    await shot(page, testInfo, '6-preview-from-origin');
  });

  await test.step('leaving preview mode brings the run counters back; nothing was saved', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('preview-close').click();
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('preview-counters')).toHaveCount(0);
    const saved = (await (await request.get(`/api/pipelines/${id}`)).json()) as { version: number; document: { stages: Array<{ config: unknown }> } };
    expect(saved.version).toBe(1);
    expect(saved.document.stages[1]!.config).toEqual({ fields: [{ path: 'temperature', expression: 'temperature * 9 / 5 + 32' }] });
  });
});
