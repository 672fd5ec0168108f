import { expect, type Locator, type Page } from '@playwright/test';

/** The designer (`/pipelines/:id`), over the contract's stable hooks and the panel's field paths. */
export class DesignerPage {
  constructor(readonly page: Page) {}

  async goto(id: string): Promise<void> {
    await this.page.goto(`/pipelines/${encodeURIComponent(id)}`);
    await this.waitUntilOpen();
  }

  async waitUntilOpen(): Promise<void> {
    await expect(this.page.getByTestId('designer')).toBeVisible();
    await expect(this.paletteItem('origin.dev-generator')).toBeVisible();
  }

  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }

  paletteItem(type: string): Locator {
    return this.page.locator(`[data-testid="palette-item"][data-stage-type="${type}"]`);
  }

  nodes(): Locator {
    return this.page.getByTestId('stage-node');
  }

  node(stageId: string): Locator {
    return this.page.locator(`[data-testid="stage-node"][data-stage-id="${stageId}"]`);
  }

  issueBadge(stageId: string): Locator {
    return this.node(stageId).getByTestId('stage-issue');
  }

  edges(): Locator {
    return this.page.getByTestId('edge');
  }

  edge(from: string, to: string, lane?: string): Locator {
    const laneSelector = lane === undefined ? '' : `[data-lane="${lane}"]`;
    return this.page.locator(`[data-testid="edge"][data-source-stage="${from}"][data-target-stage="${to}"]${laneSelector}`);
  }

  /** Drags a palette entry onto the canvas at a point relative to the canvas; returns the new stage's id. */
  async dragStage(type: string, at: { x: number; y: number }): Promise<string> {
    const before = await this.stageIds();
    await this.paletteItem(type).dragTo(this.canvas, { targetPosition: at });
    await expect(this.nodes()).toHaveCount(before.length + 1);
    const added = (await this.stageIds()).filter((id) => !before.includes(id));
    expect(added).toHaveLength(1);
    await expect(this.node(added[0]!)).toHaveAttribute('data-stage-type', type);
    return added[0]!;
  }

  async stageIds(): Promise<string[]> {
    return this.nodes().evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-stage-id') ?? ''));
  }

  /** Connects an output handle (a lane's, when given) to a stage's input with the mouse. */
  async connect(from: string, to: string, lane?: string): Promise<void> {
    const source = lane
      ? this.node(from).locator(`[data-testid="handle-out"][data-lane="${lane}"]`)
      : this.node(from).getByTestId('handle-out');
    await this.dragBetween(source, this.node(to).getByTestId('handle-in'));
    await expect(this.edge(from, to, lane)).toHaveCount(1);
  }

  /** Connects each pair in turn (`[from, to, lane?]`); no other edge comes or goes meanwhile. */
  async connectAll(edges: ReadonlyArray<readonly [from: string, to: string, lane?: string]>): Promise<void> {
    const before = await this.edges().count();
    for (const [from, to, lane] of edges) await this.connect(from, to, lane);
    await expect(this.edges()).toHaveCount(before + edges.length);
  }

  async dragBetween(from: Locator, to: Locator): Promise<void> {
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('a handle is not visible');
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
    await this.page.mouse.up();
  }

  async select(stageId: string): Promise<void> {
    await this.bringIntoView(stageId);
    await this.node(stageId).locator('.stage-node-title').click();
    await this.page.getByTestId('tab-configure').click();
    await expect(this.page.locator(`[data-testid="stage-panel"][data-stage-id="${stageId}"]`)).toBeVisible();
  }

  /** Zooms to fit when the stage lies outside the visible canvas (e.g. after a jump centred another one). */
  async bringIntoView(stageId: string): Promise<void> {
    const canvas = (await this.canvas.boundingBox())!;
    const node = await this.node(stageId).boundingBox();
    const inside = node && node.x >= canvas.x && node.y >= canvas.y && node.x + node.width <= canvas.x + canvas.width && node.y + node.height <= canvas.y + canvas.height;
    if (inside) return;
    await this.page.getByTestId('fit-view').click();
    await this.page.waitForTimeout(400); // the fit is animated
  }

  async selectNothing(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('pipeline-panel')).toBeVisible();
  }

  /** A field of the side panel's form by its JSON Pointer inside the config. */
  field(path: string): Locator {
    return this.page.locator(`.side-panel [data-field-path="${path}"]`);
  }

  input(path: string): Locator {
    return this.field(path).locator('input, textarea, select').first();
  }

  async fill(path: string, value: string): Promise<void> {
    await this.input(path).fill(value);
  }

  /** Picks an option of a select field by the text it shows. */
  async choose(path: string, option: string): Promise<void> {
    await this.input(path).selectOption({ label: option });
  }

  /** Selects a stage and sets its fields in order: a select by the text of its option, any other field typed in. */
  async configure(stageId: string, values: Record<string, string>): Promise<void> {
    await this.select(stageId);
    for (const [path, value] of Object.entries(values)) {
      const isSelect = await this.input(path).evaluate((element) => element.tagName === 'SELECT');
      await (isSelect ? this.choose(path, value) : this.fill(path, value));
    }
  }

  async addItem(listPath: string): Promise<void> {
    await this.field(listPath).getByTestId('list-add').last().click();
  }

  async save(): Promise<void> {
    await this.page.getByTestId('save').click();
    await expect(this.page.getByTestId('save-state')).toHaveAttribute('data-dirty', 'false');
  }

  async savedVersion(): Promise<number> {
    const text = (await this.page.getByTestId('save-state').textContent()) ?? '';
    return Number(/version (\d+)/.exec(text)?.[1]);
  }

  runState(): Locator {
    return this.page.locator('.run-controls [data-testid="state-badge"]');
  }

  /** Starts the saved pipeline from the toolbar and waits until every origin is ready. */
  async start(): Promise<void> {
    await this.page.getByTestId('start-pipeline').click();
    await expect(this.runState()).toHaveAttribute('data-state', 'RUNNING', { timeout: 60_000 });
  }

  /** Stops it from the toolbar; it is stopped once the batch in flight is committed. */
  async stop(): Promise<void> {
    await this.page.getByTestId('stop-pipeline').click();
    await expect(this.runState()).toHaveAttribute('data-state', 'STOPPED', { timeout: 60_000 });
  }

  async edgeCount(from: string, to: string): Promise<number> {
    const count = this.edge(from, to).getByTestId('edge-count');
    return Number((await count.getAttribute('data-count')) ?? 'NaN');
  }
}
