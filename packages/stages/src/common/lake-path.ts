import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { lakePathProblem } from '@duto/model';

export class LakePathError extends Error {}

/**
 * The absolute path of `path` (relative to the lake root), refused when it would leave the
 * root: by `..`, by being absolute, or through a symlink anywhere along the way.
 */
export function resolveLakePath(lakeDir: string, path: string): string {
  const problem = lakePathProblem(path);
  if (problem) throw new LakePathError(`path "${path}" ${problem}`);
  const root = realRoot(lakeDir);
  const target = resolve(root, path);
  if (!inside(root, target)) throw new LakePathError(`path "${path}" leaves the data lake root`);
  // The deepest part that exists decides where symlinks lead. A dangling link counts as
  // existing: a file or folder created through it would land wherever it points.
  let existing = target;
  while (lstatSync(existing, { throwIfNoEntry: false }) === undefined && existing !== root) existing = dirname(existing);
  const real = realTarget(existing);
  if (real === undefined) {
    throw new LakePathError(existing === root ? `the data lake root ${root} does not exist` : `path "${path}" goes through a symbolic link that leads nowhere`);
  }
  if (!inside(root, real)) throw new LakePathError(`path "${path}" leads outside the data lake root through a symbolic link`);
  return target;
}

function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function realRoot(lakeDir: string): string {
  if (!isAbsolute(lakeDir)) throw new LakePathError(`the data lake root must be absolute, not "${lakeDir}"`);
  return existsSync(lakeDir) ? realpathSync(lakeDir) : lakeDir;
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}
