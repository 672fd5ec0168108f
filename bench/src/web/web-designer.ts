import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../../apps/server/src/runner/runner-bundle';
import type { WebResult } from '../report';
import type { BenchContext } from '../scenarios/context';
import { initialJsGzipKb } from './initial-js';

/** A port of its own, apart from the e2e runs of other work on this machine. */
const DEFAULT_PORT = '18691';

/**
 * Scenario 6: the web app. Builds it, takes the gzip size of its initial JavaScript from
 * the build, then runs e2e/bench/designer-figures.spec.ts in Chromium against a fresh
 * server for the time to open a 300-stage pipeline and the frames per second while panning.
 */
export async function webDesigner(context: BenchContext): Promise<WebResult> {
  context.log('web-designer: building the web app');
  execFileSync('pnpm', ['--filter', '@duto/web', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
  const gzipKb = initialJsGzipKb(join(REPO_ROOT, 'apps/web/dist'));
  const dir = mkdtempSync(join(tmpdir(), 'duto-bench-web-'));
  try {
    const out = join(dir, 'figures.json');
    context.log('web-designer: measuring the designer in Chromium');
    const e2e = join(REPO_ROOT, 'e2e');
    execFileSync(join(e2e, 'node_modules/.bin/playwright'), ['test', '--config', 'bench/playwright.config.ts'], {
      cwd: e2e,
      stdio: ['ignore', 2, 2],
      env: {
        ...process.env,
        DUTO_E2E_PORT: process.env.DUTO_BENCH_WEB_PORT ?? DEFAULT_PORT,
        DUTO_E2E_HOME: join(dir, 'home'),
        DUTO_BENCH_WEB_OUT: out,
        KAFKA_BROKERS: context.kafkaBrokers.join(','),
      },
    });
    const { openMs, panFps } = JSON.parse(readFileSync(out, 'utf8')) as { openMs: number; panFps: number };
    return { kind: 'web', name: 'web-designer', openMs, panFps, initialJsGzipKb: gzipKb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
