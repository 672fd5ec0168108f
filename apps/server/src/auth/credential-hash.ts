import { createHash, randomBytes } from 'node:crypto';

/** A new bearer credential (session cookie value or API token body): 256 random bits. */
export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a credential. SHA-256 suffices (no slow hash): the value has
 * 256 random bits, so a stolen database yields nothing to guess from.
 */
export function credentialHash(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}
