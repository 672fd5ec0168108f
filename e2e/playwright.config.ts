import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_ADMIN_PASSWORD } from './e2e-admin';

const port = Number(process.env.DUTO_E2E_PORT ?? 18_640);
// Each run gets a fresh home, so tests never see an earlier run's pipelines.
const home = process.env.DUTO_E2E_HOME ?? mkdtempSync(join(tmpdir(), 'duto-e2e-'));
process.env.DUTO_E2E_HOME = home;
const baseURL = `http://127.0.0.1:${port}`;
// Playwright empties its output folder when a run starts: one per run, so that parallel runs
// keep each other's screenshots and traces. Said once, by the runner (workers load this too).
const outputDir = join(home, 'test-results');
if (process.env.TEST_WORKER_INDEX === undefined) console.log(`e2e: server home ${home}, screenshots and traces in ${outputDir}`);

export default defineConfig({
  testDir: 'tests',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir,
  globalSetup: './global-setup.ts',
  use: {
    baseURL,
    // Every test starts logged in as admin (global-setup.ts).
    storageState: join(home, 'e2e-session.json'),
    // The `request` fixture sends state changes with the session cookie, which the server
    // accepts only from its own origin (CSRF); a browser sends this Origin by itself.
    extraHTTPHeaders: { origin: baseURL },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download does not work here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node --import tsx ../apps/server/src/main.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { DUTO_HOME: home, DUTO_PORT: String(port), DUTO_HOST: '127.0.0.1', DUTO_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD },
  },
});
