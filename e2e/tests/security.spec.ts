import { expect, test } from '@playwright/test';
import { E2E_ADMIN_PASSWORD } from '../e2e-admin';
import { LoginPage } from '../pages/login-page';
import { shot } from './support/screenshot';

// This spec logs in by itself, through the login page: no global admin session.
test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 1440, height: 900 } });

const pipeline = (name: string) => ({
  format: 'duto.pipeline/v1',
  name,
  stages: [
    { id: 'gen', type: 'origin.dev-generator', config: { template: 'iot-sensor' }, position: { x: 80, y: 120 } },
    { id: 'out', type: 'destination.trash', config: {}, position: { x: 420, y: 120 } },
  ],
  edges: [{ from: 'gen', to: 'out' }],
});

test('logs in, makes a viewer who sees no start button, and the server refuses the viewer a forged start', async ({ page, baseURL }, testInfo) => {
  const stamp = Date.now();
  const viewer = { username: `viewer-${stamp}`, password: `viewer-password-${stamp}` };
  // What the browser sends with every state change: its own origin (the server checks it on cookie sessions).
  const sameOrigin = { origin: baseURL! };
  const login = new LoginPage(page);

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await shot(page, testInfo, '1-login-page', { fullPage: true });

  await login.submit('admin', 'not-the-password');
  await expect(page.getByTestId('login-problem')).toHaveText('Wrong username or password.');
  await shot(page, testInfo, '2-wrong-password', { fullPage: true });

  await login.submit('admin', E2E_ADMIN_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Pipelines', exact: true })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText('admin');
  await expect(page.getByTestId('current-role')).toHaveText('admin');

  const created = await page.request.post('/api/pipelines', { data: pipeline(`Watched ${stamp}`), headers: sameOrigin });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.getByTestId('nav-admin').click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.getByTestId('new-username').fill(viewer.username);
  await page.getByTestId('new-password').fill(viewer.password);
  await page.getByTestId('new-role').selectOption('viewer');
  await page.getByRole('button', { name: 'Create user' }).click();
  const row = page.locator(`[data-testid="user-row"][data-username="${viewer.username}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByRole('combobox')).toHaveValue('viewer');
  await shot(page, testInfo, '3-admin-created-a-viewer', { fullPage: true });

  await page.getByTestId('user-menu').click();
  await page.getByTestId('log-out').click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

  // The pipeline's address, asked for without a session, is where the login leads.
  await page.goto(`/pipelines/${id}`);
  await expect(page).toHaveURL(new RegExp(`/login\\?next=${encodeURIComponent(`/pipelines/${id}`)}$`));
  await login.submit(viewer.username, viewer.password);
  await expect(page).toHaveURL(new RegExp(`/pipelines/${id}$`));
  await expect(page.getByTestId('current-role')).toHaveText('viewer');
  await expect(page.locator('[data-testid="stage-node"][data-stage-id="gen"]')).toBeVisible();
  await expect(page.getByTestId('validate')).toBeVisible();

  await expect(page.getByTestId('start-pipeline')).toHaveCount(0);
  await expect(page.getByTestId('stop-pipeline')).toHaveCount(0);
  await expect(page.getByTestId('save')).toHaveCount(0);
  await expect(page.getByTestId('preview-toggle')).toHaveCount(0);
  await expect(page.getByTestId('palette-item')).toHaveCount(0);
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await shot(page, testInfo, '4-viewer-designer-without-start', { fullPage: true });

  const forged = await page.request.post(`/api/pipelines/${id}/start`, { data: {}, headers: sameOrigin });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).errors[0].code).toBe('DUTO_ERR_FORBIDDEN');
  const status = await page.request.get(`/api/pipelines/${id}/status`);
  expect(status.status()).toBe(200);
  expect((await status.json()).state).toBe('STOPPED');

  await page.getByRole('link', { name: 'Pipelines', exact: true }).click();
  await expect(page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${id}"]`)).toBeVisible();
  await expect(page.getByTestId('new-pipeline')).toHaveCount(0);
  await expect(page.getByTestId('import-file')).toHaveCount(0);
  await expect(page.getByTestId('delete-pipeline')).toHaveCount(0);
  await expect(page.getByTestId('export-pipeline')).toHaveCount(0);
  await shot(page, testInfo, '5-viewer-pipelines-page', { fullPage: true });
});
