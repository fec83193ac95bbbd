import { existsSync, statfsSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../migrations';
import { readBackupStatus } from '../backup/status';
import { DATABASE_FILE } from '../core';
import { readDatabaseFacts } from '../db/inspect';
import { dataFolderOwned, OWNER_LOCK_FILE, readOwnerDetails } from '../db/owner';
import { LOG_FOLDER } from '../log/log';
import type { DeskSettings } from '../../../src-shared/contract/settings';
import { VERSION } from '../version';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  [key: string]: unknown;
}

export interface DoctorReport {
  dataDir: string;
  /** false when any check failed */
  ok: boolean;
  checks: Check[];
}

/** A WAL past this means checkpoints are not keeping up (db/checkpointer.ts keeps it far smaller). */
export const WAL_WARN_BYTES = 256 * 1024 * 1024;
/** Below this a backup (a whole copy of the database) or a big import may fail with a full disk. */
export const FREE_DISK_WARN_BYTES = 1024 * 1024 * 1024;

/**
 * `dialdesk doctor`: what a site owner (or whoever they call) needs to know first, read without
 * changing anything: no migration, no claim on the folder, no write to the database.
 */
export async function examine(dataDir: string, desk: DeskSettings, options: { nativeBinding?: string } = {}): Promise<DoctorReport> {
  const checks: Check[] = [];
  const add = (check: Check) => checks.push(check);
  if (!existsSync(dataDir)) {
    add({ name: 'data folder', status: 'fail', detail: `${dataDir} does not exist (give --data-dir, or start DialDesk once)` });
    return { dataDir, ok: false, checks };
  }
  add(versions());
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    add({ name: 'database', status: 'fail', detail: `there is no ${DATABASE_FILE} in ${dataDir}` });
  } else {
    checks.push(...(await database(file, options.nativeBinding)));
    add(wal(file));
  }
  add(freeDisk(dataDir));
  const owner = ownerCheck(dataDir, options.nativeBinding);
  add(owner);
  add(await portCheck(owner, desk));
  add(backups(dataDir, desk));
  add({ name: 'log', status: 'info', detail: `the log files are in ${join(dataDir, LOG_FOLDER)}`, folder: join(dataDir, LOG_FOLDER) });
  return { dataDir, ok: checks.every((c) => c.status !== 'fail'), checks };
}

function versions(): Check {
  const require = createRequire(import.meta.url);
  const sqlitePackage = (require('better-sqlite3/package.json') as { version: string }).version;
  const found = {
    dialdesk: VERSION,
    node: process.version,
    electron: process.versions.electron ?? null,
    betterSqlite3: sqlitePackage,
    platform: `${process.platform} ${process.arch}`,
  };
  return {
    name: 'versions',
    status: 'info',
    detail: `DialDesk ${VERSION}, Node ${process.version}, better-sqlite3 ${sqlitePackage}`,
    ...found,
  };
}

async function database(file: string, nativeBinding?: string): Promise<Check[]> {
  const known = Object.keys(MIGRATIONS);
  const facts = await readDatabaseFacts(file, nativeBinding).catch((err: Error) => ({
    kind: 'unreadable' as const,
    error: err.message,
    code: '',
  }));
  switch (facts.kind) {
    case 'not-sqlite':
      return [{ name: 'integrity', status: 'fail', detail: `${file} is not a SQLite database` }];
    case 'truncated':
      return [{ name: 'integrity', status: 'fail', detail: `${file} is cut short (${facts.bytes} bytes, pages of ${facts.pageSize})` }];
    case 'unreadable':
      return [{ name: 'integrity', status: 'fail', detail: `${file} cannot be read: ${facts.error}` }];
    case 'read': {
      const intact = facts.integrity.length === 1 && facts.integrity[0] === 'ok';
      const unknown = facts.migrations.filter((m) => !known.includes(m));
      const pending = known.filter((m) => !facts.migrations.includes(m));
      const schemaVersion = facts.migrations.at(-1) ?? null;
      return [
        {
          name: 'integrity',
          status: intact ? 'ok' : 'fail',
          detail: intact ? "SQLite's integrity check: ok" : `SQLite's integrity check: ${facts.integrity.slice(0, 3).join('; ')}`,
          sqliteVersion: facts.sqliteVersion,
        },
        {
          name: 'schema',
          status: unknown.length ? 'fail' : pending.length ? 'warn' : 'ok',
          detail: unknown.length
            ? `written by a newer DialDesk (${unknown.join(', ')}): this version must not open it`
            : pending.length
              ? `at ${schemaVersion}; ${pending.length} migration(s) run when DialDesk next starts: ${pending.join(', ')}`
              : `up to date (${schemaVersion})`,
          schemaVersion,
          latest: known.at(-1),
          pending,
        },
      ];
    }
  }
}

function wal(file: string): Check {
  const walFile = `${file}-wal`;
  const bytes = existsSync(walFile) ? statSync(walFile).size : 0;
  return {
    name: 'wal',
    status: bytes > WAL_WARN_BYTES ? 'warn' : 'ok',
    detail: `the write-ahead log holds ${mb(bytes)}${bytes > WAL_WARN_BYTES ? ': checkpoints are not keeping up (a long reader?)' : ''}`,
    bytes,
  };
}

function freeDisk(dataDir: string): Check {
  const fs = statfsSync(dataDir);
  const bytes = fs.bavail * fs.bsize;
  return {
    name: 'disk',
    status: bytes < FREE_DISK_WARN_BYTES ? 'warn' : 'ok',
    detail: `${mb(bytes)} free where the data folder is${bytes < FREE_DISK_WARN_BYTES ? ': a backup or a big import may fail' : ''}`,
    freeBytes: bytes,
  };
}

function ownerCheck(dataDir: string, nativeBinding?: string): Check {
  // every owner creates the lock file first: without it nobody owns the folder, and doctor creates nothing
  const owned = existsSync(join(dataDir, OWNER_LOCK_FILE)) && dataFolderOwned(dataDir, nativeBinding);
  const details = owned ? readOwnerDetails(dataDir) : null;
  return {
    name: 'owner',
    status: 'info',
    detail: owned
      ? `in use by ${details?.kind === 'app' ? 'the desktop app' : details?.kind === 'restore' ? 'dialdesk restore' : 'dialdesk serve'} (pid ${details?.pid ?? '?'}${details?.url ? `, ${details.url}` : ''})`
      : 'no DialDesk process runs on this folder',
    owned,
    by: details,
  };
}

async function portCheck(owner: Check, desk: DeskSettings): Promise<Check> {
  const by = owner.by as { kind: string; url: string | null } | null;
  const url =
    by?.url ??
    (by?.kind === 'app' && desk.httpEnabled ? `${desk.tlsCertFile ? 'https' : 'http'}://${desk.httpHost}:${desk.httpPort}` : null);
  if (!owner.owned) return { name: 'port', status: 'info', detail: 'not checked: nothing serves this folder now' };
  if (!url) return { name: 'port', status: 'info', detail: "the desktop app's HTTP port is off (Settings)" };
  const answer = await health(url.replace('0.0.0.0', '127.0.0.1'));
  return answer.ok
    ? { name: 'port', status: 'ok', detail: `${url} answers (DialDesk ${answer.version})`, url }
    : { name: 'port', status: 'fail', detail: `${url} does not answer: ${answer.error}`, url };
}

/** GET /api/v1/health. A self-signed certificate is the site's own: reachability is what is checked here. */
function health(url: string): Promise<{ ok: true; version: string } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const request = url.startsWith('https') ? httpsRequest : httpRequest;
    const req = request(`${url}/api/v1/health`, { timeout: 3000, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        try {
          const parsed = JSON.parse(body) as { status?: string; version?: string };
          if (res.statusCode === 200 && parsed.status === 'ok') return resolve({ ok: true, version: parsed.version ?? '?' });
        } catch {
          // not DialDesk's answer
        }
        resolve({ ok: false, error: `HTTP ${res.statusCode}` });
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 3 s')));
    req.on('error', (err) => resolve({ ok: false, error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end();
  });
}

function backups(dataDir: string, desk: DeskSettings): Check {
  const last = readBackupStatus(dataDir);
  if (!desk.backupDir) return { name: 'backups', status: 'warn', detail: 'no backup folder is set: nothing is backed up on a schedule' };
  if (!last)
    return { name: 'backups', status: 'info', detail: `into ${desk.backupDir}; no scheduled backup has run yet`, folder: desk.backupDir };
  return {
    name: 'backups',
    status: last.ok ? 'ok' : 'warn',
    detail: last.ok ? `last scheduled backup ${last.at}: ${last.fileName}` : `the last scheduled backup failed (${last.at}): ${last.error}`,
    folder: desk.backupDir,
    last,
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
