import { expect, test } from '@playwright/test';
import { DesignerPage } from '../pages/designer-page';

test.use({ viewport: { width: 1600, height: 1000 } });

/** A chain of 300 stages: a generator, 298 filters, a trash destination, laid out on a grid. */
function bigPipeline(name: string) {
  const ids = Array.from({ length: 300 }, (_, i) => (i === 0 ? 'gen' : i === 299 ? 'out' : `filter-${i}`));
  return {
    format: 'duto.pipeline/v1',
    name,
    stages: ids.map((id, i) => ({
      id,
      type: i === 0 ? 'origin.dev-generator' : i === 299 ? 'destination.trash' : 'processor.filter',
      config: i === 0 || i === 299 ? {} : { condition: 'true' },
      position: { x: (i % 20) * 260, y: Math.floor(i / 20) * 120 },
    })),
    edges: ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id })),
  };
}

test('opens a 300-stage pipeline quickly and keeps panning it responsive', async ({ page, request }, testInfo) => {
  const created = await request.post('/api/pipelines', { data: bigPipeline(`Big ${Date.now()}`) });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const designer = new DesignerPage(page);
  // A server just started answers its first requests slowly: warm it, the browser is measured here.
  await request.get('/api/stages');
  await request.get(`/api/pipelines/${id}`);

  // Measured in the page, from the click on the pipelines page until all 300 stages are
  // drawn (React Flow shows a node once it is measured): the designer's code, the catalog
  // and the pipeline are fetched, and every stage and edge is rendered.
  await page.goto('/');
  const open = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${id}"] [data-testid="open-pipeline"]`);
  await expect(open).toBeVisible();
  // The pipelines page fetches the designer's code when the browser is idle; a person
  // takes longer than that to choose a pipeline, so the measure starts once it is here.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/assets/DesignerPage')));
  const drawn = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let clickedAt = 0;
        window.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true });
        const check = () => {
          const visible = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((n) => n.style.visibility === 'visible');
          if (clickedAt > 0 && visible.length === 300) resolve(performance.now() - clickedAt);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  await open.click();
  const openMs = Math.round(await drawn);
  await expect(designer.nodes()).toHaveCount(300);
  await expect(designer.edges()).toHaveCount(299);
  testInfo.annotations.push({ type: 'open-300-stages-ms', description: String(openMs) });
  console.log(`opened a 300-stage pipeline in ${openMs} ms`);
  // The goal is under a second (about 0.8 s on a quiet 2-core machine); this bound only
  // catches a gross regression, as other work on a shared CI machine slows it down a lot.
  expect(openMs).toBeLessThan(5000);

  // Pan across the canvas with the mouse and count the frames the browser managed.
  const box = (await designer.canvas.boundingBox())!;
  const frames = page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        const end = performance.now() + 1000;
        const tick = () => (performance.now() < end ? (count++, requestAnimationFrame(tick)) : resolve(count));
        requestAnimationFrame(tick);
      }),
  );
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 0; step < 30; step++) await page.mouse.move(box.x + box.width / 2 - step * 10, box.y + box.height / 2 - step * 5);
  await page.mouse.up();
  const fps = await frames;
  testInfo.annotations.push({ type: 'frames-in-1s-while-panning', description: String(fps) });
  console.log(`${fps} frames in the second of panning`);
  expect(fps).toBeGreaterThan(20);
});
