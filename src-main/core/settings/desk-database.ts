import { AppError } from '../errors';
import { writeAudit, type Actor } from '../audit/audit';
import { isPostgresUrl, safeUrl } from '../db/postgres-url';
import { keyFileCipher } from '../secrets/key-file';
import { fileSecretBox, type SecretBox } from '../secrets/secret-box';
import type { Core } from '../core';

/**
 * Which database this desk runs on (DESIGN.md §10): the data folder's own SQLite file, or a PostgreSQL
 * the site's desks share. Chosen in Settings (or `dialdesk db use`); kept in the data folder's sealed
 * secrets, since the URL carries a password, and sealed with the folder's key file so that the app,
 * `serve` and every command on this folder read the same choice: a command that could not read it and
 * wrote into the file instead would split the desk's data in two. `--database` and DIALDESK_DATABASE
 * override it for one process. A new choice applies when the desk starts next.
 */
const SECRET = 'desk.database';

const box = (dataDir: string): SecretBox => fileSecretBox(dataDir, [keyFileCipher(dataDir)], 'a key file in the data folder');

/** The PostgreSQL this folder's desk is set to run on, or null for its own file. */
export function chosenDatabase(dataDir: string): string | null {
  const b = box(dataDir);
  const url = b.get(SECRET);
  if (url === null && b.status(SECRET).set) {
    throw new AppError(
      'CONFLICT',
      "this desk is set to run on a shared PostgreSQL, but the setting cannot be read here (the data folder's key file changed): set it again with `dialdesk db use`",
    );
  }
  return url;
}

/** What the process was told, in order: its own option, the environment, the desk's setting. */
export function databaseFor(dataDir: string, option: string | undefined): string | undefined {
  return option ?? (process.env.DIALDESK_DATABASE || undefined) ?? chosenDatabase(dataDir) ?? undefined;
}

export interface DeskDatabase {
  /** what this process runs on now */
  running: { engine: 'sqlite' | 'postgres'; location: string };
  /** what the desk is set to start on next (null: its own file), the password left out */
  chosen: string | null;
}

export function deskDatabase(core: Core): DeskDatabase {
  const chosen = chosenDatabase(core.dataDir);
  return { running: { engine: core.db.engine, location: core.db.file }, chosen: chosen === null ? null : safeUrl(chosen) };
}

/**
 * Checks a PostgreSQL a desk could run on, writing nothing: it answers, and holds nothing yet or
 * DialDesk's own schema at a version this code knows. Answers which of the two.
 */
export async function checkDatabase(url: string, label = 'url'): Promise<'empty' | 'dialdesk'> {
  const { checkContents, openPool, reachable } = await import('../db/postgres-open');
  const pool = openPool(url, label, 1);
  try {
    await reachable(pool, url, label);
    return await checkContents(pool, label);
  } finally {
    await pool.end();
  }
}

/**
 * The choice kept for the folder, after the check above; the command line sets it so
 * (`dialdesk db use`) without opening the desk, which may not open while its database is out of reach.
 */
export async function saveChoice(dataDir: string, url: string | null): Promise<string | null> {
  if (url !== null) {
    if (!isPostgresUrl(url)) throw new AppError('BAD_INPUT', `url: "${safeUrl(url)}" is not a postgres:// URL`);
    await checkDatabase(url);
  }
  box(dataDir).set(SECRET, url);
  return url === null ? null : safeUrl(url);
}

/**
 * Sets the database the desk starts on next (null: back to its own file), after checking a URL as
 * above. The audit log keeps the choice without its password.
 */
export async function chooseDatabase(core: Core, actor: Actor, url: string | null): Promise<DeskDatabase> {
  const before = deskDatabase(core).chosen;
  await saveChoice(core.dataDir, url);
  const after = url === null ? null : safeUrl(url);
  await writeAudit(
    core.db,
    actor,
    {
      companyId: null,
      entity: 'desk_settings',
      entityId: null,
      action: 'database',
      before: { database: before },
      after: { database: after },
    },
    core.clock(),
  );
  return deskDatabase(core);
}
