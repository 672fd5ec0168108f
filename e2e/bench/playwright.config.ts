import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base from '../playwright.config';

/** The e2e configuration starts one server. */
const server = base.webServer as Exclude<NonNullable<typeof base.webServer>, unknown[]>;
const e2e = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * The web figures of `pnpm bench` (bench/src/web): the e2e configuration (browser, a fresh
 * server and home, logged in as admin) with this folder's specs only, its relative paths
 * taken from the e2e folder. Not part of `pnpm test:e2e`.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  timeout: 120_000,
  globalSetup: e2e('global-setup.ts'),
  webServer: { ...server, cwd: e2e('') },
});
