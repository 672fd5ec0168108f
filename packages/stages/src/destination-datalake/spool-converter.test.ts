import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpoolConverter } from './spool-converter';
import { readParquet, useTemporaryLakes } from './test-kit';

const lake = useTemporaryLakes();
const warnings: Array<{ message: string; extra?: Record<string, unknown> }> = [];
const logger = { info() {}, error() {}, warn: (message: string, extra?: Record<string, unknown>) => void warnings.push({ message, extra }) };
const converters: SpoolConverter[] = [];
afterEach(async () => {
  await Promise.all(converters.splice(0).map((c) => c.close()));
  warnings.length = 0;
});

function spool(lines: string[]): { dir: string; path: string } {
  const dir = join(lake(), 'files');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, '.spool');
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
  return { dir, path };
}

describe('SpoolConverter (a thread of its own)', () => {
  it('writes the Parquet file of a spool, passing on the thread’s warnings, and says why a conversion failed', async () => {
    const converter = new SpoolConverter(logger);
    converters.push(converter);
    const { dir, path } = spool(['{"id":1,"t":20.5}', 'damaged', '{"id":2,"t":21}']);
    const target = join(dir, 'out.parquet');
    await converter.convert({ format: 'parquet', spoolPath: path, target, compression: 'snappy' });
    expect(await readParquet(target)).toEqual([
      { id: 1n, t: 20.5 },
      { id: 2n, t: 21 },
    ]);
    expect(warnings.map((w) => w.message)).toContain('skipped a damaged line of a spool file');

    await expect(converter.convert({ format: 'csv', spoolPath: join(dir, 'missing'), target: join(dir, 'x.csv') })).rejects.toThrow(/ENOENT/);
    // The thread survives a failed conversion.
    await converter.convert({ format: 'csv', spoolPath: path, target: join(dir, 'out.csv') });
    expect(existsSync(join(dir, 'out.csv'))).toBe(true);
  });

  it('starts a new thread for the next conversion once closed', async () => {
    const converter = new SpoolConverter(logger);
    converters.push(converter);
    const { dir, path } = spool(['{"id":1}']);
    await converter.convert({ format: 'csv', spoolPath: path, target: join(dir, 'a.csv') });
    await converter.close();
    await converter.convert({ format: 'csv', spoolPath: path, target: join(dir, 'b.csv') });
    expect(existsSync(join(dir, 'b.csv'))).toBe(true);
  });
});
