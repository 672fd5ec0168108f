import { expect, type Locator, type Page } from '@playwright/test';

/** The pipelines page (`/`), over its stable test ids. */
export class PipelinesPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Pipelines', exact: true })).toBeVisible();
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${id}"]`);
  }

  rowNamed(name: string): Locator {
    return this.page.getByTestId('pipeline-row').filter({ hasText: name });
  }

  /** Creates an empty pipeline through the "New pipeline" dialog; the designer opens on it. Returns its id. */
  async create(name: string): Promise<string> {
    await this.page.getByTestId('new-pipeline').click();
    const dialog = this.page.getByTestId('name-dialog');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create and open' }).click();
    await this.page.waitForURL(/\/pipelines\/[^/]+$/);
    return decodeURIComponent(new URL(this.page.url()).pathname.split('/').pop()!);
  }

  /** Exports through the row's button and returns the downloaded file's text. */
  async exportText(id: string): Promise<{ fileName: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.row(id).getByTestId('export-pipeline').click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  async delete(id: string): Promise<void> {
    await this.row(id).getByTestId('delete-pipeline').click();
    await this.page.getByTestId('confirm-dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(this.row(id)).toHaveCount(0);
  }

  async importFile(fileName: string, text: string): Promise<void> {
    await this.page.getByTestId('import-file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text) });
  }
}
