import { readdir, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { join } from 'node:path';
import { hivePartition, type LakeEntry, type LakeListing } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import { formatOfName, isHiddenPath, joinLakePath, lakeLocation } from './lake-location';
import type { RecordCounter } from './record-count';

/** Entries listed at most per folder: beyond, the listing says it is truncated. */
const MAX_ENTRIES = 5000;
/** Files stat'ed and counted at once. */
const CONCURRENCY = 16;

/**
 * One folder of the lake: its folders (Hive-style key=value ones as partitions) and files
 * with size, time and record count. Hidden names (in-progress files among them, see
 * isHiddenPath) and symbolic links that lead out of the lake are left out.
 */
export async function listFolder(lakeDir: string, path: string, counter: RecordCounter): Promise<LakeListing> {
  const folder = normalized(path);
  const absolute = lakeLocation(lakeDir, folder);
  if (isHiddenPath(folder)) throw ApiError.single(404, ErrorCodes.notFound, `the data lake has no folder "${folder}" (hidden folders are not shown)`);
  const dirents = await readFolder(absolute, folder);
  const visible = dirents.filter((d) => !d.name.startsWith('.')).sort((a, b) => compareNames(a.name, b.name));
  const entries = (await mapLimited(visible.slice(0, MAX_ENTRIES), (dirent) => entryOf(lakeDir, folder, absolute, dirent, counter))).filter(
    (entry): entry is LakeEntry => entry !== undefined,
  );
  entries.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'folder' ? -1 : 1));
  return { path: folder, entries, truncated: visible.length > MAX_ENTRIES };
}

/** The lake path without the trailing / a client may add; "" is the root. */
export function normalized(path: string): string {
  return path.replace(/\/+$/, '');
}

async function readFolder(absolute: string, folder: string): Promise<Dirent[]> {
  try {
    return await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw ApiError.single(404, ErrorCodes.notFound, `the data lake has no folder "${folder}"`);
    if (code === 'ENOTDIR') throw ApiError.single(400, ErrorCodes.badRequest, `"${folder}" is a file, not a folder: preview or download it`);
    throw error;
  }
}

async function entryOf(lakeDir: string, folder: string, absoluteFolder: string, dirent: Dirent, counter: RecordCounter): Promise<LakeEntry | undefined> {
  const path = joinLakePath(folder, dirent.name);
  let absolute = join(absoluteFolder, dirent.name);
  let info: Stats;
  try {
    // A link is followed only when it stays inside the lake.
    if (dirent.isSymbolicLink()) absolute = lakeLocation(lakeDir, path);
    info = await stat(absolute);
  } catch (error) {
    if (error instanceof ApiError || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const modifiedAt = info.mtime.toISOString();
  if (info.isDirectory()) {
    const partition = hivePartition(dirent.name);
    return { name: dirent.name, path, kind: 'folder', modifiedAt, ...(partition ? { partition } : {}) };
  }
  if (!info.isFile()) return undefined;
  const format = formatOfName(dirent.name);
  const entry: LakeEntry = { name: dirent.name, path, kind: 'file', modifiedAt, size: info.size };
  if (format === undefined) return entry;
  const records = await counter.count(absolute, format, info.size, info.mtimeMs).catch(() => undefined);
  return { ...entry, format, ...(records === undefined ? {} : { records }) };
}

/** Names as people sort them: hour=9 before hour=10, part-2 before part-10. */
const collator = new Intl.Collator('en', { numeric: true });
const compareNames = (a: string, b: string) => collator.compare(a, b);

async function mapLimited<T, R>(items: T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
