import type { Page, TestInfo } from '@playwright/test';

/** A screenshot kept in the test's output folder and attached to its report; `fullPage` takes the whole scrolled page. */
export async function shot(page: Page, testInfo: TestInfo, name: string, { fullPage = false } = {}): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
