import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';

/** Files under a lake folder: visible Parquet files, and hidden ones (spools, temporary files). */
export async function lakeFiles(folder: string): Promise<{ parquet: number; hidden: number }> {
  let names: string[];
  try {
    names = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { parquet: 0, hidden: 0 };
    throw error;
  }
  const hidden = names.filter((name) => basename(name).startsWith('.')).length;
  const parquet = names.filter((name) => !basename(name).startsWith('.') && name.endsWith('.parquet')).length;
  return { parquet, hidden };
}
