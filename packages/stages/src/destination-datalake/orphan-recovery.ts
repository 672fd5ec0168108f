import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { StageLogger } from '@duto/engine';
import type { FileNames } from './file-names';
import { cutTornTail } from './spool-reading';

/**
 * Finishes what a crashed run of this same stage left under its folder: every spool
 * becomes a visible file (cut after its last complete line first), every half-written
 * temporary file is deleted (its spool is still there). Records of the batch in flight at
 * the crash may appear twice, once here and once when the origin sends them again; none
 * is lost. Answers how many files were finished.
 */
export async function recoverOrphans(root: string, names: FileNames, finish: (spoolPath: string) => Promise<unknown>, logger: StageLogger): Promise<number> {
  const spools: string[] = [];
  for await (const { folder, name } of filesUnder(root)) {
    if (names.isOwnTemp(name)) await unlink(join(folder, name));
    else if (names.isOwnSpool(name)) spools.push(join(folder, name));
  }
  let finished = 0;
  for (const spool of spools) {
    if ((await cutTornTail(spool)) === 0) {
      await unlink(spool);
      continue;
    }
    const visible = await finish(spool);
    logger.info('finished a file left by an earlier run', { spool, visible });
    finished += 1;
  }
  return finished;
}

/** Regular files below a folder; symbolic links are not followed, so the walk stays in the lake. */
async function* filesUnder(folder: string): AsyncGenerator<{ folder: string; name: string }> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) yield* filesUnder(join(folder, entry.name));
    else if (entry.isFile()) yield { folder, name: entry.name };
  }
}
