import { afterEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { Value } from 'typebox/value';
import type { Static } from 'typebox';
import type { DestinationRuntime, StageContext } from '@duto/engine';
import { testContext } from '../testing/harness';
import { destinationDatalakeImpl } from './impl';

/** Helpers for the data lake destination's tests: a temporary lake and readers of its files. */

export type DatalakeConfig = Static<typeof destinationDatalakeImpl.definition.configSchema>;

/** A fresh lake folder per call, removed after each test of the file that calls this at its top. */
export function useTemporaryLakes(): () => string {
  const lakes: Array<{ remove(): void }> = [];
  afterEach(() => lakes.splice(0).forEach((lake) => lake.remove()));
  return () => {
    const created = temporaryLake();
    lakes.push(created);
    return created.dir;
  };
}

export function temporaryLake(): { dir: string; remove(): void } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duto-lake-')));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function datalakeDestination(
  lakeDir: string,
  config: DatalakeConfig,
  context: Partial<StageContext> = {},
): Promise<DestinationRuntime> {
  const withDefaults = Value.Default(destinationDatalakeImpl.definition.configSchema, structuredClone(config)) as DatalakeConfig;
  const stage = await destinationDatalakeImpl.create(withDefaults, testContext({ services: { kafkaBrokers: [], lakeDir }, ...context }));
  if (stage.kind !== 'destination') throw new Error('not a destination');
  return stage.runtime;
}

/** Every file below `dir`, relative to it and sorted; hidden files only when asked. */
export function filesUnder(dir: string, { hidden = false } = {}): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && hidden === entry.name.startsWith('.')) found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

export function readJsonl(path: string): Array<Record<string, unknown>> {
  const text = readFileSync(path, 'utf8');
  if (text !== '' && !text.endsWith('\n')) throw new Error(`${path} does not end with a complete line`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function readParquet(path: string): Promise<Array<Record<string, unknown>>> {
  return parquetReadObjects({ file: parquetBuffer(path) });
}

export function parquetFileMetadata(path: string) {
  return parquetMetadata(parquetBuffer(path));
}

function parquetBuffer(path: string): ArrayBuffer {
  const bytes = readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

export const values = (...list: Array<Record<string, unknown>>) => list.map((value) => ({ value, attributes: {} }));

export { eventually } from '../testing/eventually';
