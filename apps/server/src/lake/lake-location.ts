import { LakePathError, resolveLakePath } from '@duto/stages/impl';
import type { LakeFileFormat } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';

/**
 * The absolute path of a lake path given by a client, refused with 400 when it would leave
 * the lake root (`..`, absolute, or through a symbolic link), by the rule the file stages use.
 */
export function lakeLocation(lakeDir: string, path: string): string {
  try {
    return resolveLakePath(lakeDir, path);
  } catch (error) {
    if (error instanceof LakePathError) throw ApiError.single(400, ErrorCodes.badRequest, error.message);
    throw error;
  }
}

/**
 * Whether a path names a hidden file or folder, or one inside such: the data-lake
 * destination's spools and temporary files (.inprogress.*, .writing.*) are hidden so
 * that readers see only complete files, and the browser keeps it that way.
 */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.') && segment !== '.');
}

/** A lake path as clients see it: / between names, no leading or trailing /. */
export function joinLakePath(folder: string, name: string): string {
  return folder === '' ? name : `${folder.replace(/\/+$/, '')}/${name}`;
}

const FORMATS: Record<string, LakeFileFormat> = { jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv', parquet: 'parquet' };

/** The format a file's name says it has, when Duto can read it. */
export function formatOfName(name: string): LakeFileFormat | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : FORMATS[extension];
}
