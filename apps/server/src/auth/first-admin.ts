import { randomBytes } from 'node:crypto';
import { PASSWORD_MIN_LENGTH } from '@duto/model';
import { StartupError } from '../errors';
import { hashPassword } from './passwords';
import type { UserStore } from './user-store';

export const FIRST_ADMIN = 'admin';

/** What the first start did, for the console: the password is there only when Duto made it up. */
export interface FirstAdmin {
  username: string;
  generatedPassword?: string;
}

/**
 * On a first start (no user yet) creates the user `admin`, with `initialPassword`
 * (DUTO_ADMIN_PASSWORD) or a random password; later starts change nothing.
 */
export async function ensureFirstAdmin(users: UserStore, initialPassword: string | undefined): Promise<FirstAdmin | undefined> {
  if (users.count() > 0) return undefined;
  if (initialPassword !== undefined && initialPassword.length < PASSWORD_MIN_LENGTH) {
    throw new StartupError(`DUTO_ADMIN_PASSWORD must have at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const generatedPassword = initialPassword === undefined ? randomBytes(18).toString('base64url') : undefined;
  users.create(FIRST_ADMIN, await hashPassword(initialPassword ?? generatedPassword!), 'admin');
  return generatedPassword === undefined ? { username: FIRST_ADMIN } : { username: FIRST_ADMIN, generatedPassword };
}
