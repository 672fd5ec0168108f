import { expect, type Page } from '@playwright/test';

/** How many stages the big pipeline has: the size the designer must stay quick at. */
export const BIG_PIPELINE_STAGES = 300;

/** A chain of 300 stages: a generator, 298 filters, a trash destination, laid out on a grid. */
export function bigPipeline(name: string) {
  const last = BIG_PIPELINE_STAGES - 1;
  const ids = Array.from({ length: BIG_PIPELINE_STAGES }, (_, i) => (i === 0 ? 'gen' : i === last ? 'out' : `filter-${i}`));
  return {
    format: 'duto.pipeline/v1',
    name,
    stages: ids.map((id, i) => ({
      id,
      type: i === 0 ? 'origin.dev-generator' : i === last ? 'destination.trash' : 'processor.filter',
      config: i === 0 || i === last ? {} : { condition: 'true' },
      position: { x: (i % 20) * 260, y: Math.floor(i / 20) * 120 },
    })),
    edges: ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id })),
  };
}

/**
 * Milliseconds from the click on the big pipeline's row on the pipelines page until all its
 * stages are drawn (React Flow shows a node once it is measured), in the page's clock: the
 * designer's code, the catalog and the pipeline are fetched, every stage and edge rendered.
 */
export async function timeToOpen(page: Page, id: string): Promise<number> {
  await page.goto('/');
  const open = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${id}"] [data-testid="open-pipeline"]`);
  await expect(open).toBeVisible();
  // The pipelines page fetches the designer's code when the browser is idle; a person
  // takes longer than that to choose a pipeline, so the measure starts once it is here.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/assets/DesignerPage')));
  const drawn = page.evaluate(
    (stages) =>
      new Promise<number>((resolve) => {
        let clickedAt = 0;
        window.addEventListener('click', () => (clickedAt = performance.now()), { capture: true, once: true });
        const check = () => {
          const visible = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].filter((n) => n.style.visibility === 'visible');
          if (clickedAt > 0 && visible.length === stages) resolve(performance.now() - clickedAt);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    BIG_PIPELINE_STAGES,
  );
  await open.click();
  return drawn;
}

/** The frames the browser draws in the coming second (while the caller pans, say). */
export function framesInOneSecond(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let count = 0;
        const end = performance.now() + 1000;
        const tick = () => (performance.now() < end ? (count++, requestAnimationFrame(tick)) : resolve(count));
        requestAnimationFrame(tick);
      }),
  );
}
