import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random 96-bit nonce per value. The secret's name is authenticated
 * data, so a sealed value copied to another name in the database does not open there.
 * Layout: format byte, nonce, tag, ciphertext.
 */
export class SecretCipher {
  constructor(private readonly key: Buffer) {}

  seal(name: string, plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(name));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the value was sealed with another key, for another name, or altered. */
  open(name: string, sealed: Buffer): string {
    if (sealed[0] !== FORMAT) throw new Error(`secret "${name}" is stored in an unknown format`);
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(name));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`secret "${name}" cannot be opened with this Duto's key (secrets.key replaced, or the value altered)`);
    }
  }
}
