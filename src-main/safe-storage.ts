import { safeStorage } from 'electron';
import type { SecretCipher } from './core/secrets/secret-box';

/**
 * Electron's safeStorage as a secret cipher (core/secrets/secret-box.ts): the key is the OS's
 * (macOS Keychain, Windows DPAPI, the Linux secret service). Null where that gives no real protection:
 * before `ready`, or Linux's `basic_text` store (a hard-coded password); the key file serves then.
 * The synchronous calls: the box seals a few values a day, and the handler table is synchronous.
 */
export function safeStorageCipher(): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    scheme: 's1',
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
