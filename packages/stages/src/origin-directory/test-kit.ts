import { afterEach } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Value } from 'typebox/value';
import type { Static } from 'typebox';
import { DEFAULT_SETTINGS, type DutoRecord } from '@duto/model';
import type { OffsetStore, OriginBatch, RecordFailure } from '@duto/engine';
import { testContext } from '../testing/harness';
import { originDirectoryImpl } from './impl';

/** Helpers for the directory origin's tests: a temporary lake, files dropped into it, a running origin. */

export type DirectoryConfig = Static<typeof originDirectoryImpl.definition.configSchema>;

/**
 * A test file's fixtures, undone after each test in reverse order: `lake()` makes a fresh
 * lake folder, `started()` stops the origin it is given.
 */
export function useFixtures() {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    lake(): string {
      const created = temporaryLake();
      cleanups.push(created.remove);
      return created.dir;
    },
    async started(origin: Promise<RunningOrigin>): Promise<RunningOrigin> {
      const running = await origin;
      cleanups.push(() => running.stop());
      return running;
    },
  };
}

export function temporaryLake(): { dir: string; remove(): void } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duto-lake-')));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Drops a file the way a careful producer does: written under a hidden name, then renamed. */
export function drop(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const hidden = join(dirname(path), `.${Date.now()}-${Math.random()}.tmp`);
  writeFileSync(hidden, content);
  renameSync(hidden, path);
}

export const jsonLines = (values: unknown[]) => values.map((v) => JSON.stringify(v) + '\n').join('');

export interface RunningOrigin {
  batches: OriginBatch[];
  records(): DutoRecord[];
  failures(): RecordFailure[];
  committed: string[];
  offsets: OffsetStore;
  /** Aborts and waits until run() returned. */
  stop(): Promise<void>;
  /** Aborts without waiting: usable inside an emit. */
  abort(): void;
  /** run()'s own promise, for runs that end by failing. */
  running: Promise<void>;
}

export interface StartOptions {
  batchSize?: number;
  /** The run this one restarts: its committed offsets are read and added to. */
  after?: RunningOrigin;
  /** Called inside each emit; throwing fails the batch. */
  onEmit?: (batch: OriginBatch) => Promise<void> | void;
}

export async function startDirectoryOrigin(lakeDir: string, config: DirectoryConfig, options: StartOptions = {}): Promise<RunningOrigin> {
  const abort = new AbortController();
  const context = testContext({
    signal: abort.signal,
    services: { kafkaBrokers: [], lakeDir },
    settings: { ...DEFAULT_SETTINGS, batchSize: options.batchSize ?? DEFAULT_SETTINGS.batchSize },
    ...(options.after ? { offsets: options.after.offsets } : {}),
  });
  const withDefaults = Value.Default(originDirectoryImpl.definition.configSchema, structuredClone(config)) as DirectoryConfig;
  const stage = await originDirectoryImpl.create(withDefaults, context);
  if (stage.kind !== 'origin') throw new Error('not an origin');
  const batches: OriginBatch[] = [];
  const running = stage.runtime.run(async (batch) => {
    await options.onEmit?.(batch);
    batches.push(batch);
  }, () => {});
  running.catch(() => {});
  return {
    batches,
    records: () => batches.flatMap((b) => b.records),
    failures: () => batches.flatMap((b) => b.failures ?? []),
    committed: options.after?.committed ?? context.committed,
    offsets: context.offsets,
    stop: async () => {
      abort.abort();
      await running;
    },
    abort: () => abort.abort(),
    running,
  };
}

export { eventually } from '../testing/eventually';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
