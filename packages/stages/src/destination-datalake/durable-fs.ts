import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';

/**
 * File operations that are durable when they resolve: data fsynced, and the folder fsynced
 * after a name appears or changes, so that a crash or power loss keeps what was promised.
 */

export async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  let written = 0;
  while (written < data.length) {
    const { bytesWritten } = await handle.write(data, written, data.length - written);
    written += bytesWritten;
  }
}

export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function syncFolder(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Renames atomically and makes the new name survive a crash. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await syncFolder(dirname(to));
}

/** Creates a folder and its missing parents, each entry durable in its parent. */
export async function makeFolderDurably(path: string): Promise<void> {
  const first = await mkdir(path, { recursive: true });
  if (first === undefined) return;
  let folder = dirname(first);
  await syncFolder(folder);
  for (const segment of relative(folder, path).split(sep)) {
    folder = `${folder}${sep}${segment}`;
    await syncFolder(folder);
  }
}
