import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/designer-page';
import { PipelinesPage } from '../pages/pipelines-page';
import { cleanUp, ensureStopped } from './journeys/journey';
import { deleteTopic } from './journeys/kafka';
import { shot } from './support/screenshot';

test.use({ viewport: { width: 1600, height: 1000 } });

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
  } catch {
    return [];
  }
}

test('builds, checks, saves, versions, exports, imports and runs a pipeline in the designer', async ({ page, request }, testInfo) => {
  test.setTimeout(300_000);
  const stamp = Date.now();
  const name = `Designer e2e ${stamp}`;
  const topic = `duto-e2e-designer-${stamp}`;
  const lakePath = `e2e-${stamp}/readings`;
  const list = new PipelinesPage(page);
  const designer = new DesignerPage(page);

  let importedId = '';
  try {
    let pipelineId = '';
    await test.step('create an empty pipeline, which opens in the designer', async () => {
      await list.goto();
      pipelineId = await list.create(name);
      await designer.waitUntilOpen();
      await expect(page.getByTestId('pipeline-name')).toHaveText(name);
      await expect(page.getByTestId('canvas-empty')).toBeVisible();
      await shot(page, testInfo, '1-empty-designer');
    });

    const ids = { gen: '', expr: '', router: '', kafka: '', lake: '' };
    await test.step('drag five stages from the palette onto the canvas', async () => {
      ids.gen = await designer.dragStage('origin.dev-generator', { x: 130, y: 200 });
      ids.expr = await designer.dragStage('processor.expression', { x: 370, y: 200 });
      ids.router = await designer.dragStage('processor.router', { x: 610, y: 200 });
      ids.kafka = await designer.dragStage('destination.kafka', { x: 850, y: 90 });
      ids.lake = await designer.dragStage('destination.datalake', { x: 850, y: 380 });
      // Ids are made from the type and match the contract's pattern.
      expect(ids).toEqual({ gen: 'dev-generator-1', expr: 'expression-1', router: 'router-1', kafka: 'kafka-1', lake: 'datalake-1' });
      await expect(page.getByTestId('canvas-empty')).toHaveCount(0);
    });

    await test.step('a stage with a missing setting shows a badge and the field; filling it fixes both', async () => {
      await expect(designer.issueBadge(ids.kafka)).toHaveAttribute('title', /is required/);
      // The problems list jumps to the stage and its field.
      await page.getByTestId('tab-problems').click();
      await page.locator(`[data-testid="problem-item"][data-stage-id="${ids.kafka}"]`).filter({ hasText: 'is required' }).click();
      await expect(page.locator(`[data-testid="stage-panel"][data-stage-id="${ids.kafka}"]`)).toBeVisible();
      await expect(designer.input('/topic')).toBeFocused();
      await expect(designer.field('/topic')).toHaveAttribute('data-invalid', 'true');
      await expect(designer.field('/topic').getByTestId('field-error')).toHaveText('is required');
      await shot(page, testInfo, '2-validation-error');
      await designer.fill('/topic', topic);
      await designer.fill('/key', 'sensorId');
      await expect(designer.field('/topic')).not.toHaveAttribute('data-invalid', 'true');
      // What is left on the badge is that nothing feeds the stage yet.
      await expect(designer.issueBadge(ids.kafka)).not.toHaveAttribute('title', /is required/);
      await expect(designer.issueBadge(ids.kafka)).toHaveAttribute('title', /not reachable/);
    });

    await test.step('configure the other stages through their generated forms', async () => {
      await designer.select(ids.gen);
      await expect(designer.input('/recordsPerSecond')).toHaveValue('100'); // a default, pre-filled
      await designer.fill('/recordsPerSecond', '40');

      await designer.select(ids.expr);
      await designer.addItem('/fields');
      await designer.fill('/fields/0/path', 'temperatureF');
      // The JSONata check runs as you type.
      await designer.fill('/fields/0/expression', 'temperature * 9 /');
      await expect(designer.field('/fields/0/expression').getByTestId('field-error')).toContainText('invalid JSONata expression');
      await expect(designer.issueBadge(ids.expr)).toBeVisible();
      await designer.fill('/fields/0/expression', 'temperature * 9 / 5 + 32');
      await expect(designer.field('/fields/0/expression').getByTestId('field-error')).toHaveCount(0);

      await designer.select(ids.router);
      await designer.addItem('/routes');
      await designer.fill('/routes/0/lane', 'even');
      await designer.fill('/routes/0/condition', 'seq % 2 = 0');
      await designer.fill('/defaultLane', 'odd');
      // The router's lanes follow its routes: one output handle per lane.
      await expect(designer.node(ids.router).locator('[data-testid="handle-out"]')).toHaveCount(2);

      await designer.configure(ids.lake, { '/path': lakePath, '/rollIntervalMs': '1000' });
    });

    await test.step('connect the handles with the mouse, lanes to their destinations', async () => {
      await designer.connectAll([
        [ids.gen, ids.expr],
        [ids.expr, ids.router],
        [ids.router, ids.kafka, 'even'],
        [ids.router, ids.lake, 'odd'],
      ]);
      // Invalid connections do not snap: a cycle, and a duplicate.
      await designer.dragBetween(designer.node(ids.router).locator('[data-lane="even"][data-testid="handle-out"]'), designer.node(ids.expr).getByTestId('handle-in'));
      await designer.dragBetween(designer.node(ids.expr).getByTestId('handle-out'), designer.node(ids.router).getByTestId('handle-in'));
      await expect(designer.edges()).toHaveCount(4);
      await expect(page.getByTestId('stage-issue')).toHaveCount(0);
      await page.getByTestId('auto-layout').click();
      await page.waitForTimeout(500); // the zoom-to-fit after the layout is animated
      await shot(page, testInfo, '3-built-pipeline');
    });

    let savedDocument: unknown;
    await test.step('save, reload, and find the pipeline unchanged', async () => {
      await page.keyboard.press('Control+s');
      await expect(page.getByTestId('save-state')).toHaveText('Saved · version 2');
      // Validate asks the server about the saved version.
      await page.getByTestId('validate').click();
      await expect(page.getByTestId('notice-success').filter({ hasText: 'No problems found.' })).toBeVisible();
      savedDocument = (await (await request.get(`/api/pipelines/${pipelineId}`)).json()).document;
      expect(savedDocument).toMatchObject({
        name,
        stages: [
          { id: ids.gen, type: 'origin.dev-generator', config: { recordsPerSecond: 40 } },
          { id: ids.expr, config: { fields: [{ path: 'temperatureF', expression: 'temperature * 9 / 5 + 32' }] } },
          { id: ids.router, config: { routes: [{ lane: 'even', condition: 'seq % 2 = 0' }], defaultLane: 'odd' } },
          { id: ids.kafka, config: { topic, key: 'sensorId' } },
          { id: ids.lake, config: { path: lakePath, rollIntervalMs: 1000 } },
        ],
      });
      await page.reload();
      await designer.waitUntilOpen();
      await expect(designer.nodes()).toHaveCount(5);
      await expect(designer.edges()).toHaveCount(4);
      await expect(designer.edge(ids.router, ids.kafka, 'even')).toHaveCount(1);
      await expect(page.getByTestId('draft-offer')).toHaveCount(0);
      await designer.select(ids.kafka);
      await expect(designer.input('/topic')).toHaveValue(topic);
      expect((await (await request.get(`/api/pipelines/${pipelineId}`)).json()).document).toEqual(savedDocument);
    });

    await test.step('undo and redo a deletion', async () => {
      await designer.select(ids.lake);
      await page.keyboard.press('Delete');
      await expect(designer.nodes()).toHaveCount(4);
      await expect(designer.edges()).toHaveCount(3);
      await page.keyboard.press('Control+z');
      await expect(designer.nodes()).toHaveCount(5);
      await expect(designer.edge(ids.router, ids.lake, 'odd')).toHaveCount(1);
      await page.keyboard.press('Control+Shift+z');
      await expect(designer.nodes()).toHaveCount(4);
      await page.getByTestId('undo').click();
      await expect(designer.nodes()).toHaveCount(5);
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-dirty', 'false');
    });

    await test.step('save a change, then restore the earlier version as a new one', async () => {
      await designer.select(ids.gen);
      await designer.fill('/recordsPerSecond', '7');
      await designer.save();
      await expect(page.getByTestId('save-state')).toHaveText('Saved · version 3');
      await page.getByTestId('tab-versions').click();
      await expect(page.getByTestId('version-item')).toHaveCount(3);
      await page.locator('[data-testid="version-item"][data-version="2"]').getByTestId('restore-version').click();
      await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Restore' }).click();
      await expect(page.getByTestId('save-state')).toHaveText('Saved · version 4');
      const restored = await (await request.get(`/api/pipelines/${pipelineId}/versions/4`)).json();
      expect(restored).toEqual(savedDocument);
      await designer.select(ids.gen);
      await expect(designer.input('/recordsPerSecond')).toHaveValue('40');
    });

    await test.step('export, delete, import the file, and export it again byte for byte', async () => {
      await list.goto();
      const exported = await list.exportText(pipelineId);
      expect(exported.fileName).toBe(`${pipelineId}.duto.json`);
      expect(JSON.parse(exported.text)).toEqual(savedDocument);
      await list.delete(pipelineId);
      await list.importFile(exported.fileName, exported.text);
      await expect(list.rowNamed(name)).toHaveCount(1);
      importedId = (await list.rowNamed(name).getAttribute('data-pipeline-id'))!;
      expect(importedId).not.toBe(pipelineId);
      const again = await list.exportText(importedId);
      expect(again.text).toBe(exported.text);
      await shot(page, testInfo, '4-pipelines-page');
    });

    await test.step('start it and watch the edge counts rise, then stop it', async () => {
      const lakeRoot = join(process.env.DUTO_E2E_HOME!, 'lake');
      await designer.goto(importedId);
      await designer.start();
      // While it runs the canvas is read-only.
      await expect(designer.paletteItem('processor.filter')).toBeDisabled();
      await expect(designer.edge(ids.gen, ids.expr).getByTestId('edge-count')).toBeVisible({ timeout: 30_000 });
      await expect.poll(() => designer.edgeCount(ids.gen, ids.expr), { timeout: 30_000 }).toBeGreaterThan(0);
      const first = await designer.edgeCount(ids.gen, ids.expr);
      await expect.poll(() => designer.edgeCount(ids.gen, ids.expr), { timeout: 30_000 }).toBeGreaterThan(first);
      await expect.poll(() => designer.edgeCount(ids.router, ids.kafka), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => designer.edgeCount(ids.router, ids.lake), { timeout: 30_000 }).toBeGreaterThan(0);
      await shot(page, testInfo, '5-running-with-counts');
      const metrics = await (await request.get(`/api/pipelines/${importedId}/metrics`)).json();
      expect(metrics.stages[ids.kafka].out).toBeGreaterThan(0);

      await designer.stop();
      await expect(designer.paletteItem('processor.filter')).toBeEnabled();
      // The data lake destination wrote complete files under the server's lake.
      const lake = join(lakeRoot, lakePath);
      await expect.poll(() => filesUnder(lake).filter((f) => !f.split('/').pop()!.startsWith('.')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    });
  } finally {
    await cleanUp({
      'stop the imported pipeline': () => (importedId ? ensureStopped(request, importedId) : Promise.resolve()),
      'delete the topic': () => deleteTopic(topic),
    });
  }
});
