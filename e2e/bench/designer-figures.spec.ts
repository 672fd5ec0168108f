import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/designer-page';
import { BIG_PIPELINE_STAGES, bigPipeline, framesInOneSecond, timeToOpen } from '../tests/support/big-pipeline';

/**
 * The designer's figures for `pnpm bench`, measured as tests/designer-performance.spec.ts
 * does: the time from the click that opens a 300-stage pipeline until every stage is drawn
 * (the median of three opens), and the frames the browser draws in one second of panning.
 * They go to the JSON file DUTO_BENCH_WEB_OUT names; the bench report checks the targets.
 */
test.use({ viewport: { width: 1600, height: 1000 } });

const OPENS = 3;

test('designer figures: open a 300-stage pipeline, pan it', async ({ page, request }) => {
  const created = await request.post('/api/pipelines', { data: bigPipeline(`Bench ${Date.now()}`) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  // A server just started answers its first requests slowly: warm it, the browser is measured.
  await request.get('/api/stages');
  await request.get(`/api/pipelines/${id}`);

  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) opens.push(await timeToOpen(page, id));
  const designer = new DesignerPage(page);
  await expect(designer.nodes()).toHaveCount(BIG_PIPELINE_STAGES);

  // Pan with the mouse for as long as the browser counts frames.
  const box = (await designer.canvas.boundingBox())!;
  const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let counting = true;
  const frames = framesInOneSecond(page).finally(() => (counting = false));
  await page.mouse.move(center.x, center.y);
  await page.mouse.down();
  for (let step = 0; counting; step++) await page.mouse.move(center.x - (step % 60) * 8, center.y - (step % 60) * 4);
  await page.mouse.up();

  const openMs = Math.round([...opens].sort((a, b) => a - b)[Math.floor(OPENS / 2)]!);
  const figures = { openMs, panFps: await frames, opensMs: opens.map(Math.round) };
  console.log(`designer figures: ${JSON.stringify(figures)}`);
  if (process.env.DUTO_BENCH_WEB_OUT) writeFileSync(process.env.DUTO_BENCH_WEB_OUT, JSON.stringify(figures));
});
