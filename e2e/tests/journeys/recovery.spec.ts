import { expect, test } from '@playwright/test';
import { DesignerPage } from '../../pages/designer-page';
import { PipelinesPage } from '../../pages/pipelines-page';
import { shot } from '../support/screenshot';
import { cleanUp, ensureStopped, JOURNEY_VIEWPORT, LOGGED_OUT, logInAsAdmin, newRunId } from './journey';
import { deleteTopic, kafka } from './kafka';
import { listeningPid, runnerPids, whileAlive } from './runner-processes';

test.use({ storageState: LOGGED_OUT, viewport: JOURNEY_VIEWPORT });

const RECORDS = 3000;
const RATE = 200;

/** Numbers 0…2999 at 200 a second into Kafka, committed every 100: a run of about 15 s to kill midway. */
const numbersToKafka = (name: string, topic: string) => ({
  format: 'duto.pipeline/v1',
  name,
  settings: { batchSize: 100, batchWaitMs: 100 },
  stages: [
    { id: 'numbers', type: 'origin.dev-generator', config: { template: 'sequence', recordsPerSecond: RATE, count: RECORDS }, position: { x: 120, y: 200 } },
    { id: 'to-kafka', type: 'destination.kafka', config: { topic }, position: { x: 460, y: 200 } },
  ],
  edges: [{ from: 'numbers', to: 'to-kafka' }],
});

test('recovery journey: a killed runner shows as failed, restarts by itself, and no record is missing', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  const run = newRunId();
  const name = `Recovery journey ${run}`;
  const topic = `duto-e2e-recovery-${run}`;
  const designer = new DesignerPage(page);
  const list = new PipelinesPage(page);
  const serverPid = await listeningPid(Number(new URL(baseURL!).port));
  let pipelineId = '';

  try {
    await test.step('log in and import a generator → Kafka pipeline on the pipelines page', async () => {
      await logInAsAdmin(page);
      await list.importFile(`${name}.duto.json`, JSON.stringify(numbersToKafka(name, topic)));
      await expect(list.rowNamed(name)).toHaveCount(1);
      pipelineId = (await list.rowNamed(name).getAttribute('data-pipeline-id'))!;
    });

    // Runners of pipelines other than this one, if any run on the server.
    let others: number[] = [];
    let runner = 0;
    await test.step('start it from the designer and watch its dashboard', async () => {
      others = await runnerPids(serverPid);
      await designer.goto(pipelineId);
      await designer.start();
      const started = (await runnerPids(serverPid)).filter((pid) => !others.includes(pid));
      expect(started, 'one new runner process').toHaveLength(1);
      runner = started[0]!;
      await page.getByTestId('view-dashboard').click();
      // Killed midway: some records are in Kafka and committed, many are still to come.
      await expect.poll(async () => Number(await page.getByTestId('dashboard-total-out').getAttribute('data-value')), { timeout: 30_000 }).toBeGreaterThan(RECORDS / 5);
      await shot(page, testInfo, 'recovery-1-running');
    });

    await test.step('kill its runner: the state turns FAILED, then RUNNING again in a new runner', async () => {
      await whileAlive(serverPid, 'the Duto server', async () => {
        // Watched on every frame: the failure shows for about the first restart delay (1 s).
        // The badge's title is the reason the server gives.
        const failureShown = page.waitForFunction(
          () => {
            const badge = document.querySelector('.run-controls [data-testid="state-badge"]');
            return badge?.getAttribute('data-state') === 'FAILED' && badge.getAttribute('title');
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        );
        process.kill(runner, 'SIGKILL');
        expect(await (await failureShown).jsonValue()).toBe('the runner exited unexpectedly (SIGKILL)');
        await shot(page, testInfo, 'recovery-2-failed');
        await expect(designer.runState()).toHaveAttribute('data-state', 'RUNNING', { timeout: 60_000 });
        const restarted = (await runnerPids(serverPid)).filter((pid) => !others.includes(pid));
        expect(restarted, 'one new runner process').toHaveLength(1);
        expect(restarted[0]).not.toBe(runner);
        await expect(page.locator('.dashboard-totals [data-testid="state-badge"]')).toHaveAttribute('data-state', 'RUNNING');
        await shot(page, testInfo, 'recovery-3-running-again');
      });
    });

    await test.step('every number is in Kafka, none missing; repeats are what at-least-once allows', async () => {
      await expect.poll(() => kafka.count(topic), { timeout: 60_000, message: `at least ${RECORDS} records in ${topic}` }).toBeGreaterThanOrEqual(RECORDS);
      const records = await kafka.readAll(topic);
      const numbers = new Set(records.map((r) => (r.value as { seq: number }).seq));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, i) => i));
      testInfo.annotations.push({ type: 'repeated after the kill', description: String(records.length - RECORDS) });
    });

    await test.step('stop it', async () => {
      await page.getByTestId('view-design').click();
      await designer.stop();
    });
  } finally {
    await cleanUp({
      'stop the pipeline': async () => pipelineId && (await ensureStopped(page.request, pipelineId)),
      'delete the topic': () => deleteTopic(topic),
    });
  }
});
