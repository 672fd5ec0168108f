import { mkdir } from 'node:fs/promises';
import { implementStage, PipelineStartError } from '@duto/engine';
import { LakePathError, resolveLakePath } from '../common/lake-path';
import type { AfterRead } from './after-read';
import { csvItems } from './csv-items';
import { DirectoryReader } from './directory-reader';
import type { ReadFileItems } from './file-items';
import { jsonItems } from './json-items';
import { jsonlItems } from './jsonl-items';
import { originDirectory } from './meta';

const READERS: Record<string, ReadFileItems> = { jsonl: jsonlItems, csv: csvItems, json: jsonItems };

/**
 * Reads files dropped into a folder under the lake root. The watched folder is created if
 * missing, so that producers have somewhere to drop files before the first one arrives. A
 * preview changes nothing in the lake: it keeps every file it read and creates no folder.
 */
export const originDirectoryImpl = implementStage(originDirectory, async (config, context) => {
  const preview = context.mode === 'preview';
  const afterRead = preview ? 'keep' : (config.afterRead as AfterRead);
  if (afterRead === 'archive' && config.archivePath === undefined) throw new PipelineStartError('afterRead archive needs an archivePath');
  const folder = insideLake(context.services.lakeDir, config.path);
  const archiveFolder = afterRead === 'archive' ? insideLake(context.services.lakeDir, config.archivePath!) : undefined;
  if (!preview) await mkdir(folder, { recursive: true });
  const reader = new DirectoryReader(
    {
      folder,
      lakePath: config.path,
      pattern: config.pattern!,
      pollIntervalMs: config.pollIntervalMs!,
      afterRead,
      archiveFolder,
      readItems: READERS[config.format!]!,
    },
    context,
  );
  return { kind: 'origin', runtime: { run: (emit, ready) => {
        ready();
        return reader.run(emit);
      } } };
});

function insideLake(lakeDir: string, path: string): string {
  try {
    return resolveLakePath(lakeDir, path);
  } catch (error) {
    if (error instanceof LakePathError) throw new PipelineStartError(error.message);
    throw error;
  }
}
