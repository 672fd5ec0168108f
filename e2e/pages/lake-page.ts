import { expect, type Locator, type Page } from '@playwright/test';

/** The Data lake page (`/lake`): folders, partitions, files and a file's preview. */
export class LakePage {
  constructor(readonly page: Page) {}

  /** Opens the lake root from the app's navigation. */
  async openFromNavigation(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data lake' }).click();
    await expect(this.page.getByRole('heading', { name: 'Data lake', exact: true })).toBeVisible();
  }

  entry(name: string): Locator {
    return this.page.locator(`[data-testid="lake-entry"][data-name="${name}"]`);
  }

  files(): Locator {
    return this.page.locator('[data-testid="lake-entry"][data-kind="file"]');
  }

  /** Goes down a folder (or partition) path one entry at a time, as a user clicks through it. */
  async openFolders(path: string): Promise<void> {
    for (const name of path.split('/')) {
      await this.entry(name).getByRole('link').click();
      await expect(this.page.getByTestId('lake-breadcrumbs')).toContainText(name);
    }
  }

  /** Opens a file's preview; returns the preview panel. */
  async preview(file: Locator): Promise<Locator> {
    await file.getByRole('button').click();
    const preview = this.page.getByTestId('lake-preview');
    await expect(preview.getByTestId('preview-summary')).toBeVisible();
    return preview;
  }

  /** The records the preview shows, read from its JSON view (one record per line). */
  async previewedRecords(preview: Locator): Promise<Array<Record<string, unknown>>> {
    await preview.getByTestId('preview-as-json').click();
    const text = await preview.getByTestId('preview-json').innerText();
    return text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}
