import { request, type FullConfig } from '@playwright/test';
import { E2E_ADMIN_PASSWORD } from './e2e-admin';

/**
 * Logs in as the admin through the API once, before every test, and saves the session
 * cookie as the storage state that every test's page and `request` start with: the specs
 * run as a logged-in user without logging in themselves.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const { baseURL, storageState } = config.projects[0]!.use;
  const context = await request.newContext({ baseURL: baseURL! });
  try {
    const response = await context.post('/api/auth/login', { data: { username: 'admin', password: E2E_ADMIN_PASSWORD } });
    if (response.status() !== 204) throw new Error(`e2e login failed: ${response.status()} ${await response.text()}`);
    await context.storageState({ path: storageState as string });
  } finally {
    await context.dispose();
  }
}
