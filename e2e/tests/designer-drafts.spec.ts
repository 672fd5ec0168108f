import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/designer-page';
import { PipelinesPage } from '../pages/pipelines-page';

test.use({ viewport: { width: 1600, height: 1000 } });

const small = (name: string) => ({
  format: 'duto.pipeline/v1',
  name,
  stages: [
    { id: 'gen', type: 'origin.dev-generator', config: { recordsPerSecond: 5 }, position: { x: 0, y: 0 } },
    { id: 'out', type: 'destination.trash', config: {}, position: { x: 320, y: 0 } },
  ],
  edges: [{ from: 'gen', to: 'out' }],
});

test('warns before leaving unsaved work, and offers the draft back after a reload', async ({ page, request }) => {
  const created = await request.post('/api/pipelines', { data: small(`Draft ${Date.now()}`) });
  const { id } = await created.json();
  const designer = new DesignerPage(page);
  await designer.goto(id);
  await designer.select('gen');
  await designer.fill('/recordsPerSecond', '7');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');

  // In-app navigation asks first; declining keeps the user (and the work) here.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('link', { name: 'Back to the pipelines' }).click();
  await expect(page).toHaveURL(new RegExp(`/pipelines/${id}$`));

  // A reload asks too (beforeunload); going on, the draft is offered back.
  await page.waitForTimeout(600); // the draft is written to localStorage shortly after an edit
  const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => (resolve(dialog.type()), void dialog.accept())));
  await page.reload();
  expect(await asked).toBe('beforeunload');
  await designer.waitUntilOpen();
  await expect(page.getByTestId('draft-offer')).toBeVisible();
  await page.getByTestId('draft-restore').click();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await designer.select('gen');
  await expect(designer.input('/recordsPerSecond')).toHaveValue('7');
  await designer.save();
  const saved = await (await request.get(`/api/pipelines/${id}`)).json();
  expect(saved.document.stages[0].config.recordsPerSecond).toBe(7);
  expect(saved.version).toBe(2);
});

test('says clearly when a file is not JSON or names an unknown stage type, and stores nothing', async ({ page }) => {
  const list = new PipelinesPage(page);
  await list.goto();
  await list.importFile('broken.json', '{ "format": "duto.pipeline/v1", ');
  await expect(page.getByTestId('import-problems')).toContainText('broken.json is not valid JSON');
  const unknown = small(`Unknown ${Date.now()}`);
  unknown.stages[1]!.type = 'destination.nowhere';
  await list.importFile('unknown.json', JSON.stringify(unknown));
  await expect(page.getByTestId('import-problems')).toContainText('/stages/1/type: unknown stage type "destination.nowhere"');
  await expect(list.rowNamed(unknown.name)).toHaveCount(0);
});

test('keeps the draft and says so when the server refuses a save', async ({ page, request }) => {
  const { id } = await (await request.post('/api/pipelines', { data: small(`Refused ${Date.now()}`) })).json();
  const designer = new DesignerPage(page);
  await designer.goto(id);
  // Someone else saves in between: the next save here is refused with 409.
  await request.put(`/api/pipelines/${id}`, { data: { ...small('Saved elsewhere') } });
  await designer.select('gen');
  await designer.fill('/recordsPerSecond', '9');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('conflict-dialog')).toBeVisible();
  await page.getByTestId('conflict-dialog').getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect(designer.input('/recordsPerSecond')).toHaveValue('9');
  // Saving anyway makes this draft the newest version and keeps theirs in the history.
  await page.keyboard.press('Control+s');
  await page.getByTestId('conflict-overwrite').click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved · version 3');
  const versions = await (await request.get(`/api/pipelines/${id}/versions`)).json();
  expect(versions.map((v: { name: string }) => v.name)).toEqual([expect.stringMatching(/^Refused/), 'Saved elsewhere', expect.stringMatching(/^Refused/)]);
});

test('adds, copies and pastes stages with the keyboard alone', async ({ page, request }) => {
  const { id } = await (await request.post('/api/pipelines', { data: small(`Keyboard ${Date.now()}`) })).json();
  const designer = new DesignerPage(page);
  await designer.goto(id);
  await page.locator('body').press('/');
  await expect(page.getByTestId('palette-search')).toBeFocused();
  await page.keyboard.type('filter');
  await expect(page.getByTestId('palette-item')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(designer.paletteItem('processor.filter')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(designer.node('filter-1')).toBeVisible();
  // The new stage is selected, its form open, defaults filled in; its condition is required.
  await expect(page.locator('[data-testid="stage-panel"][data-stage-id="filter-1"]')).toBeVisible();
  await expect(designer.field('/condition')).toHaveAttribute('data-invalid', 'true');

  await designer.node('filter-1').locator('.stage-node-title').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(designer.node('filter-2')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(designer.node('filter-2')).toHaveCount(0);
  await page.keyboard.press('Control+y');
  await expect(designer.node('filter-2')).toBeVisible();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
});
