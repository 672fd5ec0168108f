import { stat } from 'node:fs/promises';
import type { LakeFileFormat, LakeListing, LakePreview } from '@duto/model';
import { ApiError, ErrorCodes } from '../errors';
import { columnsOf, readFileHead } from './file-preview';
import { listFolder, normalized } from './folder-listing';
import { formatOfName, isHiddenPath, lakeLocation } from './lake-location';
import { RecordCounter } from './record-count';

export interface LakeFile {
  absolute: string;
  name: string;
  size: number;
  format: LakeFileFormat | undefined;
}

/** What the lake routes ask of the data lake: folder listings, file heads, files to download. */
export class LakeBrowser {
  private readonly counter = new RecordCounter();

  constructor(private readonly lakeDir: string) {}

  list(path: string): Promise<LakeListing> {
    return listFolder(this.lakeDir, path, this.counter);
  }

  async preview(path: string, limit: number): Promise<LakePreview> {
    const file = await this.file(path);
    const format = file.format;
    if (format === undefined) {
      throw ApiError.single(400, ErrorCodes.badRequest, `"${file.name}" is not a JSONL, CSV or Parquet file, so it cannot be previewed; download it`);
    }
    const { mtimeMs } = await stat(file.absolute);
    const [head, totalRecords] = await Promise.all([
      readFileHead(file.absolute, format, limit),
      this.counter.count(file.absolute, format, file.size, mtimeMs),
    ]).catch((error: unknown) => {
      throw ApiError.single(422, ErrorCodes.badRequest, `"${file.name}" could not be read as ${format.toUpperCase()}: ${(error as Error).message}`);
    });
    return { path: normalized(path), format, columns: columnsOf(head.records), records: head.records, totalRecords, problems: head.problems };
  }

  /** A regular file of the lake; 404 when there is none, 400 for a folder. */
  async file(path: string): Promise<LakeFile> {
    const absolute = lakeLocation(this.lakeDir, normalized(path));
    if (isHiddenPath(path)) throw ApiError.single(404, ErrorCodes.notFound, `the data lake has no file "${path}" (hidden and in-progress files are not shown)`);
    const name = absolute.split('/').at(-1)!;
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw ApiError.single(404, ErrorCodes.notFound, `the data lake has no file "${path}"`);
      throw error;
    });
    if (!info.isFile()) throw ApiError.single(400, ErrorCodes.badRequest, `"${path}" is a folder, not a file: list it`);
    return { absolute, name, size: info.size, format: formatOfName(name) };
  }
}
