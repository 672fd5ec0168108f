import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { LakeListing, MetricsSnapshot, PipelineStatus } from '../../../packages/model/src/index';
import { E2E_ADMIN_PASSWORD } from '../../e2e-admin';
import { LoginPage } from '../../pages/login-page';

/** What each journey runs under: no session of global-setup's; it logs in through the login page. */
export const LOGGED_OUT = { cookies: [], origins: [] };

export const JOURNEY_VIEWPORT = { width: 1600, height: 1000 };

/** A short id that names what one run creates (topics, tables, lake folders), so runs never meet. */
export const newRunId = () => randomUUID().replaceAll('-', '').slice(0, 10);

export async function logInAsAdmin(page: Page): Promise<void> {
  await new LoginPage(page).logIn('admin', E2E_ADMIN_PASSWORD);
}

/** The server's view of a run, over the logged-in page's session. */
async function runStatus(request: APIRequestContext, pipelineId: string): Promise<PipelineStatus> {
  const response = await request.get(`/api/pipelines/${pipelineId}/status`);
  expect(response.status()).toBe(200);
  return (await response.json()) as PipelineStatus;
}

export async function runMetrics(request: APIRequestContext, pipelineId: string): Promise<MetricsSnapshot> {
  const response = await request.get(`/api/pipelines/${pipelineId}/metrics`);
  expect(response.status()).toBe(200);
  return (await response.json()) as MetricsSnapshot;
}

/** Stops a pipeline over the API unless it is stopped already: the clean-up of a journey that failed midway. */
export async function ensureStopped(request: APIRequestContext, pipelineId: string): Promise<void> {
  if ((await runStatus(request, pipelineId)).state === 'STOPPED') return;
  await request.post(`/api/pipelines/${pipelineId}/stop`);
  await expect.poll(async () => (await runStatus(request, pipelineId)).state, { timeout: 60_000 }).toBe('STOPPED');
}

/** Records in the complete files under a lake folder, as the Data lake API counts them. */
export async function lakeRecords(request: APIRequestContext, folder: string): Promise<number> {
  const response = await request.get(`/api/lake?path=${encodeURIComponent(folder)}`);
  if (response.status() === 404) return 0;
  expect(response.status()).toBe(200);
  const { entries } = (await response.json()) as LakeListing;
  let records = 0;
  for (const entry of entries) records += entry.kind === 'folder' ? await lakeRecords(request, entry.path) : (entry.records ?? 0);
  return records;
}

/**
 * Runs every clean-up step, even after one failed (a server that died must not leave the
 * topic behind); a failure is reported as a soft one, so it never hides the test's own.
 */
export async function cleanUp(steps: Record<string, () => Promise<unknown>>): Promise<void> {
  for (const [what, step] of Object.entries(steps)) {
    await step().catch((error: unknown) => expect.soft(error, `clean-up: ${what}`).toBeUndefined());
  }
}
