import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretCipher } from './secret-box';

export const SECRETS_KEY_FILE = 'secrets.key';

/**
 * AES-256-GCM with a random key in `secrets.key` beside the secrets, readable by its owner only
 * (0600, created exclusively so two processes never write two keys). For `dialdesk serve` and the
 * command line, which have no OS keychain to ask. It keeps the secrets out of the database and out of
 * company files; it does not protect them from anyone who can read the data folder as its user.
 */
export function keyFileCipher(dataDir: string): SecretCipher {
  const path = join(dataDir, SECRETS_KEY_FILE);
  let key: Buffer | null = null;
  const load = (create: boolean): Buffer => {
    if (key) return key;
    if (!existsSync(path)) {
      if (!create) throw new Error('no secrets key here');
      try {
        const fd = openSync(path, 'wx', 0o600);
        try {
          writeSync(fd, randomBytes(32).toString('base64'));
        } finally {
          closeSync(fd);
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
      }
    }
    const read = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (read.length !== 32) throw new Error(`${path} is not a DialDesk secrets key`);
    key = read;
    return key;
  };
  return {
    scheme: 'k1',
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', load(true), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', load(false), raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
