import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { StartupError } from '../errors';

export const KEY_FILE_NAME = 'secrets.key';
const KEY_BYTES = 32;

/**
 * The key that seals stored secrets: `$DUTO_HOME/secrets.key`, 32 random bytes made on the
 * first start, readable by its owner only. Duto refuses to start with a key that others can
 * read, or that is not 32 bytes: either would put the secrets at risk or make them unreadable.
 */
export function loadOrCreateKey(home: string): Buffer {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const file = join(home, KEY_FILE_NAME);
  createOnce(file);
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new StartupError(`${file} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 ${file}`);
  }
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) {
    throw new StartupError(
      `${file} holds ${key.length} bytes instead of ${KEY_BYTES}: restore it from your backup (stored secrets cannot be read without it), or delete it if no secret was ever stored`,
    );
  }
  return key;
}

/** Writes a new key unless the file exists; created owner-only, never wider. */
function createOnce(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    writeSync(fd, randomBytes(KEY_BYTES));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
