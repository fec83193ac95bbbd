import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Timers } from '../../../src-main/core/backup/schedule';
import { call, makeTestCore, manualClock, ok, seedWorld, willChooseFolder, type TestCore, type World } from '../../world';

const HOUR = 3_600_000;
let core: TestCore;
let w: World;
afterEach(async () => core?.dispose());

/** The schedule's timer, held by the test: it fires when the test says, with the clock the test set. */
function handTimers() {
  const ticks: (() => void)[] = [];
  const timers: Timers = { setInterval: (fn) => ticks.push(fn), clearInterval: () => undefined };
  return { timers, fire: () => ticks.forEach((fn) => fn()) };
}

async function setup(settings: { everyHours: number; keep: number }) {
  const time = manualClock(Date.parse('2026-03-02T10:00:00Z'));
  const hand = handTimers();
  core = await makeTestCore({ clock: time.clock, scheduleBackups: hand.timers });
  w = await seedWorld(core);
  const folder = join(core.dataDir, 'backups');
  willChooseFolder(core, folder);
  ok(await call(core, w.superuser, 'files.chooseBackupDir', {}));
  ok(await call(core, w.superuser, 'settings.updateDesk', { backupEveryHours: settings.everyHours, backupKeep: settings.keep }));
  /** fires the timer as the real one would, and waits for what it started */
  const tick = async () => {
    hand.fire();
    return core.backupSchedule!.tick();
  };
  return { time, folder, tick };
}

describe('scheduled backups', () => {
  it('run when due on the clock, keep the newest few, and show the last result', async () => {
    const { time, folder, tick } = await setup({ everyHours: 6, keep: 2 });
    const first = await tick();
    expect(first).toMatchObject({ ok: true, fileName: 'dialdesk-backup-20260302-100000.sqlite', error: null, removed: [] });

    time.advance(5 * HOUR + 59 * 60_000);
    expect(await tick()).toBeNull(); // not due yet
    time.advance(60_000);
    expect(await tick()).toMatchObject({ ok: true, fileName: 'dialdesk-backup-20260302-160000.sqlite' });
    time.advance(6 * HOUR);
    expect(await tick()).toMatchObject({ ok: true, removed: ['dialdesk-backup-20260302-100000.sqlite'] });
    expect(readdirSync(folder).sort()).toEqual(['dialdesk-backup-20260302-160000.sqlite', 'dialdesk-backup-20260302-220000.sqlite']);

    const status = ok(await call(core, w.superuser, 'backup.status', {}));
    expect(status).toMatchObject({
      folder,
      everyHours: 6,
      keep: 2,
      nextDueAt: '2026-03-03T04:00:00.000Z',
      last: { ok: true, fileName: 'dialdesk-backup-20260302-220000.sqlite' },
    });
    expect(status.files.map((f) => f.fileName)).toEqual([
      'dialdesk-backup-20260302-220000.sqlite',
      'dialdesk-backup-20260302-160000.sqlite',
    ]);
    expect(await call(core, w.users.admin, 'backup.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('leaves files it did not write alone', async () => {
    const { time, folder, tick } = await setup({ everyHours: 1, keep: 1 });
    mkdirSync(join(folder, 'dialdesk-backup-keep-me'));
    await tick();
    time.advance(HOUR);
    await tick();
    expect(readdirSync(folder).sort()).toEqual(['dialdesk-backup-20260302-110000.sqlite', 'dialdesk-backup-keep-me']);
  });

  it('names the cause of a failed backup, and tries again after a while, not every minute', async () => {
    const { time, folder, tick } = await setup({ everyHours: 24, keep: 3 });
    rmSync(folder, { recursive: true }); // the drive was unplugged
    const failed = await tick();
    expect(failed).toMatchObject({ ok: false, fileName: null, error: expect.stringContaining('is not there') });
    expect(existsSync(folder)).toBe(false); // never created where a drive should be mounted
    time.advance(60_000);
    expect(await tick()).toBeNull();
    expect(ok(await call(core, w.superuser, 'backup.status', {})).last).toMatchObject({ ok: false, error: failed!.error });
    mkdirSync(folder);
    time.advance(14 * 60_000);
    expect(await tick()).toMatchObject({ ok: true });
  });

  it('runs nothing without a folder or with 0 hours', async () => {
    const { time, tick } = await setup({ everyHours: 0, keep: 3 });
    expect(await tick()).toBeNull();
    expect(ok(await call(core, w.superuser, 'backup.status', {})).nextDueAt).toBeNull();
    time.advance(1000 * HOUR);
    expect(await tick()).toBeNull();
  });

  it('refuses a bad schedule and a folder it may not write into, changing nothing', async () => {
    const { folder } = await setup({ everyHours: 12, keep: 5 });
    for (const patch of [{ backupEveryHours: -1 }, { backupEveryHours: 1.5 }, { backupKeep: 0 }, { backupEveryHours: 24 * 31 }]) {
      expect(await call(core, w.superuser, 'settings.updateDesk', patch)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    // the write check's own file cannot be created there (a folder stands in its place)
    const blocked = join(core.dataDir, 'blocked');
    mkdirSync(join(blocked, `.dialdesk-write-check-${process.pid}`), { recursive: true });
    willChooseFolder(core, blocked);
    expect(await call(core, w.superuser, 'files.chooseBackupDir', {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('cannot be written') },
    });
    expect(core.desk.get()).toMatchObject({ backupDir: folder, backupEveryHours: 12, backupKeep: 5 });
  });
});
