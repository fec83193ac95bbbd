import { existsSync } from 'node:fs';
import type { BackupStatus, ScheduledBackupResult } from '../../../src-shared/contract/backup';
import type { Actor } from '../audit/audit';
import type { Core } from '../core';
import { AppError } from '../errors';
import { toIso } from '../time';
import { listBackups, pruneBackups } from './folder';
import { runBackup } from './service';
import { readBackupStatus, writeBackupStatus } from './status';

export const SCHEDULE_ACTOR: Actor = { userId: null, name: 'backup schedule' };

/** How often the schedule looks at the clock; a backup starts within this much of being due. */
export const CHECK_EVERY_MS = 60_000;
/** A failed backup is tried again after this long (or after its interval, if that is shorter). */
export const RETRY_AFTER_FAILURE_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

/** The timer the schedule runs on; tests drive it by hand, with the core's settable clock. */
export interface Timers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface BackupSchedule {
  /** runs a backup if one is due (what each timer tick does); answers the run's result, or null */
  tick(): Promise<ScheduledBackupResult | null>;
  stop(): Promise<void>;
}

/**
 * Backups on a schedule (desk settings: every N hours into the backup folder, the newest `keep`
 * kept). For the long-running processes that own the data folder: the app and `dialdesk serve`.
 */
export function startBackupSchedule(core: Core, timers: Timers = realTimers): BackupSchedule {
  let running: Promise<ScheduledBackupResult | null> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped) return Promise.resolve(null);
    running ??= runIfDue(core).finally(() => (running = null));
    return running;
  };
  const handle = timers.setInterval(() => void tick(), CHECK_EVERY_MS);
  return {
    tick,
    async stop() {
      stopped = true;
      timers.clearInterval(handle);
      await running;
    },
  };
}

/** When the next scheduled backup is due (ms), or null when none is scheduled. */
export function nextDueAt(core: Core): number | null {
  const desk = core.desk.get();
  if (!desk.backupDir || desk.backupEveryHours <= 0) return null;
  const last = readBackupStatus(core.dataDir);
  if (!last) return core.clock();
  const every = desk.backupEveryHours * HOUR_MS;
  return Date.parse(last.at) + (last.ok ? every : Math.min(every, RETRY_AFTER_FAILURE_MS));
}

export function backupStatus(core: Core): BackupStatus {
  const desk = core.desk.get();
  const due = nextDueAt(core);
  return {
    folder: desk.backupDir,
    everyHours: desk.backupEveryHours,
    keep: desk.backupKeep,
    nextDueAt: due === null ? null : toIso(due),
    last: readBackupStatus(core.dataDir),
    files: desk.backupDir ? listBackups(desk.backupDir) : [],
  };
}

async function runIfDue(core: Core): Promise<ScheduledBackupResult | null> {
  const due = nextDueAt(core);
  const now = core.clock();
  if (due === null || now < due) return null;
  const { backupDir, backupKeep } = core.desk.get();
  let result: ScheduledBackupResult;
  try {
    const answer = await runBackup(core, SCHEDULE_ACTOR, { backupDir: true });
    let removed: string[] = [];
    try {
      removed = pruneBackups(backupDir!, backupKeep);
    } catch (err) {
      // the new backup is there and checked; a file that cannot be deleted is the folder's problem
      core.log.logger.warn({ err }, `scheduled backup: older backups in ${backupDir} could not be deleted`);
    }
    result = { at: toIso(now), ok: true, fileName: answer.fileName, bytes: answer.bytes, tookMs: answer.tookMs, error: null, removed };
    core.log.logger.info({ backup: result }, 'scheduled backup written');
  } catch (err) {
    const error = describeBackupFailure(err, backupDir!);
    result = { at: toIso(now), ok: false, fileName: null, bytes: null, tookMs: null, error, removed: [] };
    core.log.logger.error({ err, backupDir }, `scheduled backup failed: ${error}`);
  }
  try {
    writeBackupStatus(core.dataDir, result);
  } catch (err) {
    core.log.logger.error({ err }, 'the backup status could not be written');
  }
  return result;
}

/** A backup's failure in words that name its cause. */
export function describeBackupFailure(err: unknown, dir: string): string {
  if (err instanceof AppError) return err.message;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    return `the disk that holds the backup folder ${dir} is full (or failing writes); nothing was kept (${code})`;
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY') {
    return `the backup folder ${dir} cannot be written (${code})`;
  }
  if (!existsSync(dir)) return `the backup folder ${dir} is not there: is its drive connected? (or choose it again in Settings)`;
  return err instanceof Error ? err.message : String(err);
}
