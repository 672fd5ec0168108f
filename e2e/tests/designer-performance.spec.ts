import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/designer-page';
import { BIG_PIPELINE_STAGES, bigPipeline, framesInOneSecond, timeToOpen } from './support/big-pipeline';

test.use({ viewport: { width: 1600, height: 1000 } });

test('opens a 300-stage pipeline quickly and keeps panning it responsive', async ({ page, request }, testInfo) => {
  const created = await request.post('/api/pipelines', { data: bigPipeline(`Big ${Date.now()}`) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const designer = new DesignerPage(page);
  // A server just started answers its first requests slowly: warm it, the browser is measured here.
  await request.get('/api/stages');
  await request.get(`/api/pipelines/${id}`);

  const openMs = Math.round(await timeToOpen(page, id));
  await expect(designer.nodes()).toHaveCount(BIG_PIPELINE_STAGES);
  await expect(designer.edges()).toHaveCount(BIG_PIPELINE_STAGES - 1);
  testInfo.annotations.push({ type: 'open-300-stages-ms', description: String(openMs) });
  console.log(`opened a 300-stage pipeline in ${openMs} ms`);
  // The goal is under a second (about 0.8 s on a quiet 2-core machine); this bound only
  // catches a gross regression, as other work on a shared CI machine slows it down a lot.
  expect(openMs).toBeLessThan(5000);

  // Pan across the canvas with the mouse and count the frames the browser managed.
  const box = (await designer.canvas.boundingBox())!;
  const frames = framesInOneSecond(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 0; step < 30; step++) await page.mouse.move(box.x + box.width / 2 - step * 10, box.y + box.height / 2 - step * 5);
  await page.mouse.up();
  const fps = await frames;
  testInfo.annotations.push({ type: 'frames-in-1s-while-panning', description: String(fps) });
  console.log(`${fps} frames in the second of panning`);
  expect(fps).toBeGreaterThan(20);
});
