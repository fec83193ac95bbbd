import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets DialDesk must hand on but never show again: the LLM vendor keys the `llm` verb carries, the
 * Jambonz webhook secret its signatures are checked with, the key for Jambonz's REST API. They live
 * outside the database, in `secrets.json` in the data folder (mode 0600), each value sealed by a
 * cipher: Electron's safeStorage in the desktop app (the OS keychain holds its key), a key file beside
 * it elsewhere (key-file.ts). So a copied database, a backup of it or a company file carries none of
 * them. Someone who can read the data folder as its user can open them: that is the limit.
 */
export interface SecretCipher {
  /** written before every value it seals, so a box knows which cipher opens what (k1, s1 ...) */
  readonly scheme: string;
  seal(plain: string): string;
  open(sealed: string): string;
}

export interface SecretStatus {
  set: boolean;
  /** the last four characters, to tell values apart; null when not set */
  hint: string | null;
  /** false when it was sealed by a cipher this process does not have (the desktop app's keychain, seen from serve) */
  readable: boolean;
}

export interface SecretBox {
  /** the value, or null when not set or not readable here */
  get(name: string): string | null;
  set(name: string, value: string | null): void;
  status(name: string): SecretStatus;
  /** what seals new values here, for the console to say (keychain or key file) */
  readonly sealedWith: string;
}

export const SECRETS_FILE = 'secrets.json';

interface Stored {
  sealed: string;
  hint: string;
}
interface FileShape {
  version: 1;
  secrets: Record<string, Stored>;
}

export const hintOf = (value: string): string => `…${value.slice(-4)}`;

/**
 * The box over `secrets.json`. `ciphers[0]` seals; every cipher given may open what it sealed. The
 * file is read again whenever it changed on disk, so a secret set from the command line is used by
 * a running `serve` or desktop app at its next call.
 */
export function fileSecretBox(dataDir: string, ciphers: SecretCipher[], label: string): SecretBox {
  const path = join(dataDir, SECRETS_FILE);
  let cache: { stamp: string; file: FileShape } | null = null;

  const read = (): FileShape => {
    if (!existsSync(path)) return { version: 1, secrets: {} };
    const st = statSync(path);
    const stamp = `${st.mtimeMs}:${st.size}`;
    if (cache?.stamp !== stamp) cache = { stamp, file: JSON.parse(readFileSync(path, 'utf8')) as FileShape };
    return cache.file;
  };
  const write = (file: FileShape): void => {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600); // an existing tmp left by a crash keeps its old mode otherwise
    renameSync(tmp, path);
    cache = null;
  };
  const cipherFor = (sealed: string) => ciphers.find((c) => sealed.startsWith(`${c.scheme}:`));
  const open = (stored: Stored | undefined): string | null => {
    if (!stored) return null;
    const cipher = cipherFor(stored.sealed);
    if (!cipher) return null;
    try {
      return cipher.open(stored.sealed.slice(cipher.scheme.length + 1));
    } catch {
      // a key file replaced, a keychain reset: the value is gone; the console says "set, unreadable"
      return null;
    }
  };

  return {
    sealedWith: label,
    get: (name) => open(read().secrets[name]),
    set(name, value) {
      const file = read();
      const secrets = { ...file.secrets };
      if (value === null) delete secrets[name];
      else secrets[name] = { sealed: `${ciphers[0].scheme}:${ciphers[0].seal(value)}`, hint: hintOf(value) };
      write({ version: 1, secrets });
    },
    status(name) {
      const stored = read().secrets[name];
      if (!stored) return { set: false, hint: null, readable: false };
      return { set: true, hint: stored.hint, readable: open(stored) !== null };
    },
  };
}
