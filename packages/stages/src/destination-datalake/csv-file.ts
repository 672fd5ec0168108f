import { open } from 'node:fs/promises';
import type { StageLogger } from '@duto/engine';
import { writeAll } from './durable-fs';
import { spoolBatches } from './spool-reading';

const ROWS_PER_WRITE = 1000;

/**
 * Writes a spool as CSV: a header line with every top-level field that any record of the
 * file has (in the order first seen), so every row of the file has the same columns.
 * Takes two passes over the spool instead of holding the records in memory.
 */
export async function writeCsvFile(spoolPath: string, target: string, logger: StageLogger): Promise<void> {
  const columns = new Set<string>();
  for await (const values of spoolBatches(spoolPath, logger)) for (const value of values) for (const key of Object.keys(value)) columns.add(key);
  const header = [...columns];

  const handle = await open(target, 'w');
  try {
    let rows = [csvLine(header)];
    for await (const values of spoolBatches(spoolPath, logger)) {
      for (const value of values) {
        rows.push(csvLine(header.map((column) => cellText(value[column]))));
        if (rows.length >= ROWS_PER_WRITE) {
          await writeAll(handle, Buffer.from(rows.join('')));
          rows = [];
        }
      }
    }
    await writeAll(handle, Buffer.from(rows.join('')));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Nested objects and arrays as JSON text; null and missing fields as an empty cell. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvLine(cells: string[]): string {
  return cells.map(quoteCell).join(',') + '\n';
}

/** RFC 4180: quoted when it holds a comma, quote or line break, or edge spaces a reader could trim. */
function quoteCell(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
