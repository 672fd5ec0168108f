import { access, copyFile, mkdir, rename, unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';

export type AfterRead = 'keep' | 'delete' | 'archive';

/** Deletes a read file, or moves it into the archive folder under a name not taken yet. */
export async function disposeOfReadFile(action: Exclude<AfterRead, 'keep'>, path: string, name: string, archiveFolder: string | undefined): Promise<void> {
  if (action === 'delete') {
    await unlink(path).catch(ignoreMissing);
    return;
  }
  await mkdir(archiveFolder!, { recursive: true });
  await move(path, await freeName(archiveFolder!, name));
}

async function freeName(folder: string, name: string): Promise<string> {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let attempt = 0; ; attempt++) {
    const candidate = join(folder, attempt === 0 ? name : `${stem}.${attempt}${extension}`);
    if (!(await exists(candidate))) return candidate;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A rename, or a copy and delete when the archive is on another file system. */
async function move(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
